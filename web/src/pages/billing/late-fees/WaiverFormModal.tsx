import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import {
  type AccountLedger,
  lateFeesKey,
  listWaiverReasons,
  requestWaiver,
  type WaiverCategory,
  type WaiverInput,
} from '../../../api/lateFees';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { blankToUndefined, rules } from '../../../lib/validation';
import { formatYuan } from '../../approvals/format';

interface WaiverForm {
  entryIds: string[];
  category: WaiverCategory;
  reason?: string;
  amount: string;
  note?: string;
}

const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

/** A decimal string in fen, exactly (no floating point). */
export function toFen(amount: string): number {
  const [whole = '0', fraction = ''] = amount.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}
const fromFen = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * 申请减免违约金 (BIL-4): choose the debts, waive or reduce and why, and an amount no more than what those
 * debts' late fees still allow (checked as you type, and again by the server). Filed for approval: the chain
 * of the amount's tier signs in order.
 */
export function WaiverFormModal({
  open,
  ledger,
  onClose,
}: {
  open: boolean;
  ledger: AccountLedger;
  onClose: () => void;
}) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<WaiverForm>();
  const category = Form.useWatch('category', form);
  const chosen = Form.useWatch('entryIds', form);
  const reasons = useQuery({ queryKey: [...lateFeesKey, 'reasons'], queryFn: listWaiverReasons, staleTime: 3_600_000 });
  const debts = ledger.debts.filter((d) => toFen(d.waivable) > 0);
  const maxFen = (ids: string[] | undefined) =>
    debts.filter((d) => ids?.includes(d.entryId)).reduce((s, d) => s + toFen(d.waivable), 0);
  const max = fromFen(maxFen(chosen));

  const mutation = useMutation({
    mutationFn: (body: WaiverInput) => requestWaiver(body),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (w) => {
      message.success(t('lateFee.waiver.submitted', { levels: w.levels, step: w.currentStepLabel ?? '' }));
      queryClient.invalidateQueries({ queryKey: lateFeesKey });
      close();
    },
  });

  function close() {
    mutation.reset();
    onClose();
  }

  const onFinish = (v: WaiverForm) =>
    mutation.mutate({
      accountId: ledger.accountId,
      entryIds: v.entryIds,
      category: v.category,
      reason: v.reason!,
      amount: v.amount.trim(),
      note: blankToUndefined(v.note) ?? null,
    });

  return (
    <FormModal
      open={open}
      title={t('lateFee.waiver.title', { accountNo: ledger.accountNo })}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="waiver-submit"
      submitLabel={t('lateFee.waiver.submit')}
      width={600}
    >
      {debts.length === 0 ? (
        <Typography.Text type="secondary" data-testid="waiver-nothing">
          {t('lateFee.waiver.nothing')}
        </Typography.Text>
      ) : (
        <Form<WaiverForm>
          form={form}
          layout="vertical"
          validateTrigger="onChange"
          preserve={false}
          initialValues={{ entryIds: debts.map((d) => d.entryId), category: 'waive' }}
          onFinish={onFinish}
        >
          <Form.Item
            name="entryIds"
            label={t('lateFee.waiver.debts')}
            rules={[rules.requiredSelect(t, 'lateFee.waiver.debts')]}
          >
            <Checkbox.Group data-testid="waiver-debts">
              <Space orientation="vertical">
                {debts.map((d) => (
                  <Checkbox key={d.entryId} value={d.entryId}>
                    {t('lateFee.waiver.debtOption', {
                      period: d.period ?? '—',
                      dueOn: d.dueOn,
                      amount: formatYuan(d.waivable),
                    })}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item
            name="category"
            label={t('lateFee.waiver.category')}
            rules={[rules.requiredSelect(t, 'lateFee.waiver.category')]}
          >
            <Radio.Group
              data-testid="waiver-category"
              onChange={() => form.setFieldValue('reason', undefined)}
              options={(['waive', 'reduce'] as const).map((c) => ({ value: c, label: t(`lateFee.category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('lateFee.waiver.reason')}
            rules={[rules.requiredSelect(t, 'lateFee.waiver.reason')]}
          >
            <Select
              data-testid="waiver-reason"
              loading={reasons.isPending}
              options={(reasons.data?.items ?? [])
                .filter((r) => r.category === category)
                .map((r) => ({ value: r.code, label: lang === 'zh-CN' ? r.zh : r.en }))}
            />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t('lateFee.waiver.amount')}
            dependencies={['entryIds']}
            extra={t('lateFee.waiver.max', { max: formatYuan(max) })}
            rules={[
              rules.required(t, 'lateFee.waiver.amount'),
              {
                validator: async (_, value: string | undefined) => {
                  const v = value?.trim();
                  if (!v) return;
                  if (!AMOUNT.test(v) || toFen(v) <= 0) throw new Error(t('lateFee.waiver.amountInvalid'));
                  const limit = maxFen(form.getFieldValue('entryIds'));
                  if (toFen(v) > limit)
                    throw new Error(t('lateFee.waiver.amountAbove', { max: formatYuan(fromFen(limit)) }));
                },
              },
            ]}
          >
            <Input inputMode="decimal" prefix="¥" style={{ width: 200 }} data-testid="waiver-amount" />
          </Form.Item>
          <Form.Item name="note" label={t('lateFee.waiver.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="waiver-note" />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

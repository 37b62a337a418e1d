import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  ADJUSTMENT_KINDS,
  type Adjustment,
  type AdjustmentDirection,
  type AdjustmentKind,
  adjustmentsKey,
  applyAdjustment,
} from '../../../api/adjustments';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { rules } from '../../../lib/validation';
import { AccountSelect } from '../../customers/AccountSelect';

interface FormValues {
  accountId?: string;
  kind?: AdjustmentKind;
  direction?: AdjustmentDirection;
  previousReading?: string;
  currentReading?: string;
  volume?: string;
  price?: string;
  amount?: string;
  periods?: Dayjs[];
  reason?: string;
  evidence?: string;
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const VOLUME = /^\d{1,9}(\.\d{1,3})?$/;
const PRICE = /^\d{1,6}(\.\d{1,4})?$/;
const blank = (v?: string) => !v?.trim();

/** A decimal string as an integer of `scale` decimals (exact; no floating point), or null. */
function scaled(v: string | undefined, pattern: RegExp, scale: number): bigint | null {
  if (blank(v) || !pattern.test(v!.trim())) return null;
  const [int, frac = ''] = v!.trim().split('.');
  return BigInt(int! + frac.padEnd(scale, '0'));
}
const fixed = (n: bigint, scale: number) => {
  const s = n.toString().padStart(scale + 1, '0');
  return `${s.slice(0, -scale)}.${s.slice(-scale)}`;
};

/** volume × price rounded half-up to 0.01, as the server computes it; null when either is missing. */
export function computedAmount(volume?: string, price?: string): string | null {
  const v = scaled(volume, VOLUME, 3);
  const p = scaled(price, PRICE, 4);
  if (v === null || p === null) return null;
  return fixed((v * p + 50_000n) / 100_000n, 2);
}

/** BIL-5 气量气费退补申请单 (000 §143 附件1): validated as you type; filed for approval on submit. */
export function AdjustmentFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (a: Adjustment) => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const volume = Form.useWatch('volume', form);
  const price = Form.useWatch('price', form);
  const computed = computedAmount(volume, price);
  const mutation = useMutation({
    mutationFn: (v: FormValues) =>
      applyAdjustment({
        accountId: v.accountId!,
        kind: v.kind!,
        direction: v.direction!,
        previousReading: v.previousReading?.trim() || undefined,
        currentReading: v.currentReading?.trim() || undefined,
        volume: v.volume?.trim() || undefined,
        price: v.price?.trim() || undefined,
        amount: v.amount?.trim() || undefined,
        periods: (v.periods ?? []).map((d) => d.format('YYYY-MM')),
        reason: v.reason!.trim(),
        evidence: v.evidence?.trim() || undefined,
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (a) => {
      message.success(t('adjustment.submitted', { no: a.adjustmentNo }));
      queryClient.invalidateQueries({ queryKey: adjustmentsKey });
      mutation.reset();
      onCreated?.(a);
      onClose();
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  /** Empty, or a number of the pattern (above 0 unless `zeroOk`). */
  const pattern = (re: RegExp, key: MessageKey, zeroOk = false) => ({
    validator: (_: unknown, v?: string) =>
      blank(v) || (re.test(v!.trim()) && (zeroOk || Number(v) > 0))
        ? Promise.resolve()
        : Promise.reject(new Error(t(key))),
  });

  return (
    <FormModal
      open={open}
      title={t('adjustment.newTitle')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="adjustment-submit"
      width={720}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ direction: 'credit', periods: [] }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="accountId"
          label={t('adjustment.account')}
          rules={[rules.requiredSelect(t, 'adjustment.account')]}
        >
          <AccountSelect data-testid="adjustment-account" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('adjustment.kind')} rules={[rules.requiredSelect(t, 'adjustment.kind')]}>
              <Select
                data-testid="adjustment-kind"
                options={ADJUSTMENT_KINDS.map((k) => ({ value: k, label: t(`adjustment.kind.${k}` as MessageKey) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="direction"
              label={t('adjustment.direction')}
              rules={[rules.requiredSelect(t, 'adjustment.direction')]}
            >
              <Radio.Group data-testid="adjustment-direction">
                <Radio value="credit">{t('adjustment.direction.credit')}</Radio>
                <Radio value="debit">{t('adjustment.direction.debit')}</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="previousReading"
              label={t('adjustment.previousReading')}
              rules={[pattern(VOLUME, 'adjustment.invalidReading', true)]}
            >
              <Input inputMode="decimal" data-testid="adjustment-previous" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="currentReading"
              label={t('adjustment.currentReading')}
              rules={[pattern(VOLUME, 'adjustment.invalidReading', true)]}
            >
              <Input inputMode="decimal" data-testid="adjustment-current" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="volume"
              label={t('adjustment.volume')}
              dependencies={['previousReading', 'currentReading']}
              rules={[
                pattern(VOLUME, 'adjustment.invalidVolume'),
                ({ getFieldValue }) => ({
                  validator: (_: unknown, v?: string) => {
                    const a = scaled(getFieldValue('previousReading'), VOLUME, 3);
                    const b = scaled(getFieldValue('currentReading'), VOLUME, 3);
                    const given = scaled(v, VOLUME, 3);
                    if (a === null || b === null || given === null) return Promise.resolve();
                    const diff = b > a ? b - a : a - b;
                    return diff === given
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('adjustment.readingsMismatch', { diff: fixed(diff, 3) })));
                  },
                }),
              ]}
            >
              <Input inputMode="decimal" data-testid="adjustment-volume" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="price" label={t('adjustment.price')} rules={[pattern(PRICE, 'adjustment.invalidPrice')]}>
              <Input inputMode="decimal" data-testid="adjustment-price" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="amount"
              label={t('adjustment.amount')}
              dependencies={['volume', 'price']}
              extra={computed ? t('adjustment.computed', { amount: computed }) : t('adjustment.amountHint')}
              rules={[
                pattern(AMOUNT, 'adjustment.invalidAmount'),
                ({ getFieldValue }) => ({
                  validator: (_: unknown, v?: string) => {
                    const c = computedAmount(getFieldValue('volume'), getFieldValue('price'));
                    if (blank(v)) return c ? Promise.resolve() : Promise.reject(new Error(t('adjustment.needAmount')));
                    const given = scaled(v, AMOUNT, 2);
                    if (c && given !== null && fixed(given, 2) !== c)
                      return Promise.reject(new Error(t('adjustment.amountMismatch', { amount: c })));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <Input inputMode="decimal" data-testid="adjustment-amount" placeholder={computed ?? undefined} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="periods" label={t('adjustment.periods')}>
          <DatePicker picker="month" multiple style={{ width: '100%' }} data-testid="adjustment-periods" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('adjustment.reason')}
          rules={[rules.required(t, 'adjustment.reason'), { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="adjustment-reason" />
        </Form.Item>
        <Form.Item name="evidence" label={t('adjustment.evidence')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('adjustment.evidenceHint')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

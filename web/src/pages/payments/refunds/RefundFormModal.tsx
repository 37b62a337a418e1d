import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import {
  fileRefund,
  REFUND_CASES,
  type Refund,
  type RefundCase,
  refundChecklist,
  refundsKey,
} from '../../../api/refunds';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { rules } from '../../../lib/validation';
import { AccountSelect } from '../../customers/AccountSelect';
import { cents } from './shared';

interface FormValues {
  accountId?: string;
  caseKind?: RefundCase;
  amount?: string;
  documents?: string[];
  notes?: string;
  payeeName?: string;
  bankName?: string;
  bankAccountNo?: string;
}

const BANK_ACCOUNT = /^[0-9 -]{6,40}$/;

/**
 * PAY-7 退费申请 (000 ch.15): the case's checklist and the refundable prepayment load with the account; the
 * amount, the documents and the bank details are checked as you type, as the server checks them.
 */
export function RefundFormModal({
  open,
  onClose,
  onCreated,
  accountId: initialAccount,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (r: Refund) => void;
  accountId?: string;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const accountId = Form.useWatch('accountId', form);
  const caseKind = Form.useWatch('caseKind', form);
  const checklist = useQuery({
    queryKey: [...refundsKey, 'checklist', accountId, caseKind],
    queryFn: () => refundChecklist(accountId!, caseKind!),
    enabled: open && !!accountId && !!caseKind,
  });
  const c = checklist.data;
  useEffect(() => {
    // The refundable amount arrived: the amount typed before is checked against it.
    if (c && form.getFieldValue('amount')) form.validateFields(['amount']).catch(() => undefined);
  }, [form, c]);
  const mutation = useMutation({
    mutationFn: (v: FormValues) =>
      fileRefund({
        accountId: v.accountId!,
        caseKind: v.caseKind!,
        amount: v.amount!.trim(),
        documents: v.documents ?? [],
        notes: v.notes?.trim() || undefined,
        payeeName: v.payeeName?.trim() || undefined,
        bankName: v.bankName?.trim() || undefined,
        bankAccountNo: v.bankAccountNo?.trim() || undefined,
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (r) => {
      message.success(t('refund.submitted', { no: r.no }));
      queryClient.invalidateQueries({ queryKey: refundsKey });
      queryClient.invalidateQueries({ queryKey: ['account-finance'] });
      mutation.reset();
      onCreated?.(r);
      onClose();
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  const commercial = caseKind === 'commercial';

  return (
    <FormModal
      open={open}
      title={t('refund.newTitle')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="refund-submit"
      width={760}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ accountId: initialAccount, documents: [] }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="accountId" label={t('refund.account')} rules={[rules.requiredSelect(t, 'refund.account')]}>
              <AccountSelect data-testid="refund-account" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="caseKind"
              label={t('refund.caseKind')}
              rules={[rules.requiredSelect(t, 'refund.caseKind')]}
            >
              <Select
                // Another case lists other documents: what was ticked for the previous one does not carry over.
                onChange={() => form.setFieldValue('documents', [])}
                data-testid="refund-case"
                options={REFUND_CASES.map((k) => ({ value: k, label: t(`refund.case.${k}` as MessageKey) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {c ? (
          <Alert
            type={Number(c.available) > 0 ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="refund-available"
            title={t('refund.prepayment', { prepayment: c.prepayment, pending: c.pending, available: c.available })}
          />
        ) : (
          <Typography.Paragraph type="secondary">{t('refund.chooseAccountFirst')}</Typography.Paragraph>
        )}
        <Form.Item
          name="amount"
          label={t('refund.amount')}
          dependencies={['accountId', 'caseKind']}
          rules={[
            rules.required(t, 'refund.amount'),
            {
              validator: (_: unknown, v?: string) => {
                if (!v?.trim()) return Promise.resolve();
                const n = cents(v);
                if (n === null || n <= 0n) return Promise.reject(new Error(t('refund.invalidAmount')));
                const available = cents(c?.available);
                if (available !== null && n > available)
                  return Promise.reject(new Error(t('refund.aboveAvailable', { available: c!.available })));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="decimal" prefix="¥" data-testid="refund-amount" />
        </Form.Item>
        {c && (
          <Form.Item
            name="documents"
            label={t('refund.documents')}
            extra={t('refund.documentsHint')}
            rules={[
              {
                validator: (_: unknown, v?: string[]) => {
                  const missing = c.documents.filter((d) => d.required && !(v ?? []).includes(d.code));
                  return missing.length === 0
                    ? Promise.resolve()
                    : Promise.reject(
                        new Error(t('refund.documentsMissing', { missing: missing.map((d) => d.label).join('；') })),
                      );
                },
              },
            ]}
          >
            <Checkbox.Group data-testid="refund-documents">
              <Space direction="vertical">
                {c.documents.map((d) => (
                  <Checkbox key={d.code} value={d.code} data-testid={`refund-doc-${d.code}`}>
                    {d.required ? <Typography.Text type="danger">* </Typography.Text> : null}
                    {d.label}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('refund.notes')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} showCount data-testid="refund-notes" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="payeeName"
              label={t('refund.payeeName')}
              dependencies={['caseKind']}
              rules={[
                { max: 100 },
                ...(commercial ? [{ required: true, whitespace: true, message: t('refund.bankRequired') }] : []),
              ]}
            >
              <Input maxLength={100} data-testid="refund-payee" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="bankName" label={t('refund.bankName')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="bankAccountNo"
              label={t('refund.bankAccountNo')}
              dependencies={['caseKind']}
              rules={[
                { pattern: BANK_ACCOUNT, message: t('refund.invalidBankAccount') },
                ...(commercial ? [{ required: true, whitespace: true, message: t('refund.bankRequired') }] : []),
              ]}
            >
              <Input maxLength={40} inputMode="numeric" data-testid="refund-bank-account" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}

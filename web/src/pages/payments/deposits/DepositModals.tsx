import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import {
  DEPOSIT_METHODS,
  type Deposit,
  type DepositMethod,
  depositReceiptUrl,
  depositsKey,
  type NewDeposit,
  RECEIVED_KINDS,
  type ReleaseAction,
  receiveDeposit,
  releaseDeposit,
} from '../../../api/deposits';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { rules } from '../../../lib/validation';
import { AccountSelect } from '../../customers/AccountSelect';
import { cents } from '../refunds/shared';

const RECEIPT_NO = /^[A-Za-z0-9-]{1,40}$/;

/** Opens the deposit receipt (80 mm) in a new window to print. */
export function usePrintReceipt() {
  const { t } = useT();
  const { message } = App.useApp();
  return (id: string) => {
    const w = window.open('', '_blank');
    if (!w) {
      message.warning(t('deposit.popupBlocked'));
      return;
    }
    w.opener = null;
    w.location.href = depositReceiptUrl(id);
  };
}

interface ReceiveValues {
  accountId?: string;
  kind?: NewDeposit['kind'];
  amount?: string;
  method: DepositMethod;
  reference?: string;
  receiptNo?: string;
  note?: string;
}

/** PAY-8 收取押金: the tender and the paper receipt's number; the receipt prints at once. */
export function ReceiveModal({ open, onClose, accountId }: { open: boolean; onClose: () => void; accountId?: string }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const print = usePrintReceipt();
  const [form] = Form.useForm<ReceiveValues>();
  const method = Form.useWatch('method', form);
  const kind = Form.useWatch('kind', form);
  const mutation = useMutation({
    mutationFn: (v: ReceiveValues) =>
      receiveDeposit({
        accountId: v.accountId!,
        kind: v.kind!,
        amount: v.amount?.trim() || undefined,
        method: v.method,
        reference: v.reference?.trim() || undefined,
        receiptNo: v.receiptNo?.trim() || undefined,
        note: v.note?.trim() || undefined,
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (d) => {
      message.success({
        content: (
          <Space>
            {t('deposit.received', { no: d.no })}
            <Button size="small" onClick={() => print(d.id)} data-testid="deposit-print-now">
              {t('deposit.printReceipt')}
            </Button>
          </Space>
        ),
        duration: 8,
      });
      queryClient.invalidateQueries({ queryKey: depositsKey });
      queryClient.invalidateQueries({ queryKey: ['account-finance'] });
      mutation.reset();
      onClose();
    },
  });
  return (
    <FormModal
      open={open}
      title={t('deposit.receiveTitle')}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="deposit-receive-submit"
      width={640}
    >
      <Form<ReceiveValues>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ accountId, method: 'cash' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="accountId" label={t('deposit.account')} rules={[rules.requiredSelect(t, 'deposit.account')]}>
          <AccountSelect data-testid="deposit-account" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('deposit.kind')} rules={[rules.requiredSelect(t, 'deposit.kind')]}>
              <Select
                data-testid="deposit-kind"
                options={RECEIVED_KINDS.map((k) => ({ value: k, label: t(`deposit.kind.${k}` as MessageKey) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="amount"
              label={t('deposit.amount')}
              dependencies={['kind']}
              extra={kind === 'meter' ? t('deposit.amountHint') : undefined}
              rules={[
                ...(kind === 'meter' ? [] : [rules.required(t, 'deposit.amount')]),
                {
                  validator: (_: unknown, v?: string) => {
                    if (!v?.trim()) return Promise.resolve();
                    const n = cents(v);
                    return n !== null && n > 0n
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('deposit.invalidAmount')));
                  },
                },
              ]}
            >
              <Input inputMode="decimal" prefix="¥" data-testid="deposit-amount" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="method" label={t('deposit.method')}>
          <Radio.Group data-testid="deposit-method">
            {DEPOSIT_METHODS.map((m) => (
              <Radio key={m} value={m}>
                {t(`payment.method.${m}` as MessageKey)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="reference"
              label={t('deposit.reference')}
              dependencies={['method']}
              rules={[
                { max: 64 },
                ...(method === 'bankTransfer'
                  ? [{ required: true, whitespace: true, message: t('deposit.referenceRequired') }]
                  : []),
              ]}
            >
              <Input maxLength={64} data-testid="deposit-reference" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="receiptNo"
              label={t('deposit.receiptNo')}
              rules={[{ pattern: RECEIPT_NO, message: t('deposit.invalidReceiptNo') }]}
            >
              <Input maxLength={40} data-testid="deposit-receipt-no" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('deposit.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface ReleaseValues {
  action: ReleaseAction;
  meterTestResult?: 'accurate' | 'inaccurate';
  forfeitAmount?: string;
  method?: 'cash' | 'bankTransfer';
  reference?: string;
  note?: string;
}

/** PAY-8: a held deposit is refunded, applied to the gas prepayment or kept — once. */
export function ReleaseModal({ deposit, onClose }: { deposit: Deposit; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReleaseValues>();
  const action = Form.useWatch('action', form);
  const result = Form.useWatch('meterTestResult', form);
  const method = Form.useWatch('method', form);
  const forfeit = Form.useWatch('forfeitAmount', form);
  const meter = deposit.kind === 'meter';
  const fromOrder =
    deposit.workOrder?.result === 'pass' ? 'accurate' : deposit.workOrder?.result === 'fail' ? 'inaccurate' : undefined;
  const keeps =
    action === 'forfeit' || (!!forfeit?.trim() && cents(forfeit) !== 0n && !(meter && result === 'inaccurate'));
  const mutation = useMutation({
    mutationFn: (v: ReleaseValues) =>
      releaseDeposit(deposit.id, {
        action: v.action,
        meterTestResult: meter && v.action !== 'forfeit' ? v.meterTestResult : undefined,
        forfeitAmount: v.action !== 'forfeit' ? v.forfeitAmount?.trim() || undefined : undefined,
        method: v.action === 'refund' ? v.method : undefined,
        reference: v.action === 'refund' ? v.reference?.trim() || undefined : undefined,
        note: v.note?.trim() || undefined,
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (d) => {
      message.success(t('deposit.releasedOk', { no: d.no }));
      queryClient.invalidateQueries({ queryKey: depositsKey });
      queryClient.invalidateQueries({ queryKey: ['account-finance'] });
      mutation.reset();
      onClose();
    },
  });
  return (
    <FormModal
      open
      title={t('deposit.releaseTitle', { no: deposit.no, amount: deposit.amount })}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="deposit-release-submit"
      width={640}
    >
      <Form<ReleaseValues>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{
          action: 'refund',
          method: 'cash',
          meterTestResult: fromOrder,
          forfeitAmount: fromOrder === 'accurate' ? (deposit.workOrder?.fee ?? undefined) : undefined,
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        {deposit.workOrder && (
          <Typography.Paragraph type="secondary">
            {t('deposit.workOrder', {
              no: deposit.workOrder.orderNo,
              result: t(`deposit.workOrder.${deposit.workOrder.result ?? 'pending'}` as MessageKey),
              fee: deposit.workOrder.fee ?? '0.00',
            })}
          </Typography.Paragraph>
        )}
        <Form.Item name="action" label={t('deposit.action')}>
          <Radio.Group data-testid="deposit-action">
            {(['refund', 'apply', 'forfeit'] as const).map((a) => (
              <Radio key={a} value={a} data-testid={`deposit-action-${a}`}>
                {t(`deposit.action.${a}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {meter && action !== 'forfeit' && (
          <Form.Item
            name="meterTestResult"
            label={t('deposit.meterTestResult')}
            rules={[rules.requiredSelect(t, 'deposit.meterTestResult')]}
          >
            <Radio.Group data-testid="deposit-test-result">
              <Radio value="accurate">{t('deposit.meterTestResult.accurate')}</Radio>
              <Radio value="inaccurate">{t('deposit.meterTestResult.inaccurate')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {action !== 'forfeit' && !(meter && result === 'inaccurate') && (
          <Form.Item
            name="forfeitAmount"
            label={t('deposit.forfeitAmount')}
            extra={meter ? t('deposit.forfeitHint') : undefined}
            rules={[
              ...(meter && result === 'accurate' ? [rules.required(t, 'deposit.forfeitAmount')] : []),
              {
                validator: (_: unknown, v?: string) => {
                  if (!v?.trim()) return Promise.resolve();
                  const n = cents(v);
                  if (n === null) return Promise.reject(new Error(t('deposit.invalidAmount')));
                  return n > (cents(deposit.amount) ?? 0n)
                    ? Promise.reject(new Error(t('deposit.forfeitAbove', { amount: deposit.amount })))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <Input inputMode="decimal" prefix="¥" data-testid="deposit-forfeit" />
          </Form.Item>
        )}
        {action === 'refund' && (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="method" label={t('deposit.refundMethod')}>
                <Radio.Group>
                  <Radio value="cash">{t('refund.payoutMethod.cash')}</Radio>
                  <Radio value="bankTransfer">{t('refund.payoutMethod.bankTransfer')}</Radio>
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="reference"
                label={t('deposit.reference')}
                dependencies={['method']}
                rules={[
                  { max: 64 },
                  ...(method === 'bankTransfer'
                    ? [{ required: true, whitespace: true, message: t('deposit.referenceRequired') }]
                    : []),
                ]}
              >
                <Input maxLength={64} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item
          name="note"
          label={t('deposit.note')}
          dependencies={['action', 'forfeitAmount', 'meterTestResult']}
          rules={[
            { max: 500 },
            ...(keeps && !(meter && result === 'accurate')
              ? [{ required: true, whitespace: true, message: t('deposit.noteRequired') }]
              : []),
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="deposit-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

import { ArrowLeftOutlined, CheckCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Form,
  Input,
  List,
  Radio,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  getRefund,
  type PayoutMethod,
  type Refund,
  type ReviewBody,
  recordPayout,
  refundsKey,
  reviewRefund,
} from '../../../api/refunds';
import { useCan } from '../../../auth/CurrentUserContext';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/time';
import { rules } from '../../../lib/validation';
import { AccountSelect } from '../../customers/AccountSelect';
import { RefundStatusTag } from './shared';

interface ReviewValues {
  decision: ReviewBody['decision'];
  reason?: string;
  targetAccountId?: string;
  comment?: string;
}

/** 000 §113–§114: refuse (the reason is told to the customer), move to another account, or send for payout. */
function ReviewModal({ refund, open, onClose }: { refund: Refund; open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReviewValues>();
  const decision = Form.useWatch('decision', form);
  const mutation = useMutation({
    mutationFn: (v: ReviewValues) =>
      reviewRefund(
        refund.id,
        v.decision === 'refuse'
          ? { decision: 'refuse', reason: v.reason!.trim() }
          : v.decision === 'transfer'
            ? { decision: 'transfer', targetAccountId: v.targetAccountId!, comment: v.comment?.trim() || undefined }
            : { decision: 'payout', comment: v.comment?.trim() || undefined },
      ),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (r) => {
      const key = `refund.reviewed.${r.status}` as MessageKey;
      message.success(t(key, { no: r.no, to: r.targetAccountNo ?? '' }));
      queryClient.invalidateQueries({ queryKey: refundsKey });
      queryClient.invalidateQueries({ queryKey: ['account-finance'] });
      mutation.reset();
      onClose();
    },
  });
  return (
    <FormModal
      open={open}
      title={t('refund.reviewTitle', { no: refund.no })}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="refund-review-submit"
      width={640}
    >
      <Form<ReviewValues>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ decision: 'payout' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="decision" label={t('refund.decision')}>
          <Radio.Group data-testid="refund-decision">
            <Space direction="vertical">
              {(['payout', 'transfer', 'refuse'] as const).map((d) => (
                <Radio key={d} value={d} data-testid={`refund-decision-${d}`}>
                  {t(`refund.decision.${d}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {decision === 'refuse' && (
          <Form.Item
            name="reason"
            label={t('refund.reason')}
            rules={[
              { required: true, whitespace: true, message: t('refund.reasonRequired') },
              { min: 2, message: t('refund.reasonRequired') },
              { max: 500 },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="refund-reason" />
          </Form.Item>
        )}
        {decision === 'transfer' && (
          <Form.Item
            name="targetAccountId"
            label={t('refund.targetAccount')}
            rules={[rules.requiredSelect(t, 'refund.targetAccount')]}
          >
            <AccountSelect data-testid="refund-target" />
          </Form.Item>
        )}
        {decision !== 'refuse' && (
          <Form.Item name="comment" label={t('refund.comment')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}

interface PayoutValues {
  method: PayoutMethod;
  reference?: string;
  note?: string;
}

/** Finance records how the approved refund left: cash, or a bank transfer with its reference. */
function PayoutModal({ refund, open, onClose }: { refund: Refund; open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PayoutValues>();
  const method = Form.useWatch('method', form);
  const mutation = useMutation({
    mutationFn: (v: PayoutValues) =>
      recordPayout(refund.id, {
        method: v.method,
        reference: v.reference?.trim() || undefined,
        note: v.note?.trim() || undefined,
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (r) => {
      message.success(t('refund.paid', { no: r.no }));
      queryClient.invalidateQueries({ queryKey: refundsKey });
      queryClient.invalidateQueries({ queryKey: ['account-finance'] });
      mutation.reset();
      onClose();
    },
  });
  return (
    <FormModal
      open={open}
      title={t('refund.payoutTitle', { no: refund.no })}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="refund-payout-submit"
    >
      <Form<PayoutValues>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ method: refund.bankAccountNo ? 'bankTransfer' : 'cash' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="method" label={t('refund.payoutMethod')}>
          <Radio.Group data-testid="refund-payout-method">
            <Radio value="cash">{t('refund.payoutMethod.cash')}</Radio>
            <Radio value="bankTransfer">{t('refund.payoutMethod.bankTransfer')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reference"
          label={t('refund.payoutReference')}
          dependencies={['method']}
          rules={[
            { max: 64 },
            ...(method === 'bankTransfer'
              ? [{ required: true, whitespace: true, message: t('refund.referenceRequired') }]
              : []),
          ]}
        >
          <Input maxLength={64} data-testid="refund-payout-reference" />
        </Form.Item>
        <Form.Item name="note" label={t('deposit.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** One refund: the request and its documents, the review, the approval, the transfer or payout. */
export function RefundDetailPage() {
  const { t } = useT();
  const can = useCan();
  const { id = '' } = useParams<{ id: string }>();
  const [reviewing, setReviewing] = useState(false);
  const [paying, setPaying] = useState(false);
  const query = useQuery({ queryKey: [...refundsKey, 'detail', id], queryFn: () => getRefund(id) });
  const back = (
    <Link to="/payments/refunds">
      <ArrowLeftOutlined /> {t('refund.back')}
    </Link>
  );
  const r = query.data;
  if (!r) {
    return (
      <DetailPlaceholder query={query} notFound={t('refund.notFound')} failed={t('refund.loadFailed')} back={back} />
    );
  }
  const dash = (v: string | null | undefined) => v || '—';
  const request: DescriptionsProps['items'] = [
    { key: 'accountNo', label: t('refund.accountNo'), children: r.accountNo },
    { key: 'customerName', label: t('refund.customerName'), children: r.customerName },
    { key: 'address', label: t('refund.address'), children: r.address, span: 2 },
    { key: 'caseKind', label: t('refund.caseKind'), children: t(`refund.case.${r.caseKind}` as MessageKey) },
    { key: 'amount', label: t('refund.amount'), children: <span data-testid="refund-detail-amount">{r.amount}</span> },
    { key: 'notes', label: t('refund.notes'), children: dash(r.notes), span: 2 },
    { key: 'payee', label: t('refund.payeeName'), children: dash(r.payeeName) },
    { key: 'bank', label: t('refund.bankName'), children: dash(r.bankName) },
    { key: 'bankAccountNo', label: t('refund.bankAccountNo'), children: dash(r.bankAccountNo), span: 2 },
    { key: 'filedBy', label: t('refund.filedBy'), children: dash(r.filedBy?.name) },
    { key: 'filedAt', label: t('refund.filedAt'), children: formatDateTime(r.filedAt) },
  ];
  const processing: DescriptionsProps['items'] = [
    { key: 'status', label: t('refund.status'), children: <RefundStatusTag status={r.status} /> },
    {
      key: 'disposition',
      label: t('refund.disposition'),
      children: r.disposition ? t(`refund.disposition.${r.disposition}` as MessageKey) : '—',
    },
    { key: 'reviewedBy', label: t('refund.reviewedBy'), children: dash(r.reviewedBy?.name) },
    { key: 'reviewedAt', label: t('refund.reviewedAt'), children: formatDateTime(r.reviewedAt) },
    ...(r.refusalReason
      ? [{ key: 'refusal', label: t('refund.refusalReason'), children: r.refusalReason, span: 2 }]
      : []),
    ...(r.targetAccountNo
      ? [{ key: 'target', label: t('refund.targetAccount'), children: r.targetAccountNo, span: 2 }]
      : []),
    {
      key: 'approval',
      label: t('refund.approval'),
      children: r.approvalId ? (
        <Link to={`/approvals/${r.approvalId}`} data-testid="refund-approval-link">
          {r.approvalNo}
        </Link>
      ) : (
        '—'
      ),
    },
    {
      key: 'payoutMethod',
      label: t('refund.payoutMethod'),
      children: r.payoutMethod ? t(`refund.payoutMethod.${r.payoutMethod}`) : '—',
    },
    { key: 'payoutReference', label: t('refund.payoutReference'), children: dash(r.payoutReference) },
    { key: 'paidBy', label: t('refund.paidBy'), children: dash(r.paidBy?.name) },
    { key: 'paidAt', label: t('refund.paidAt'), children: formatDateTime(r.paidAt) },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {back}
      <Card
        variant="borderless"
        title={
          <Space>
            <span data-testid="refund-no">{r.no}</span>
            <RefundStatusTag status={r.status} />
          </Space>
        }
        extra={
          <Space>
            {r.status === 'submitted' && can('refund.review') && (
              <Button type="primary" onClick={() => setReviewing(true)} data-testid="refund-review">
                {t('refund.review')}
              </Button>
            )}
            {r.status === 'approved' && can('refund.payout') && (
              <Button type="primary" onClick={() => setPaying(true)} data-testid="refund-payout">
                {t('refund.payout')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions bordered size="small" column={2} items={request} />
      </Card>
      <Card variant="borderless" title={t('refund.documents')}>
        <List
          size="small"
          dataSource={r.documents}
          data-testid="refund-document-list"
          renderItem={(d) => (
            <List.Item>
              <Space>
                {d.checked ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <MinusCircleOutlined />}
                <span>
                  {d.required ? '* ' : ''}
                  {d.label}
                </span>
                <Typography.Text type="secondary">
                  {d.checked ? t('refund.checked') : t('refund.notChecked')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('refund.attachmentsHint')}
        </Typography.Paragraph>
      </Card>
      <Card variant="borderless" title={t('refund.processing')}>
        <Descriptions bordered size="small" column={2} items={processing} data-testid="refund-processing" />
      </Card>
      <ReviewModal refund={r} open={reviewing} onClose={() => setReviewing(false)} />
      <PayoutModal refund={r} open={paying} onClose={() => setPaying(false)} />
    </Space>
  );
}

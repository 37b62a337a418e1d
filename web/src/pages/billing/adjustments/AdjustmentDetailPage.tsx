import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, type DescriptionsProps, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type Adjustment, adjustmentsKey, archiveAdjustment, getAdjustment } from '../../../api/adjustments';
import { useCan } from '../../../auth/CurrentUserContext';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/time';
import { AdjustmentStatusTag, DirectionTag } from './AdjustmentTags';

function ArchiveModal({ adjustment, open, onClose }: { adjustment: Adjustment; open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ archiveNo?: string }>();
  const mutation = useMutation({
    mutationFn: (archiveNo?: string) => archiveAdjustment(adjustment.id, archiveNo?.trim()),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (a) => {
      message.success(t('adjustment.archived', { no: a.archiveNo ?? '' }));
      queryClient.invalidateQueries({ queryKey: adjustmentsKey });
      mutation.reset();
      onClose();
    },
  });
  return (
    <FormModal
      open={open}
      title={t('adjustment.archiveTitle', { no: adjustment.adjustmentNo })}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="adjustment-archive-submit"
      submitLabel={t('adjustment.archive')}
    >
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={(v) => mutation.mutate(v.archiveNo)}
      >
        <Form.Item
          name="archiveNo"
          label={t('adjustment.archiveNo')}
          extra={t('adjustment.archiveNoHint')}
          rules={[{ max: 40 }]}
        >
          <Input maxLength={40} data-testid="adjustment-archive-no" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** One adjustment: the application, its approval, the ledger posting and the archive. */
export function AdjustmentDetailPage() {
  const { t } = useT();
  const can = useCan();
  const { id = '' } = useParams<{ id: string }>();
  const [archiving, setArchiving] = useState(false);
  const query = useQuery({ queryKey: [...adjustmentsKey, 'detail', id], queryFn: () => getAdjustment(id) });
  const back = (
    <Link to="/billing/adjustments">
      <ArrowLeftOutlined /> {t('adjustment.back')}
    </Link>
  );
  const a = query.data;
  if (!a) {
    return (
      <DetailPlaceholder
        query={query}
        notFound={t('adjustment.notFound')}
        failed={t('adjustment.loadFailed')}
        back={back}
      />
    );
  }
  const dash = (v: string | null | undefined) => v ?? '—';
  const application: DescriptionsProps['items'] = [
    { key: 'accountNo', label: t('adjustment.accountNo'), children: a.accountNo },
    { key: 'customerName', label: t('adjustment.customerName'), children: a.customerName },
    { key: 'address', label: t('adjustment.address'), children: a.address, span: 2 },
    { key: 'kind', label: t('adjustment.kind'), children: t(`adjustment.kind.${a.kind}` as MessageKey) },
    { key: 'direction', label: t('adjustment.direction'), children: <DirectionTag direction={a.direction} /> },
    { key: 'previous', label: t('adjustment.previousReading'), children: dash(a.previousReading) },
    { key: 'current', label: t('adjustment.currentReading'), children: dash(a.currentReading) },
    { key: 'volume', label: t('adjustment.volume'), children: dash(a.volume) },
    { key: 'price', label: t('adjustment.price'), children: dash(a.price) },
    { key: 'amount', label: t('adjustment.amount'), children: a.amount },
    { key: 'periods', label: t('adjustment.periods'), children: a.periods.join('、') || '—' },
    { key: 'reason', label: t('adjustment.reason'), children: a.reason, span: 2 },
    { key: 'evidence', label: t('adjustment.evidence'), children: dash(a.evidence), span: 2 },
    { key: 'appliedBy', label: t('adjustment.appliedBy'), children: a.appliedBy.name },
    { key: 'createdAt', label: t('adjustment.createdAt'), children: formatDateTime(a.createdAt) },
  ];
  const processing: DescriptionsProps['items'] = [
    { key: 'status', label: t('adjustment.status'), children: <AdjustmentStatusTag status={a.status} /> },
    {
      key: 'approval',
      label: t('adjustment.approval'),
      children: a.approvalId ? (
        <Link to={`/approvals/${a.approvalId}`} data-testid="adjustment-approval-link">
          {a.approvalNo}
        </Link>
      ) : (
        '—'
      ),
    },
    { key: 'postedAt', label: t('adjustment.postedAt'), children: formatDateTime(a.postedAt) },
    {
      key: 'ledgerAmount',
      label: t('adjustment.ledgerAmount'),
      children: a.ledgerEntryId ? a.signedAmount : '—',
    },
    { key: 'dueOn', label: t('adjustment.dueOn'), children: dash(a.dueOn) },
    { key: 'archiveNo', label: t('adjustment.archiveNo'), children: dash(a.archiveNo) },
    { key: 'archivedBy', label: t('adjustment.archivedBy'), children: dash(a.archivedBy?.name) },
    { key: 'archivedAt', label: t('adjustment.archivedAt'), children: formatDateTime(a.archivedAt) },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {back}
      <Card
        variant="borderless"
        title={
          <Space>
            <span data-testid="adjustment-no">{a.adjustmentNo}</span>
            <AdjustmentStatusTag status={a.status} />
          </Space>
        }
        extra={
          a.status === 'posted' &&
          can('adjustment.archive') && (
            <Button type="primary" onClick={() => setArchiving(true)} data-testid="adjustment-archive">
              {t('adjustment.archive')}
            </Button>
          )
        }
      >
        <Descriptions bordered size="small" column={2} items={application} />
      </Card>
      <Card variant="borderless" title={t('adjustment.status')}>
        {a.approvalNo && (
          <Typography.Paragraph type="secondary">{t('adjustment.timeline', { no: a.approvalNo })}</Typography.Paragraph>
        )}
        <Descriptions bordered size="small" column={2} items={processing} data-testid="adjustment-processing" />
      </Card>
      <ArchiveModal adjustment={a} open={archiving} onClose={() => setArchiving(false)} />
    </Space>
  );
}

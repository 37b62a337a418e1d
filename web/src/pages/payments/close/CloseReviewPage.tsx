import { PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  cashierReportUrl,
  cashOfficeKey,
  DENOMINATIONS,
  getShift,
  listShifts,
  returnClose,
  type ShiftListParams,
  type ShiftRow,
  type ShiftStatus,
  signOffClose,
} from '../../../api/cashOffice';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { notifyError } from '../../../lib/feedback';
import { applyServerFieldErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/time';
import { formatYuan } from '../../approvals/format';
import { LinesTable, openPrint, PostingsTable, ShiftStatusTag, Warnings } from './shared';

const STATUSES: ShiftStatus[] = ['submitted', 'returned', 'signed', 'open'];

function ReturnModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const ret = useMutation({
    mutationFn: (reason: string) => returnClose(id!, reason),
    meta: { handlesErrors: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: cashOfficeKey });
      onClose();
    },
    onError: (err) => applyServerFieldErrors(form, err),
  });
  return (
    <FormModal
      open={id !== null}
      title={t('cash.review.returnTitle')}
      onCancel={onClose}
      form={form}
      pending={ret.isPending}
      error={ret.error}
      submitTestId="review-return-submit"
      submitLabel={t('cash.review.return')}
    >
      <Form form={form} layout="vertical" onFinish={(v) => ret.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('cash.review.reason')}
          rules={[{ required: true, whitespace: true, message: t('cash.review.reasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} data-testid="review-return-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function CloseDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState<string | null>(null);
  const shift = useQuery({
    queryKey: [...cashOfficeKey, 'shift', id],
    queryFn: () => getShift(id!),
    enabled: Boolean(id),
  });
  const sign = useMutation({
    mutationFn: () => signOffClose(id!),
    meta: { handlesErrors: true },
    onError: notifyError,
    onSuccess: () => {
      message.success(t('cash.review.signed'));
      void queryClient.invalidateQueries({ queryKey: cashOfficeKey });
    },
  });
  const s = shift.data;
  const reviewable = s?.status === 'submitted' && can('cash.close.review');
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={s ? t('cash.review.detailTitle', { name: s.cashier.name, date: s.businessDate }) : ''}
      extra={
        s && (
          <Space>
            {s.status !== 'open' && (
              <Button icon={<PrinterOutlined />} onClick={() => openPrint(cashierReportUrl(s.id))}>
                {t('cash.printReport')}
              </Button>
            )}
            {reviewable && (
              <Button onClick={() => setReturning(s.id)} data-testid="review-return">
                {t('cash.review.return')}
              </Button>
            )}
            {reviewable && (
              <Button
                type="primary"
                loading={sign.isPending}
                onClick={() => sign.mutate()}
                data-testid="review-sign-off"
              >
                {t('cash.review.signOff')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {s && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="review-detail">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('cash.statusLabel')}>
              <ShiftStatusTag status={s.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('cash.float')}>{formatYuan(s.float)}</Descriptions.Item>
            <Descriptions.Item label={t('cash.openedAt')}>{formatDateTime(s.openedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('cash.closedAt')}>{formatDateTime(s.closedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('cash.postingCount')}>{s.summary.postingCount}</Descriptions.Item>
            <Descriptions.Item label={t('cash.reversals')}>
              {s.summary.reversedCount} / {formatYuan(s.summary.reversedAmount)}
            </Descriptions.Item>
            <Descriptions.Item label={t('cash.countedCash')}>{formatYuan(s.countedCash)}</Descriptions.Item>
            <Descriptions.Item label={t('cash.count.posCount')}>{s.posCount ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cash.handoversReceived')}>
              {formatYuan(s.summary.handoversReceived)}
            </Descriptions.Item>
            <Descriptions.Item label={t('cash.submitCount')}>{s.submitCount}</Descriptions.Item>
            {s.returnReason && (
              <Descriptions.Item label={t('cash.review.reason')} span={2}>
                {s.returnReason}
              </Descriptions.Item>
            )}
            {s.reviewedBy && (
              <Descriptions.Item label={t('cash.reviewedBy')} span={2}>
                {s.reviewedBy.name} {formatDateTime(s.reviewedAt)}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Warnings warnings={s.warnings} />
          {s.lines && <LinesTable lines={s.lines} />}
          {s.denominations && (
            <Descriptions size="small" column={4} title={t('cash.count.title')}>
              {DENOMINATIONS.map((d) => (
                <Descriptions.Item key={d} label={t('cash.count.face', { face: d })}>
                  {s.denominations?.[d] ?? 0}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
          <Typography.Title level={5}>{t('cash.postings')}</Typography.Title>
          <PostingsTable postings={s.postings} />
        </Space>
      )}
      <ReturnModal id={returning} onClose={() => setReturning(null)} />
    </Drawer>
  );
}

/** PAY-2 日结审核: the supervisor reviews the submitted closes, signs them off or returns them for a recount. */
export function CloseReviewPage() {
  const { t } = useT();
  const [params, setParams] = useState<ShiftListParams>({ page: 1, pageSize: 20, order: 'desc', status: 'submitted' });
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...cashOfficeKey, 'shifts', params],
    queryFn: () => listShifts(params),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<ShiftRow>['columns'] = [
    { title: t('cash.businessDate'), dataIndex: 'businessDate', key: 'businessDate' },
    { title: t('cash.cashier'), key: 'cashier', render: (_, s) => s.cashier.name },
    { title: t('cash.orgUnit'), dataIndex: 'orgUnitName', key: 'orgUnitName', render: (v) => v ?? '—' },
    { title: t('cash.statusLabel'), key: 'status', render: (_, s) => <ShiftStatusTag status={s.status} /> },
    { title: t('cash.countedCash'), dataIndex: 'countedCash', key: 'countedCash', align: 'right', render: formatYuan },
    {
      title: t('cash.varianceTotal'),
      dataIndex: 'varianceTotal',
      key: 'varianceTotal',
      align: 'right',
      render: formatYuan,
    },
    { title: t('cash.submittedAt'), dataIndex: 'submittedAt', key: 'submittedAt', render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) => (
        <Button size="small" onClick={() => setOpen(s.id)} data-testid={`review-open-${s.cashier.name}`}>
          {t('cash.review.open')}
        </Button>
      ),
    },
  ];
  return (
    <PageCard
      title={t('menu.cashCloseReview')}
      extra={
        <Select<ShiftStatus | ''>
          style={{ width: 160 }}
          value={params.status ?? ''}
          data-testid="review-status-filter"
          onChange={(v) => setParams((p) => ({ ...p, page: 1, status: v || undefined }))}
          options={[
            { value: '', label: t('cash.review.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`cash.status.${s}` as MessageKey) })),
          ]}
        />
      }
    >
      <Table<ShiftRow>
        rowKey="id"
        size="small"
        data-testid="review-list"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onRow={(s) => ({ onDoubleClick: () => setOpen(s.id) })}
        onChange={(p) => setParams((x) => ({ ...x, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <CloseDrawer id={open} onClose={() => setOpen(null)} />
    </PageCard>
  );
}

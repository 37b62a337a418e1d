import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Popconfirm,
  Progress,
  Space,
  Table,
  type TableProps,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  type BillingRun,
  billsKey,
  getRun,
  listRuns,
  previewRun,
  type RunListParams,
  type RunPreview,
  type RunStatus,
  runsKey,
  startRun,
} from '../../../api/billing';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/time';
import { rules } from '../../../lib/validation';
import { currentPeriod, fromPeriod, toPeriod } from '../readings/shared';

const live = (s: RunStatus | undefined) => s === 'queued' || s === 'running';

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useT();
  const color = { queued: 'default', running: 'processing', done: 'success', failed: 'error' }[status];
  return (
    <Tag color={color} data-testid={`run-status-${status}`}>
      {t(`billingRun.status.${status}`)}
    </Tag>
  );
}

export function RunProgress({ run }: { run: BillingRun }) {
  const total = run.accountsTotal ?? 0;
  const percent = run.status === 'done' ? 100 : total > 0 ? Math.floor((run.accountsDone * 100) / total) : 0;
  return (
    <Progress
      percent={percent}
      size="small"
      status={run.status === 'failed' ? 'exception' : run.status === 'done' ? 'success' : 'active'}
      style={{ minWidth: 160 }}
    />
  );
}

function RunCard({ id }: { id: string }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: [...runsKey, 'detail', id],
    queryFn: async () => {
      const r = await getRun(id);
      if (!live(r.status)) {
        queryClient.invalidateQueries({ queryKey: [...runsKey, 'list'] });
        queryClient.invalidateQueries({ queryKey: [...runsKey, 'preview'] });
        queryClient.invalidateQueries({ queryKey: billsKey });
      }
      return r;
    },
    refetchInterval: (q) => (live(q.state.data?.status) || !q.state.data ? 1000 : false),
  });
  const r = run.data;
  if (!r) return null;
  return (
    <Card size="small" title={t('billingRun.current', { period: r.period })} data-testid="run-progress">
      <RunProgress run={r} />
      <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('billingRun.statusLabel')}>
          <RunStatusTag status={r.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.accounts')}>
          <span data-testid="run-accounts">
            {r.accountsDone} / {r.accountsTotal ?? '—'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.billsCreated')}>
          <span data-testid="run-bills">{r.billsCreated}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.amount')}>
          <span data-testid="run-amount">{r.amountTotal}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.withoutTariff')}>
          <span data-testid="run-without-tariff">{r.accountsWithoutTariff}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.bills')}>
          <Link to={`/billing/bills?runId=${r.id}`}>{t('billingRun.viewBills')}</Link>
        </Descriptions.Item>
      </Descriptions>
      {r.accountsWithoutTariff > 0 && (
        <Alert type="warning" showIcon title={t('billingRun.withoutTariffHint', { count: r.accountsWithoutTariff })} />
      )}
      {r.error && <Alert type="error" showIcon title={r.error} />}
    </Card>
  );
}

/** BIL-2 / BIL-6: what a run of the period would bill, estimate and skip if started now. */
function RunPreviewCard({ preview: p }: { preview: RunPreview }) {
  const { t } = useT();
  const waiting = p.reviewReadings > 0 || p.estimateAccounts > 0;
  return (
    <Card
      size="small"
      title={t('billingRun.preview', { period: p.period })}
      extra={t('billingRun.previewAsOf', { date: p.asOf })}
      data-testid="run-preview"
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('billingRun.ready')}>
          <span data-testid="run-preview-ready">{p.readyAccounts}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.estimate')}>
          <span data-testid="run-preview-estimate">
            {p.estimateAccounts > 0 ? <Tag color="warning">{p.estimateAccounts}</Tag> : 0}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.review')}>
          <span data-testid="run-preview-review">
            {t('billingRun.reviewValue', { readings: p.reviewReadings, accounts: p.reviewAccounts })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.plansWaiting')}>
          <span data-testid="run-preview-plans">
            {t('billingRun.plansValue', { waiting: p.plansNotUploaded, plans: p.plans })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.broken')}>
          {t('billingRun.brokenValue', { count: p.brokenMeters })}
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.noTariff')}>
          <span data-testid="run-preview-no-tariff">
            {p.withoutTariffAccounts}
            {p.withoutTariff.length > 0 &&
              `（${p.withoutTariff.map((n) => `${n.usageNature} ${n.accounts}`).join('，')}）`}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('billingRun.billed')}>{p.billedAccounts}</Descriptions.Item>
      </Descriptions>
      {p.booksNotUploaded.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          {t('billingRun.booksWaiting', {
            books: p.booksNotUploaded.join('、') + (p.plansNotUploaded > p.booksNotUploaded.length ? ' …' : ''),
          })}
        </div>
      )}
      {waiting && <Alert type="warning" showIcon title={t('billingRun.previewHint')} />}
    </Card>
  );
}

/** 计费批次 (BIL-2): start the billing run of a period and watch it; the runs so far. */
export function RunsPage() {
  const { t } = useT();
  const can = useCan();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ period: Dayjs }>();
  const [filterForm] = Form.useForm<{ period?: Dayjs | null }>();
  const [current, setCurrent] = useState<string | null>(null);
  const [params, setParams] = useState<RunListParams>({ page: 1, pageSize: 20, order: 'desc' });
  const period = toPeriod(Form.useWatch('period', form) ?? fromPeriod(currentPeriod()));
  const preview = useQuery({
    queryKey: [...runsKey, 'preview', period],
    queryFn: () => previewRun(period!),
    enabled: can('billing.run') && !!period,
  });
  // Readings in review or accounts to be estimated: starting now is asked again, saying how many.
  const confirm =
    preview.data && (preview.data.reviewReadings > 0 || preview.data.estimateAccounts > 0) ? preview.data : null;
  const runs = useQuery({
    queryKey: [...runsKey, 'list', params],
    queryFn: () => listRuns(params),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((r) => live(r.status)) ? 2000 : false),
  });
  const start = useMutation({
    mutationFn: (period: string) => startRun(period),
    meta: { handlesErrors: true },
    onSuccess: (run) => {
      setCurrent(run.id);
      queryClient.invalidateQueries({ queryKey: runsKey });
    },
  });

  const columns: TableProps<BillingRun>['columns'] = [
    { title: t('billingRun.period'), dataIndex: 'period', key: 'period' },
    { title: t('billingRun.statusLabel'), key: 'status', render: (_, r) => <RunStatusTag status={r.status} /> },
    { title: t('billingRun.progress'), key: 'progress', render: (_, r) => <RunProgress run={r} /> },
    {
      title: t('billingRun.accounts'),
      key: 'accounts',
      render: (_, r) => `${r.accountsDone} / ${r.accountsTotal ?? '—'}`,
    },
    { title: t('billingRun.billsCreated'), dataIndex: 'billsCreated', key: 'billsCreated', align: 'right' },
    { title: t('billingRun.amount'), dataIndex: 'amountTotal', key: 'amountTotal', align: 'right' },
    {
      title: t('billingRun.withoutTariff'),
      dataIndex: 'accountsWithoutTariff',
      key: 'accountsWithoutTariff',
      align: 'right',
    },
    {
      title: t('billingRun.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('billingRun.finishedAt'),
      dataIndex: 'finishedAt',
      key: 'finishedAt',
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" onClick={() => setCurrent(r.id)}>
            {t('billingRun.watch')}
          </Button>
          <Link to={`/billing/bills?runId=${r.id}`}>{t('billingRun.viewBills')}</Link>
        </Space>
      ),
    },
  ];

  return (
    <PageCard title={t('menu.billingRuns')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {can('billing.run') && (
          <Form
            form={form}
            layout="inline"
            initialValues={{ period: fromPeriod(currentPeriod()) }}
            onFinish={(v) => start.mutate(toPeriod(v.period)!)}
          >
            <Form.Item
              name="period"
              label={t('billingRun.period')}
              rules={[rules.requiredSelect(t, 'billingRun.period')]}
            >
              <DatePicker picker="month" allowClear={false} data-testid="run-period" />
            </Form.Item>
            <Form.Item>
              <Popconfirm
                disabled={!confirm}
                title={t('billingRun.confirmTitle', { period: confirm?.period ?? '' })}
                description={
                  confirm && (
                    <div style={{ maxWidth: 360 }} data-testid="run-start-confirm-text">
                      {confirm.reviewReadings > 0 && t('billingRun.confirmReview', { count: confirm.reviewReadings })}
                      {confirm.estimateAccounts > 0 &&
                        t('billingRun.confirmEstimate', { count: confirm.estimateAccounts })}
                    </div>
                  )
                }
                okText={t('billingRun.confirmOk')}
                cancelText={t('common.cancel')}
                okButtonProps={{ 'data-testid': 'run-start-confirm' } as never}
                onConfirm={() => form.submit()}
              >
                <Button
                  type="primary"
                  loading={start.isPending}
                  // The preview decides whether to ask first: wait for it (a failed one does not hold the start).
                  disabled={preview.isLoading}
                  onClick={() => !confirm && form.submit()}
                  data-testid="run-start"
                >
                  {t('billingRun.start')}
                </Button>
              </Popconfirm>
            </Form.Item>
          </Form>
        )}
        {preview.data && <RunPreviewCard preview={preview.data} />}
        {preview.error && (
          <Alert type="warning" showIcon title={errorText(preview.error)} data-testid="run-preview-error" />
        )}
        {start.error && (
          <Alert
            type="error"
            showIcon
            title={errorText(start.error)}
            closable={{ onClose: () => start.reset() }}
            data-testid="run-error"
          />
        )}
        {current && <RunCard key={current} id={current} />}
        <Form<{ period?: Dayjs | null }>
          form={filterForm}
          layout="inline"
          style={{ rowGap: 12 }}
          onFinish={(v) => setParams((p) => ({ ...p, page: 1, period: toPeriod(v.period) }))}
        >
          <Form.Item name="period" label={t('billingRun.period')}>
            <DatePicker picker="month" data-testid="run-filter-period" />
          </Form.Item>
          <FilterActions
            form={filterForm}
            searchTestId="run-search"
            onReset={() => setParams((p) => ({ ...p, page: 1, period: undefined }))}
          />
        </Form>
        <Table<BillingRun>
          rowKey="id"
          data-testid="run-table"
          columns={columns}
          dataSource={runs.data?.items}
          loading={runs.isFetching && !runs.data}
          onChange={(pagination) =>
            setParams((p) => ({ ...p, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 }))
          }
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: runs.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Space>
    </PageCard>
  );
}

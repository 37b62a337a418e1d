import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
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
  type RunListParams,
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

/** 计费批次 (BIL-2): start the billing run of a period and watch it; the runs so far. */
export function RunsPage() {
  const { t } = useT();
  const can = useCan();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ period: Dayjs }>();
  const [filterForm] = Form.useForm<{ period?: Dayjs | null }>();
  const [current, setCurrent] = useState<string | null>(null);
  const [params, setParams] = useState<RunListParams>({ page: 1, pageSize: 20, order: 'desc' });
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
              <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="run-start">
                {t('billingRun.start')}
              </Button>
            </Form.Item>
          </Form>
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

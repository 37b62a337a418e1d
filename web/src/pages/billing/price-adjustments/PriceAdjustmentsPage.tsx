import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Progress,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  downloadPriceAdjustmentLines,
  type LineSort,
  listPriceAdjustmentLines,
  listPriceAdjustments,
  type PriceAdjustmentLine,
  type PriceAdjustmentRun,
  type PriceAdjustmentStatus,
  priceAdjustmentsKey,
  startPriceAdjustment,
} from '../../../api/billingExtras';
import { ApiError } from '../../../api/client';
import { getFilterOptions } from '../../../api/customers';
import type { PageParams } from '../../../api/types';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime, toDateString } from '../../../lib/time';
import { rules } from '../../../lib/validation';
import { formatYuan } from '../../approvals/format';

const STATUS_COLOR: Record<PriceAdjustmentStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

interface StartForm {
  usageNature: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

/** 发起调价补差 (BIL-1): a C&I usage nature and the days whose bills are re-priced. */
function StartModal({
  open,
  onClose,
  onStarted,
}: {
  open: boolean;
  onClose: () => void;
  onStarted: (id: string) => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StartForm>();
  const options = useQuery({ queryKey: ['accounts', 'filter-options'], queryFn: getFilterOptions, staleTime: 600_000 });
  const natures = (options.data?.usageNatures ?? []).filter((n) => n.customerKind !== 'residential' && n.active);
  const mutation = useMutation({
    mutationFn: (v: StartForm) =>
      startPriceAdjustment({
        usageNature: v.usageNature,
        from: toDateString(v.range?.[0]) ?? '',
        to: toDateString(v.range?.[1]) ?? '',
      }),
    meta: { handlesErrors: true },
    onError: (err) => {
      applyServerFieldErrors(form, err);
      // The server names `from` or `to`; both are the one range picker here.
      const onRange = err instanceof ApiError && err.details?.fields?.some((f) => f.path === 'from' || f.path === 'to');
      if (onRange) form.setFields([{ name: 'range', errors: [err.message] }]);
    },
    onSuccess: (run) => {
      message.success(t('priceAdjustment.started'));
      queryClient.invalidateQueries({ queryKey: priceAdjustmentsKey });
      onStarted(run.id);
      close();
    },
  });
  function close() {
    mutation.reset();
    onClose();
  }
  return (
    <FormModal
      open={open}
      title={t('priceAdjustment.startTitle')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="pa-submit"
      submitLabel={t('priceAdjustment.start')}
      width={560}
    >
      <Form<StartForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Typography.Paragraph type="secondary">{t('priceAdjustment.hint')}</Typography.Paragraph>
        <Form.Item
          name="usageNature"
          label={t('priceAdjustment.usageNature')}
          rules={[rules.requiredSelect(t, 'priceAdjustment.usageNature')]}
        >
          <Select
            data-testid="pa-nature"
            loading={options.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={natures.map((n) => ({ value: n.code, label: `${n.name}（${n.code}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="range"
          label={t('priceAdjustment.range')}
          required
          rules={[
            {
              validator: async (_, v: StartForm['range']) => {
                if (!v?.[0] || !v?.[1]) throw new Error(t('priceAdjustment.rangeRequired'));
              },
            },
          ]}
        >
          <DatePicker.RangePicker data-testid="pa-range" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

const LINE_SORTABLE: LineSort[] = ['accountNo', 'period', 'difference'];

function Lines({ run }: { run: PriceAdjustmentRun }) {
  const { t } = useT();
  const [params, setParams] = useState<PageParams & { sort?: LineSort }>({
    page: 1,
    pageSize: 20,
    sort: 'accountNo',
    order: 'asc',
  });
  const lines = useQuery({
    queryKey: [...priceAdjustmentsKey, run.id, 'lines', params, run.linesCreated],
    queryFn: () => listPriceAdjustmentLines(run.id, params),
    placeholderData: keepPreviousData,
  });
  const sortable = (key: LineSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });
  const yuan = (v: string) => formatYuan(v);
  const columns: TableProps<PriceAdjustmentLine>['columns'] = [
    {
      title: t('priceAdjustment.accountNo'),
      dataIndex: 'accountNo',
      key: 'accountNo',
      ...sortable('accountNo'),
      render: (no: string, l) => <Link to={`/customers/accounts/${l.accountId}`}>{no}</Link>,
    },
    { title: t('priceAdjustment.customerName'), dataIndex: 'customerName', key: 'customerName' },
    {
      title: t('priceAdjustment.period'),
      dataIndex: 'period',
      key: 'period',
      ...sortable('period'),
      render: (p: string, l) => <Link to={`/billing/bills/${l.billId}`}>{p}</Link>,
    },
    { title: t('priceAdjustment.volume'), dataIndex: 'volume', key: 'volume', align: 'right' },
    { title: t('priceAdjustment.billed'), dataIndex: 'billedAmount', key: 'billed', align: 'right', render: yuan },
    {
      title: t('priceAdjustment.repriced'),
      dataIndex: 'repricedAmount',
      key: 'repriced',
      align: 'right',
      render: yuan,
    },
    {
      title: t('priceAdjustment.difference'),
      dataIndex: 'difference',
      key: 'difference',
      align: 'right',
      ...sortable('difference'),
      render: (v: string) => (
        <Typography.Text type={v.startsWith('-') ? 'success' : 'danger'}>{yuan(v)}</Typography.Text>
      ),
    },
  ];
  return (
    <PageCard
      title={t('priceAdjustment.linesTitle', { nature: run.usageNatureName, from: run.from, to: run.to })}
      extra={
        <Button
          onClick={() => downloadPriceAdjustmentLines(run.id)}
          data-testid="pa-export"
          disabled={run.status !== 'done'}
        >
          {t('priceAdjustment.export')}
        </Button>
      }
    >
      <Table<PriceAdjustmentLine>
        rowKey="id"
        data-testid="pa-lines"
        columns={columns}
        dataSource={lines.data?.items}
        loading={lines.isFetching}
        locale={{ emptyText: t('priceAdjustment.noLines') }}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, LINE_SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: lines.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

/** 工商户调价补差 (BIL-1): start a run, watch its progress, read and export its lines. */
export function PriceAdjustmentsPage() {
  const { t } = useT();
  const can = useCan();
  const [starting, setStarting] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize: 10, order: 'desc' });
  const runs = useQuery({
    queryKey: [...priceAdjustmentsKey, params],
    queryFn: () => listPriceAdjustments(params),
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 2000 : false,
  });
  const chosen = runs.data?.items.find((r) => r.id === selected) ?? null;

  const columns: TableProps<PriceAdjustmentRun>['columns'] = [
    { title: t('priceAdjustment.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: formatDateTime },
    { title: t('priceAdjustment.usageNature'), dataIndex: 'usageNatureName', key: 'usageNature' },
    { title: t('priceAdjustment.range'), key: 'range', render: (_, r) => `${r.from} ~ ${r.to}` },
    {
      title: t('priceAdjustment.status'),
      key: 'status',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLOR[r.status]} data-testid={`pa-status-${r.id}`}>
            {t(`priceAdjustment.status.${r.status}`)}
          </Tag>
          {r.error && <Typography.Text type="danger">{r.error}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('priceAdjustment.progress'),
      key: 'progress',
      render: (_, r) => (
        <Space orientation="vertical" size={0} style={{ minWidth: 160 }}>
          <Progress
            size="small"
            percent={r.billsTotal ? Math.round((100 * r.billsDone) / r.billsTotal) : r.status === 'done' ? 100 : 0}
            status={r.status === 'failed' ? 'exception' : r.status === 'done' ? 'success' : 'active'}
          />
          <Typography.Text type="secondary">
            {t('priceAdjustment.bills', { done: r.billsDone, total: r.billsTotal ?? '—' })}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('priceAdjustment.lines'), dataIndex: 'linesCreated', key: 'lines', align: 'right' },
    {
      title: t('priceAdjustment.amountTotal'),
      dataIndex: 'amountTotal',
      key: 'amountTotal',
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    { title: t('priceAdjustment.startedBy'), dataIndex: 'startedBy', key: 'startedBy', render: (n) => n ?? '—' },
    {
      title: '',
      key: 'actions',
      render: (_, r) => (
        <Button size="small" onClick={() => setSelected(r.id)} data-testid={`pa-view-${r.id}`}>
          {t('priceAdjustment.viewLines')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <PageCard
        title={t('menu.priceAdjustments')}
        extra={
          can('billing.priceAdjustment.run') && (
            <Button type="primary" onClick={() => setStarting(true)} data-testid="pa-start">
              {t('priceAdjustment.start')}
            </Button>
          )
        }
      >
        <Alert type="info" showIcon title={t('priceAdjustment.hint')} style={{ marginBottom: 16 }} />
        <Table<PriceAdjustmentRun>
          rowKey="id"
          data-testid="pa-runs"
          columns={columns}
          dataSource={runs.data?.items}
          loading={runs.isFetching && !runs.data}
          rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
          onChange={(pagination, _f, sorter) =>
            setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, []) }))
          }
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: runs.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
          }}
          scroll={{ x: 'max-content' }}
        />
      </PageCard>
      {chosen && <Lines run={chosen} />}
      <StartModal open={starting} onClose={() => setStarting(false)} onStarted={setSelected} />
    </Space>
  );
}

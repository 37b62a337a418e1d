import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Select, Space, Table, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  ADJUSTMENT_KINDS,
  ADJUSTMENT_STATUSES,
  type Adjustment,
  type AdjustmentFilters,
  type AdjustmentListParams,
  type AdjustmentSort,
  adjustmentsKey,
  listAdjustments,
} from '../../../api/adjustments';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime } from '../../../lib/time';
import { AccountSelect } from '../../customers/AccountSelect';
import { AdjustmentFormModal } from './AdjustmentFormModal';
import { AdjustmentStatusTag, DirectionTag } from './AdjustmentTags';

const SORTABLE: AdjustmentSort[] = ['createdAt', 'adjustmentNo', 'amount', 'postedAt'];

interface FilterForm {
  q?: string;
  kind?: AdjustmentFilters['kind'];
  status?: AdjustmentFilters['status'];
  direction?: AdjustmentFilters['direction'];
  accountId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export const adjustmentPath = (id: string) => `/billing/adjustments/${encodeURIComponent(id)}`;

function Filters({ onSearch }: { onSearch: (f: AdjustmentFilters) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<FilterForm>();
  const toFilters = (v: FilterForm): AdjustmentFilters => {
    const [from, to] = v.range ?? [];
    return {
      q: v.q?.trim() || undefined,
      kind: v.kind,
      status: v.status,
      direction: v.direction,
      accountId: v.accountId,
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
    };
  };
  return (
    <Form<FilterForm>
      form={form}
      layout="inline"
      onFinish={(v) => onSearch(toFilters(v))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item name="q" label={t('adjustment.filter.q')}>
        <Input allowClear style={{ width: 180 }} data-testid="adjustment-filter-q" />
      </Form.Item>
      <Form.Item name="accountId" label={t('adjustment.account')}>
        <AccountSelect style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="kind" label={t('adjustment.kind')}>
        <Select
          allowClear
          style={{ width: 150 }}
          data-testid="adjustment-filter-kind"
          options={ADJUSTMENT_KINDS.map((k) => ({ value: k, label: t(`adjustment.kind.${k}` as MessageKey) }))}
        />
      </Form.Item>
      <Form.Item name="direction" label={t('adjustment.direction')}>
        <Select
          allowClear
          style={{ width: 100 }}
          options={(['credit', 'debit'] as const).map((d) => ({
            value: d,
            label: t(`adjustment.direction.short.${d}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('adjustment.status')}>
        <Select
          allowClear
          style={{ width: 120 }}
          data-testid="adjustment-filter-status"
          options={ADJUSTMENT_STATUSES.map((s) => ({ value: s, label: t(`adjustment.status.${s}` as MessageKey) }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('adjustment.filter.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      {/* Reset clears every filter (an empty object would keep the previous ones when merged). */}
      <FilterActions form={form} onReset={() => onSearch(toFilters({}))} searchTestId="adjustment-search" />
    </Form>
  );
}

/** 退补管理 (BIL-5): applications, their approval, posting and archive. */
export function AdjustmentsPage() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [params, setParams] = useState<AdjustmentListParams>({
    page: 1,
    pageSize: 20,
    sort: 'createdAt',
    order: 'desc',
  });
  const list = useQuery({
    queryKey: [...adjustmentsKey, 'list', params],
    queryFn: () => listAdjustments(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = params;
  const sortable = (key: AdjustmentSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<Adjustment>['columns'] = [
    {
      title: t('adjustment.no'),
      dataIndex: 'adjustmentNo',
      key: 'adjustmentNo',
      ...sortable('adjustmentNo'),
      render: (no: string, a) => <Link to={adjustmentPath(a.id)}>{no}</Link>,
    },
    { title: t('adjustment.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
    { title: t('adjustment.customerName'), dataIndex: 'customerName', key: 'customerName' },
    {
      title: t('adjustment.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: string) => t(`adjustment.kind.${k}` as MessageKey),
    },
    {
      title: t('adjustment.direction'),
      dataIndex: 'direction',
      key: 'direction',
      render: (_, a) => <DirectionTag direction={a.direction} />,
    },
    { title: t('adjustment.volume'), dataIndex: 'volume', key: 'volume', render: (v: string | null) => v ?? '—' },
    {
      title: t('adjustment.amount'),
      dataIndex: 'amount',
      key: 'amount',
      align: 'right',
      ...sortable('amount'),
    },
    {
      title: t('adjustment.status'),
      dataIndex: 'status',
      key: 'status',
      render: (_, a) => <AdjustmentStatusTag status={a.status} />,
    },
    {
      title: t('adjustment.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      ...sortable('createdAt'),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('adjustment.postedAt'),
      dataIndex: 'postedAt',
      key: 'postedAt',
      ...sortable('postedAt'),
      render: (v: string | null) => formatDateTime(v),
    },
    { title: t('adjustment.archiveNo'), dataIndex: 'archiveNo', key: 'archiveNo', render: (v) => v ?? '—' },
  ];

  return (
    <PageCard
      title={t('menu.adjustments')}
      extra={
        <Space>
          <ExportButton exportName="adjustments" filters={{ ...exportable }} />
          {can('adjustment.apply') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="adjustment-new"
            >
              {t('adjustment.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Filters onSearch={(f) => setParams((p) => ({ ...p, ...f, page: 1 }))} />
      <Table<Adjustment>
        rowKey="id"
        data-testid="adjustment-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <AdjustmentFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(a) => navigate(adjustmentPath(a.id))}
      />
    </PageCard>
  );
}

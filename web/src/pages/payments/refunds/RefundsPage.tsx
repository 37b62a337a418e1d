import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Select, Space, Table, type TableProps, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  listRefunds,
  REFUND_CASES,
  REFUND_STATUSES,
  type Refund,
  type RefundFilters,
  type RefundListParams,
  type RefundSort,
  refundsKey,
} from '../../../api/refunds';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime } from '../../../lib/time';
import { AccountSelect } from '../../customers/AccountSelect';
import { RefundFormModal } from './RefundFormModal';
import { RefundStatusTag, refundPath } from './shared';

const SORTABLE: RefundSort[] = ['filedAt', 'no', 'amount'];

interface FilterForm {
  q?: string;
  caseKind?: RefundFilters['caseKind'];
  status?: RefundFilters['status'];
  accountId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function Filters({ onSearch }: { onSearch: (f: RefundFilters) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<FilterForm>();
  const toFilters = (v: FilterForm): RefundFilters => {
    const [from, to] = v.range ?? [];
    return {
      q: v.q?.trim() || undefined,
      caseKind: v.caseKind,
      status: v.status,
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
      <Form.Item name="q" label={t('refund.filter.q')}>
        <Input allowClear style={{ width: 180 }} data-testid="refund-filter-q" />
      </Form.Item>
      <Form.Item name="accountId" label={t('refund.account')}>
        <AccountSelect style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="caseKind" label={t('refund.caseKind')}>
        <Select
          allowClear
          style={{ width: 140 }}
          data-testid="refund-filter-case"
          options={REFUND_CASES.map((k) => ({ value: k, label: t(`refund.case.${k}` as MessageKey) }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('refund.status')}>
        <Select
          allowClear
          style={{ width: 130 }}
          data-testid="refund-filter-status"
          options={REFUND_STATUSES.map((s) => ({ value: s, label: t(`refund.status.${s}` as MessageKey) }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('refund.filter.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch(toFilters({}))} searchTestId="refund-search" />
    </Form>
  );
}

/** 退费申请 (PAY-7): requests by case, their review, finance approval, payout or transfer. */
export function RefundsPage() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [params, setParams] = useState<RefundListParams>({ page: 1, pageSize: 20, sort: 'filedAt', order: 'desc' });
  const list = useQuery({
    queryKey: [...refundsKey, 'list', params],
    queryFn: () => listRefunds(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = params;
  const sortable = (key: RefundSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<Refund>['columns'] = [
    {
      title: t('refund.no'),
      dataIndex: 'no',
      key: 'no',
      ...sortable('no'),
      render: (no: string, r) => <Link to={refundPath(r.id)}>{no}</Link>,
    },
    { title: t('refund.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
    { title: t('refund.customerName'), dataIndex: 'customerName', key: 'customerName' },
    {
      title: t('refund.caseKind'),
      dataIndex: 'caseKind',
      key: 'caseKind',
      render: (k: string) => t(`refund.case.${k}` as MessageKey),
    },
    { title: t('refund.amount'), dataIndex: 'amount', key: 'amount', align: 'right', ...sortable('amount') },
    {
      title: t('refund.status'),
      dataIndex: 'status',
      key: 'status',
      render: (_, r) => <RefundStatusTag status={r.status} />,
    },
    {
      title: t('refund.disposition'),
      dataIndex: 'disposition',
      key: 'disposition',
      render: (d: string | null, r) =>
        d ? (
          <Tag>
            {t(`refund.disposition.${d}` as MessageKey)}
            {r.targetAccountNo ? ` → ${r.targetAccountNo}` : ''}
          </Tag>
        ) : (
          '—'
        ),
    },
    { title: t('refund.filedBy'), key: 'filedBy', render: (_, r) => r.filedBy?.name ?? '—' },
    {
      title: t('refund.filedAt'),
      dataIndex: 'filedAt',
      key: 'filedAt',
      ...sortable('filedAt'),
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <PageCard
      title={t('menu.refunds')}
      extra={
        <Space>
          <ExportButton exportName="refunds" filters={{ ...exportable }} />
          {can('refund.request') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="refund-new">
              {t('refund.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Filters onSearch={(f) => setParams((p) => ({ ...p, ...f, page: 1 }))} />
      <Table<Refund>
        rowKey="id"
        data-testid="refund-table"
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
      <RefundFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => navigate(refundPath(r.id))}
      />
    </PageCard>
  );
}

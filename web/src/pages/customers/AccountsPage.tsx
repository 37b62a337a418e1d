import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Space, Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  type AccountFilters,
  type AccountListItem,
  type AccountListParams,
  type AccountSort,
  customersKey,
  getFilterOptions,
  listAccounts,
} from '../../api/customers';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/spreadsheets/ExportButton';
import { useT } from '../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../lib/table';
import { ACCOUNT_STATUSES, accountViewPath, COMMODITIES, CUSTOMER_KINDS, label, STATUS_COLOR } from './labels';

const SORTABLE: AccountSort[] = ['accountNo', 'openedOn'];

function RegisterFilters({ value, onChange }: { value: AccountFilters; onChange: (next: AccountFilters) => void }) {
  const { t } = useT();
  const options = useQuery({
    queryKey: [...customersKey, 'filter-options'],
    queryFn: getFilterOptions,
    staleTime: 10 * 60_000,
  });
  const set = (patch: AccountFilters) => onChange({ ...value, ...patch });
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('customers.district')}
        value={value.district}
        onChange={(district) => set({ district })}
        options={(options.data?.districts ?? []).map((d) => ({ value: d, label: d }))}
        style={{ width: 140 }}
        data-testid="accounts-filter-district"
      />
      <Select
        allowClear
        placeholder={t('customers.status')}
        value={value.status}
        onChange={(status) => set({ status })}
        options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(label('status', s)) }))}
        style={{ width: 120 }}
        data-testid="accounts-filter-status"
      />
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('customers.usageNature')}
        value={value.usageNature}
        onChange={(usageNature) => set({ usageNature })}
        options={(options.data?.usageNatures ?? []).map((u) => ({ value: u.code, label: u.name }))}
        style={{ width: 180 }}
        data-testid="accounts-filter-usageNature"
      />
      <Select
        allowClear
        placeholder={t('customers.kind')}
        value={value.customerKind}
        onChange={(customerKind) => set({ customerKind })}
        options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(label('kind', k)) }))}
        style={{ width: 120 }}
        data-testid="accounts-filter-kind"
      />
      <Select
        allowClear
        placeholder={t('customers.commodity')}
        value={value.commodity}
        onChange={(commodity) => set({ commodity })}
        options={COMMODITIES.map((c) => ({ value: c, label: t(label('commodity', c)) }))}
        style={{ width: 100 }}
        data-testid="accounts-filter-commodity"
      />
    </Space>
  );
}

/** 用户档案列表: the customer register, paged, filtered, sorted and exported (with approval, IAM-5). */
export function AccountsPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const [params, setParams] = useState<AccountListParams>({ page: 1, pageSize: 20, sort: 'accountNo', order: 'asc' });
  const accounts = useQuery({
    queryKey: [...customersKey, 'list', params],
    queryFn: () => listAccounts(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, sort: _so, order: _o, ...filters } = params;

  const sortable = (key: AccountSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });
  const columns: TableProps<AccountListItem>['columns'] = [
    { title: t('customers.accountNo'), dataIndex: 'accountNo', key: 'accountNo', width: 130, ...sortable('accountNo') },
    { title: t('customers.name'), dataIndex: 'customerName', key: 'customerName' },
    {
      title: t('customers.kind'),
      dataIndex: 'customerKind',
      key: 'customerKind',
      render: (k: string) => t(label('kind', k)),
    },
    { title: t('customers.mobile'), dataIndex: 'mobile', key: 'mobile', render: (m) => m ?? '—' },
    { title: t('customers.address'), dataIndex: 'address', key: 'address' },
    { title: t('customers.usageNature'), dataIndex: 'usageNatureName', key: 'usageNature' },
    { title: t('customers.meterSerial'), dataIndex: 'meterSerial', key: 'meterSerial', render: (s) => s ?? '—' },
    { title: t('customers.openedOn'), dataIndex: 'openedOn', key: 'openedOn', ...sortable('openedOn') },
    {
      title: t('customers.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(label('status', s))}</Tag>,
    },
  ];

  return (
    <PageCard
      title={t('menu.customerAccounts')}
      extra={
        <ExportButton exportName="customerAccounts" filters={{ ...filters, sort: params.sort, order: params.order }} />
      }
    >
      <RegisterFilters value={filters} onChange={(next) => setParams((p) => ({ ...p, ...next, page: 1 }))} />
      <Table<AccountListItem>
        rowKey="id"
        data-testid="accounts-table"
        columns={columns}
        dataSource={accounts.data?.items}
        loading={accounts.isFetching}
        onRow={(a) => ({ onClick: () => navigate(accountViewPath(a.id)), style: { cursor: 'pointer' } })}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: accounts.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Form, Input, Select, Space, Table, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  type AccountCase,
  accountCasesKey,
  CASE_KINDS,
  CASE_STATUSES,
  type CaseFilters,
  type CaseKind,
  type CaseSort,
  type CaseStatus,
  listAccountCases,
} from '../../../api/accountCases';
import type { SortOrder } from '../../../api/types';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime, toDateString } from '../../../lib/time';
import { blankToUndefined } from '../../../lib/validation';
import { NewCaseModal } from './NewCaseModal';
import { CaseStatusTag, kindKey, OverdueTag, statusKey } from './shared';

const SORTABLE: CaseSort[] = ['createdAt', 'caseNo', 'kind', 'status', 'accountNo'];

interface FilterForm {
  kind?: CaseKind;
  status?: CaseStatus;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
  overdue?: boolean;
}

function toFilters(v: FilterForm): CaseFilters {
  const [from, to] = v.range ?? [];
  return {
    kind: v.kind,
    status: v.status,
    from: toDateString(from) ?? undefined,
    to: toDateString(to) ?? undefined,
    q: blankToUndefined(v.q),
    overdue: v.overdue ? 'true' : undefined,
  };
}

/** 用户变更业务: the register of transfers, suspensions, reactivations, closures and nature changes. */
export function CaseRegisterPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const can = useCan();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<CaseFilters>({});
  const [page, setPage] = useState<{ page: number; pageSize: number; sort: CaseSort; order: SortOrder }>({
    page: 1,
    pageSize: 20,
    sort: 'createdAt',
    order: 'desc',
  });
  const [creating, setCreating] = useState(false);
  const params = { ...page, ...filters };
  const list = useQuery({
    queryKey: [...accountCasesKey, 'list', params],
    queryFn: () => listAccountCases(params),
    placeholderData: keepPreviousData,
  });

  const onChange: TableProps<AccountCase>['onChange'] = (pagination, _f, sorter) => {
    const next = tableChangeToPage(pagination, sorter, SORTABLE);
    setPage({ page: next.page, pageSize: next.pageSize, sort: next.sort ?? 'createdAt', order: next.order ?? 'desc' });
  };
  const sortable = (key: CaseSort) => ({ sorter: true, sortOrder: sortOrderOf(page, key) });

  const columns: TableProps<AccountCase>['columns'] = [
    {
      key: 'caseNo',
      title: t('cases.caseNo'),
      ...sortable('caseNo'),
      render: (_, r) => <Link to={`/customers/cases/${r.id}`}>{r.caseNo}</Link>,
    },
    { key: 'kind', title: t('cases.kindLabel'), ...sortable('kind'), render: (_, r) => t(kindKey(r.kind)) },
    {
      key: 'status',
      title: t('cases.statusLabel'),
      ...sortable('status'),
      render: (_, r) => (
        <Space size={4}>
          <CaseStatusTag status={r.status} />
          <OverdueTag overdue={r.overdue} />
        </Space>
      ),
    },
    { key: 'accountNo', title: t('cases.accountNo'), ...sortable('accountNo'), render: (_, r) => r.account.accountNo },
    { key: 'customer', title: t('cases.customerName'), render: (_, r) => r.customer.name },
    { key: 'newCustomer', title: t('cases.newCustomerName'), render: (_, r) => r.newCustomer?.name ?? '' },
    { key: 'address', title: t('cases.address'), render: (_, r) => r.account.address },
    {
      key: 'elapsed',
      title: t('cases.elapsed'),
      render: (_, r) => (
        <span style={r.overrun ? { color: '#cf1322' } : undefined}>
          {t('cases.elapsedValue', { minutes: Math.floor(r.elapsedSeconds / 60), seconds: r.elapsedSeconds % 60 })}
        </span>
      ),
    },
    { key: 'dueOn', title: t('cases.dueOn'), render: (_, r) => r.restoreBy ?? r.dueOn ?? '' },
    { key: 'createdBy', title: t('cases.createdBy'), render: (_, r) => r.createdBy?.fullName ?? '' },
    {
      key: 'createdAt',
      title: t('cases.createdAt'),
      ...sortable('createdAt'),
      render: (_, r) => formatDateTime(r.createdAt),
    },
  ];

  const onRow = (r: AccountCase) => {
    const attrs: HTMLAttributes<HTMLElement> & { 'data-testid': string } = {
      'data-testid': `case-row-${r.caseNo}`,
      onDoubleClick: () => navigate(`/customers/cases/${r.id}`),
    };
    return attrs;
  };

  return (
    <PageCard
      title={t('menu.accountCases')}
      extra={
        <Space>
          {can('customer.case') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-case">
              {t('cases.new')}
            </Button>
          )}
          {can('customer.case') && (
            <ExportButton exportName="accountCases" filters={{ ...filters, sort: page.sort, order: page.order }} />
          )}
        </Space>
      }
    >
      <Form<FilterForm>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 12 }}
        onFinish={(v) => {
          setFilters(toFilters(v));
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="kind" label={t('cases.kindLabel')}>
          <Select<CaseKind>
            allowClear
            style={{ width: 140 }}
            options={CASE_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))}
            data-testid="cases-filter-kind"
          />
        </Form.Item>
        <Form.Item name="status" label={t('cases.statusLabel')}>
          <Select<CaseStatus>
            allowClear
            style={{ width: 130 }}
            options={CASE_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
            data-testid="cases-filter-status"
          />
        </Form.Item>
        <Form.Item name="range" label={t('cases.filterRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="q" label={t('cases.filterQ')}>
          <Input allowClear placeholder={t('cases.filterQPlaceholder')} data-testid="cases-filter-q" />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked">
          <Checkbox>{t('cases.filterOverdue')}</Checkbox>
        </Form.Item>
        <FilterActions form={form} onReset={() => setFilters({})} searchTestId="cases-search" />
      </Form>
      <Table<AccountCase>
        rowKey="id"
        data-testid="cases-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={onChange}
        onRow={onRow}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <NewCaseModal open={creating} onClose={() => setCreating(false)} />
    </PageCard>
  );
}

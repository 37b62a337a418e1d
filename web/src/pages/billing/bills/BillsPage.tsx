import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Table, type TableProps, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { type Bill, type BillListParams, type BillSort, billsKey, listBills } from '../../../api/billing';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { hasMessage } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { AccountSelect } from '../../customers/AccountSelect';
import { toPeriod } from '../readings/shared';

export function BillKindTag({ kind }: { kind: string }) {
  const { t } = useT();
  const key = `bill.kind.${kind}`;
  return <Tag color={kind === 'estimated' ? 'orange' : 'blue'}>{hasMessage(key) ? t(key) : kind}</Tag>;
}

const SORTABLE: BillSort[] = ['period', 'accountNo', 'amount', 'volume', 'dueOn'];

interface FilterForm {
  period?: Dayjs;
  accountId?: string;
}

/** 账单 (BIL-2): bills by period, account or run; the detail shows the tier lines. */
export function BillsPage() {
  const { t } = useT();
  const [search, setSearch] = useSearchParams();
  const [form] = Form.useForm<FilterForm>();
  const runId = search.get('runId') ?? undefined;
  const [params, setParams] = useState<BillListParams>({ page: 1, pageSize: 20, sort: 'period', order: 'desc' });
  const query = { ...params, runId };
  const bills = useQuery({
    queryKey: [...billsKey, 'list', query],
    queryFn: () => listBills(query),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = query;
  const sortable = (key: BillSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<Bill>['columns'] = [
    { title: t('bill.period'), dataIndex: 'period', key: 'period', ...sortable('period') },
    {
      title: t('bill.accountNo'),
      dataIndex: 'accountNo',
      key: 'accountNo',
      ...sortable('accountNo'),
      render: (no: string, b) => <Link to={`/billing/bills/${b.id}`}>{no}</Link>,
    },
    { title: t('bill.kind'), dataIndex: 'kind', key: 'kind', render: (k: string) => <BillKindTag kind={k} /> },
    { title: t('bill.usageNature'), dataIndex: 'usageNature', key: 'usageNature' },
    { title: t('bill.readOn'), dataIndex: 'readOn', key: 'readOn' },
    { title: t('bill.volume'), dataIndex: 'volume', key: 'volume', align: 'right', ...sortable('volume') },
    { title: t('bill.amount'), dataIndex: 'amount', key: 'amount', align: 'right', ...sortable('amount') },
    {
      title: t('bill.dueOn'),
      dataIndex: 'dueOn',
      key: 'dueOn',
      ...sortable('dueOn'),
      render: (v: string | null) => v ?? '—',
    },
  ];

  return (
    <PageCard title={t('menu.bills')} extra={<ExportButton exportName="bills" filters={{ ...exportable }} />}>
      <Form<FilterForm>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 12 }}
        onFinish={(v) => setParams((p) => ({ ...p, page: 1, period: toPeriod(v.period), accountId: v.accountId }))}
      >
        <Form.Item name="period" label={t('bill.period')}>
          <DatePicker picker="month" data-testid="bill-filter-period" />
        </Form.Item>
        <Form.Item name="accountId" label={t('bill.account')}>
          <AccountSelect style={{ width: 260 }} />
        </Form.Item>
        {runId && (
          <Form.Item label={t('bill.run')}>
            <Tag closable onClose={() => setSearch({})}>
              {t('bill.runFilter')}
            </Tag>
          </Form.Item>
        )}
        <FilterActions
          form={form}
          searchTestId="bill-search"
          onReset={() => setParams((p) => ({ ...p, page: 1, period: undefined, accountId: undefined }))}
        />
      </Form>
      <Table<Bill>
        rowKey="id"
        data-testid="bill-table"
        columns={columns}
        dataSource={bills.data?.items}
        loading={bills.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: bills.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Select, Space, Table, type TableProps, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  lateFeesKey,
  listWaiverReasons,
  listWaivers,
  type Waiver,
  type WaiverFilters,
  type WaiverListParams,
  type WaiverSort,
} from '../../../api/lateFees';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { toDateString } from '../../../lib/time';
import { formatYuan, usePick } from '../../approvals/format';
import { WaiverStatusTag } from './WaiverStatusTag';

const SORTABLE: WaiverSort[] = ['requestedAt', 'amount', 'accountNo'];

interface FilterForm {
  status?: WaiverFilters['status'];
  category?: WaiverFilters['category'];
  reason?: string;
  accountNo?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function Filters({ onSearch }: { onSearch: (f: WaiverFilters) => void }) {
  const { t, lang } = useT();
  const [form] = Form.useForm<FilterForm>();
  const category = Form.useWatch('category', form);
  const reasons = useQuery({ queryKey: [...lateFeesKey, 'reasons'], queryFn: listWaiverReasons, staleTime: 3_600_000 });
  const toFilters = (v: FilterForm): WaiverFilters => {
    const [from, to] = v.range ?? [];
    return {
      status: v.status,
      category: v.category,
      reason: v.reason,
      accountNo: v.accountNo?.trim() || undefined,
      from: toDateString(from) ?? undefined,
      to: toDateString(to) ?? undefined,
    };
  };
  return (
    <Form<FilterForm>
      form={form}
      layout="inline"
      validateTrigger="onChange"
      onFinish={(v) => onSearch(toFilters(v))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item
        name="accountNo"
        label={t('lateFee.register.accountNo')}
        rules={[{ pattern: /^\s*\d{0,18}\s*$/, message: t('lateFee.register.accountNoInvalid') }]}
      >
        <Input allowClear style={{ width: 170 }} data-testid="waiver-filter-account" />
      </Form.Item>
      <Form.Item name="status" label={t('lateFee.register.status')}>
        <Select
          allowClear
          style={{ width: 110 }}
          data-testid="waiver-filter-status"
          options={(['pending', 'approved', 'rejected', 'withdrawn'] as const).map((s) => ({
            value: s,
            label: t(`lateFee.status.${s}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="category" label={t('lateFee.waiver.category')}>
        <Select
          allowClear
          style={{ width: 100 }}
          onChange={() => form.setFieldValue('reason', undefined)}
          options={(['waive', 'reduce'] as const).map((c) => ({ value: c, label: t(`lateFee.category.${c}`) }))}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('lateFee.waiver.reason')}>
        <Select
          allowClear
          style={{ width: 190 }}
          data-testid="waiver-filter-reason"
          options={(reasons.data?.items ?? [])
            .filter((r) => !category || r.category === category)
            .map((r) => ({ value: r.code, label: lang === 'zh-CN' ? r.zh : r.en }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('lateFee.register.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch({})} searchTestId="waiver-search" />
    </Form>
  );
}

/** 违约金减免登记表 (BIL-4): every waiver request, its reason, amount, approval tier and where it stands. */
export function WaiversPage() {
  const { t } = useT();
  const pick = usePick();
  const [params, setParams] = useState<WaiverListParams>({ page: 1, pageSize: 20, sort: 'requestedAt', order: 'desc' });
  const waivers = useQuery({
    queryKey: [...lateFeesKey, 'waivers', params],
    queryFn: () => listWaivers(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = params;
  const sortable = (key: WaiverSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<Waiver>['columns'] = [
    {
      title: t('lateFee.register.requestedOn'),
      dataIndex: 'requestedOn',
      key: 'requestedAt',
      ...sortable('requestedAt'),
    },
    {
      title: t('lateFee.register.accountNo'),
      dataIndex: 'accountNo',
      key: 'accountNo',
      ...sortable('accountNo'),
      render: (no: string, w) => <Link to={`/customers/accounts/${w.accountId}`}>{no}</Link>,
    },
    { title: t('lateFee.register.customerName'), dataIndex: 'customerName', key: 'customerName' },
    { title: t('lateFee.waiver.category'), key: 'category', render: (_, w) => pick(w.categoryName) },
    { title: t('lateFee.waiver.reason'), key: 'reason', render: (_, w) => pick(w.reasonName) },
    {
      title: t('lateFee.register.periods'),
      key: 'periods',
      render: (_, w) => w.debts.map((d) => d.period ?? '—').join('、'),
    },
    {
      title: t('lateFee.ledger.amount'),
      dataIndex: 'amount',
      key: 'amount',
      align: 'right',
      ...sortable('amount'),
      render: (v: string) => formatYuan(v),
    },
    {
      title: t('lateFee.register.accrued'),
      dataIndex: 'accrued',
      key: 'accrued',
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    {
      title: t('lateFee.register.levels'),
      dataIndex: 'levels',
      key: 'levels',
      render: (n: number) => t('lateFee.levels', { n }),
    },
    { title: t('lateFee.register.status'), key: 'status', render: (_, w) => <WaiverStatusTag waiver={w} /> },
    { title: t('lateFee.register.requestedBy'), key: 'requestedBy', render: (_, w) => w.requestedBy.fullName },
    { title: t('lateFee.register.decidedOn'), dataIndex: 'decidedOn', key: 'decidedOn', render: (d) => d ?? '—' },
    {
      title: t('lateFee.waiver.note'),
      dataIndex: 'note',
      key: 'note',
      render: (n: string | null) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: n }} style={{ marginBottom: 0, maxWidth: 220 }}>
          {n ?? ''}
        </Typography.Paragraph>
      ),
    },
  ];

  return (
    <PageCard
      title={t('menu.lateFeeWaivers')}
      extra={
        <Space>
          <Typography.Text data-testid="waiver-total-amount">
            {t('lateFee.register.totalAmount', { amount: formatYuan(waivers.data?.totalAmount ?? '0') })}
          </Typography.Text>
          <ExportButton exportName="lateFeeWaivers" filters={{ ...exportable }} />
        </Space>
      }
    >
      <Filters onSearch={(f) => setParams((p) => ({ ...p, ...f, page: 1 }))} />
      <Table<Waiver>
        rowKey="id"
        data-testid="waiver-table"
        columns={columns}
        dataSource={waivers.data?.items}
        loading={waivers.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: waivers.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Select, Space, Table, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { type HTMLAttributes, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  listWorkOrders,
  type RegisterFilters,
  type RegisterSort,
  type WorkOrder,
  type WorkOrderStatus,
  workOrdersKey,
} from '../../../api/workOrders';
import { FilterActions } from '../../../components/FilterActions';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime, toDateString } from '../../../lib/time';
import { blankToUndefined } from '../../../lib/validation';
import { PriorityTag, TimeLeftTag, WorkOrderStatusTag } from '../TimeLeftTag';
import { STATUSES, statusKey, useBilingual, useWorkOrderTypes } from './shared';

const SORTABLE: RegisterSort[] = ['reportedAt', 'deadlineAt', 'orderNo', 'status', 'typeCode'];

interface FilterForm {
  status?: WorkOrderStatus;
  typeCode?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  accountNo?: string;
  orgUnitId?: string;
  breached?: 'true' | 'false';
}

function toFilters(v: FilterForm): RegisterFilters {
  const [from, to] = v.range ?? [];
  return {
    status: v.status,
    typeCode: v.typeCode,
    from: toDateString(from) ?? undefined,
    to: toDateString(to) ?? undefined,
    accountNo: blankToUndefined(v.accountNo),
    orgUnitId: v.orgUnitId,
    breached: v.breached,
  };
}

/** 工单登记簿 (SVC-4): every order of the company, filtered, sorted, paged and exported. */
export function OrderRegisterPage() {
  const { t } = useT();
  const bi = useBilingual();
  const navigate = useNavigate();
  const types = useWorkOrderTypes();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<RegisterFilters>({});
  const [page, setPage] = useState<{ page: number; pageSize: number; sort: RegisterSort; order: 'asc' | 'desc' }>({
    page: 1,
    pageSize: 20,
    sort: 'reportedAt',
    order: 'desc',
  });
  const params = { ...page, ...filters };
  const list = useQuery({
    queryKey: [...workOrdersKey, 'register', params],
    queryFn: () => listWorkOrders(params),
    placeholderData: keepPreviousData,
  });

  const onChange: TableProps<WorkOrder>['onChange'] = (pagination, _f, sorter) => {
    const next = tableChangeToPage(pagination, sorter, SORTABLE);
    setPage({ page: next.page, pageSize: next.pageSize, sort: next.sort ?? 'reportedAt', order: next.order ?? 'desc' });
  };
  const sortable = (key: RegisterSort) => ({ sorter: true, sortOrder: sortOrderOf(page, key) });

  const columns: TableProps<WorkOrder>['columns'] = [
    {
      key: 'orderNo',
      title: t('wo.orderNo'),
      ...sortable('orderNo'),
      render: (_, o) => <Link to={`/service/orders/${o.id}`}>{o.orderNo}</Link>,
    },
    { key: 'typeCode', title: t('wo.type'), ...sortable('typeCode'), render: (_, o) => bi(o.typeName) },
    {
      key: 'status',
      title: t('wo.statusLabel'),
      ...sortable('status'),
      render: (_, o) => <WorkOrderStatusTag status={o.status} />,
    },
    { key: 'priority', title: t('wo.priority'), render: (_, o) => <PriorityTag priority={o.priority} /> },
    {
      key: 'timeLeft',
      title: t('wo.timeLeft'),
      render: (_, o) => <TimeLeftTag order={o} fetchedAt={list.dataUpdatedAt} />,
    },
    { key: 'accountNo', title: t('wo.accountNo'), render: (_, o) => o.accountNo ?? '' },
    { key: 'caller', title: t('wo.customer'), render: (_, o) => o.callerName ?? '' },
    { key: 'phone', title: t('wo.phone'), render: (_, o) => o.phone ?? '' },
    { key: 'address', title: t('wo.address'), render: (_, o) => o.address ?? '' },
    { key: 'centre', title: t('wo.centre'), render: (_, o) => o.orgUnitName ?? '' },
    {
      key: 'who',
      title: t('wo.assignee'),
      render: (_, o) => [o.teamName, o.technicianName].filter(Boolean).join(' · ') || t('wo.unassigned'),
    },
    {
      key: 'reportedAt',
      title: t('wo.reportedAt'),
      ...sortable('reportedAt'),
      render: (_, o) => formatDateTime(o.reportedAt),
    },
    {
      key: 'deadlineAt',
      title: t('wo.deadline'),
      ...sortable('deadlineAt'),
      render: (_, o) => formatDateTime(o.deadlineAt),
    },
  ];

  const onRow = (o: WorkOrder) => {
    const attrs: HTMLAttributes<HTMLElement> & { 'data-testid': string } = {
      'data-testid': `order-row-${o.orderNo}`,
      onDoubleClick: () => navigate(`/service/orders/${o.id}`),
    };
    return attrs;
  };

  return (
    <PageCard
      title={t('menu.workOrders')}
      extra={
        <ExportButton exportName="workOrderRegister" filters={{ ...filters, sort: page.sort, order: page.order }} />
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
        <Form.Item name="status" label={t('wo.statusLabel')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
            data-testid="orders-filter-status"
          />
        </Form.Item>
        <Form.Item name="typeCode" label={t('wo.type')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={(types.data ?? []).map((x) => ({ value: x.code, label: bi(x.name) }))}
            data-testid="orders-filter-type"
          />
        </Form.Item>
        <Form.Item name="range" label={t('wo.reportedRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="accountNo" label={t('wo.accountNo')} rules={[{ max: 32, message: t('wo.accountNoMax') }]}>
          <Input allowClear style={{ width: 150 }} data-testid="orders-filter-account" />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('wo.centre')}>
          <OrgUnitTreeSelect style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="breached" label={t('wo.breachedLabel')}>
          <Select
            allowClear
            style={{ width: 110 }}
            options={[
              { value: 'true', label: t('wo.breachedYes') },
              { value: 'false', label: t('wo.breachedNo') },
            ]}
            data-testid="orders-filter-breached"
          />
        </Form.Item>
        <FilterActions form={form} onReset={() => setFilters({})} searchTestId="orders-search" />
      </Form>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Table<WorkOrder>
          rowKey="id"
          data-testid="orders-table"
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
      </Space>
    </PageCard>
  );
}

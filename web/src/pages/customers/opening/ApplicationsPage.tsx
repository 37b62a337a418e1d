import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Select, Space, Table, type TableProps, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  type ApplicationListParams,
  type ApplicationMode,
  type ApplicationSort,
  type ApplicationStatus,
  accountViewPath,
  applicationsKey,
  type InstallationPriority,
  listApplications,
  type ServiceApplicationRow,
} from '../../../api/openings';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime } from '../../../lib/time';
import { blankToUndefined } from '../../../lib/validation';
import { ApplicationDrawer } from './ApplicationDrawer';
import { useLabel, useOptions } from './options';

const SORTABLE: ApplicationSort[] = ['applicationNo', 'applicationDate', 'priority', 'feeAmount', 'createdAt'];
const PRIORITY_COLOR: Record<InstallationPriority, string> = {
  waiting: 'default',
  asAgreed: 'blue',
  soon: 'orange',
  urgent: 'red',
};
const STATUS_COLOR: Record<ApplicationStatus, string> = {
  pending: 'gold',
  scheduled: 'blue',
  done: 'green',
  cancelled: 'default',
};

interface FilterForm {
  q?: string;
  status?: ApplicationStatus;
  priority?: InstallationPriority;
  mode?: ApplicationMode;
  range?: [Dayjs | null, Dayjs | null] | null;
}

type Filters = Pick<ApplicationListParams, 'q' | 'status' | 'priority' | 'mode' | 'from' | 'to'>;

function toFilters(v: FilterForm): Filters {
  const [from, to] = v.range ?? [];
  return {
    q: blankToUndefined(v.q),
    status: v.status,
    priority: v.priority,
    mode: v.mode,
    from: from?.format('YYYY-MM-DD'),
    to: to?.format('YYYY-MM-DD'),
  };
}

const FIRST_PAGE: ApplicationListParams = { page: 1, pageSize: 20, sort: 'createdAt', order: 'desc' };

/** 报装申请: the installation applications taken, for the clerks and the installation teams. */
export function ApplicationsPage() {
  const { t } = useT();
  const options = useOptions();
  const label = useLabel();
  const navigate = useNavigate();
  const canOpen = useCan()('customer.open');
  const [form] = Form.useForm<FilterForm>();
  // `?q=` opens the list on one application (the 360° view links here).
  const initialQ = useSearchParams()[0].get('q') ?? undefined;
  const [params, setParams] = useState<ApplicationListParams>({ ...FIRST_PAGE, q: initialQ });
  const [viewing, setViewing] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...applicationsKey, 'list', params],
    queryFn: () => listApplications(params),
    placeholderData: keepPreviousData,
  });
  const onChange: TableProps<ServiceApplicationRow>['onChange'] = (pagination, _f, sorter) =>
    setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }));
  const sortable = (key: ApplicationSort) => ({ key, sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<ServiceApplicationRow>['columns'] = [
    {
      title: t('opening.field.applicationNo'),
      dataIndex: 'applicationNo',
      ...sortable('applicationNo'),
      render: (no: string, row) => (
        <Button type="link" size="small" onClick={() => setViewing(row.id)} data-testid="app-open">
          {no}
        </Button>
      ),
    },
    { title: t('opening.field.applicationDate'), dataIndex: 'applicationDate', ...sortable('applicationDate') },
    { title: t('opening.field.mode'), dataIndex: 'mode', render: (v: ApplicationMode) => label('mode', v) },
    { title: t('opening.field.applicant'), dataIndex: 'applicantName' },
    { title: t('opening.field.address'), dataIndex: 'address', ellipsis: true },
    { title: t('opening.list.households'), dataIndex: 'householdCount', align: 'right' },
    {
      title: t('opening.field.accountNo'),
      key: 'firstAccountNo',
      render: (_, row) =>
        row.firstAccountId ? (
          <Link to={accountViewPath(row.firstAccountId)}>
            {row.firstAccountNo}
            {row.householdCount > 1 ? ' …' : ''}
          </Link>
        ) : (
          '—'
        ),
    },
    { title: t('opening.field.usageNature'), dataIndex: 'usageNatureName' },
    {
      title: t('opening.field.priority'),
      dataIndex: 'priority',
      ...sortable('priority'),
      render: (v: InstallationPriority) => <Tag color={PRIORITY_COLOR[v]}>{label('priority', v)}</Tag>,
    },
    {
      title: t('opening.field.status'),
      dataIndex: 'status',
      render: (v: ApplicationStatus) => <Tag color={STATUS_COLOR[v]}>{label('status', v)}</Tag>,
    },
    { title: t('opening.field.feeAmount'), dataIndex: 'feeAmount', align: 'right', ...sortable('feeAmount') },
    { title: t('opening.detail.takenBy'), dataIndex: 'createdByName' },
    {
      title: t('opening.detail.takenAt'),
      dataIndex: 'createdAt',
      ...sortable('createdAt'),
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <PageCard
      title={t('menu.serviceApplications')}
      extra={
        <Space>
          <ExportButton exportName="serviceApplications" filters={{ ...params }} />
          {canOpen && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/customers/opening/new')}>
              {t('menu.accountOpening')}
            </Button>
          )}
        </Space>
      }
    >
      <Form<FilterForm>
        initialValues={{ q: initialQ }}
        form={form}
        layout="inline"
        onFinish={(v) => setParams((p) => ({ ...FIRST_PAGE, sort: p.sort, order: p.order, ...toFilters(v) }))}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item name="q">
          <Input
            allowClear
            placeholder={t('opening.list.searchPlaceholder')}
            style={{ width: 240 }}
            data-testid="app-q"
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            allowClear
            placeholder={t('opening.field.status')}
            options={options('status')}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item name="priority">
          <Select
            allowClear
            placeholder={t('opening.field.priority')}
            options={options('priority')}
            style={{ width: 140 }}
          />
        </Form.Item>
        <Form.Item name="mode">
          <Select allowClear placeholder={t('opening.field.mode')} options={options('mode')} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="range" label={t('opening.field.applicationDate')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <FilterActions
          form={form}
          onReset={() => setParams((p) => ({ ...FIRST_PAGE, sort: p.sort, order: p.order }))}
          searchTestId="app-search"
        />
      </Form>
      <Table<ServiceApplicationRow>
        rowKey="id"
        data-testid="applications-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={onChange}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <ApplicationDrawer id={viewing} onClose={() => setViewing(null)} />
    </PageCard>
  );
}

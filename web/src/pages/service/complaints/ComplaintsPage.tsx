import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Select, Space, Table, type TableProps, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type Complaint,
  type ComplaintChannel,
  type ComplaintFilters,
  type ComplaintGrade,
  type ComplaintListParams,
  type ComplaintSort,
  type ComplaintStatus,
  complaintsKey,
  GRADES,
  listComplaints,
} from '../../../api/complaints';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { businessInstant, formatDateTime } from '../../../lib/time';
import { ComplaintStatusTag, ComplaintTimeLeft, GradeTag, useLevelName } from './shared';

const SORTABLE: ComplaintSort[] = ['receivedAt', 'deadlineAt', 'complaintNo', 'grade', 'status'];

interface FilterForm {
  q?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  status?: ComplaintStatus;
  grade?: ComplaintGrade;
  channel?: ComplaintChannel;
  mine?: 'owner' | 'handler';
  flag?: 'overdue' | 'open';
}

function Filters({ onSearch }: { onSearch: (f: ComplaintFilters) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<FilterForm>();
  const toFilters = (v: FilterForm): ComplaintFilters => {
    const [from, to] = v.range ?? [];
    return {
      q: v.q?.trim() || undefined,
      from: from ? businessInstant(from.startOf('day')) : undefined,
      to: to ? businessInstant(to.endOf('day')) : undefined,
      status: v.status,
      grade: v.grade,
      channel: v.channel,
      mine: v.mine,
      overdue: v.flag === 'overdue' ? true : undefined,
      open: v.flag === 'open' ? true : undefined,
    };
  };
  return (
    <Form<FilterForm>
      form={form}
      layout="inline"
      onFinish={(v) => onSearch(toFilters(v))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item name="q">
        <Input allowClear placeholder={t('cmp.search')} style={{ width: 220 }} data-testid="complaints-q" />
      </Form.Item>
      <Form.Item name="range" label={t('cmp.receivedRange')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="status" label={t('cmp.status')}>
        <Select
          allowClear
          style={{ width: 120 }}
          options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`cmp.status.${s}` as MessageKey) }))}
        />
      </Form.Item>
      <Form.Item name="grade" label={t('cmp.grade')}>
        <Select
          allowClear
          style={{ width: 150 }}
          options={GRADES.map((g) => ({ value: g, label: t(`cmp.grade.${g}` as MessageKey) }))}
        />
      </Form.Item>
      <Form.Item name="channel" label={t('cmp.channel')}>
        <Select
          allowClear
          style={{ width: 130 }}
          options={[...COMPLAINT_CHANNELS, 'callback' as const].map((c) => ({
            value: c,
            label: t(`cmp.channel.${c}` as MessageKey),
          }))}
        />
      </Form.Item>
      <Form.Item name="mine" label={t('cmp.mine')}>
        <Select
          allowClear
          style={{ width: 120 }}
          options={[
            { value: 'owner', label: t('cmp.mine.owner') },
            { value: 'handler', label: t('cmp.mine.handler') },
          ]}
          data-testid="complaints-mine"
        />
      </Form.Item>
      <Form.Item name="flag">
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('cmp.overdue')}
          options={[
            { value: 'overdue', label: t('cmp.overdue') },
            { value: 'open', label: t('cmp.openOnly') },
          ]}
        />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch({})} searchTestId="complaints-search" />
    </Form>
  );
}

/** 投诉登记簿 (CMP-1, CMP-2): every complaint with its grade, level, handler and time left; paged, sorted, exported. */
export function ComplaintsPage() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const levelName = useLevelName();
  const [params, setParams] = useState<ComplaintListParams>({
    page: 1,
    pageSize: 20,
    sort: 'receivedAt',
    order: 'desc',
  });
  const list = useQuery({
    queryKey: [...complaintsKey, 'list', params],
    queryFn: () => listComplaints(params),
    placeholderData: keepPreviousData,
  });
  const fetchedAt = list.dataUpdatedAt;
  const { page: _p, pageSize: _s, ...exportable } = params;
  const sortable = (key: ComplaintSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<Complaint>['columns'] = [
    {
      title: t('cmp.complaintNo'),
      dataIndex: 'complaintNo',
      key: 'complaintNo',
      ...sortable('complaintNo'),
      render: (no: string, c) => (
        <Link to={`/service/complaints/${c.id}`} data-testid={`complaint-link-${no}`}>
          {no}
        </Link>
      ),
    },
    {
      title: t('cmp.receivedAt'),
      dataIndex: 'receivedAt',
      key: 'receivedAt',
      width: 170,
      ...sortable('receivedAt'),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('cmp.grade'),
      dataIndex: 'grade',
      key: 'grade',
      ...sortable('grade'),
      render: (g: ComplaintGrade) => <GradeTag grade={g} />,
    },
    { title: t('cmp.level'), key: 'level', render: (_, c) => levelName(c) },
    { title: t('cmp.subject'), dataIndex: 'subject', key: 'subject' },
    {
      title: t('cmp.complainant'),
      key: 'complainant',
      render: (_, c) => (
        <Space size={4}>
          {c.complainantName ?? '—'}
          {c.confidential && <Tag color="purple">{t('cmp.confidentialTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('cmp.phone'), dataIndex: 'phone', key: 'phone', render: (v) => v ?? '—' },
    {
      title: t('cmp.handler'),
      dataIndex: 'handlerName',
      key: 'handlerName',
      render: (v: string | null) => v ?? <Tag color="orange">{t('cmp.noHandler')}</Tag>,
    },
    {
      title: t('cmp.status'),
      dataIndex: 'status',
      key: 'status',
      ...sortable('status'),
      render: (s: ComplaintStatus) => <ComplaintStatusTag status={s} />,
    },
    {
      title: t('cmp.timeLeft'),
      dataIndex: 'deadlineAt',
      key: 'deadlineAt',
      ...sortable('deadlineAt'),
      render: (_, c) => <ComplaintTimeLeft complaint={c} fetchedAt={fetchedAt} />,
    },
    {
      title: t('cmp.channel'),
      dataIndex: 'channel',
      key: 'channel',
      render: (c: string) => t(`cmp.channel.${c}` as MessageKey),
    },
    { title: t('cmp.owner'), dataIndex: 'ownerName', key: 'ownerName', render: (v) => v ?? '—' },
  ];

  return (
    <PageCard
      title={t('menu.complaints')}
      extra={
        <Space>
          <ExportButton exportName="complaints" filters={{ ...exportable }} />
          {can('complaint.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/service/complaints/new')}
              data-testid="complaints-new"
            >
              {t('cmp.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Filters
        onSearch={(f) => setParams((p) => ({ page: 1, pageSize: p.pageSize, sort: p.sort, order: p.order, ...f }))}
      />
      <Table<Complaint>
        rowKey="id"
        data-testid="complaints-table"
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
    </PageCard>
  );
}

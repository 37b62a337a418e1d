import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Select, Space, Table, type TableProps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  CHANNELS,
  type Channel,
  type Contact,
  type ContactFilters,
  type ContactListParams,
  type ContactSort,
  contactsKey,
  listContactCategories,
  listContacts,
} from '../../api/contacts';
import { useCan } from '../../auth/CurrentUserContext';
import { FilterActions } from '../../components/FilterActions';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/spreadsheets/ExportButton';
import { UserSelect } from '../../components/UserSelect';
import { useT } from '../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../lib/table';
import { businessInstant, formatDateTime } from '../../lib/time';
import { ContactModal } from './ContactModal';
import { accountViewPath, label } from './labels';

const SORTABLE: ContactSort[] = ['contactedAt', 'accountNo', 'channel', 'category'];

interface FilterForm {
  range?: [Dayjs | null, Dayjs | null] | null;
  channel?: Channel;
  category?: string;
  orgUnitId?: string;
  takenBy?: string;
}

function RegisterFilters({ onSearch }: { onSearch: (f: ContactFilters) => void }) {
  const { t, lang } = useT();
  const can = useCan();
  const [form] = Form.useForm<FilterForm>();
  const categories = useQuery({
    queryKey: [...contactsKey, 'categories'],
    queryFn: listContactCategories,
    staleTime: 300_000,
  });
  const toFilters = (v: FilterForm): ContactFilters => {
    const [from, to] = v.range ?? [];
    return {
      from: from ? businessInstant(from.startOf('day')) : undefined,
      to: to ? businessInstant(to.endOf('day')) : undefined,
      channel: v.channel,
      category: v.category,
      orgUnitId: v.orgUnitId,
      takenBy: v.takenBy,
    };
  };
  return (
    <Form<FilterForm>
      form={form}
      layout="inline"
      onFinish={(v) => onSearch(toFilters(v))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item name="range" label={t('customers.contact.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="channel" label={t('customers.contact.channel')}>
        <Select
          allowClear
          style={{ width: 140 }}
          options={CHANNELS.map((c) => ({ value: c, label: t(label('channel', c)) }))}
          data-testid="intake-filter-channel"
        />
      </Form.Item>
      <Form.Item name="category" label={t('customers.contact.category')}>
        <Select
          allowClear
          style={{ width: 140 }}
          options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: lang === 'en' ? c.en : c.zh }))}
          data-testid="intake-filter-category"
        />
      </Form.Item>
      <Form.Item name="orgUnitId" label={t('customers.contact.orgUnit')}>
        <OrgUnitTreeSelect style={{ width: 200 }} />
      </Form.Item>
      {can('iam.user.read') && (
        <Form.Item name="takenBy" label={t('customers.contact.takenBy')}>
          <UserSelect style={{ width: 180 }} />
        </Form.Item>
      )}
      <FilterActions form={form} onReset={() => onSearch({})} searchTestId="intake-search" />
    </Form>
  );
}

/** 业务受理登记表 (SVC-1, 000 §80): every visit, call and contact, with paging, filters, sorting and export. */
export function IntakeRegisterPage() {
  const { t, lang } = useT();
  const can = useCan();
  const [recording, setRecording] = useState(false);
  const [params, setParams] = useState<ContactListParams>({
    page: 1,
    pageSize: 20,
    sort: 'contactedAt',
    order: 'desc',
  });
  const contacts = useQuery({
    queryKey: [...contactsKey, 'list', params],
    queryFn: () => listContacts(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = params;
  const sortable = (key: ContactSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<Contact>['columns'] = [
    {
      title: t('customers.contact.contactedAt'),
      dataIndex: 'contactedAt',
      key: 'contactedAt',
      width: 170,
      ...sortable('contactedAt'),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('customers.accountNo'),
      dataIndex: 'accountNo',
      key: 'accountNo',
      ...sortable('accountNo'),
      render: (no: string | null, c) => (no && c.accountId ? <Link to={accountViewPath(c.accountId)}>{no}</Link> : '—'),
    },
    { title: t('customers.name'), dataIndex: 'name', key: 'name', render: (v) => v ?? '—' },
    { title: t('customers.address'), dataIndex: 'address', key: 'address', render: (v) => v ?? '—' },
    { title: t('customers.contact.phone'), dataIndex: 'phone', key: 'phone', render: (v) => v ?? '—' },
    {
      title: t('customers.contact.category'),
      dataIndex: 'category',
      key: 'category',
      ...sortable('category'),
      render: (_, c) => <Tag>{lang === 'en' ? c.categoryName.en : c.categoryName.zh}</Tag>,
    },
    {
      title: t('customers.contact.channel'),
      dataIndex: 'channel',
      key: 'channel',
      ...sortable('channel'),
      render: (c: string) => t(label('channel', c)),
    },
    {
      title: t('customers.contact.summary'),
      dataIndex: 'summary',
      key: 'summary',
      render: (s: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0, maxWidth: 320 }}>
          {s}
        </Typography.Paragraph>
      ),
    },
    { title: t('customers.contact.takenBy'), dataIndex: 'takenByName', key: 'takenByName' },
    { title: t('customers.contact.orgUnit'), dataIndex: 'orgUnitName', key: 'orgUnitName', render: (v) => v ?? '—' },
  ];

  return (
    <PageCard
      title={t('menu.intakeRegister')}
      extra={
        <Space>
          <ExportButton exportName="intakeRegister" filters={{ ...exportable }} />
          {can('contact.record') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRecording(true)}
              data-testid="intake-record"
            >
              {t('customers.view.recordContact')}
            </Button>
          )}
        </Space>
      }
    >
      <RegisterFilters onSearch={(f) => setParams((p) => ({ ...p, ...f, page: 1 }))} />
      <Table<Contact>
        rowKey="id"
        data-testid="intake-table"
        columns={columns}
        dataSource={contacts.data?.items}
        loading={contacts.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: contacts.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <ContactModal open={recording} onClose={() => setRecording(false)} />
    </PageCard>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Space, Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  type BookInput,
  type BookListParams,
  type BookSort,
  booksKey,
  type CustomerKind,
  createBook,
  listBooks,
  type ReadingBook,
} from '../../../api/readings';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { UserSelect } from '../../../components/UserSelect';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { rules } from '../../../lib/validation';
import { BookScheduleFields } from './shared';

const SORTABLE: BookSort[] = ['code', 'name', 'area'];
const KINDS: CustomerKind[] = ['residential', 'commercial'];

export function CustomerKindTag({ kind }: { kind: CustomerKind }) {
  const { t } = useT();
  return <Tag color={kind === 'commercial' ? 'geekblue' : 'green'}>{t(`reading.customerKind.${kind}`)}</Tag>;
}

function NewBookModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BookInput>();
  const mutation = useMutation({
    mutationFn: createBook,
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (book) => {
      message.success(t('reading.book.created', { code: book.code }));
      queryClient.invalidateQueries({ queryKey: booksKey });
      mutation.reset();
      onClose();
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <FormModal
      open={open}
      title={t('reading.book.new')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="book-submit"
    >
      <Form<BookInput>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ customerKind: 'residential', readDay: 10, cycleOffset: 0 }}
        onFinish={(v) =>
          mutation.mutate({ ...v, code: v.code.trim(), name: v.name.trim(), area: v.area.trim(), readerId: v.readerId })
        }
      >
        <Form.Item
          name="code"
          label={t('reading.book.code')}
          rules={[
            rules.required(t, 'reading.book.code'),
            { pattern: /^[A-Za-z0-9-]{1,32}$/, message: t('reading.book.codeChars') },
          ]}
        >
          <Input maxLength={32} data-testid="book-code" />
        </Form.Item>
        <Form.Item name="name" label={t('reading.book.name')} rules={[rules.required(t, 'reading.book.name')]}>
          <Input maxLength={100} data-testid="book-name" />
        </Form.Item>
        <Form.Item name="area" label={t('reading.book.area')} rules={[rules.required(t, 'reading.book.area')]}>
          <Input maxLength={200} data-testid="book-area" />
        </Form.Item>
        <Form.Item name="customerKind" label={t('reading.book.customerKind')}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`reading.customerKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="readerId" label={t('reading.book.reader')}>
          <UserSelect />
        </Form.Item>
        <Space>
          <BookScheduleFields />
        </Space>
      </Form>
    </FormModal>
  );
}

interface FilterForm {
  q?: string;
  customerKind?: CustomerKind;
  readerId?: string;
}

/** 抄表册 (MTR-3): the books, their area, reader and how many accounts each walks. */
export function BooksPage() {
  const { t } = useT();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<FilterForm>();
  const [params, setParams] = useState<BookListParams>({ page: 1, pageSize: 20, sort: 'code', order: 'asc' });
  const books = useQuery({
    queryKey: [...booksKey, 'list', params],
    queryFn: () => listBooks(params),
    placeholderData: keepPreviousData,
  });
  const sortable = (key: BookSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });
  const { page: _p, pageSize: _s, ...exportable } = params;

  const columns: TableProps<ReadingBook>['columns'] = [
    {
      title: t('reading.book.code'),
      dataIndex: 'code',
      key: 'code',
      ...sortable('code'),
      render: (code: string, b) => <Link to={`/billing/reading-books/${b.id}`}>{code}</Link>,
    },
    { title: t('reading.book.name'), dataIndex: 'name', key: 'name', ...sortable('name') },
    { title: t('reading.book.area'), dataIndex: 'area', key: 'area', ...sortable('area') },
    {
      title: t('reading.book.customerKind'),
      key: 'customerKind',
      render: (_, b) => <CustomerKindTag kind={b.customerKind} />,
    },
    { title: t('reading.book.reader'), dataIndex: 'readerName', key: 'reader', render: (v) => v ?? '—' },
    { title: t('reading.book.readDay'), dataIndex: 'readDay', key: 'readDay' },
    { title: t('reading.book.accounts'), dataIndex: 'accounts', key: 'accounts', align: 'right' },
    {
      title: t('reading.book.active'),
      key: 'active',
      render: (_, b) =>
        b.active ? <Tag color="green">{t('reading.book.inUse')}</Tag> : <Tag>{t('reading.book.inactive')}</Tag>,
    },
  ];

  return (
    <PageCard
      title={t('menu.readingBooks')}
      extra={
        <Space>
          <ExportButton exportName="readingBooks" filters={{ ...exportable }} />
          {can('reading.book.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="book-new">
              {t('reading.book.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Form<FilterForm>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 12 }}
        onFinish={(v) =>
          setParams((p) => ({
            ...p,
            page: 1,
            q: v.q?.trim() || undefined,
            customerKind: v.customerKind,
            readerId: v.readerId,
          }))
        }
      >
        <Form.Item name="q" label={t('reading.book.q')}>
          <Input allowClear style={{ width: 180 }} data-testid="book-filter-q" />
        </Form.Item>
        <Form.Item name="customerKind" label={t('reading.book.customerKind')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={KINDS.map((k) => ({ value: k, label: t(`reading.customerKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="readerId" label={t('reading.book.reader')}>
          <UserSelect style={{ width: 200 }} />
        </Form.Item>
        <FilterActions
          form={form}
          searchTestId="book-search"
          onReset={() =>
            setParams((p) => ({ ...p, page: 1, q: undefined, customerKind: undefined, readerId: undefined }))
          }
        />
      </Form>
      <Table<ReadingBook>
        rowKey="id"
        data-testid="book-table"
        columns={columns}
        dataSource={books.data?.items}
        loading={books.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: books.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <NewBookModal open={creating} onClose={() => setCreating(false)} />
    </PageCard>
  );
}

import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Switch, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import {
  type BookMember,
  type BookUpdate,
  booksKey,
  getBook,
  type ReadingBookDetail,
  setBookAccounts,
  updateBook,
} from '../../../api/readings';
import { useCan } from '../../../auth/CurrentUserContext';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder';
import { FormModal } from '../../../components/FormModal';
import { UserSelect } from '../../../components/UserSelect';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { applyServerFieldErrors } from '../../../lib/forms';
import { rules } from '../../../lib/validation';
import { CustomerKindTag } from './BooksPage';
import { BookScheduleFields } from './shared';

const ACCOUNT_NO = /^[0-9]{6,18}$/;

function EditBookModal({ book, open, onClose }: { book: ReadingBookDetail; open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Omit<BookUpdate, 'version'>>();
  const mutation = useMutation({
    mutationFn: (v: Omit<BookUpdate, 'version'>) => updateBook(book.id, { ...v, version: book.version }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('reading.book.saved'));
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
      title={t('reading.book.edit', { code: book.code })}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="book-edit-submit"
    >
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{
          name: book.name,
          area: book.area,
          readerId: book.readerId ?? undefined,
          readDay: book.readDay,
          cycleOffset: book.cycleOffset,
          active: book.active,
        }}
        onFinish={(v) => mutation.mutate({ ...v, readerId: v.readerId ?? null })}
      >
        <Form.Item name="name" label={t('reading.book.name')} rules={[rules.required(t, 'reading.book.name')]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="area" label={t('reading.book.area')} rules={[rules.required(t, 'reading.book.area')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="readerId" label={t('reading.book.reader')}>
          <UserSelect data-testid="book-edit-reader" />
        </Form.Item>
        <Space>
          <BookScheduleFields />
          <Form.Item name="active" label={t('reading.book.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </FormModal>
  );
}

/** 抄表册详情 (MTR-3): the book, its reader, and its accounts in walking order (reorder, add, remove). */
export function BookDetailPage() {
  const { t } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { id = '' } = useParams<{ id: string }>();
  const manage = can('reading.book.manage');
  const [editing, setEditing] = useState(false);
  const [order, setOrder] = useState<string[]>([]);
  const [dirty, setDirty] = useState(false);
  const [adding, setAdding] = useState('');
  const book = useQuery({ queryKey: [...booksKey, 'detail', id], queryFn: () => getBook(id) });

  useEffect(() => {
    if (book.data && !dirty) setOrder([...book.data.members].sort((a, b) => a.seq - b.seq).map((m) => m.accountNo));
  }, [book.data, dirty]);

  const save = useMutation({
    mutationFn: () =>
      setBookAccounts(id, {
        version: book.data!.version,
        accounts: order.map((accountNo, i): BookMember => ({ accountNo, seq: i + 1 })),
      }),
    meta: { handlesErrors: true },
    onSuccess: () => {
      message.success(t('reading.book.orderSaved'));
      setDirty(false);
      queryClient.invalidateQueries({ queryKey: booksKey });
    },
  });

  if (!book.data) {
    return (
      <DetailPlaceholder
        query={book}
        notFound={t('reading.book.notFound')}
        failed={t('reading.book.loadFailed')}
        back={<Link to="/billing/reading-books">{t('reading.book.back')}</Link>}
      />
    );
  }
  const b = book.data;
  const move = (i: number, by: number) => {
    const next = [...order];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    setOrder(next);
    setDirty(true);
  };
  const add = () => {
    const no = adding.trim();
    if (!ACCOUNT_NO.test(no)) {
      message.error(t('reading.book.accountNoInvalid'));
      return;
    }
    if (order.includes(no)) {
      message.error(t('reading.book.accountInBook', { accountNo: no }));
      return;
    }
    setOrder([...order, no]);
    setAdding('');
    setDirty(true);
  };
  const fieldErrors =
    save.error instanceof ApiError
      ? (save.error.details?.fields ?? []).map((f) => f.message)
      : save.error
        ? [errorText(save.error)]
        : [];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        variant="borderless"
        title={t('reading.book.detailTitle', { code: b.code, name: b.name })}
        extra={
          <Space>
            <Link to={`/billing/reading-plans?bookId=${b.id}`}>{t('reading.book.plans')}</Link>
            {manage && (
              <Button onClick={() => setEditing(true)} data-testid="book-edit">
                {t('reading.book.editButton')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('reading.book.area')}>{b.area}</Descriptions.Item>
          <Descriptions.Item label={t('reading.book.customerKind')}>
            <CustomerKindTag kind={b.customerKind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('reading.book.reader')}>{b.readerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reading.book.readDay')}>{b.readDay}</Descriptions.Item>
          <Descriptions.Item label={t('reading.book.cycleOffset')}>{b.cycleOffset}</Descriptions.Item>
          <Descriptions.Item label={t('reading.book.accounts')}>{b.accounts}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        variant="borderless"
        title={t('reading.book.walkingOrder')}
        extra={
          manage && (
            <Space>
              <Input
                value={adding}
                onChange={(e) => setAdding(e.target.value)}
                onPressEnter={add}
                placeholder={t('reading.book.addPlaceholder')}
                style={{ width: 200 }}
                data-testid="book-add-account"
              />
              <Button icon={<PlusOutlined />} onClick={add}>
                {t('reading.book.addAccount')}
              </Button>
              <Button
                type="primary"
                disabled={!dirty}
                loading={save.isPending}
                onClick={() => save.mutate()}
                data-testid="book-save-order"
              >
                {t('reading.book.saveOrder')}
              </Button>
            </Space>
          )
        }
      >
        {fieldErrors.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={errorText(save.error)}
            description={
              fieldErrors.length > 1 ? (
                <ul style={{ margin: 0 }}>
                  {fieldErrors.slice(0, 20).map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : undefined
            }
            data-testid="book-order-error"
          />
        )}
        {dirty && <Alert type="warning" style={{ marginBottom: 16 }} title={t('reading.book.unsaved')} />}
        <Table<{ accountNo: string; seq: number }>
          rowKey="accountNo"
          size="small"
          data-testid="book-members"
          dataSource={order.map((accountNo, i) => ({ accountNo, seq: i + 1 }))}
          pagination={{ pageSize: 50, showTotal: (total) => t('common.total', { total }) }}
          columns={[
            { title: t('reading.book.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
            { title: t('reading.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, r: { seq: number; accountNo: string }) => (
                      <Space size={4}>
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={r.seq === 1}
                          onClick={() => move(r.seq - 1, -1)}
                          aria-label={t('reading.book.moveUp')}
                        />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={r.seq === order.length}
                          onClick={() => move(r.seq - 1, 1)}
                          aria-label={t('reading.book.moveDown')}
                        />
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('reading.book.remove')}
                          onClick={() => {
                            setOrder(order.filter((n) => n !== r.accountNo));
                            setDirty(true);
                          }}
                        />
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && <EditBookModal book={b} open={editing} onClose={() => setEditing(false)} />}
    </Space>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Statistic, Table, type TableProps, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  cashOfficeKey,
  collectAtDoor,
  confirmHandover,
  type Handover,
  handOver,
  listCashiers,
  listHandovers,
  pendingCollections,
} from '../../../api/cashOffice';
import { customersKey, searchAccounts } from '../../../api/customers';
import { newIdempotencyKey, type TenderMethod } from '../../../api/payments';
import type { PageParams } from '../../../api/types';
import { useCan, useCurrentUser } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/time';
import { formatYuan } from '../../approvals/format';
import { fen, methodKey, PostingsTable } from './shared';

const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

function useAmountRule(required: boolean, positive = false) {
  const { t } = useT();
  return [
    ...(required ? [{ required: true, whitespace: true, message: t('cash.amountRequired') }] : []),
    {
      validator: (_: unknown, v: string | undefined) =>
        !v?.trim() || (AMOUNT.test(v.trim()) && (!positive || Number(v) > 0))
          ? Promise.resolve()
          : Promise.reject(new Error(t('cash.amountFormat'))),
    },
  ];
}

/** PAY-4: a collector records a fee at the door (channel 'collector'); the account is found as at the desk. */
function DoorCollectionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ accountId: string; method: TenderMethod; amount: string; reference?: string }>();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const attempt = useRef<{ key: string; body: string } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const hits = useQuery({
    queryKey: [...customersKey, 'search', q],
    queryFn: () => searchAccounts(q),
    enabled: q.length >= 2,
  });
  const post = useMutation({
    mutationFn: (v: { accountId: string; method: TenderMethod; amount: string; reference?: string }) => {
      const body = {
        accountId: v.accountId,
        tenders: [
          {
            method: v.method,
            amount: v.amount.trim(),
            ...(v.reference?.trim() ? { reference: v.reference.trim() } : {}),
          },
        ],
      };
      const json = JSON.stringify(body);
      if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
      return collectAtDoor(body, attempt.current.key);
    },
    meta: { handlesErrors: true },
    onSuccess: (p) => {
      attempt.current = null;
      message.success(t('cash.door.done', { no: p.no }));
      void queryClient.invalidateQueries({ queryKey: cashOfficeKey });
      onClose();
    },
    onError: (err) => applyServerFieldErrors(form, err),
  });
  const amountRule = useAmountRule(true, true);
  return (
    <FormModal
      open={open}
      title={t('cash.door.title')}
      onCancel={onClose}
      form={form}
      pending={post.isPending}
      error={post.error}
      submitTestId="door-submit"
    >
      <Form form={form} layout="vertical" initialValues={{ method: 'cash' }} onFinish={(v) => post.mutate(v)}>
        <Form.Item
          name="accountId"
          label={t('cash.account')}
          rules={[{ required: true, message: t('cash.door.accountRequired') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setText }}
            placeholder={t('payment.desk.accountPlaceholder')}
            loading={hits.isFetching}
            options={(hits.data?.items ?? []).map((h) => ({
              value: h.accountId,
              label: `${h.accountNo} ${h.customerName} · ${h.address}`,
            }))}
          />
        </Form.Item>
        <Space>
          <Form.Item name="method" label={t('cash.method')}>
            <Select
              style={{ width: 140 }}
              options={(['cash', 'wechat', 'alipay', 'pos'] as const).map((m) => ({
                value: m,
                label: t(methodKey(m)),
              }))}
            />
          </Form.Item>
          <Form.Item name="amount" label={t('cash.amount')} rules={amountRule}>
            <Input prefix="¥" inputMode="decimal" autoComplete="off" />
          </Form.Item>
          <Form.Item name="reference" label={t('payment.desk.reference')} rules={[{ max: 64 }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Space>
      </Form>
    </FormModal>
  );
}

function CollectorCard() {
  const { t } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ receiverId: string; handed: string; note?: string }>();
  const [door, setDoor] = useState(false);
  const pending = useQuery({ queryKey: [...cashOfficeKey, 'pending'], queryFn: pendingCollections });
  const cashiers = useQuery({ queryKey: [...cashOfficeKey, 'cashiers'], queryFn: listCashiers });
  const me = useCurrentUser();
  const total = pending.data?.cashTotal;
  useEffect(() => {
    if (total !== undefined) form.setFieldsValue({ handed: total });
  }, [form, total]);
  const save = useMutation({
    mutationFn: handOver,
    meta: { handlesErrors: true },
    onSuccess: (h) => {
      message.success(t('cash.handover.done', { amount: h.handed }));
      void queryClient.invalidateQueries({ queryKey: cashOfficeKey });
    },
    onError: (err) => applyServerFieldErrors(form, err),
  });
  const handedRule = useAmountRule(true);
  const items = pending.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('cash.handover.pendingTitle')}
      extra={
        can('customer.read') && (
          <Button icon={<PlusOutlined />} onClick={() => setDoor(true)} data-testid="door-open">
            {t('cash.door.title')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Statistic title={t('cash.handover.cashToHand')} value={formatYuan(total ?? '0')} />
        <PostingsTable postings={items} emptyText={t('cash.handover.nothingPending')} />
        <Form
          form={form}
          layout="inline"
          disabled={items.length === 0 || save.isPending}
          onFinish={(v) =>
            save.mutate({ receiverId: v.receiverId, handed: v.handed.trim(), note: v.note?.trim() || undefined })
          }
        >
          <Form.Item
            name="receiverId"
            label={t('cash.handover.receiver')}
            rules={[{ required: true, message: t('cash.handover.receiverRequired') }]}
          >
            <Select
              style={{ width: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={(cashiers.data?.items ?? [])
                .filter((c) => c.id !== me.id)
                .map((c) => ({ value: c.id, label: `${c.name}（${c.username}）` }))}
            />
          </Form.Item>
          <Form.Item name="handed" label={t('cash.handover.handed')} rules={handedRule}>
            <Input prefix="¥" inputMode="decimal" autoComplete="off" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="note" label={t('cash.note')} rules={[{ max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('cash.handover.submit')}
          </Button>
        </Form>
      </Space>
      <DoorCollectionModal open={door} onClose={() => setDoor(false)} />
    </Card>
  );
}

function ConfirmModal({ handover, onClose }: { handover: Handover | null; onClose: () => void }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ received: string; explanation?: string }>();
  const received = Form.useWatch('received', form);
  const save = useMutation({
    mutationFn: (v: { received: string; explanation?: string }) => confirmHandover(handover!.id, v),
    meta: { handlesErrors: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: cashOfficeKey });
      onClose();
    },
    onError: (err) => applyServerFieldErrors(form, err),
  });
  const variance = handover && received && AMOUNT.test(received.trim()) ? fen(received) - fen(handover.expected) : 0;
  const receivedRule = useAmountRule(true);
  return (
    <FormModal
      open={handover !== null}
      title={t('cash.handover.confirmTitle')}
      onCancel={onClose}
      form={form}
      pending={save.isPending}
      error={save.error}
      submitTestId="handover-confirm-submit"
    >
      {handover && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ received: handover.handed }}
          onFinish={(v) =>
            save.mutate({ received: v.received.trim(), explanation: v.explanation?.trim() || undefined })
          }
        >
          <p>
            {t('cash.handover.confirmText', {
              collector: handover.collector.name,
              expected: handover.expected,
              handed: handover.handed,
            })}
          </p>
          <Form.Item name="received" label={t('cash.handover.received')} rules={receivedRule}>
            <Input prefix="¥" inputMode="decimal" autoComplete="off" />
          </Form.Item>
          {variance !== 0 && (
            <Form.Item
              name="explanation"
              label={t('cash.explanation')}
              rules={[{ required: true, whitespace: true, message: t('cash.explanationRequired') }, { max: 500 }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        </Form>
      )}
    </FormModal>
  );
}

/** PAY-4 走收交接: collectors hand their collections to the desk; the receiving cashier confirms. */
export function HandoversPage() {
  const { t } = useT();
  const can = useCan();
  const me = useCurrentUser();
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize: 20, order: 'desc' });
  const [confirming, setConfirming] = useState<Handover | null>(null);
  const list = useQuery({
    queryKey: [...cashOfficeKey, 'handovers', params],
    queryFn: () => listHandovers(params),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<Handover>['columns'] = [
    { title: t('cash.handover.at'), dataIndex: 'createdAt', key: 'createdAt', render: formatDateTime },
    { title: t('cash.handover.collector'), key: 'collector', render: (_, h) => h.collector.name },
    { title: t('cash.handover.receiver'), key: 'receiver', render: (_, h) => h.receiver.name },
    { title: t('cash.handover.payments'), dataIndex: 'paymentCount', key: 'paymentCount', align: 'right' },
    { title: t('cash.expected'), dataIndex: 'expected', key: 'expected', align: 'right', render: formatYuan },
    { title: t('cash.handover.handed'), dataIndex: 'handed', key: 'handed', align: 'right', render: formatYuan },
    { title: t('cash.handover.received'), dataIndex: 'received', key: 'received', align: 'right', render: formatYuan },
    { title: t('cash.variance'), dataIndex: 'variance', key: 'variance', align: 'right', render: formatYuan },
    { title: t('cash.explanation'), dataIndex: 'explanation', key: 'explanation', render: (v) => v ?? '' },
    {
      title: t('cash.statusLabel'),
      key: 'status',
      render: (_, h) => (
        <Tag color={h.status === 'confirmed' ? 'green' : 'orange'}>{t(`cash.handover.${h.status}`)}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, h) =>
        h.status === 'pending' && h.receiver.id === me.id ? (
          <Button size="small" type="primary" onClick={() => setConfirming(h)}>
            {t('cash.handover.confirm')}
          </Button>
        ) : null,
    },
  ];
  return (
    <PageCard title={t('menu.cashHandovers')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {can('cash.collect.door') && <CollectorCard />}
        <Table<Handover>
          rowKey="id"
          size="small"
          data-testid="handover-list"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          onChange={(p) => setParams((x) => ({ ...x, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Space>
      <ConfirmModal handover={confirming} onClose={() => setConfirming(null)} />
    </PageCard>
  );
}

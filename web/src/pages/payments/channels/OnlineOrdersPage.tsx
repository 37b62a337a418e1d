import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Table,
  type TableProps,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  channelPaymentsKey,
  createOrder,
  getOrder,
  listOrders,
  type OnlineOrder,
  ORDER_STATUSES,
  type OrderStatus,
  simulatePay,
} from '../../../api/channelPayments';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { applyServerFieldErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/time';
import { blankToUndefined } from '../../../lib/validation';
import { formatYuan } from '../../approvals/format';
import { AccountSelect, AMOUNT, MANAGE, OrderStatusTag, pagination, usePaging } from './shared';

/** PAY-1 网上缴费订单: pay orders by status; a new one shows its QR code; the simulator pays it. */
export function OnlineOrdersPage() {
  const { t } = useT();
  const can = useCan();
  const { params, setParams, onChange } = usePaging();
  const [status, setStatus] = useState<OrderStatus | undefined>();
  const [accountNo, setAccountNo] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...channelPaymentsKey, 'orders', params, status, accountNo],
    queryFn: () => listOrders({ ...params, status, accountNo }),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<OnlineOrder>['columns'] = [
    { title: t('channelPay.order.no'), dataIndex: 'no', key: 'no' },
    {
      title: t('channelPay.account'),
      key: 'account',
      render: (_, o) => `${o.accountNo} ${o.customerName}`,
    },
    { title: t('channelPay.amount'), key: 'amount', align: 'right', render: (_, o) => formatYuan(o.amount) },
    { title: t('channelPay.status'), key: 'status', render: (_, o) => <OrderStatusTag status={o.status} /> },
    { title: t('channelPay.order.expiresAt'), key: 'expiresAt', render: (_, o) => formatDateTime(o.expiresAt) },
    { title: t('channelPay.order.paidAt'), key: 'paidAt', render: (_, o) => formatDateTime(o.paidAt) },
    { title: t('channelPay.order.paymentNo'), key: 'paymentNo', render: (_, o) => o.paymentNo ?? '—' },
    { title: t('channelPay.createdBy'), key: 'createdBy', render: (_, o) => o.createdByName ?? '—' },
    { title: t('channelPay.createdAt'), key: 'createdAt', render: (_, o) => formatDateTime(o.createdAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, o) => (
        <Button size="small" onClick={() => setShown(o.id)} data-testid={`online-order-view-${o.no}`}>
          {t('channelPay.order.view')}
        </Button>
      ),
    },
  ];
  return (
    <PageCard
      title={t('menu.onlineOrders')}
      extra={
        can(MANAGE) && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="online-order-create">
            {t('channelPay.order.create')}
          </Button>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tabs
            size="small"
            activeKey={status ?? 'all'}
            onChange={(k) => {
              setStatus(k === 'all' ? undefined : (k as OrderStatus));
              setParams((p) => ({ ...p, page: 1 }));
            }}
            items={[
              { key: 'all', label: t('menu.onlineOrders') },
              ...ORDER_STATUSES.map((s) => ({ key: s, label: t(`channelPay.order.status.${s}`) })),
            ]}
          />
          <Input.Search
            allowClear
            placeholder={t('channelPay.order.accountNoFilter')}
            style={{ width: 200 }}
            onSearch={(v) => {
              setAccountNo(blankToUndefined(v));
              setParams((p) => ({ ...p, page: 1 }));
            }}
            data-testid="online-order-account-filter"
          />
        </Space>
        {list.error && <Alert type="error" title={errorText(list.error)} />}
        <Table<OnlineOrder>
          rowKey="id"
          data-testid="online-orders"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          onChange={onChange}
          pagination={pagination(t, params, list.data?.total)}
          scroll={{ x: 'max-content' }}
        />
      </Space>
      <CreateOrderModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(o) => {
          setCreating(false);
          setShown(o.id);
        }}
      />
      <OrderModal id={shown} onClose={() => setShown(null)} />
    </PageCard>
  );
}

function CreateOrderModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (o: OnlineOrder) => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ accountId: string; amount?: string }>();
  const m = useMutation({
    mutationFn: (v: { accountId: string; amount?: string }) =>
      createOrder({ accountId: v.accountId, amount: blankToUndefined(v.amount) }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (o) => {
      message.success(t('channelPay.order.created', { no: o.no }));
      queryClient.setQueryData([...channelPaymentsKey, 'order', o.id], o);
      void queryClient.invalidateQueries({ queryKey: channelPaymentsKey });
      form.resetFields();
      m.reset();
      onCreated(o);
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  return (
    <FormModal
      open={open}
      title={t('channelPay.order.createTitle')}
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="online-order-submit"
      submitLabel={t('channelPay.order.create')}
    >
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} validateTrigger={['onChange', 'onBlur']}>
        <Form.Item
          name="accountId"
          label={t('channelPay.account')}
          rules={[{ required: true, message: t('channelPay.accountRequired') }]}
        >
          <AccountSelect testId="online-order-account" />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('channelPay.amount')}
          extra={t('channelPay.amountHint')}
          rules={[
            {
              validator: (_, v?: string) =>
                !v?.trim() || (AMOUNT.test(v.trim()) && Number(v) > 0)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('channelPay.amountInvalid'))),
            },
          ]}
        >
          <Input inputMode="decimal" data-testid="online-order-amount" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function OrderModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const order = useQuery({
    queryKey: [...channelPaymentsKey, 'order', id],
    queryFn: () => getOrder(id!),
    enabled: id !== null,
  });
  const pay = useMutation({
    mutationFn: (no: string) => simulatePay(no),
    onSuccess: (r) => {
      if (r.callbackStatus === 200) {
        message.success(t('channelPay.order.simulated', { status: t(`channelPay.order.status.${r.order.status}`) }));
      } else message.error(t('channelPay.order.simulatedFailed', { status: r.callbackStatus }));
      queryClient.setQueryData([...channelPaymentsKey, 'order', r.order.id], { ...order.data, ...r.order });
      void queryClient.invalidateQueries({ queryKey: [...channelPaymentsKey, 'orders'] });
    },
  });
  const o = order.data;
  return (
    <Modal
      open={id !== null}
      onCancel={onClose}
      destroyOnHidden
      title={o ? t('channelPay.order.detailTitle', { no: o.no }) : ''}
      footer={[
        o?.provider === 'simulator' && o.status === 'pending' && can(MANAGE) ? (
          <Button
            key="pay"
            type="primary"
            loading={pay.isPending}
            onClick={() => pay.mutate(o.no)}
            data-testid="online-order-simulate"
          >
            {t('channelPay.order.simulate')}
          </Button>
        ) : null,
        <Button key="close" onClick={onClose}>
          {t('channelPay.close')}
        </Button>,
      ]}
    >
      {order.error && <Alert type="error" title={errorText(order.error)} />}
      {o && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="online-order-detail">
          {o.status === 'pending' && o.qrImage && (
            <div style={{ textAlign: 'center' }}>
              <img src={o.qrImage} alt={o.qrPayload} width={200} height={200} data-testid="online-order-qr" />
              <Typography.Paragraph type="secondary">{t('channelPay.order.scanHint')}</Typography.Paragraph>
            </div>
          )}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('channelPay.account')}>{`${o.accountNo} ${o.customerName}`}</Descriptions.Item>
            <Descriptions.Item label={t('channelPay.amount')}>{formatYuan(o.amount)}</Descriptions.Item>
            <Descriptions.Item label={t('channelPay.status')}>
              <span data-testid="online-order-status">
                <OrderStatusTag status={o.status} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('channelPay.order.expiresAt')}>{formatDateTime(o.expiresAt)}</Descriptions.Item>
            <Descriptions.Item label={t('channelPay.order.provider')}>{o.provider}</Descriptions.Item>
            <Descriptions.Item label={t('channelPay.order.payload')}>
              <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                {o.qrPayload}
              </Typography.Text>
            </Descriptions.Item>
            {o.paidAt && (
              <Descriptions.Item label={t('channelPay.order.paidAt')}>{formatDateTime(o.paidAt)}</Descriptions.Item>
            )}
            {o.gatewayTradeNo && (
              <Descriptions.Item label={t('channelPay.order.tradeNo')}>{o.gatewayTradeNo}</Descriptions.Item>
            )}
            {o.paymentNo && (
              <Descriptions.Item label={t('channelPay.order.paymentNo')}>
                <span data-testid="online-order-payment-no">{o.paymentNo}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {o.provider === 'simulator' && o.status === 'pending' && (
            <Alert type="info" title={t('channelPay.order.simulateHint')} />
          )}
        </Space>
      )}
    </Modal>
  );
}

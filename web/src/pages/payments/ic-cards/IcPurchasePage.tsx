import { CreditCardOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import {
  type CardWrite,
  deskReader,
  type IcPurchase,
  icKey,
  listPurchases,
  newPurchaseKey,
  type PurchaseBody,
  purchaseGas,
  quotePurchase,
  type ReadResult,
  readCard,
} from '../../../api/icCards';
import { TENDER_METHODS } from '../../../api/payments';
import { noticeHtmlUrl } from '../../../api/print';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { formatYuan } from '../../approvals/format';
import { m3, ReaderBar, useWriteCard, WriteStatusTag } from './shared';

const VOLUME = /^\d{1,9}(\.\d{1,3})?$/;

/** ICC-1 IC 卡购气: read the card, check it, volume → amount as you type, take the money, write and verify. */
export function IcPurchasePage() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [deviceId, setDeviceId] = useState(deskReader());
  const [read, setRead] = useState<ReadResult>();
  const [done, setDone] = useState<{ purchase: IcPurchase; write: CardWrite }>();
  const [form] = Form.useForm<{ volume: string; method: string }>();
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const reading = useMutation({
    mutationFn: () => readCard(deviceId),
    onSuccess: (r) => {
      setRead(r);
      setDone(undefined);
      form.resetFields();
    },
    onError: (err) => {
      setRead(undefined);
      message.error(errorText(err));
    },
  });

  const volume = Form.useWatch('volume', form)?.trim() ?? '';
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(volume), 200);
    return () => clearTimeout(timer);
  }, [volume]);
  const limits = read?.limits;
  const volumeError = (v: string): string | null => {
    if (!v) return t('ic.purchase.volumeRequired');
    if (!VOLUME.test(v)) return t('ic.purchase.volumeFormat');
    if (!limits) return null;
    const decimals = v.includes('.') ? v.split('.')[1]!.length : 0;
    if (decimals > limits.decimals) return t('ic.purchase.volumeDecimals', { decimals: limits.decimals });
    if (Number(v) < Math.max(limits.min, 0.001)) return t('ic.purchase.volumeMin', { min: limits.min });
    if (Number(v) > limits.max) return t('ic.purchase.volumeMax', { max: limits.max });
    return null;
  };
  const quoteOk = Boolean(read) && debounced !== '' && volumeError(debounced) === null;
  const quote = useQuery({
    queryKey: [...icKey, 'quote', read?.account.id, debounced],
    queryFn: () => quotePurchase(read!.account.id, debounced),
    enabled: quoteOk,
    retry: false,
  });

  const buy = useMutation({
    mutationFn: ({ body, key }: { body: PurchaseBody; key: string }) => purchaseGas(body, key),
  });
  const rewrite = useWriteCard((w) => {
    setDone((d) => (d ? { ...d, write: w } : d));
    readCard(deviceId)
      .then(setRead)
      .catch(() => undefined);
  });

  const submit = async () => {
    if (!read || !quote.data) return;
    let values: { volume: string; method: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body: PurchaseBody = {
      accountId: read.account.id,
      cardNo: read.card.cardNo,
      deviceId,
      volume: values.volume.trim(),
      tenders: quote.data.due === '0.00' ? [] : [{ method: values.method, amount: quote.data.due }],
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newPurchaseKey(), body: json };
    try {
      const out = await buy.mutateAsync({ body, key: attempt.current.key });
      attempt.current = null;
      setDone(out);
      // 第九十八条: the card as it is now, read back for the cashier to check.
      readCard(deviceId)
        .then(setRead)
        .catch(() => undefined);
      void queryClient.invalidateQueries({ queryKey: icKey });
      if (out.write.status === 'verified') message.success(t('ic.purchase.written'));
      else message.warning(t('ic.purchase.writeFailed'));
    } catch (err) {
      if (err instanceof ApiError && err.details?.fields?.some((f) => f.path === 'volume')) {
        form.setFields([{ name: 'volume', errors: [err.message] }]);
      } else message.error(errorText(err));
    }
  };

  const warnText = (w: { zh: string; en: string }) => (lang === 'en' ? w.en : w.zh);
  const blocked = read ? !read.card.loaded || read.card.kind !== 'user' || Boolean(read.pendingWrite) : true;

  return (
    <PageCard title={t('ic.purchase.title')} extra={<ReaderBar deviceId={deviceId} onChange={setDeviceId} />}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Button
          type="primary"
          size="large"
          icon={<CreditCardOutlined />}
          loading={reading.isPending}
          onClick={() => reading.mutate()}
          data-testid="ic-read"
        >
          {t('ic.purchase.read')}
        </Button>
        {read && (
          <>
            <Descriptions size="small" column={3} bordered data-testid="ic-card-info">
              <Descriptions.Item label={t('ic.card.cardNo')}>{read.card.cardNo}</Descriptions.Item>
              <Descriptions.Item label={t('ic.meterNo')}>{read.card.meterNo}</Descriptions.Item>
              <Descriptions.Item label={t('ic.card.seq')}>{read.card.seq}</Descriptions.Item>
              <Descriptions.Item label={t('ic.card.onCard')}>
                {read.card.loaded ? (
                  <Tag color="green">{t('ic.card.empty')}</Tag>
                ) : (
                  <Tag color="red">{t('ic.card.holds', { volume: m3(read.card.volume) })}</Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('ic.accountNo')}>{read.account.accountNo}</Descriptions.Item>
              <Descriptions.Item label={t('ic.customerName')}>{read.account.customerName}</Descriptions.Item>
              <Descriptions.Item label={t('ic.address')} span={2}>
                {read.account.address}
              </Descriptions.Item>
              <Descriptions.Item label={t('ic.price')}>
                {read.price ? t('ic.pricePerM3', { price: read.price }) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('ic.purchase.yearBought')}>
                {m3(read.limits.yearBought)} / {read.limits.yearMax}
              </Descriptions.Item>
            </Descriptions>
            {!done &&
              read.warnings.map((w) => (
                <Alert key={w.code} type="warning" showIcon title={warnText(w)} data-testid={`ic-warning-${w.code}`} />
              ))}
            {read.otherCards.length > 0 && (
              <Table
                size="small"
                rowKey="cardNo"
                pagination={false}
                title={() => t('ic.purchase.otherCards')}
                dataSource={read.otherCards}
                columns={[
                  { title: t('ic.card.cardNo'), dataIndex: 'cardNo' },
                  { title: t('ic.accountNo'), dataIndex: 'accountNo' },
                  { title: t('ic.meterNo'), dataIndex: 'meterNo' },
                  { title: t('ic.address'), dataIndex: 'address' },
                ]}
              />
            )}
            {!done && (
              <Form
                form={form}
                layout="vertical"
                initialValues={{ method: 'cash' }}
                disabled={blocked || buy.isPending}
                data-testid="ic-purchase-form"
              >
                <Row gutter={16}>
                  <Col span={6}>
                    <Form.Item
                      name="volume"
                      label={t('ic.purchase.volume', { min: read.limits.min, max: read.limits.max })}
                      rules={[
                        {
                          validator: async (_, v: string | undefined) => {
                            const e = volumeError((v ?? '').trim());
                            if (e) throw new Error(e);
                          },
                        },
                      ]}
                    >
                      <Input size="large" suffix={t('ic.m3')} data-testid="ic-volume" autoFocus />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name="method" label={t('payment.desk.method')}>
                      <Select
                        size="large"
                        options={TENDER_METHODS.map((m) => ({
                          value: m,
                          label: t(`payment.method.${m}` as MessageKey),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Statistic
                      title={t('ic.purchase.amount')}
                      value={quote.data ? formatYuan(quote.data.amount) : '—'}
                    />
                  </Col>
                  <Col span={4}>
                    <Statistic
                      title={t('ic.purchase.arrears')}
                      value={quote.data ? formatYuan(quote.data.arrears) : '—'}
                    />
                  </Col>
                  <Col span={4}>
                    <Statistic
                      title={t('ic.purchase.due')}
                      value={quote.data ? formatYuan(quote.data.due) : '—'}
                      styles={{ content: { color: '#cf1322', fontWeight: 600 } }}
                      data-testid="ic-due"
                    />
                  </Col>
                </Row>
                {quote.data && quote.data.arrears !== '0.00' && (
                  <Alert type="info" showIcon title={t('ic.purchase.arrearsFirst', { arrears: quote.data.arrears })} />
                )}
                {quote.isError && <Alert type="error" showIcon title={errorText(quote.error)} />}
                <Button
                  type="primary"
                  size="large"
                  style={{ marginTop: 12 }}
                  disabled={blocked || !quote.data}
                  loading={buy.isPending}
                  onClick={() => void submit()}
                  data-testid="ic-buy"
                >
                  {t('ic.purchase.buy')}
                </Button>
              </Form>
            )}
            {done && (
              <div data-testid="ic-purchase-done">
                <Result
                  status={done.write.status === 'verified' ? 'success' : 'warning'}
                  title={t('ic.purchase.doneTitle', { no: done.purchase.no, volume: m3(done.purchase.volume) })}
                  subTitle={
                    <Space orientation="vertical">
                      <span>
                        {t('ic.purchase.collected', { amount: done.purchase.collected })}{' '}
                        <WriteStatusTag status={done.write.status} />
                      </span>
                      {done.write.lastError && done.write.status !== 'verified' && (
                        <Typography.Text type="danger">{done.write.lastError}</Typography.Text>
                      )}
                    </Space>
                  }
                  extra={[
                    done.write.status !== 'verified' && (
                      <Button
                        key="retry"
                        icon={<ReloadOutlined />}
                        loading={rewrite.isPending}
                        onClick={() => rewrite.mutate(done.write.id)}
                        data-testid="ic-rewrite"
                      >
                        {t('ic.write.retry')}
                      </Button>
                    ),
                    <Button
                      key="print"
                      icon={<PrinterOutlined />}
                      onClick={() => printReceipt(done.purchase.id)}
                      data-testid="ic-print"
                    >
                      {t('ic.purchase.print')}
                    </Button>,
                    <Button
                      key="next"
                      type="primary"
                      onClick={() => {
                        setRead(undefined);
                        setDone(undefined);
                      }}
                    >
                      {t('ic.purchase.next')}
                    </Button>,
                  ]}
                />
              </div>
            )}
          </>
        )}
        <RecentPurchases />
      </Space>
    </PageCard>
  );
}

/** The latest sales (日结日清: the cashier checks them against the money), with receipt reprint. */
function RecentPurchases() {
  const { t } = useT();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const list = useQuery({
    queryKey: [...icKey, 'purchases', page],
    queryFn: () => listPurchases({ ...page, order: 'desc' }),
  });
  return (
    <Table<IcPurchase>
      size="small"
      rowKey="id"
      data-testid="ic-purchases"
      title={() => t('ic.purchase.recent')}
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: list.data?.total ?? 0,
        onChange: (n, size) => setPage({ page: n, pageSize: size }),
      }}
      columns={[
        { title: t('ic.purchase.no'), dataIndex: 'no' },
        { title: t('ic.accountNo'), dataIndex: 'accountNo' },
        { title: t('ic.customerName'), dataIndex: 'customerName' },
        { title: t('ic.card.cardNo'), dataIndex: 'cardNo' },
        { title: t('ic.volume'), dataIndex: 'volume', align: 'right', render: m3 },
        { title: t('ic.purchase.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => formatYuan(v) },
        {
          title: t('ic.purchase.collectedCol'),
          dataIndex: 'collected',
          align: 'right',
          render: (v: string) => formatYuan(v),
        },
        {
          title: t('ic.write.status'),
          dataIndex: 'writeStatus',
          render: (s: string | null) => <WriteStatusTag status={s} />,
        },
        { title: t('ic.purchase.soldBy'), dataIndex: 'soldByName' },
        { title: t('ic.purchase.soldAt'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
        {
          title: t('common.actions'),
          key: 'a',
          render: (_: unknown, p) => (
            <Button size="small" icon={<PrinterOutlined />} onClick={() => printReceipt(p.id)}>
              {t('ic.purchase.reprint')}
            </Button>
          ),
        },
      ]}
    />
  );
}

function printReceipt(id: string) {
  const w = window.open(noticeHtmlUrl('icPurchaseReceipt', id), '_blank');
  if (w) w.opener = null;
}

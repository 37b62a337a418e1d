import { DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  Row,
  Select,
  type SelectProps,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { customersKey, searchAccounts } from '../../../api/customers';
import {
  collectPayment,
  debtsKey,
  getAccountDebts,
  type NewPayment,
  newIdempotencyKey,
  type Payment,
  paymentsKey,
  receiptUrl,
  TENDER_METHODS,
  type TenderMethod,
} from '../../../api/payments';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { formatYuan } from '../../approvals/format';
import { NoShiftHint } from '../close/NoShiftHint';

const MAX_TENDERS = 6;
const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

interface TenderLine {
  method: TenderMethod;
  amount: string;
  reference?: string;
}
interface DeskForm {
  tenders: TenderLine[];
  note?: string;
}

/** Yuan string → cents (the amounts are checked against AMOUNT first). */
const cents = (v: string | undefined) => (v && AMOUNT.test(v.trim()) ? Math.round(Number(v.trim()) * 100) : 0);
const yuan = (c: number) => (c / 100).toFixed(2);
const amountId = (i: number) => `desk-tender-${i}-amount`;

function focusAmount(i: number) {
  // After React has rendered the line.
  setTimeout(() => {
    const el = document.getElementById(amountId(i)) as HTMLInputElement | null;
    el?.focus();
    el?.select();
  }, 0);
}

/** The one-box account search (number, name, phone, address); Enter picks the highlighted hit. */
function AccountBox(props: Pick<SelectProps<string>, 'value' | 'onChange' | 'disabled'>) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const hits = useQuery({
    queryKey: [...customersKey, 'search', q],
    queryFn: () => searchAccounts(q),
    enabled: q.length >= 2,
  });
  return (
    <Select<string>
      autoFocus
      style={{ width: '100%' }}
      size="large"
      data-testid="desk-account"
      showSearch={{ filterOption: false, onSearch: setText }}
      defaultActiveFirstOption
      placeholder={t('payment.desk.accountPlaceholder')}
      loading={hits.isFetching}
      notFoundContent={q.length >= 2 && hits.data ? t('payment.desk.searchEmpty') : null}
      options={(hits.data?.items ?? []).map((h) => ({
        value: h.accountId,
        label: `${h.accountNo} ${h.customerName} · ${h.address}`,
      }))}
      {...props}
    />
  );
}

/** PAY-1 收费台: keyboard only — find the account, Enter, check the tenders, F9, Esc for the next customer. */
export function DeskPage() {
  const [round, setRound] = useState(0);
  return <DeskSession key={round} onRestart={() => setRound((r) => r + 1)} />;
}

function DeskSession({ onRestart }: { onRestart: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DeskForm>();
  const [accountId, setAccountId] = useState<string>();
  const [done, setDone] = useState<Payment>();
  const [networkRetry, setNetworkRetry] = useState(false);
  /** The key of the submission being tried: the same body keeps it, so a retry never posts twice. */
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const filled = useRef<string | null>(null);

  const debts = useQuery({
    queryKey: debtsKey(accountId ?? ''),
    queryFn: () => getAccountDebts(accountId!),
    enabled: Boolean(accountId),
  });
  const totalDue = cents(debts.data?.totalDue);

  // One cash line with the total due once the debts are in; the cursor goes to its amount.
  useEffect(() => {
    if (!debts.data || filled.current === debts.data.accountId) return;
    filled.current = debts.data.accountId;
    form.setFieldsValue({ tenders: [{ method: 'cash', amount: totalDue > 0 ? yuan(totalDue) : '' }] });
    focusAmount(0);
  }, [debts.data, form, totalDue]);

  const tenders = Form.useWatch('tenders', form) ?? [];
  const received = tenders.reduce((s, l) => s + cents(l?.amount), 0);

  const post = useMutation({
    mutationFn: ({ body, key }: { body: NewPayment; key: string }) => collectPayment(body, key),
  });

  const openReceipt = useCallback(
    (id: string, win?: Window | null) => {
      const w = win ?? window.open('', '_blank');
      if (!w) {
        message.warning(t('payment.desk.popupBlocked'));
        return;
      }
      w.opener = null;
      w.location.href = receiptUrl(id);
    },
    [message, t],
  );

  const submit = useCallback(async () => {
    if (done || post.isPending) return;
    if (!accountId || !debts.data) {
      message.warning(t('payment.desk.chooseAccount'));
      return;
    }
    let values: DeskForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body: NewPayment = {
      accountId,
      tenders: values.tenders.map((l) => ({
        method: l.method,
        amount: l.amount.trim(),
        ...(l.reference?.trim() ? { reference: l.reference.trim() } : {}),
      })),
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    // Opened now, while the key press still counts as the user's gesture; filled once the payment is posted.
    const win = window.open('', '_blank');
    try {
      const payment = await post.mutateAsync({ body, key: attempt.current.key });
      setNetworkRetry(false);
      attempt.current = null;
      setDone(payment);
      openReceipt(payment.id, win);
      void queryClient.invalidateQueries({ queryKey: paymentsKey });
    } catch (err) {
      win?.close();
      setNetworkRetry(err instanceof ApiError && err.status === 0);
      if (!(err instanceof ApiError) || err.status === 0) return;
      // Never sent twice: a refused body gets a new key once it changes.
      const fields = err.details?.fields ?? [];
      (form as unknown as FormInstance).setFields(
        fields
          .map((f) => ({
            name: f.path
              .split('.')
              .filter(Boolean)
              .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            errors: [f.message],
          }))
          .filter((f) => f.name[0] === 'tenders' || f.name[0] === 'note'),
      );
    }
  }, [accountId, debts.data, done, form, message, openReceipt, post, queryClient, t]);

  const addTender = useCallback(() => {
    if (!debts.data || done) return;
    const lines = form.getFieldValue('tenders') ?? [];
    if (lines.length >= MAX_TENDERS) {
      message.warning(t('payment.desk.tendersMax'));
      return;
    }
    const rest = Math.max(0, totalDue - lines.reduce((s: number, l: TenderLine) => s + cents(l?.amount), 0));
    form.setFieldsValue({ tenders: [...lines, { method: 'wechat', amount: rest > 0 ? yuan(rest) : '' }] });
    focusAmount(lines.length);
  }, [debts.data, done, form, message, t, totalDue]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F9') {
        e.preventDefault();
        void submit();
      } else if (
        e.key === 'Escape' &&
        !post.isPending &&
        // The first Esc closes an open dropdown; the next one starts over.
        !(e.target instanceof Element && e.target.closest('.ant-select-open'))
      ) {
        e.preventDefault();
        onRestart();
      } else if (e.altKey && e.code === 'KeyN') {
        e.preventDefault();
        addTender();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit, addTender, onRestart, post.isPending]);

  const methodOptions = TENDER_METHODS.map((m) => ({ value: m, label: t(`payment.method.${m}` as MessageKey) }));
  const d = debts.data;
  const arrears = d ? d.debts.reduce((s, x) => s + cents(x.open), 0) : 0;

  return (
    <PageCard
      title={t('payment.desk.title')}
      extra={<Typography.Text type="secondary">{t('payment.desk.keys')}</Typography.Text>}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <NoShiftHint />
        <AccountBox value={accountId} onChange={(v) => setAccountId(v)} disabled={Boolean(done) || post.isPending} />
        {debts.isError && (
          <Alert type="error" showIcon title={t('payment.desk.loadFailed')} description={errorText(debts.error)} />
        )}
        {d && (
          <>
            <Descriptions size="small" column={3} data-testid="desk-account-info">
              <Descriptions.Item label={t('payment.desk.accountNo')}>{d.accountNo}</Descriptions.Item>
              <Descriptions.Item label={t('payment.desk.customerName')}>{d.customerName}</Descriptions.Item>
              <Descriptions.Item label={t('payment.desk.address')}>{d.address}</Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              data-testid="desk-debts"
              title={() => t('payment.desk.debts')}
              rowKey="entryId"
              pagination={false}
              dataSource={d.debts}
              locale={{ emptyText: t('payment.desk.noDebts') }}
              columns={[
                { title: t('payment.desk.period'), dataIndex: 'period', key: 'period', render: (p) => p ?? '—' },
                {
                  title: t('payment.desk.kind'),
                  dataIndex: 'kind',
                  key: 'kind',
                  render: (k: string) => t(`lateFee.entryKind.${k}` as MessageKey),
                },
                { title: t('payment.desk.dueOn'), dataIndex: 'dueOn', key: 'dueOn', render: (v) => v ?? '—' },
                {
                  title: t('payment.desk.open'),
                  dataIndex: 'open',
                  key: 'open',
                  align: 'right',
                  render: (v: string) => formatYuan(v),
                },
                {
                  title: t('payment.desk.lateFee'),
                  dataIndex: 'lateFee',
                  key: 'lateFee',
                  align: 'right',
                  render: (v: string) => formatYuan(v),
                },
                { title: t('payment.desk.overdueDays'), dataIndex: 'overdueDays', key: 'overdueDays', align: 'right' },
              ]}
            />
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title={t('payment.desk.arrears')} value={formatYuan(yuan(arrears))} />
              </Col>
              <Col span={6}>
                <Statistic title={t('payment.desk.lateFeeTotal')} value={formatYuan(d.lateFee)} />
              </Col>
              <Col span={6}>
                <Statistic title={t('payment.desk.prepayment')} value={formatYuan(d.prepayment)} />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('payment.desk.totalDue')}
                  value={formatYuan(d.totalDue)}
                  styles={{ content: { color: totalDue > 0 ? '#cf1322' : undefined, fontWeight: 600 } }}
                  data-testid="desk-total-due"
                />
              </Col>
            </Row>
          </>
        )}
        {d && !done && (
          <Form<DeskForm> form={form} layout="vertical" disabled={post.isPending} data-testid="desk-form">
            <Typography.Title level={5}>{t('payment.desk.tenders')}</Typography.Title>
            <Form.List name="tenders">
              {(fields, { remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Row gutter={8} key={field.key} align="top">
                      <Col span={6}>
                        <Form.Item
                          name={[field.name, 'method']}
                          label={i === 0 ? t('payment.desk.method') : undefined}
                          rules={[{ required: true, message: t('payment.desk.methodRequired') }]}
                        >
                          <Select options={methodOptions} data-testid={`desk-tender-${i}-method`} />
                        </Form.Item>
                      </Col>
                      <Col span={6}>
                        <Form.Item
                          name={[field.name, 'amount']}
                          label={i === 0 ? t('payment.desk.amount') : undefined}
                          rules={[
                            { required: true, whitespace: true, message: t('payment.desk.amountRequired') },
                            {
                              validator: (_, v: string | undefined) =>
                                !v?.trim() || (AMOUNT.test(v.trim()) && Number(v) > 0)
                                  ? Promise.resolve()
                                  : Promise.reject(new Error(t('payment.desk.amountFormat'))),
                            },
                          ]}
                        >
                          <Input id={amountId(i)} inputMode="decimal" autoComplete="off" prefix="¥" />
                        </Form.Item>
                      </Col>
                      <Col span={9}>
                        <Form.Item
                          name={[field.name, 'reference']}
                          label={i === 0 ? t('payment.desk.reference') : undefined}
                          rules={[{ max: 64 }]}
                        >
                          <Input placeholder={t('payment.desk.referencePlaceholder')} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col span={3} style={i === 0 ? { paddingTop: 30 } : undefined}>
                        {fields.length > 1 && (
                          <Button
                            icon={<DeleteOutlined />}
                            tabIndex={-1}
                            aria-label={t('payment.desk.removeTender')}
                            onClick={() => remove(field.name)}
                          />
                        )}
                      </Col>
                    </Row>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={addTender} disabled={fields.length >= MAX_TENDERS}>
                    {t('payment.desk.addTender')}
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item name="note" label={t('payment.desk.note')} rules={[{ max: 200 }]} style={{ marginTop: 16 }}>
              <Input autoComplete="off" />
            </Form.Item>
            <Space size="large" align="center" wrap>
              <Statistic
                title={t('payment.desk.received')}
                value={formatYuan(yuan(received))}
                data-testid="desk-received"
              />
              {received > totalDue && (
                <Statistic title={t('payment.desk.toPrepayment')} value={formatYuan(yuan(received - totalDue))} />
              )}
              {received > 0 && received < totalDue && (
                <Typography.Text type="warning">
                  {t('payment.desk.short', { amount: yuan(totalDue - received) })}
                </Typography.Text>
              )}
            </Space>
            {networkRetry && (
              <Alert type="warning" showIcon title={t('payment.desk.retrySame')} style={{ marginTop: 16 }} />
            )}
            {post.error && !networkRetry && (
              <div style={{ marginTop: 16 }}>
                <FormErrorAlert error={post.error} />
              </div>
            )}
            <Space style={{ marginTop: 16 }}>
              <Button
                type="primary"
                size="large"
                loading={post.isPending}
                onClick={() => void submit()}
                data-testid="desk-submit"
              >
                {post.isPending ? t('payment.desk.posting') : t('payment.desk.submit')}
              </Button>
              <Button size="large" onClick={onRestart}>
                {t('payment.desk.restart')}
              </Button>
            </Space>
          </Form>
        )}
        {done && (
          <Alert
            type="success"
            showIcon
            data-testid="desk-done"
            title={<span data-testid="desk-payment-no">{t('payment.desk.done', { no: done.no })}</span>}
            description={
              <Space orientation="vertical">
                <span>
                  {t('payment.desk.doneDetail', {
                    amount: done.amount,
                    prepayment:
                      Number(done.prepayment) > 0 ? t('payment.desk.donePrepayment', { amount: done.prepayment }) : '',
                  })}
                </span>
                <Space>
                  <Button icon={<PrinterOutlined />} onClick={() => openReceipt(done.id)} data-testid="desk-print">
                    {t('payment.desk.printReceipt')}
                  </Button>
                  <Button autoFocus onClick={onRestart}>
                    {t('payment.desk.restart')}
                  </Button>
                </Space>
              </Space>
            }
          />
        )}
      </Space>
    </PageCard>
  );
}

import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { customersKey, searchAccounts } from '../../../api/customers';
import { fiscalStockKey, nextNumber } from '../../../api/fiscalStock';
import {
  type AccountInvoicing,
  downloadInvoicePdf,
  getAccountInvoicing,
  INVOICE_KINDS,
  type Invoice,
  type InvoiceablePayment,
  type InvoiceKind,
  invoiceDocumentUrl,
  invoicesKey,
  isCommercial,
  issueInvoice,
  saveInvoiceInfo,
  TAX_NO,
} from '../../../api/invoices';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { formatYuan } from '../../approvals/format';
import { applyFieldErrors, BUYER_FIELDS, BuyerFields, cleanBuyer } from './shared';

function AccountSearch({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
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
      allowClear
      style={{ width: '100%' }}
      size="large"
      data-testid="invoice-account"
      value={value}
      onChange={(v) => onChange(v)}
      showSearch={{ filterOption: false, onSearch: setText }}
      defaultActiveFirstOption
      placeholder={t('invoice.issue.accountPlaceholder')}
      loading={hits.isFetching}
      notFoundContent={q.length >= 2 && hits.data ? t('invoice.issue.searchEmpty') : null}
      options={(hits.data?.items ?? []).map((h) => ({
        value: h.accountId,
        label: `${h.accountNo} ${h.customerName} · ${h.address}`,
      }))}
    />
  );
}

/** 开票信息 change: residential against the ID number, C&I against the tax ID (000 §70). */
function InfoModal({ account, open, onClose }: { account: AccountInvoicing; open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const ci = isCommercial(account.customerKind);
  const save = useMutation({
    mutationFn: (v: Record<string, string | undefined>) =>
      saveInvoiceInfo(account.accountId, {
        ...cleanBuyer(v),
        title: ci ? (v.title ?? '').trim() : account.customerName,
        proofKind: ci ? 'taxNo' : 'idNo',
        proofNo: (v.proofNo ?? '').trim().toUpperCase(),
      }),
    meta: { handlesErrors: true },
    onSuccess: () => {
      message.success(t('invoice.info.saved'));
      void queryClient.invalidateQueries({ queryKey: invoicesKey });
      onClose();
    },
    onError: (err) => applyFieldErrors(form, err, [...BUYER_FIELDS, 'proofNo', 'proofKind']),
  });
  const info = account.info;
  return (
    <FormModal
      open={open}
      title={t('invoice.info.title')}
      onCancel={onClose}
      form={form}
      pending={save.isPending}
      error={save.error}
      submitTestId="invoice-info-save"
      width={560}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t(ci ? 'invoice.info.proofCi' : 'invoice.info.proofResidential')}
      />
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          title: info?.title ?? account.customerName,
          taxNo: info?.taxNo ?? undefined,
          address: info?.address ?? undefined,
          phone: info?.phone ?? undefined,
          bankName: info?.bankName ?? undefined,
          bankAccount: info?.bankAccount ?? undefined,
          email: info?.email ?? undefined,
        }}
      >
        <BuyerFields
          kind="general"
          customerKind={account.customerKind}
          customerName={account.customerName}
          prefix={[]}
        />
        <Form.Item
          name="email"
          label={t('invoice.buyer.email')}
          rules={[{ type: 'email', message: t('invoice.buyer.emailInvalid') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="proofNo"
          label={t(ci ? 'invoice.info.proofTaxNo' : 'invoice.info.proofIdNo')}
          normalize={(v: string) => v?.toUpperCase()}
          rules={[
            { required: true, whitespace: true, message: t('invoice.info.proofRequired') },
            ci
              ? { pattern: TAX_NO, message: t('invoice.buyer.taxNoInvalid') }
              : { pattern: /^[0-9A-Za-z]{4,32}$/, message: t('invoice.info.proofInvalid') },
          ]}
        >
          <Input data-testid="invoice-info-proof" maxLength={32} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function Issued({ invoice, onNext }: { invoice: Invoice; onNext: () => void }) {
  const { t } = useT();
  return (
    <Result
      status="success"
      title={t('invoice.issue.done', { no: invoice.invoiceNo })}
      subTitle={`${t(`invoice.kind.${invoice.kind}`)} · ${invoice.invoiceCode} ${invoice.invoiceNo} · ${formatYuan(invoice.amount)} · ${invoice.buyerTitle}`}
      extra={[
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          data-testid="invoice-print"
          onClick={() => window.open(invoiceDocumentUrl(invoice.id), '_blank', 'noopener')}
        >
          {t('invoice.print')}
        </Button>,
        <Button key="pdf" icon={<FilePdfOutlined />} onClick={() => void downloadInvoicePdf(invoice)}>
          {t('invoice.downloadPdf')}
        </Button>,
        <Button key="next" onClick={onNext} data-testid="invoice-next">
          {t('invoice.issue.next')}
        </Button>,
      ]}
    />
  );
}

/**
 * 开具发票 (PAY-6): find the account, tick its invoiceable payments (within the window, this year, not invoiced),
 * choose the kind, the buyer prefilled from the invoice info and checked as you type, issue, print or download.
 */
export function IssueInvoicePage() {
  const { t } = useT();
  const can = useCan();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [accountId, setAccountId] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const [issued, setIssued] = useState<Invoice | null>(null);
  const [editInfo, setEditInfo] = useState(false);
  const [confirm, setConfirm] = useState<Record<string, unknown> | null>(null);
  const account = useQuery({
    queryKey: [...invoicesKey, 'account', accountId],
    queryFn: () => getAccountInvoicing(accountId!),
    enabled: Boolean(accountId),
  });
  const data = account.data;
  const kind = Form.useWatch('kind', form) as InvoiceKind | undefined;
  const stockKind = kind === 'general' ? 'invoiceGeneral' : kind === 'special' ? 'invoiceSpecial' : undefined;
  // The next number of the issuer's own invoice stock (what a blank number takes).
  const next = useQuery({
    queryKey: [...fiscalStockKey, 'next', stockKind],
    queryFn: () => nextNumber(stockKind),
    enabled: Boolean(stockKind) && can('fiscal.stock.use'),
  });

  // Prefill the buyer from the invoice info whenever the account (or its info) changes.
  useEffect(() => {
    if (!data) return;
    const i = data.info;
    form.resetFields();
    form.setFieldsValue({
      kind: 'general',
      buyer: {
        title: isCommercial(data.customerKind) ? (i?.title ?? data.customerName) : data.customerName,
        taxNo: i?.taxNo ?? undefined,
        address: i?.address ?? undefined,
        phone: i?.phone ?? undefined,
        bankName: i?.bankName ?? undefined,
        bankAccount: i?.bankAccount ?? undefined,
        email: i?.email ?? undefined,
      },
    });
    setSelected((s) => s.filter((id) => data.payments.some((p) => p.id === id && p.invoiceable)));
  }, [data, form]);

  const issue = useMutation({
    mutationFn: issueInvoice,
    meta: { handlesErrors: true },
    onSuccess: (inv) => {
      setIssued(inv);
      setConfirm(null);
      void queryClient.invalidateQueries({ queryKey: invoicesKey });
      void queryClient.invalidateQueries({ queryKey: fiscalStockKey });
    },
    onError: (err) => {
      setConfirm(null);
      applyFieldErrors(form, err, [...BUYER_FIELDS.map((f) => `buyer.${f}`), 'kind', 'number']);
    },
  });

  const total = (data?.payments ?? [])
    .filter((p) => selected.includes(p.id))
    .reduce((s, p) => s + Math.round(Number(p.amount) * 100), 0);

  if (issued)
    return (
      <PageCard title={t('menu.issueInvoice')}>
        <Issued
          invoice={issued}
          onNext={() => {
            setIssued(null);
            setSelected([]);
            setAccountId(undefined);
          }}
        />
      </PageCard>
    );

  const submit = (v: { kind: InvoiceKind; buyer: Record<string, string | undefined>; number?: string }) => {
    if (!data) return;
    setConfirm({
      accountId: data.accountId,
      paymentIds: selected,
      kind: v.kind,
      buyer: cleanBuyer(v.buyer),
      ...(v.number?.trim() ? { number: v.number.trim() } : {}),
    });
  };

  return (
    <PageCard title={t('menu.issueInvoice')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <AccountSearch
          value={accountId}
          onChange={(id) => {
            setAccountId(id);
            setSelected([]);
            issue.reset();
          }}
        />
        {data && (
          <>
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('invoice.accountNo')}>{data.accountNo}</Descriptions.Item>
              <Descriptions.Item label={t('invoice.customerName')}>{data.customerName}</Descriptions.Item>
              <Descriptions.Item label={t('invoice.customerKind')}>
                {t(`invoice.customerKind.${data.customerKind}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('invoice.address')} span={2}>
                {data.address}
              </Descriptions.Item>
              <Descriptions.Item label={t('invoice.info.title')}>
                <Space>
                  <span data-testid="invoice-info">
                    {data.info
                      ? `${data.info.title}${data.info.taxNo ? ` · ${data.info.taxNo}` : ''}`
                      : t('invoice.info.none')}
                  </span>
                  {can('invoice.issue') && (
                    <Button size="small" onClick={() => setEditInfo(true)} data-testid="invoice-info-edit">
                      {t('invoice.info.edit')}
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary">{t('invoice.issue.rule', { days: data.withinDays })}</Typography.Text>
            <Table<InvoiceablePayment>
              rowKey="id"
              size="small"
              data-testid="invoice-payments"
              pagination={false}
              dataSource={data.payments}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (p) => ({ disabled: !p.invoiceable }),
              }}
              locale={{ emptyText: t('invoice.issue.noPayments') }}
              columns={[
                { title: t('invoice.payment.no'), dataIndex: 'no' },
                { title: t('invoice.payment.receivedOn'), dataIndex: 'receivedOn' },
                {
                  title: t('invoice.payment.amount'),
                  dataIndex: 'amount',
                  align: 'right',
                  render: (v: string, p) =>
                    Number(p.prepayment) > 0
                      ? `${formatYuan(v)}（${t('invoice.payment.prepayment', { amount: formatYuan(p.prepayment) })}）`
                      : formatYuan(v),
                },
                { title: t('invoice.payment.deadline'), dataIndex: 'deadline' },
                {
                  title: t('invoice.payment.state'),
                  key: 'state',
                  render: (_, p) =>
                    p.invoiceable ? (
                      <Typography.Text type="success">{t('invoice.payment.invoiceable')}</Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">{p.blocked}</Typography.Text>
                    ),
                },
              ]}
            />
            <FormErrorAlert error={issue.error} />
            <Form
              form={form}
              layout="horizontal"
              labelCol={{ span: 5 }}
              wrapperCol={{ span: 14 }}
              validateTrigger="onChange"
              onFinish={submit}
            >
              <Form.Item label={t('invoice.issue.total')}>
                <Typography.Text strong data-testid="invoice-total">
                  {formatYuan((total / 100).toFixed(2))}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {t('invoice.issue.count', { n: selected.length })}
                </Typography.Text>
              </Form.Item>
              <Form.Item name="kind" label={t('invoice.kind')} rules={[{ required: true }]}>
                <Radio.Group data-testid="invoice-kind">
                  {INVOICE_KINDS.map((k) => (
                    <Radio
                      key={k}
                      value={k}
                      disabled={k === 'special' && !isCommercial(data.customerKind)}
                      data-testid={`invoice-kind-${k}`}
                    >
                      {t(`invoice.kind.${k}`)}
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
              <BuyerFields kind={kind} customerKind={data.customerKind} customerName={data.customerName} />
              {kind !== 'electronic' && (
                <Form.Item
                  name="number"
                  label={t('invoice.issue.number')}
                  extra={
                    next.data?.next
                      ? t('invoice.issue.nextNumber', { series: next.data.next.series, number: next.data.next.number })
                      : t('invoice.issue.noStock')
                  }
                  rules={[{ pattern: /^\d{1,12}$/, message: t('invoice.issue.numberInvalid') }]}
                >
                  <Input
                    style={{ width: 200 }}
                    maxLength={12}
                    placeholder={next.data?.next?.number}
                    data-testid="invoice-number"
                  />
                </Form.Item>
              )}
              <Row>
                <Col offset={5}>
                  <Button
                    type="primary"
                    htmlType="submit"
                    disabled={selected.length === 0}
                    loading={issue.isPending}
                    data-testid="invoice-issue"
                  >
                    {t('invoice.issue.submit')}
                  </Button>
                </Col>
              </Row>
            </Form>
            <Modal
              open={confirm !== null}
              title={t('invoice.issue.confirmTitle')}
              onCancel={() => setConfirm(null)}
              onOk={() => confirm && issue.mutate(confirm as never)}
              okButtonProps={{ loading: issue.isPending, 'data-testid': 'invoice-confirm' } as never}
            >
              {confirm && (
                <p>
                  {t('invoice.issue.confirmText', {
                    kind: t(`invoice.kind.${confirm.kind as InvoiceKind}`),
                    amount: formatYuan((total / 100).toFixed(2)),
                    title: String((confirm.buyer as { title?: string }).title ?? data.customerName),
                  })}
                </p>
              )}
            </Modal>
            {editInfo && <InfoModal account={data} open={editInfo} onClose={() => setEditInfo(false)} />}
          </>
        )}
      </Space>
    </PageCard>
  );
}

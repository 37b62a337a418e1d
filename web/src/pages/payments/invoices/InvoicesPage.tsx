import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Select, Space, Table, type TableProps, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  downloadInvoicePdf,
  INVOICE_KINDS,
  INVOICE_SORTS,
  type Invoice,
  type InvoiceFilters,
  type InvoiceKind,
  type InvoiceListParams,
  type InvoiceSort,
  invoiceDocumentUrl,
  invoicesKey,
  listInvoices,
  reissueInvoice,
  voidInvoice,
} from '../../../api/invoices';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime, toDateString } from '../../../lib/time';
import { formatYuan } from '../../approvals/format';
import { applyFieldErrors, BUYER_FIELDS, BuyerFields, cleanBuyer, KindTag, StatusTag } from './shared';

interface FilterForm {
  accountNo?: string;
  kind?: InvoiceKind;
  status?: 'issued' | 'voided';
  q?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function Filters({ onSearch }: { onSearch: (f: InvoiceFilters) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<FilterForm>();
  return (
    <Form<FilterForm>
      form={form}
      layout="inline"
      validateTrigger="onChange"
      style={{ marginBottom: 16, rowGap: 12 }}
      onFinish={(v) => {
        const [from, to] = v.range ?? [];
        onSearch({
          accountNo: v.accountNo?.trim() || undefined,
          kind: v.kind,
          status: v.status,
          q: v.q?.trim() || undefined,
          from: toDateString(from) ?? undefined,
          to: toDateString(to) ?? undefined,
        });
      }}
    >
      <Form.Item
        name="accountNo"
        label={t('invoice.accountNo')}
        rules={[{ pattern: /^\s*\d{0,18}\s*$/, message: t('invoice.list.accountNoInvalid') }]}
      >
        <Input allowClear style={{ width: 160 }} data-testid="invoice-filter-account" />
      </Form.Item>
      <Form.Item name="kind" label={t('invoice.kind')}>
        <Select
          allowClear
          style={{ width: 200 }}
          options={INVOICE_KINDS.map((k) => ({ value: k, label: t(`invoice.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('invoice.status')}>
        <Select
          allowClear
          style={{ width: 100 }}
          data-testid="invoice-filter-status"
          options={(['issued', 'voided'] as const).map((s) => ({ value: s, label: t(`invoice.status.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="q" label={t('invoice.list.q')}>
        <Input allowClear style={{ width: 200 }} placeholder={t('invoice.list.qHint')} />
      </Form.Item>
      <Form.Item name="range" label={t('invoice.issuedOn')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch({})} searchTestId="invoice-search" />
    </Form>
  );
}

function VoidModal({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const run = useMutation({
    mutationFn: (reason: string) => voidInvoice(invoice!.id, reason),
    meta: { handlesErrors: true },
    onSuccess: () => {
      message.success(t('invoice.void.done'));
      void queryClient.invalidateQueries({ queryKey: invoicesKey });
      onClose();
    },
    onError: (err) => applyFieldErrors(form, err, ['reason']),
  });
  return (
    <FormModal
      open={invoice !== null}
      title={t('invoice.void.title', { no: invoice?.invoiceNo ?? '' })}
      onCancel={onClose}
      form={form}
      pending={run.isPending}
      error={run.error}
      submitTestId="invoice-void-submit"
      submitLabel={t('invoice.void')}
    >
      <Typography.Paragraph type="secondary">
        {invoice?.kind === 'electronic' ? t('invoice.void.electronicHint') : t('invoice.void.paperHint')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" validateTrigger="onChange" onFinish={(v) => run.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('invoice.void.reason')}
          rules={[
            { required: true, whitespace: true, message: t('invoice.void.reasonRequired') },
            { min: 2, max: 200, message: t('invoice.void.reasonLength') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} data-testid="invoice-void-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function ReissueModal({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as InvoiceKind | undefined) ?? invoice?.kind;
  const run = useMutation({
    mutationFn: (v: { kind: InvoiceKind; buyer: Record<string, string | undefined> }) =>
      reissueInvoice(invoice!.id, { kind: v.kind, buyer: cleanBuyer(v.buyer) }),
    meta: { handlesErrors: true },
    onSuccess: (inv) => {
      message.success(t('invoice.reissue.done', { no: inv.invoiceNo }));
      void queryClient.invalidateQueries({ queryKey: invoicesKey });
      onClose();
      window.open(invoiceDocumentUrl(inv.id), '_blank', 'noopener');
    },
    onError: (err) => applyFieldErrors(form, err, [...BUYER_FIELDS.map((f) => `buyer.${f}`), 'kind', 'number']),
  });
  if (!invoice) return null;
  return (
    <FormModal
      open
      title={t('invoice.reissue.title', { no: invoice.invoiceNo })}
      onCancel={onClose}
      form={form}
      pending={run.isPending}
      error={run.error}
      submitTestId="invoice-reissue-submit"
      submitLabel={t('invoice.reissue')}
      width={600}
    >
      <Typography.Paragraph type="secondary">{t('invoice.reissue.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        onFinish={run.mutate}
        initialValues={{
          kind: invoice.kind,
          buyer: {
            title: invoice.buyerTitle,
            taxNo: invoice.buyerTaxNo ?? undefined,
            address: invoice.buyerAddress ?? undefined,
            phone: invoice.buyerPhone ?? undefined,
            bankName: invoice.buyerBankName ?? undefined,
            bankAccount: invoice.buyerBankAccount ?? undefined,
            email: invoice.buyerEmail ?? undefined,
          },
        }}
      >
        <Form.Item name="kind" label={t('invoice.kind')}>
          <Select
            options={INVOICE_KINDS.filter((k) => k !== 'special' || invoice.buyerKind !== 'residential').map((k) => ({
              value: k,
              label: t(`invoice.kind.${k}`),
            }))}
          />
        </Form.Item>
        <BuyerFields kind={kind} customerKind={invoice.buyerKind} customerName={invoice.customerName} />
      </Form>
    </FormModal>
  );
}

/** 发票查询 (PAY-6): every invoice, filtered and sorted on the server, exported; void and re-issue from here. */
export function InvoicesPage() {
  const { t } = useT();
  const can = useCan();
  const [params, setParams] = useState<InvoiceListParams>({ page: 1, pageSize: 20, sort: 'issuedAt', order: 'desc' });
  const [voiding, setVoiding] = useState<Invoice | null>(null);
  const [reissuing, setReissuing] = useState<Invoice | null>(null);
  const list = useQuery({
    queryKey: [...invoicesKey, 'list', params],
    queryFn: () => listInvoices(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = params;
  const sortable = (key: InvoiceSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<Invoice>['columns'] = [
    { title: t('invoice.issuedOn'), dataIndex: 'issuedOn', key: 'issuedAt', ...sortable('issuedAt') },
    { title: t('invoice.kind'), key: 'kind', render: (_, i) => <KindTag kind={i.kind} /> },
    {
      title: t('invoice.number'),
      dataIndex: 'invoiceNo',
      key: 'invoiceNo',
      ...sortable('invoiceNo'),
      render: (no: string, i) => (
        <span>
          <Typography.Text type="secondary">{i.invoiceCode} </Typography.Text>
          {no}
        </span>
      ),
    },
    { title: t('invoice.accountNo'), dataIndex: 'accountNo', key: 'accountNo', ...sortable('accountNo') },
    {
      title: t('invoice.buyer.title'),
      key: 'buyer',
      render: (_, i) => (
        <span>
          {i.buyerTitle}
          {i.buyerTaxNo && <Typography.Text type="secondary"> · {i.buyerTaxNo}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('invoice.amount'),
      dataIndex: 'amount',
      key: 'amount',
      align: 'right',
      ...sortable('amount'),
      render: (v: string) => formatYuan(v),
    },
    {
      title: t('invoice.payments'),
      key: 'payments',
      render: (_, i) => i.payments.map((p) => p.no).join('、'),
    },
    {
      title: t('invoice.status'),
      key: 'status',
      render: (_, i) => (
        <Space size={4} direction="vertical">
          <StatusTag status={i.status} />
          {i.voidReason && <Typography.Text type="secondary">{i.voidReason}</Typography.Text>}
          {i.redInvoiceNo && (
            <Typography.Text type="secondary">{t('invoice.redNo', { no: i.redInvoiceNo })}</Typography.Text>
          )}
          {i.replacesId && <Typography.Text type="secondary">{t('invoice.isReissue')}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('invoice.issuedBy'),
      key: 'issuedBy',
      render: (_, i) => <span title={formatDateTime(i.issuedAt)}>{i.issuedBy?.name ?? t('invoice.channel.qr')}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, i) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => window.open(invoiceDocumentUrl(i.id), '_blank', 'noopener')}>
            {t('invoice.print')}
          </Button>
          <Button type="link" size="small" onClick={() => void downloadInvoicePdf(i)}>
            PDF
          </Button>
          {i.status === 'issued' && can('invoice.void') && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() => setVoiding(i)}
              data-testid={`invoice-void-${i.invoiceNo}`}
            >
              {t('invoice.void')}
            </Button>
          )}
          {i.status === 'voided' && !i.replacedById && can('invoice.issue') && (
            <Button
              type="link"
              size="small"
              onClick={() => setReissuing(i)}
              data-testid={`invoice-reissue-${i.invoiceNo}`}
            >
              {t('invoice.reissue')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard title={t('menu.invoices')} extra={<ExportButton exportName="invoices" filters={exportable} />}>
      <Filters
        onSearch={(f) => setParams((p) => ({ page: 1, pageSize: p.pageSize, sort: p.sort, order: p.order, ...f }))}
      />
      <Table<Invoice>
        rowKey="id"
        size="small"
        data-testid="invoice-table"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('invoice.list.total', { n }),
        }}
        onChange={(pagination, _filters, sorter) => {
          const next = tableChangeToPage(pagination, sorter, INVOICE_SORTS);
          setParams((p) => ({ ...p, ...next, sort: next.sort ?? 'issuedAt', order: next.order ?? 'desc' }));
        }}
      />
      <VoidModal invoice={voiding} onClose={() => setVoiding(null)} />
      <ReissueModal invoice={reissuing} onClose={() => setReissuing(null)} />
    </PageCard>
  );
}

import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { listInvoicesQuery } from './schemas.js';
import { KIND_ZH, listInvoices } from './service.js';

const query = listInvoicesQuery.omit({ page: true, pageSize: true });
type Row = Awaited<ReturnType<typeof listInvoices>>['items'][number] & Record<string, unknown>;
const STATUS: Record<string, { zh: string; en: string }> = {
  issued: { zh: '已开具', en: 'Issued' },
  voided: { zh: '已作废', en: 'Voided' },
};
const KIND_EN: Record<string, string> = { general: 'VAT general', special: 'VAT special', electronic: 'E-invoice' };
const en = (lang: string) => lang === 'en';

// PAY-6: the invoice register (发票开具明细台账). Buyer titles of residential invoices are customers' names.
registerExport<z.infer<typeof query>, Row>({
  name: 'invoices',
  title: { zh: '发票开具明细', en: 'Invoices' },
  permission: 'invoice.read',
  sensitive: true,
  query,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) => (await listInvoices(db, principal.companyId, { ...q, page, pageSize })).items as Row[],
    ),
  columns: [
    { key: 'issuedOn', header: { zh: '开票日期', en: 'Issued on' }, width: 12 },
    {
      key: 'kind',
      header: { zh: '发票种类', en: 'Kind' },
      width: 22,
      format: (v, _, lang) => (en(lang) ? KIND_EN[v as string] : KIND_ZH[v as keyof typeof KIND_ZH]) ?? String(v),
    },
    { key: 'invoiceCode', header: { zh: '发票代码', en: 'Code' }, width: 14 },
    { key: 'invoiceNo', header: { zh: '发票号码', en: 'Number' }, width: 12 },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account' }, width: 16 },
    { key: 'buyerTitle', header: { zh: '购买方名称', en: 'Buyer' }, width: 28 },
    { key: 'buyerTaxNo', header: { zh: '纳税人识别号', en: 'Tax ID' }, width: 22 },
    { key: 'amount', header: { zh: '价税合计（元）', en: 'Total' }, width: 14, format: (v) => Number(v) },
    { key: 'netAmount', header: { zh: '金额（元）', en: 'Net' }, width: 12, format: (v) => Number(v) },
    { key: 'taxAmount', header: { zh: '税额（元）', en: 'Tax' }, width: 12, format: (v) => Number(v) },
    {
      key: 'payments',
      header: { zh: '收费单号', en: 'Payments' },
      width: 30,
      format: (v) => (v as { no: string }[]).map((p) => p.no).join('、'),
    },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 8,
      format: (v, _, lang) => STATUS[v as string]?.[en(lang) ? 'en' : 'zh'] ?? String(v),
    },
    { key: 'voidReason', header: { zh: '作废原因', en: 'Void reason' }, width: 20 },
    { key: 'redInvoiceNo', header: { zh: '红字发票号', en: 'Red-letter no.' }, width: 12 },
    {
      key: 'issuedBy',
      header: { zh: '开票人', en: 'Issued by' },
      width: 12,
      format: (v) => (v as { name: string } | null)?.name ?? '扫码自助',
    },
  ],
});

import { downloadFile } from './approvals';
import { http } from './client';
import type { Page, PageParams } from './types';

/** PAY-6 invoices: issue against payments, list, void, re-issue; invoice info; the public QR request page. */
export const invoicesKey = ['invoices'] as const;
const base = '/api/invoices';

export const INVOICE_KINDS = ['general', 'special', 'electronic'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
export type InvoiceStatus = 'issued' | 'voided';
export type CustomerKind = 'residential' | 'commercial' | 'institutional';
export const INVOICE_SORTS = ['issuedAt', 'amount', 'invoiceNo', 'accountNo'] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

export interface Buyer {
  title?: string;
  taxNo?: string;
  address?: string;
  phone?: string;
  bankName?: string;
  bankAccount?: string;
  email?: string;
}

export interface Invoice {
  id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  accountId: string;
  accountNo: string;
  customerName: string;
  invoiceCode: string;
  invoiceNo: string;
  amount: string;
  taxRate: string;
  netAmount: string;
  taxAmount: string;
  buyerKind: CustomerKind;
  buyerTitle: string;
  buyerTaxNo: string | null;
  buyerAddress: string | null;
  buyerPhone: string | null;
  buyerBankName: string | null;
  buyerBankAccount: string | null;
  buyerEmail: string | null;
  channel: 'desk' | 'qr';
  issuedOn: string;
  issuedAt: string;
  issuedBy: { id: string; name: string } | null;
  replacesId: string | null;
  replacedById: string | null;
  voidReason: string | null;
  redInvoiceNo: string | null;
  voidedAt: string | null;
  voidedBy: { id: string; name: string } | null;
  payments: { paymentId: string; no: string; amount: string; receivedOn: string; active: boolean }[];
}

export interface InvoiceInfo {
  title: string;
  taxNo: string | null;
  address: string | null;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  email: string | null;
  proofKind: 'idNo' | 'taxNo' | null;
  proofNo: string | null;
  version: number;
  updatedBy: { id: string; name: string } | null;
  updatedAt: string;
}

export interface InvoiceablePayment {
  id: string;
  no: string;
  amount: string;
  prepayment: string;
  receivedOn: string;
  status: string;
  deadline: string;
  invoiceable: boolean;
  blocked: string | null;
  invoiceId: string | null;
  invoiceNo: string | null;
}

export interface AccountInvoicing {
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: CustomerKind;
  address: string;
  info: InvoiceInfo | null;
  withinDays: number;
  payments: InvoiceablePayment[];
}

export interface InvoiceFilters {
  accountNo?: string;
  kind?: InvoiceKind;
  status?: InvoiceStatus;
  channel?: 'desk' | 'qr';
  from?: string;
  to?: string;
  q?: string;
}
export type InvoiceListParams = PageParams & InvoiceFilters & { sort?: InvoiceSort };

export interface IssueInput {
  accountId: string;
  paymentIds: string[];
  kind: InvoiceKind;
  buyer: Buyer;
  series?: string;
  number?: string;
}

export interface InfoInput extends Buyer {
  title: string;
  proofKind: 'idNo' | 'taxNo';
  proofNo: string;
}

export interface PublicRequest {
  companyName: string;
  paymentNo: string;
  accountNo: string;
  customerName: string;
  customerKind: CustomerKind;
  amount: string;
  receivedOn: string;
  expiresOn: string;
  title: string | null;
  taxNo: string | null;
  invoice: {
    kind: InvoiceKind;
    invoiceCode: string;
    invoiceNo: string;
    amount: string;
    issuedOn: string;
    status: InvoiceStatus;
    buyerTitle: string;
  } | null;
}

/** 纳税人识别号: 15–20 digits or capitals (统一社会信用代码 is 18). */
export const TAX_NO = /^[0-9A-Z]{15,20}$/;
export const isCommercial = (k: CustomerKind) => k !== 'residential';

export const getAccountInvoicing = (accountId: string) =>
  http.get<AccountInvoicing>(`${base}/accounts/${encodeURIComponent(accountId)}`);
export const saveInvoiceInfo = (accountId: string, input: InfoInput) =>
  http.put<InvoiceInfo>(`${base}/accounts/${encodeURIComponent(accountId)}/info`, input);
export const issueInvoice = (input: IssueInput) => http.post<Invoice>(base, input);
export const listInvoices = (p: InvoiceListParams) => http.get<Page<Invoice>>(base, { ...p });
export const getInvoice = (id: string) => http.get<Invoice>(`${base}/${encodeURIComponent(id)}`);
export const voidInvoice = (id: string, reason: string) =>
  http.post<Invoice>(`${base}/${encodeURIComponent(id)}/void`, { reason });
export const reissueInvoice = (id: string, input: { kind?: InvoiceKind; buyer: Buyer }) =>
  http.post<Invoice>(`${base}/${encodeURIComponent(id)}/reissue`, input);
export const invoiceDocumentUrl = (id: string) => `${base}/${encodeURIComponent(id)}/document?format=html`;
export const downloadInvoicePdf = (i: Pick<Invoice, 'id' | 'invoiceCode' | 'invoiceNo'>) =>
  downloadFile(`${base}/${encodeURIComponent(i.id)}/document`, `invoice-${i.invoiceCode}-${i.invoiceNo}.pdf`, {
    format: 'pdf',
  });

const publicBase = (token: string) => `/api/public/e-invoice/${encodeURIComponent(token)}`;
export const getPublicRequest = (token: string) => http.get<PublicRequest>(publicBase(token));
export const requestEInvoice = (token: string, input: { title?: string; taxNo?: string; email?: string }) =>
  http.post<PublicRequest>(publicBase(token), input);
export const publicDocumentUrl = (token: string, format: 'html' | 'pdf') =>
  `${publicBase(token)}/document?format=${format}`;

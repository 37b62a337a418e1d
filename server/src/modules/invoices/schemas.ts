import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

/** PAY-6: 增值税普通发票 (paper), 增值税专用发票 (paper), 电子发票. */
export const INVOICE_KINDS = ['general', 'special', 'electronic'] as const;
export const invoiceKind = z.enum(INVOICE_KINDS, {
  error: '发票种类应为 general/special/electronic / Unknown invoice kind',
});
export type InvoiceKind = z.infer<typeof invoiceKind>;
export const invoiceStatus = z.enum(['issued', 'voided']);

/** A blank field counts as not given. */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

export const TAX_NO = /^[0-9A-Z]{15,20}$/;
const taxNo = z
  .string()
  .trim()
  .toUpperCase()
  .regex(TAX_NO, { error: '纳税人识别号为 15–20 位数字或大写字母 / A tax ID is 15–20 digits or capitals' });
const title = z
  .string({ error: '请填写发票抬头 / Give the invoice title' })
  .trim()
  .min(1, { error: '请填写发票抬头 / Give the invoice title' })
  .max(100, { error: '发票抬头最多 100 字 / At most 100 characters' });
const email = z.email({ error: '邮箱格式不正确 / Not an e-mail address' }).max(100);

/** 购买方信息: what the invoice is made out to. */
export const buyerSchema = z.object({
  title: opt(title),
  taxNo: opt(taxNo),
  address: opt(z.string().trim().max(200, { error: '地址最多 200 字 / At most 200 characters' })),
  phone: opt(
    z
      .string()
      .trim()
      .regex(/^[0-9+() -]{5,30}$/, { error: '电话只含数字、空格和 +-() / Digits, spaces and +-()' }),
  ),
  bankName: opt(z.string().trim().max(100, { error: '开户行最多 100 字 / At most 100 characters' })),
  bankAccount: opt(
    z
      .string()
      .trim()
      .regex(/^[0-9 -]{6,40}$/, { error: '银行账号为 6–40 位数字 / A bank account of 6–40 digits' }),
  ),
  email: opt(email),
});
export type Buyer = z.infer<typeof buyerSchema>;

const uuidList = z
  .array(z.uuid({ error: '收费编号无效 / Not a payment id' }), { error: '请选择要开票的收费 / Choose the payments' })
  .min(1, { error: '请选择要开票的收费 / Choose the payments' })
  .max(50, { error: '一张发票最多 50 笔收费 / At most 50 payments' });

/** The issuer's own stock number to use (paper kinds); left out, the next number of their range. */
const stockNumber = {
  series: opt(z.string().trim().max(20)),
  number: opt(
    z
      .string()
      .trim()
      .regex(/^[0-9]{1,12}$/, { error: '发票号码为 1–12 位数字 / 1–12 digits' }),
  ),
};

export const issueBody = z.object({
  accountId: z.uuid({ error: '请选择用户 / Choose the account' }),
  paymentIds: uuidList,
  kind: invoiceKind,
  buyer: buyerSchema,
  ...stockNumber,
});
export type IssueBody = z.infer<typeof issueBody>;

export const voidBody = z.object({
  reason: z
    .string({ error: '请填写作废原因 / Give the reason' })
    .trim()
    .min(2, { error: '请填写作废原因 / Give the reason' })
    .max(200),
});

export const reissueBody = z.object({
  kind: invoiceKind.optional(),
  buyer: buyerSchema,
  ...stockNumber,
});
export type ReissueBody = z.infer<typeof reissueBody>;

export const infoBody = z.object({
  title,
  taxNo: opt(taxNo),
  address: buyerSchema.shape.address,
  phone: buyerSchema.shape.phone,
  bankName: buyerSchema.shape.bankName,
  bankAccount: buyerSchema.shape.bankAccount,
  email: buyerSchema.shape.email,
  proofKind: z.enum(['idNo', 'taxNo'], { error: '请选择证明方式 / Choose the proof' }),
  proofNo: z
    .string({ error: '请填写证件号码 / Give the proof number' })
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{4,32}$/, { error: '证件号码为 4–32 位数字或字母 / 4–32 digits or letters' }),
});
export type InfoBody = z.infer<typeof infoBody>;

export const publicRequestBody = z.object({
  title: opt(title),
  taxNo: opt(taxNo),
  email: z.preprocess(blank, email.optional()),
});

export const INVOICE_SORTS = ['issuedAt', 'amount', 'invoiceNo', 'accountNo'] as const;
export const listInvoicesQuery = z.object({
  accountId: z.uuid().optional(),
  accountNo: z.string().trim().max(18).optional(),
  kind: invoiceKind.optional(),
  status: invoiceStatus.optional(),
  channel: z.enum(['desk', 'qr']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Invoice number, title or tax ID. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(INVOICE_SORTS).default('issuedAt'),
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListInvoicesQuery = z.infer<typeof listInvoicesQuery>;

export const documentQuery = z.object({ format: z.enum(['html', 'pdf']).default('html') });

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const invoicePaymentSchema = z.object({
  paymentId: z.string(),
  no: z.string(),
  amount: z.string(),
  receivedOn: z.string(),
  active: z.boolean(),
});

export const invoiceSchema = z.object({
  id: z.string(),
  kind: invoiceKind,
  status: invoiceStatus,
  accountId: z.string(),
  accountNo: z.string(),
  customerName: z.string(),
  invoiceCode: z.string(),
  invoiceNo: z.string(),
  amount: z.string(),
  taxRate: z.string(),
  netAmount: z.string(),
  taxAmount: z.string(),
  buyerKind: z.string(),
  buyerTitle: z.string(),
  buyerTaxNo: z.string().nullable(),
  buyerAddress: z.string().nullable(),
  buyerPhone: z.string().nullable(),
  buyerBankName: z.string().nullable(),
  buyerBankAccount: z.string().nullable(),
  buyerEmail: z.string().nullable(),
  channel: z.enum(['desk', 'qr']),
  issuedOn: z.string(),
  issuedAt: z.string(),
  issuedBy: person,
  replacesId: z.string().nullable(),
  replacedById: z.string().nullable(),
  voidReason: z.string().nullable(),
  redInvoiceNo: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidedBy: person,
  payments: z.array(invoicePaymentSchema),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const infoSchema = z.object({
  title: z.string(),
  taxNo: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  email: z.string().nullable(),
  /** Null when the info was recorded elsewhere (account opening, customer changes). */
  proofKind: z.enum(['idNo', 'taxNo']).nullable(),
  proofNo: z.string().nullable(),
  version: z.number(),
  updatedBy: person,
  updatedAt: z.string(),
});
export type InvoiceInfo = z.infer<typeof infoSchema>;

export const invoiceablePaymentSchema = z.object({
  id: z.string(),
  no: z.string(),
  amount: z.string(),
  prepayment: z.string(),
  receivedOn: z.string(),
  status: z.string(),
  /** The last day it may be invoiced (pay.invoiceWithinDays, never past 31 December). */
  deadline: z.string(),
  invoiceable: z.boolean(),
  /** Why not (already invoiced, reversed, too late, last year). */
  blocked: z.string().nullable(),
  invoiceId: z.string().nullable(),
  invoiceNo: z.string().nullable(),
});

export const accountInvoicingSchema = z.object({
  accountId: z.string(),
  accountNo: z.string(),
  customerName: z.string(),
  customerKind: z.enum(['residential', 'commercial', 'institutional']),
  address: z.string(),
  info: infoSchema.nullable(),
  withinDays: z.number(),
  payments: z.array(invoiceablePaymentSchema),
});

export const publicRequestSchema = z.object({
  companyName: z.string(),
  paymentNo: z.string(),
  accountNo: z.string(),
  customerName: z.string(),
  customerKind: z.string(),
  amount: z.string(),
  receivedOn: z.string(),
  expiresOn: z.string(),
  title: z.string().nullable(),
  taxNo: z.string().nullable(),
  invoice: z
    .object({
      kind: invoiceKind,
      invoiceCode: z.string(),
      invoiceNo: z.string(),
      amount: z.string(),
      issuedOn: z.string(),
      status: invoiceStatus,
      buyerTitle: z.string(),
    })
    .nullable(),
});

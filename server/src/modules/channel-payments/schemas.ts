import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

const money = z
  .string({ error: '请填写金额 / Give the amount' })
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, { error: '金额须为数字，最多两位小数 / An amount with at most 2 decimals' })
  .refine((v) => Number(v) > 0, { error: '金额须大于 0 / The amount must be above 0' });

// ---- Online pay orders ----
export const ORDER_STATUSES = ['pending', 'paid', 'expired'] as const;
export const orderStatus = z.enum(ORDER_STATUSES);

export const newOrderBody = z.object({
  accountId: z.uuid({ error: '请选择用户 / Choose the account' }),
  /** Without it, what the account owes today (late fees included). */
  amount: money.optional(),
});
export type NewOrder = z.infer<typeof newOrderBody>;

export const orderSchema = z.object({
  id: z.uuid(),
  no: z.string(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  amount: z.string(),
  status: orderStatus,
  payUrl: z.string(),
  qrPayload: z.string(),
  /** A data: URL of the QR code of qrPayload, for the screen. */
  qrImage: z.string().optional(),
  provider: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  paidAt: z.string().nullable(),
  gatewayTradeNo: z.string().nullable(),
  paymentId: z.uuid().nullable(),
  paymentNo: z.string().nullable(),
});
export type OnlineOrder = z.infer<typeof orderSchema>;

export const listOrdersQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  status: orderStatus.optional(),
  accountNo: z.string().trim().max(32).optional(),
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;

export const callbackAnswer = z.object({ code: z.literal('SUCCESS'), message: z.string() });

// ---- Bank debit ----
const bankCode = z
  .string({ error: '请填写银行代码 / Give the bank code' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,12}$/, { error: '银行代码为 2–12 位大写字母或数字，如 ICBC / 2–12 capital letters or digits' });

export const newMandateBody = z.object({
  accountId: z.uuid({ error: '请选择用户 / Choose the account' }),
  bankCode,
  bankName: z
    .string({ error: '请填写开户银行 / Give the bank' })
    .trim()
    .min(2, { error: '请填写开户银行 / Give the bank' })
    .max(40),
  bankAccountNo: z
    .string({ error: '请填写银行账号 / Give the bank account number' })
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{8,30}$/, { error: '银行账号为 8–30 位数字 / 8–30 digits' })),
  holderName: z
    .string({ error: '请填写户名 / Give the holder name' })
    .trim()
    .min(1, { error: '请填写户名 / Give the holder name' })
    .max(60),
});
export type NewMandate = z.infer<typeof newMandateBody>;

export const mandateSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  bankCode: z.string(),
  bankName: z.string(),
  /** The bank account number masked: 6222 **** **** 1234. */
  bankAccountNo: z.string(),
  holderName: z.string(),
  status: z.enum(['active', 'cancelled']),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});

export const listMandatesQuery = z.object({
  ...pagingQuery,
  status: z.enum(['active', 'cancelled']).optional(),
  bankCode: z.string().trim().toUpperCase().max(12).optional(),
  accountNo: z.string().trim().max(32).optional(),
});
export type ListMandatesQuery = z.infer<typeof listMandatesQuery>;

export const newBatchBody = z.object({
  debitDate: z.iso.date({ error: '请选择代扣日期 / Choose the debit date' }),
  /** Without it, one batch per bank with active mandates. */
  bankCode: bankCode.optional(),
});

export const batchSchema = z.object({
  id: z.uuid(),
  no: z.string(),
  bankCode: z.string(),
  bankName: z.string().nullable(),
  debitDate: z.string(),
  status: z.enum(['building', 'exported', 'completed']),
  /** Build progress: mandates of the run, and how many are done. */
  mandatesTotal: z.number().int(),
  mandatesDone: z.number().int(),
  lineCount: z.number().int(),
  totalAmount: z.string(),
  pending: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  succeededAmount: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  resultsAt: z.string().nullable(),
});
export type DebitBatch = z.infer<typeof batchSchema>;

export const listBatchesQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  bankCode: z.string().trim().toUpperCase().max(12).optional(),
});
export type ListBatchesQuery = z.infer<typeof listBatchesQuery>;

export const lineSchema = z.object({
  lineNo: z.number().int(),
  reference: z.string(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  bankAccountNo: z.string(),
  holderName: z.string(),
  amount: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  failureReason: z.string().nullable(),
  paymentNo: z.string().nullable(),
  noticeMessageId: z.uuid().nullable(),
  noticeSkipped: z.string().nullable(),
});

export const linesQuery = z.object({
  ...pagingQuery,
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
});

export const resultsSummary = z.object({
  batchId: z.uuid(),
  rows: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** Lines whose result was recorded by an earlier upload: nothing posted again. */
  unchanged: z.number().int(),
  noticesQueued: z.number().int(),
});

import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

export const FISCAL_KINDS = ['receipt', 'invoiceGeneral', 'invoiceSpecial'] as const;
export const fiscalKind = z.enum(FISCAL_KINDS, { error: '请选择票据种类 / Choose the kind of stock' });
export const rangeStatus = z.enum(['issued', 'open', 'closed']);
export const voidCause = z.enum(['error', 'damaged', 'missing', 'lost', 'other']);
export const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM / YYYY-MM' });

/** A fixed-width ticket number: digits only, its width kept (leading zeros count). */
export const ticketNo = z
  .string({ error: '请填写票号 / Give the number' })
  .trim()
  .regex(/^[0-9]{1,12}$/, { error: '票号须为 1–12 位数字 / A number of 1–12 digits' });
export const series = z
  .string({ error: '请填写票据代码/字轨 / Give the series' })
  .trim()
  .regex(/^[A-Za-z0-9-]{1,20}$/, { error: '代码/字轨为 1–20 位字母、数字或 - / 1–20 letters, digits or -' });
const person = z.object({ id: z.uuid(), name: z.string() });
const text = (max: number, zh: string, en: string) =>
  z
    .string({ error: `${zh} / ${en}` })
    .trim()
    .min(1, { error: `${zh} / ${en}` })
    .max(max);

// ---------------------------------------------------------------- requests

export const newRequestBody = z.object({
  kind: fiscalKind,
  quantity: z.coerce
    .number({ error: '请填写数量 / Give the quantity' })
    .int({ error: '数量须为整数 / A whole number' })
    .min(1, { error: '数量须大于 0 / At least 1' })
    .max(100000),
  neededBy: z.iso.date({ error: '请填写需用日期 / Give the day it is needed' }),
  note: z.string().trim().max(500).nullish(),
});
export type NewRequest = z.infer<typeof newRequestBody>;
export const requestSchema = z.object({
  id: z.uuid(),
  kind: fiscalKind,
  quantity: z.number().int(),
  neededBy: z.string(),
  requestedOn: z.string(),
  late: z.boolean(),
  note: z.string().nullable(),
  status: z.enum(['open', 'done']),
  requestedBy: person,
  createdAt: z.string(),
  /** Set when filed later than pay.receiptRequestLeadDays before it is needed. */
  warning: z.string().nullable().optional(),
});
export const listRequestsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  status: z.enum(['open', 'done']).optional(),
  kind: fiscalKind.optional(),
});

// ---------------------------------------------------------------- batches

export const newBatchBody = z.object({
  kind: fiscalKind,
  series,
  fromNo: ticketNo,
  toNo: ticketNo,
  /** 联数 */
  parts: z.coerce.number().int().min(1).max(9).default(3),
  receivedOn: z.iso.date().optional(),
  requestId: z.uuid().nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type NewBatch = z.infer<typeof newBatchBody>;
export const batchSchema = z.object({
  id: z.uuid(),
  kind: fiscalKind,
  series: z.string(),
  fromNo: z.string(),
  toNo: z.string(),
  count: z.number().int(),
  parts: z.number().int(),
  /** Numbers of the batch not issued to anyone. */
  inStock: z.number().int(),
  receivedOn: z.string(),
  receivedBy: person,
  requestId: z.uuid().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Batch = z.infer<typeof batchSchema>;
export const listBatchesQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  kind: fiscalKind.optional(),
  series: z.string().trim().max(20).optional(),
});

// ---------------------------------------------------------------- ranges

export const issueBody = z.object({
  batchId: z.uuid({ error: '请选择批次 / Choose the batch' }),
  holderId: z.uuid({ error: '请选择领用人 / Choose the holder' }),
  fromNo: ticketNo,
  toNo: ticketNo,
});
export type IssueInput = z.infer<typeof issueBody>;
export const rangeSchema = z.object({
  id: z.uuid(),
  batchId: z.uuid(),
  kind: fiscalKind,
  series: z.string(),
  holder: person,
  fromNo: z.string(),
  toNo: z.string(),
  /** The last number the holder keeps (after a hand-over); null when nothing was kept. */
  endNo: z.string().nullable(),
  count: z.number().int(),
  used: z.number().int(),
  voided: z.number().int(),
  remaining: z.number().int(),
  nextNo: z.string().nullable(),
  status: rangeStatus,
  issuedOn: z.string(),
  issuedBy: person,
  handoverId: z.uuid().nullable(),
  checkedAt: z.string().nullable(),
  checkedCount: z.number().int().nullable(),
  checkNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Range = z.infer<typeof rangeSchema>;
export const listRangesQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  holderId: z.uuid().optional(),
  batchId: z.uuid().optional(),
  kind: fiscalKind.optional(),
  status: rangeStatus.optional(),
});
export type ListRangesQuery = z.infer<typeof listRangesQuery>;

export const checkBody = z.object({
  /** The copies counted. */
  count: z.coerce.number({ error: '请填写核对份数 / Give the count' }).int().min(0).max(1000000),
  missing: z.array(ticketNo).max(1000).default([]),
  note: z.string().trim().max(500).nullish(),
});

export const useBody = z.object({
  kind: fiscalKind,
  series,
  number: ticketNo,
  reference: z.string().trim().max(100).nullish(),
});
export const voidBody = z.object({
  kind: fiscalKind,
  series,
  number: ticketNo,
  cause: voidCause.exclude(['missing', 'lost']).default('error'),
  reason: text(500, '请填写作废原因', 'Give the reason'),
});
export const numberSchema = z.object({
  id: z.uuid(),
  rangeId: z.uuid(),
  kind: fiscalKind,
  series: z.string(),
  number: z.string(),
  status: z.enum(['used', 'voided']),
  cause: voidCause.nullable(),
  reason: z.string().nullable(),
  parts: z.number().int().nullable(),
  reference: z.string().nullable(),
  by: person.nullable(),
  at: z.string(),
});
export type FiscalNumber = z.infer<typeof numberSchema>;
export const listNumbersQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  rangeId: z.uuid().optional(),
  status: z.enum(['used', 'voided']).optional(),
  kind: fiscalKind.optional(),
  series: z.string().trim().max(20).optional(),
});

// ---------------------------------------------------------------- losses

export const lossBody = z.object({
  rangeId: z.uuid({ error: '请选择号段 / Choose the range' }),
  fromNo: ticketNo,
  toNo: ticketNo,
  lostOn: z.iso.date({ error: '请填写丢失日期 / Give the day of the loss' }),
  description: text(1000, '请说明丢失经过', 'Describe the loss'),
});
export const lossSchema = z.object({
  id: z.uuid(),
  rangeId: z.uuid(),
  kind: fiscalKind,
  series: z.string(),
  holder: person,
  fromNo: z.string(),
  toNo: z.string(),
  count: z.number().int(),
  lostOn: z.string(),
  reportedOn: z.string(),
  late: z.boolean(),
  description: z.string(),
  reportedBy: person,
  acknowledgedBy: person.nullable(),
  acknowledgedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const listLossesQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

// ---------------------------------------------------------------- hand-overs

export const handoverBody = z.object({
  rangeId: z.uuid({ error: '请选择号段 / Choose the range' }),
  /** null: back to stock. */
  toHolderId: z.uuid().nullable(),
  reason: z.enum(['transfer', 'leaving', 'other'], { error: '请选择交接原因 / Choose the reason' }),
  note: z.string().trim().max(500).nullish(),
  /** The names signed on the hand-over record (交接台账) by the one handing over and the one taking over. */
  fromSignature: text(50, '请交出人签字', 'The one handing over signs'),
  toSignature: text(50, '请接收人签字', 'The one taking over signs'),
});
export const handoverSchema = z.object({
  id: z.uuid(),
  rangeId: z.uuid(),
  kind: fiscalKind,
  series: z.string(),
  fromHolder: person,
  toHolder: person.nullable(),
  toRangeId: z.uuid().nullable(),
  fromNo: z.string().nullable(),
  toNo: z.string().nullable(),
  count: z.number().int(),
  reason: z.enum(['transfer', 'leaving', 'other']),
  note: z.string().nullable(),
  fromSignature: z.string(),
  toSignature: z.string(),
  recordedBy: person,
  createdAt: z.string(),
});
export const listHandoversQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  holderId: z.uuid().optional(),
});

// ---------------------------------------------------------------- count reports

export const countRowSchema = z.object({
  holderId: z.uuid(),
  holderName: z.string(),
  kind: fiscalKind,
  series: z.string(),
  /** Numbers issued to the holder in the month (from stock or by hand-over). */
  issued: z.number().int(),
  /** Numbers handed over to someone else (or back to stock) in the month. */
  handedOver: z.number().int(),
  used: z.number().int(),
  voided: z.number().int(),
  /** Voided as missing (check before use) or lost. */
  missing: z.number().int(),
  /** Held, not used or voided, at the end of the month (or when counted, if earlier). */
  remaining: z.number().int(),
});
export type CountRow = z.infer<typeof countRowSchema>;
export const countReportSchema = z.object({
  id: z.uuid(),
  month: z.string(),
  builtOn: z.string(),
  builtBy: person.nullable(),
  rows: z.array(countRowSchema),
  createdAt: z.string(),
});
export type CountReport = z.infer<typeof countReportSchema>;
export const listReportsQuery = z.object({ ...pagingQuery, order: z.enum(['asc', 'desc']).default('desc') });
export const newReportBody = z.object({ month });

export const holderSchema = z.object({ id: z.uuid(), name: z.string(), username: z.string() });
export type StockRequest = Omit<z.infer<typeof requestSchema>, 'warning'>;
export type Loss = z.infer<typeof lossSchema>;
export type Handover = z.infer<typeof handoverSchema>;

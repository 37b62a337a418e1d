import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

export const ADJUSTMENT_KINDS = [
  'readingError',
  'masterDataError',
  'meterFault',
  'auditFinding',
  'priceAdjustment',
  'other',
] as const;
export const adjustmentKind = z.enum(ADJUSTMENT_KINDS);
export const adjustmentStatus = z.enum(['pending', 'rejected', 'withdrawn', 'posted', 'archived']);
export const direction = z.enum(['credit', 'debit']);
export const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM / YYYY-MM' });
/** Money in yuan: more than 0, at most 2 decimals. */
const money = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, { error: '金额须为数字，最多两位小数 / An amount with at most 2 decimals' })
  .refine((v) => Number(v) > 0, { error: '金额须大于 0 / The amount must be above 0' });
const volume = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, { error: '气量须为数字，最多三位小数 / A volume with at most 3 decimals' })
  .refine((v) => Number(v) > 0, { error: '气量须大于 0 / The volume must be above 0' });
const reading = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, { error: '表码须为数字，最多三位小数 / A reading with at most 3 decimals' });
const price = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,4})?$/, { error: '单价须为数字，最多四位小数 / A price with at most 4 decimals' })
  .refine((v) => Number(v) > 0, { error: '单价须大于 0 / The price must be above 0' });

/** BIL-5: the 退补气量气费申请单 (000 §143 附件1). */
export const newAdjustmentBody = z.object({
  accountId: z.uuid({ error: '请选择用户 / Choose the account' }),
  kind: adjustmentKind,
  direction,
  /** 上次表码 / 本次表码, when the adjustment is about readings. */
  previousReading: reading.nullish(),
  currentReading: reading.nullish(),
  /** 退补量 (m³) and the price; or the amount alone. */
  volume: volume.nullish(),
  price: price.nullish(),
  amount: money.nullish(),
  periods: z.array(month).max(24).default([]),
  reason: z
    .string({ error: '请填写退补说明 / Give the reason' })
    .trim()
    .min(1, { error: '请填写退补说明 / Give the reason' })
    .max(500),
  evidence: z.string().trim().max(1000).nullish(),
});
export type NewAdjustment = z.infer<typeof newAdjustmentBody>;

export const adjustmentSchema = z.object({
  id: z.uuid(),
  adjustmentNo: z.string(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  customerKind: z.string(),
  address: z.string(),
  kind: adjustmentKind,
  direction,
  previousReading: z.string().nullable(),
  currentReading: z.string().nullable(),
  volume: z.string().nullable(),
  price: z.string().nullable(),
  amount: z.string(),
  /** The ledger amount: negative for a credit. */
  signedAmount: z.string(),
  periods: z.array(z.string()),
  reason: z.string(),
  evidence: z.string().nullable(),
  status: adjustmentStatus,
  approvalId: z.uuid().nullable(),
  approvalNo: z.string().nullable(),
  appliedBy: z.object({ id: z.uuid(), name: z.string() }),
  ledgerEntryId: z.uuid().nullable(),
  postedAt: z.string().nullable(),
  dueOn: z.string().nullable(),
  archiveNo: z.string().nullable(),
  archivedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  archivedAt: z.string().nullable(),
  meterFaultSummaryId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Adjustment = z.infer<typeof adjustmentSchema>;

export const listAdjustmentsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['createdAt', 'adjustmentNo', 'amount', 'postedAt']).default('createdAt'),
  kind: adjustmentKind.optional(),
  status: adjustmentStatus.optional(),
  direction: direction.optional(),
  accountId: z.uuid().optional(),
  /** Applied on or after / on or before (business dates). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Text in the adjustment number, account number, customer name or reason. */
  q: z.string().trim().max(50).optional(),
});
export type ListAdjustmentsQuery = z.infer<typeof listAdjustmentsQuery>;

export const archiveBody = z.object({
  /** The paper archive's number; generated (GD-YYYYMMDD-NNN) when not given. */
  archiveNo: z.string().trim().min(1).max(40).nullish(),
});

export const summarySchema = z.object({
  id: z.uuid(),
  month: z.string(),
  builtOn: z.string(),
  adjustments: z.number().int(),
  creditTotal: z.string(),
  debitTotal: z.string(),
  builtBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type MeterFaultSummary = z.infer<typeof summarySchema>;
export const summaryDetailSchema = summarySchema.extend({ items: z.array(adjustmentSchema) });

export const listSummariesQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const newSummaryBody = z.object({ month });

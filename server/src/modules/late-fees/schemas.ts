import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';
import { billLineSchema } from '../billing/schemas.js';
import { REASON_CODES } from './reasons.js';

const text = z.object({ zh: z.string(), en: z.string() });
const day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD / a date YYYY-MM-DD' });
const money = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, { error: '金额格式应为 0.00 / a decimal amount' })
  .refine((v) => Number(v) > 0, { error: '减免金额须大于 0 / the amount must be above 0' });

export const waiverCategory = z.enum(['waive', 'reduce']);
export const waiverStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);
export const waiverReason = z.enum(REASON_CODES, { error: '请选择减免原因 / choose a reason' });

export const newWaiverBody = z.object({
  accountId: z.uuid(),
  entryIds: z
    .array(z.uuid())
    .min(1, { error: '请选择要减免违约金的欠费 / choose the debts' })
    .max(120)
    .refine((ids) => new Set(ids).size === ids.length, { error: '欠费不能重复 / a debt is chosen twice' }),
  category: waiverCategory,
  reason: waiverReason,
  amount: money,
  note: z.string().trim().max(500, { error: '说明最多 500 字 / at most 500 characters' }).nullish(),
});

export const waiverSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  category: waiverCategory,
  categoryName: text,
  reason: z.string(),
  reasonName: text,
  note: z.string().nullable(),
  amount: z.string(),
  accrued: z.string(),
  status: waiverStatus,
  levels: z.number().int(),
  approvalId: z.uuid().nullable(),
  approvalNo: z.string().nullable(),
  currentStep: z.number().int().nullable(),
  currentStepLabel: z.string().nullable(),
  requestedBy: z.object({ id: z.uuid(), fullName: z.string() }),
  requestedOn: z.string(),
  requestedAt: z.string(),
  decidedOn: z.string().nullable(),
  debts: z.array(
    z.object({ entryId: z.uuid(), period: z.string().nullable(), dueOn: z.string().nullable(), amount: z.string() }),
  ),
});

/** The register's filters; its export (spreadsheets.ts) takes the same. */
export const listWaiversQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['requestedAt', 'amount', 'accountNo']).default('requestedAt'),
  status: waiverStatus.optional(),
  reason: waiverReason.optional(),
  category: waiverCategory.optional(),
  from: day.optional(),
  to: day.optional(),
  accountId: z.uuid().optional(),
  accountNo: z
    .string()
    .trim()
    .regex(/^[0-9]{1,18}$/, { error: '户号只含数字 / digits only' })
    .optional(),
});

export const reportQuery = z.object({
  month: z.string().regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM / a month YYYY-MM' }),
});

const counts = {
  approved: z.number().int(),
  approvedAmount: z.string(),
  rejected: z.number().int(),
  withdrawn: z.number().int(),
};
export const reportSchema = z.object({
  month: z.string(),
  requested: z.number().int(),
  requestedAmount: z.string(),
  ...counts,
  byReason: z.array(z.object({ reason: z.string(), reasonName: text, category: waiverCategory, ...counts })),
  byTier: z.array(z.object({ levels: z.number().int(), tierLabel: z.string(), ...counts })),
});

export const reasonsSchema = z.object({
  items: z.array(z.object({ code: z.string(), category: waiverCategory, zh: z.string(), en: z.string() })),
});

const debtSchema = z.object({
  entryId: z.uuid(),
  kind: z.string(),
  period: z.string().nullable(),
  dueOn: z.string(),
  open: z.string(),
  days: z.number().int(),
  accrued: z.string(),
  waived: z.string(),
  lateFee: z.string(),
  waivable: z.string(),
});

export const ledgerSchema = z.object({
  accountId: z.uuid(),
  accountNo: z.string(),
  customerKind: z.string(),
  today: z.string(),
  balance: z.string(),
  arrears: z.string(),
  lateFee: z.string(),
  lateFeeRate: z.string(),
  lateFeeWording: text,
  arrearsByPeriod: z.array(z.object({ period: z.string().nullable(), dueOn: z.string(), amount: z.string() })),
  debts: z.array(debtSchema),
  entries: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      period: z.string().nullable(),
      amount: z.string(),
      dueOn: z.string().nullable(),
      memo: z.string().nullable(),
      postedAt: z.string(),
      open: z.string().nullable(),
      days: z.number().int().nullable(),
      lateFee: z.string().nullable(),
    }),
  ),
  bills: z.array(
    z.object({
      id: z.uuid(),
      period: z.string(),
      kind: z.string(),
      usageNature: z.string(),
      fromDate: z.string(),
      readOn: z.string(),
      volume: z.string(),
      amount: z.string(),
      /** None when there is nothing to pay (zero use, a true-up credit). */
      dueOn: z.string().nullable(),
      lines: z.array(billLineSchema),
    }),
  ),
  waivers: z.array(waiverSchema),
});

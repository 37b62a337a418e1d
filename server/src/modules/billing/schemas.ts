import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

export const period = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, { error: '期间格式应为 YYYY-MM / YYYY-MM' });
const day = z.iso.date();
/** A price per m³: up to 4 decimals (元/立方米). */
const price = z.string().regex(/^\d{1,6}(\.\d{1,4})?$/, { error: '单价格式应为 0.0000 / a decimal price' });
const volume = z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, { error: '气量格式应为 0.000 / a decimal volume' });

export const newTariffBody = z
  .object({
    usageNature: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9_]{0,31}$/),
    name: z.string().trim().min(1).max(100),
    effectiveFrom: day,
    /** The last day in force (inclusive); none: open-ended. */
    effectiveTo: day.nullish(),
    /** A flat price per m³ … */
    price: price.nullish(),
    /** … or tiered annual volumes (阶梯): each tier's upper bound per household and year, the last unbounded. */
    tiers: z
      .array(z.object({ upTo: volume.nullish(), price }))
      .min(1)
      .max(9)
      .nullish(),
    /** A new price version: the active tariff of the nature it replaces, ended the day before on approval. */
    supersedes: z.uuid().nullish(),
    /** Why (the price notice, …): the approval request's reason. */
    reason: z.string().trim().max(500).nullish(),
  })
  .refine((b) => !b.effectiveTo || b.effectiveTo >= b.effectiveFrom, {
    path: ['effectiveTo'],
    error: '失效日期不能早于生效日期 / The end date cannot be before the start date',
  });
export type NewTariff = z.infer<typeof newTariffBody>;

export const tierSchema = z.object({
  tier: z.number().int(),
  from: z.string(),
  upTo: z.string().nullable(),
  price: z.string(),
});
export const tariffSchema = z.object({
  id: z.uuid(),
  usageNature: z.string(),
  usageNatureName: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  tiered: z.boolean(),
  tiers: z.array(tierSchema),
  /** pending: filed for approval (tariffChange), never billed; active: approved; rejected. */
  status: z.enum(['pending', 'active', 'rejected']),
  approvalId: z.uuid().nullable(),
  createdAt: z.date().or(z.string()),
});
export type Tariff = z.infer<typeof tariffSchema>;

export const listTariffsQuery = z.object({
  ...pagingQuery,
  usageNature: z.string().trim().max(32).optional(),
  /** Only the tariffs in force on this day. */
  on: day.optional(),
  status: z.enum(['pending', 'active', 'rejected']).optional(),
  /** usageNature: the natures in their catalogue order, each by start date. */
  sort: z.enum(['usageNature', 'effectiveFrom', 'status']).default('usageNature'),
});

/** BIL-1: ending a tariff on a day (through approval). */
export const endTariffBody = z.object({
  effectiveTo: day,
  reason: z.string().trim().min(1).max(500),
});
export const tariffChangeFiled = z.object({
  approvalId: z.uuid(),
  approvalNo: z.string(),
  status: z.string(),
});

export const newRunBody = z.object({
  period,
  /** Accounts per transaction. */
  chunkSize: z.number().int().min(100).max(200_000).optional(),
});

export const runSchema = z.object({
  id: z.uuid(),
  period: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  chunkSize: z.number().int(),
  accountsTotal: z.number().int().nullable(),
  accountsDone: z.number().int(),
  chunksDone: z.number().int(),
  billsCreated: z.number().int(),
  accountsWithoutTariff: z.number().int(),
  amountTotal: z.string(),
  error: z.string().nullable(),
  createdAt: z.date().or(z.string()),
  startedAt: z.date().or(z.string()).nullable(),
  finishedAt: z.date().or(z.string()).nullable(),
});
export type BillingRun = z.infer<typeof runSchema>;

/** BIL-2 / BIL-6: what a run of the period would find if started now (GET /api/billing/runs/preview). */
export const runPreviewQuery = z.object({ period });
const count = z.number().int();
export const runPreviewSchema = z.object({
  period: z.string(),
  /** The day counted at: the period's last day, or today while the period runs. */
  asOf: z.string(),
  /** Accounts with accepted readings of the period not billed yet: the run bills them. */
  readyAccounts: count,
  /** Accounts billed for the period already (a rerun skips them). */
  billedAccounts: count,
  /** Readings of the period waiting in the review queue (flagged), and their accounts: neither billed nor estimated. */
  reviewReadings: count,
  reviewAccounts: count,
  /** Accounts due to be read (a plan of the period) without any reading: the run estimates them (BIL-6). */
  estimateAccounts: count,
  /** Meters broken at the end of the period, billed on the average (MTR-5). */
  brokenMeters: count,
  /** Accounts the run would reach whose usage nature has no active tariff for every day of the period: skipped. */
  withoutTariffAccounts: count,
  withoutTariff: z.array(z.object({ usageNature: z.string(), accounts: count })),
  /** Reading plans of the period, those not uploaded yet, and the codes of (the first 20 of) their books. */
  plans: count,
  plansNotUploaded: count,
  booksNotUploaded: z.array(z.string()),
});
export type RunPreview = z.infer<typeof runPreviewSchema>;

export const listRunsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  period: period.optional(),
});

export const billLineSchema = z.object({
  /** BIL-6: `estimateCredit` — the volume and amount of the estimated bills of `periods` a true-up credits
   * (negative; no tariff, tier, dates or price). Absent: a tariff line. */
  kind: z.literal('estimateCredit').optional(),
  periods: z.array(z.string()).optional(),
  tariffId: z.string().optional(),
  tier: z.number().int().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  volume: z.string(),
  price: z.string().optional(),
  amount: z.string(),
});
export const billSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountNo: z.string(),
  period: z.string(),
  runId: z.uuid().nullable(),
  kind: z.string(),
  usageNature: z.string(),
  customerKind: z.string(),
  fromDate: z.string(),
  readOn: z.string(),
  meters: z.number().int(),
  volume: z.string(),
  yearVolumeBefore: z.string(),
  amount: z.string(),
  /** Null for a credit (BIL-6 true-up below the estimates). */
  dueOn: z.string().nullable(),
  lines: z.array(billLineSchema),
  createdAt: z.date().or(z.string()),
});
export type Bill = z.infer<typeof billSchema>;

export const listBillsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['period', 'accountNo', 'amount', 'volume', 'dueOn']).default('period'),
  accountId: z.uuid().optional(),
  period: period.optional(),
  runId: z.uuid().optional(),
});

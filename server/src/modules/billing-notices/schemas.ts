import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';
import { period } from '../billing/schemas.js';

export const noticeKinds = ['payment', 'area', 'ci'] as const;
export type NoticeKind = (typeof noticeKinds)[number];
export const papers = ['A4', 'receipt80'] as const;
export type NoticePaper = (typeof papers)[number];

/** Which bills a batch covers: a period and a notice kind, narrowed by book, area, reader or customer kind. */
export const batchFilters = z.object({
  period,
  kind: z.enum(noticeKinds),
  bookId: z.uuid().optional(),
  area: z.string().trim().min(1).max(200).optional(),
  readerId: z.uuid().optional(),
  customerKind: z.enum(['residential', 'commercial', 'institutional']).optional(),
});
export type BatchFilters = z.infer<typeof batchFilters>;

export const previewQuery = batchFilters.extend({ paper: z.enum(papers).default('A4') });

export const printQuery = batchFilters.extend({
  paper: z.enum(papers).default('A4'),
  format: z.enum(['html', 'pdf']).default('html'),
  /** The page opens the browser's print dialogue once loaded (HTML only). */
  autoprint: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Only the first notice, not recorded as a printed batch: the screen's preview. */
  preview: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const previewItem = z.object({
  billId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  address: z.string(),
  bookCode: z.string().nullable(),
  seq: z.number().int().nullable(),
  volume: z.string(),
  amount: z.string(),
  dueOn: z.string().nullable(),
});
export type PreviewItem = z.infer<typeof previewItem>;

export const previewSchema = z.object({
  kind: z.enum(noticeKinds),
  paper: z.enum(papers),
  code: z.string(),
  /** Notices the batch prints: one per bill, or one per book for the area notice. */
  notices: z.number().int(),
  bills: z.number().int(),
  amountTotal: z.string(),
  max: z.number().int(),
  maxPdf: z.number().int(),
  items: z.array(previewItem),
});

export const billNoticeQuery = z.object({
  paper: z.enum(papers).default('A4'),
  format: z.enum(['html', 'pdf']).default('html'),
});

export const batchSchema = z.object({
  id: z.uuid(),
  period: z.string(),
  kind: z.enum(noticeKinds),
  paper: z.enum(papers),
  format: z.enum(['html', 'pdf']),
  filters: z.record(z.string(), z.unknown()),
  notices: z.number().int(),
  bills: z.number().int(),
  amountTotal: z.string(),
  printedBy: z.uuid().nullable(),
  printedByName: z.string().nullable(),
  printedAt: z.date().or(z.string()),
});
export type PrintBatch = z.infer<typeof batchSchema>;

export const listBatchesQuery = z.object({ ...pagingQuery, period: period.optional() });

// ---- MTR-9 ----

export const ciUsageQuery = z.object({
  ...pagingQuery,
  period,
  usageNature: z.string().trim().max(32).optional(),
  /** Account number, customer name or meter serial. */
  q: z.string().trim().max(64).optional(),
});
export type CiUsageQuery = z.infer<typeof ciUsageQuery>;

export const ciUsageRow = z.object({
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  address: z.string(),
  usageNature: z.string(),
  usageNatureName: z.string(),
  meters: z.number().int(),
  meterSerials: z.string(),
  previousReading: z.string(),
  reading: z.string(),
  previousReadOn: z.string().nullable(),
  readOn: z.string(),
  volume: z.string(),
  amount: z.string().nullable(),
  /** The meters' designed flow (m³/h, MTR-4), ' / '-joined like the serials, '-' for a meter without one; null when none has one. */
  designFlow: z.string().nullable(),
  billed: z.boolean(),
});
export type CiUsageRow = z.infer<typeof ciUsageRow>;

export const ciUsageSchema = z.object({
  items: z.array(ciUsageRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totals: z.object({ accounts: z.number().int(), volume: z.string(), amount: z.string() }),
});

import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

export const periodSchema = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, { error: '期间须为 YYYY-MM / the period must be YYYY-MM' });
const ymd = z.iso.date();

export const customerKind = z.enum(['residential', 'commercial']);

export const newBookBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,32}$/, { error: '编号只能包含字母、数字和 - / letters, digits and - only' }),
  name: z.string().trim().min(1).max(100),
  area: z.string().trim().min(1).max(200),
  customerKind,
  readerId: z.uuid().nullish(),
  readDay: z.number().int().min(1).max(28).default(10),
  cycleOffset: z.number().int().min(0).max(11).default(0),
});
export type NewBook = z.infer<typeof newBookBody>;

export const updateBookBody = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(100).optional(),
  area: z.string().trim().min(1).max(200).optional(),
  readerId: z.uuid().nullish(),
  readDay: z.number().int().min(1).max(28).optional(),
  cycleOffset: z.number().int().min(0).max(11).optional(),
  active: z.boolean().optional(),
});
export type BookUpdate = z.infer<typeof updateBookBody>;

export const bookAccountsBody = z.object({
  version: z.number().int().min(1),
  /** The whole walking order: replaces the book's accounts. */
  accounts: z
    .array(
      z.object({
        accountNo: z
          .string()
          .trim()
          .regex(/^[0-9]{6,18}$/),
        seq: z.number().int().min(1).max(100000),
      }),
    )
    .max(5000),
});
export type BookAccounts = z.infer<typeof bookAccountsBody>;

export const bookSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  area: z.string(),
  customerKind,
  readerId: z.uuid().nullable(),
  readerName: z.string().nullable(),
  readDay: z.number().int(),
  cycleOffset: z.number().int(),
  active: z.boolean(),
  accounts: z.number().int(),
  version: z.number().int(),
});

export const listBooksQuery = z.object({
  ...pagingQuery,
  sort: z.enum(['code', 'name', 'area']).default('code'),
  customerKind: customerKind.optional(),
  readerId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
});
export type BookListQuery = z.infer<typeof listBooksQuery>;

export const newPlanBody = z.object({
  bookId: z.uuid(),
  period: periodSchema,
  plannedOn: ymd.nullish(),
  readerId: z.uuid().nullish(),
});
export type NewPlan = z.infer<typeof newPlanBody>;

export const generatePlansBody = z.object({ period: periodSchema });

export const updatePlanBody = z.object({
  version: z.number().int().min(1),
  plannedOn: ymd.optional(),
  readerId: z.uuid().nullish(),
  /** MTR-1: the written request's reason; the change is applied on the manager's approval. */
  reason: z.string().trim().min(1).max(500),
});
export type PlanUpdate = z.infer<typeof updatePlanBody>;

export const planSchema = z.object({
  id: z.uuid(),
  bookId: z.uuid(),
  bookCode: z.string(),
  bookName: z.string(),
  period: z.string(),
  plannedOn: z.string(),
  readerId: z.uuid().nullable(),
  readerName: z.string().nullable(),
  status: z.enum(['planned', 'downloaded', 'uploaded']),
  version: z.number().int(),
});

export const listPlansQuery = z.object({
  ...pagingQuery,
  period: periodSchema.optional(),
  bookId: z.uuid().optional(),
  readerId: z.uuid().optional(),
  status: z.enum(['planned', 'downloaded', 'uploaded']).optional(),
});
export type PlanListQuery = z.infer<typeof listPlansQuery>;

export const sheetQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

export const sheetRowSchema = z.object({
  seq: z.number().int(),
  period: z.string(),
  accountNo: z.string(),
  address: z.string(),
  meterSerial: z.string().nullable(),
  lastReading: z.string().nullable(),
  lastReadOn: z.string().nullable(),
});

export const readingInput = z.object({
  period: z.string().max(10),
  accountNo: z.string().max(20),
  meterSerial: z.string().max(40),
  reading: z.union([z.string().max(20), z.number()]),
  readOn: z.string().max(12),
});

export const uploadBody = z.object({
  source: z.enum(['handheld', 'api']).default('api'),
  readings: z.array(readingInput).min(1).max(200_000),
});

export const importSummarySchema = z.object({
  received: z.number().int(),
  inserted: z.number().int(),
  unchanged: z.number().int(),
  accepted: z.number().int(),
  flagged: z.number().int(),
  superseded: z.number().int(),
});

export const readingStatus = z.enum(['pending', 'flagged', 'accepted', 'reread', 'superseded']);

export const readingSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountNo: z.string(),
  address: z.string(),
  meterId: z.uuid(),
  meterSerial: z.string(),
  bookId: z.uuid().nullable(),
  period: z.string(),
  readOn: z.string(),
  reading: z.string(),
  previousReading: z.string(),
  previousReadOn: z.string().nullable(),
  volume: z.string(),
  kind: z.enum(['actual', 'estimated', 'corrected']),
  status: readingStatus,
  flags: z.array(z.string()),
  comparison: z.record(z.string(), z.unknown()).nullable(),
  source: z.string(),
  reason: z.string().nullable(),
  replacesId: z.uuid().nullable(),
  createdAt: z.string(),
});

export const listReadingsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['period', 'accountNo', 'readOn', 'volume']).default('period'),
  period: periodSchema.optional(),
  bookId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  status: readingStatus.optional(),
  flag: z.string().max(32).optional(),
});
export type ReadingListQuery = z.infer<typeof listReadingsQuery>;

export const reviewQuery = listReadingsQuery.omit({ status: true });

export const correctBody = z.object({
  reading: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,3})?$/, { error: '读数须为不小于 0 的数字 / a number ≥ 0' }),
  readOn: ymd.optional(),
  reason: z.string().trim().max(500),
});

export const rereadBody = z.object({ reason: z.string().trim().max(500).optional() });

export const idParams = z.object({ id: z.uuid() });

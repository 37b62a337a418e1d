import type { ApprovalRequest } from './approvals';
import { http } from './client';
import { saveResponse, sendRaw } from './spreadsheets';
import type { Page, PageParams } from './types';

/** MTR-1..5: reading books, plans, uploads and the review queue. */
export const readingsKey = ['readings'] as const;
export const booksKey = [...readingsKey, 'books'] as const;
export const plansKey = [...readingsKey, 'plans'] as const;
export const reviewKey = [...readingsKey, 'review'] as const;

export type CustomerKind = 'residential' | 'commercial';

export interface ReadingBook {
  id: string;
  code: string;
  name: string;
  area: string;
  customerKind: CustomerKind;
  readerId: string | null;
  readerName: string | null;
  readDay: number;
  cycleOffset: number;
  active: boolean;
  /** How many accounts the book walks. */
  accounts: number;
  version: number;
}

export interface BookMember {
  accountNo: string;
  seq: number;
}

export interface ReadingBookDetail extends ReadingBook {
  members: BookMember[];
}

export interface BookInput {
  code: string;
  name: string;
  area: string;
  customerKind: CustomerKind;
  readerId?: string | null;
  readDay?: number;
  cycleOffset?: number;
}

export interface BookUpdate {
  version: number;
  name?: string;
  area?: string;
  readerId?: string | null;
  readDay?: number;
  cycleOffset?: number;
  active?: boolean;
}

export type BookSort = 'code' | 'name' | 'area';

export interface BookListParams extends PageParams {
  sort?: BookSort;
  customerKind?: CustomerKind;
  readerId?: string;
  q?: string;
}

export type PlanStatus = 'planned' | 'downloaded' | 'uploaded';

export interface ReadingPlan {
  id: string;
  bookId: string;
  bookCode: string;
  bookName: string;
  period: string;
  plannedOn: string;
  readerId: string | null;
  readerName: string | null;
  status: PlanStatus;
  version: number;
}

export interface PlanListParams extends PageParams {
  period?: string;
  bookId?: string;
  readerId?: string;
  status?: PlanStatus;
}

export interface PlanChange {
  version: number;
  plannedOn?: string;
  readerId?: string | null;
  reason: string;
}

export interface ImportSummary {
  received: number;
  inserted: number;
  unchanged: number;
  accepted: number;
  flagged: number;
  superseded: number;
  /** File uploads only: rows with neither reading nor date. */
  notRead?: number;
}

/** One problem of a refused upload (422 REJECTED_ROWS, details.rows). */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

export const REJECTED_ROWS = 'REJECTED_ROWS';

export type ReadingStatus = 'pending' | 'flagged' | 'accepted' | 'reread' | 'superseded';
export const READING_FLAGS = [
  'zeroUse',
  'reversal',
  'rollover',
  'high',
  'low',
  'meterChange',
  'belowDesignedFlow',
] as const;

export interface ReadingComparison {
  lastVolume?: string | null;
  lastYearVolume?: string | null;
  averageVolume?: string | null;
  averagePeriods?: number | null;
  oldMeterVolume?: string | null;
}

export interface Reading {
  id: string;
  accountId: string;
  accountNo: string;
  address: string;
  meterId: string;
  meterSerial: string;
  bookId: string | null;
  period: string;
  readOn: string;
  reading: string;
  previousReading: string;
  previousReadOn: string | null;
  volume: string;
  kind: 'actual' | 'estimated' | 'corrected';
  status: ReadingStatus;
  flags: string[];
  comparison: ReadingComparison | null;
  source: string;
  reason: string | null;
  replacesId: string | null;
  createdAt: string;
}

export type ReadingSort = 'period' | 'accountNo' | 'readOn' | 'volume';

export interface ReviewParams extends PageParams {
  sort?: ReadingSort;
  period?: string;
  bookId?: string;
  accountId?: string;
  flag?: string;
}

// ---- books ----
export const listBooks = (params: BookListParams) => http.get<Page<ReadingBook>>('/api/reading-books', { ...params });
export const getBook = (id: string) => http.get<ReadingBookDetail>(`/api/reading-books/${id}`);
export const createBook = (body: BookInput) => http.post<ReadingBook>('/api/reading-books', body);
export const updateBook = (id: string, body: BookUpdate) => http.patch<ReadingBook>(`/api/reading-books/${id}`, body);
export const setBookAccounts = (id: string, body: { version: number; accounts: BookMember[] }) =>
  http.put<ReadingBookDetail>(`/api/reading-books/${id}/accounts`, body);

// ---- plans ----
export const listPlans = (params: PlanListParams) => http.get<Page<ReadingPlan>>('/api/reading-plans', { ...params });
export const generatePlans = (period: string) =>
  http.post<{ period: string; created: number }>('/api/reading-plans/generate', { period });
/** MTR-1: files the approval; the change is applied when it is approved. */
export const requestPlanChange = (id: string, body: PlanChange) =>
  http.patch<ApprovalRequest>(`/api/reading-plans/${id}`, body);
export async function downloadSheet(plan: ReadingPlan, format: 'csv' | 'xlsx'): Promise<void> {
  const res = await sendRaw(`/api/reading-plans/${plan.id}/sheet/file`, { query: { format } });
  await saveResponse(res, `reading-book-${plan.bookCode}-${plan.period}.${format}`);
}

// ---- upload ----
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export async function uploadReadingsFile(file: File): Promise<ImportSummary> {
  const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
  const res = await sendRaw('/api/readings/upload-file', {
    method: 'POST',
    body: file,
    headers: { Accept: 'application/json', 'Content-Type': csv ? 'text/csv' : XLSX },
  });
  return (await res.json()) as ImportSummary;
}

// ---- review ----
export const listReview = (params: ReviewParams) => http.get<Page<Reading>>('/api/readings/review', { ...params });
export const acceptReading = (id: string) => http.post<Reading>(`/api/readings/${id}/accept`);
export const correctReading = (id: string, body: { reading: string; readOn?: string; reason: string }) =>
  http.post<Reading>(`/api/readings/${id}/correct`, body);
export const orderReread = (id: string, reason?: string) =>
  http.post<Reading>(`/api/readings/${id}/reread`, { reason });

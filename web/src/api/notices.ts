import { http, type QueryParams } from './client';
import { saveResponse, sendRaw } from './spreadsheets';
import type { Page, PageParams } from './types';

export const noticesKey = ['billing', 'notices'] as const;
export const ciUsageKey = ['billing', 'ci-usage'] as const;

/** MTR-8: 燃气缴费通知单 (indoor meters), 天然气抄表告知单 (outdoor meters, per book), 工商客户抄表通知单. */
export type NoticeKind = 'payment' | 'area' | 'ci';
export type NoticePaper = 'A4' | 'receipt80';

export interface NoticeFilters {
  period: string;
  kind: NoticeKind;
  bookId?: string;
  area?: string;
  readerId?: string;
  customerKind?: 'residential' | 'commercial' | 'institutional';
}

export interface NoticePreviewItem {
  billId: string;
  accountNo: string;
  customerName: string;
  address: string;
  bookCode: string | null;
  seq: number | null;
  volume: string;
  amount: string;
  /** None when there is nothing to pay (zero use, a true-up credit). */
  dueOn: string | null;
}

export interface NoticePreview {
  kind: NoticeKind;
  paper: NoticePaper;
  code: string;
  /** One per bill, or one per book for the area notice. */
  notices: number;
  bills: number;
  amountTotal: string;
  /** Bills one printed batch may hold (HTML), and a PDF. */
  max: number;
  maxPdf: number;
  items: NoticePreviewItem[];
}

export interface PrintBatch {
  id: string;
  period: string;
  kind: NoticeKind;
  paper: NoticePaper;
  format: 'html' | 'pdf';
  filters: Record<string, unknown>;
  notices: number;
  bills: number;
  amountTotal: string;
  printedBy: string | null;
  printedByName: string | null;
  printedAt: string;
}

const query = (f: NoticeFilters, extra: QueryParams = {}): QueryParams => ({ ...f, ...extra });
const queryString = (q: QueryParams) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return params.toString();
};

export const previewNotices = (f: NoticeFilters, paper: NoticePaper) =>
  http.get<NoticePreview>('/api/billing/notices', query(f, { paper }));

/** The batch as a page the browser prints (the print dialogue opens once it has loaded). */
export const noticeBatchUrl = (f: NoticeFilters, paper: NoticePaper, opts: { preview?: boolean } = {}) =>
  `/api/billing/notices/print?${queryString(
    query(f, { paper, format: 'html', ...(opts.preview ? { preview: 'true' } : { autoprint: 'true' }) }),
  )}`;

export async function downloadNoticeBatchPdf(f: NoticeFilters, paper: NoticePaper): Promise<void> {
  const res = await sendRaw('/api/billing/notices/print', {
    query: query(f, { paper, format: 'pdf' }),
    headers: { Accept: 'application/pdf' },
  });
  await saveResponse(res, `notices-${f.period}-${f.kind}.pdf`);
}

export const billNoticeUrl = (billId: string, paper: NoticePaper = 'A4') =>
  `/api/billing/bills/${encodeURIComponent(billId)}/notice?paper=${paper}`;

export const listNoticeBatches = (params: PageParams & { period?: string }) =>
  http.get<Page<PrintBatch>>('/api/billing/notice-batches', { ...params });

// ---- MTR-9 ----

export interface CiUsageRow {
  accountId: string;
  accountNo: string;
  customerName: string;
  address: string;
  usageNature: string;
  usageNatureName: string;
  meters: number;
  meterSerials: string;
  previousReading: string;
  reading: string;
  previousReadOn: string | null;
  readOn: string;
  volume: string;
  amount: string | null;
  designFlow: string | null;
  billed: boolean;
}

export interface CiUsageParams extends PageParams {
  period: string;
  usageNature?: string;
  q?: string;
}

export interface CiUsagePage extends Page<CiUsageRow> {
  totals: { accounts: number; volume: string; amount: string };
}

export const ciUsageReport = (params: CiUsageParams) =>
  http.get<CiUsagePage>('/api/billing/reports/ci-usage', { ...params });

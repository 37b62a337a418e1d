import { downloadFile } from './approvals';
import { http } from './client';
import type { Page, PageParams } from './types';

/** PAY-5 receipt books and invoice stock (票据): requests, batches, ranges, numbers, losses, hand-overs, counts. */
export const fiscalStockKey = ['fiscal-stock'] as const;
const base = '/api/fiscal-stock';

export const FISCAL_KINDS = ['receipt', 'invoiceGeneral', 'invoiceSpecial'] as const;
export type FiscalKind = (typeof FISCAL_KINDS)[number];
export type RangeStatus = 'issued' | 'open' | 'closed';
export type VoidCause = 'error' | 'damaged' | 'missing' | 'lost' | 'other';
export type HandoverReason = 'transfer' | 'leaving' | 'other';

export interface UserRef {
  id: string;
  name: string;
}
export interface Holder {
  id: string;
  name: string;
  username: string;
}

export interface StockRequest {
  id: string;
  kind: FiscalKind;
  quantity: number;
  neededBy: string;
  requestedOn: string;
  late: boolean;
  note: string | null;
  status: 'open' | 'done';
  requestedBy: UserRef;
  createdAt: string;
  warning?: string | null;
}
export interface StockRequestInput {
  kind: FiscalKind;
  quantity: number;
  neededBy: string;
  note?: string;
}

export interface Batch {
  id: string;
  kind: FiscalKind;
  series: string;
  fromNo: string;
  toNo: string;
  count: number;
  parts: number;
  inStock: number;
  receivedOn: string;
  receivedBy: UserRef;
  requestId: string | null;
  note: string | null;
  createdAt: string;
}
export interface BatchInput {
  kind: FiscalKind;
  series: string;
  fromNo: string;
  toNo: string;
  parts?: number;
  receivedOn?: string;
  requestId?: string;
  note?: string;
}

export interface Range {
  id: string;
  batchId: string;
  kind: FiscalKind;
  series: string;
  holder: UserRef;
  fromNo: string;
  toNo: string;
  endNo: string | null;
  count: number;
  used: number;
  voided: number;
  remaining: number;
  nextNo: string | null;
  status: RangeStatus;
  issuedOn: string;
  issuedBy: UserRef;
  handoverId: string | null;
  checkedAt: string | null;
  checkedCount: number | null;
  checkNote: string | null;
  closedAt: string | null;
  createdAt: string;
}
export interface FiscalNumber {
  id: string;
  rangeId: string;
  kind: FiscalKind;
  series: string;
  number: string;
  status: 'used' | 'voided';
  cause: VoidCause | null;
  reason: string | null;
  parts: number | null;
  reference: string | null;
  by: UserRef | null;
  at: string;
}
export interface Loss {
  id: string;
  rangeId: string;
  kind: FiscalKind;
  series: string;
  holder: UserRef;
  fromNo: string;
  toNo: string;
  count: number;
  lostOn: string;
  reportedOn: string;
  late: boolean;
  description: string;
  reportedBy: UserRef;
  acknowledgedBy: UserRef | null;
  acknowledgedAt: string | null;
  createdAt: string;
}
export interface Handover {
  id: string;
  rangeId: string;
  kind: FiscalKind;
  series: string;
  fromHolder: UserRef;
  toHolder: UserRef | null;
  toRangeId: string | null;
  fromNo: string | null;
  toNo: string | null;
  count: number;
  reason: HandoverReason;
  note: string | null;
  fromSignature: string;
  toSignature: string;
  recordedBy: UserRef;
  createdAt: string;
}
export interface CountRow {
  holderId: string;
  holderName: string;
  kind: FiscalKind;
  series: string;
  issued: number;
  handedOver: number;
  used: number;
  voided: number;
  missing: number;
  remaining: number;
}
export interface CountReport {
  id: string;
  month: string;
  builtOn: string;
  builtBy: UserRef | null;
  rows: CountRow[];
  createdAt: string;
}

export type RangeParams = PageParams & { holderId?: string; batchId?: string; kind?: FiscalKind; status?: RangeStatus };

export const listHolders = () => http.get<{ items: Holder[] }>(`${base}/holders`);
export const listRequests = (p: PageParams & { status?: 'open' | 'done'; kind?: FiscalKind }) =>
  http.get<Page<StockRequest>>(`${base}/requests`, { ...p });
export const fileRequest = (input: StockRequestInput) => http.post<StockRequest>(`${base}/requests`, input);

export const listBatches = (p: PageParams & { kind?: FiscalKind; series?: string }) =>
  http.get<Page<Batch>>(`${base}/batches`, { ...p });
export const getBatch = (id: string) =>
  http.get<Batch & { ranges: Range[] }>(`${base}/batches/${encodeURIComponent(id)}`);
export const receiveBatch = (input: BatchInput) => http.post<Batch>(`${base}/batches`, input);

export const listRanges = (p: RangeParams) => http.get<Page<Range>>(`${base}/ranges`, { ...p });
export const listMyRanges = (p: Omit<RangeParams, 'holderId'>) =>
  http.get<Page<Range>>(`${base}/ranges/mine`, { ...p });
export const issueRange = (input: { batchId: string; holderId: string; fromNo: string; toNo: string }) =>
  http.post<Range>(`${base}/ranges`, input);
export const checkRange = (id: string, input: { count: number; missing: string[]; note?: string }) =>
  http.post<Range>(`${base}/ranges/${encodeURIComponent(id)}/check`, input);
export const nextNumber = (kind?: FiscalKind) =>
  http.get<{ next: { kind: FiscalKind; series: string; number: string; rangeId: string } | null }>(
    `${base}/next-number`,
    { kind },
  );

export const listNumbers = (
  p: PageParams & { rangeId?: string; status?: 'used' | 'voided'; kind?: FiscalKind; series?: string },
) => http.get<Page<FiscalNumber>>(`${base}/numbers`, { ...p });
export const voidNumber = (input: {
  kind: FiscalKind;
  series: string;
  number: string;
  cause?: 'error' | 'damaged' | 'other';
  reason: string;
}) => http.post<FiscalNumber>(`${base}/numbers/void`, input);

export const listLosses = (p: PageParams & { open?: boolean }) =>
  http.get<Page<Loss>>(`${base}/losses`, { ...p, open: p.open === undefined ? undefined : String(p.open) });
export const reportLoss = (input: {
  rangeId: string;
  fromNo: string;
  toNo: string;
  lostOn: string;
  description: string;
}) => http.post<Loss>(`${base}/losses`, input);
export const acknowledgeLoss = (id: string) => http.post<Loss>(`${base}/losses/${encodeURIComponent(id)}/acknowledge`);

export const listHandovers = (p: PageParams & { holderId?: string }) =>
  http.get<Page<Handover>>(`${base}/handovers`, { ...p });
export const handOver = (input: {
  rangeId: string;
  toHolderId: string | null;
  reason: HandoverReason;
  note?: string;
  fromSignature: string;
  toSignature: string;
}) => http.post<Handover>(`${base}/handovers`, input);

export const listCountReports = (p: PageParams) => http.get<Page<CountReport>>(`${base}/count-reports`, { ...p });
export const buildCountReport = (month: string) => http.post<CountReport>(`${base}/count-reports`, { month });
export const downloadCountReport = (r: Pick<CountReport, 'id' | 'month'>) =>
  downloadFile(`${base}/count-reports/${encodeURIComponent(r.id)}/file`, `stock-count-${r.month}.xlsx`);

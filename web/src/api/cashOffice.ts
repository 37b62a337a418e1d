import { downloadFile } from './approvals';
import { http, request } from './client';
import type { NewPayment, Payment } from './payments';
import type { Page, PageParams } from './types';

/** PAY-2 日清日结 (shifts, closes, review, centre daily report), PAY-3 the safe, PAY-4 collectors' hand-overs. */
export const cashOfficeKey = ['cash-office'] as const;
const base = '/api/cash-office';

export const DENOMINATIONS = ['100', '50', '20', '10', '5', '1', '0.5', '0.1'] as const;
export type Denomination = (typeof DENOMINATIONS)[number];
export const CLOSE_METHODS = ['cash', 'pos', 'wechat', 'alipay', 'bankTransfer', 'voucher'] as const;
export const OTHER_METHODS = ['wechat', 'alipay', 'bankTransfer', 'voucher'] as const;
export type CloseMethod = (typeof CLOSE_METHODS)[number];
export type OtherMethod = (typeof OTHER_METHODS)[number];
export type ShiftStatus = 'open' | 'submitted' | 'returned' | 'signed';

export interface UserRef {
  id: string;
  name: string;
}
export interface CloseLine {
  method: string;
  expected: string;
  counted: string;
  variance: string;
  explanation: string | null;
}
export interface ShiftRow {
  id: string;
  cashier: UserRef;
  orgUnitName: string | null;
  businessDate: string;
  float: string;
  openedAt: string;
  closedAt: string | null;
  status: ShiftStatus;
  countedCash: string | null;
  posTotal: string | null;
  posCount: number | null;
  denominations: Record<string, number> | null;
  otherTotals: Record<string, string> | null;
  lines: CloseLine[] | null;
  varianceTotal: string | null;
  submittedAt: string | null;
  submitCount: number;
  returnReason: string | null;
  reviewedBy: UserRef | null;
  reviewedAt: string | null;
}
export interface Posting {
  id: string;
  no: string;
  accountNo: string;
  customerName: string;
  amount: string;
  tenders: { method: string; amount: string }[];
  status: 'posted' | 'reversed';
  channel: string;
  receivedAt: string;
}
export interface Safe {
  cash: string;
  floats: string;
  takings: string;
  deposited: string;
  limit: string;
  over: boolean;
  warning: string | null;
}
export interface ShiftDetail extends ShiftRow {
  summary: {
    byMethod: { method: string; count: number; amount: string }[];
    postingCount: number;
    postedAmount: string;
    reversedCount: number;
    reversedAmount: string;
    handoversReceived: string;
    /** PAY-2: deposits received / paid back at the desk in the shift, by tender method. */
    depositsReceived: { method: string; count: number; amount: string }[];
    depositsRefunded: { method: string; count: number; amount: string }[];
    expected: Record<string, string>;
    drawerCash: string;
  };
  postings: Posting[];
  warnings: string[];
  safe: Safe | null;
}
export interface MyShifts {
  current: ShiftDetail | null;
  returned: ShiftRow[];
  recent: ShiftRow[];
}
export interface CloseInput {
  cash: Record<Denomination, number>;
  posTotal: string;
  posCount: number;
  other: Record<OtherMethod, string>;
  explanations: Partial<Record<CloseMethod, string>>;
}
export interface ShiftListParams extends PageParams {
  status?: ShiftStatus;
  cashierId?: string;
  from?: string;
  to?: string;
}
export interface CentreReport {
  date: string;
  orgUnitId: string | null;
  totals: {
    byMethod: Record<string, string>;
    total: string;
    count: number;
    reversedCount: number;
    reversedAmount: string;
    depositsReceived: Record<string, string>;
    depositsRefunded: Record<string, string>;
  };
  cashiers: {
    cashier: UserRef;
    orgUnitName: string | null;
    byMethod: Record<string, string>;
    total: string;
    count: number;
    collector: string;
    reversedCount: number;
    depositsReceived: Record<string, string>;
    depositsRefunded: Record<string, string>;
    shifts: { id: string; status: ShiftStatus; countedCash: string | null; varianceTotal: string | null }[];
  }[];
  closes: Record<ShiftStatus, number>;
  varianceTotal: string;
  deposits: string;
  safe: Safe;
}
export interface Deposit {
  id: string;
  depositedOn: string;
  amount: string;
  slipNo: string;
  note: string | null;
  recordedBy: UserRef;
  createdAt: string;
}
export interface Handover {
  id: string;
  collector: UserRef;
  receiver: UserRef;
  expected: string;
  handed: string;
  received: string | null;
  variance: string | null;
  explanation: string | null;
  note: string | null;
  status: 'pending' | 'confirmed';
  shiftId: string | null;
  paymentCount: number;
  createdAt: string;
  confirmedAt: string | null;
}

export const myShifts = () => http.get<MyShifts>(`${base}/shifts/mine`);
export const openShift = (float?: string) => http.post<ShiftDetail>(`${base}/shifts`, float ? { float } : {});
export const getShift = (id: string) => http.get<ShiftDetail>(`${base}/shifts/${encodeURIComponent(id)}`);
export const listShifts = (params: ShiftListParams) => http.get<Page<ShiftRow>>(`${base}/shifts`, { ...params });
export const closeShift = (id: string, body: CloseInput) =>
  http.post<ShiftDetail>(`${base}/shifts/${encodeURIComponent(id)}/close`, body);
export const signOffClose = (id: string, note?: string) =>
  http.post<ShiftDetail>(`${base}/shifts/${encodeURIComponent(id)}/sign-off`, note ? { note } : {});
export const returnClose = (id: string, reason: string) =>
  http.post<ShiftDetail>(`${base}/shifts/${encodeURIComponent(id)}/return`, { reason });
export const cashierReportUrl = (id: string, format: 'html' | 'pdf' = 'html') =>
  `${base}/shifts/${encodeURIComponent(id)}/report?format=${format}`;

export const getCentreReport = (date: string, orgUnitId?: string) =>
  http.get<CentreReport>(`${base}/daily-report`, { date, orgUnitId });
export const downloadCentreReport = (date: string, orgUnitId?: string) =>
  downloadFile(`${base}/daily-report/file`, `centre-daily-report-${date}.xlsx`, { date, orgUnitId });
export const centreReportPrintUrl = (date: string, orgUnitId?: string) =>
  `${base}/daily-report/print?format=html&date=${encodeURIComponent(date)}${orgUnitId ? `&orgUnitId=${encodeURIComponent(orgUnitId)}` : ''}`;
export const getSafe = () => http.get<Safe>(`${base}/safe`);
export const listDeposits = (params: PageParams & { from?: string; to?: string }) =>
  http.get<Page<Deposit>>(`${base}/deposits`, { ...params });
export const recordDeposit = (body: { amount: string; slipNo: string; depositedOn?: string; note?: string }) =>
  http.post<Deposit & { safe: Safe }>(`${base}/deposits`, body);

export const listCashiers = () =>
  http.get<{ items: { id: string; name: string; username: string }[] }>(`${base}/cashiers`);
export const collectAtDoor = (body: NewPayment, idempotencyKey: string) =>
  request<Payment>('POST', `${base}/collector/payments`, { body, headers: { 'Idempotency-Key': idempotencyKey } });
export const pendingCollections = () =>
  http.get<{ items: (Posting & { cash: string })[]; cashTotal: string }>(`${base}/collector/pending`);
export const listHandovers = (params: PageParams & { status?: 'pending' | 'confirmed' }) =>
  http.get<Page<Handover>>(`${base}/handovers`, { ...params });
export const handOver = (body: { receiverId: string; handed: string; paymentIds?: string[]; note?: string }) =>
  http.post<Handover>(`${base}/handovers`, body);
export const confirmHandover = (id: string, body: { received: string; explanation?: string }) =>
  http.post<Handover>(`${base}/handovers/${encodeURIComponent(id)}/confirm`, body);

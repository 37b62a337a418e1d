import { type Bilingual, downloadFile } from './approvals';
import type { BillLine } from './billing';
import { http } from './client';
import type { Page, PageParams } from './types';

/** BIL-3 / BIL-4: late fees (computed to today) and their waivers. */
export const lateFeesKey = ['late-fees'] as const;
export const ledgerKey = (accountId: string) => [...lateFeesKey, 'ledger', accountId] as const;

export type WaiverCategory = 'waive' | 'reduce';
export type WaiverStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface DebtLateFee {
  entryId: string;
  kind: string;
  period: string | null;
  dueOn: string;
  open: string;
  days: number;
  accrued: string;
  waived: string;
  lateFee: string;
  /** What a new waiver may still take off (accrued less approved and pending waivers). */
  waivable: string;
}

export interface LedgerEntry {
  id: string;
  kind: string;
  period: string | null;
  amount: string;
  dueOn: string | null;
  memo: string | null;
  postedAt: string;
  open: string | null;
  days: number | null;
  lateFee: string | null;
}

export interface LedgerBill {
  id: string;
  period: string;
  kind: string;
  usageNature: string;
  fromDate: string;
  readOn: string;
  volume: string;
  amount: string;
  /** None when there is nothing to pay (zero use, a true-up credit). */
  dueOn: string | null;
  lines: BillLine[];
}

export interface Waiver {
  id: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  category: WaiverCategory;
  categoryName: Bilingual;
  reason: string;
  reasonName: Bilingual;
  note: string | null;
  amount: string;
  accrued: string;
  status: WaiverStatus;
  levels: number;
  approvalId: string | null;
  approvalNo: string | null;
  currentStep: number | null;
  currentStepLabel: string | null;
  requestedBy: { id: string; fullName: string };
  requestedOn: string;
  requestedAt: string;
  decidedOn: string | null;
  debts: { entryId: string; period: string | null; dueOn: string | null; amount: string }[];
}

export interface AccountLedger {
  accountId: string;
  accountNo: string;
  customerKind: string;
  today: string;
  balance: string;
  arrears: string;
  lateFee: string;
  lateFeeRate: string;
  lateFeeWording: Bilingual;
  arrearsByPeriod: { period: string | null; dueOn: string; amount: string }[];
  debts: DebtLateFee[];
  entries: LedgerEntry[];
  bills: LedgerBill[];
  waivers: Waiver[];
}

export interface WaiverReason {
  code: string;
  category: WaiverCategory;
  zh: string;
  en: string;
}

export interface WaiverInput {
  accountId: string;
  entryIds: string[];
  category: WaiverCategory;
  reason: string;
  amount: string;
  note?: string | null;
}

export type WaiverSort = 'requestedAt' | 'amount' | 'accountNo';

export interface WaiverFilters {
  status?: WaiverStatus;
  reason?: string;
  category?: WaiverCategory;
  from?: string;
  to?: string;
  accountId?: string;
  accountNo?: string;
}

export interface WaiverListParams extends PageParams, WaiverFilters {
  sort?: WaiverSort;
}

interface Counts {
  approved: number;
  approvedAmount: string;
  rejected: number;
  withdrawn: number;
}

export interface WaiverReport extends Counts {
  month: string;
  requested: number;
  requestedAmount: string;
  byReason: (Counts & { reason: string; reasonName: Bilingual; category: WaiverCategory })[];
  byTier: (Counts & { levels: number; tierLabel: string })[];
}

export const getLedger = (accountId: string) => http.get<AccountLedger>(`/api/accounts/${accountId}/ledger`);
export const listWaiverReasons = () => http.get<{ items: WaiverReason[] }>('/api/late-fee-waivers/reasons');
export const requestWaiver = (body: WaiverInput) => http.post<Waiver>('/api/late-fee-waivers', body);
export const listWaivers = (params: WaiverListParams) =>
  http.get<Page<Waiver> & { totalAmount: string }>('/api/late-fee-waivers', { ...params });
export const getWaiverReport = (month: string) => http.get<WaiverReport>('/api/late-fee-waivers/report', { month });
export const downloadWaiverReport = (month: string) =>
  downloadFile('/api/late-fee-waivers/report.xlsx', `late-fee-waivers-${month}.xlsx`, { month });

import { http } from './client';
import type { Page, PageParams } from './types';

/** PAY-7 refunds (退费) and the 360° view's finance panel. */
export const refundsKey = ['refunds'] as const;
export const accountFinanceKey = (accountId: string) => ['account-finance', accountId] as const;

export const REFUND_CASES = [
  'readingError',
  'wrongAccount',
  'wrongAmount',
  'stoppedUse',
  'demolition',
  'commercial',
  'other',
] as const;
export type RefundCase = (typeof REFUND_CASES)[number];
export const REFUND_STATUSES = [
  'submitted',
  'refused',
  'transferred',
  'approving',
  'approved',
  'rejected',
  'withdrawn',
  'paidOut',
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export type RefundSort = 'filedAt' | 'no' | 'amount';
export type PayoutMethod = 'cash' | 'bankTransfer';

interface UserRef {
  id: string;
  name: string;
}
export interface DocumentCheck {
  code: string;
  label: string;
  required: boolean;
  checked: boolean;
}

export interface Refund {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: string;
  address: string;
  caseKind: RefundCase;
  amount: string;
  documents: DocumentCheck[];
  notes: string | null;
  payeeName: string | null;
  bankName: string | null;
  bankAccountNo: string | null;
  status: RefundStatus;
  disposition: 'transfer' | 'payout' | null;
  filedBy: UserRef | null;
  filedAt: string;
  reviewedBy: UserRef | null;
  reviewedAt: string | null;
  refusalReason: string | null;
  targetAccountId: string | null;
  targetAccountNo: string | null;
  approvalId: string | null;
  approvalNo: string | null;
  approvalStatus: string | null;
  ledgerEntryId: string | null;
  targetEntryId: string | null;
  payoutMethod: PayoutMethod | null;
  payoutReference: string | null;
  paidBy: UserRef | null;
  paidAt: string | null;
}

export interface RefundFilters {
  caseKind?: RefundCase;
  status?: RefundStatus;
  accountId?: string;
  from?: string;
  to?: string;
  q?: string;
}
export type RefundListParams = PageParams & RefundFilters & { sort?: RefundSort };

export interface RefundChecklist {
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: string;
  prepayment: string;
  pending: string;
  available: string;
  documents: Omit<DocumentCheck, 'checked'>[];
}

export interface NewRefund {
  accountId: string;
  caseKind: RefundCase;
  amount: string;
  documents: string[];
  notes?: string;
  payeeName?: string;
  bankName?: string;
  bankAccountNo?: string;
}

export type ReviewBody =
  | { decision: 'refuse'; reason: string }
  | { decision: 'transfer'; targetAccountId: string; comment?: string }
  | { decision: 'payout'; comment?: string };

export const listRefunds = (params: RefundListParams) => http.get<Page<Refund>>('/api/refunds', { ...params });
export const getRefund = (id: string) => http.get<Refund>(`/api/refunds/${encodeURIComponent(id)}`);
export const refundChecklist = (accountId: string, caseKind: RefundCase) =>
  http.get<RefundChecklist>('/api/refunds/checklist', { accountId, caseKind });
export const fileRefund = (body: NewRefund) => http.post<Refund>('/api/refunds', body);
export const reviewRefund = (id: string, body: ReviewBody) =>
  http.post<Refund>(`/api/refunds/${encodeURIComponent(id)}/review`, body);
export const recordPayout = (id: string, body: { method: PayoutMethod; reference?: string; note?: string }) =>
  http.post<Refund>(`/api/refunds/${encodeURIComponent(id)}/payout`, body);

export interface AccountFinance {
  accountId: string;
  accountNo: string;
  balance: string;
  prepayment: string;
  owed: string;
  depositsHeld: string;
  refundsPending: string;
  byKind: { kind: string; entries: number; total: string }[];
  payments: {
    id: string;
    no: string;
    channel: string;
    amount: string;
    prepayment: string;
    status: string;
    receivedAt: string;
    tenders: { method: string; amount: string; reference: string | null }[];
  }[];
  refunds: {
    id: string;
    no: string;
    caseKind: RefundCase;
    amount: string;
    status: RefundStatus;
    disposition: string | null;
    direction: 'out' | 'in';
    otherAccountNo: string | null;
    filedAt: string;
  }[];
  deposits: {
    id: string;
    no: string;
    kind: string;
    amount: string;
    status: string;
    refundedAmount: string;
    appliedAmount: string;
    forfeitedAmount: string;
    receivedAt: string;
  }[];
}
export const getAccountFinance = (accountId: string) =>
  http.get<AccountFinance>(`/api/accounts/${encodeURIComponent(accountId)}/finance`);

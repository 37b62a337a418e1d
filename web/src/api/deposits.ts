import { http } from './client';
import type { Page, PageParams } from './types';

/** PAY-8 deposits (押金): received, held outside the gas balance, released once. */
export const depositsKey = ['deposits'] as const;

export const DEPOSIT_KINDS = ['meter', 'prepayment', 'waterConnection', 'other'] as const;
export type DepositKind = (typeof DEPOSIT_KINDS)[number];
export const RECEIVED_KINDS = ['meter', 'prepayment', 'waterConnection'] as const;
export const DEPOSIT_STATUSES = ['held', 'refunded', 'transferred', 'applied', 'forfeited'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];
export const DEPOSIT_METHODS = ['cash', 'pos', 'wechat', 'alipay', 'bankTransfer'] as const;
export type DepositMethod = (typeof DEPOSIT_METHODS)[number];
export type DepositSort = 'receivedAt' | 'no' | 'amount';
export type ReleaseAction = 'refund' | 'apply' | 'forfeit';

interface UserRef {
  id: string;
  name: string;
}
export interface DepositMovement {
  kind: 'received' | 'refunded' | 'applied' | 'forfeited';
  amount: string;
  method: string | null;
  reference: string | null;
  note: string | null;
  by: UserRef | null;
  at: string;
}
export interface Deposit {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: string;
  address: string;
  kind: DepositKind;
  amount: string;
  method: DepositMethod | null;
  reference: string | null;
  receiptNo: string | null;
  note: string | null;
  status: DepositStatus;
  refundedAmount: string;
  appliedAmount: string;
  forfeitedAmount: string;
  meterTestResult: 'accurate' | 'inaccurate' | null;
  workOrder: { id: string; orderNo: string; result: string | null; fee: string | null } | null;
  releaseNote: string | null;
  ledgerEntryId: string | null;
  receivedBy: UserRef | null;
  receivedAt: string;
  receivedOn: string;
  settledOn: string | null;
  releasedBy: UserRef | null;
  releasedAt: string | null;
  movements: DepositMovement[];
}

export interface DepositFilters {
  kind?: DepositKind;
  status?: DepositStatus;
  accountId?: string;
  from?: string;
  to?: string;
  q?: string;
}
export type DepositListParams = PageParams & DepositFilters & { sort?: DepositSort };

export interface NewDeposit {
  accountId: string;
  kind: (typeof RECEIVED_KINDS)[number];
  amount?: string;
  method: DepositMethod;
  reference?: string;
  receiptNo?: string;
  note?: string;
}
export interface ReleaseBody {
  action: ReleaseAction;
  meterTestResult?: 'accurate' | 'inaccurate';
  forfeitAmount?: string;
  method?: 'cash' | 'bankTransfer';
  reference?: string;
  note?: string;
}

export const listDeposits = (params: DepositListParams) =>
  http.get<Page<Deposit> & { held: string }>('/api/deposits', { ...params });
export const getDeposit = (id: string) => http.get<Deposit>(`/api/deposits/${encodeURIComponent(id)}`);
export const receiveDeposit = (body: NewDeposit) => http.post<Deposit>('/api/deposits', body);
export const releaseDeposit = (id: string, body: ReleaseBody) =>
  http.post<Deposit>(`/api/deposits/${encodeURIComponent(id)}/release`, body);
/** The deposit receipt (押金收据, 80 mm) through platform/print. */
export const depositReceiptUrl = (id: string) =>
  `/api/print/notices/depositReceipt/html?subjectId=${encodeURIComponent(id)}`;

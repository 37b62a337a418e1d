import { http, request } from './client';
import type { Page, PageParams } from './types';

/** PAY-1: the cash desk — an account's debts, payments with split tenders, the three-part receipt. */
export const paymentsKey = ['payments'] as const;
export const debtsKey = (accountId: string) => [...paymentsKey, 'debts', accountId] as const;

export const TENDER_METHODS = ['cash', 'pos', 'wechat', 'alipay', 'bankTransfer', 'voucher'] as const;
export type TenderMethod = (typeof TENDER_METHODS)[number];
export type PaymentStatus = 'posted' | 'reversed';

export interface Debt {
  entryId: string;
  kind: string;
  period: string | null;
  dueOn: string | null;
  open: string;
  lateFee: string;
  overdueDays: number;
}

export interface AccountDebts {
  accountId: string;
  accountNo: string;
  customerName: string;
  address: string;
  /** Sum of the ledger entries (negative = paid in advance). */
  balance: string;
  /** Credit not yet used by any debt. */
  prepayment: string;
  lateFee: string;
  /** Open debts + late fees − prepayment, never below 0. */
  totalDue: string;
  debts: Debt[];
}

export interface Tender {
  method: TenderMethod;
  amount: string;
  reference?: string | null;
}

export interface Allocation {
  entryId: string;
  period: string | null;
  lateFee: string;
  principal: string;
}

export interface Payment {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  amount: string;
  tenders: Tender[];
  allocations: Allocation[];
  prepayment: string;
  note: string | null;
  receivedAt: string;
  status: PaymentStatus;
  /** Where it came from: desk, collector, online, bankDebit, icCard. Online and bank debit have no cashier. */
  channel: 'desk' | 'collector' | 'online' | 'bankDebit' | 'icCard';
  cashierId: string | null;
  cashierName: string | null;
  reversalApprovalId: string | null;
  reversedAt: string | null;
}

export interface NewPayment {
  accountId: string;
  tenders: { method: TenderMethod; amount: string; reference?: string }[];
  note?: string;
}

export interface PaymentListParams extends PageParams {
  sort?: 'receivedAt' | 'no' | 'amount';
  order?: 'asc' | 'desc';
  accountId?: string;
  cashierId?: string;
  status?: PaymentStatus;
  method?: TenderMethod;
  from?: string;
  to?: string;
}

/** A fresh Idempotency-Key for one submission (kept for its retries); getRandomValues works on plain http too. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `desk-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const getAccountDebts = (accountId: string) =>
  http.get<AccountDebts>(`/api/payments/accounts/${encodeURIComponent(accountId)}/debts`);
export const collectPayment = (body: NewPayment, idempotencyKey: string) =>
  request<Payment>('POST', '/api/payments', { body, headers: { 'Idempotency-Key': idempotencyKey } });
export const listPayments = (params: PaymentListParams) => http.get<Page<Payment>>('/api/payments', { ...params });
export const getPayment = (id: string) => http.get<Payment>(`/api/payments/${encodeURIComponent(id)}`);
export const receiptUrl = (id: string) => `/api/payments/${encodeURIComponent(id)}/receipt?format=html`;
export const requestReversal = (id: string, reason: string) =>
  http.post<{ paymentId: string; status: PaymentStatus; approvalId: string; approvalNo: string }>(
    `/api/payments/${encodeURIComponent(id)}/reversal`,
    { reason },
  );

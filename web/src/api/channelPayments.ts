import { http } from './client';
import { saveResponse, sendRaw } from './spreadsheets';
import type { Page, PageParams } from './types';

/** PAY-1 channel payments: online pay orders (gateway + simulator) and bank batch debit (银行代扣). */
export const channelPaymentsKey = ['channelPayments'] as const;

export type OrderStatus = 'pending' | 'paid' | 'expired';
export const ORDER_STATUSES: OrderStatus[] = ['pending', 'paid', 'expired'];

export interface OnlineOrder {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  amount: string;
  status: OrderStatus;
  payUrl: string;
  qrPayload: string;
  qrImage?: string;
  provider: string;
  expiresAt: string;
  createdAt: string;
  createdByName: string | null;
  paidAt: string | null;
  gatewayTradeNo: string | null;
  paymentId: string | null;
  paymentNo: string | null;
}

export interface SimulatedPayment {
  callbackStatus: number;
  answer: unknown;
  order: OnlineOrder;
}

export const listOrders = (params: PageParams & { status?: OrderStatus; accountNo?: string }) =>
  http.get<Page<OnlineOrder>>('/api/channel-payments/online/orders', { ...params });
export const getOrder = (id: string) => http.get<OnlineOrder>(`/api/channel-payments/online/orders/${id}`);
export const createOrder = (body: { accountId: string; amount?: string }) =>
  http.post<OnlineOrder>('/api/channel-payments/online/orders', body);
/** The simulator's "the customer paid": it sends its signed callback to the public callback route. */
export const simulatePay = (no: string) =>
  http.post<SimulatedPayment>(`/api/sim/gateway/orders/${encodeURIComponent(no)}/pay`);

// ---- Bank debit ----
export type MandateStatus = 'active' | 'cancelled';
export interface Mandate {
  id: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  bankCode: string;
  bankName: string;
  /** Masked: 6222 **** 1234. */
  bankAccountNo: string;
  holderName: string;
  status: MandateStatus;
  createdAt: string;
  createdByName: string | null;
  cancelledAt: string | null;
}
export interface NewMandate {
  accountId: string;
  bankCode: string;
  bankName: string;
  bankAccountNo: string;
  holderName: string;
}

export const listMandates = (params: PageParams & { status?: MandateStatus; bankCode?: string; accountNo?: string }) =>
  http.get<Page<Mandate>>('/api/channel-payments/mandates', { ...params });
export const createMandate = (body: NewMandate) => http.post<Mandate>('/api/channel-payments/mandates', body);
export const cancelMandate = (id: string) => http.post<Mandate>(`/api/channel-payments/mandates/${id}/cancel`);

export interface DebitBatch {
  id: string;
  no: string;
  bankCode: string;
  bankName: string | null;
  debitDate: string;
  status: 'building' | 'exported' | 'completed';
  /** Build progress: the run's mandates and how many are done. */
  mandatesTotal: number;
  mandatesDone: number;
  lineCount: number;
  totalAmount: string;
  pending: number;
  succeeded: number;
  failed: number;
  succeededAmount: string;
  createdAt: string;
  createdByName: string | null;
  resultsAt: string | null;
}
export type LineStatus = 'pending' | 'succeeded' | 'failed';
export interface DebitLine {
  lineNo: number;
  reference: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  bankAccountNo: string;
  holderName: string;
  amount: string;
  status: LineStatus;
  failureReason: string | null;
  paymentNo: string | null;
  noticeMessageId: string | null;
  noticeSkipped: string | null;
}
export interface ResultsSummary {
  batchId: string;
  rows: number;
  succeeded: number;
  failed: number;
  unchanged: number;
  noticesQueued: number;
}
/** A refused results file: `details.rows` of the error. */
export interface ResultRowError {
  line: number;
  field: string;
  message: string;
  messageEn: string;
}

export const listBatches = (params: PageParams & { bankCode?: string }) =>
  http.get<Page<DebitBatch>>('/api/channel-payments/debit-batches', { ...params });
export const createBatches = (body: { debitDate: string; bankCode?: string }) =>
  http.post<{ items: DebitBatch[] }>('/api/channel-payments/debit-batches', body);
export const listLines = (id: string, params: PageParams & { status?: LineStatus }) =>
  http.get<Page<DebitLine>>(`/api/channel-payments/debit-batches/${id}/lines`, { ...params });
export async function downloadBatchFile(b: DebitBatch): Promise<void> {
  const res = await sendRaw(`/api/channel-payments/debit-batches/${b.id}/file`);
  await saveResponse(res, `bank-debit-${b.no}.csv`);
}
export async function uploadResults(id: string, file: File): Promise<ResultsSummary> {
  const res = await sendRaw(`/api/channel-payments/debit-batches/${id}/results`, {
    method: 'POST',
    body: file,
    headers: { Accept: 'application/json', 'Content-Type': 'text/csv' },
  });
  return (await res.json()) as ResultsSummary;
}

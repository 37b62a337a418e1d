import { http } from './client';
import type { Page, PageParams } from './types';

/** BIL-1/2: tariffs, billing runs and bills. */
export const billingKey = ['billing'] as const;
export const tariffsKey = [...billingKey, 'tariffs'] as const;
export const runsKey = [...billingKey, 'runs'] as const;
export const billsKey = [...billingKey, 'bills'] as const;

export interface TariffTier {
  tier: number;
  from: string;
  upTo: string | null;
  price: string;
}

/** A tariff is filed for approval (pending) and in force once approved (active). */
export type TariffStatus = 'pending' | 'active' | 'rejected';

export interface Tariff {
  id: string;
  usageNature: string;
  usageNatureName: string;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  tiered: boolean;
  tiers: TariffTier[];
  status?: TariffStatus;
  approvalId?: string | null;
  createdAt: string;
}

export interface TariffInput {
  usageNature: string;
  name: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  price?: string | null;
  tiers?: { upTo?: string | null; price: string }[] | null;
  /** A new price version: the active tariff it replaces (ended the day before once approved). */
  supersedes?: string | null;
  /** The approval request's reason (the price notice, …). */
  reason?: string | null;
}

export type TariffSort = 'usageNature' | 'effectiveFrom' | 'status';

export interface TariffListParams extends PageParams {
  sort?: TariffSort;
  usageNature?: string;
  on?: string;
  status?: TariffStatus;
}

/** BIL-1: a change filed for approval (ending a tariff earlier). */
export interface TariffChangeFiled {
  approvalId: string;
  approvalNo: string;
  status: string;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface BillingRun {
  id: string;
  period: string;
  status: RunStatus;
  chunkSize: number;
  accountsTotal: number | null;
  accountsDone: number;
  chunksDone: number;
  billsCreated: number;
  accountsWithoutTariff: number;
  amountTotal: string;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** BIL-2 / BIL-6: what a run of the period would bill, estimate and skip if started now. */
export interface RunPreview {
  period: string;
  /** The day counted at: the period's last day, or today while it runs. */
  asOf: string;
  readyAccounts: number;
  billedAccounts: number;
  reviewReadings: number;
  reviewAccounts: number;
  estimateAccounts: number;
  brokenMeters: number;
  withoutTariffAccounts: number;
  withoutTariff: { usageNature: string; accounts: number }[];
  plans: number;
  plansNotUploaded: number;
  booksNotUploaded: string[];
}

export interface RunListParams extends PageParams {
  period?: string;
}

/** A tariff line (tier × priced days), or BIL-6 `estimateCredit`: the estimates of `periods` a true-up credits. */
export interface BillLine {
  kind?: 'estimateCredit';
  periods?: string[];
  tariffId?: string;
  tier?: number;
  from?: string;
  to?: string;
  volume: string;
  price?: string;
  amount: string;
}

export interface Bill {
  id: string;
  accountId: string;
  accountNo: string;
  period: string;
  runId: string | null;
  kind: string;
  usageNature: string;
  customerKind: string;
  fromDate: string;
  readOn: string;
  meters: number;
  volume: string;
  yearVolumeBefore: string;
  amount: string;
  /** Null for a credit (a BIL-6 true-up below the estimates). */
  dueOn: string | null;
  lines: BillLine[];
  createdAt: string;
}

export type BillSort = 'period' | 'accountNo' | 'amount' | 'volume' | 'dueOn';

export interface BillListParams extends PageParams {
  sort?: BillSort;
  accountId?: string;
  period?: string;
  runId?: string;
}

export const listTariffs = (params: TariffListParams) => http.get<Page<Tariff>>('/api/billing/tariffs', { ...params });
export const createTariff = (body: TariffInput) => http.post<Tariff>('/api/billing/tariffs', body);
export const endTariff = (id: string, body: { effectiveTo: string; reason: string }) =>
  http.post<TariffChangeFiled>(`/api/billing/tariffs/${encodeURIComponent(id)}/end`, body);
export const setHousehold = (accountId: string, persons: number) =>
  http.put<{ accountId: string; persons: number }>(`/api/billing/households/${accountId}`, { persons });

export const startRun = (period: string) => http.post<BillingRun>('/api/billing/runs', { period });
export const listRuns = (params: RunListParams) => http.get<Page<BillingRun>>('/api/billing/runs', { ...params });
export const getRun = (id: string) => http.get<BillingRun>(`/api/billing/runs/${id}`);
export const previewRun = (period: string) => http.get<RunPreview>('/api/billing/runs/preview', { period });

export const listBills = (params: BillListParams) => http.get<Page<Bill>>('/api/billing/bills', { ...params });
export const getBill = (id: string) => http.get<Bill>(`/api/billing/bills/${id}`);

import { downloadFile } from './approvals';
import { http } from './client';
import type { Page, PageParams } from './types';

/** BIL-5 adjustments (退补), the monthly meter-fault summary, MTR-6/7 site checks. */
export const adjustmentsKey = ['adjustments'] as const;
export const meterChecksKey = ['meter-checks'] as const;

export const ADJUSTMENT_KINDS = [
  'readingError',
  'masterDataError',
  'meterFault',
  'auditFinding',
  'priceAdjustment',
  'other',
] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];
export const ADJUSTMENT_STATUSES = ['pending', 'rejected', 'withdrawn', 'posted', 'archived'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];
export type AdjustmentDirection = 'credit' | 'debit';
export type AdjustmentSort = 'createdAt' | 'adjustmentNo' | 'amount' | 'postedAt';

export interface UserRef {
  id: string;
  name: string;
}

export interface Adjustment {
  id: string;
  adjustmentNo: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: string;
  address: string;
  kind: AdjustmentKind;
  direction: AdjustmentDirection;
  previousReading: string | null;
  currentReading: string | null;
  volume: string | null;
  price: string | null;
  amount: string;
  signedAmount: string;
  periods: string[];
  reason: string;
  evidence: string | null;
  status: AdjustmentStatus;
  approvalId: string | null;
  approvalNo: string | null;
  appliedBy: UserRef;
  ledgerEntryId: string | null;
  postedAt: string | null;
  dueOn: string | null;
  archiveNo: string | null;
  archivedBy: UserRef | null;
  archivedAt: string | null;
  meterFaultSummaryId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AdjustmentFilters {
  kind?: AdjustmentKind;
  status?: AdjustmentStatus;
  direction?: AdjustmentDirection;
  accountId?: string;
  from?: string;
  to?: string;
  q?: string;
}
export type AdjustmentListParams = PageParams & AdjustmentFilters & { sort?: AdjustmentSort };

export interface AdjustmentInput {
  accountId: string;
  kind: AdjustmentKind;
  direction: AdjustmentDirection;
  previousReading?: string;
  currentReading?: string;
  volume?: string;
  price?: string;
  amount?: string;
  periods: string[];
  reason: string;
  evidence?: string;
}

export const listAdjustments = (params: AdjustmentListParams) =>
  http.get<Page<Adjustment>>('/api/adjustments', { ...params });
export const getAdjustment = (id: string) => http.get<Adjustment>(`/api/adjustments/${encodeURIComponent(id)}`);
export const applyAdjustment = (body: AdjustmentInput) => http.post<Adjustment>('/api/adjustments', body);
export const archiveAdjustment = (id: string, archiveNo?: string) =>
  http.post<Adjustment>(`/api/adjustments/${encodeURIComponent(id)}/archive`, { archiveNo: archiveNo || undefined });

export interface MeterFaultSummary {
  id: string;
  month: string;
  builtOn: string;
  adjustments: number;
  creditTotal: string;
  debitTotal: string;
  builtBy: UserRef | null;
  createdAt: string;
}
export interface MeterFaultSummaryDetail extends MeterFaultSummary {
  items: Adjustment[];
}

export const listMeterFaultSummaries = (params: PageParams) =>
  http.get<Page<MeterFaultSummary>>('/api/adjustments/meter-fault-summaries', { ...params });
export const getMeterFaultSummary = (id: string) =>
  http.get<MeterFaultSummaryDetail>(`/api/adjustments/meter-fault-summaries/${encodeURIComponent(id)}`);
export const buildMeterFaultSummary = (month: string) =>
  http.post<MeterFaultSummary>('/api/adjustments/meter-fault-summaries', { month });
export const downloadMeterFaultSummary = (s: Pick<MeterFaultSummary, 'id' | 'month'>) =>
  downloadFile(
    `/api/adjustments/meter-fault-summaries/${encodeURIComponent(s.id)}/file`,
    `meter-fault-summary-${s.month}.xlsx`,
  );

// ---------------------------------------------------------------- MTR-6 / MTR-7

export interface DueParams extends PageParams {
  withinDays?: number;
  q?: string;
}

export interface IcMeterDue {
  meterId: string;
  meterSerial: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  address: string;
  installedOn: string | null;
  lastCheckedOn: string | null;
  lastBaseReading: string | null;
  lastRemainingVolume: string | null;
  dueOn: string | null;
  overdueDays: number | null;
}
export interface IcMeterCheck {
  id: string;
  meterId: string;
  meterSerial: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  checkedOn: string;
  baseReading: string;
  remainingVolume: string;
  note: string | null;
  checkedBy: UserRef;
  createdAt: string;
}
export interface IcMeterCheckInput {
  meterId: string;
  checkedOn: string;
  baseReading: string;
  remainingVolume: string;
  note?: string;
}

export interface SuspendedDue {
  accountId: string;
  accountNo: string;
  customerName: string;
  address: string;
  suspendedOn: string | null;
  lastCheckedOn: string | null;
  lastResult: 'ok' | 'hazard' | null;
  dueOn: string | null;
  overdueDays: number | null;
}
export interface SafetyCheck {
  id: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  checkedOn: string;
  result: 'ok' | 'hazard';
  note: string | null;
  checkedBy: UserRef;
  createdAt: string;
}
export interface SafetyCheckInput {
  accountId: string;
  checkedOn: string;
  result: 'ok' | 'hazard';
  note?: string;
}

export const listIcMetersDue = (params: DueParams) =>
  http.get<Page<IcMeterDue> & { checkEveryDays: number }>('/api/meter-checks/ic-meters/due', { ...params });
export const listIcMeterChecks = (params: PageParams & { meterId?: string; accountId?: string }) =>
  http.get<Page<IcMeterCheck>>('/api/meter-checks/ic-meters', { ...params });
export const recordIcMeterCheck = (body: IcMeterCheckInput) =>
  http.post<IcMeterCheck>('/api/meter-checks/ic-meters', body);
export const listSuspendedDue = (params: DueParams) =>
  http.get<Page<SuspendedDue> & { checkEveryMonths: number }>('/api/meter-checks/suspended/due', { ...params });
export const listSafetyChecks = (params: PageParams & { accountId?: string }) =>
  http.get<Page<SafetyCheck>>('/api/meter-checks/suspended', { ...params });
export const recordSafetyCheck = (body: SafetyCheckInput) =>
  http.post<SafetyCheck>('/api/meter-checks/suspended', body);

import { downloadFile } from './approvals';
import { http } from './client';
import type { Page, PageParams } from './types';

/** MTR-5 broken meters (坏表, 补气登记表), MTR-4 designed flow and the BIL-1 C&I price-adjustment run (调价补差). */
export const meterFaultsKey = ['meter-faults'] as const;
export const priceAdjustmentsKey = ['price-adjustments'] as const;

export const TOP_UP_REGISTER_NOTICE = 'meterTopUpRegister';

export interface FaultPeriod {
  period: string;
  readOn: string;
  volume: string;
  averagePeriods: number | null;
  amount: string | null;
}

export interface MeterFault {
  id: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  address: string | null;
  phone: string | null;
  meterId: string;
  meterSerial: string;
  fromOn: string;
  note: string | null;
  reportedBy: string | null;
  reportedAt: string;
  resolvedOn: string | null;
  resolvedNote: string | null;
  resolvedBy: string | null;
  periods: FaultPeriod[];
  volume: string;
  amount: string;
}

export type FaultSort = 'fromOn' | 'accountNo';
export interface FaultListParams extends PageParams {
  status?: 'open' | 'resolved';
  accountNo?: string;
  sort?: FaultSort;
}

export interface NewFault {
  accountNo: string;
  meterSerial: string;
  fromOn: string;
  note?: string | null;
}

export const listMeterFaults = (params: FaultListParams) =>
  http.get<Page<MeterFault>>('/api/meter-faults', { ...params });
export const getMeterFault = (id: string) => http.get<MeterFault>(`/api/meter-faults/${encodeURIComponent(id)}`);
export const reportMeterFault = (body: NewFault) => http.post<MeterFault>('/api/meter-faults', body);
export const resolveMeterFault = (id: string, body: { resolvedOn: string; note?: string | null }) =>
  http.post<MeterFault>(`/api/meter-faults/${encodeURIComponent(id)}/resolve`, body);
export const setDesignedFlow = (meterId: string, designedFlow: string | null) =>
  http.put<{ meterId: string; serial: string; designedFlow: string | null }>(
    `/api/meters/${encodeURIComponent(meterId)}/designed-flow`,
    { designedFlow },
  );

export type PriceAdjustmentStatus = 'queued' | 'running' | 'done' | 'failed';

export interface PriceAdjustmentRun {
  id: string;
  usageNature: string;
  usageNatureName: string;
  from: string;
  to: string;
  status: PriceAdjustmentStatus;
  billsTotal: number | null;
  billsDone: number;
  linesCreated: number;
  amountTotal: string;
  error: string | null;
  startedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface PriceAdjustmentLine {
  id: string;
  billId: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  period: string;
  volume: string;
  billedAmount: string;
  repricedAmount: string;
  difference: string;
}

export type LineSort = 'accountNo' | 'period' | 'difference';

export const listPriceAdjustments = (params: PageParams & { usageNature?: string }) =>
  http.get<Page<PriceAdjustmentRun>>('/api/billing/price-adjustments', { ...params });
export const getPriceAdjustment = (id: string) =>
  http.get<PriceAdjustmentRun>(`/api/billing/price-adjustments/${encodeURIComponent(id)}`);
export const startPriceAdjustment = (body: { usageNature: string; from: string; to: string }) =>
  http.post<PriceAdjustmentRun>('/api/billing/price-adjustments', body);
export const listPriceAdjustmentLines = (id: string, params: PageParams & { sort?: LineSort }) =>
  http.get<Page<PriceAdjustmentLine>>(`/api/billing/price-adjustments/${encodeURIComponent(id)}/lines`, { ...params });
export const downloadPriceAdjustmentLines = (id: string) =>
  downloadFile(`/api/billing/price-adjustments/${encodeURIComponent(id)}/lines/xlsx`, `price-adjustment-${id}.xlsx`);

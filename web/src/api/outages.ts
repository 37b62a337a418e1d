import { http } from './client';
import type { Page, PageParams } from './types';
import type { WorkOrder, WorkOrderEvent } from './workOrders';

export const outagesKey = ['outages'] as const;
export const myContactsKey = ['work-orders', 'my-contacts'] as const;

/** SVC-10. */
export type OutageKind = 'planned' | 'emergency';
export type OutageStatus = 'draft' | 'announced' | 'cancelled';
export type OutagePhase = 'upcoming' | 'current' | 'ended';

export interface AreaEntry {
  district: string;
  street?: string | null;
  community?: string | null;
}

export interface Outage {
  id: string;
  outageNo: string;
  kind: OutageKind;
  status: OutageStatus;
  area: { district: string; street: string | null; community: string | null }[];
  areaText: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  contactName: string | null;
  contactPhone: string;
  note: string | null;
  /** A planned outage is announced by this time; an emergency one notified by it. */
  notifyBy: string;
  announcedAt: string | null;
  announcedByName: string | null;
  announcedLate: boolean;
  /** Not yet announced and past notifyBy. */
  notifyOverdue: boolean;
  affectedCount: number | null;
  smsQueued: number | null;
  smsSkipped: number | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** Cancellation SMS queued to those told of it; null when it was cancelled before being announced (or after it ended). */
  cancelSmsQueued: number | null;
  createdByName: string | null;
  createdAt: string;
  phase: OutagePhase;
  version: number;
}

export interface OutageDetail extends Outage {
  /** Accounts (not closed) the area covers now. */
  affectedNow: number;
}

export interface OutageInput {
  kind: OutageKind;
  area: AreaEntry[];
  startsAt: string;
  endsAt: string;
  reason: string;
  contactName?: string | null;
  contactPhone: string;
  note?: string | null;
}

export type OutageSort = 'startsAt' | 'outageNo' | 'createdAt';

export interface OutageFilters {
  kind?: OutageKind;
  status?: OutageStatus;
  when?: 'current' | 'upcoming' | 'past';
  district?: string;
  overdue?: 'true' | 'false';
  from?: string;
  to?: string;
  q?: string;
}

export interface OutageListParams extends PageParams, OutageFilters {
  sort?: OutageSort;
}

export const listOutages = (params: OutageListParams) => http.get<Page<Outage>>('/api/outages', { ...params });
export const getOutage = (id: string) => http.get<OutageDetail>(`/api/outages/${id}`);
export const createOutage = (body: OutageInput) => http.post<OutageDetail>('/api/outages', body);
export const updateOutage = (id: string, body: OutageInput & { version: number }) =>
  http.put<OutageDetail>(`/api/outages/${id}`, body);
export const announceOutage = (id: string, version: number) =>
  http.post<OutageDetail>(`/api/outages/${id}/announce`, { version });
export const cancelOutage = (id: string, body: { version: number; reason: string }) =>
  http.post<OutageDetail>(`/api/outages/${id}/cancel`, body);
/** SVC-10: current and upcoming announced outages covering an account's premise (the intake alert). */
export const outagesAffecting = (accountId: string) =>
  http.get<{ items: Outage[] }>('/api/outages/affecting', { accountId });

// ---- SVC-3: my contacts ----

export interface MyContact extends WorkOrder {
  lastEvent: Pick<
    WorkOrderEvent,
    'kind' | 'fromStatus' | 'toStatus' | 'toUserName' | 'reason' | 'actorName' | 'at'
  > | null;
}

export interface MyContactsParams extends PageParams {
  closedWithinDays?: number;
  state?: 'open' | 'closed';
}

export const myContacts = (params: MyContactsParams) =>
  http.get<Page<MyContact>>('/api/work-orders/my-contacts', { ...params });

import { http } from './client';
import type { Channel } from './contacts';
import type { Page, PageParams } from './types';

export const workOrdersKey = ['work-orders'] as const;

export interface Bilingual {
  zh: string;
  en: string;
}

export type WorkOrderPriority = 'low' | 'normal' | 'high' | 'urgent';
/** SVC-4. */
export type WorkOrderStatus =
  | 'created'
  | 'dispatched'
  | 'appointed'
  | 'arrived'
  | 'completed'
  | 'notCompleted'
  | 'closed'
  | 'cancelled';
export type PromiseUnit = 'minutes' | 'hours' | 'workingHours' | 'days' | 'workingDays';

export interface WorkOrderType {
  code: string;
  name: Bilingual;
  category: string;
  promiseKey: string;
  promiseUnit: PromiseUnit;
  defaultPriority: WorkOrderPriority;
  steps: { code: string; zh: string; en: string }[];
  active: boolean;
}

export interface WorkOrder {
  id: string;
  orderNo: string;
  typeCode: string;
  typeName: Bilingual;
  channel: Channel;
  accountId: string | null;
  accountNo: string | null;
  callerName: string | null;
  phone: string | null;
  address: string | null;
  contactId: string | null;
  serviceApplicationId: string | null;
  description: string;
  priority: WorkOrderPriority;
  status: WorkOrderStatus;
  orgUnitId: string;
  orgUnitName: string | null;
  teamId: string | null;
  teamName: string | null;
  technicianId: string | null;
  technicianName: string | null;
  ownerId: string;
  ownerName: string | null;
  reportedAt: string;
  deadlineAt: string;
  promise: { key: string; unit: PromiseUnit; amount: number };
  paused: boolean;
  pausedSince: string | null;
  pauseReason: string | null;
  pausedMs: number;
  /** SVC-6: ms left (waiting excluded), negative once breached; null once the work is done. */
  timeLeftMs: number | null;
  breached: boolean;
  dispatchedAt: string | null;
  appointmentAt: string | null;
  arrivedAt: string | null;
  completedAt: string | null;
  closedAt: string | null;
  outcomeReason: string | null;
  version: number;
}

export type WorkOrderEventKind =
  | 'created'
  | 'assigned'
  | 'reassigned'
  | 'taken'
  | 'status'
  | 'paused'
  | 'resumed'
  | 'warned'
  | 'escalated';

export interface WorkOrderEvent {
  id: string;
  kind: WorkOrderEventKind | string;
  fromStatus: string | null;
  toStatus: string | null;
  fromTeamId: string | null;
  toTeamId: string | null;
  fromUserId: string | null;
  fromUserName: string | null;
  toUserId: string | null;
  toUserName: string | null;
  reason: string | null;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export interface WorkOrderDetail extends WorkOrder {
  events: WorkOrderEvent[];
}

export interface NewWorkOrder {
  typeCode: string;
  channel: Channel;
  accountId?: string | null;
  callerName?: string | null;
  phone?: string | null;
  address?: string | null;
  contactId?: string | null;
  serviceApplicationId?: string | null;
  description: string;
  priority?: WorkOrderPriority | null;
  orgUnitId: string;
}

export interface BoardParams extends PageParams {
  orgUnitId: string;
  teamId?: string;
  technicianId?: string;
  unassigned?: boolean;
  status?: WorkOrderStatus;
}

export interface Escalation {
  workOrderId: string;
  orderNo: string;
  typeCode: string;
  typeName: Bilingual;
  status: string;
  orgUnitName: string | null;
  teamName: string | null;
  technicianName: string | null;
  deadlineAt: string;
  timeLeftMs: number | null;
  level: 'warning' | 'teamHead' | 'centreManager';
  levelText: string;
  toUserId: string | null;
  toUserName: string | null;
  at: string;
}

export interface ComplianceRow {
  key: string;
  name: Bilingual;
  due: number;
  met: number;
  breached: number;
  pending: number;
  complianceRate: number | null;
  averageUsedPercent: number | null;
}

export const listWorkOrderTypes = () => http.get<{ items: WorkOrderType[] }>('/api/work-order-types');
export const createWorkOrder = (body: NewWorkOrder) => http.post<WorkOrderDetail>('/api/work-orders', body);
export const getWorkOrder = (id: string) => http.get<WorkOrderDetail>(`/api/work-orders/${id}`);
export const dispatchBoard = (params: BoardParams) =>
  http.get<Page<WorkOrder>>('/api/work-orders/board', { ...params });
export const assignWorkOrder = (
  id: string,
  body: { teamId?: string | null; technicianId?: string | null; version: number; reason?: string | null },
) => http.post<WorkOrderDetail>(`/api/work-orders/${id}/assign`, body);
export const takeWorkOrder = (id: string, version?: number) =>
  http.post<WorkOrderDetail>(`/api/work-orders/${id}/take`, { version });
export const pauseWorkOrder = (id: string, body: { reason: string; version: number }) =>
  http.post<WorkOrderDetail>(`/api/work-orders/${id}/pause`, body);
export const resumeWorkOrder = (id: string, body: { reason: string; version: number }) =>
  http.post<WorkOrderDetail>(`/api/work-orders/${id}/resume`, body);
export const transitionWorkOrder = (
  id: string,
  body: {
    to: StatusTarget;
    version: number;
    reason?: string | null;
    appointmentAt?: string | null;
  },
) => http.post<WorkOrderDetail>(`/api/work-orders/${id}/status`, body);
export const listEscalations = (params: PageParams) =>
  http.get<Page<Escalation>>('/api/work-orders/escalations', { ...params });
export const complianceReport = (month: string, by: 'type' | 'team') =>
  http.get<{ month: string; by: 'type' | 'team'; items: ComplianceRow[] }>('/api/work-orders/compliance', {
    month,
    by,
  });

// ---- The order register and the dispatch board's people (H4) ----

export type RegisterSort = 'reportedAt' | 'deadlineAt' | 'orderNo' | 'status' | 'typeCode';

/** The register's filters; the export takes the same (without paging). */
export interface RegisterFilters {
  status?: WorkOrderStatus;
  open?: 'true' | 'false';
  typeCode?: string;
  /** Reported on or after / on or before, YYYY-MM-DD (Asia/Shanghai). */
  from?: string;
  to?: string;
  accountNo?: string;
  /** A centre, or a department with its centres. */
  orgUnitId?: string;
  teamId?: string;
  technicianId?: string;
  unassigned?: 'true' | 'false';
  breached?: 'true' | 'false';
}

export interface RegisterParams extends RegisterFilters {
  page: number;
  pageSize: number;
  sort: RegisterSort;
  order: 'asc' | 'desc';
}

export interface Worker {
  id: string;
  fullName: string;
  username: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
  /** The team of the centre the worker is in, if any. */
  teamId: string | null;
  /** Open orders (not completed, closed or cancelled) assigned to them. */
  openOrders: number;
  /** Of those, the ones past their promise. */
  breachedOrders: number;
}

export interface CentreWorkers {
  centre: { id: string; name: string; kind: string };
  teams: { id: string; name: string; openOrders: number }[];
  workers: Worker[];
  unassigned: number;
}

/** Completion is not a status change: it goes through the technician's `complete` (signature, forms). */
export type StatusTarget = 'appointed' | 'arrived' | 'notCompleted' | 'closed' | 'cancelled';

export const listWorkOrders = (params: RegisterParams) => http.get<Page<WorkOrder>>('/api/work-orders', { ...params });
export const listCentreWorkers = (orgUnitId: string) =>
  http.get<CentreWorkers>('/api/work-orders/workers', { orgUnitId });

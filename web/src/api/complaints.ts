import { http } from './client';
import type { Items, Page, PageParams } from './types';

export const complaintsKey = ['complaints'] as const;
export const callbacksKey = ['callbacks'] as const;

/** SVC-1 channels and the ways a complaint is forwarded (12345, consumer council, media) or opened (a callback). */
export type ComplaintChannel =
  | 'hotline'
  | 'hall'
  | 'online'
  | 'doorToDoor'
  | 'letter'
  | 'hotline12345'
  | 'consumerCouncil'
  | 'media'
  | 'callback';
export const COMPLAINT_CHANNELS: ComplaintChannel[] = [
  'hotline',
  'hall',
  'online',
  'doorToDoor',
  'letter',
  'hotline12345',
  'consumerCouncil',
  'media',
];
/** CMP-1: 一般性 / 有影响 / 严重 / 新闻媒体或消委会参与. */
export type ComplaintGrade = 'ordinary' | 'withImpact' | 'serious' | 'media';
export const GRADES: ComplaintGrade[] = ['ordinary', 'withImpact', 'serious', 'media'];
export type ComplaintStatus = 'received' | 'handling' | 'decided' | 'closed';
export const COMPLAINT_STATUSES: ComplaintStatus[] = ['received', 'handling', 'decided', 'closed'];
export type CommunicatedVia = 'phone' | 'sms' | 'visit' | 'letter' | 'inPerson' | 'wechat';
export const COMMUNICATED_VIA: CommunicatedVia[] = ['phone', 'sms', 'visit', 'letter', 'inPerson', 'wechat'];

export interface Text {
  zh: string;
  en: string;
}

export interface Complaint {
  id: string;
  complaintNo: string;
  source: 'intake' | 'callback';
  channel: ComplaintChannel;
  accountId: string | null;
  accountNo: string | null;
  complainantName: string | null;
  phone: string | null;
  address: string | null;
  confidential: boolean;
  /** The complainant is hidden from the caller (CMP-2). */
  masked: boolean;
  contactId: string | null;
  subject: string;
  description: string;
  subjectUserId: string | null;
  subjectUserName: string | null;
  subjectOrgUnitId: string | null;
  subjectOrgUnitName: string | null;
  grade: ComplaintGrade;
  level: string;
  levelName: Text;
  handlerId: string | null;
  handlerName: string | null;
  orgUnitId: string | null;
  orgUnitName: string | null;
  ownerId: string;
  ownerName: string | null;
  receivedAt: string;
  deadlineAt: string;
  extended: boolean;
  status: ComplaintStatus;
  timeLeftMs: number | null;
  breached: boolean;
  decision: string | null;
  communicatedVia: CommunicatedVia | null;
  communicatedAt: string | null;
  closedAt: string | null;
  callbackId: string | null;
  version: number;
}

export type ComplaintEventKind =
  | 'created'
  | 'assigned'
  | 'escalated'
  | 'breached'
  | 'extended'
  | 'recused'
  | 'decided'
  | 'closed';

export interface ComplaintEvent {
  id: string;
  kind: ComplaintEventKind;
  fromLevel: string | null;
  toLevel: string | null;
  fromUserId: string | null;
  fromUserName: string | null;
  toUserId: string | null;
  toUserName: string | null;
  fromDeadline: string | null;
  toDeadline: string | null;
  reason: string | null;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export interface ComplaintDetail extends Complaint {
  events: ComplaintEvent[];
  recusedUserIds: string[];
  levels: { code: string; zh: string; en: string }[];
}

export interface NewComplaint {
  channel: ComplaintChannel;
  accountId?: string | null;
  complainantName?: string | null;
  phone?: string | null;
  address?: string | null;
  contactId?: string | null;
  subject: string;
  description: string;
  subjectUserId?: string | null;
  subjectOrgUnitId?: string | null;
  grade: ComplaintGrade;
  receivedAt?: string | null;
  confidential?: boolean;
  handlerId?: string | null;
}

export type ComplaintSort = 'receivedAt' | 'deadlineAt' | 'complaintNo' | 'grade' | 'status';

export interface ComplaintFilters {
  status?: ComplaintStatus;
  open?: boolean;
  grade?: ComplaintGrade;
  level?: string;
  channel?: ComplaintChannel;
  source?: 'intake' | 'callback';
  from?: string;
  to?: string;
  handlerId?: string;
  accountId?: string;
  mine?: 'owner' | 'handler';
  overdue?: boolean;
  q?: string;
}

export interface ComplaintListParams extends PageParams, ComplaintFilters {
  sort?: ComplaintSort;
}

export interface Staff {
  id: string;
  fullName: string;
  username: string;
}

export const listComplaints = (params: ComplaintListParams) =>
  http.get<Page<Complaint>>('/api/complaints', { ...params });
export const getComplaint = (id: string) => http.get<ComplaintDetail>(`/api/complaints/${id}`);
export const createComplaint = (body: NewComplaint) => http.post<ComplaintDetail>('/api/complaints', body);
export const complaintHandlers = (id: string, level?: string) =>
  http.get<Items<Staff>>(`/api/complaints/${id}/handlers`, { level });
export const searchStaff = (q?: string) => http.get<Items<Staff>>('/api/complaints/staff', { q });

const act =
  <B>(action: string) =>
  (id: string, body: B) =>
    http.post<ComplaintDetail>(`/api/complaints/${id}/${action}`, body);
export const assignComplaint = act<{ handlerId: string; version: number; reason?: string | null }>('assign');
export const escalateComplaint = act<{ reason: string; version: number; handlerId?: string | null }>('escalate');
export const extendComplaint = act<{ reason?: string | null; agreedDate?: string | null; version: number }>('extend');
export const recuseComplaint = act<{ reason: string; version: number }>('recuse');
export const decideComplaint = act<{
  decision: string;
  communicatedVia: CommunicatedVia;
  communicatedAt: string;
  version: number;
}>('decide');
export const closeComplaint = act<{ version: number; note?: string | null }>('close');

// CMP-3 callbacks
export type CallbackStatus = 'pending' | 'done' | 'unreachable';
export const CALLBACK_STATUSES: CallbackStatus[] = ['pending', 'done', 'unreachable'];

export interface Callback {
  id: string;
  source: 'workOrder' | 'complaint';
  workOrderId: string | null;
  complaintId: string | null;
  sourceNo: string;
  topic: string;
  accountId: string | null;
  accountNo: string | null;
  name: string | null;
  phone: string | null;
  address: string | null;
  masked: boolean;
  orgUnitId: string | null;
  orgUnitName: string | null;
  dueAt: string;
  overdue: boolean;
  status: CallbackStatus;
  attempts: number;
  score: number | null;
  comments: string | null;
  followUpComplaintId: string | null;
  followUpComplaintNo: string | null;
  completedBy: string | null;
  completedByName: string | null;
  completedAt: string | null;
  createdAt: string;
  version: number;
}

export interface CallbackAttempt {
  id: string;
  reached: boolean;
  score: number | null;
  comments: string | null;
  byUserId: string;
  byName: string | null;
  at: string;
}

export interface CallbackDetail extends Callback {
  attemptsLog: CallbackAttempt[];
}

export type CallbackSort = 'dueAt' | 'createdAt' | 'completedAt' | 'score';

export interface CallbackFilters {
  status?: CallbackStatus;
  source?: 'workOrder' | 'complaint';
  overdue?: boolean;
  maxScore?: number;
  from?: string;
  to?: string;
}

export interface CallbackListParams extends PageParams, CallbackFilters {
  sort?: CallbackSort;
}

export const listCallbacks = (params: CallbackListParams) => http.get<Page<Callback>>('/api/callbacks', { ...params });
export const getCallback = (id: string) => http.get<CallbackDetail>(`/api/callbacks/${id}`);
export const recordCallbackCall = (
  id: string,
  body: { reached: boolean; score?: number | null; comments?: string | null; version: number },
) => http.post<CallbackDetail>(`/api/callbacks/${id}/calls`, body);

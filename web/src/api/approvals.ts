import { useQuery } from '@tanstack/react-query';
import { getLang } from '../i18n/lang';
import { tNow } from '../i18n/translate';
import { ApiError, type ApiErrorDetails, http, type QueryParams } from './client';
import type { Items, Page, PageParams } from './types';

/** A text the server gives in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface PersonRef {
  id: string;
  fullName: string;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';
export type ApprovalStepStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped';
export type ApprovalEventAction = 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'completed' | 'attached';

export interface ApprovalStep {
  stepNo: number;
  label: string;
  /** Role codes; any one of them may sign the step. */
  roles: string[];
  roleNames: Bilingual[];
  status: ApprovalStepStatus;
  actedBy: PersonRef | null;
  actedAt: string | null;
  comment: string | null;
}

export interface ApprovalRequest {
  id: string;
  no: string;
  kind: string;
  kindName: Bilingual;
  subjectType: string;
  subjectId: string | null;
  /** Decimal yuan as a string. */
  amount: string | null;
  reason: string;
  payload: unknown;
  summary: Bilingual;
  status: ApprovalStatus;
  currentStep: number | null;
  requestedBy: PersonRef;
  createdAt: string;
  decidedAt: string | null;
  steps: ApprovalStep[];
}

export interface ApprovalEvent {
  id: number | string;
  at: string;
  actor: PersonRef | null;
  action: ApprovalEventAction;
  stepNo: number | null;
  comment: string | null;
}

export interface ApprovalAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: PersonRef;
}

export interface ApprovalDetail extends ApprovalRequest {
  events: ApprovalEvent[];
  attachments: ApprovalAttachment[];
  canApprove: boolean;
  canWithdraw: boolean;
  canAttach: boolean;
}

export interface ApprovalKindInfo {
  kind: string;
  name: Bilingual;
  canRequest: boolean;
}

export interface ChainPreviewStep {
  stepNo: number;
  label: string;
  roles: string[];
  roleNames: Bilingual[];
}

export interface ApprovalReportRow {
  /** 'YYYY-MM' */
  month: string;
  kind: string;
  kindName: Bilingual;
  submitted: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  pending: number;
  approvedAmount: string;
}

export interface ApprovalReport {
  year: number;
  items: ApprovalReportRow[];
}

export interface NewApprovalBody {
  kind: string;
  subjectType: string;
  subjectId?: string;
  amount?: string;
  reason: string;
  payload: unknown;
}

/** What the final approval returned: the owning module's outcome is shown once, then gone. */
export interface ApproveResult {
  request: ApprovalRequest;
  outcome: Record<string, unknown> | null;
}

export interface MyApprovalsParams extends PageParams {
  status?: ApprovalStatus;
  kind?: string;
}

export interface RegisterFilters {
  kind?: string;
  status?: ApprovalStatus;
  requestedBy?: string;
  /** ISO instants */
  from?: string;
  to?: string;
  q?: string;
}

export type RegisterParams = PageParams & RegisterFilters;

/** Every approvals query lives under this key, so one invalidation refreshes lists, inbox and details. */
export const approvalsKey = ['approvals'] as const;
export const approvalKindsKey = [...approvalsKey, 'kinds'] as const;
export const inboxKey = [...approvalsKey, 'inbox'] as const;

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

const approvalPath = (id: string) => `/api/approvals/${encodeURIComponent(id)}`;

export const listApprovalKinds = () => http.get<Items<ApprovalKindInfo>>('/api/approvals/kinds');
export const getChainPreview = (kind: string, amount?: string) =>
  http.get<{ steps: ChainPreviewStep[] }>('/api/approvals/chain-preview', { kind, amount });
export const createApproval = (body: NewApprovalBody) => http.post<ApprovalRequest>('/api/approvals', body);
export const listInbox = () => http.get<Items<ApprovalRequest>>('/api/approvals/inbox');
export const listMyApprovals = (params: MyApprovalsParams) =>
  http.get<Page<ApprovalRequest>>('/api/approvals/mine', { ...params });
export const listApprovalRegister = (params: RegisterParams) =>
  http.get<Page<ApprovalRequest>>('/api/approvals', { ...params });
export const getApproval = (id: string) => http.get<ApprovalDetail>(approvalPath(id));
export const approveApproval = (id: string, comment?: string) =>
  http.post<ApproveResult>(`${approvalPath(id)}/approve`, comment ? { comment } : {});
export const rejectApproval = (id: string, comment: string) =>
  http.post<ApprovalRequest>(`${approvalPath(id)}/reject`, { comment });
export const withdrawApproval = (id: string, comment?: string) =>
  http.post<ApprovalRequest>(`${approvalPath(id)}/withdraw`, comment ? { comment } : {});
export const getApprovalReport = (year: number, kind?: string) =>
  http.get<ApprovalReport>('/api/approvals/report', { year, kind });

// Files travel as raw bodies, not JSON, so they bypass `http` but fail the same way (ApiError).

function queryString(query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function rawFetch(path: string, init: RequestInit & { query?: QueryParams }): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${path}${queryString(init.query)}`, {
      ...init,
      credentials: 'same-origin',
      headers: { 'Accept-Language': getLang(), ...(init.headers ?? {}) },
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', tNow('error.network'));
  }
  if (res.ok) return res;
  let body: unknown;
  try {
    body = JSON.parse(await res.text());
  } catch {
    body = undefined;
  }
  const e = body as { code?: unknown; message?: unknown; details?: ApiErrorDetails } | undefined;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    throw new ApiError(res.status, e.code, e.message, e.details);
  }
  throw new ApiError(res.status, `HTTP_${res.status}`, tNow('error.http', { status: res.status }));
}

/** The file name from Content-Disposition (RFC 5987 `filename*` first), else the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** GETs a file with the session cookie and hands it to the browser as a download. */
export async function downloadFile(path: string, fallbackName: string, query?: QueryParams): Promise<void> {
  const res = await rawFetch(path, { method: 'GET', query });
  saveBlob(await res.blob(), fileNameOf(res, fallbackName));
}

export const downloadAttachment = (requestId: string, attachment: Pick<ApprovalAttachment, 'id' | 'fileName'>) =>
  downloadFile(`${approvalPath(requestId)}/attachments/${encodeURIComponent(attachment.id)}`, attachment.fileName);

export const downloadApprovalReport = (year: number, kind?: string) =>
  downloadFile('/api/approvals/report.xlsx', `approvals-${year}.xlsx`, { year, kind });

export async function uploadAttachment(requestId: string, file: File): Promise<ApprovalAttachment> {
  const res = await rawFetch(`${approvalPath(requestId)}/attachments`, {
    method: 'POST',
    query: { fileName: file.name },
    headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
  });
  return (await res.json()) as ApprovalAttachment;
}

export function useApprovalKinds() {
  return useQuery({
    queryKey: approvalKindsKey,
    queryFn: listApprovalKinds,
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

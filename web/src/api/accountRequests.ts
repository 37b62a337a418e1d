import { http } from './client';
import type { AccountRequest, AccountRequestStatus, Page, PageParams, User } from './types';

export const accountRequestsKey = ['account-requests'] as const;

export interface CreateAccountRequestBody {
  fullName: string;
  username: string;
  employeeNo?: string;
  orgUnitId?: string;
  roleIds: string[];
  reason: string;
}

const requestPath = (id: string) => `/api/account-requests/${encodeURIComponent(id)}`;

export const listAccountRequests = (params: PageParams & { status?: AccountRequestStatus }) =>
  http.get<Page<AccountRequest>>('/api/account-requests', { ...params });
export const createAccountRequest = (body: CreateAccountRequestBody) =>
  http.post<AccountRequest>('/api/account-requests', body);
export const approveAccountRequest = (id: string, comment?: string) =>
  http.post<AccountRequest>(`${requestPath(id)}/approve`, comment ? { comment } : {});
export const rejectAccountRequest = (id: string, comment: string) =>
  http.post<AccountRequest>(`${requestPath(id)}/reject`, { comment });
export const provisionAccountRequest = (id: string) =>
  http.post<{ user: User; initialPassword: string }>(`${requestPath(id)}/provision`);

import { http } from './client';
import type { InitialPassword, Items, LeaveKind, OverdueAccount, Page, PageParams, User, UserStatus } from './types';

export const usersKey = ['users'] as const;
export const overdueKey = ['users', 'overdue-deprovisioning'] as const;

export type UserSort = 'username' | 'fullName' | 'employeeNo' | 'createdAt' | 'lastLoginAt';

export interface UserListParams extends PageParams {
  sort?: UserSort;
  q?: string;
  status?: UserStatus;
  roleId?: string;
  orgUnitId?: string;
}

export interface CreateUserBody {
  username: string;
  fullName: string;
  employeeNo?: string;
  phone?: string;
  email?: string;
  orgUnitId?: string;
  roleIds: string[];
}

export interface UpdateUserBody {
  fullName?: string;
  employeeNo?: string | null;
  phone?: string | null;
  email?: string | null;
  orgUnitId?: string | null;
  leaveDate?: string | null;
  leaveKind?: LeaveKind | null;
}

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const listUsers = (params: UserListParams) => http.get<Page<User>>('/api/users', { ...params });
export const getUser = (id: string) => http.get<User>(userPath(id));
export const createUser = (body: CreateUserBody) =>
  http.post<{ user: User; initialPassword: string }>('/api/users', body);
export const updateUser = (id: string, body: UpdateUserBody) => http.patch<User>(userPath(id), body);
export const assignRoles = (id: string, roleIds: string[]) => http.put<User>(`${userPath(id)}/roles`, { roleIds });
export const disableUser = (id: string, reason: string) => http.post<User>(`${userPath(id)}/disable`, { reason });
export const enableUser = (id: string) => http.post<User>(`${userPath(id)}/enable`);
export const unlockUser = (id: string) => http.post<User>(`${userPath(id)}/unlock`);
export const resetPassword = (id: string) => http.post<InitialPassword>(`${userPath(id)}/reset-password`);
export const listOverdueAccounts = () => http.get<Items<OverdueAccount>>('/api/users/overdue-deprovisioning');

export interface RoleRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface CurrentUser {
  id: string;
  username: string;
  fullName: string;
  employeeNo: string | null;
  company: { id: string; code: string; name: string };
  orgUnit: { id: string; name: string } | null;
  roles: RoleRef[];
  permissions: string[];
  mustChangePassword: boolean;
}

export type UserStatus = 'active' | 'disabled';
export type LeaveKind = 'departure' | 'transfer';

export interface User {
  id: string;
  username: string;
  fullName: string;
  employeeNo: string | null;
  phone: string | null;
  email: string | null;
  orgUnitId: string | null;
  orgUnitName: string | null;
  status: UserStatus;
  locked: boolean;
  mustChangePassword: boolean;
  roles: RoleRef[];
  leaveDate: string | null;
  leaveKind: LeaveKind | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

export type SortOrder = 'asc' | 'desc';

export interface PageParams {
  page: number;
  pageSize: number;
  sort?: string;
  order?: SortOrder;
}

export interface Role extends RoleRef {
  description: string | null;
  permissions: string[];
  userCount: number;
}

export interface Permission {
  code: string;
  module: string;
  nameZh: string;
  nameEn: string;
}

export interface RoleConflict {
  id: string;
  roleA: RoleRef;
  roleB: RoleRef;
  reason: string;
}

export type OrgUnitKind = 'department' | 'unit' | 'team';

export interface OrgUnit {
  id: string;
  parentId: string | null;
  kind: OrgUnitKind;
  code: string;
  name: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

export interface OverdueAccount {
  user: User;
  leaveKind: LeaveKind;
  leaveDate: string;
  dueDate: string;
  overdueWorkingDays: number;
}

export interface InitialPassword {
  initialPassword: string;
}

import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import type { Items, Permission, Role, RoleConflict } from './types';

export const rolesKey = ['roles'] as const;
export const permissionsKey = ['permissions'] as const;
export const roleConflictsKey = ['role-conflicts'] as const;

export const listRoles = () => http.get<Items<Role>>('/api/roles');
export const listPermissions = () => http.get<Items<Permission>>('/api/permissions');
export const listRoleConflicts = () => http.get<Items<RoleConflict>>('/api/role-conflicts');
export const createRoleConflict = (body: { roleAId: string; roleBId: string; reason: string }) =>
  http.post<RoleConflict>('/api/role-conflicts', body);
export const deleteRoleConflict = (id: string) => http.delete<void>(`/api/role-conflicts/${encodeURIComponent(id)}`);

export function useRoles() {
  return useQuery({ queryKey: rolesKey, queryFn: listRoles, select: (data) => data.items });
}

export function usePermissions() {
  return useQuery({
    queryKey: permissionsKey,
    queryFn: listPermissions,
    select: (data) => data.items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

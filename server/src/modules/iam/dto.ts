import type { UserRow } from './users-repo.js';

/** What the API shows of an account: never the hash. */
export function toUserDto(u: UserRow, now: Date = new Date()) {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    employeeNo: u.employeeNo,
    phone: u.phone,
    email: u.email,
    orgUnitId: u.orgUnitId,
    orgUnitName: u.orgUnitName,
    status: u.status,
    locked: u.lockedUntil !== null && new Date(u.lockedUntil) > now,
    mustChangePassword: u.mustChangePassword,
    roles: u.roles,
    leaveDate: u.leaveDate,
    leaveKind: u.leaveKind,
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

export type UserDto = ReturnType<typeof toUserDto>;

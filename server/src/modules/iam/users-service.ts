import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { loadCalendarCovering } from '../../platform/calendar/service.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { requireOrgUnit } from '../org/service.js';
import { toUserDto, type UserDto } from './dto.js';
import { IamError } from './errors.js';
import { generatePassword, hashPassword } from './passwords.js';
import { assertNoConflict, requireRoles } from './roles-service.js';
import { revokeUserSessions } from './sessions-repo.js';
import * as repo from './users-repo.js';

export async function requireUser(db: Queryable, companyId: string, id: string): Promise<repo.UserRow> {
  const user = await repo.findUserById(db, companyId, id);
  if (!user) throw IamError('USER_NOT_FOUND');
  return user;
}

export async function getUser(db: Queryable, companyId: string, id: string): Promise<UserDto> {
  return toUserDto(await requireUser(db, companyId, id));
}

export async function listUsers(db: Queryable, companyId: string, q: repo.UserListQuery) {
  const { rows, total } = await repo.listUsers(db, companyId, q);
  return { items: rows.map((u) => toUserDto(u)), total, page: q.page, pageSize: q.pageSize };
}

export interface NewUserInput {
  username: string;
  fullName: string;
  employeeNo?: string | null;
  phone?: string | null;
  email?: string | null;
  orgUnitId?: string | null;
  roleIds: string[];
  /** Omitted: a random one is generated, shown once, and must be changed at first login. */
  password?: string;
  /** Defaults to true when the password is generated. */
  mustChangePassword?: boolean;
}

export async function createUser(tx: Tx, actor: Actor, input: NewUserInput) {
  if (await repo.usernameExists(tx, input.username)) {
    throw IamError('USERNAME_TAKEN', { field: 'username', vars: { username: input.username } });
  }
  if (input.employeeNo && (await repo.employeeNoExists(tx, actor.companyId, input.employeeNo))) {
    throw IamError('EMPLOYEE_NO_TAKEN', { field: 'employeeNo', vars: { employeeNo: input.employeeNo } });
  }
  if (input.orgUnitId) await requireOrgUnit(tx, actor.companyId, input.orgUnitId);
  const roleIds = [...new Set(input.roleIds)];
  await requireRoles(tx, actor.companyId, roleIds);
  await assertNoConflict(tx, actor.companyId, roleIds);
  const initialPassword = input.password ?? generatePassword();
  const id = await repo.insertUser(tx, {
    companyId: actor.companyId,
    username: input.username,
    fullName: input.fullName,
    employeeNo: input.employeeNo,
    phone: input.phone,
    email: input.email,
    orgUnitId: input.orgUnitId,
    passwordHash: await hashPassword(initialPassword),
    mustChangePassword: input.mustChangePassword ?? input.password === undefined,
  });
  await repo.replaceUserRoles(tx, actor.companyId, id, roleIds, actor.userId);
  const user = toUserDto(await requireUser(tx, actor.companyId, id));
  await recordAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: id, after: user });
  return { user, initialPassword };
}

export interface UserUpdate {
  fullName?: string;
  employeeNo?: string | null;
  phone?: string | null;
  email?: string | null;
  orgUnitId?: string | null;
  leaveDate?: string | null;
  leaveKind?: 'departure' | 'transfer' | null;
}

async function changeUser(tx: Tx, actor: Actor, id: string, action: string, patch: repo.UserPatch): Promise<UserDto> {
  const before = toUserDto(await requireUser(tx, actor.companyId, id));
  await repo.updateUser(tx, actor.companyId, id, patch);
  const after = toUserDto(await requireUser(tx, actor.companyId, id));
  await recordAudit(tx, actor, { action, entityType: 'user', entityId: id, before, after });
  return after;
}

export async function updateUser(tx: Tx, actor: Actor, id: string, input: UserUpdate): Promise<UserDto> {
  await requireUser(tx, actor.companyId, id);
  if (input.employeeNo && (await repo.employeeNoExists(tx, actor.companyId, input.employeeNo, id))) {
    throw IamError('EMPLOYEE_NO_TAKEN', { field: 'employeeNo', vars: { employeeNo: input.employeeNo } });
  }
  if (input.orgUnitId) await requireOrgUnit(tx, actor.companyId, input.orgUnitId);
  return changeUser(tx, actor, id, 'user.update', input);
}

export async function assignRoles(tx: Tx, actor: Actor, id: string, roleIds: string[]): Promise<UserDto> {
  await requireUser(tx, actor.companyId, id);
  const unique = [...new Set(roleIds)];
  await requireRoles(tx, actor.companyId, unique);
  await assertNoConflict(tx, actor.companyId, unique);
  const before = toUserDto(await requireUser(tx, actor.companyId, id));
  await repo.replaceUserRoles(tx, actor.companyId, id, unique, actor.userId);
  const after = toUserDto(await requireUser(tx, actor.companyId, id));
  await recordAudit(tx, actor, {
    action: 'user.assignRoles',
    entityType: 'user',
    entityId: id,
    before: { roles: before.roles },
    after: { roles: after.roles },
  });
  return after;
}

export async function disableUser(tx: Tx, actor: Actor, id: string, reason: string): Promise<UserDto> {
  if (id === actor.userId) throw IamError('CANNOT_DISABLE_SELF');
  await requireUser(tx, actor.companyId, id);
  await revokeUserSessions(tx, actor.companyId, id);
  return changeUser(tx, actor, id, 'user.disable', {
    status: 'disabled',
    disabledAt: new Date(),
    disabledReason: reason,
  });
}

export async function enableUser(tx: Tx, actor: Actor, id: string): Promise<UserDto> {
  return changeUser(tx, actor, id, 'user.enable', { status: 'active', disabledAt: null, disabledReason: null });
}

export async function unlockUser(tx: Tx, actor: Actor, id: string): Promise<UserDto> {
  return changeUser(tx, actor, id, 'user.unlock', { failedLogins: 0, lockedUntil: null });
}

export async function resetPassword(tx: Tx, actor: Actor, id: string): Promise<{ initialPassword: string }> {
  await requireUser(tx, actor.companyId, id);
  const initialPassword = generatePassword();
  await revokeUserSessions(tx, actor.companyId, id);
  await changeUser(tx, actor, id, 'user.resetPassword', {
    passwordHash: await hashPassword(initialPassword),
    mustChangePassword: true,
    failedLogins: 0,
    lockedUntil: null,
    passwordChangedNow: true,
  });
  return { initialPassword };
}

/** IAM-3: accounts still active more than the policy's working days after a transfer or departure. */
export async function overdueDeprovisioning(db: Queryable, companyId: string, today = businessToday()) {
  const days = await policyValue(db, companyId, 'iam.deprovisionWorkingDays', today);
  const candidates = await repo.listUsersWithLeaveDate(db, companyId);
  const calendar = await loadCalendarCovering(db, companyId, [today, ...candidates.map((u) => u.leaveDate!)]);
  return candidates
    .map((u) => {
      const dueDate = calendar.addWorkingDays(u.leaveDate!, days);
      return {
        user: toUserDto(u),
        leaveKind: u.leaveKind,
        leaveDate: u.leaveDate!,
        dueDate,
        overdueWorkingDays: calendar.workingDaysBetween(dueDate, today),
      };
    })
    .filter((x) => x.dueDate < today);
}

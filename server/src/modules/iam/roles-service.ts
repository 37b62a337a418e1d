import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import { IamError } from './errors.js';
import * as repo from './roles-repo.js';
import type { RoleRef } from './users-repo.js';

export function listRoles(db: Queryable, companyId: string) {
  return repo.listRoles(db, companyId);
}

export function listPermissions(db: Queryable) {
  return repo.listPermissions(db);
}

export function listConflicts(db: Queryable, companyId: string) {
  return repo.listConflicts(db, companyId);
}

/** Roles of the actor's company by id; a 404 on the given field if any is unknown. */
export async function requireRoles(db: Queryable, companyId: string, ids: string[], field = 'roleIds') {
  const unique = [...new Set(ids)];
  const found = await repo.findRoles(db, companyId, unique);
  if (found.length !== unique.length) throw IamError('ROLE_NOT_FOUND', { field });
  return found;
}

/** ORG-3: refuses a set of roles that holds a conflicting pair, naming both roles. */
export async function assertNoConflict(db: Queryable, companyId: string, roleIds: string[], field = 'roleIds') {
  const conflict = await repo.firstConflictAmong(db, companyId, roleIds);
  if (!conflict) return;
  // Name the roles in the order the caller listed them.
  const [a, b] =
    roleIds.indexOf(conflict.roleA.id) <= roleIds.indexOf(conflict.roleB.id)
      ? [conflict.roleA, conflict.roleB]
      : [conflict.roleB, conflict.roleA];
  throw IamError('ROLE_CONFLICT', {
    field,
    vars: { a: { zh: a.nameZh, en: a.nameEn }, b: { zh: b.nameZh, en: b.nameEn } },
    details: { roleA: a, roleB: b, reason: conflict.reason },
  });
}

export async function createConflict(
  tx: Tx,
  actor: Actor,
  input: { roleAId: string; roleBId: string; reason: string },
): Promise<repo.ConflictRow> {
  if (input.roleAId === input.roleBId) throw IamError('CONFLICT_SAME_ROLE', { field: 'roleBId' });
  await requireRoles(tx, actor.companyId, [input.roleAId], 'roleAId');
  await requireRoles(tx, actor.companyId, [input.roleBId], 'roleBId');
  const id = await repo.insertConflict(tx, actor.companyId, input.roleAId, input.roleBId, input.reason);
  if (!id) throw IamError('CONFLICT_EXISTS', { field: 'roleBId' });
  const created = (await repo.findConflict(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'role.conflict.create',
    entityType: 'roleConflict',
    entityId: id,
    after: created,
  });
  return created;
}

export async function deleteConflict(tx: Tx, actor: Actor, id: string): Promise<void> {
  const existing = await repo.findConflict(tx, actor.companyId, id);
  if (!existing) throw IamError('CONFLICT_NOT_FOUND');
  await repo.deleteConflict(tx, actor.companyId, id);
  await recordAudit(tx, actor, {
    action: 'role.conflict.delete',
    entityType: 'roleConflict',
    entityId: id,
    before: existing,
  });
}

export type { RoleRef };

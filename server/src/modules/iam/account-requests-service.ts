import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, Principal } from '../../platform/context.js';
import { PlatformError } from '../../platform/errors.js';
import { requireOrgUnit } from '../org/service.js';
import * as repo from './account-requests-repo.js';
import { IamError } from './errors.js';
import { assertNoConflict, requireRoles } from './roles-service.js';
import { usernameExists } from './users-repo.js';
import { createUser } from './users-service.js';

const STATUS_ZH: Record<repo.RequestStatus, string> = {
  submitted: '待部门审批',
  department_approved: '待管理员开通',
  provisioned: '已开通',
  rejected: '已驳回',
};

function toDto(r: repo.AccountRequestRow) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id,
    requestedBy: r.requestedBy,
    fullName: r.fullName,
    username: r.username,
    employeeNo: r.employeeNo,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    roles: r.roles,
    reason: r.reason,
    status: r.status,
    approvedBy: r.approvedBy,
    approvedAt: iso(r.approvedAt),
    decidedAt: iso(r.decidedAt),
    comment: r.comment,
    userId: r.userId,
    createdAt: iso(r.createdAt)!,
  };
}

export type AccountRequestDto = ReturnType<typeof toDto>;

async function requireRequest(db: Queryable, companyId: string, id: string) {
  const r = await repo.findRequest(db, companyId, id);
  if (!r) throw IamError('REQUEST_NOT_FOUND');
  return r;
}

function wrongState(r: repo.AccountRequestRow) {
  return IamError('REQUEST_WRONG_STATE', { vars: { status: { zh: STATUS_ZH[r.status], en: r.status } } });
}

/** Four eyes: whoever asked for an account never approves or provisions it. */
function assertNotRequester(r: repo.AccountRequestRow, actor: Actor) {
  if (r.requestedBy.id === actor.userId) throw IamError('OWN_REQUEST');
}

const canDecide = (p: Principal) =>
  p.permissions.has('iam.accountRequest.approve') || p.permissions.has('iam.accountRequest.provision');

export async function listRequests(
  db: Queryable,
  p: Principal,
  q: { page: number; pageSize: number; status?: repo.RequestStatus },
) {
  // A requester without approval rights sees only their own requests.
  const { rows, total } = await repo.listRequests(db, p.companyId, {
    ...q,
    requestedBy: canDecide(p) ? undefined : p.userId,
  });
  return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
}

export async function getRequest(db: Queryable, p: Principal, id: string) {
  const r = await requireRequest(db, p.companyId, id);
  if (!canDecide(p) && r.requestedBy.id !== p.userId) throw IamError('REQUEST_NOT_FOUND');
  return toDto(r);
}

export interface NewRequest {
  fullName: string;
  username: string;
  employeeNo?: string | null;
  orgUnitId?: string | null;
  roleIds: string[];
  reason: string;
}

export async function createRequest(tx: Tx, actor: Actor, input: NewRequest) {
  if (await usernameExists(tx, input.username)) {
    throw IamError('USERNAME_TAKEN', { field: 'username', vars: { username: input.username } });
  }
  if (input.orgUnitId) await requireOrgUnit(tx, actor.companyId, input.orgUnitId);
  const roleIds = [...new Set(input.roleIds)];
  await requireRoles(tx, actor.companyId, roleIds);
  await assertNoConflict(tx, actor.companyId, roleIds);
  const id = await repo.insertRequest(tx, actor.companyId, {
    requestedBy: actor.userId!,
    fullName: input.fullName,
    username: input.username,
    employeeNo: input.employeeNo ?? null,
    orgUnitId: input.orgUnitId ?? null,
    roleIds,
    reason: input.reason,
  });
  const created = toDto(await requireRequest(tx, actor.companyId, id));
  await recordAudit(tx, actor, {
    action: 'accountRequest.create',
    entityType: 'accountRequest',
    entityId: id,
    after: created,
  });
  return created;
}

async function move(
  tx: Tx,
  actor: Actor,
  r: repo.AccountRequestRow,
  from: repo.RequestStatus[],
  action: string,
  set: Record<string, unknown>,
) {
  if (!(await repo.transition(tx, actor.companyId, r.id, from, set))) throw wrongState(r);
  const after = toDto(await requireRequest(tx, actor.companyId, r.id));
  await recordAudit(tx, actor, { action, entityType: 'accountRequest', entityId: r.id, before: toDto(r), after });
  return after;
}

export async function approveRequest(tx: Tx, actor: Actor, id: string, comment: string | null) {
  const r = await requireRequest(tx, actor.companyId, id);
  assertNotRequester(r, actor);
  if (r.status !== 'submitted') throw wrongState(r);
  return move(tx, actor, r, ['submitted'], 'accountRequest.approve', {
    status: 'department_approved',
    approved_by: actor.userId,
    approved_at: new Date(),
    comment,
  });
}

export async function rejectRequest(tx: Tx, actor: Actor, p: Principal, id: string, comment: string) {
  const r = await requireRequest(tx, actor.companyId, id);
  assertNotRequester(r, actor);
  // The department rejects at its stage; the administrator at the review stage.
  const needed = r.status === 'submitted' ? 'iam.accountRequest.approve' : 'iam.accountRequest.provision';
  if (r.status !== 'submitted' && r.status !== 'department_approved') throw wrongState(r);
  if (!p.permissions.has(needed)) throw PlatformError('FORBIDDEN', { vars: { permission: needed } });
  return move(tx, actor, r, [r.status], 'accountRequest.reject', {
    status: 'rejected',
    decided_by: actor.userId,
    decided_at: new Date(),
    comment,
  });
}

/** IAM-1: the administrator reviews against the conflict table and opens the account. */
export async function provisionRequest(tx: Tx, actor: Actor, id: string) {
  const r = await requireRequest(tx, actor.companyId, id);
  assertNotRequester(r, actor);
  if (r.status !== 'department_approved') throw wrongState(r);
  const { user, initialPassword } = await createUser(tx, actor, {
    username: r.username,
    fullName: r.fullName,
    employeeNo: r.employeeNo,
    orgUnitId: r.orgUnitId,
    roleIds: r.roleIds,
  });
  const request = await move(tx, actor, r, ['department_approved'], 'accountRequest.provision', {
    status: 'provisioned',
    decided_by: actor.userId,
    decided_at: new Date(),
    user_id: user.id,
  });
  return { request, user, initialPassword };
}

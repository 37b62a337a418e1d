import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { loadCalendarCovering } from '../../platform/calendar/service.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import type { PolicyKey } from '../../platform/policy/catalogue/index.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import { mask } from '../customers/fields.js';
import { getAccountProfile } from '../customers/service.js';
import { listOrgUnits, type OrgUnitRow, requireOrgUnit } from '../org/service.js';
import { deadlineOf, type PromiseTerms, timeLeftMs } from './deadline.js';
import { WorkOrderError } from './errors.js';
import * as repo from './repo.js';
import type { AssignInput, BoardQuery, NewWorkOrder, Status, TransitionInput } from './schemas.js';

/** SVC-4: where each status may go by a status change (dispatch happens by assignment or take). */
const NEXT: Record<Status, Status[]> = {
  created: ['cancelled'],
  dispatched: ['appointed', 'arrived', 'cancelled'],
  appointed: ['appointed', 'arrived', 'cancelled'],
  arrived: ['completed', 'notCompleted'],
  notCompleted: ['appointed', 'closed', 'cancelled'],
  completed: ['closed'],
  closed: [],
  cancelled: [],
};
const ENDED: Status[] = ['closed', 'cancelled'];
export const DONE: Status[] = ['completed', 'notCompleted', 'closed', 'cancelled'];

export const STATUS_TEXT: Record<Status, { zh: string; en: string }> = {
  created: { zh: '已受理', en: 'created' },
  dispatched: { zh: '已派单', en: 'dispatched' },
  appointed: { zh: '已预约', en: 'appointed' },
  arrived: { zh: '已到场', en: 'arrived' },
  completed: { zh: '已完成', en: 'completed' },
  notCompleted: { zh: '未完成', en: 'not completed' },
  closed: { zh: '已归档关闭', en: 'closed' },
  cancelled: { zh: '已撤销', en: 'cancelled' },
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function typeDto(t: repo.TypeRow) {
  return {
    code: t.code,
    name: { zh: t.nameZh, en: t.nameEn },
    category: t.category,
    promiseKey: t.promiseKey,
    promiseUnit: t.promiseUnit,
    defaultPriority: t.defaultPriority,
    steps: t.steps,
    active: t.active,
  };
}

export async function listTypes(db: Queryable, companyId: string) {
  return (await repo.listTypes(db, companyId)).map(typeDto);
}

/**
 * SVC-6: time left and breach. The clock of an arrival promise stops at arrival, any other at
 * completion; a paused order's clock stands still; a cancelled order has no promise to keep.
 */
export function promiseState(o: repo.WorkOrderRow, now: Date): { timeLeftMs: number | null; breached: boolean } {
  const order = { deadlineAt: new Date(o.deadlineAt), pausedMs: Number(o.pausedMs), pausedSince: o.pausedSince };
  if (o.status === 'cancelled') return { timeLeftMs: null, breached: false };
  const arrival = o.promise.key.includes('Arrival');
  const stoppedAt = arrival ? (o.arrivedAt ?? o.completedAt) : o.completedAt;
  const endedAt = stoppedAt ?? (DONE.includes(o.status) ? (o.closedAt ?? now) : null);
  if (endedAt) return { timeLeftMs: null, breached: timeLeftMs(order, new Date(endedAt)) < 0 };
  const left = timeLeftMs(order, now);
  return { timeLeftMs: left, breached: left < 0 };
}

export function toDto(o: repo.WorkOrderRow, now = new Date(), whole = false) {
  return {
    id: o.id,
    orderNo: o.orderNo,
    typeCode: o.typeCode,
    typeName: { zh: o.typeNameZh, en: o.typeNameEn },
    channel: o.channel,
    accountId: o.accountId,
    accountNo: o.accountNo,
    callerName: o.callerName,
    phone: whole ? o.phone : mask(o.phone),
    address: o.address,
    contactId: o.contactId,
    serviceApplicationId: o.serviceApplicationId,
    description: o.description,
    priority: o.priority,
    status: o.status,
    orgUnitId: o.orgUnitId,
    orgUnitName: o.orgUnitName,
    teamId: o.teamId,
    teamName: o.teamName,
    technicianId: o.technicianId,
    technicianName: o.technicianName,
    ownerId: o.ownerId,
    ownerName: o.ownerName,
    reportedAt: iso(o.reportedAt)!,
    deadlineAt: iso(o.deadlineAt)!,
    promise: o.promise,
    paused: o.pausedSince !== null,
    pausedSince: iso(o.pausedSince),
    pauseReason: o.pauseReason,
    pausedMs: Number(o.pausedMs),
    ...promiseState(o, now),
    dispatchedAt: iso(o.dispatchedAt),
    appointmentAt: iso(o.appointmentAt),
    arrivedAt: iso(o.arrivedAt),
    completedAt: iso(o.completedAt),
    closedAt: iso(o.closedAt),
    outcomeReason: o.outcomeReason,
    version: o.version,
  };
}

function eventDto(e: repo.EventRow) {
  return { ...e, at: iso(e.at)! };
}

export async function requireOrder(db: Queryable, companyId: string, id: string) {
  const o = await repo.findWorkOrder(db, companyId, id);
  if (!o) throw WorkOrderError('NOT_FOUND');
  return o;
}

/** One order with its events and the time left. */
export async function getWorkOrder(db: Queryable, companyId: string, id: string, now = new Date()) {
  const o = await requireOrder(db, companyId, id);
  const events = await repo.listEvents(db, companyId, id);
  return { ...toDto(o, now, true), events: events.map(eventDto) };
}

/** The promise of a type in force on the day the order is reported. */
async function promiseOf(db: Queryable, companyId: string, type: repo.TypeRow, day: string): Promise<PromiseTerms> {
  const amount = await policyValue(db, companyId, type.promiseKey as PolicyKey, day);
  if (typeof amount !== 'number' || !(amount > 0)) {
    throw new Error(`Policy ${type.promiseKey} of work-order type ${type.code} is not a positive number`);
  }
  return { key: type.promiseKey, unit: type.promiseUnit, amount };
}

/**
 * SVC-1 / SVC-3 / SVC-6: takes a request as a work order. The taker becomes its first-contact owner;
 * the deadline is computed once, now, from the type's promise in the policy and the company's
 * calendar, and never recomputed.
 */
export async function createWorkOrder(tx: Tx, actor: Actor, input: NewWorkOrder, now = new Date()) {
  const { companyId } = actor;
  const type = await repo.findType(tx, companyId, input.typeCode);
  if (!type?.active) throw WorkOrderError('UNKNOWN_TYPE', { field: 'typeCode', vars: { type: input.typeCode } });
  const centre = await requireOrgUnit(tx, companyId, input.orgUnitId);
  if (centre.kind !== 'unit') throw WorkOrderError('NOT_A_CENTRE', { field: 'orgUnitId', vars: { name: centre.name } });

  let who = { accountId: null as string | null, callerName: input.callerName || null, phone: input.phone || null };
  let address = input.address || null;
  if (input.accountId) {
    const profile = await getAccountProfile(tx, companyId, input.accountId, 'accountId');
    who = {
      accountId: profile.account.id,
      callerName: who.callerName ?? profile.customer.name,
      phone: who.phone ?? profile.customer.mobile ?? profile.customer.phone ?? null,
    };
    address = profile.premise.fullAddress;
  } else {
    if (!who.callerName && !who.phone) throw WorkOrderError('WHO_REQUIRED', { field: 'callerName' });
    if (!address) throw WorkOrderError('ADDRESS_REQUIRED', { field: 'address' });
  }
  if (input.contactId && !(await repo.contactExists(tx, companyId, input.contactId))) {
    throw WorkOrderError('CONTACT_NOT_FOUND', { field: 'contactId' });
  }
  if (input.serviceApplicationId) {
    if (type.code !== 'installation') {
      throw WorkOrderError('APPLICATION_NOT_INSTALLATION', { field: 'serviceApplicationId' });
    }
    const app = await repo.findApplication(tx, companyId, input.serviceApplicationId);
    if (!app) throw WorkOrderError('APPLICATION_NOT_FOUND', { field: 'serviceApplicationId' });
    if (app.status !== 'pending' && app.status !== 'scheduled') {
      throw WorkOrderError('APPLICATION_CLOSED', {
        field: 'serviceApplicationId',
        vars: { no: app.applicationNo, status: app.status },
      });
    }
    if (app.status === 'pending') {
      await repo.scheduleApplication(tx, companyId, app.id);
      await recordAudit(tx, actor, {
        action: 'serviceApplication.schedule',
        entityType: 'serviceApplication',
        entityId: app.id,
        before: { status: 'pending' },
        after: { status: 'scheduled' },
      });
    }
  }

  const today = businessToday(now);
  const promise = await promiseOf(tx, companyId, type, today);
  const calendar = await loadCalendarCovering(tx, companyId, [today]);
  const deadlineAt = deadlineOf(calendar, promise, now);
  const serial = await nextDailySerial(tx, companyId, 'workOrder', today);
  const row: repo.NewWorkOrderRow = {
    orderNo: `GD${today.replaceAll('-', '')}-${String(serial).padStart(4, '0')}`,
    typeCode: type.code,
    channel: input.channel,
    ...who,
    address,
    contactId: input.contactId || null,
    serviceApplicationId: input.serviceApplicationId || null,
    description: input.description,
    priority: input.priority ?? type.defaultPriority,
    orgUnitId: centre.id,
    ownerId: actor.userId!,
    reportedAt: now,
    deadlineAt,
    promise,
  };
  const id = await repo.insertWorkOrder(tx, companyId, row);
  await repo.insertEvent(tx, companyId, id, {
    kind: 'created',
    toStatus: 'created',
    actorId: actor.userId,
    actorName: actor.name,
  });
  await recordAudit(tx, actor, { action: 'workOrder.create', entityType: 'workOrder', entityId: id, after: row });
  return getWorkOrder(tx, companyId, id, now);
}

function descendantsOf(units: OrgUnitRow[], id: string): Set<string> {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const u of units) if (u.parentId === out[i]) out.push(u.id);
  return new Set(out);
}

export function requireOpen(o: repo.WorkOrderRow, allowDone = false) {
  if (ENDED.includes(o.status) || (!allowDone && DONE.includes(o.status))) {
    throw WorkOrderError('NOT_OPEN', { vars: { status: STATUS_TEXT[o.status] } });
  }
}

export function requireVersion(o: repo.WorkOrderRow, version: number) {
  if (o.version !== version) throw WorkOrderError('VERSION_CONFLICT', { field: 'version' });
}

/** A user who may be given an order of `centre`: of this company, active, in the centre, allowed to work. */
async function requireWorker(db: Queryable, companyId: string, userId: string, inUnits: Set<string>, field?: string) {
  const r = await db.query<{ id: string; fullName: string; status: string; orgUnitId: string | null }>(
    `SELECT id, full_name AS "fullName", status, org_unit_id AS "orgUnitId" FROM users
      WHERE company_id = $1 AND id = $2`,
    [companyId, userId],
  );
  const user = r.rows[0];
  if (!user) throw WorkOrderError('USER_NOT_FOUND', { field });
  const vars = { name: user.fullName };
  if (user.status !== 'active') throw WorkOrderError('USER_INACTIVE', { field, vars });
  if (!user.orgUnitId || !inUnits.has(user.orgUnitId)) throw WorkOrderError('USER_NOT_IN_CENTRE', { field, vars });
  if (!(await repo.userHasPermission(db, companyId, user.id, 'workorder.work'))) {
    throw WorkOrderError('USER_CANNOT_WORK', { field, vars });
  }
  return user;
}

export async function finish(tx: Tx, actor: Actor, id: string, before: repo.WorkOrderRow, action: string) {
  const after = await getWorkOrder(tx, actor.companyId, id);
  const { events: _events, ...afterRow } = after;
  await recordAudit(tx, actor, {
    action,
    entityType: 'workOrder',
    entityId: id,
    before: toDto(before, new Date(), true),
    after: afterRow,
  });
  return after;
}

/**
 * Dispatch (派单) and reassignment: to a team of the order's centre and/or a technician in it. Every
 * change is an event naming who it moved from and to. The first assignment dispatches the order.
 */
export async function assignWorkOrder(tx: Tx, actor: Actor, id: string, input: AssignInput) {
  const { companyId } = actor;
  const o = await requireOrder(tx, companyId, id);
  requireOpen(o);
  requireVersion(o, input.version);
  if (!input.teamId && !input.technicianId) throw WorkOrderError('ASSIGNEE_REQUIRED', { field: 'technicianId' });
  const units = await listOrgUnits(tx, companyId);
  const inCentre = descendantsOf(units, o.orgUnitId);
  let teamId = input.teamId ?? null;
  if (teamId) {
    const team = units.find((u) => u.id === teamId);
    if (!team) throw WorkOrderError('TEAM_NOT_IN_CENTRE', { field: 'teamId', vars: { name: teamId } });
    if (team.kind !== 'team' || !inCentre.has(team.id)) {
      throw WorkOrderError('TEAM_NOT_IN_CENTRE', { field: 'teamId', vars: { name: team.name } });
    }
  }
  let technicianId: string | null = null;
  if (input.technicianId) {
    const user = await requireWorker(tx, companyId, input.technicianId, inCentre, 'technicianId');
    if (teamId && user.orgUnitId && !descendantsOf(units, teamId).has(user.orgUnitId)) {
      throw WorkOrderError('USER_NOT_IN_TEAM', { field: 'technicianId', vars: { name: user.fullName } });
    }
    const own = units.find((u) => u.id === user.orgUnitId);
    if (!teamId && own?.kind === 'team') teamId = own.id;
    technicianId = user.id;
  }
  if (teamId === o.teamId && technicianId === o.technicianId) throw WorkOrderError('SAME_ASSIGNMENT');
  const reassign = o.teamId !== null || o.technicianId !== null;
  const now = new Date();
  const change: repo.WorkOrderChange = { team_id: teamId, technician_id: technicianId };
  if (o.status === 'created') Object.assign(change, { status: 'dispatched', dispatched_at: now });
  if (!(await repo.updateWorkOrder(tx, companyId, id, o.version, change))) {
    throw WorkOrderError('VERSION_CONFLICT', { field: 'version' });
  }
  await repo.insertEvent(tx, companyId, id, {
    kind: reassign ? 'reassigned' : 'assigned',
    fromStatus: o.status,
    toStatus: change.status ?? o.status,
    fromTeamId: o.teamId,
    toTeamId: teamId,
    fromUserId: o.technicianId,
    toUserId: technicianId,
    reason: input.reason || null,
    actorId: actor.userId,
    actorName: actor.name,
  });
  return finish(tx, actor, id, o, reassign ? 'workOrder.reassign' : 'workOrder.assign');
}

/**
 * A technician or team leader of the centre takes an unassigned order (抢单). Of two at the same
 * moment one wins: the UPDATE only matches an order that is still unassigned at the version read.
 */
export async function takeWorkOrder(tx: Tx, actor: Actor, id: string, version?: number) {
  const { companyId } = actor;
  const o = await requireOrder(tx, companyId, id);
  requireOpen(o);
  const takenBy = async () => (await repo.findWorkOrder(tx, companyId, id))?.technicianName ?? '?';
  if (o.technicianId) throw WorkOrderError('ALREADY_TAKEN', { vars: { name: o.technicianName ?? '?' } });
  if (version !== undefined) requireVersion(o, version);
  const units = await listOrgUnits(tx, companyId);
  const user = await requireWorker(tx, companyId, actor.userId!, descendantsOf(units, o.orgUnitId));
  const own = units.find((u) => u.id === user.orgUnitId);
  const teamId = own?.kind === 'team' ? own.id : o.teamId;
  const change: repo.WorkOrderChange = { team_id: teamId, technician_id: user.id };
  if (o.status === 'created') Object.assign(change, { status: 'dispatched', dispatched_at: new Date() });
  if (!(await repo.updateWorkOrder(tx, companyId, id, o.version, change, { onlyUnassigned: true }))) {
    throw WorkOrderError('ALREADY_TAKEN', { vars: { name: await takenBy() } });
  }
  await repo.insertEvent(tx, companyId, id, {
    kind: 'taken',
    fromStatus: o.status,
    toStatus: change.status ?? o.status,
    fromTeamId: o.teamId,
    toTeamId: teamId,
    toUserId: user.id,
    actorId: actor.userId,
    actorName: actor.name,
  });
  return finish(tx, actor, id, o, 'workOrder.take');
}

/** SVC-6: waiting for the customer stops the promise's clock; a pause needs a reason. */
export async function pauseWorkOrder(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { reason: string; version: number },
  opts: { mayDispatch: boolean },
) {
  const o = await requireOrder(tx, actor.companyId, id);
  if (!opts.mayDispatch && o.technicianId !== actor.userId) throw WorkOrderError('NOT_YOURS');
  requireOpen(o);
  requireVersion(o, input.version);
  if (!input.reason.trim()) throw WorkOrderError('REASON_REQUIRED', { field: 'reason' });
  if (o.pausedSince) throw WorkOrderError('PAUSED', { vars: { reason: o.pauseReason ?? '' } });
  const change = { paused_since: new Date(), pause_reason: input.reason };
  if (!(await repo.updateWorkOrder(tx, actor.companyId, id, o.version, change))) {
    throw WorkOrderError('VERSION_CONFLICT', { field: 'version' });
  }
  await repo.insertEvent(tx, actor.companyId, id, {
    kind: 'paused',
    fromStatus: o.status,
    toStatus: o.status,
    reason: input.reason,
    actorId: actor.userId,
    actorName: actor.name,
  });
  return finish(tx, actor, id, o, 'workOrder.pause');
}

export async function resumeWorkOrder(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { reason: string; version: number },
  opts: { mayDispatch: boolean },
) {
  const o = await requireOrder(tx, actor.companyId, id);
  if (!opts.mayDispatch && o.technicianId !== actor.userId) throw WorkOrderError('NOT_YOURS');
  requireOpen(o, true);
  requireVersion(o, input.version);
  if (!input.reason.trim()) throw WorkOrderError('REASON_REQUIRED', { field: 'reason' });
  if (!o.pausedSince) throw WorkOrderError('NOT_PAUSED');
  const now = new Date();
  const waited = Math.max(0, now.getTime() - new Date(o.pausedSince).getTime());
  const change = { paused_since: null, pause_reason: null, paused_ms: Number(o.pausedMs) + waited };
  if (!(await repo.updateWorkOrder(tx, actor.companyId, id, o.version, change))) {
    throw WorkOrderError('VERSION_CONFLICT', { field: 'version' });
  }
  await repo.insertEvent(tx, actor.companyId, id, {
    kind: 'resumed',
    fromStatus: o.status,
    toStatus: o.status,
    reason: input.reason,
    actorId: actor.userId,
    actorName: actor.name,
  });
  return finish(tx, actor, id, o, 'workOrder.resume');
}

/** SVC-4: a status change along the order's life, with the time it happened recorded. */
export async function transitionWorkOrder(
  tx: Tx,
  actor: Actor,
  id: string,
  input: TransitionInput,
  opts: { mayDispatch: boolean },
) {
  const o = await requireOrder(tx, actor.companyId, id);
  const to = input.to;
  // Completion has its own route (completion.ts): the signature, photos and the type's rules go with it.
  if (to === 'completed') throw WorkOrderError('USE_COMPLETE', { field: 'to' });
  if ((to === 'closed' || to === 'cancelled') && !opts.mayDispatch) throw WorkOrderError('DISPATCH_ONLY');
  if (!opts.mayDispatch && o.technicianId !== actor.userId) throw WorkOrderError('NOT_YOURS');
  requireVersion(o, input.version);
  if (!NEXT[o.status].includes(to)) {
    throw WorkOrderError('BAD_TRANSITION', { field: 'to', vars: { from: STATUS_TEXT[o.status], to: STATUS_TEXT[to] } });
  }
  if (o.pausedSince && to !== 'cancelled') throw WorkOrderError('PAUSED', { vars: { reason: o.pauseReason ?? '' } });
  const reason = input.reason?.trim() || null;
  if ((to === 'notCompleted' || to === 'cancelled') && !reason) {
    throw WorkOrderError('REASON_REQUIRED', { field: 'reason' });
  }
  if (['appointed', 'arrived', 'completed', 'notCompleted'].includes(to) && !o.technicianId) {
    throw WorkOrderError('NOT_ASSIGNED');
  }
  const now = new Date();
  const change: repo.WorkOrderChange = { status: to };
  switch (to) {
    case 'appointed': {
      if (!input.appointmentAt) throw WorkOrderError('APPOINTMENT_REQUIRED', { field: 'appointmentAt' });
      const at = new Date(input.appointmentAt);
      if (at.getTime() < new Date(o.reportedAt).getTime()) {
        throw WorkOrderError('APPOINTMENT_PAST', { field: 'appointmentAt' });
      }
      change.appointment_at = at;
      break;
    }
    case 'arrived':
      change.arrived_at = now;
      break;
    case 'notCompleted':
      change.completed_at = now;
      change.outcome_reason = reason;
      break;
    case 'closed':
    case 'cancelled':
      change.closed_at = now;
      if (to === 'cancelled') {
        change.outcome_reason = reason;
        if (o.pausedSince) {
          Object.assign(change, {
            paused_since: null,
            pause_reason: null,
            paused_ms: Number(o.pausedMs) + Math.max(0, now.getTime() - new Date(o.pausedSince).getTime()),
          });
        }
      }
      break;
  }
  if (!(await repo.updateWorkOrder(tx, actor.companyId, id, o.version, change))) {
    throw WorkOrderError('VERSION_CONFLICT', { field: 'version' });
  }
  await repo.insertEvent(tx, actor.companyId, id, {
    kind: 'status',
    fromStatus: o.status,
    toStatus: to,
    reason,
    actorId: actor.userId,
    actorName: actor.name,
  });
  return finish(tx, actor, id, o, `workOrder.${to}`);
}

/** The dispatch board: a centre's open orders, earliest deadline first, with the time left of each. */
export async function dispatchBoard(db: Queryable, companyId: string, q: BoardQuery, now = new Date()) {
  await requireOrgUnit(db, companyId, q.orgUnitId);
  const { rows, total } = await repo.listBoard(db, companyId, q);
  return { items: rows.map((r) => toDto(r, now)), total, page: q.page, pageSize: q.pageSize };
}

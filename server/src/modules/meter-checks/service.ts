import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { MeterCheckError } from './errors.js';
import * as repo from './repo.js';
import type { DueQuery, HistoryQuery, NewIcCheck, NewSafetyCheck } from './schemas.js';

/** MTR-6: C&I IC-card meters never checked, or last checked mtr.icMeterCheckDays or more ago (by `today + withinDays`). */
export async function icMetersDue(db: Queryable, companyId: string, q: DueQuery, today = businessToday()) {
  const days = await policyValue(db, companyId, 'mtr.icMeterCheckDays', today);
  const { items, total } = await repo.icDue(db, companyId, q, { days, today, dueBy: addDays(today, q.withinDays) });
  return { items, total, page: q.page, pageSize: q.pageSize, checkEveryDays: days };
}

/** MTR-6: an on-site check of a C&I IC-card meter (base reading and remaining volume), by whoever records it. */
export async function recordIcCheck(tx: Tx, actor: Actor, input: NewIcCheck) {
  const meter = await repo.icMeterOf(tx, actor.companyId, input.meterId);
  if (!meter) throw MeterCheckError('NOT_IC_METER', { field: 'meterId' });
  if (input.checkedOn > businessToday()) throw MeterCheckError('FUTURE_DATE', { field: 'checkedOn' });
  const id = await repo.insertIcCheck(tx, actor.companyId, {
    meterId: meter.id,
    accountId: meter.accountId,
    checkedOn: input.checkedOn,
    baseReading: input.baseReading,
    remainingVolume: input.remainingVolume,
    note: input.note ?? null,
    by: actor.userId!,
  });
  const created = await repo.findIcCheck(tx, actor.companyId, id);
  await recordAudit(tx, actor, {
    action: 'meterCheck.icMeter',
    entityType: 'meter',
    entityId: meter.id,
    after: created,
  });
  return created;
}

export async function icChecks(db: Queryable, companyId: string, q: HistoryQuery) {
  const { items, total } = await repo.listIcChecks(db, companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** MTR-7: suspended C&I accounts never checked, or last checked mtr.suspendedSafetyCheckMonths or more ago. */
export async function suspendedDue(db: Queryable, companyId: string, q: DueQuery, today = businessToday()) {
  const months = await policyValue(db, companyId, 'mtr.suspendedSafetyCheckMonths', today);
  const { items, total } = await repo.safetyDue(db, companyId, q, {
    months,
    today,
    dueBy: addDays(today, q.withinDays),
  });
  return { items, total, page: q.page, pageSize: q.pageSize, checkEveryMonths: months };
}

/** MTR-7: the safety check of a suspended C&I account; a hazard needs its description. */
export async function recordSafetyCheck(tx: Tx, actor: Actor, input: NewSafetyCheck) {
  const account = await repo.suspendedCiAccount(tx, actor.companyId, input.accountId);
  if (!account) throw MeterCheckError('NOT_SUSPENDED_CI', { field: 'accountId' });
  if (input.checkedOn > businessToday()) throw MeterCheckError('FUTURE_DATE', { field: 'checkedOn' });
  if (input.result === 'hazard' && !input.note) throw MeterCheckError('HAZARD_NOTE', { field: 'note' });
  const id = await repo.insertSafetyCheck(tx, actor.companyId, {
    accountId: account.id,
    checkedOn: input.checkedOn,
    result: input.result,
    note: input.note ?? null,
    by: actor.userId!,
  });
  const created = await repo.findSafetyCheck(tx, actor.companyId, id);
  await recordAudit(tx, actor, {
    action: 'meterCheck.suspendedSafety',
    entityType: 'account',
    entityId: account.id,
    after: created,
  });
  return created;
}

export async function safetyChecks(db: Queryable, companyId: string, q: HistoryQuery) {
  const { items, total } = await repo.listSafetyChecks(db, companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { fileRequest } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import { type AppError, refuseAll } from '../../platform/errors.js';
import { policyValue } from '../../platform/policy/policy.js';
import { ReadingError } from './errors.js';
import * as repo from './repo.js';
import type {
  BookAccounts,
  BookListQuery,
  BookUpdate,
  NewBook,
  NewPlan,
  PlanListQuery,
  PlanUpdate,
  ReadingListQuery,
} from './schemas.js';

// ---- Books (MTR-3) ----

async function checkReader(db: Queryable, companyId: string, readerId: string | null | undefined, field = 'readerId') {
  if (!readerId) return null;
  const r = await db.query(`SELECT 1 FROM users WHERE company_id = $1 AND id = $2 AND status = 'active'`, [
    companyId,
    readerId,
  ]);
  if (!r.rows.length) throw ReadingError('READER_NOT_FOUND', { field });
  return readerId;
}

export async function requireBook(db: Queryable, companyId: string, id: string, lock = false) {
  const b = await repo.findBook(db, companyId, id, lock);
  if (!b) throw ReadingError('BOOK_NOT_FOUND', { field: 'id' });
  return b;
}

export async function createBook(tx: Tx, actor: Actor, input: NewBook) {
  if (await repo.bookCodeTaken(tx, actor.companyId, input.code)) {
    throw ReadingError('BOOK_CODE_TAKEN', { field: 'code', vars: { code: input.code } });
  }
  const readerId = await checkReader(tx, actor.companyId, input.readerId);
  const row = {
    code: input.code,
    name: input.name,
    area: input.area,
    customerKind: input.customerKind,
    readerId,
    readDay: input.readDay,
    cycleOffset: input.cycleOffset,
    createdBy: actor.userId,
  };
  const id = await repo.insertBook(tx, actor.companyId, row);
  await recordAudit(tx, actor, { action: 'reading.book.create', entityType: 'readingBook', entityId: id, after: row });
  return requireBook(tx, actor.companyId, id);
}

export async function updateBook(tx: Tx, actor: Actor, id: string, input: BookUpdate) {
  const before = await requireBook(tx, actor.companyId, id, true);
  if (before.version !== input.version) throw ReadingError('STALE_VERSION', { field: 'version' });
  const next = {
    name: input.name ?? before.name,
    area: input.area ?? before.area,
    readerId: input.readerId === undefined ? before.readerId : await checkReader(tx, actor.companyId, input.readerId),
    readDay: input.readDay ?? before.readDay,
    cycleOffset: input.cycleOffset ?? before.cycleOffset,
    active: input.active ?? before.active,
  };
  await repo.updateBook(tx, actor.companyId, id, next);
  await recordAudit(tx, actor, {
    action: 'reading.book.update',
    entityType: 'readingBook',
    entityId: id,
    before,
    after: next,
  });
  return requireBook(tx, actor.companyId, id);
}

/** MTR-3: the book's accounts in walking order, replaced as a whole; an account is in one book only. */
export async function setBookAccounts(tx: Tx, actor: Actor, id: string, input: BookAccounts) {
  const book = await requireBook(tx, actor.companyId, id, true);
  if (book.version !== input.version) throw ReadingError('STALE_VERSION', { field: 'version' });
  const errors: AppError[] = [];
  const seenNo = new Set<string>();
  const seenSeq = new Set<number>();
  input.accounts.forEach((a, i) => {
    if (seenNo.has(a.accountNo)) {
      errors.push(
        ReadingError('DUPLICATE_ACCOUNT', { field: `accounts.${i}.accountNo`, vars: { accountNo: a.accountNo } }),
      );
    }
    if (seenSeq.has(a.seq))
      errors.push(ReadingError('DUPLICATE_SEQ', { field: `accounts.${i}.seq`, vars: { seq: a.seq } }));
    seenNo.add(a.accountNo);
    seenSeq.add(a.seq);
  });
  const found = new Map(
    (await repo.accountsByNo(tx, actor.companyId, [...seenNo])).map((a) => [a.accountNo, a] as const),
  );
  input.accounts.forEach((a, i) => {
    const acc = found.get(a.accountNo);
    if (!acc) {
      errors.push(
        ReadingError('ACCOUNT_NOT_FOUND', { field: `accounts.${i}.accountNo`, vars: { accountNo: a.accountNo } }),
      );
    } else if (acc.bookId && acc.bookId !== id) {
      errors.push(
        ReadingError('ACCOUNT_IN_OTHER_BOOK', {
          field: `accounts.${i}.accountNo`,
          vars: { accountNo: a.accountNo, book: acc.bookName ?? '' },
        }),
      );
    }
  });
  if (errors.length) throw refuseAll(errors.slice(0, 50));
  const before = await repo.bookAccountNos(tx, actor.companyId, id);
  await repo.replaceBookAccounts(
    tx,
    actor.companyId,
    id,
    input.accounts.map((a) => ({ accountId: found.get(a.accountNo)!.id, seq: a.seq })),
  );
  await repo.bumpBook(tx, actor.companyId, id);
  await recordAudit(tx, actor, {
    action: 'reading.book.accounts',
    entityType: 'readingBook',
    entityId: id,
    before: { accounts: before.length },
    after: { accounts: input.accounts.length },
  });
  return { ...(await requireBook(tx, actor.companyId, id)), members: input.accounts };
}

export async function getBook(db: Queryable, companyId: string, id: string) {
  const book = await requireBook(db, companyId, id);
  return { ...book, members: await repo.bookAccountNos(db, companyId, id) };
}

export async function listBooks(db: Queryable, companyId: string, q: BookListQuery) {
  const { rows, total } = await repo.listBooks(db, companyId, q);
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}

// ---- Plans (MTR-1, MTR-2) ----

const monthIndex = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
const dayOf = (period: string, day: number) => `${period}-${String(day).padStart(2, '0')}`;

/** MTR-2: whether a book is read in a period, and the planned date (C&I inside the policy's window). */
async function cycleOf(db: Queryable, companyId: string, book: repo.BookRow, period: string) {
  const today = businessToday();
  const residential = book.customerKind === 'residential';
  const cycle = await policyValue(
    db,
    companyId,
    residential ? 'mtr.residentialCycleMonths' : 'mtr.commercialCycleMonths',
    today,
  );
  const first = await policyValue(db, companyId, 'mtr.commercialWindowFirstDay', today);
  const last = await policyValue(db, companyId, 'mtr.commercialWindowLastDay', today);
  const due = monthIndex(period) % cycle === book.cycleOffset % cycle;
  const day = residential ? book.readDay : Math.min(Math.max(book.readDay, first), last);
  return { due, cycle, first, last, plannedOn: dayOf(period, day), residential };
}

function checkPlannedOn(period: string, plannedOn: string, c: { residential: boolean; first: number; last: number }) {
  if (plannedOn.slice(0, 7) !== period) {
    throw ReadingError('PLAN_OUTSIDE_PERIOD', { field: 'plannedOn', vars: { period } });
  }
  const day = Number(plannedOn.slice(8, 10));
  if (!c.residential && (day < c.first || day > c.last)) {
    throw ReadingError('PLAN_OUTSIDE_WINDOW', { field: 'plannedOn', vars: { first: c.first, last: c.last } });
  }
}

export async function requirePlan(db: Queryable, companyId: string, id: string) {
  const p = await repo.findPlan(db, companyId, id);
  if (!p) throw ReadingError('PLAN_NOT_FOUND', { field: 'id' });
  return p;
}

export async function createPlan(tx: Tx, actor: Actor, input: NewPlan) {
  const book = await requireBook(tx, actor.companyId, input.bookId);
  const c = await cycleOf(tx, actor.companyId, book, input.period);
  if (!c.due) {
    throw ReadingError('PLAN_NOT_DUE', {
      field: 'period',
      vars: { book: book.name, period: input.period, cycle: c.cycle },
    });
  }
  const plannedOn = input.plannedOn ?? c.plannedOn;
  checkPlannedOn(input.period, plannedOn, c);
  const readerId =
    input.readerId === undefined ? book.readerId : await checkReader(tx, actor.companyId, input.readerId);
  const row = { bookId: book.id, period: input.period, plannedOn, readerId, createdBy: actor.userId };
  const id = await repo.insertPlan(tx, actor.companyId, row);
  if (!id) throw ReadingError('PLAN_EXISTS', { field: 'period', vars: { period: input.period } });
  await recordAudit(tx, actor, { action: 'reading.plan.create', entityType: 'readingPlan', entityId: id, after: row });
  return requirePlan(tx, actor.companyId, id);
}

/** MTR-1/2: the plans of a period for every active book read in it; books planned already are left alone. */
export async function generatePlans(tx: Tx, actor: Actor, period: string) {
  const created: string[] = [];
  for (const book of await repo.activeBooks(tx, actor.companyId)) {
    const c = await cycleOf(tx, actor.companyId, book, period);
    if (!c.due) continue;
    const id = await repo.insertPlan(tx, actor.companyId, {
      bookId: book.id,
      period,
      plannedOn: c.plannedOn,
      readerId: book.readerId,
      createdBy: actor.userId,
    });
    if (id) created.push(id);
  }
  await recordAudit(tx, actor, {
    action: 'reading.plan.generate',
    entityType: 'readingPlan',
    after: { period, created: created.length },
  });
  return { period, created: created.length };
}

export const PLAN_CHANGE_KIND = 'readingPlanChange';

export interface PlanChangePayload {
  planId: string;
  version: number;
  bookCode: string;
  period: string;
  fromPlannedOn: string;
  plannedOn: string;
  fromReaderId: string | null;
  readerId: string | null;
}

/** The change a plan may take now: not uploaded, the version seen, the date inside the period (MTR-1/2). */
async function checkPlanChange(tx: Tx, companyId: string, id: string, version: number, plannedOn: string) {
  const plan = await repo.lockPlan(tx, companyId, id);
  if (!plan) throw ReadingError('PLAN_NOT_FOUND', { field: 'id' });
  if (plan.version !== version) throw ReadingError('STALE_VERSION', { field: 'version' });
  if (plan.status === 'uploaded') throw ReadingError('PLAN_UPLOADED');
  const book = await requireBook(tx, companyId, plan.bookId);
  checkPlannedOn(plan.period, plannedOn, await cycleOf(tx, companyId, book, plan.period));
  return plan;
}

/**
 * MTR-1: a change of the date or reader of a plan is a written request (reason required) approved by the
 * manager (approval kind readingPlanChange, chain from the policy); the final approval applies it.
 */
export async function requestPlanChange(tx: Tx, actor: Actor, principal: Principal, id: string, input: PlanUpdate) {
  const current = await requirePlan(tx, actor.companyId, id);
  const plannedOn = input.plannedOn ?? current.plannedOn;
  const plan = await checkPlanChange(tx, actor.companyId, id, input.version, plannedOn);
  const readerId =
    input.readerId === undefined ? plan.readerId : await checkReader(tx, actor.companyId, input.readerId);
  const payload: PlanChangePayload = {
    planId: id,
    version: plan.version,
    bookCode: plan.bookCode,
    period: plan.period,
    fromPlannedOn: plan.plannedOn,
    plannedOn,
    fromReaderId: plan.readerId,
    readerId,
  };
  return fileRequest(tx, actor, principal, {
    kind: PLAN_CHANGE_KIND,
    subjectType: 'readingPlan',
    subjectId: id,
    reason: input.reason,
    payload,
  });
}

/** The final approval of a plan change: applied if the plan is still as it was when the request was filed. */
export async function applyPlanChange(tx: Tx, actor: Actor, p: PlanChangePayload) {
  const before = await checkPlanChange(tx, actor.companyId, p.planId, p.version, p.plannedOn);
  await repo.updatePlan(tx, actor.companyId, p.planId, { plannedOn: p.plannedOn, readerId: p.readerId });
  await recordAudit(tx, actor, {
    action: 'reading.plan.update',
    entityType: 'readingPlan',
    entityId: p.planId,
    before: { plannedOn: before.plannedOn, readerId: before.readerId },
    after: { plannedOn: p.plannedOn, readerId: p.readerId },
  });
  return undefined;
}

export async function listPlans(db: Queryable, companyId: string, q: PlanListQuery) {
  const { rows, total } = await repo.listPlans(db, companyId, q);
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}

/** MTR-3: the round of a plan for the handheld; the plan is marked downloaded. */
export async function planSheet(tx: Tx, actor: Actor, id: string) {
  const before = await requirePlan(tx, actor.companyId, id);
  const rows = await repo.sheetRows(tx, actor.companyId, before.bookId, before.period);
  await repo.markDownloaded(tx, actor.companyId, id);
  const plan = before.status === 'planned' ? await requirePlan(tx, actor.companyId, id) : before;
  await recordAudit(tx, actor, {
    action: 'reading.plan.download',
    entityType: 'readingPlan',
    entityId: id,
    after: { period: plan.period, rows: rows.length },
  });
  return { plan, rows: rows.map((r) => ({ ...r, period: plan.period })) };
}

// ---- Readings and the review queue (MTR-4) ----

export async function requireReading(db: Queryable, companyId: string, id: string, lock = false) {
  const r = await repo.findReading(db, companyId, id, lock);
  if (!r) throw ReadingError('READING_NOT_FOUND', { field: 'id' });
  return r;
}

function toDto(r: repo.ReadingRow) {
  return {
    id: r.id,
    accountId: r.accountId,
    accountNo: r.accountNo,
    address: r.address,
    meterId: r.meterId,
    meterSerial: r.meterSerial,
    bookId: r.bookId,
    period: r.period,
    readOn: r.readOn,
    reading: r.reading,
    previousReading: r.previousReading,
    previousReadOn: r.previousReadOn,
    volume: r.volume,
    kind: r.kind,
    status: r.status,
    flags: r.flags,
    comparison: r.comparison,
    source: r.source,
    reason: r.reason,
    replacesId: r.replacesId,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

export async function getReading(db: Queryable, companyId: string, id: string) {
  return toDto(await requireReading(db, companyId, id));
}

export async function listReadings(db: Queryable, companyId: string, q: ReadingListQuery) {
  const { rows, total } = await repo.listReadings(db, companyId, q);
  return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
}

function requireFlagged(r: repo.ReadingRow) {
  if (r.status !== 'flagged') throw ReadingError('NOT_FLAGGED', { vars: { status: r.status } });
}

/** MTR-4: the reviewer accepts a flagged reading as it is; a reading below the last must be corrected. */
export async function acceptReading(tx: Tx, actor: Actor, id: string) {
  const r = await requireReading(tx, actor.companyId, id, true);
  requireFlagged(r);
  if (new Decimal(r.volume).isNegative()) {
    throw ReadingError('CORRECTION_REVERSAL', {
      field: 'reading',
      vars: { reading: r.reading, previous: r.previousReading },
    });
  }
  await repo.setStatus(tx, actor.companyId, id, 'accepted', actor.userId);
  await recordAudit(tx, actor, {
    action: 'reading.accept',
    entityType: 'meterReading',
    entityId: id,
    before: { status: r.status, flags: r.flags },
    after: { status: 'accepted', volume: r.volume },
  });
  return getReading(tx, actor.companyId, id);
}

/**
 * MTR-4: the reviewer corrects a reading (the reason required): a new row of kind 'corrected' supersedes
 * the old one and is accepted; the volume is worked out again (a rollover allowed, a reversal not).
 */
export async function correctReading(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { reading: string; readOn?: string; reason: string },
) {
  const r = await requireReading(tx, actor.companyId, id, true);
  if (r.status !== 'flagged' && r.status !== 'reread')
    throw ReadingError('NOT_FLAGGED', { vars: { status: r.status } });
  if (!input.reason.trim()) throw ReadingError('REASON_REQUIRED', { field: 'reason' });
  const today = businessToday();
  const wrap = new Decimal(await policyValue(tx, actor.companyId, 'mtr.registerWrapAt', today));
  const margin = new Decimal(await policyValue(tx, actor.companyId, 'mtr.rolloverMargin', today));
  const reading = new Decimal(input.reading);
  const previous = new Decimal(r.previousReading);
  const oldMeter = new Decimal(String(r.comparison?.oldMeterVolume ?? 0));
  const flags: string[] = [];
  let volume = reading.minus(previous);
  if (volume.isNegative()) {
    const rollover = previous.gte(wrap.times(new Decimal(1).minus(margin))) && reading.lte(wrap.times(margin));
    if (!rollover) {
      throw ReadingError('CORRECTION_REVERSAL', {
        field: 'reading',
        vars: { reading: input.reading, previous: r.previousReading },
      });
    }
    volume = wrap.minus(previous).plus(reading);
    flags.push('rollover');
  }
  volume = volume.plus(oldMeter);
  if (!oldMeter.isZero()) flags.push('meterChange');
  if (volume.isZero()) flags.push('zeroUse');
  await repo.setStatus(tx, actor.companyId, id, 'superseded', null);
  const newId = await repo.insertCorrection(tx, actor.companyId, r, {
    reading: reading.toFixed(3),
    readOn: input.readOn ?? r.readOn,
    volume: volume.toFixed(3),
    flags,
    reason: input.reason.trim(),
    by: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'reading.correct',
    entityType: 'meterReading',
    entityId: newId,
    before: { id: r.id, reading: r.reading, volume: r.volume, flags: r.flags, status: r.status },
    after: { reading: reading.toFixed(3), volume: volume.toFixed(3), reason: input.reason.trim() },
  });
  return getReading(tx, actor.companyId, newId);
}

/** MTR-4: the reviewer orders a re-read; the next upload for the meter and period replaces this row. */
export async function orderReread(tx: Tx, actor: Actor, id: string, reason: string | undefined) {
  const r = await requireReading(tx, actor.companyId, id, true);
  requireFlagged(r);
  await repo.setStatus(tx, actor.companyId, id, 'reread', null, reason?.trim() || null);
  await recordAudit(tx, actor, {
    action: 'reading.reread',
    entityType: 'meterReading',
    entityId: id,
    before: { status: r.status, flags: r.flags },
    after: { status: 'reread', reason: reason ?? null },
  });
  return getReading(tx, actor.companyId, id);
}

import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { loadCalendarCovering } from '../../platform/calendar/service.js';
import { addDays, businessToday, startOfBusinessDay } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import { mask } from '../customers/fields.js';
import { getAccountProfile } from '../customers/service.js';
import { listOrgUnits, type OrgUnitRow } from '../org/service.js';
import { deadlineOf, type PromiseTerms } from '../work-orders/deadline.js';
import { queueCallback } from './callbacks-create.js';
import { ComplaintError } from './errors.js';
import { type HandlerLevels, levelIndex, levelOf, nextLevel } from './levels.js';
import * as repo from './repo.js';
import type { ComplaintListQuery, NewComplaint, Status } from './schemas.js';
import { handlerSms } from './sms.js';

/** A clock a few minutes ahead of the server's is not "the future". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 86_400_000;
const OPEN: Status[] = ['received', 'handling'];

/** Who is looking: the complainant of a confidential complaint is shown to holders of complaint.confidential and to its handler. */
export interface Viewer {
  userId: string | null;
  seeConfidential: boolean;
}

const STATUS_TEXT: Record<Status, { zh: string; en: string }> = {
  received: { zh: '待处理', en: 'awaiting a handler' },
  handling: { zh: '处理中', en: 'being handled' },
  decided: { zh: '已答复', en: 'answered' },
  closed: { zh: '已办结', en: 'closed' },
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** CMP-1: the handler levels and the level of each grade in force on `day`. */
export function handlerLevels(db: Queryable, companyId: string, day = businessToday()): Promise<HandlerLevels> {
  return policyValue(db, companyId, 'cmp.complaintHandlerLevels', day);
}

function levelName(levels: HandlerLevels, code: string) {
  const l = levelOf(levels, code);
  return l ? { zh: l.zh, en: l.en } : { zh: code, en: code };
}

/** SVC-6: time left until the decision must be communicated; the clock stops when it is. */
export function promiseState(c: Pick<repo.ComplaintRow, 'deadlineAt' | 'communicatedAt'>, now: Date) {
  const deadline = new Date(c.deadlineAt).getTime();
  if (c.communicatedAt) return { timeLeftMs: null, breached: new Date(c.communicatedAt).getTime() > deadline };
  const left = deadline - now.getTime();
  return { timeLeftMs: left, breached: left < 0 };
}

function maskName(name: string | null): string | null {
  if (!name) return null;
  // A fixed tail: the mask does not tell the name's length.
  return `${[...name][0]}**`;
}

/**
 * A complaint as the viewer may see it. CMP-2: a confidential complaint's complainant (name, phone,
 * address, account) is hidden from anyone but holders of complaint.confidential and its handler;
 * otherwise lists show the phone masked and the complaint's own page (`whole`) shows it in full.
 */
export function toDto(c: repo.ComplaintRow, levels: HandlerLevels, viewer: Viewer, now = new Date(), whole = false) {
  const hidden = c.confidential && !viewer.seeConfidential && c.handlerId !== viewer.userId;
  return {
    id: c.id,
    complaintNo: c.complaintNo,
    source: c.source,
    channel: c.channel,
    accountId: hidden ? null : c.accountId,
    // Hidden whole: a partly masked account number still tells the account.
    accountNo: hidden ? (c.accountNo ? '***' : null) : c.accountNo,
    complainantName: hidden ? maskName(c.complainantName) : c.complainantName,
    phone: hidden ? (c.phone ? '***' : null) : whole ? c.phone : mask(c.phone),
    address: hidden ? (c.address ? '***' : null) : c.address,
    confidential: c.confidential,
    masked: hidden,
    // The contact log entry names the caller: hidden with them.
    contactId: hidden ? null : c.contactId,
    subject: c.subject,
    description: c.description,
    subjectUserId: c.subjectUserId,
    subjectUserName: c.subjectUserName,
    subjectOrgUnitId: c.subjectOrgUnitId,
    subjectOrgUnitName: c.subjectOrgUnitName,
    grade: c.grade,
    level: c.level,
    levelName: levelName(levels, c.level),
    handlerId: c.handlerId,
    handlerName: c.handlerName,
    orgUnitId: c.orgUnitId,
    orgUnitName: c.orgUnitName,
    ownerId: c.ownerId,
    ownerName: c.ownerName,
    receivedAt: iso(c.receivedAt)!,
    deadlineAt: iso(c.deadlineAt)!,
    extended: c.extended,
    status: c.status,
    ...promiseState(c, now),
    decision: c.decision,
    communicatedVia: c.communicatedVia,
    communicatedAt: iso(c.communicatedAt),
    closedAt: iso(c.closedAt),
    callbackId: c.callbackId,
    version: c.version,
  };
}

async function requireComplaint(db: Queryable, companyId: string, id: string, forUpdate = false) {
  const c = await repo.findComplaint(db, companyId, id, forUpdate);
  if (!c) throw ComplaintError('NOT_FOUND');
  return c;
}

/** One complaint with its trail, the people who stepped aside, and the levels (for the screen). */
export async function getComplaint(db: Queryable, companyId: string, viewer: Viewer, id: string, now = new Date()) {
  const c = await requireComplaint(db, companyId, id);
  const [levels, events, recused] = await Promise.all([
    handlerLevels(db, companyId),
    repo.listEvents(db, companyId, id),
    repo.recusedUsers(db, companyId, id),
  ]);
  return {
    ...toDto(c, levels, viewer, now, true),
    events: events.map((e) => ({
      ...e,
      fromDeadline: iso(e.fromDeadline),
      toDeadline: iso(e.toDeadline),
      at: iso(e.at)!,
    })),
    recusedUserIds: recused,
    levels: levels.levels.map(({ code, zh, en }) => ({ code, zh, en })),
  };
}

/** The register, a page at a time, each complaint as the viewer may see it. */
export async function listComplaints(
  db: Queryable,
  companyId: string,
  viewer: Viewer,
  q: ComplaintListQuery,
  whole = false,
  now = new Date(),
) {
  const [levels, { rows, total }] = await Promise.all([
    handlerLevels(db, companyId),
    repo.listComplaints(db, companyId, q, viewer, now),
  ]);
  return { items: rows.map((r) => toDto(r, levels, viewer, now, whole)), total, page: q.page, pageSize: q.pageSize };
}

/** The hall or centre a person works in: the nearest unit at or above their team. */
function unitOf(units: OrgUnitRow[], orgUnitId: string | null): string | null {
  const byId = new Map(units.map((u) => [u.id, u]));
  let at = orgUnitId ? byId.get(orgUnitId) : undefined;
  while (at && at.kind === 'team' && at.parentId) at = byId.get(at.parentId);
  return at?.id ?? orgUnitId;
}

/**
 * CMP-1 / CMP-2: a user who may handle a complaint at `levelCode`: of the company, active, holding a
 * role of the level, not the person complained about, and not someone who stepped aside from it.
 */
async function requireHandler(
  db: Queryable,
  companyId: string,
  userId: string,
  levels: HandlerLevels,
  levelCode: string,
  c: { id?: string; subjectUserId: string | null },
  field = 'handlerId',
) {
  const user = await repo.findUserBrief(db, companyId, userId);
  if (!user) throw ComplaintError('USER_NOT_FOUND', { field });
  const vars = { name: user.fullName };
  if (user.status !== 'active') throw ComplaintError('USER_INACTIVE', { field, vars });
  if (c.subjectUserId === user.id) throw ComplaintError('HANDLER_IS_SUBJECT', { field, vars });
  if (c.id && (await repo.recusedUsers(db, companyId, c.id)).includes(user.id)) {
    throw ComplaintError('HANDLER_RECUSED', { field, vars });
  }
  const level = levelOf(levels, levelCode);
  if (!level || !user.roles.some((r) => level.roles.includes(r))) {
    throw ComplaintError('HANDLER_WRONG_LEVEL', { field, vars: { ...vars, level: levelName(levels, levelCode) } });
  }
  return user;
}

/** Whether a user holds a role of the level or of any level above it. */
function holdsLevelOrAbove(levels: HandlerLevels, roles: string[], levelCode: string): boolean {
  const from = Math.max(0, levelIndex(levels, levelCode));
  return levels.levels.slice(from).some((l) => l.roles.some((r) => roles.includes(r)));
}

/** The nearest active holder of a level's roles who may take the complaint, or null. */
async function pickHandler(
  db: Queryable,
  companyId: string,
  levels: HandlerLevels,
  levelCode: string,
  c: { id: string; subjectUserId: string | null; orgUnitId: string | null },
) {
  const level = levelOf(levels, levelCode);
  if (!level) return null;
  const recused = new Set(await repo.recusedUsers(db, companyId, c.id));
  const candidates = await repo.holdersOf(db, companyId, level.roles, c.orgUnitId, 50);
  return candidates.find((u) => u.id !== c.subjectUserId && !recused.has(u.id)) ?? null;
}

/** The people who may be given a complaint at its level now (for the screen's choice). */
export async function eligibleHandlers(db: Queryable, companyId: string, id: string, levelCode?: string) {
  const c = await requireComplaint(db, companyId, id);
  const levels = await handlerLevels(db, companyId);
  const level = levelOf(levels, levelCode ?? c.level);
  if (!level) return [];
  const recused = new Set(await repo.recusedUsers(db, companyId, id));
  const all = await repo.holdersOf(db, companyId, level.roles, c.orgUnitId, 200);
  return all.filter((u) => u.id !== c.subjectUserId && !recused.has(u.id));
}

export function searchStaff(db: Queryable, companyId: string, q?: string) {
  return repo.searchStaff(db, companyId, q || undefined);
}

export interface CreateOptions {
  now?: Date;
  source?: 'intake' | 'callback';
  callbackId?: string | null;
}

/**
 * CMP-1 / CMP-2 / SVC-3 / SVC-6: takes a complaint. Its level comes from its grade by the policy; the
 * deadline is svc.complaintDecisionWorkingDays working days on the company calendar counted from its
 * receipt (which may lie in the past for a forwarded complaint), fixed now. The taker owns it.
 */
export async function createComplaint(tx: Tx, actor: Actor, input: NewComplaint, opts: CreateOptions = {}) {
  const { companyId } = actor;
  const now = opts.now ?? new Date();
  const today = businessToday(now);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw ComplaintError('RECEIVED_IN_FUTURE', { field: 'receivedAt' });
  }
  const maxBack = Number(await policyValue(tx, companyId, 'cmp.complaintReceivedMaxDaysBack', today));
  if (receivedAt.getTime() < now.getTime() - maxBack * DAY_MS) {
    throw ComplaintError('RECEIVED_TOO_EARLY', { field: 'receivedAt', vars: { days: maxBack } });
  }

  let who = {
    accountId: null as string | null,
    complainantName: input.complainantName || null,
    phone: input.phone || null,
    address: input.address || null,
  };
  if (input.accountId) {
    const profile = await getAccountProfile(tx, companyId, input.accountId, 'accountId');
    who = {
      accountId: profile.account.id,
      complainantName: who.complainantName ?? profile.customer.name,
      phone: who.phone ?? profile.customer.mobile ?? profile.customer.phone ?? null,
      address: who.address ?? profile.premise.fullAddress,
    };
  } else if (!who.complainantName && !who.phone) {
    throw ComplaintError('WHO_REQUIRED', { field: 'complainantName' });
  }
  if (input.contactId && !(await repo.contactExists(tx, companyId, input.contactId))) {
    throw ComplaintError('CONTACT_NOT_FOUND', { field: 'contactId' });
  }
  const units = await listOrgUnits(tx, companyId);
  if (input.subjectUserId && !(await repo.findUserBrief(tx, companyId, input.subjectUserId))) {
    throw ComplaintError('SUBJECT_USER_NOT_FOUND', { field: 'subjectUserId' });
  }
  if (input.subjectOrgUnitId && !units.some((u) => u.id === input.subjectOrgUnitId)) {
    throw ComplaintError('SUBJECT_UNIT_NOT_FOUND', { field: 'subjectOrgUnitId' });
  }

  const levels = await handlerLevels(tx, companyId, today);
  const level = levels.grades[input.grade];
  const subject = { subjectUserId: input.subjectUserId || null };
  let handlerId: string | null = null;
  if (input.handlerId) {
    handlerId = (await requireHandler(tx, companyId, input.handlerId, levels, level, subject)).id;
  } else if (actor.userId) {
    const me = await repo.findUserBrief(tx, companyId, actor.userId);
    const mine = levelOf(levels, level);
    if (me && me.id !== subject.subjectUserId && mine && me.roles.some((r) => mine.roles.includes(r))) {
      handlerId = me.id;
    }
  }

  const taker = actor.userId ? await repo.findUserBrief(tx, companyId, actor.userId) : null;
  const promiseDay = businessToday(receivedAt);
  const amount = Number(await policyValue(tx, companyId, 'svc.complaintDecisionWorkingDays', promiseDay));
  const promise: PromiseTerms = { key: 'svc.complaintDecisionWorkingDays', unit: 'workingDays', amount };
  const calendar = await loadCalendarCovering(tx, companyId, [promiseDay, today]);
  const deadlineAt = deadlineOf(calendar, promise, receivedAt);
  const serial = await nextDailySerial(tx, companyId, 'complaint', today);
  const row: repo.NewComplaintRow = {
    complaintNo: `TS${today.replaceAll('-', '')}-${String(serial).padStart(4, '0')}`,
    source: opts.source ?? 'intake',
    channel: input.channel,
    ...who,
    contactId: input.contactId || null,
    subject: input.subject,
    description: input.description,
    subjectUserId: subject.subjectUserId,
    subjectOrgUnitId: input.subjectOrgUnitId || null,
    grade: input.grade,
    level,
    handlerId,
    orgUnitId: unitOf(units, taker?.orgUnitId ?? null),
    ownerId: actor.userId!,
    receivedAt,
    deadlineAt,
    promise,
    confidential: input.confidential ?? false,
    status: handlerId ? 'handling' : 'received',
    callbackId: opts.callbackId ?? null,
  };
  const id = await repo.insertComplaint(tx, companyId, row);
  // CMP-1: a handler named at intake is told by SMS (not the taker who handles it themselves).
  const sms = handlerId
    ? await handlerSms(tx, actor, row, levelName(levels, level), handlerId, 'assigned')
    : { messageId: null, skipped: null };
  await repo.insertEvent(tx, companyId, id, {
    kind: 'created',
    toLevel: level,
    toUserId: handlerId,
    actorId: actor.userId,
    actorName: actor.name,
    smsMessageId: sms.messageId,
    smsSkipped: sms.skipped,
  });
  await recordAudit(tx, actor, {
    action: 'complaint.create',
    entityType: 'complaint',
    entityId: id,
    after: { ...row, smsMessageId: sms.messageId, smsSkipped: sms.skipped },
  });
  return getComplaint(tx, companyId, { userId: actor.userId, seeConfidential: true }, id, now);
}

function requireOpen(c: repo.ComplaintRow) {
  if (!OPEN.includes(c.status)) throw ComplaintError('NOT_OPEN', { vars: { status: STATUS_TEXT[c.status] } });
}

function requireVersion(c: repo.ComplaintRow, version: number) {
  if (c.version !== version) throw ComplaintError('VERSION_CONFLICT', { field: 'version' });
}

async function update(tx: Tx, companyId: string, c: repo.ComplaintRow, change: repo.ComplaintChange) {
  if (!(await repo.updateComplaint(tx, companyId, c.id, c.version, change))) {
    throw ComplaintError('VERSION_CONFLICT', { field: 'version' });
  }
}

async function finish(tx: Tx, actor: Actor, viewer: Viewer, before: repo.ComplaintRow, action: string, extra?: object) {
  const after = await getComplaint(tx, actor.companyId, viewer, before.id);
  const levels = await handlerLevels(tx, actor.companyId);
  const { events: _e, recusedUserIds: _r, levels: _l, ...afterRow } = after;
  await recordAudit(tx, actor, {
    action,
    entityType: 'complaint',
    entityId: before.id,
    before: toDto(before, levels, { userId: null, seeConfidential: true }, new Date(), true),
    after: { ...afterRow, ...extra },
  });
  return after;
}

/** Gives the complaint to a handler of its level (or the caller takes it). */
export async function assignComplaint(
  tx: Tx,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: { handlerId: string; version: number; reason?: string | null },
) {
  const { companyId } = actor;
  const c = await requireComplaint(tx, companyId, id, true);
  requireOpen(c);
  requireVersion(c, input.version);
  const levels = await handlerLevels(tx, companyId);
  const user = await requireHandler(tx, companyId, input.handlerId, levels, c.level, c);
  if (user.id === c.handlerId) throw ComplaintError('SAME_HANDLER', { vars: { name: user.fullName } });
  await update(tx, companyId, c, { handler_id: user.id, status: 'handling' });
  const sms = await handlerSms(tx, actor, c, levelName(levels, c.level), user.id, 'assigned');
  await repo.insertEvent(tx, companyId, id, {
    kind: 'assigned',
    fromLevel: c.level,
    toLevel: c.level,
    fromUserId: c.handlerId,
    toUserId: user.id,
    reason: input.reason || null,
    actorId: actor.userId,
    actorName: actor.name,
    smsMessageId: sms.messageId,
    smsSkipped: sms.skipped,
  });
  return finish(tx, actor, viewer, c, 'complaint.assign', { smsMessageId: sms.messageId, smsSkipped: sms.skipped });
}

/**
 * CMP-1: a complaint beyond the handler's authority goes one level up, with the reason. The new
 * handler is the one named, or the nearest holder of the new level's roles.
 */
export async function escalateComplaint(
  tx: Tx,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: { reason: string; version: number; handlerId?: string | null },
) {
  const { companyId } = actor;
  const c = await requireComplaint(tx, companyId, id, true);
  requireOpen(c);
  requireVersion(c, input.version);
  const levels = await handlerLevels(tx, companyId);
  if (c.handlerId !== actor.userId) {
    const me = actor.userId ? await repo.findUserBrief(tx, companyId, actor.userId) : null;
    if (!me || !holdsLevelOrAbove(levels, me.roles, c.level)) throw ComplaintError('MAY_NOT_ESCALATE');
  }
  if (!input.reason?.trim()) throw ComplaintError('REASON_REQUIRED', { field: 'reason' });
  const next = nextLevel(levels, c.level);
  if (!next) throw ComplaintError('TOP_LEVEL', { vars: { level: levelName(levels, c.level) } });
  const handler = input.handlerId
    ? await requireHandler(tx, companyId, input.handlerId, levels, next.code, c)
    : await pickHandler(tx, companyId, levels, next.code, c);
  await update(tx, companyId, c, {
    level: next.code,
    handler_id: handler?.id ?? null,
    status: handler ? 'handling' : 'received',
  });
  // The new handler is told by SMS; one who keeps it at the higher level already has it.
  const sms =
    handler && handler.id === c.handlerId
      ? { messageId: null, skipped: null }
      : await handlerSms(tx, actor, c, next, handler?.id ?? null, 'escalated');
  await repo.insertEvent(tx, companyId, id, {
    kind: 'escalated',
    fromLevel: c.level,
    toLevel: next.code,
    fromUserId: c.handlerId,
    toUserId: handler?.id ?? null,
    reason: input.reason.trim(),
    actorId: actor.userId,
    actorName: actor.name,
    smsMessageId: sms.messageId,
    smsSkipped: sms.skipped,
  });
  return finish(tx, actor, viewer, c, 'complaint.escalate', { smsMessageId: sms.messageId, smsSkipped: sms.skipped });
}

/**
 * CMP-2 / SVC-6: a deadline that cannot be met is moved only with a reason and the new date the
 * complainant agreed to, later than the current deadline; the decision is then due by that date's end.
 */
export async function extendComplaint(
  tx: Tx,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: { reason?: string | null; agreedDate?: string | null; version: number },
) {
  const { companyId } = actor;
  const c = await requireComplaint(tx, companyId, id, true);
  requireOpen(c);
  requireVersion(c, input.version);
  if (c.handlerId !== actor.userId) throw ComplaintError('NOT_HANDLER');
  const reason = input.reason?.trim();
  if (!reason) throw ComplaintError('REASON_REQUIRED', { field: 'reason' });
  if (!input.agreedDate) throw ComplaintError('EXTENSION_DATE_REQUIRED', { field: 'agreedDate' });
  const deadlineAt = startOfBusinessDay(addDays(input.agreedDate, 1));
  if (deadlineAt.getTime() <= new Date(c.deadlineAt).getTime()) {
    throw ComplaintError('EXTENSION_NOT_LATER', {
      field: 'agreedDate',
      vars: { deadline: businessToday(new Date(new Date(c.deadlineAt).getTime() - 1)) },
    });
  }
  await update(tx, companyId, c, { deadline_at: deadlineAt, extended: true });
  await repo.insertEvent(tx, companyId, id, {
    kind: 'extended',
    fromDeadline: c.deadlineAt,
    toDeadline: deadlineAt,
    reason: `${reason}（投诉人同意延至 ${input.agreedDate}）`,
    actorId: actor.userId,
    actorName: actor.name,
  });
  return finish(tx, actor, viewer, c, 'complaint.extend', { agreedDate: input.agreedDate, reason });
}

/** CMP-2: a handler with a conflict of interest steps aside; they can never be given the complaint again. */
export async function recuseFromComplaint(
  tx: Tx,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: { reason: string; version: number },
) {
  const { companyId } = actor;
  const c = await requireComplaint(tx, companyId, id, true);
  requireOpen(c);
  requireVersion(c, input.version);
  if (!c.handlerId || c.handlerId !== actor.userId) throw ComplaintError('NOT_HANDLER');
  const reason = input.reason?.trim();
  if (!reason) throw ComplaintError('REASON_REQUIRED', { field: 'reason' });
  await repo.insertRecusal(tx, companyId, id, c.handlerId, reason);
  await update(tx, companyId, c, { handler_id: null, status: 'received' });
  await repo.insertEvent(tx, companyId, id, {
    kind: 'recused',
    fromLevel: c.level,
    toLevel: c.level,
    fromUserId: c.handlerId,
    reason,
    actorId: actor.userId,
    actorName: actor.name,
  });
  return finish(tx, actor, viewer, c, 'complaint.recuse', { recusedUserId: c.handlerId, reason });
}

/** SVC-6 / CMP-2: the decision, and how and when it was communicated to the complainant (this stops the clock). */
export async function decideComplaint(
  tx: Tx,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: {
    decision: string;
    communicatedVia: NonNullable<repo.ComplaintRow['communicatedVia']>;
    communicatedAt: string;
    version: number;
  },
) {
  const { companyId } = actor;
  const c = await requireComplaint(tx, companyId, id, true);
  requireOpen(c);
  requireVersion(c, input.version);
  if (!c.handlerId || c.handlerId !== actor.userId) throw ComplaintError('NOT_HANDLER');
  const at = new Date(input.communicatedAt);
  if (at.getTime() < new Date(c.receivedAt).getTime()) {
    throw ComplaintError('COMMUNICATED_BEFORE_RECEIPT', { field: 'communicatedAt' });
  }
  if (at.getTime() > Date.now() + CLOCK_SKEW_MS)
    throw ComplaintError('COMMUNICATED_IN_FUTURE', { field: 'communicatedAt' });
  await update(tx, companyId, c, {
    status: 'decided',
    decision: input.decision,
    communicated_via: input.communicatedVia,
    communicated_at: at,
    decided_by: actor.userId!,
  });
  await repo.insertEvent(tx, companyId, id, {
    kind: 'decided',
    reason: input.decision.length > 200 ? `${input.decision.slice(0, 200)}…` : input.decision,
    actorId: actor.userId,
    actorName: actor.name,
  });
  return finish(tx, actor, viewer, c, 'complaint.decide');
}

/** Closes an answered complaint (its handler or its first taker); a callback (CMP-3) is queued. */
export async function closeComplaint(
  tx: Tx,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: { version: number; note?: string | null },
) {
  const { companyId } = actor;
  const c = await requireComplaint(tx, companyId, id, true);
  if (c.status === 'closed') throw ComplaintError('NOT_OPEN', { vars: { status: STATUS_TEXT[c.status] } });
  if (c.status !== 'decided') throw ComplaintError('NOT_DECIDED');
  requireVersion(c, input.version);
  if (actor.userId !== c.handlerId && actor.userId !== c.ownerId) throw ComplaintError('NOT_HANDLER');
  const now = new Date();
  await update(tx, companyId, c, { status: 'closed', closed_at: now, closed_by: actor.userId! });
  await repo.insertEvent(tx, companyId, id, {
    kind: 'closed',
    reason: input.note || null,
    actorId: actor.userId,
    actorName: actor.name,
  });
  const callbackId = await queueCallback(
    tx,
    actor,
    {
      source: 'complaint',
      complaintId: c.id,
      sourceNo: c.complaintNo,
      topic: `投诉回访：${c.subject}`,
      accountId: c.accountId,
      name: c.complainantName,
      phone: c.phone,
      address: c.address,
      confidential: c.confidential,
      orgUnitId: c.orgUnitId,
    },
    now,
  );
  return finish(tx, actor, viewer, c, 'complaint.close', { queuedCallbackId: callbackId });
}

import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { render } from '../../platform/notify/kinds.js';
import { requireSendableTemplate } from '../../platform/notify/templates-service.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import { OutageError } from './errors.js';
import * as repo from './repo.js';
import type { AreaEntry, ListQuery, OutageInput, OutageUpdate } from './schemas.js';

const HOUR = 3600_000;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const STATUS_TEXT = {
  draft: { zh: '未发布', en: 'not announced' },
  announced: { zh: '已发布', en: 'announced' },
  cancelled: { zh: '已取消', en: 'cancelled' },
} as const;

/** A time as customers read it in an SMS, in Asia/Shanghai: 12月5日 08:00. */
export function shanghaiShort(at: Date): string {
  const d = new Date(at.getTime() + 8 * HOUR);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** The area as one line: 城东区幸福路幸福小区、城西区. */
export function areaText(area: repo.OutageRow['area']): string {
  return area.map((a) => `${a.district}${a.street ?? ''}${a.community ?? ''}`).join('、');
}

function normaliseArea(area: AreaEntry[]): repo.OutageRow['area'] {
  const seen = new Set<string>();
  const out: repo.OutageRow['area'] = [];
  for (const a of area) {
    const entry = {
      district: a.district.trim(),
      street: a.street?.trim() || null,
      community: a.community?.trim() || null,
    };
    const key = JSON.stringify(entry);
    if (!seen.has(key)) out.push(entry);
    seen.add(key);
  }
  return out;
}

export function phaseOf(o: { startsAt: Date; endsAt: Date }, now: Date): 'upcoming' | 'current' | 'ended' {
  if (now.getTime() < new Date(o.startsAt).getTime()) return 'upcoming';
  return now.getTime() < new Date(o.endsAt).getTime() ? 'current' : 'ended';
}

export function toDto(o: repo.OutageRow, now = new Date()) {
  return {
    id: o.id,
    outageNo: o.outageNo,
    kind: o.kind,
    status: o.status,
    area: o.area.map((a) => ({ district: a.district, street: a.street ?? null, community: a.community ?? null })),
    areaText: areaText(o.area),
    startsAt: iso(o.startsAt)!,
    endsAt: iso(o.endsAt)!,
    reason: o.reason,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    note: o.note,
    notifyBy: iso(o.notifyBy)!,
    announcedAt: iso(o.announcedAt),
    announcedByName: o.announcedByName,
    announcedLate: o.announcedLate,
    notifyOverdue: o.status === 'draft' && now.getTime() > new Date(o.notifyBy).getTime(),
    affectedCount: o.affectedCount,
    smsQueued: o.smsQueued,
    smsSkipped: o.smsSkipped,
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    cancelSmsQueued: o.cancelSmsQueued,
    createdByName: o.createdByName,
    createdAt: iso(o.createdAt)!,
    phase: phaseOf(o, now),
    version: o.version,
  };
}
export type OutageDto = ReturnType<typeof toDto>;

async function requireOutage(db: Queryable, companyId: string, id: string, forUpdate = false) {
  const o = await repo.findOutage(db, companyId, id, forUpdate);
  if (!o) throw OutageError('NOT_FOUND');
  return o;
}

export async function getOutage(db: Queryable, companyId: string, id: string, now = new Date()) {
  const o = await requireOutage(db, companyId, id);
  return { ...toDto(o, now), affectedNow: await repo.countCovered(db, companyId, o.area) };
}

export async function listOutages(db: Queryable, companyId: string, q: ListQuery, now = new Date()) {
  const { rows, total } = await repo.listOutages(db, companyId, q, now);
  return { items: rows.map((o) => toDto(o, now)), total, page: q.page, pageSize: q.pageSize };
}

/** SVC-10: the outages an intake warns of — announced, not over, covering the account's premise. */
export async function outagesAffecting(db: Queryable, companyId: string, accountId: string, now = new Date()) {
  if (!(await repo.accountExists(db, companyId, accountId))) {
    throw OutageError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  }
  return { items: (await repo.affectingAccount(db, companyId, accountId, now)).map((o) => toDto(o, now)) };
}

/**
 * SVC-10 / policy: when customers must be told. A planned outage is announced at least
 * svc.plannedOutageNoticeHours before it starts; an emergency one within svc.emergencyOutageNoticeHours
 * of its start (or of its registration, when it is registered after it began).
 */
async function notifyByOf(db: Queryable, companyId: string, kind: 'planned' | 'emergency', startsAt: Date, now: Date) {
  const today = businessToday(now);
  if (kind === 'planned') {
    const hours = Number(await policyValue(db, companyId, 'svc.plannedOutageNoticeHours', today));
    return { hours, notifyBy: new Date(startsAt.getTime() - hours * HOUR) };
  }
  const hours = Number(await policyValue(db, companyId, 'svc.emergencyOutageNoticeHours', today));
  return { hours, notifyBy: new Date(startsAt.getTime() + hours * HOUR) };
}

function plannedTooLate(hours: number, notifyBy: Date, field = 'startsAt') {
  return OutageError('PLANNED_TOO_LATE', { field, vars: { hours, latest: shanghaiShort(notifyBy) } });
}

async function checked(db: Queryable, companyId: string, input: OutageInput, now: Date) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) throw OutageError('ENDS_BEFORE_START', { field: 'endsAt' });
  if (endsAt.getTime() <= now.getTime()) {
    throw OutageError('ALREADY_ENDED', { field: 'endsAt', vars: { end: shanghaiShort(endsAt) } });
  }
  const { hours, notifyBy } = await notifyByOf(db, companyId, input.kind, startsAt, now);
  // A planned outage that could not be announced in time anymore is refused at once, not at announcing.
  if (input.kind === 'planned' && now.getTime() > notifyBy.getTime()) throw plannedTooLate(hours, notifyBy);
  return {
    kind: input.kind,
    area: normaliseArea(input.area),
    startsAt,
    endsAt,
    reason: input.reason,
    contactName: input.contactName?.trim() || null,
    contactPhone: input.contactPhone,
    note: input.note?.trim() || null,
    notifyBy,
  };
}

export async function createOutage(tx: Tx, actor: Actor, input: OutageInput, now = new Date()) {
  const { companyId } = actor;
  const fields = await checked(tx, companyId, input, now);
  const today = businessToday(now);
  const serial = await nextDailySerial(tx, companyId, 'outage', today);
  const row: repo.NewOutageRow = {
    outageNo: `TQ${today.replaceAll('-', '')}-${String(serial).padStart(2, '0')}`,
    ...fields,
    createdBy: actor.userId!,
  };
  const id = await repo.insertOutage(tx, companyId, row);
  await recordAudit(tx, actor, { action: 'outage.create', entityType: 'outage', entityId: id, after: row });
  return getOutage(tx, companyId, id, now);
}

function requireDraft(o: repo.OutageRow, version: number) {
  if (o.status === 'cancelled') throw OutageError('ALREADY_CANCELLED');
  if (o.status !== 'draft') throw OutageError('NOT_DRAFT', { vars: { status: STATUS_TEXT[o.status] } });
  if (o.version !== version) throw OutageError('VERSION_CONFLICT', { field: 'version' });
}

export async function updateOutage(tx: Tx, actor: Actor, id: string, input: OutageUpdate, now = new Date()) {
  const { companyId } = actor;
  const before = await requireOutage(tx, companyId, id, true);
  requireDraft(before, input.version);
  const f = await checked(tx, companyId, input, now);
  const ok = await repo.updateOutage(tx, companyId, id, input.version, {
    kind: f.kind,
    area: JSON.stringify(f.area),
    starts_at: f.startsAt,
    ends_at: f.endsAt,
    reason: f.reason,
    contact_name: f.contactName,
    contact_phone: f.contactPhone,
    note: f.note,
    notify_by: f.notifyBy,
  });
  if (!ok) throw OutageError('VERSION_CONFLICT', { field: 'version' });
  const after = await getOutage(tx, companyId, id, now);
  await recordAudit(tx, actor, {
    action: 'outage.update',
    entityType: 'outage',
    entityId: id,
    before: toDto(before, now),
    after,
  });
  return after;
}

/**
 * SVC-10: announcing an outage tells every covered account by SMS (the outageNotice template),
 * queued set-based in this transaction; the counts are kept on the outage. A planned outage
 * announced later than svc.plannedOutageNoticeHours before its start is refused; an emergency one
 * notified after its deadline is still sent, and marked late.
 */
export async function announceOutage(tx: Tx, actor: Actor, id: string, version: number, now = new Date()) {
  const { companyId } = actor;
  const o = await requireOutage(tx, companyId, id, true);
  requireDraft(o, version);
  if (new Date(o.endsAt).getTime() <= now.getTime()) {
    throw OutageError('ALREADY_ENDED', { vars: { end: shanghaiShort(new Date(o.endsAt)) } });
  }
  const late = now.getTime() > new Date(o.notifyBy).getTime();
  if (o.kind === 'planned' && late) {
    const hours = Math.round((new Date(o.startsAt).getTime() - new Date(o.notifyBy).getTime()) / HOUR);
    throw plannedTooLate(hours, new Date(o.notifyBy), 'version');
  }
  const { kind, template } = await requireSendableTemplate(tx, companyId, 'outageNotice', 'sms');
  const variables = {
    area: areaText(o.area),
    start: shanghaiShort(new Date(o.startsAt)),
    end: shanghaiShort(new Date(o.endsAt)),
    reason: o.reason,
  };
  const rendered = render(template.body, variables, kind.variables);
  const counts = await repo.queueOutageSms(tx, companyId, id, { variables, rendered, createdBy: actor.userId });
  const ok = await repo.updateOutage(tx, companyId, id, version, {
    status: 'announced',
    announced_at: now,
    announced_by: actor.userId,
    announced_late: late,
    affected_count: counts.affected,
    sms_queued: counts.queued,
    sms_skipped: counts.skipped,
  });
  if (!ok) throw OutageError('VERSION_CONFLICT', { field: 'version' });
  await recordAudit(tx, actor, {
    action: 'outage.announce',
    entityType: 'outage',
    entityId: id,
    before: { status: o.status },
    after: { status: 'announced', late, ...counts, text: rendered },
  });
  return getOutage(tx, companyId, id, now);
}

/** SVC-10: the cancellation SMS to those told of the outage, or none when the company switched the template off. */
async function queueCancellation(tx: Tx, actor: Actor, o: repo.OutageRow) {
  let sendable: Awaited<ReturnType<typeof requireSendableTemplate>>;
  try {
    sendable = await requireSendableTemplate(tx, actor.companyId, 'outageCancelled', 'sms');
  } catch (err) {
    if (err instanceof AppError && (err.code === 'TEMPLATE_DISABLED' || err.code === 'TEMPLATE_NOT_FOUND')) {
      return { queued: 0, skipped: 'templateDisabled' as const };
    }
    throw err;
  }
  const variables = {
    area: areaText(o.area),
    start: shanghaiShort(new Date(o.startsAt)),
    end: shanghaiShort(new Date(o.endsAt)),
  };
  const text = render(sendable.template.body, variables, sendable.kind.variables);
  const queued = await repo.queueCancelSms(tx, actor.companyId, o.id, {
    variables,
    rendered: text,
    createdBy: actor.userId,
  });
  return { queued, text };
}

/**
 * SVC-10: cancels an outage with a reason. One that was announced and has not ended yet tells everyone its
 * notice was queued to that it is off (the outageCancelled template), set-based in this transaction; the
 * outage keeps how many. A company that switched the template off still cancels: none are queued, and the
 * audit entry says why.
 */
export async function cancelOutage(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
  now = new Date(),
) {
  const { companyId } = actor;
  const o = await requireOutage(tx, companyId, id, true);
  if (o.status === 'cancelled') throw OutageError('ALREADY_CANCELLED');
  if (o.version !== input.version) throw OutageError('VERSION_CONFLICT', { field: 'version' });
  let cancelSms: { queued: number; text?: string; skipped?: 'templateDisabled' } | null = null;
  if (o.status === 'announced' && new Date(o.endsAt).getTime() > now.getTime()) {
    cancelSms = await queueCancellation(tx, actor, o);
  }
  const ok = await repo.updateOutage(tx, companyId, id, input.version, {
    status: 'cancelled',
    cancelled_at: now,
    cancel_reason: input.reason,
    ...(cancelSms ? { cancel_sms_queued: cancelSms.queued } : {}),
  });
  if (!ok) throw OutageError('VERSION_CONFLICT', { field: 'version' });
  await recordAudit(tx, actor, {
    action: 'outage.cancel',
    entityType: 'outage',
    entityId: id,
    before: { status: o.status },
    after: {
      status: 'cancelled',
      reason: input.reason,
      ...(cancelSms ? { cancelSmsQueued: cancelSms.queued, text: cancelSms.text, smsSkipped: cancelSms.skipped } : {}),
    },
  });
  return getOutage(tx, companyId, id, now);
}

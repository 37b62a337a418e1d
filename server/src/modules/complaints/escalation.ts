import type { Db, Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { type HandlerLevels, levelOf, nextLevel } from './levels.js';
import * as repo from './repo.js';
import { handlerLevels } from './service.js';
import { type HandlerSms, handlerSms } from './sms.js';

const systemActor = (companyId: string): Actor => ({ companyId, userId: null, name: 'system' });

/** Beijing time of an instant, for the trail's wording. */
function shanghai(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

async function pick(db: Queryable, companyId: string, levels: HandlerLevels, code: string, c: repo.ComplaintRow) {
  const level = levelOf(levels, code);
  if (!level) return null;
  // The handler keeps it when they hold a role of the new level too.
  if (c.handlerId) {
    const me = await repo.findUserBrief(db, companyId, c.handlerId);
    if (me?.status === 'active' && me.roles.some((r) => level.roles.includes(r))) return me;
  }
  const recused = new Set(await repo.recusedUsers(db, companyId, c.id));
  const candidates = await repo.holdersOf(db, companyId, level.roles, c.orgUnitId, 50);
  return candidates.find((u) => u.id !== c.subjectUserId && !recused.has(u.id)) ?? null;
}

/**
 * CMP-1 / SVC-6: a complaint whose decision was not communicated by its deadline goes one level up,
 * to the nearest handler of that level — once per breach: the key of complaint_breaches is the missed
 * deadline, so running again (or on a second instance) writes nothing, and only a complaint extended
 * and missed again escalates again. Each escalation is an event of the complaint and an audit entry,
 * in one transaction per complaint.
 */
export async function checkComplaintDeadlines(db: Db, companyId: string, now: Date = new Date()) {
  const ids = await repo.breachedUnescalated(db, companyId, now);
  let escalated = 0;
  let atTop = 0;
  if (!ids.length) return { escalated, atTop };
  const levels = await handlerLevels(db, companyId, businessToday(now));
  for (const id of ids) {
    await db.tx(async (tx) => {
      const c = await repo.findComplaint(tx, companyId, id, true);
      if (!c || !['received', 'handling'].includes(c.status) || new Date(c.deadlineAt).getTime() >= now.getTime()) {
        return;
      }
      const next = nextLevel(levels, c.level);
      const toLevel = next?.code ?? c.level;
      const handler = next ? await pick(tx, companyId, levels, toLevel, c) : null;
      const ins = await tx.query(
        `INSERT INTO complaint_breaches (company_id, complaint_id, deadline_at, from_level, to_level, to_user_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [companyId, c.id, c.deadlineAt, c.level, toLevel, next ? (handler?.id ?? null) : c.handlerId, now],
      );
      if (!ins.rowCount) return;
      const actor = systemActor(companyId);
      const deadline = shanghai(new Date(c.deadlineAt));
      if (next) {
        const ok = await repo.updateComplaint(tx, companyId, c.id, c.version, {
          level: next.code,
          handler_id: handler?.id ?? null,
          status: handler ? 'handling' : 'received',
        });
        if (!ok) throw new Error(`complaint ${c.id} changed while it was escalated`);
      }
      const levelText = next ? next.zh : (levelOf(levels, c.level)?.zh ?? c.level);
      // CMP-1: the new handler is told by SMS, in this transaction; one who keeps it already has it.
      const sms: HandlerSms =
        next && handler?.id !== c.handlerId
          ? await handlerSms(tx, actor, c, next, handler?.id ?? null, 'breached')
          : { messageId: null, skipped: null };
      await repo.insertEvent(tx, companyId, c.id, {
        kind: next ? 'escalated' : 'breached',
        fromLevel: c.level,
        toLevel,
        fromUserId: c.handlerId,
        toUserId: next ? (handler?.id ?? null) : c.handlerId,
        fromDeadline: c.deadlineAt,
        reason: next
          ? `超过答复时限（${deadline}）未答复，自动升级至「${levelText}」${handler ? `：${handler.fullName}` : '（未找到处理人）'}`
          : `超过答复时限（${deadline}）未答复，已在最高层级「${levelText}」`,
        actorId: null,
        actorName: actor.name,
        at: now,
        smsMessageId: sms.messageId,
        smsSkipped: sms.skipped,
      });
      await recordAudit(tx, actor, {
        action: next ? 'complaint.escalate' : 'complaint.breach',
        entityType: 'complaint',
        entityId: c.id,
        before: { level: c.level, handlerId: c.handlerId },
        after: {
          complaintNo: c.complaintNo,
          level: toLevel,
          handlerId: next ? (handler?.id ?? null) : c.handlerId,
          deadlineAt: new Date(c.deadlineAt),
          automatic: true,
          smsMessageId: sms.messageId,
          smsSkipped: sms.skipped,
        },
      });
      if (next) escalated++;
      else atTop++;
    });
  }
  return { escalated, atTop };
}

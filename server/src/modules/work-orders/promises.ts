import type { Db, Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, businessToday, startOfBusinessDay } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { sendMessage } from '../../platform/notify/messages-service.js';
import { pageClause } from '../../platform/paging.js';
import { policyValue } from '../../platform/policy/policy.js';
import { timeLeftMs } from './deadline.js';
import * as repo from './repo.js';
import { DONE, promiseState } from './service.js';

export type EscalationLevel = 'warning' | 'teamHead' | 'centreManager';

const LEVEL_TEXT: Record<EscalationLevel, string> = {
  warning: '即将超时预警',
  teamHead: '已超时，升级至班组长',
  centreManager: '超时未办结，升级至中心主任',
};

/** The role told at each level, found from the order's team (or centre) upwards. */
const LEVEL_ROLE: Record<EscalationLevel, string> = {
  warning: 'team_leader',
  teamHead: 'team_leader',
  centreManager: 'centre_director',
};

const systemActor = (companyId: string): Actor => ({ companyId, userId: null, name: 'system' });

/** Whether the promise's clock still runs: open, not paused, and (for an arrival promise) not yet arrived. */
function clockRunning(o: repo.WorkOrderRow): boolean {
  if (DONE.includes(o.status) || o.pausedSince) return false;
  const arrival = o.promise.key.includes('Arrival');
  return !(arrival ? (o.arrivedAt ?? o.completedAt) : o.completedAt);
}

/** The nearest active holder of a role in the unit or above it. */
async function headOf(db: Queryable, companyId: string, unitId: string | null, role: string) {
  if (!unitId) return null;
  const r = await db.query<{ id: string; name: string; phone: string | null }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, 0 AS depth FROM org_units WHERE company_id = $1 AND id = $2
       UNION ALL
       SELECT o.id, o.parent_id, up.depth + 1 FROM org_units o JOIN up ON o.company_id = $1 AND o.id = up.parent_id
     )
     SELECT u.id, u.full_name AS name, u.phone
       FROM up
       JOIN users u ON u.company_id = $1 AND u.org_unit_id = up.id AND u.status = 'active'
       JOIN user_roles ur ON ur.company_id = $1 AND ur.user_id = u.id
       JOIN roles ro ON ro.company_id = $1 AND ro.id = ur.role_id AND ro.code = $3
      ORDER BY up.depth, u.username
      LIMIT 1`,
    [companyId, unitId, role],
  );
  return r.rows[0] ?? null;
}

/** A time as staff read it in an SMS, in Asia/Shanghai: 12月4日 10:40. */
export function shanghaiShort(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

const MOBILE = /^1[3-9]\d{9}$/;

export type SmsSkipped = 'noRecipient' | 'noPhone' | 'badPhone' | 'templateDisabled';

/**
 * SVC-6: the SMS to the person warned or escalated to, queued in the escalation's own transaction
 * (the outbox delivers it once that commits). Without one to send to, the escalation row records why.
 */
async function escalationSms(
  tx: Tx,
  actor: Actor,
  o: repo.WorkOrderRow,
  level: EscalationLevel,
  to: { id: string; name: string; phone: string | null } | null,
): Promise<{ messageId: string | null; skipped: SmsSkipped | null }> {
  if (!to) return { messageId: null, skipped: 'noRecipient' };
  const phone = to.phone?.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '') ?? '';
  if (!phone) return { messageId: null, skipped: 'noPhone' };
  if (!MOBILE.test(phone)) return { messageId: null, skipped: 'badPhone' };
  try {
    const m = await sendMessage(tx, actor, {
      channel: 'sms',
      templateCode: 'workOrderEscalation',
      recipient: phone,
      customerRef: null,
      variables: {
        staffName: to.name,
        orderNo: o.orderNo,
        orderType: o.typeNameZh,
        address: o.address?.trim() || '地址未登记',
        level: LEVEL_TEXT[level],
        deadline: shanghaiShort(new Date(new Date(o.deadlineAt).getTime() + Number(o.pausedMs))),
      },
    });
    return { messageId: m.id, skipped: null };
  } catch (err) {
    // A company that switched the template off (or never had it) still gets its escalation written.
    if (err instanceof AppError && (err.code === 'TEMPLATE_DISABLED' || err.code === 'TEMPLATE_NOT_FOUND')) {
      return { messageId: null, skipped: 'templateDisabled' };
    }
    throw err;
  }
}

/** The levels an order has reached at `now`, given the policy. */
export function levelsDue(
  o: repo.WorkOrderRow,
  now: Date,
  policy: { warnPercent: number; stepMinutes: number },
): EscalationLevel[] {
  if (!clockRunning(o)) return [];
  const left = timeLeftMs(
    { deadlineAt: new Date(o.deadlineAt), pausedMs: Number(o.pausedMs), pausedSince: o.pausedSince },
    now,
  );
  const total = new Date(o.deadlineAt).getTime() - new Date(o.reportedAt).getTime();
  const levels: EscalationLevel[] = [];
  if (total - left >= (total * policy.warnPercent) / 100) levels.push('warning');
  if (left < 0) levels.push('teamHead');
  if (left <= -policy.stepMinutes * 60_000) levels.push('centreManager');
  return levels;
}

/**
 * SVC-6: warns before a breach and escalates on it, for one company's open, running orders. Each
 * level is written once per order (the key of work_order_escalations), with its event and audit
 * entry in one transaction; running it again, or on two instances at once, writes nothing twice.
 */
export async function checkPromises(db: Db, companyId: string, now: Date = new Date()) {
  const today = businessToday(now);
  const policy = {
    warnPercent: Number(await policyValue(db, companyId, 'svc.breachWarningPercent', today)),
    stepMinutes: Number(await policyValue(db, companyId, 'svc.escalationStepMinutes', today)),
  };
  const open = await repo.listWhere(
    db,
    companyId,
    `w.status NOT IN ('completed', 'notCompleted', 'closed', 'cancelled') AND w.paused_since IS NULL
     AND NOT EXISTS (SELECT 1 FROM work_order_escalations e
                      WHERE e.company_id = w.company_id AND e.work_order_id = w.id AND e.level = 'centreManager')`,
  );
  const written: Record<EscalationLevel, number> = { warning: 0, teamHead: 0, centreManager: 0 };
  const existing = new Set(
    open.length
      ? (
          await db.query<{ id: string; level: string }>(
            `SELECT work_order_id AS id, level FROM work_order_escalations
              WHERE company_id = $1 AND work_order_id = ANY($2::uuid[])`,
            [companyId, open.map((o) => o.id)],
          )
        ).rows.map((r) => `${r.id}:${r.level}`)
      : [],
  );
  for (const seen of open) {
    if (!levelsDue(seen, now, policy).some((level) => !existing.has(`${seen.id}:${level}`))) continue;
    await db.tx(async (tx) => {
      // Read again under a lock: the order may have been completed or paused since the list was read.
      const o = await repo.findWorkOrder(tx, companyId, seen.id, true);
      if (!o) return;
      for (const level of levelsDue(o, now, policy)) {
        if (existing.has(`${o.id}:${level}`)) continue;
        const to = await headOf(
          tx,
          companyId,
          level === 'centreManager' ? o.orgUnitId : (o.teamId ?? o.orgUnitId),
          LEVEL_ROLE[level],
        );
        const ins = await tx.query(
          `INSERT INTO work_order_escalations (company_id, work_order_id, level, to_user_id, at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [companyId, o.id, level, to?.id ?? null, now],
        );
        if (!ins.rowCount) continue;
        const actor = systemActor(companyId);
        const sms = await escalationSms(tx, actor, o, level, to);
        await tx.query(
          `UPDATE work_order_escalations SET sms_message_id = $4, sms_skipped = $5
            WHERE company_id = $1 AND work_order_id = $2 AND level = $3`,
          [companyId, o.id, level, sms.messageId, sms.skipped],
        );
        await repo.insertEvent(tx, companyId, o.id, {
          kind: level === 'warning' ? 'warned' : 'escalated',
          fromStatus: o.status,
          toStatus: o.status,
          toUserId: to?.id ?? null,
          reason: to ? `${LEVEL_TEXT[level]}：${to.name}` : `${LEVEL_TEXT[level]}（未找到负责人）`,
          actorId: null,
          actorName: actor.name,
          at: now,
        });
        await recordAudit(tx, actor, {
          action: `workOrder.${level === 'warning' ? 'warn' : 'escalate'}`,
          entityType: 'workOrder',
          entityId: o.id,
          after: {
            orderNo: o.orderNo,
            level,
            toUserId: to?.id ?? null,
            deadlineAt: new Date(o.deadlineAt),
            smsMessageId: sms.messageId,
            smsSkipped: sms.skipped,
          },
        });
        written[level]++;
      }
    });
  }
  return written;
}

export interface EscalationQuery {
  page: number;
  pageSize: number;
}

/** Open escalations (breached orders still open) of the caller's unit and below, or sent to the caller. */
export async function listEscalations(
  db: Queryable,
  caller: { companyId: string; userId: string },
  q: EscalationQuery,
  now: Date = new Date(),
) {
  const scope = `WITH RECURSIVE mine AS (
      SELECT org_unit_id AS id FROM users WHERE company_id = $1 AND id = $2 AND org_unit_id IS NOT NULL
      UNION
      SELECT o.id FROM org_units o JOIN mine ON o.company_id = $1 AND o.parent_id = mine.id
    )`;
  const from = `FROM work_order_escalations e
      JOIN work_orders w ON w.company_id = e.company_id AND w.id = e.work_order_id
      LEFT JOIN users u ON u.company_id = e.company_id AND u.id = e.to_user_id
     WHERE e.company_id = $1 AND e.level <> 'warning'
       AND w.status NOT IN ('completed', 'notCompleted', 'closed', 'cancelled')
       AND (e.to_user_id = $2 OR w.org_unit_id IN (SELECT id FROM mine) OR w.team_id IN (SELECT id FROM mine))`;
  const params = [caller.companyId, caller.userId];
  const [total, rows] = await Promise.all([
    db.query<{ n: number }>(`${scope} SELECT count(*)::int AS n ${from}`, params),
    db.query<{
      workOrderId: string;
      level: EscalationLevel;
      toUserId: string | null;
      toUserName: string | null;
      at: Date;
    }>(
      `${scope} SELECT e.work_order_id AS "workOrderId", e.level, e.to_user_id AS "toUserId",
              u.full_name AS "toUserName", e.at
         ${from} ORDER BY e.at DESC, e.work_order_id, e.level ${pageClause(q)}`,
      params,
    ),
  ]);
  const ids = [...new Set(rows.rows.map((r) => r.workOrderId))];
  const orders = ids.length ? await repo.listWhere(db, caller.companyId, 'w.id = ANY($2::uuid[])', [ids]) : [];
  const byId = new Map(orders.map((o) => [o.id, o]));
  const items = rows.rows.map((r) => {
    const o = byId.get(r.workOrderId)!;
    return {
      workOrderId: o.id,
      orderNo: o.orderNo,
      typeCode: o.typeCode,
      typeName: { zh: o.typeNameZh, en: o.typeNameEn },
      status: o.status,
      orgUnitName: o.orgUnitName,
      teamName: o.teamName,
      technicianName: o.technicianName,
      deadlineAt: new Date(o.deadlineAt).toISOString(),
      timeLeftMs: promiseState(o, now).timeLeftMs,
      level: r.level,
      levelText: LEVEL_TEXT[r.level],
      toUserId: r.toUserId,
      toUserName: r.toUserName,
      at: new Date(r.at).toISOString(),
    };
  });
  return { items, total: total.rows[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export interface ComplianceRow {
  key: string;
  name: { zh: string; en: string };
  due: number;
  met: number;
  breached: number;
  pending: number;
  /** met ÷ (met + breached), as a percentage with one decimal; null when nothing is decided yet. */
  complianceRate: number | null;
  /** Average share of the promise used by the orders that stopped the clock, as a percentage. */
  averageUsedPercent: number | null;
}

/**
 * SVC-6: compliance for a month — the orders whose deadline (moved by their pauses) falls in it,
 * per type or team: met, breached, still pending, the rate, and the average share of the promise used.
 * Cancelled orders had no promise to keep and are left out.
 */
export async function complianceReport(
  db: Queryable,
  companyId: string,
  q: { month: string; by: 'type' | 'team' },
  now: Date = new Date(),
) {
  const start = startOfBusinessDay(`${q.month}-01`);
  const [y, m] = q.month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const end = startOfBusinessDay(addDays(next, 0));
  const orders = await repo.listWhere(
    db,
    companyId,
    `w.status <> 'cancelled'
     AND w.deadline_at + w.paused_ms * interval '1 millisecond' >= $2
     AND w.deadline_at + w.paused_ms * interval '1 millisecond' < $3`,
    [start, end],
  );
  const groups = new Map<string, ComplianceRow & { used: number[] }>();
  for (const o of orders) {
    const key = q.by === 'type' ? o.typeCode : (o.teamId ?? '');
    const name =
      q.by === 'type'
        ? { zh: o.typeNameZh, en: o.typeNameEn }
        : o.teamId
          ? { zh: o.teamName ?? '', en: o.teamName ?? '' }
          : { zh: '未分派班组', en: 'No team' };
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        name,
        due: 0,
        met: 0,
        breached: 0,
        pending: 0,
        complianceRate: null,
        averageUsedPercent: null,
        used: [],
      };
      groups.set(key, g);
    }
    g.due++;
    const state = promiseState(o, now);
    if (state.breached) g.breached++;
    else if (state.timeLeftMs === null) g.met++;
    else g.pending++;
    const arrival = o.promise.key.includes('Arrival');
    const stoppedAt = arrival ? (o.arrivedAt ?? o.completedAt) : o.completedAt;
    if (stoppedAt) {
      const promiseMs = new Date(o.deadlineAt).getTime() - new Date(o.reportedAt).getTime();
      const usedMs = new Date(stoppedAt).getTime() - new Date(o.reportedAt).getTime() - Number(o.pausedMs);
      g.used.push((usedMs / promiseMs) * 100);
    }
  }
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const items: ComplianceRow[] = [...groups.values()]
    .map(({ used, ...g }) => ({
      ...g,
      complianceRate: g.met + g.breached ? round1((g.met / (g.met + g.breached)) * 100) : null,
      averageUsedPercent: used.length ? round1(used.reduce((a, b) => a + b, 0) / used.length) : null,
    }))
    .sort((a, b) => a.name.zh.localeCompare(b.name.zh, 'zh') || a.key.localeCompare(b.key));
  return { month: q.month, by: q.by, items };
}

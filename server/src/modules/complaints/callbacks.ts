import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { pageClause } from '../../platform/paging.js';
import { policyValue } from '../../platform/policy/policy.js';
import { mask } from '../customers/fields.js';
import { onWorkOrderCompleted } from '../work-orders/lifecycle.js';
import { queueCallback } from './callbacks-create.js';
import { CallbackError } from './errors.js';
import type { CallbackListQuery, RecordCallInput } from './schemas.js';
import { createComplaint, type Viewer } from './service.js';

interface CallbackRow {
  id: string;
  source: 'workOrder' | 'complaint';
  workOrderId: string | null;
  complaintId: string | null;
  sourceNo: string;
  topic: string;
  accountId: string | null;
  accountNo: string | null;
  name: string | null;
  phone: string | null;
  address: string | null;
  confidential: boolean;
  orgUnitId: string | null;
  orgUnitName: string | null;
  dueAt: Date;
  status: 'pending' | 'done' | 'unreachable';
  attempts: number;
  score: number | null;
  comments: string | null;
  followUpComplaintId: string | null;
  followUpComplaintNo: string | null;
  completedBy: string | null;
  completedByName: string | null;
  completedAt: Date | null;
  createdAt: Date;
  version: number;
}

const SELECT = `SELECT b.id, b.source, b.work_order_id AS "workOrderId", b.complaint_id AS "complaintId",
         b.source_no AS "sourceNo", b.topic, b.account_id AS "accountId", a.account_no AS "accountNo", b.name, b.phone,
         b.address, b.confidential, b.org_unit_id AS "orgUnitId", ou.name AS "orgUnitName", b.due_at AS "dueAt",
         b.status, b.attempts, b.score, b.comments, b.follow_up_complaint_id AS "followUpComplaintId",
         fc.complaint_no AS "followUpComplaintNo", b.completed_by AS "completedBy",
         cu.full_name AS "completedByName", b.completed_at AS "completedAt", b.created_at AS "createdAt", b.version
    FROM callbacks b
    LEFT JOIN accounts a ON a.company_id = b.company_id AND a.id = b.account_id
    LEFT JOIN org_units ou ON ou.company_id = b.company_id AND ou.id = b.org_unit_id
    LEFT JOIN complaints fc ON fc.company_id = b.company_id AND fc.id = b.follow_up_complaint_id
    LEFT JOIN users cu ON cu.company_id = b.company_id AND cu.id = b.completed_by`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const STATUS_TEXT = {
  pending: { zh: '待回访', en: 'pending' },
  done: { zh: '已回访', en: 'done' },
  unreachable: { zh: '记为无法联系', en: 'unreachable' },
};

/** Phones masked in lists; a confidential complainant (CMP-2) hidden from those without complaint.confidential. */
function toDto(b: CallbackRow, viewer: Viewer, now: Date, whole = false) {
  const hidden = b.confidential && !viewer.seeConfidential;
  return {
    id: b.id,
    source: b.source,
    workOrderId: b.workOrderId,
    complaintId: b.complaintId,
    sourceNo: b.sourceNo,
    topic: b.topic,
    accountId: hidden ? null : b.accountId,
    accountNo: hidden ? (b.accountNo ? '***' : null) : b.accountNo,
    name: hidden ? (b.name ? `${[...b.name][0]}**` : null) : b.name,
    phone: hidden ? (b.phone ? '***' : null) : whole ? b.phone : mask(b.phone),
    address: hidden ? (b.address ? '***' : null) : b.address,
    masked: hidden,
    orgUnitId: b.orgUnitId,
    orgUnitName: b.orgUnitName,
    dueAt: iso(b.dueAt)!,
    overdue: b.status === 'pending' && new Date(b.dueAt).getTime() < now.getTime(),
    status: b.status,
    attempts: b.attempts,
    score: b.score,
    comments: b.comments,
    followUpComplaintId: b.followUpComplaintId,
    followUpComplaintNo: b.followUpComplaintNo,
    completedBy: b.completedBy,
    completedByName: b.completedByName,
    completedAt: iso(b.completedAt),
    createdAt: iso(b.createdAt)!,
    version: b.version,
  };
}

const SORT: Record<CallbackListQuery['sort'], string> = {
  dueAt: 'b.due_at',
  createdAt: 'b.created_at',
  completedAt: 'b.completed_at',
  score: 'b.score',
};

/** CMP-3: the callback queue, due first by default; the export has the phones whole. */
export async function listCallbacks(
  db: Queryable,
  companyId: string,
  viewer: Viewer,
  q: CallbackListQuery,
  whole = false,
  now = new Date(),
) {
  const params: unknown[] = [companyId];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['b.company_id = $1'];
  if (q.status) where.push(`b.status = ${$(q.status)}`);
  if (q.source) where.push(`b.source = ${$(q.source)}`);
  if (q.overdue === true) where.push(`b.status = 'pending' AND b.due_at < ${$(now)}`);
  if (q.overdue === false) where.push(`NOT (b.status = 'pending' AND b.due_at < ${$(now)})`);
  if (q.maxScore) where.push(`b.score <= ${$(q.maxScore)}`);
  if (q.from) where.push(`b.created_at >= ${$(q.from)}`);
  if (q.to) where.push(`b.created_at <= ${$(q.to)}`);
  const w = where.join(' AND ');
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const [total, rows] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM callbacks b WHERE ${w}`, params),
    db.query<CallbackRow>(
      `${SELECT} WHERE ${w} ORDER BY ${SORT[q.sort]} ${dir} NULLS LAST, b.created_at ${dir}, b.id ${dir} ${pageClause(q)}`,
      params,
    ),
  ]);
  return {
    items: rows.rows.map((r) => toDto(r, viewer, now, whole)),
    total: total.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function findCallback(db: Queryable, companyId: string, id: string, forUpdate = false) {
  if (forUpdate)
    await db.query('SELECT 1 FROM callbacks WHERE company_id = $1 AND id = $2 FOR UPDATE', [companyId, id]);
  const r = await db.query<CallbackRow>(`${SELECT} WHERE b.company_id = $1 AND b.id = $2`, [companyId, id]);
  const b = r.rows[0];
  if (!b) throw CallbackError('NOT_FOUND');
  return b;
}

/** One callback with every call made. */
export async function getCallback(db: Queryable, companyId: string, viewer: Viewer, id: string, now = new Date()) {
  const b = await findCallback(db, companyId, id);
  const attempts = await db.query<{
    id: string;
    reached: boolean;
    score: number | null;
    comments: string | null;
    byUserId: string;
    byName: string | null;
    at: Date;
  }>(
    `SELECT id::text AS id, reached, score, comments, by_user_id AS "byUserId", by_name AS "byName", at
       FROM callback_attempts WHERE company_id = $1 AND callback_id = $2 ORDER BY id`,
    [companyId, id],
  );
  return {
    ...toDto(b, viewer, now, true),
    attemptsLog: attempts.rows.map((a) => ({ ...a, score: a.score === null ? null : Number(a.score), at: iso(a.at)! })),
  };
}

/**
 * CMP-3: records a call. Not reached: the attempt is kept, and after `cmp.callbackMaxAttempts` the
 * callback is recorded as unreachable. Reached: the 1–5 score and comments close it; a score at or
 * below `cmp.callbackFollowUpMaxScore` opens a follow-up complaint (source callback) linked to it.
 */
export async function recordCall(tx: Tx, actor: Actor, viewer: Viewer, id: string, input: RecordCallInput) {
  const { companyId } = actor;
  const b = await findCallback(tx, companyId, id, true);
  if (b.status !== 'pending') throw CallbackError('NOT_PENDING', { vars: { status: STATUS_TEXT[b.status] } });
  if (b.version !== input.version) throw CallbackError('VERSION_CONFLICT', { field: 'version' });
  const score = input.score ?? null;
  if (input.reached && score === null) throw CallbackError('SCORE_REQUIRED', { field: 'score' });
  if (!input.reached && score !== null) throw CallbackError('SCORE_WITHOUT_REACH', { field: 'score' });
  const now = new Date();
  const today = businessToday(now);
  const comments = input.comments || null;
  await tx.query(
    `INSERT INTO callback_attempts (company_id, callback_id, reached, score, comments, by_user_id, by_name, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [companyId, id, input.reached, score, comments, actor.userId, actor.name, now],
  );
  const attempts = b.attempts + 1;
  let status: CallbackRow['status'] = 'pending';
  let followUpId: string | null = null;
  if (input.reached) {
    status = 'done';
    const threshold = Number(await policyValue(tx, companyId, 'cmp.callbackFollowUpMaxScore', today));
    if (score! <= threshold) {
      const followUp = await createComplaint(
        tx,
        actor,
        {
          channel: 'callback',
          accountId: b.accountId,
          complainantName: b.name,
          phone: b.phone,
          address: b.address,
          subject: `回访不满意（${score} 分）：${b.sourceNo}`,
          description: comments ?? `${b.topic}：回访满意度 ${score} 分`,
          grade: 'ordinary',
          confidential: b.confidential,
        },
        { now, source: 'callback', callbackId: b.id },
      );
      followUpId = followUp.id;
    }
  } else {
    const max = Number(await policyValue(tx, companyId, 'cmp.callbackMaxAttempts', today));
    if (attempts >= max) status = 'unreachable';
  }
  const r = await tx.query(
    `UPDATE callbacks SET attempts = $4, status = $5, score = $6, comments = coalesce($7, comments),
            follow_up_complaint_id = $8, completed_by = $9, completed_at = $10, version = version + 1
      WHERE company_id = $1 AND id = $2 AND version = $3`,
    [
      companyId,
      id,
      b.version,
      attempts,
      status,
      input.reached ? score : null,
      comments,
      followUpId,
      status === 'pending' ? null : actor.userId,
      status === 'pending' ? null : now,
    ],
  );
  if (r.rowCount !== 1) throw CallbackError('VERSION_CONFLICT', { field: 'version' });
  const after = await getCallback(tx, companyId, viewer, id, now);
  await recordAudit(tx, actor, {
    action: 'callback.call',
    entityType: 'callback',
    entityId: id,
    before: { status: b.status, attempts: b.attempts },
    after: { status, attempts, reached: input.reached, score, comments, followUpComplaintId: followUpId },
  });
  return after;
}

// CMP-3: a callback after every completed order of the types in `cmp.callbackWorkOrderTypes`, queued in the
// transaction that completes the order.
onWorkOrderCompleted(async (tx, actor, order) => {
  const types = await policyValue(tx, actor.companyId, 'cmp.callbackWorkOrderTypes', businessToday());
  if (!types.includes(order.typeCode)) return;
  await queueCallback(
    tx,
    actor,
    {
      source: 'workOrder',
      workOrderId: order.id,
      sourceNo: order.orderNo,
      topic: `${order.typeName.zh}回访`,
      accountId: order.accountId,
      name: order.callerName,
      phone: order.phone,
      address: order.address,
      orgUnitId: order.orgUnitId,
    },
    order.completedAt ? new Date(order.completedAt) : new Date(),
  );
});

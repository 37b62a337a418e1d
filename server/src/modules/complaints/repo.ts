import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { PromiseTerms } from '../work-orders/deadline.js';
import type { Grade } from './levels.js';
import type { Channel, ComplaintListQuery, Status } from './schemas.js';
import type { HandlerSmsSkipped } from './sms.js';

export interface ComplaintRow {
  id: string;
  complaintNo: string;
  source: 'intake' | 'callback';
  channel: Channel;
  accountId: string | null;
  accountNo: string | null;
  complainantName: string | null;
  phone: string | null;
  address: string | null;
  contactId: string | null;
  subject: string;
  description: string;
  subjectUserId: string | null;
  subjectUserName: string | null;
  subjectOrgUnitId: string | null;
  subjectOrgUnitName: string | null;
  grade: Grade;
  level: string;
  handlerId: string | null;
  handlerName: string | null;
  orgUnitId: string | null;
  orgUnitName: string | null;
  ownerId: string;
  ownerName: string | null;
  receivedAt: Date;
  deadlineAt: Date;
  promise: PromiseTerms;
  extended: boolean;
  confidential: boolean;
  status: Status;
  decision: string | null;
  communicatedVia: 'phone' | 'sms' | 'visit' | 'letter' | 'inPerson' | 'wechat' | null;
  communicatedAt: Date | null;
  closedAt: Date | null;
  callbackId: string | null;
  version: number;
}

const SELECT = `SELECT c.id, c.complaint_no AS "complaintNo", c.source, c.channel, c.account_id AS "accountId",
         a.account_no AS "accountNo", c.complainant_name AS "complainantName", c.phone, c.address,
         c.contact_id AS "contactId", c.subject, c.description, c.subject_user_id AS "subjectUserId",
         su.full_name AS "subjectUserName", c.subject_org_unit_id AS "subjectOrgUnitId",
         sou.name AS "subjectOrgUnitName", c.grade, c.level, c.handler_id AS "handlerId",
         h.full_name AS "handlerName", c.org_unit_id AS "orgUnitId", ou.name AS "orgUnitName",
         c.owner_id AS "ownerId", own.full_name AS "ownerName", c.received_at AS "receivedAt",
         c.deadline_at AS "deadlineAt", c.promise, c.extended, c.confidential, c.status, c.decision,
         c.communicated_via AS "communicatedVia", c.communicated_at AS "communicatedAt", c.closed_at AS "closedAt",
         c.callback_id AS "callbackId", c.version
    FROM complaints c
    LEFT JOIN accounts a ON a.company_id = c.company_id AND a.id = c.account_id
    LEFT JOIN users su ON su.company_id = c.company_id AND su.id = c.subject_user_id
    LEFT JOIN org_units sou ON sou.company_id = c.company_id AND sou.id = c.subject_org_unit_id
    LEFT JOIN users h ON h.company_id = c.company_id AND h.id = c.handler_id
    LEFT JOIN org_units ou ON ou.company_id = c.company_id AND ou.id = c.org_unit_id
    LEFT JOIN users own ON own.company_id = c.company_id AND own.id = c.owner_id`;

export interface NewComplaintRow {
  complaintNo: string;
  source: 'intake' | 'callback';
  channel: Channel;
  accountId: string | null;
  complainantName: string | null;
  phone: string | null;
  address: string | null;
  contactId: string | null;
  subject: string;
  description: string;
  subjectUserId: string | null;
  subjectOrgUnitId: string | null;
  grade: Grade;
  level: string;
  handlerId: string | null;
  orgUnitId: string | null;
  ownerId: string;
  receivedAt: Date;
  deadlineAt: Date;
  promise: PromiseTerms;
  confidential: boolean;
  status: Status;
  callbackId: string | null;
}

export async function insertComplaint(db: Queryable, companyId: string, c: NewComplaintRow): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO complaints (company_id, complaint_no, source, channel, account_id, complainant_name, phone, address,
                             contact_id, subject, description, subject_user_id, subject_org_unit_id, grade, level,
                             handler_id, org_unit_id, owner_id, received_at, deadline_at, promise, confidential,
                             status, callback_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
             $23, $24)
     RETURNING id`,
    [
      companyId,
      c.complaintNo,
      c.source,
      c.channel,
      c.accountId,
      c.complainantName,
      c.phone,
      c.address,
      c.contactId,
      c.subject,
      c.description,
      c.subjectUserId,
      c.subjectOrgUnitId,
      c.grade,
      c.level,
      c.handlerId,
      c.orgUnitId,
      c.ownerId,
      c.receivedAt,
      c.deadlineAt,
      JSON.stringify(c.promise),
      c.confidential,
      c.status,
      c.callbackId,
    ],
  );
  return r.rows[0]!.id;
}

export async function findComplaint(
  db: Queryable,
  companyId: string,
  id: string,
  forUpdate = false,
): Promise<ComplaintRow | null> {
  if (forUpdate) {
    await db.query('SELECT 1 FROM complaints WHERE company_id = $1 AND id = $2 FOR UPDATE', [companyId, id]);
  }
  const r = await db.query<ComplaintRow>(`${SELECT} WHERE c.company_id = $1 AND c.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export type ComplaintChange = Partial<{
  status: Status;
  level: string;
  handler_id: string | null;
  deadline_at: Date;
  extended: boolean;
  decision: string;
  communicated_via: string;
  communicated_at: Date;
  decided_by: string;
  closed_at: Date;
  closed_by: string;
  callback_id: string;
}>;

/** Applies a change when the complaint is still at `version`; false when it was changed meanwhile. */
export async function updateComplaint(
  db: Queryable,
  companyId: string,
  id: string,
  version: number,
  change: ComplaintChange,
): Promise<boolean> {
  const params: unknown[] = [companyId, id, version];
  const sets = Object.entries(change).map(([col, v]) => {
    params.push(v);
    return `${col} = $${params.length}`;
  });
  const r = await db.query(
    `UPDATE complaints SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE company_id = $1 AND id = $2 AND version = $3`,
    params,
  );
  return r.rowCount === 1;
}

export interface NewEvent {
  kind: 'created' | 'assigned' | 'escalated' | 'breached' | 'extended' | 'recused' | 'decided' | 'closed';
  fromLevel?: string | null;
  toLevel?: string | null;
  fromUserId?: string | null;
  toUserId?: string | null;
  fromDeadline?: Date | null;
  toDeadline?: Date | null;
  reason?: string | null;
  actorId: string | null;
  actorName: string | null;
  at?: Date;
  /** CMP-1 / CMP-2: the SMS to the new handler, or why none went out (see sms.ts). */
  smsMessageId?: string | null;
  smsSkipped?: HandlerSmsSkipped | null;
}

export async function insertEvent(db: Queryable, companyId: string, complaintId: string, e: NewEvent) {
  await db.query(
    `INSERT INTO complaint_events (company_id, complaint_id, kind, from_level, to_level, from_user_id, to_user_id,
                                   from_deadline, to_deadline, reason, actor_id, actor_name, at, sms_message_id,
                                   sms_skipped)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, coalesce($13::timestamptz, now()), $14, $15)`,
    [
      companyId,
      complaintId,
      e.kind,
      e.fromLevel ?? null,
      e.toLevel ?? null,
      e.fromUserId ?? null,
      e.toUserId ?? null,
      e.fromDeadline ?? null,
      e.toDeadline ?? null,
      e.reason ?? null,
      e.actorId,
      e.actorName,
      e.at ?? null,
      e.smsMessageId ?? null,
      e.smsSkipped ?? null,
    ],
  );
}

export interface EventRow {
  id: string;
  kind: NewEvent['kind'];
  fromLevel: string | null;
  toLevel: string | null;
  fromUserId: string | null;
  fromUserName: string | null;
  toUserId: string | null;
  toUserName: string | null;
  fromDeadline: Date | null;
  toDeadline: Date | null;
  reason: string | null;
  actorId: string | null;
  actorName: string | null;
  at: Date;
  smsMessageId: string | null;
  smsSkipped: HandlerSmsSkipped | null;
}

export async function listEvents(db: Queryable, companyId: string, complaintId: string): Promise<EventRow[]> {
  const r = await db.query<EventRow>(
    `SELECT e.id::text AS id, e.kind, e.from_level AS "fromLevel", e.to_level AS "toLevel",
            e.from_user_id AS "fromUserId", fu.full_name AS "fromUserName", e.to_user_id AS "toUserId",
            tu.full_name AS "toUserName", e.from_deadline AS "fromDeadline", e.to_deadline AS "toDeadline",
            e.reason, e.actor_id AS "actorId", e.actor_name AS "actorName", e.at,
            e.sms_message_id AS "smsMessageId", e.sms_skipped AS "smsSkipped"
       FROM complaint_events e
       LEFT JOIN users fu ON fu.company_id = e.company_id AND fu.id = e.from_user_id
       LEFT JOIN users tu ON tu.company_id = e.company_id AND tu.id = e.to_user_id
      WHERE e.company_id = $1 AND e.complaint_id = $2
      ORDER BY e.id`,
    [companyId, complaintId],
  );
  return r.rows;
}

export async function recusedUsers(db: Queryable, companyId: string, complaintId: string): Promise<string[]> {
  const r = await db.query<{ userId: string }>(
    'SELECT user_id AS "userId" FROM complaint_recusals WHERE company_id = $1 AND complaint_id = $2 ORDER BY at',
    [companyId, complaintId],
  );
  return r.rows.map((x) => x.userId);
}

export async function insertRecusal(
  db: Queryable,
  companyId: string,
  complaintId: string,
  userId: string,
  reason: string,
) {
  await db.query(
    `INSERT INTO complaint_recusals (company_id, complaint_id, user_id, reason) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [companyId, complaintId, userId, reason],
  );
}

export interface UserBrief {
  id: string;
  fullName: string;
  username: string;
  status: string;
  orgUnitId: string | null;
  roles: string[];
}

export async function findUserBrief(db: Queryable, companyId: string, id: string): Promise<UserBrief | null> {
  const r = await db.query<UserBrief>(
    `SELECT u.id, u.full_name AS "fullName", u.username, u.status, u.org_unit_id AS "orgUnitId",
            ARRAY(SELECT ro.code FROM user_roles ur
                    JOIN roles ro ON ro.company_id = ur.company_id AND ro.id = ur.role_id
                   WHERE ur.company_id = u.company_id AND ur.user_id = u.id ORDER BY ro.code) AS roles
       FROM users u
      WHERE u.company_id = $1 AND u.id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/**
 * The active holders of any of `roles`, nearest to `unitId` first (the unit, then the units above it),
 * then the rest of the company by name.
 */
export async function holdersOf(
  db: Queryable,
  companyId: string,
  roles: string[],
  unitId: string | null,
  limit = 200,
): Promise<{ id: string; fullName: string; username: string }[]> {
  const r = await db.query<{ id: string; fullName: string; username: string }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, 0 AS depth FROM org_units WHERE company_id = $1 AND id = $3
       UNION ALL
       SELECT o.id, o.parent_id, up.depth + 1 FROM org_units o JOIN up ON o.company_id = $1 AND o.id = up.parent_id
     )
     SELECT u.id, u.full_name AS "fullName", u.username
       FROM users u
       LEFT JOIN up ON up.id = u.org_unit_id
      WHERE u.company_id = $1 AND u.status = 'active'
        AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.company_id = ur.company_id AND ro.id = ur.role_id
                     WHERE ur.company_id = $1 AND ur.user_id = u.id AND ro.code = ANY($2::text[]))
      ORDER BY coalesce(up.depth, 1000), u.username
      LIMIT ${Math.max(1, Math.min(limit, 500))}`,
    [companyId, roles, unitId],
  );
  return r.rows;
}

/** Active staff by name, username or employee number (the person complained about, a handler). */
export async function searchStaff(db: Queryable, companyId: string, q: string | undefined, limit = 20) {
  const params: unknown[] = [companyId];
  let where = "u.company_id = $1 AND u.status = 'active'";
  if (q) {
    params.push(`%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where += ` AND (u.full_name ILIKE $2 OR u.username ILIKE $2 OR u.employee_no ILIKE $2)`;
  }
  const r = await db.query<{ id: string; fullName: string; username: string }>(
    `SELECT u.id, u.full_name AS "fullName", u.username FROM users u WHERE ${where}
      ORDER BY u.username LIMIT ${Math.max(1, Math.min(limit, 50))}`,
    params,
  );
  return r.rows;
}

export async function contactExists(db: Queryable, companyId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM contacts WHERE company_id = $1 AND id = $2', [companyId, id]);
  return r.rows.length > 0;
}

const SORT: Record<ComplaintListQuery['sort'], string> = {
  receivedAt: 'c.received_at',
  deadlineAt: 'c.deadline_at',
  complaintNo: 'c.complaint_no',
  grade: `array_position(ARRAY['ordinary', 'withImpact', 'serious', 'media'], c.grade)`,
  status: `array_position(ARRAY['received', 'handling', 'decided', 'closed'], c.status)`,
};

export async function listComplaints(
  db: Queryable,
  companyId: string,
  q: ComplaintListQuery,
  caller: { userId: string | null; seeConfidential?: boolean },
  now: Date,
): Promise<{ rows: ComplaintRow[]; total: number }> {
  const params: unknown[] = [companyId];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['c.company_id = $1'];
  if (q.status) where.push(`c.status = ${$(q.status)}`);
  if (q.open === true) where.push(`c.status IN ('received', 'handling')`);
  if (q.open === false) where.push(`c.status IN ('decided', 'closed')`);
  if (q.grade) where.push(`c.grade = ${$(q.grade)}`);
  if (q.level) where.push(`c.level = ${$(q.level)}`);
  if (q.channel) where.push(`c.channel = ${$(q.channel)}`);
  if (q.source) where.push(`c.source = ${$(q.source)}`);
  if (q.from) where.push(`c.received_at >= ${$(q.from)}`);
  if (q.to) where.push(`c.received_at <= ${$(q.to)}`);
  if (q.handlerId) where.push(`c.handler_id = ${$(q.handlerId)}`);
  // CMP-2: a confidential complaint is not found by its complainant (account, name, phone) by those who may
  // not see them: finding it that way would tell who made it.
  const mayFind = () =>
    caller.seeConfidential
      ? 'true'
      : `(NOT c.confidential OR c.handler_id IS NOT DISTINCT FROM ${$(caller.userId)}::uuid)`;
  if (q.accountId) where.push(`c.account_id = ${$(q.accountId)} AND ${mayFind()}`);
  if (q.mine === 'owner') where.push(`c.owner_id = ${$(caller.userId)}`);
  if (q.mine === 'handler') where.push(`c.handler_id = ${$(caller.userId)}`);
  if (q.overdue === true) where.push(`c.status IN ('received', 'handling') AND c.deadline_at < ${$(now)}`);
  if (q.overdue === false) where.push(`NOT (c.status IN ('received', 'handling') AND c.deadline_at < ${$(now)})`);
  if (q.q) {
    // Text search never matches the complainant of a confidential complaint: it would reveal them.
    const like = $(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`(c.complaint_no ILIKE ${like} OR c.subject ILIKE ${like}
                 OR (${mayFind()} AND a.account_no ILIKE ${like})
                 OR (NOT c.confidential AND (c.complainant_name ILIKE ${like} OR c.phone ILIKE ${like})))`);
  }
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM complaints c
       LEFT JOIN accounts a ON a.company_id = c.company_id AND a.id = c.account_id WHERE ${w}`,
    params,
  );
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const rows = await db.query<ComplaintRow>(
    `${SELECT} WHERE ${w} ORDER BY ${SORT[q.sort]} ${dir} NULLS LAST, c.received_at ${dir}, c.id ${dir} ${pageClause(q)}`,
    params,
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

/** Open complaints whose deadline has passed and whose current deadline has not been escalated yet. */
export async function breachedUnescalated(db: Queryable, companyId: string, now: Date): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT c.id FROM complaints c
      WHERE c.company_id = $1 AND c.status IN ('received', 'handling') AND c.deadline_at < $2
        AND NOT EXISTS (SELECT 1 FROM complaint_breaches b
                         WHERE b.company_id = c.company_id AND b.complaint_id = c.id AND b.deadline_at = c.deadline_at)
      ORDER BY c.deadline_at`,
    [companyId, now],
  );
  return r.rows.map((x) => x.id);
}

import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { AreaEntry, ListQuery } from './schemas.js';

export interface OutageRow {
  id: string;
  outageNo: string;
  kind: 'planned' | 'emergency';
  status: 'draft' | 'announced' | 'cancelled';
  area: { district: string; street: string | null; community: string | null }[];
  startsAt: Date;
  endsAt: Date;
  reason: string;
  contactName: string | null;
  contactPhone: string;
  note: string | null;
  notifyBy: Date;
  announcedAt: Date | null;
  announcedByName: string | null;
  announcedLate: boolean;
  affectedCount: number | null;
  smsQueued: number | null;
  smsSkipped: number | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  /** SVC-10: cancellation SMS queued to those told of the outage (null when it was never announced). */
  cancelSmsQueued: number | null;
  createdByName: string | null;
  createdAt: Date;
  version: number;
}

const SELECT = `SELECT o.id, o.outage_no AS "outageNo", o.kind, o.status, o.area, o.starts_at AS "startsAt",
         o.ends_at AS "endsAt", o.reason, o.contact_name AS "contactName", o.contact_phone AS "contactPhone", o.note,
         o.notify_by AS "notifyBy", o.announced_at AS "announcedAt", ab.full_name AS "announcedByName",
         o.announced_late AS "announcedLate", o.affected_count AS "affectedCount", o.sms_queued AS "smsQueued",
         o.sms_skipped AS "smsSkipped", o.cancelled_at AS "cancelledAt", o.cancel_reason AS "cancelReason",
         o.cancel_sms_queued AS "cancelSmsQueued",
         cb.full_name AS "createdByName", o.created_at AS "createdAt", o.version
    FROM outages o
    LEFT JOIN users ab ON ab.company_id = o.company_id AND ab.id = o.announced_by
    LEFT JOIN users cb ON cb.company_id = o.company_id AND cb.id = o.created_by`;

/**
 * SVC-10: whether the premise `p` lies in the area of the outage whose area is `area` (a jsonb
 * expression): its district is an entry's, and so are its street and community where the entry names them.
 */
export const covers = (area: string, p = 'p') =>
  `EXISTS (SELECT 1 FROM jsonb_to_recordset(${area}) AS x(district text, street text, community text)
            WHERE ${p}.district = x.district
              AND (coalesce(x.street, '') = '' OR ${p}.street = x.street)
              AND (coalesce(x.community, '') = '' OR ${p}.community = x.community))`;

export interface NewOutageRow {
  outageNo: string;
  kind: 'planned' | 'emergency';
  area: AreaEntry[];
  startsAt: Date;
  endsAt: Date;
  reason: string;
  contactName: string | null;
  contactPhone: string;
  note: string | null;
  notifyBy: Date;
  createdBy: string;
}

export async function insertOutage(db: Queryable, companyId: string, o: NewOutageRow): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO outages (company_id, outage_no, kind, area, starts_at, ends_at, reason, contact_name, contact_phone,
                          note, notify_by, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      companyId,
      o.outageNo,
      o.kind,
      JSON.stringify(o.area),
      o.startsAt,
      o.endsAt,
      o.reason,
      o.contactName,
      o.contactPhone,
      o.note,
      o.notifyBy,
      o.createdBy,
    ],
  );
  return r.rows[0]!.id;
}

export async function findOutage(db: Queryable, companyId: string, id: string, forUpdate = false) {
  if (forUpdate) await db.query('SELECT 1 FROM outages WHERE company_id = $1 AND id = $2 FOR UPDATE', [companyId, id]);
  const r = await db.query<OutageRow>(`${SELECT} WHERE o.company_id = $1 AND o.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export type OutageChange = Partial<{
  kind: string;
  area: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  contact_name: string | null;
  contact_phone: string;
  note: string | null;
  notify_by: Date;
  status: string;
  announced_at: Date;
  announced_by: string | null;
  announced_late: boolean;
  affected_count: number;
  sms_queued: number;
  sms_skipped: number;
  cancelled_at: Date;
  cancel_reason: string;
  cancel_sms_queued: number;
}>;

/** Applies a change when the outage is still at `version`; false when it is not. */
export async function updateOutage(
  db: Queryable,
  companyId: string,
  id: string,
  version: number,
  change: OutageChange,
): Promise<boolean> {
  const params: unknown[] = [companyId, id, version];
  const sets = Object.entries(change).map(([col, v]) => {
    params.push(v);
    return `${col} = $${params.length}`;
  });
  const r = await db.query(
    `UPDATE outages SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE company_id = $1 AND id = $2 AND version = $3`,
    params,
  );
  return r.rowCount === 1;
}

const SORT = { startsAt: 'o.starts_at', outageNo: 'o.outage_no', createdAt: 'o.created_at' } as const;

export async function listOutages(db: Queryable, companyId: string, q: ListQuery, now: Date) {
  const params: unknown[] = [companyId];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['o.company_id = $1'];
  if (q.kind) where.push(`o.kind = ${$(q.kind)}`);
  if (q.status) where.push(`o.status = ${$(q.status)}`);
  if (q.when === 'current')
    where.push(`o.status = 'announced' AND o.starts_at <= ${$(now)} AND o.ends_at > $${params.length}`);
  if (q.when === 'upcoming') where.push(`o.status = 'announced' AND o.starts_at > ${$(now)}`);
  if (q.when === 'past') where.push(`o.ends_at <= ${$(now)}`);
  if (q.overdue === true) where.push(`o.status = 'draft' AND o.notify_by < ${$(now)}`);
  if (q.overdue === false) where.push(`NOT (o.status = 'draft' AND o.notify_by < ${$(now)})`);
  if (q.district) where.push(`o.area @> ${$(JSON.stringify([{ district: q.district }]))}::jsonb`);
  if (q.from) where.push(`o.ends_at > ${$(new Date(q.from))}`);
  if (q.to) where.push(`o.starts_at < ${$(new Date(q.to))}`);
  if (q.q) {
    const like = $(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(o.outage_no ILIKE ${like} OR o.reason ILIKE ${like} OR o.area::text ILIKE ${like})`);
  }
  const w = where.join(' AND ');
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [total, rows] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outages o WHERE ${w}`, params),
    db.query<OutageRow>(`${SELECT} WHERE ${w} ORDER BY ${SORT[q.sort]} ${dir}, o.id ${dir} ${pageClause(q)}`, params),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

/** SVC-10: the announced outages not yet over whose area covers the premise of an account. */
export async function affectingAccount(db: Queryable, companyId: string, accountId: string, now: Date) {
  const r = await db.query<OutageRow>(
    `${SELECT}
       JOIN accounts a ON a.company_id = o.company_id AND a.id = $2
       JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
      WHERE o.company_id = $1 AND o.status = 'announced' AND o.ends_at > $3 AND ${covers('o.area')}
      ORDER BY o.starts_at, o.id`,
    [companyId, accountId, now],
  );
  return r.rows;
}

export async function accountExists(db: Queryable, companyId: string, accountId: string) {
  const r = await db.query('SELECT 1 FROM accounts WHERE company_id = $1 AND id = $2', [companyId, accountId]);
  return r.rows.length > 0;
}

/**
 * The premises an area (a jsonb expression) covers, as a join from its entries, so that the index
 * premises_area finds them district by district rather than by reading every premise.
 */
const coveredPremises = (area: string) =>
  `(SELECT DISTINCT p.id FROM jsonb_to_recordset(${area}) AS x(district text, street text, community text)
      JOIN premises p ON p.company_id = $1 AND p.district = x.district
                     AND (coalesce(x.street, '') = '' OR p.street = x.street)
                     AND (coalesce(x.community, '') = '' OR p.community = x.community))`;

/** Accounts not closed whose premise an area covers. */
export async function countCovered(db: Queryable, companyId: string, area: unknown): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM accounts a
      WHERE a.company_id = $1 AND a.status <> 'closed' AND a.premise_id IN ${coveredPremises('$2::jsonb')}`,
    [companyId, JSON.stringify(area)],
  );
  return r.rows[0]?.n ?? 0;
}

/**
 * SVC-10, set-based: one recipient row per covered account (its SMS number, else the customer's
 * mobile, when it is a mainland mobile), one outbox message per row with a number, and one delivery
 * task per message — three statements whatever the number of accounts.
 */
export async function queueOutageSms(
  db: Queryable,
  companyId: string,
  outageId: string,
  m: { variables: Record<string, string>; rendered: string; createdBy: string | null },
): Promise<{ affected: number; queued: number; skipped: number }> {
  await db.query(
    `INSERT INTO outage_recipients (company_id, outage_id, account_id, recipient, message_id, skipped)
     SELECT $1, $2, t.account_id, t.mobile,
            CASE WHEN t.mobile IS NOT NULL THEN gen_random_uuid() END,
            CASE WHEN t.mobile IS NULL THEN 'noMobile' END
       FROM (SELECT a.id AS account_id,
                    CASE WHEN a.sms_mobile ~ '^1[3-9][0-9]{9}$' THEN a.sms_mobile
                         WHEN c.mobile ~ '^1[3-9][0-9]{9}$' THEN c.mobile END AS mobile
               FROM accounts a
               JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
              WHERE a.company_id = $1 AND a.status <> 'closed'
                AND a.premise_id IN ${coveredPremises('(SELECT area FROM outages WHERE company_id = $1 AND id = $2)')}) t
     ON CONFLICT DO NOTHING`,
    [companyId, outageId],
  );
  await db.query(
    `INSERT INTO notification_messages (company_id, id, channel, template_code, recipient, customer_ref, variables,
                                        rendered, created_by)
     SELECT r.company_id, r.message_id, 'sms', 'outageNotice', r.recipient, a.account_no, $3::jsonb, $4, $5
       FROM outage_recipients r
       JOIN accounts a ON a.company_id = r.company_id AND a.id = r.account_id
      WHERE r.company_id = $1 AND r.outage_id = $2 AND r.message_id IS NOT NULL`,
    [companyId, outageId, JSON.stringify(m.variables), m.rendered, m.createdBy],
  );
  await db.query(
    `INSERT INTO background_tasks (company_id, kind, payload, dedupe_key)
     SELECT company_id, 'notify.deliver', jsonb_build_object('messageId', message_id), message_id::text
       FROM outage_recipients
      WHERE company_id = $1 AND outage_id = $2 AND message_id IS NOT NULL
     ON CONFLICT (company_id, kind, dedupe_key) DO NOTHING`,
    [companyId, outageId],
  );
  const n = await db.query<{ affected: number; queued: number }>(
    `SELECT count(*)::int AS affected, count(message_id)::int AS queued
       FROM outage_recipients WHERE company_id = $1 AND outage_id = $2`,
    [companyId, outageId],
  );
  const { affected, queued } = n.rows[0] ?? { affected: 0, queued: 0 };
  return { affected, queued, skipped: affected - queued };
}

/**
 * SVC-10, set-based: when an announced outage is cancelled, every recipient whose notice was queued gets
 * the cancellation (the same number, so the same person), with one delivery task each — three statements
 * whatever the number of recipients. Returns how many were queued.
 */
export async function queueCancelSms(
  db: Queryable,
  companyId: string,
  outageId: string,
  m: { variables: Record<string, string>; rendered: string; createdBy: string | null },
): Promise<number> {
  const marked = await db.query(
    `UPDATE outage_recipients SET cancel_message_id = gen_random_uuid()
      WHERE company_id = $1 AND outage_id = $2 AND message_id IS NOT NULL AND cancel_message_id IS NULL`,
    [companyId, outageId],
  );
  if (!marked.rowCount) return 0;
  await db.query(
    `INSERT INTO notification_messages (company_id, id, channel, template_code, recipient, customer_ref, variables,
                                        rendered, created_by)
     SELECT r.company_id, r.cancel_message_id, 'sms', 'outageCancelled', r.recipient, a.account_no, $3::jsonb, $4, $5
       FROM outage_recipients r
       JOIN accounts a ON a.company_id = r.company_id AND a.id = r.account_id
      WHERE r.company_id = $1 AND r.outage_id = $2 AND r.cancel_message_id IS NOT NULL`,
    [companyId, outageId, JSON.stringify(m.variables), m.rendered, m.createdBy],
  );
  await db.query(
    `INSERT INTO background_tasks (company_id, kind, payload, dedupe_key)
     SELECT company_id, 'notify.deliver', jsonb_build_object('messageId', cancel_message_id), cancel_message_id::text
       FROM outage_recipients
      WHERE company_id = $1 AND outage_id = $2 AND cancel_message_id IS NOT NULL
     ON CONFLICT (company_id, kind, dedupe_key) DO NOTHING`,
    [companyId, outageId],
  );
  return marked.rowCount;
}

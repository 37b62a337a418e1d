import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { CloseLine, Handover, ListShiftsQuery, Posting, ShiftRow } from './schemas.js';

const iso = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', ${iso})`;
const person = (alias: string) => `json_build_object('id', ${alias}.id, 'name', ${alias}.full_name)`;
const personOrNull = (alias: string) => `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE ${person(alias)} END`;
/** The channels a cashier's drawer takes: desk payments and IC-card purchases. */
const DRAWER = `('desk', 'icCard')`;

/** Users who keep a cash shift (cash.shift.own): receivers of hand-overs, the report's filter. */
export async function cashiers(db: Queryable, companyId: string, id?: string) {
  const r = await db.query<{ id: string; name: string; username: string }>(
    `SELECT DISTINCT u.id, u.full_name AS name, u.username
       FROM users u
       JOIN user_roles ur ON ur.company_id = u.company_id AND ur.user_id = u.id
       JOIN role_permissions rp ON rp.company_id = ur.company_id AND rp.role_id = ur.role_id
                               AND rp.permission_code = 'cash.shift.own'
      WHERE u.company_id = $1 AND u.status = 'active' ${id ? 'AND u.id = $2' : ''}
      ORDER BY u.full_name, u.id`,
    id ? [companyId, id] : [companyId],
  );
  return r.rows;
}

// ---------------------------------------------------------------- shifts

const SHIFT_SELECT = `
SELECT s.id, ${person('u')} AS cashier, ou.name AS "orgUnitName", s.business_date::text AS "businessDate",
       s.float::text AS float, ${ts('s.opened_at')} AS "openedAt",
       CASE WHEN s.closed_at IS NULL THEN NULL ELSE ${ts('s.closed_at')} END AS "closedAt", s.status,
       s.counted_cash::text AS "countedCash", s.pos_total::text AS "posTotal", s.pos_count AS "posCount",
       s.denominations, s.other_totals AS "otherTotals", s.lines,
       (SELECT sum(abs((l->>'variance')::numeric))::numeric(14, 2)::text FROM jsonb_array_elements(s.lines) l)
         AS "varianceTotal",
       CASE WHEN s.submitted_at IS NULL THEN NULL ELSE ${ts('s.submitted_at')} END AS "submittedAt",
       s.submit_count AS "submitCount", s.return_reason AS "returnReason", ${personOrNull('r')} AS "reviewedBy",
       CASE WHEN s.reviewed_at IS NULL THEN NULL ELSE ${ts('s.reviewed_at')} END AS "reviewedAt"
  FROM cash_shifts s
  JOIN users u ON u.company_id = s.company_id AND u.id = s.cashier_id
  LEFT JOIN org_units ou ON ou.company_id = u.company_id AND ou.id = u.org_unit_id
  LEFT JOIN users r ON r.company_id = s.company_id AND r.id = s.reviewed_by`;

export async function findShift(db: Queryable, companyId: string, id: string): Promise<ShiftRow | null> {
  const r = await db.query<ShiftRow>(`${SHIFT_SELECT} WHERE s.company_id = $1 AND s.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function openShiftOf(db: Queryable, companyId: string, cashierId: string): Promise<ShiftRow | null> {
  const r = await db.query<ShiftRow>(
    `${SHIFT_SELECT} WHERE s.company_id = $1 AND s.cashier_id = $2 AND s.status = 'open'`,
    [companyId, cashierId],
  );
  return r.rows[0] ?? null;
}

export async function listShifts(db: Queryable, companyId: string, q: ListShiftsQuery & { cashierIds?: string[] }) {
  const params: unknown[] = [companyId];
  const where = ['s.company_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.status) add('s.status = ?', q.status);
  if (q.cashierId) add('s.cashier_id = ?', q.cashierId);
  if (q.from) add('s.business_date >= ?::date', q.from);
  if (q.to) add('s.business_date <= ?::date', q.to);
  const w = where.join(' AND ');
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<ShiftRow>(
      `${SHIFT_SELECT} WHERE ${w} ORDER BY s.business_date ${dir}, s.opened_at ${dir}, s.id ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cash_shifts s WHERE ${w}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export interface ShiftLock {
  id: string;
  cashierId: string;
  status: ShiftRow['status'];
  float: string;
  openedAt: Date;
  closedAt: Date | null;
}

export async function lockShift(db: Queryable, companyId: string, id: string): Promise<ShiftLock | null> {
  const r = await db.query<ShiftLock>(
    `SELECT id, cashier_id AS "cashierId", status, float::text AS float, opened_at AS "openedAt",
            closed_at AS "closedAt"
       FROM cash_shifts WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function insertShift(
  db: Queryable,
  companyId: string,
  v: { cashierId: string; businessDate: string; float: string },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO cash_shifts (company_id, cashier_id, business_date, float) VALUES ($1, $2, $3, $4) RETURNING id`,
    [companyId, v.cashierId, v.businessDate, v.float],
  );
  return r.rows[0]!.id;
}

/** The end of the postings window: now() on the first close, kept by a recount. */
export async function setClosedAt(db: Queryable, companyId: string, id: string): Promise<Date> {
  const r = await db.query<{ closedAt: Date }>(
    `UPDATE cash_shifts SET closed_at = coalesce(closed_at, now()) WHERE company_id = $1 AND id = $2
     RETURNING closed_at AS "closedAt"`,
    [companyId, id],
  );
  return r.rows[0]!.closedAt;
}

export async function submitClose(
  db: Queryable,
  companyId: string,
  id: string,
  v: {
    denominations: Record<string, number>;
    countedCash: string;
    posTotal: string;
    posCount: number;
    otherTotals: Record<string, string>;
    lines: CloseLine[];
  },
): Promise<void> {
  await db.query(
    `UPDATE cash_shifts
        SET status = 'submitted', denominations = $3, counted_cash = $4, pos_total = $5, pos_count = $6,
            other_totals = $7, lines = $8, submitted_at = now(), submit_count = submit_count + 1
      WHERE company_id = $1 AND id = $2`,
    [
      companyId,
      id,
      JSON.stringify(v.denominations),
      v.countedCash,
      v.posTotal,
      v.posCount,
      JSON.stringify(v.otherTotals),
      JSON.stringify(v.lines),
    ],
  );
}

export async function review(
  db: Queryable,
  companyId: string,
  id: string,
  v: { status: 'signed' | 'returned'; by: string; reason: string | null },
): Promise<void> {
  await db.query(
    `UPDATE cash_shifts SET status = $3, reviewed_by = $4, reviewed_at = now(),
            return_reason = CASE WHEN $3 = 'returned' THEN $5 ELSE return_reason END
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, v.status, v.by, v.reason],
  );
}

// ---------------------------------------------------------------- postings (read from payments)

export interface Window {
  cashierId: string;
  from: Date | string;
  to: Date | string | null;
}

/**
 * Posted as the shift stood: a payment reversed after the close was still posted when the drawer was counted, so
 * a closed (or signed) shift's figures do not change when a payment of its window is reversed later.
 */
const POSTED_AT_CLOSE = `(p.status = 'posted' OR ($4::timestamptz IS NOT NULL AND p.reversed_at >= $4))`;

/** The shift's drawer postings by tender method; payments posted (at the close, for a closed shift) only. */
export async function postingsByMethod(db: Queryable, companyId: string, w: Window) {
  const r = await db.query<{ method: string; count: number; amount: string }>(
    `SELECT t->>'method' AS method, count(DISTINCT p.id)::int AS count,
            sum((t->>'amount')::numeric)::numeric(14, 2)::text AS amount
       FROM payments p CROSS JOIN LATERAL jsonb_array_elements(p.tenders) t
      WHERE p.company_id = $1 AND p.cashier_id = $2 AND p.channel IN ${DRAWER} AND ${POSTED_AT_CLOSE}
        AND p.received_at >= $3 AND ($4::timestamptz IS NULL OR p.received_at < $4)
      GROUP BY 1 ORDER BY 1`,
    [companyId, w.cashierId, w.from, w.to],
  );
  return r.rows;
}

export async function postingCounts(db: Queryable, companyId: string, w: Window) {
  const r = await db.query<{ posted: number; postedAmount: string; reversed: number; reversedAmount: string }>(
    `SELECT count(*) FILTER (WHERE ${POSTED_AT_CLOSE})::int AS posted,
            coalesce(sum(amount) FILTER (WHERE ${POSTED_AT_CLOSE}), 0)::numeric(14, 2)::text AS "postedAmount",
            count(*) FILTER (WHERE NOT ${POSTED_AT_CLOSE})::int AS reversed,
            coalesce(sum(amount) FILTER (WHERE NOT ${POSTED_AT_CLOSE}), 0)::numeric(14, 2)::text AS "reversedAmount"
       FROM payments p
      WHERE company_id = $1 AND cashier_id = $2 AND channel IN ${DRAWER}
        AND received_at >= $3 AND ($4::timestamptz IS NULL OR received_at < $4)`,
    [companyId, w.cashierId, w.from, w.to],
  );
  return r.rows[0]!;
}

const POSTING_SELECT = `
SELECT p.id, p.no, a.account_no AS "accountNo", c.name AS "customerName", p.amount::text AS amount,
       (SELECT json_agg(json_build_object('method', t->>'method', 'amount', (t->>'amount')::numeric(14, 2)::text))
          FROM jsonb_array_elements(p.tenders) t) AS tenders,
       p.status, p.channel, ${ts('p.received_at')} AS "receivedAt"
  FROM payments p
  JOIN accounts a ON a.company_id = p.company_id AND a.id = p.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id`;

export async function postings(db: Queryable, companyId: string, w: Window, limit = 1000): Promise<Posting[]> {
  const r = await db.query<Posting>(
    `${POSTING_SELECT}
      WHERE p.company_id = $1 AND p.cashier_id = $2 AND p.channel IN ${DRAWER}
        AND p.received_at >= $3 AND ($4::timestamptz IS NULL OR p.received_at < $4)
      ORDER BY p.received_at, p.id LIMIT ${limit}`,
    [companyId, w.cashierId, w.from, w.to],
  );
  return r.rows;
}

/**
 * PAY-2: deposits the cashier took in ('received') and paid back ('refunded') at the desk in the window, by tender
 * method, from the append-only `deposit_movements` (the person is `by_user`). A movement is never changed, so a
 * closed shift's figures stay as they were counted. Meter-test deposits of work orders have no movement or tender
 * and are not in any drawer.
 */
export async function depositMovementsByMethod(db: Queryable, companyId: string, w: Window) {
  const r = await db.query<{ kind: 'received' | 'refunded'; method: string; count: number; amount: string }>(
    `SELECT m.kind, m.method, count(*)::int AS count, sum(m.amount)::numeric(14, 2)::text AS amount
       FROM deposit_movements m
      WHERE m.company_id = $1 AND m.by_user = $2 AND m.kind IN ('received', 'refunded') AND m.method IS NOT NULL
        AND m.at >= $3 AND ($4::timestamptz IS NULL OR m.at < $4)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [companyId, w.cashierId, w.from, w.to],
  );
  return r.rows;
}

export async function handoversInto(db: Queryable, companyId: string, shiftId: string): Promise<string> {
  const r = await db.query<{ s: string }>(
    `SELECT coalesce(sum(received), 0)::numeric(14, 2)::text AS s FROM cash_handovers
      WHERE company_id = $1 AND shift_id = $2 AND status = 'confirmed'`,
    [companyId, shiftId],
  );
  return r.rows[0]!.s;
}

// ---------------------------------------------------------------- safe and deposits

/** PAY-3: floats of cashiers off shift (their latest shift is closed), takings of closed shifts, deposits. */
export async function safeParts(db: Queryable, companyId: string) {
  const r = await db.query<{ floats: string; takings: string; deposited: string }>(
    `SELECT
       (SELECT coalesce(sum(float), 0) FROM (
          SELECT DISTINCT ON (cashier_id) float, status FROM cash_shifts WHERE company_id = $1
           ORDER BY cashier_id, opened_at DESC) last WHERE status <> 'open')::numeric(14, 2)::text AS floats,
       (SELECT coalesce(sum(counted_cash - float), 0) FROM cash_shifts
         WHERE company_id = $1 AND status <> 'open')::numeric(14, 2)::text AS takings,
       (SELECT coalesce(sum(amount), 0) FROM cash_deposits WHERE company_id = $1)::numeric(14, 2)::text AS deposited`,
    [companyId],
  );
  return r.rows[0]!;
}

/** Deposits are recorded one at a time per company: the safe's balance is checked under this lock. */
export async function lockSafe(db: Queryable, companyId: string): Promise<void> {
  await db.query('SELECT id FROM companies WHERE id = $1 FOR NO KEY UPDATE', [companyId]);
}

/** Whether a bank slip has been recorded (read under `lockSafe`). */
export async function depositSlipRecorded(db: Queryable, companyId: string, slipNo: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM cash_deposits WHERE company_id = $1 AND slip_no = $2', [companyId, slipNo]);
  return r.rows.length > 0;
}

const DEPOSIT_SELECT = `
SELECT d.id, d.deposited_on::text AS "depositedOn", d.amount::text AS amount, d.slip_no AS "slipNo", d.note,
       ${person('u')} AS "recordedBy", ${ts('d.created_at')} AS "createdAt"
  FROM cash_deposits d JOIN users u ON u.company_id = d.company_id AND u.id = d.recorded_by`;

export async function insertDeposit(
  db: Queryable,
  companyId: string,
  v: { depositedOn: string; amount: string; slipNo: string; note: string | null; by: string },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO cash_deposits (company_id, deposited_on, amount, slip_no, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [companyId, v.depositedOn, v.amount, v.slipNo, v.note, v.by],
  );
  const found = await db.query(`${DEPOSIT_SELECT} WHERE d.company_id = $1 AND d.id = $2`, [companyId, r.rows[0]!.id]);
  return found.rows[0] as {
    id: string;
    depositedOn: string;
    amount: string;
    slipNo: string;
    note: string | null;
    recordedBy: { id: string; name: string };
    createdAt: string;
  };
}

export async function listDeposits(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: 'asc' | 'desc'; from?: string; to?: string },
) {
  const params: unknown[] = [companyId, q.from ?? null, q.to ?? null];
  const w = `d.company_id = $1 AND ($2::date IS NULL OR d.deposited_on >= $2) AND ($3::date IS NULL OR d.deposited_on <= $3)`;
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query(
      `${DEPOSIT_SELECT} WHERE ${w} ORDER BY d.deposited_on ${dir}, d.created_at ${dir} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cash_deposits d WHERE ${w}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function depositsOn(db: Queryable, companyId: string, day: string): Promise<string> {
  const r = await db.query<{ s: string }>(
    `SELECT coalesce(sum(amount), 0)::numeric(14, 2)::text AS s FROM cash_deposits WHERE company_id = $1 AND deposited_on = $2`,
    [companyId, day],
  );
  return r.rows[0]!.s;
}

// ---------------------------------------------------------------- centre daily report

/** A day's payments taken by people (desk, IC card, collector) per cashier and tender method. */
export async function dayByCashier(db: Queryable, companyId: string, day: string, orgUnitId?: string) {
  const r = await db.query<{
    cashierId: string;
    name: string;
    orgUnitName: string | null;
    method: string;
    channel: string;
    count: number;
    amount: string;
  }>(
    `SELECT u.id AS "cashierId", u.full_name AS name, ou.name AS "orgUnitName", t->>'method' AS method,
            p.channel, count(DISTINCT p.id)::int AS count, sum((t->>'amount')::numeric)::numeric(14, 2)::text AS amount
       FROM payments p CROSS JOIN LATERAL jsonb_array_elements(p.tenders) t
       JOIN users u ON u.company_id = p.company_id AND u.id = p.cashier_id
       LEFT JOIN org_units ou ON ou.company_id = u.company_id AND ou.id = u.org_unit_id
      WHERE p.company_id = $1 AND p.received_on = $2 AND p.status = 'posted'
        AND p.channel IN ('desk', 'icCard', 'collector') AND ($3::uuid IS NULL OR u.org_unit_id = $3)
      GROUP BY 1, 2, 3, 4, 5`,
    [companyId, day, orgUnitId ?? null],
  );
  return r.rows;
}

export async function dayCounts(db: Queryable, companyId: string, day: string, orgUnitId?: string) {
  const r = await db.query<{ cashierId: string; posted: number; reversed: number; reversedAmount: string }>(
    `SELECT p.cashier_id AS "cashierId", count(*) FILTER (WHERE p.status = 'posted')::int AS posted,
            count(*) FILTER (WHERE p.status = 'reversed')::int AS reversed,
            coalesce(sum(p.amount) FILTER (WHERE p.status = 'reversed'), 0)::numeric(14, 2)::text AS "reversedAmount"
       FROM payments p JOIN users u ON u.company_id = p.company_id AND u.id = p.cashier_id
      WHERE p.company_id = $1 AND p.received_on = $2 AND p.channel IN ('desk', 'icCard', 'collector')
        AND ($3::uuid IS NULL OR u.org_unit_id = $3)
      GROUP BY 1`,
    [companyId, day, orgUnitId ?? null],
  );
  return r.rows;
}

/** PAY-2: a day's (Asia/Shanghai) deposits received and refunded by each person, by tender method. */
export async function dayDepositMovements(db: Queryable, companyId: string, day: string, orgUnitId?: string) {
  const r = await db.query<{
    cashierId: string;
    name: string;
    orgUnitName: string | null;
    kind: 'received' | 'refunded';
    method: string;
    amount: string;
  }>(
    `SELECT u.id AS "cashierId", u.full_name AS name, ou.name AS "orgUnitName", m.kind, m.method,
            sum(m.amount)::numeric(14, 2)::text AS amount
       FROM deposit_movements m
       JOIN users u ON u.company_id = m.company_id AND u.id = m.by_user
       LEFT JOIN org_units ou ON ou.company_id = u.company_id AND ou.id = u.org_unit_id
      WHERE m.company_id = $1 AND m.kind IN ('received', 'refunded') AND m.method IS NOT NULL
        AND m.at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND m.at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND ($3::uuid IS NULL OR u.org_unit_id = $3)
      GROUP BY 1, 2, 3, 4, 5`,
    [companyId, day, orgUnitId ?? null],
  );
  return r.rows;
}

export async function shiftsOn(db: Queryable, companyId: string, day: string, orgUnitId?: string) {
  const r = await db.query<ShiftRow>(
    `${SHIFT_SELECT} WHERE s.company_id = $1 AND s.business_date = $2 AND ($3::uuid IS NULL OR u.org_unit_id = $3)
      ORDER BY u.full_name, s.opened_at`,
    [companyId, day, orgUnitId ?? null],
  );
  return r.rows;
}

// ---------------------------------------------------------------- PAY-4 hand-overs

const HANDOVER_SELECT = `
SELECT h.id, ${person('c')} AS collector, ${person('r')} AS receiver, h.expected::text AS expected,
       h.handed::text AS handed, h.received::text AS received,
       CASE WHEN h.received IS NULL THEN NULL ELSE (h.received - h.expected)::numeric(14, 2)::text END AS variance,
       h.explanation, h.note, h.status, h.shift_id AS "shiftId",
       (SELECT count(*)::int FROM cash_handover_payments hp WHERE hp.company_id = h.company_id AND hp.handover_id = h.id)
         AS "paymentCount",
       ${ts('h.created_at')} AS "createdAt",
       CASE WHEN h.confirmed_at IS NULL THEN NULL ELSE ${ts('h.confirmed_at')} END AS "confirmedAt"
  FROM cash_handovers h
  JOIN users c ON c.company_id = h.company_id AND c.id = h.collector_id
  JOIN users r ON r.company_id = h.company_id AND r.id = h.receiver_id`;

export async function findHandover(db: Queryable, companyId: string, id: string): Promise<Handover | null> {
  const r = await db.query<Handover>(`${HANDOVER_SELECT} WHERE h.company_id = $1 AND h.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function listHandovers(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: 'asc' | 'desc'; status?: string; userId?: string },
) {
  const params: unknown[] = [companyId, q.status ?? null, q.userId ?? null];
  const w = `h.company_id = $1 AND ($2::text IS NULL OR h.status = $2)
             AND ($3::uuid IS NULL OR h.collector_id = $3 OR h.receiver_id = $3)`;
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<Handover>(`${HANDOVER_SELECT} WHERE ${w} ORDER BY h.created_at ${dir}, h.id ${pageClause(q)}`, params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cash_handovers h WHERE ${w}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

/** A collector's posted collector payments not yet handed over, with the cash in each. */
export async function pendingCollections(db: Queryable, companyId: string, collectorId: string) {
  const r = await db.query<Posting & { cash: string }>(
    `${POSTING_SELECT.replace(
      'p.status, p.channel,',
      `p.status, p.channel,
       (SELECT coalesce(sum((t->>'amount')::numeric), 0)::numeric(14, 2)::text FROM jsonb_array_elements(p.tenders) t
         WHERE t->>'method' = 'cash') AS cash,`,
    )}
      WHERE p.company_id = $1 AND p.cashier_id = $2 AND p.channel = 'collector' AND p.status = 'posted'
        AND NOT EXISTS (SELECT 1 FROM cash_handover_payments hp WHERE hp.company_id = p.company_id AND hp.payment_id = p.id)
      ORDER BY p.received_at, p.id LIMIT 500`,
    [companyId, collectorId],
  );
  return r.rows;
}

export async function insertHandover(
  db: Queryable,
  companyId: string,
  v: { collectorId: string; receiverId: string; expected: string; handed: string; note: string | null },
  paymentIds: string[],
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO cash_handovers (company_id, collector_id, receiver_id, expected, handed, note)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [companyId, v.collectorId, v.receiverId, v.expected, v.handed, v.note],
  );
  const id = r.rows[0]!.id;
  await db.query(
    `INSERT INTO cash_handover_payments (company_id, handover_id, payment_id)
     SELECT $1, $2, unnest($3::uuid[])`,
    [companyId, id, paymentIds],
  );
  return id;
}

export async function lockHandover(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{ id: string; receiverId: string; status: string; expected: string }>(
    `SELECT id, receiver_id AS "receiverId", status, expected::text AS expected FROM cash_handovers
      WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function confirmHandover(
  db: Queryable,
  companyId: string,
  id: string,
  v: { received: string; explanation: string | null; shiftId: string },
): Promise<void> {
  await db.query(
    `UPDATE cash_handovers SET status = 'confirmed', received = $3, explanation = $4, shift_id = $5, confirmed_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, v.received, v.explanation, v.shiftId],
  );
}

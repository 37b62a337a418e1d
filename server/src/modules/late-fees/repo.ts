import type { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { billLineSchema } from '../billing/schemas.js';
import type { CustomerKind } from './accrual.js';
import type { WaiverCategory } from './reasons.js';

export interface AccountRow {
  id: string;
  accountNo: string;
  customerName: string;
  customerKind: CustomerKind;
}

/** The account (locked when asked: waivers of one account are filed one at a time, so none is counted twice). */
export async function findAccount(
  db: Queryable,
  companyId: string,
  accountId: string,
  lock = false,
): Promise<AccountRow | null> {
  const { rows } = await db.query<AccountRow>(
    `SELECT a.id, a.account_no AS "accountNo", c.name AS "customerName", u.customer_kind AS "customerKind"
       FROM accounts a
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
       JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature
      WHERE a.company_id = $1 AND a.id = $2
      ${lock ? 'FOR UPDATE OF a' : ''}`,
    [companyId, accountId],
  );
  return rows[0] ?? null;
}

/** What pending and approved waivers take off each of these debts. */
export async function reservedByEntry(db: Queryable, companyId: string, entryIds: string[]) {
  const { rows } = await db.query<{ entryId: string; amount: string }>(
    `SELECT d.entry_id AS "entryId", sum(d.amount)::text AS amount
       FROM late_fee_waiver_debts d
       JOIN late_fee_waivers w ON w.company_id = d.company_id AND w.id = d.waiver_id
      WHERE d.company_id = $1 AND d.entry_id = ANY($2::uuid[]) AND w.status IN ('pending', 'approved')
      GROUP BY d.entry_id`,
    [companyId, entryIds],
  );
  return new Map(rows.map((r) => [r.entryId, r.amount]));
}

export interface NewWaiver {
  accountId: string;
  category: WaiverCategory;
  reason: string;
  note: string | null;
  amount: string;
  accrued: string;
  levels: number;
  requestedBy: string;
  requestedOn: string;
  debts: { entryId: string; amount: string }[];
}

export async function insertWaiver(db: Queryable, companyId: string, w: NewWaiver): Promise<string> {
  const {
    rows: [row],
  } = await db.query<{ id: string }>(
    `INSERT INTO late_fee_waivers (company_id, account_id, category, reason, note, amount, accrued, levels,
                                   requested_by, requested_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [companyId, w.accountId, w.category, w.reason, w.note, w.amount, w.accrued, w.levels, w.requestedBy, w.requestedOn],
  );
  await db.query(
    `INSERT INTO late_fee_waiver_debts (company_id, waiver_id, entry_id, amount)
     SELECT $1, $2, d.entry_id, d.amount
       FROM unnest($3::uuid[], $4::numeric[]) AS d(entry_id, amount)`,
    [companyId, row!.id, w.debts.map((d) => d.entryId), w.debts.map((d) => d.amount)],
  );
  return row!.id;
}

export async function setApproval(db: Queryable, companyId: string, id: string, approvalId: string) {
  await db.query('UPDATE late_fee_waivers SET approval_id = $3 WHERE company_id = $1 AND id = $2', [
    companyId,
    id,
    approvalId,
  ]);
}

export async function decide(
  db: Queryable,
  companyId: string,
  id: string,
  status: 'approved' | 'rejected' | 'withdrawn',
  decidedOn: string,
) {
  await db.query(
    `UPDATE late_fee_waivers SET status = $3, decided_on = $4, decided_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, status, decidedOn],
  );
}

export interface WaiverRow {
  id: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  category: WaiverCategory;
  reason: string;
  note: string | null;
  amount: string;
  accrued: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  levels: number;
  approvalId: string | null;
  approvalNo: string | null;
  currentStep: number | null;
  currentStepLabel: string | null;
  requestedBy: { id: string; fullName: string };
  requestedOn: string;
  requestedAt: string;
  decidedOn: string | null;
  debts: { entryId: string; period: string | null; dueOn: string | null; amount: string }[];
}

const waiverColumns = `
  w.id, w.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName", w.category, w.reason,
  w.note, w.amount::text AS amount, w.accrued::text AS accrued, w.status, w.levels, w.approval_id AS "approvalId",
  r.no AS "approvalNo", r.current_step AS "currentStep",
  (SELECT s.label FROM approval_steps s WHERE s.company_id = w.company_id AND s.request_id = w.approval_id
      AND s.step_no = r.current_step) AS "currentStepLabel",
  json_build_object('id', u.id, 'fullName', u.full_name) AS "requestedBy",
  w.requested_on::text AS "requestedOn", to_char(w.requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "requestedAt",
  w.decided_on::text AS "decidedOn",
  (SELECT coalesce(json_agg(json_build_object('entryId', d.entry_id, 'period', e.period, 'dueOn', e.due_on::text,
                                              'amount', d.amount::text) ORDER BY e.due_on, e.id), '[]')
     FROM late_fee_waiver_debts d
     JOIN ledger_entries e ON e.company_id = d.company_id AND e.id = d.entry_id
    WHERE d.company_id = w.company_id AND d.waiver_id = w.id) AS debts`;
const waiverFrom = `
  FROM late_fee_waivers w
  JOIN accounts a ON a.company_id = w.company_id AND a.id = w.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  JOIN users u ON u.company_id = w.company_id AND u.id = w.requested_by
  LEFT JOIN approval_requests r ON r.company_id = w.company_id AND r.id = w.approval_id`;

export async function findWaiver(db: Queryable, companyId: string, id: string): Promise<WaiverRow | null> {
  const { rows } = await db.query<WaiverRow>(
    `SELECT ${waiverColumns} ${waiverFrom} WHERE w.company_id = $1 AND w.id = $2`,
    [companyId, id],
  );
  return rows[0] ?? null;
}

export async function findWaiverByApproval(db: Queryable, companyId: string, approvalId: string) {
  const { rows } = await db.query<{ id: string; status: string }>(
    'SELECT id, status FROM late_fee_waivers WHERE company_id = $1 AND approval_id = $2 FOR UPDATE',
    [companyId, approvalId],
  );
  return rows[0] ?? null;
}

export interface WaiverFilter {
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
  sort: 'requestedAt' | 'amount' | 'accountNo';
  status?: string | undefined;
  reason?: string | undefined;
  category?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  accountId?: string | undefined;
  accountNo?: string | undefined;
}

const SORTS: Record<WaiverFilter['sort'], string> = {
  requestedAt: 'w.requested_at',
  amount: 'w.amount',
  accountNo: 'a.account_no',
};

export async function listWaivers(db: Queryable, companyId: string, q: WaiverFilter) {
  const where = ['w.company_id = $1'];
  const params: unknown[] = [companyId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.status) add('w.status = ?', q.status);
  if (q.reason) add('w.reason = ?', q.reason);
  if (q.category) add('w.category = ?', q.category);
  if (q.from) add('w.requested_on >= ?::date', q.from);
  if (q.to) add('w.requested_on <= ?::date', q.to);
  if (q.accountId) add('w.account_id = ?::uuid', q.accountId);
  if (q.accountNo) add('a.account_no = ?', q.accountNo);
  const cond = where.join(' AND ');
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<WaiverRow>(
      `SELECT ${waiverColumns} ${waiverFrom} WHERE ${cond} ORDER BY ${SORTS[q.sort]} ${dir}, w.id ${dir} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number; amount: string }>(
      `SELECT count(*)::int AS n, coalesce(sum(w.amount), 0)::text AS amount ${waiverFrom} WHERE ${cond}`,
      params,
    ),
  ]);
  return { items: items.rows, total: total.rows[0]!.n, totalAmount: total.rows[0]!.amount };
}

export interface ReportRow {
  reason: string;
  category: WaiverCategory;
  levels: number;
  tierLabel: string | null;
  approved: number;
  approvedAmount: string;
  rejected: number;
  withdrawn: number;
}

/** Waivers decided in a month (by the business date of the decision), by reason and tier. */
export async function monthlyReport(db: Queryable, companyId: string, from: string, to: string): Promise<ReportRow[]> {
  const { rows } = await db.query<ReportRow>(
    `SELECT w.reason, w.category, w.levels,
            (SELECT s.label FROM approval_steps s WHERE s.company_id = w.company_id AND s.request_id = w.approval_id
                AND s.step_no = w.levels) AS "tierLabel",
            count(*) FILTER (WHERE w.status = 'approved')::int AS approved,
            coalesce(sum(w.amount) FILTER (WHERE w.status = 'approved'), 0)::text AS "approvedAmount",
            count(*) FILTER (WHERE w.status = 'rejected')::int AS rejected,
            count(*) FILTER (WHERE w.status = 'withdrawn')::int AS withdrawn
       FROM late_fee_waivers w
      WHERE w.company_id = $1 AND w.decided_on >= $2::date AND w.decided_on < $3::date
      GROUP BY 1, 2, 3, 4
      ORDER BY 3, 1`,
    [companyId, from, to],
  );
  return rows;
}

/** Requests filed in a month and those still pending at its end (for the report's head). */
export async function monthlyRequested(db: Queryable, companyId: string, from: string, to: string) {
  const { rows } = await db.query<{ requested: number; requestedAmount: string }>(
    `SELECT count(*)::int AS requested, coalesce(sum(amount), 0)::text AS "requestedAmount"
       FROM late_fee_waivers WHERE company_id = $1 AND requested_on >= $2::date AND requested_on < $3::date`,
    [companyId, from, to],
  );
  return rows[0]!;
}

/** The bills of an account, newest period first. */
export async function billsOfAccount(db: Queryable, companyId: string, accountId: string) {
  const { rows } = await db.query<{
    id: string;
    period: string;
    kind: string;
    usageNature: string;
    fromDate: string;
    readOn: string;
    volume: string;
    amount: string;
    dueOn: string;
    lines: z.infer<typeof billLineSchema>[];
  }>(
    `SELECT id, period, kind, usage_nature AS "usageNature", from_date::text AS "fromDate", read_on::text AS "readOn",
            volume::text AS volume, amount::text AS amount, due_on::text AS "dueOn", lines
       FROM bills WHERE company_id = $1 AND account_id = $2
      ORDER BY period DESC`,
    [companyId, accountId],
  );
  return rows;
}

/** The waivers of an account, newest first (for the ledger panel). */
export async function waiversOfAccount(db: Queryable, companyId: string, accountId: string) {
  const { rows } = await db.query<WaiverRow>(
    `SELECT ${waiverColumns} ${waiverFrom} WHERE w.company_id = $1 AND w.account_id = $2 ORDER BY w.requested_at DESC`,
    [companyId, accountId],
  );
  return rows;
}

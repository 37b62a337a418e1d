import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { Deposit, ListDepositsQuery } from './schemas.js';

const iso = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', ${iso})`;
const who = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.full_name) END`;

const FROM = `
  FROM deposits d
  JOIN accounts a ON a.company_id = d.company_id AND a.id = d.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id`;

/** The SVC-9 meter-test work order whose form took the deposit. */
const WORK_ORDER = `
  LEFT JOIN LATERAL (
    SELECT wo.id, wo.order_no AS "orderNo", wf.data->>'result' AS result, wo.fee_total::text AS fee
      FROM work_order_forms wf JOIN work_orders wo ON wo.company_id = wf.company_id AND wo.id = wf.work_order_id
     WHERE wf.company_id = d.company_id AND wf.form_code = 'meterTest' AND wf.data->'deposit'->>'id' = d.id::text
     LIMIT 1) w ON true`;

const SELECT = `
SELECT d.id, coalesce(d.no, d.receipt_no, '—') AS no, d.account_id AS "accountId", a.account_no AS "accountNo",
       c.name AS "customerName", c.kind AS "customerKind", p.full_address AS address, d.kind, d.amount::text AS amount,
       d.method, d.reference, d.receipt_no AS "receiptNo", d.note, d.status,
       d.refunded_amount::text AS "refundedAmount", d.applied_amount::text AS "appliedAmount",
       d.forfeited_amount::text AS "forfeitedAmount", d.meter_test_result AS "meterTestResult",
       CASE WHEN w.id IS NULL THEN NULL
            ELSE json_build_object('id', w.id, 'orderNo', w."orderNo", 'result', w.result, 'fee', w.fee) END AS "workOrder",
       d.release_note AS "releaseNote", d.ledger_entry_id AS "ledgerEntryId",
       ${who('ru')} AS "receivedBy", ${ts('d.created_at')} AS "receivedAt", d.received_on::text AS "receivedOn",
       d.settled_on::text AS "settledOn", ${who('lu')} AS "releasedBy", ${ts('d.released_at')} AS "releasedAt",
       coalesce((SELECT json_agg(json_build_object('kind', m.kind, 'amount', m.amount::text, 'method', m.method,
                   'reference', m.reference, 'note', m.note,
                   'by', json_build_object('id', mu.id, 'name', mu.full_name), 'at', ${ts('m.at')}) ORDER BY m.at, m.kind)
                   FROM deposit_movements m JOIN users mu ON mu.company_id = m.company_id AND mu.id = m.by_user
                  WHERE m.company_id = d.company_id AND m.deposit_id = d.id), '[]'::json) AS movements
  ${FROM}
  JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
  LEFT JOIN users ru ON ru.company_id = d.company_id AND ru.id = d.received_by
  LEFT JOIN users lu ON lu.company_id = d.company_id AND lu.id = d.released_by
  ${WORK_ORDER}`;

export async function findDeposit(db: Queryable, companyId: string, id: string): Promise<Deposit | null> {
  const r = await db.query<Deposit>(`${SELECT} WHERE d.company_id = $1 AND d.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export interface DepositLock {
  id: string;
  no: string;
  accountId: string;
  kind: string;
  amount: string;
  status: string;
  customerKind: string;
}

/** The deposit's account (to lock it before the deposit). */
export async function accountIdOf(db: Queryable, companyId: string, id: string): Promise<string | null> {
  const r = await db.query<{ accountId: string }>(
    'SELECT account_id AS "accountId" FROM deposits WHERE company_id = $1 AND id = $2',
    [companyId, id],
  );
  return r.rows[0]?.accountId ?? null;
}

export async function lockDeposit(db: Queryable, companyId: string, id: string): Promise<DepositLock | null> {
  const r = await db.query<DepositLock>(
    `SELECT d.id, coalesce(d.no, d.receipt_no, '—') AS no, d.account_id AS "accountId", d.kind, d.amount::text AS amount, d.status, c.kind AS "customerKind"
       FROM deposits d
       JOIN accounts a ON a.company_id = d.company_id AND a.id = d.account_id
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
      WHERE d.company_id = $1 AND d.id = $2 FOR UPDATE OF d`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

const SORT = { receivedAt: 'd.created_at', no: 'd.no', amount: 'd.amount' } as const;

export async function listDeposits(db: Queryable, companyId: string, q: ListDepositsQuery) {
  const params: unknown[] = [companyId];
  const where = ['d.company_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.kind) add('d.kind = ?', q.kind);
  if (q.status) add('d.status = ?', q.status);
  if (q.accountId) add('d.account_id = ?', q.accountId);
  if (q.from) add('d.received_on >= ?::date', q.from);
  if (q.to) add('d.received_on <= ?::date', q.to);
  if (q.q) {
    add(
      `(d.no ILIKE ? OR d.receipt_no ILIKE ? OR a.account_no LIKE ? OR c.name ILIKE ?)`,
      `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`,
    );
  }
  const w = where.join(' AND ');
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<Deposit>(`${SELECT} WHERE ${w} ORDER BY ${SORT[q.sort]} ${dir}, d.id ${dir} ${pageClause(q)}`, params),
    db.query<{ n: number; held: string }>(
      `SELECT count(*)::int AS n, coalesce(sum(d.amount) FILTER (WHERE d.status = 'held'), 0)::numeric(14, 2)::text AS held
       ${FROM} WHERE ${w}`,
      params,
    ),
  ]);
  return { items: items.rows, total: total.rows[0]!.n, held: total.rows[0]!.held };
}

export async function accountOf(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{ id: string; accountNo: string; customerKind: string }>(
    `SELECT a.id, a.account_no AS "accountNo", c.kind AS "customerKind"
       FROM accounts a JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
      WHERE a.company_id = $1 AND a.id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function receiptNoTaken(db: Queryable, companyId: string, receiptNo: string) {
  const r = await db.query('SELECT 1 FROM deposits WHERE company_id = $1 AND receipt_no = $2', [companyId, receiptNo]);
  return r.rows.length > 0;
}

export async function insertDeposit(
  db: Queryable,
  companyId: string,
  d: {
    no: string;
    accountId: string;
    kind: string;
    amount: string;
    method: string;
    reference: string | null;
    receiptNo: string | null;
    note: string | null;
    receivedBy: string;
    receivedOn: string;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO deposits (company_id, no, account_id, kind, amount, method, reference, receipt_no, note, received_by,
                           received_on, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'held') RETURNING id`,
    [
      companyId,
      d.no,
      d.accountId,
      d.kind,
      d.amount,
      d.method,
      d.reference,
      d.receiptNo,
      d.note,
      d.receivedBy,
      d.receivedOn,
    ],
  );
  return r.rows[0]!.id;
}

export async function insertMovement(
  db: Queryable,
  companyId: string,
  m: {
    depositId: string;
    kind: string;
    amount: string;
    method: string | null;
    reference: string | null;
    note: string | null;
    by: string;
  },
) {
  await db.query(
    `INSERT INTO deposit_movements (company_id, deposit_id, kind, amount, method, reference, note, by_user)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [companyId, m.depositId, m.kind, m.amount, m.method, m.reference, m.note, m.by],
  );
}

export async function markReleased(
  db: Queryable,
  companyId: string,
  id: string,
  r: {
    status: string;
    refunded: string;
    applied: string;
    forfeited: string;
    meterTestResult: string | null;
    note: string | null;
    ledgerEntryId: string | null;
    by: string;
    on: string;
  },
) {
  await db.query(
    `UPDATE deposits SET status = $3, refunded_amount = $4, applied_amount = $5, forfeited_amount = $6,
            meter_test_result = $7, release_note = $8, ledger_entry_id = $9, released_by = $10, released_at = now(),
            settled_on = $11
      WHERE company_id = $1 AND id = $2 AND status = 'held'`,
    [
      companyId,
      id,
      r.status,
      r.refunded,
      r.applied,
      r.forfeited,
      r.meterTestResult,
      r.note,
      r.ledgerEntryId,
      r.by,
      r.on,
    ],
  );
}

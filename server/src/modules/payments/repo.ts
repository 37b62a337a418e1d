import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { ListPaymentsQuery, Payment } from './schemas.js';

const iso = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', ${iso})`;

const SELECT = `
SELECT p.id, p.no, p.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName",
       p.amount::text AS amount, p.tenders, p.prepayment::text AS prepayment, p.note,
       ${ts('p.received_at')} AS "receivedAt", p.status, p.channel, p.cashier_id AS "cashierId", u.full_name AS "cashierName",
       p.reversal_approval_id AS "reversalApprovalId", ${ts('p.reversed_at')} AS "reversedAt",
       coalesce((SELECT json_agg(json_build_object('entryId', l.entry_id, 'period', l.period,
                        'lateFee', l.late_fee::text, 'principal', l.principal::text) ORDER BY l.seq)
                   FROM payment_allocations l WHERE l.company_id = p.company_id AND l.payment_id = p.id), '[]'::json)
         AS allocations
  FROM payments p
  JOIN accounts a ON a.company_id = p.company_id AND a.id = p.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  LEFT JOIN users u ON u.company_id = p.company_id AND u.id = p.cashier_id`;

export async function findPayment(db: Queryable, companyId: string, id: string): Promise<Payment | null> {
  const r = await db.query<Payment>(`${SELECT} WHERE p.company_id = $1 AND p.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function findByKey(
  db: Queryable,
  companyId: string,
  key: string,
): Promise<{ id: string; no: string; requestHash: string } | null> {
  const r = await db.query<{ id: string; no: string; requestHash: string }>(
    `SELECT id, no, request_hash AS "requestHash" FROM payments WHERE company_id = $1 AND idempotency_key = $2`,
    [companyId, key],
  );
  return r.rows[0] ?? null;
}

export interface AccountHead {
  id: string;
  accountNo: string;
  customerName: string;
  address: string;
}

/** The account, locked FOR UPDATE when `lock`: payments of one account are posted one at a time. */
export async function accountHead(
  db: Queryable,
  companyId: string,
  accountId: string,
  lock = false,
): Promise<AccountHead | null> {
  const r = await db.query<AccountHead>(
    `SELECT a.id, a.account_no AS "accountNo", c.name AS "customerName", p.full_address AS address
       FROM accounts a
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
       JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
      WHERE a.company_id = $1 AND a.id = $2${lock ? ' FOR UPDATE OF a' : ''}`,
    [companyId, accountId],
  );
  return r.rows[0] ?? null;
}

export async function insertPayment(
  db: Queryable,
  companyId: string,
  p: {
    id: string;
    no: string;
    accountId: string;
    amount: string;
    tenders: unknown;
    prepayment: string;
    note: string | null;
    idempotencyKey: string;
    requestHash: string;
    channel: string;
    cashierId: string | null;
    receivedOn: string;
    ledgerEntryId: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO payments (company_id, id, no, account_id, amount, tenders, prepayment, note, idempotency_key,
                           request_hash, cashier_id, received_on, ledger_entry_id, channel)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      companyId,
      p.id,
      p.no,
      p.accountId,
      p.amount,
      JSON.stringify(p.tenders),
      p.prepayment,
      p.note,
      p.idempotencyKey,
      p.requestHash,
      p.cashierId,
      p.receivedOn,
      p.ledgerEntryId,
      p.channel,
    ],
  );
}

export interface AllocationRow {
  id: string;
  entryId: string;
  period: string | null;
  lateFee: string;
  principal: string;
  lateFeeEntryId: string | null;
}

export async function insertAllocations(
  db: Queryable,
  companyId: string,
  paymentId: string,
  accountId: string,
  rows: AllocationRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const values: string[] = [];
  const params: unknown[] = [companyId, paymentId, accountId];
  rows.forEach((a, i) => {
    const b = params.length;
    values.push(`($1, $${b + 1}, $2, $3, ${i + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`);
    params.push(a.id, a.entryId, a.period, a.lateFee, a.principal, a.lateFeeEntryId);
  });
  await db.query(
    `INSERT INTO payment_allocations (company_id, id, payment_id, account_id, seq, entry_id, period, late_fee,
                                      principal, late_fee_entry_id)
     VALUES ${values.join(', ')}`,
    params,
  );
}

const SORT: Record<ListPaymentsQuery['sort'], string> = {
  receivedAt: 'p.received_at',
  no: 'p.no',
  amount: 'p.amount',
};

export async function listPayments(
  db: Queryable,
  companyId: string,
  q: ListPaymentsQuery,
): Promise<{ items: Payment[]; total: number }> {
  const where = ['p.company_id = $1'];
  const params: unknown[] = [companyId];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.accountId) add('p.account_id = ?', q.accountId);
  if (q.cashierId) add('p.cashier_id = ?', q.cashierId);
  if (q.status) add('p.status = ?', q.status);
  if (q.method) add('p.tenders @> ?::jsonb', JSON.stringify([{ method: q.method }]));
  if (q.from) add('p.received_on >= ?::date', q.from);
  if (q.to) add('p.received_on <= ?::date', q.to);
  const w = where.join(' AND ');
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<Payment>(`${SELECT} WHERE ${w} ORDER BY ${SORT[q.sort]} ${dir}, p.id ${dir} ${pageClause(q)}`, params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments p WHERE ${w}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export interface PaymentLock {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  amount: string;
  status: 'posted' | 'reversed';
  reversalApprovalId: string | null;
  reversalReason: string | null;
  approvalStatus: string | null;
  approvalNo: string | null;
}

/** Locks the payment for a change of status. */
export async function lockPayment(db: Queryable, companyId: string, id: string): Promise<PaymentLock | null> {
  const r = await db.query<PaymentLock>(
    `SELECT p.id, p.no, p.account_id AS "accountId", a.account_no AS "accountNo", p.amount::text AS amount, p.status,
            p.reversal_approval_id AS "reversalApprovalId",
            p.reversal_reason AS "reversalReason", ar.status AS "approvalStatus", ar.no AS "approvalNo"
       FROM payments p
       JOIN accounts a ON a.company_id = p.company_id AND a.id = p.account_id
       LEFT JOIN approval_requests ar ON ar.company_id = p.company_id AND ar.id = p.reversal_approval_id
      WHERE p.company_id = $1 AND p.id = $2
        FOR UPDATE OF p`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function setReversal(
  db: Queryable,
  companyId: string,
  id: string,
  v: { approvalId?: string | null; reason?: string | null; reversed?: boolean },
): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [companyId, id];
  if (v.approvalId !== undefined) {
    params.push(v.approvalId);
    sets.push(`reversal_approval_id = $${params.length}`);
  }
  if (v.reason !== undefined) {
    params.push(v.reason);
    sets.push(`reversal_reason = $${params.length}`);
  }
  if (v.reversed) sets.push(`status = 'reversed', reversed_at = now()`);
  await db.query(`UPDATE payments SET ${sets.join(', ')} WHERE company_id = $1 AND id = $2`, params);
}

/**
 * The late-fee entries payments of an account crystallised (each paid by its payment at once, before the debt's
 * principal), with their amounts.
 */
export async function crystallisedFees(
  db: Queryable,
  companyId: string,
  accountId: string,
): Promise<{ entryId: string; paymentId: string; amount: string }[]> {
  const r = await db.query<{ entryId: string; paymentId: string; amount: string }>(
    `SELECT late_fee_entry_id AS "entryId", payment_id AS "paymentId", late_fee::text AS amount FROM payment_allocations
      WHERE company_id = $1 AND account_id = $2 AND late_fee > 0 AND late_fee_entry_id IS NOT NULL`,
    [companyId, accountId],
  );
  return r.rows;
}

/** How a cashier appears in payment numbers: the employee number, or the user name without one. */
export async function cashierCode(db: Queryable, companyId: string, userId: string): Promise<string> {
  const r = await db.query<{ code: string }>(
    'SELECT coalesce(employee_no, username) AS code FROM users WHERE company_id = $1 AND id = $2',
    [companyId, userId],
  );
  return r.rows[0]!.code;
}

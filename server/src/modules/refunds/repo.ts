import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { ListRefundsQuery, Refund, RefundStatus } from './schemas.js';

const iso = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', ${iso})`;
const who = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.full_name) END`;

const FROM = `
  FROM refunds f
  JOIN accounts a ON a.company_id = f.company_id AND a.id = f.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id`;

const SELECT = `
SELECT f.id, f.no, f.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName",
       c.kind AS "customerKind", p.full_address AS address, f.case_kind AS "caseKind", f.amount::text AS amount,
       f.documents, f.notes, f.payee_name AS "payeeName", f.bank_name AS "bankName",
       f.bank_account_no AS "bankAccountNo", f.status, f.disposition,
       ${who('fu')} AS "filedBy", ${ts('f.filed_at')} AS "filedAt",
       ${who('ru')} AS "reviewedBy", ${ts('f.reviewed_at')} AS "reviewedAt", f.refusal_reason AS "refusalReason",
       f.target_account_id AS "targetAccountId", ta.account_no AS "targetAccountNo",
       f.approval_id AS "approvalId", ar.no AS "approvalNo", ar.status AS "approvalStatus",
       f.ledger_entry_id AS "ledgerEntryId", f.target_entry_id AS "targetEntryId",
       f.payout_method AS "payoutMethod", f.payout_reference AS "payoutReference",
       ${who('pu')} AS "paidBy", ${ts('f.paid_at')} AS "paidAt"
  ${FROM}
  JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
  LEFT JOIN users fu ON fu.company_id = f.company_id AND fu.id = f.filed_by
  LEFT JOIN users ru ON ru.company_id = f.company_id AND ru.id = f.reviewed_by
  LEFT JOIN users pu ON pu.company_id = f.company_id AND pu.id = f.paid_by
  LEFT JOIN accounts ta ON ta.company_id = f.company_id AND ta.id = f.target_account_id
  LEFT JOIN approval_requests ar ON ar.company_id = f.company_id AND ar.id = f.approval_id`;

export async function findRefund(db: Queryable, companyId: string, id: string): Promise<Refund | null> {
  const r = await db.query<Refund>(`${SELECT} WHERE f.company_id = $1 AND f.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export interface RefundLock {
  id: string;
  no: string;
  accountId: string;
  amount: string;
  status: RefundStatus;
  approvalId: string | null;
  disposition: string | null;
  filedBy: string;
}

/** Locks the refund for a change of status. */
export async function lockRefund(db: Queryable, companyId: string, id: string): Promise<RefundLock | null> {
  const r = await db.query<RefundLock>(
    `SELECT id, no, account_id AS "accountId", amount::text AS amount, status, approval_id AS "approvalId",
            disposition, filed_by AS "filedBy"
       FROM refunds WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

const SORT = { filedAt: 'f.filed_at', no: 'f.no', amount: 'f.amount' } as const;

export async function listRefunds(
  db: Queryable,
  companyId: string,
  q: ListRefundsQuery,
): Promise<{ items: Refund[]; total: number }> {
  const params: unknown[] = [companyId];
  const where = ['f.company_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.caseKind) add('f.case_kind = ?', q.caseKind);
  if (q.status) add('f.status = ?', q.status);
  if (q.accountId) add('(f.account_id = ? OR f.target_account_id = ?)', q.accountId);
  if (q.from) add(`f.filed_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, q.from);
  if (q.to) add(`f.filed_at < (?::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, q.to);
  if (q.q) {
    add(`(f.no ILIKE ? OR a.account_no LIKE ? OR c.name ILIKE ?)`, `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  }
  const w = where.join(' AND ');
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<Refund>(`${SELECT} WHERE ${w} ORDER BY ${SORT[q.sort]} ${dir}, f.id ${dir} ${pageClause(q)}`, params),
    db.query<{ n: number; s: string }>(`SELECT count(*)::int AS n ${FROM} WHERE ${w}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export interface AccountOfRefund {
  id: string;
  accountNo: string;
  customerName: string;
  customerKind: string;
}

/** The account (locked when asked: postings of one account go one at a time). */
export async function accountOf(
  db: Queryable,
  companyId: string,
  id: string,
  lock = false,
): Promise<AccountOfRefund | null> {
  const r = await db.query<AccountOfRefund>(
    `SELECT a.id, a.account_no AS "accountNo", c.name AS "customerName", c.kind AS "customerKind"
       FROM accounts a JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
      WHERE a.company_id = $1 AND a.id = $2${lock ? ' FOR UPDATE OF a' : ''}`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** The account's balance (the sum of its ledger) and what refunds filed and not yet posted hold of it. */
export async function balanceOf(
  db: Queryable,
  companyId: string,
  accountId: string,
  except: string | null = null,
): Promise<{ balance: string; pending: string }> {
  const r = await db.query<{ balance: string; pending: string }>(
    `SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE company_id = $1 AND account_id = $2)::text AS balance,
            (SELECT coalesce(sum(amount), 0) FROM refunds
              WHERE company_id = $1 AND account_id = $2 AND status IN ('submitted', 'approving')
                AND ($3::uuid IS NULL OR id <> $3))::text AS pending`,
    [companyId, accountId, except],
  );
  return r.rows[0]!;
}

export async function insertRefund(
  db: Queryable,
  companyId: string,
  f: {
    no: string;
    accountId: string;
    caseKind: string;
    amount: string;
    documents: unknown;
    notes: string | null;
    payeeName: string | null;
    bankName: string | null;
    bankAccountNo: string | null;
    filedBy: string;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO refunds (company_id, no, account_id, case_kind, amount, documents, notes, payee_name, bank_name,
                          bank_account_no, filed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      companyId,
      f.no,
      f.accountId,
      f.caseKind,
      f.amount,
      JSON.stringify(f.documents),
      f.notes,
      f.payeeName,
      f.bankName,
      f.bankAccountNo,
      f.filedBy,
    ],
  );
  return r.rows[0]!.id;
}

const COLUMNS = {
  status: 'status',
  disposition: 'disposition',
  reviewedBy: 'reviewed_by',
  reviewedAt: 'reviewed_at',
  refusalReason: 'refusal_reason',
  targetAccountId: 'target_account_id',
  transferCreditId: 'transfer_credit_id',
  approvalId: 'approval_id',
  ledgerEntryId: 'ledger_entry_id',
  targetEntryId: 'target_entry_id',
  payoutMethod: 'payout_method',
  payoutReference: 'payout_reference',
  paidBy: 'paid_by',
  paidAt: 'paid_at',
} as const;

export async function updateRefund(
  db: Queryable,
  companyId: string,
  id: string,
  set: Partial<Record<keyof typeof COLUMNS, string | Date | null>>,
): Promise<void> {
  const keys = Object.keys(set) as (keyof typeof COLUMNS)[];
  const params: unknown[] = [companyId, id, ...keys.map((k) => set[k])];
  const sets = keys.map((k, i) => `${COLUMNS[k]} = $${i + 3}`);
  await db.query(
    `UPDATE refunds SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE company_id = $1 AND id = $2`,
    params,
  );
}

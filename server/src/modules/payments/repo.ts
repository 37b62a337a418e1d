import { prepared } from '../../db/prepared.js';
import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { CollectedRow, CustomerKind, EntryRow } from '../late-fees/accrual.js';
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
    prepared(`SELECT a.id, a.account_no AS "accountNo", c.name AS "customerName", p.full_address AS address
       FROM accounts a
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
       JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
      WHERE a.company_id = $1 AND a.id = $2${lock ? ' FOR UPDATE OF a' : ''}`),
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
  channel: string;
  /** The invoice issued for it and not voided, if any (PAY-6): it must be voided before a reversal. */
  invoiceNo: string | null;
}

/** Locks the payment for a change of status. */
export async function lockPayment(db: Queryable, companyId: string, id: string): Promise<PaymentLock | null> {
  const r = await db.query<PaymentLock>(
    `SELECT p.id, p.no, p.account_id AS "accountId", a.account_no AS "accountNo", p.amount::text AS amount, p.status,
            p.reversal_approval_id AS "reversalApprovalId",
            p.reversal_reason AS "reversalReason", ar.status AS "approvalStatus", ar.no AS "approvalNo",
            p.channel,
            (SELECT i.invoice_no FROM invoice_payments ip
               JOIN invoices i ON i.company_id = ip.company_id AND i.id = ip.invoice_id
              WHERE ip.company_id = p.company_id AND ip.payment_id = p.id AND ip.active LIMIT 1) AS "invoiceNo"
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

/** What a posting (or the desk's view) of an account reads once the account is locked, in one statement. */
export interface PostingState {
  /** The payment posted under the Idempotency-Key asked about, if any. */
  replay: { id: string; no: string; requestHash: string } | null;
  /** All of the account's entries, oldest due first (due_on NULLS LAST, posted_at, id). */
  entries: EntryRow[];
  customerKind: CustomerKind | null;
  /** Approved late-fee waivers, summed per debt. */
  waivers: { entryId: string; amount: string }[];
  /** Every allocation of the account that collected a late fee, with its payment's credit entry and date. */
  collected: (CollectedRow & { receivedOn: string })[];
  /** The values of the policy keys asked for, in force on `today`. */
  policy: Record<string, unknown>;
  /** The cashier asked about: how payment numbers show them, and their name. */
  cashier: { code: string; name: string } | null;
  /** The next daily serial of `series`, taken only when the key has no payment yet. */
  serial: number | null;
  /** The transaction's timestamp (payments.received_at), as the API shows it. */
  now: string;
}

/**
 * The account's ledger, late-fee inputs (customer kind, waivers, collected fees), the policy keys, and for a
 * posting the key's payment, the cashier and the next serial of the payment number — one statement, so a
 * payment costs few round trips. Read after the account lock: the snapshot includes what a payment of the same
 * account committed while this one waited. The serial is the upsert of `nextDailySerial` (platform/serials.ts),
 * skipped when the key already has a payment so a replay leaves no gap.
 */
export async function postingState(
  db: Queryable,
  q: {
    companyId: string;
    accountId: string;
    today: string;
    policyKeys: readonly string[];
    key?: string;
    cashierId?: string | null;
    series?: string | null;
  },
): Promise<PostingState> {
  const params: unknown[] = [q.companyId, q.accountId, q.today, q.policyKeys, q.key ?? null, q.cashierId ?? null];
  if (q.series) params.push(q.series);
  const r = await db.query<PostingState>(q.series ? POSTING_STATE_WITH_SERIAL : POSTING_STATE, params);
  return r.rows[0]!;
}

/** The posting read (kept prepared on PostgreSQL: it took longer to plan than to run); with the serial when numbering. */
function postingStateSql(serial: string): string {
  return `${serial}SELECT
       (SELECT json_build_object('id', id, 'no', no, 'requestHash', request_hash) FROM payments
         WHERE company_id = $1 AND idempotency_key = $5) AS replay,
       (SELECT coalesce(json_agg(json_build_object('accountId', account_id, 'id', id, 'kind', kind, 'period', period,
                 'amount', amount::text, 'dueOn', due_on::text,
                 'postedOn', (posted_at AT TIME ZONE 'Asia/Shanghai')::date::text, 'sourceId', source_id)
                 ORDER BY due_on NULLS LAST, posted_at, id), '[]'::json)
          FROM ledger_entries WHERE company_id = $1 AND account_id = $2) AS entries,
       (SELECT u.customer_kind FROM accounts a JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature
         WHERE a.company_id = $1 AND a.id = $2) AS "customerKind",
       (SELECT coalesce(json_agg(json_build_object('entryId', w.entry_id, 'amount', w.amount)), '[]'::json)
          FROM (SELECT d.entry_id, sum(d.amount)::text AS amount
                  FROM late_fee_waiver_debts d
                  JOIN late_fee_waivers w ON w.company_id = d.company_id AND w.id = d.waiver_id
                 WHERE d.company_id = $1 AND w.account_id = $2 AND w.status = 'approved'
                 GROUP BY d.entry_id) w) AS waivers,
       (SELECT coalesce(json_agg(json_build_object('entryId', l.entry_id, 'feeEntryId', l.late_fee_entry_id,
                 'paymentId', l.payment_id, 'paymentEntryId', p.ledger_entry_id, 'amount', l.late_fee::text,
                 'receivedOn', p.received_on::text)), '[]'::json)
          FROM payment_allocations l
          JOIN payments p ON p.company_id = l.company_id AND p.id = l.payment_id
         WHERE l.company_id = $1 AND l.account_id = $2 AND l.late_fee > 0) AS collected,
       -- policyValues (platform/policy/policy.ts): the keys in force on the business date.
       (SELECT coalesce(json_object_agg(v.key, v.value), '{}'::json)
          FROM (SELECT DISTINCT ON (key) key, value FROM policy_values
                 WHERE company_id = $1 AND key = ANY($4::text[]) AND effective_from <= $3::date
                 ORDER BY key, effective_from DESC, version DESC) v) AS policy,
       (SELECT json_build_object('code', coalesce(employee_no, username), 'name', full_name) FROM users
         WHERE company_id = $1 AND id = $6::uuid) AS cashier,
       ${serial ? '(SELECT last_value FROM serial)' : 'NULL::int'} AS serial,
       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`;
}
const SERIAL_CTE = `WITH serial AS (
       INSERT INTO daily_serials AS s (company_id, series, day, last_value)
       SELECT $1::uuid, $7::text, $3::date, 1
        WHERE NOT EXISTS (SELECT 1 FROM payments WHERE company_id = $1 AND idempotency_key = $5)
       ON CONFLICT (company_id, series, day) DO UPDATE SET last_value = s.last_value + 1
       RETURNING s.last_value)
     `;
const POSTING_STATE = prepared(postingStateSql(''));
const POSTING_STATE_WITH_SERIAL = prepared(postingStateSql(SERIAL_CTE));

export interface NewLedgerEntry {
  id: string;
  kind: string;
  period: string | null;
  amount: string;
  dueOn: string | null;
  memo: string | null;
  sourceId: string;
}

/** A payment's ledger entries (its crystallised late fees and its credit) in one INSERT, ids given. */
export async function insertLedgerEntries(
  db: Queryable,
  companyId: string,
  accountId: string,
  postedBy: string | null,
  rows: NewLedgerEntry[],
): Promise<void> {
  const values: string[] = [];
  const params: unknown[] = [companyId, accountId, postedBy];
  for (const e of rows) {
    const b = params.length;
    values.push(`($1, $${b + 1}, $2, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $3, $${b + 7})`);
    params.push(e.id, e.kind, e.period, e.amount, e.dueOn, e.memo, e.sourceId);
  }
  await db.query(
    `INSERT INTO ledger_entries (company_id, id, account_id, kind, period, amount, due_on, memo, posted_by, source_id)
     VALUES ${values.join(', ')}`,
    params,
  );
}

const MAX_PARAMS = 65535;
const PLACEHOLDER = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|\$(\d+)/g;

/**
 * Writes gathered to go to the database as ONE statement: hand `q` to the repo functions (and `recordAudit`)
 * as their Queryable; `run` sends them as data-modifying WITH queries of the last one (PostgreSQL runs every
 * one of them; foreign keys are checked at the end of the statement). Only for writes whose answer nobody
 * reads: `q.query` answers no rows.
 */
const PREPARED_BATCH_MAX = 12_000;

export function writeBatch() {
  const parts: { sql: string; params: unknown[] }[] = [];
  const q: Queryable = {
    async query(sql, params = []) {
      parts.push({ sql, params });
      return { rows: [], rowCount: 0 };
    },
  };
  async function run(db: Queryable): Promise<void> {
    // More bind parameters than one statement may carry (65535 in the wire protocol, PGlite too): the same writes,
    // one statement each, in the order they were gathered (same transaction, same result).
    if (parts.reduce((n, p) => n + p.params.length, 0) > MAX_PARAMS) {
      for (const p of parts) await db.query(p.sql, p.params);
      return;
    }
    const params: unknown[] = [];
    const sqls = parts.map((p) => {
      const offset = params.length;
      params.push(...p.params);
      // Only placeholders are renumbered: a `$1` inside '…', "…" or $tag$…$tag$ is text and stays as written.
      return offset === 0
        ? p.sql
        : p.sql.replace(PLACEHOLDER, (m, _tag, n?: string) => (n === undefined ? m : `$${Number(n) + offset}`));
    });
    const last = sqls.pop();
    if (last === undefined) return;
    const ctes = sqls.map((sql, i) => `w${i} AS (${sql})`);
    const sql = ctes.length ? `WITH ${ctes.join(',\n')}\n${last}` : last;
    // Its text depends only on how many entries and allocations a posting has, so the usual shapes are kept
    // prepared on PostgreSQL; an unusually long one (an account with hundreds of debts) is planned each time.
    await db.query(sql.length <= PREPARED_BATCH_MAX ? prepared(sql) : sql, params);
  }
  return { q, run };
}

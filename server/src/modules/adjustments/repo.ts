import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { Adjustment, ListAdjustmentsQuery, MeterFaultSummary } from './schemas.js';

const iso = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', ${iso})`;

const SELECT = `
SELECT j.id, j.adjustment_no AS "adjustmentNo", j.account_id AS "accountId", a.account_no AS "accountNo",
       c.name AS "customerName", c.kind AS "customerKind", p.full_address AS address,
       j.kind, j.direction, j.previous_reading::text AS "previousReading", j.current_reading::text AS "currentReading",
       j.volume::text AS volume, j.price::text AS price, j.amount::text AS amount,
       (CASE WHEN j.direction = 'credit' THEN -j.amount ELSE j.amount END)::text AS "signedAmount",
       j.periods, j.reason, j.evidence, j.status, j.approval_id AS "approvalId", ar.no AS "approvalNo",
       json_build_object('id', u.id, 'name', u.full_name) AS "appliedBy",
       j.ledger_entry_id AS "ledgerEntryId", ${ts('j.posted_at')} AS "postedAt", j.due_on::text AS "dueOn",
       j.archive_no AS "archiveNo",
       CASE WHEN av.id IS NULL THEN NULL ELSE json_build_object('id', av.id, 'name', av.full_name) END AS "archivedBy",
       ${ts('j.archived_at')} AS "archivedAt", j.meter_fault_summary_id AS "meterFaultSummaryId",
       ${ts('j.created_at')} AS "createdAt", ${ts('j.updated_at')} AS "updatedAt"
  FROM adjustments j
  JOIN accounts a ON a.company_id = j.company_id AND a.id = j.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
  JOIN users u ON u.company_id = j.company_id AND u.id = j.applied_by
  LEFT JOIN users av ON av.company_id = j.company_id AND av.id = j.archived_by
  LEFT JOIN approval_requests ar ON ar.company_id = j.company_id AND ar.id = j.approval_id`;

export async function findAdjustment(db: Queryable, companyId: string, id: string): Promise<Adjustment | null> {
  const r = await db.query<Adjustment>(`${SELECT} WHERE j.company_id = $1 AND j.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

/** Locks the adjustment for a change of status; answers its status and version. */
export async function lockAdjustment(
  db: Queryable,
  companyId: string,
  id: string,
): Promise<{ status: string; approvalId: string | null } | null> {
  const r = await db.query<{ status: string; approvalId: string | null }>(
    `SELECT status, approval_id AS "approvalId" FROM adjustments WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

const SORT = {
  createdAt: 'j.created_at',
  adjustmentNo: 'j.adjustment_no',
  amount: 'j.amount',
  postedAt: 'j.posted_at',
} as const;

export async function listAdjustments(
  db: Queryable,
  companyId: string,
  q: ListAdjustmentsQuery,
): Promise<{ items: Adjustment[]; total: number }> {
  const params: unknown[] = [companyId];
  const where = ['j.company_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.kind) add('j.kind = ?', q.kind);
  if (q.status) add('j.status = ?', q.status);
  if (q.direction) add('j.direction = ?', q.direction);
  if (q.accountId) add('j.account_id = ?', q.accountId);
  if (q.from) add(`j.created_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, q.from);
  if (q.to) add(`j.created_at < (?::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, q.to);
  if (q.q) {
    add(
      `(j.adjustment_no ILIKE ? OR a.account_no LIKE ? OR c.name ILIKE ? OR j.reason ILIKE ?)`,
      `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`,
    );
  }
  const w = where.join(' AND ');
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const nulls = q.sort === 'postedAt' ? (dir === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST') : '';
  const [items, total] = await Promise.all([
    db.query<Adjustment>(
      `${SELECT} WHERE ${w} ORDER BY ${SORT[q.sort]} ${dir} ${nulls}, j.id ${dir} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM adjustments j
         JOIN accounts a ON a.company_id = j.company_id AND a.id = j.account_id
         JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
        WHERE ${w}`,
      params,
    ),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function accountOf(
  db: Queryable,
  companyId: string,
  id: string,
): Promise<{ id: string; accountNo: string; customerKind: string } | null> {
  const r = await db.query<{ id: string; accountNo: string; customerKind: string }>(
    `SELECT a.id, a.account_no AS "accountNo", c.kind AS "customerKind"
       FROM accounts a JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
      WHERE a.company_id = $1 AND a.id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function insertAdjustment(
  db: Queryable,
  companyId: string,
  j: {
    adjustmentNo: string;
    accountId: string;
    kind: string;
    direction: string;
    previousReading: string | null;
    currentReading: string | null;
    volume: string | null;
    price: string | null;
    amount: string;
    periods: string[];
    reason: string;
    evidence: string | null;
    appliedBy: string;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO adjustments (company_id, adjustment_no, account_id, kind, direction, previous_reading, current_reading,
                              volume, price, amount, periods, reason, evidence, applied_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      companyId,
      j.adjustmentNo,
      j.accountId,
      j.kind,
      j.direction,
      j.previousReading,
      j.currentReading,
      j.volume,
      j.price,
      j.amount,
      j.periods,
      j.reason,
      j.evidence,
      j.appliedBy,
    ],
  );
  return r.rows[0]!.id;
}

export async function setApproval(db: Queryable, companyId: string, id: string, approvalId: string) {
  await db.query(`UPDATE adjustments SET approval_id = $3 WHERE company_id = $1 AND id = $2`, [
    companyId,
    id,
    approvalId,
  ]);
}

export async function setStatus(db: Queryable, companyId: string, id: string, status: 'rejected' | 'withdrawn') {
  await db.query(
    `UPDATE adjustments SET status = $3, version = version + 1, updated_at = now() WHERE company_id = $1 AND id = $2`,
    [companyId, id, status],
  );
}

export async function markPosted(
  db: Queryable,
  companyId: string,
  id: string,
  p: { ledgerEntryId: string; dueOn: string | null },
) {
  await db.query(
    `UPDATE adjustments SET status = 'posted', ledger_entry_id = $3, posted_at = now(), due_on = $4,
            version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, p.ledgerEntryId, p.dueOn],
  );
}

export async function markArchived(db: Queryable, companyId: string, id: string, archiveNo: string, by: string) {
  await db.query(
    `UPDATE adjustments SET status = 'archived', archive_no = $3, archived_by = $4, archived_at = now(),
            version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, archiveNo, by],
  );
}

export async function archiveNoTaken(db: Queryable, companyId: string, archiveNo: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM adjustments WHERE company_id = $1 AND archive_no = $2', [
    companyId,
    archiveNo,
  ]);
  return r.rows.length > 0;
}

// ---------------------------------------------------------------- meter-fault summaries (BIL-5)

const SUMMARY = `
SELECT s.id, s.month, s.built_on::text AS "builtOn", s.adjustments, s.credit_total::text AS "creditTotal",
       s.debit_total::text AS "debitTotal",
       CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.full_name) END AS "builtBy",
       ${ts('s.created_at')} AS "createdAt"
  FROM meter_fault_summaries s
  LEFT JOIN users u ON u.company_id = s.company_id AND u.id = s.built_by`;

export async function findSummary(db: Queryable, companyId: string, id: string): Promise<MeterFaultSummary | null> {
  const r = await db.query<MeterFaultSummary>(`${SUMMARY} WHERE s.company_id = $1 AND s.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function listSummaries(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: 'asc' | 'desc' },
): Promise<{ items: MeterFaultSummary[]; total: number }> {
  const [items, total] = await Promise.all([
    db.query<MeterFaultSummary>(
      `${SUMMARY} WHERE s.company_id = $1 ORDER BY s.month ${q.order === 'asc' ? 'ASC' : 'DESC'} ${pageClause(q)}`,
      [companyId],
    ),
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM meter_fault_summaries WHERE company_id = $1', [companyId]),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

/**
 * The summary of a month, once: inserted ON CONFLICT DO NOTHING (a rerun, or a second instance, writes
 * nothing and answers null); then every posted meter-fault adjustment not yet in a summary and posted before
 * `cutoff` is taken into it, and the totals are written.
 */
export async function buildSummary(
  db: Queryable,
  companyId: string,
  s: { month: string; builtOn: string; cutoff: Date; builtBy: string | null },
): Promise<string | null> {
  const ins = await db.query<{ id: string }>(
    `INSERT INTO meter_fault_summaries (company_id, month, built_on, built_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (company_id, month) DO NOTHING RETURNING id`,
    [companyId, s.month, s.builtOn, s.builtBy],
  );
  const id = ins.rows[0]?.id;
  if (!id) return null;
  await db.query(
    `WITH taken AS (
       UPDATE adjustments SET meter_fault_summary_id = $2
        WHERE company_id = $1 AND kind = 'meterFault' AND meter_fault_summary_id IS NULL
          AND posted_at IS NOT NULL AND posted_at < $3
       RETURNING direction, amount)
     UPDATE meter_fault_summaries
        SET adjustments = (SELECT count(*) FROM taken),
            credit_total = (SELECT coalesce(sum(amount), 0) FROM taken WHERE direction = 'credit'),
            debit_total = (SELECT coalesce(sum(amount), 0) FROM taken WHERE direction = 'debit')
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, s.cutoff],
  );
  return id;
}

export async function summaryItems(db: Queryable, companyId: string, id: string): Promise<Adjustment[]> {
  const r = await db.query<Adjustment>(
    `${SELECT} WHERE j.company_id = $1 AND j.meter_fault_summary_id = $2 ORDER BY j.posted_at, j.id`,
    [companyId, id],
  );
  return r.rows;
}

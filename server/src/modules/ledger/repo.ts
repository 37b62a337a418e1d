import type { Queryable } from '../../db/types.js';

export interface LedgerEntryRow {
  id: string;
  kind: string;
  period: string | null;
  amount: string;
  dueOn: string | null;
  memo: string | null;
  /** The record the entry was posted for (a waiver, an adjustment, …), when there is one. */
  sourceId: string | null;
  postedAt: string;
}

/** The account's entries, oldest due first (credits, which have no due date, after the debits). */
export async function entriesOf(db: Queryable, companyId: string, accountId: string): Promise<LedgerEntryRow[]> {
  const { rows } = await db.query<LedgerEntryRow>(
    `SELECT id, kind, period, amount::text AS amount, due_on::text AS "dueOn", memo, source_id AS "sourceId", posted_at AS "postedAt"
       FROM ledger_entries
      WHERE company_id = $1 AND account_id = $2
      ORDER BY due_on NULLS LAST, posted_at, id`,
    [companyId, accountId],
  );
  return rows;
}

export async function insertEntry(
  db: Queryable,
  companyId: string,
  e: {
    accountId: string;
    kind: string;
    period: string | null;
    amount: string;
    dueOn: string | null;
    memo: string | null;
    postedBy: string | null;
    sourceId?: string | null;
  },
): Promise<string> {
  const {
    rows: [row],
  } = await db.query<{ id: string }>(
    `INSERT INTO ledger_entries (company_id, account_id, kind, period, amount, due_on, memo, posted_by, source_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [companyId, e.accountId, e.kind, e.period, e.amount, e.dueOn, e.memo, e.postedBy, e.sourceId ?? null],
  );
  return row!.id;
}

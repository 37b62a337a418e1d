/**
 * PAY-7/PAY-8 in the 360° view: an account's money in one place — the balance (always the sum of its ledger
 * entries), the prepayment, the deposits held (outside the balance), the payments with their numbers, channels
 * and tenders, the refunds and transfers, and the ledger's totals by kind.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { RefundError } from './errors.js';

const iso = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', ${iso})`;

export const financeSchema = z.object({
  accountId: z.uuid(),
  accountNo: z.string(),
  /** SUM(ledger_entries.amount): positive = owed, negative = paid in advance. */
  balance: z.string(),
  prepayment: z.string(),
  owed: z.string(),
  depositsHeld: z.string(),
  refundsPending: z.string(),
  byKind: z.array(z.object({ kind: z.string(), entries: z.number().int(), total: z.string() })),
  payments: z.array(
    z.object({
      id: z.uuid(),
      no: z.string(),
      channel: z.string(),
      amount: z.string(),
      prepayment: z.string(),
      status: z.string(),
      receivedAt: z.string(),
      tenders: z.array(z.object({ method: z.string(), amount: z.string(), reference: z.string().nullable() })),
    }),
  ),
  refunds: z.array(
    z.object({
      id: z.uuid(),
      no: z.string(),
      caseKind: z.string(),
      amount: z.string(),
      status: z.string(),
      disposition: z.string().nullable(),
      /** 'out' for this account's refunds, 'in' for transfers from another account to this one. */
      direction: z.enum(['out', 'in']),
      otherAccountNo: z.string().nullable(),
      filedAt: z.string(),
    }),
  ),
  deposits: z.array(
    z.object({
      id: z.uuid(),
      no: z.string(),
      kind: z.string(),
      amount: z.string(),
      status: z.string(),
      refundedAmount: z.string(),
      appliedAmount: z.string(),
      forfeitedAmount: z.string(),
      receivedAt: z.string(),
    }),
  ),
});
export type AccountFinance = z.infer<typeof financeSchema>;

export async function accountFinance(db: Queryable, companyId: string, accountId: string): Promise<AccountFinance> {
  const head = await db.query<{ id: string; accountNo: string }>(
    'SELECT id, account_no AS "accountNo" FROM accounts WHERE company_id = $1 AND id = $2',
    [companyId, accountId],
  );
  if (!head.rows[0]) throw RefundError('ACCOUNT_NOT_FOUND');
  const args = [companyId, accountId];
  const [sums, byKind, payments, refunds, deposits] = await Promise.all([
    db.query<{ balance: string; held: string; pending: string }>(
      `SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE company_id = $1 AND account_id = $2)::numeric(14, 2)::text AS balance,
              (SELECT coalesce(sum(amount), 0) FROM deposits WHERE company_id = $1 AND account_id = $2 AND status = 'held')::numeric(14, 2)::text AS held,
              (SELECT coalesce(sum(amount), 0) FROM refunds WHERE company_id = $1 AND account_id = $2
                  AND status IN ('submitted', 'approving'))::numeric(14, 2)::text AS pending`,
      args,
    ),
    db.query<{ kind: string; entries: number; total: string }>(
      `SELECT kind, count(*)::int AS entries, sum(amount)::numeric(14, 2)::text AS total
         FROM ledger_entries WHERE company_id = $1 AND account_id = $2 GROUP BY kind ORDER BY kind`,
      args,
    ),
    db.query<AccountFinance['payments'][number]>(
      `SELECT id, no, channel, amount::text AS amount, prepayment::text AS prepayment, status,
              ${ts('received_at')} AS "receivedAt", tenders
         FROM payments WHERE company_id = $1 AND account_id = $2 ORDER BY received_at DESC, id LIMIT 100`,
      args,
    ),
    db.query<AccountFinance['refunds'][number]>(
      `SELECT f.id, f.no, f.case_kind AS "caseKind", f.amount::text AS amount, f.status, f.disposition,
              CASE WHEN f.account_id = $2 THEN 'out' ELSE 'in' END AS direction,
              CASE WHEN f.account_id = $2 THEN t.account_no ELSE s.account_no END AS "otherAccountNo",
              ${ts('f.filed_at')} AS "filedAt"
         FROM refunds f
         JOIN accounts s ON s.company_id = f.company_id AND s.id = f.account_id
         LEFT JOIN accounts t ON t.company_id = f.company_id AND t.id = f.target_account_id
        WHERE f.company_id = $1 AND (f.account_id = $2 OR (f.target_account_id = $2 AND f.status = 'transferred'))
        ORDER BY f.filed_at DESC, f.id LIMIT 100`,
      args,
    ),
    db.query<AccountFinance['deposits'][number]>(
      `SELECT id, coalesce(no, receipt_no, '—') AS no, kind, amount::text AS amount, status,
              refunded_amount::text AS "refundedAmount", applied_amount::text AS "appliedAmount",
              forfeited_amount::text AS "forfeitedAmount", ${ts('created_at')} AS "receivedAt"
         FROM deposits WHERE company_id = $1 AND account_id = $2 ORDER BY created_at DESC, id LIMIT 100`,
      args,
    ),
  ]);
  const s = sums.rows[0]!;
  const balance = new Decimal(s.balance);
  return {
    accountId,
    accountNo: head.rows[0].accountNo,
    balance: s.balance,
    prepayment: balance.lt(0) ? balance.neg().toFixed(2) : '0.00',
    owed: balance.gt(0) ? balance.toFixed(2) : '0.00',
    depositsHeld: s.held,
    refundsPending: s.pending,
    byKind: byKind.rows,
    payments: payments.rows,
    refunds: refunds.rows,
    deposits: deposits.rows,
  };
}

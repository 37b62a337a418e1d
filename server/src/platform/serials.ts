import type { Queryable } from '../db/types.js';

/**
 * The next serial (1, 2, …) of a company's document numbers of `series` on a business day, taken with
 * one upsert in the caller's transaction, so two clerks never get the same number and a rollback
 * leaves no gap.
 */
export async function nextDailySerial(db: Queryable, companyId: string, series: string, day: string): Promise<number> {
  const r = await db.query<{ last: number }>(
    `INSERT INTO daily_serials AS s (company_id, series, day, last_value) VALUES ($1, $2, $3, 1)
     ON CONFLICT (company_id, series, day) DO UPDATE SET last_value = s.last_value + 1
     RETURNING s.last_value AS last`,
    [companyId, series, day],
  );
  return Number(r.rows[0]!.last);
}

import type { Queryable } from '../../db/types.js';
import { businessToday } from '../../platform/calendar/workdays.js';

/**
 * Before the billing run of a period works through its chunks, the readings that stand in for a reading:
 *
 * - MTR-5 broken meters: a meter with an open fault at the end of the period (reported on or before it,
 *   not resolved by then) is billed on the average volume of its previous `brokenPeriods` accepted
 *   readings (estimates left out) instead of its reading: whatever was read for it in the period is
 *   superseded and an accepted row of kind `estimated`, flag `brokenMeter`, takes its place. It is final
 *   (no true-up: the register of a broken meter says nothing).
 * - BIL-6 estimates: an active account that is due to be read in the period — its book has a reading plan
 *   of the period; accounts outside the reading plans are not estimated, since a residential account read
 *   every second month would otherwise be estimated in the month between — and whose meters have no reading
 *   at all in the period (one waiting in the review queue counts as a reading) gets, meter by meter, an
 *   accepted row of kind `estimated`, flag `estimate`: the average daily use over its previous
 *   `estimatePeriods` actual readings × the days from its last reading to the end of the period (today while
 *   the period runs), rounded to whole m³. A meter without an actual reading with days to average is not estimated.
 *
 * An estimate does not move the register: `reading` = `previous_reading` = the last reading's register, so
 * the next actual reading runs from there (readings/import.ts skips estimates when it looks up the previous
 * reading) and its bill credits what the estimates billed (repo.billChunk). Both steps insert only where
 * nothing stands yet, so a rerun (or a resumed run) adds nothing.
 */
export async function insertEstimates(
  db: Queryable,
  p: { companyId: string; period: string; estimatePeriods: number; brokenPeriods: number; userId: string | null },
): Promise<{ estimated: number; broken: number; superseded: number }> {
  const [y, m] = p.period.split('-').map(Number) as [number, number];
  // The end of the period, or today while the period is still running (a reading is never in the future).
  const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const today = businessToday();
  const periodEnd = [lastDay, today].sort()[0]!;

  // MTR-5: the broken meters of the period not yet billed on the average.
  const brokenSet = `
    SELECT f.id AS fault_id, f.meter_id, f.account_id FROM meter_faults f
     WHERE f.company_id = $1 AND f.from_on <= $3::date AND (f.resolved_on IS NULL OR f.resolved_on > $3::date)
       AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.company_id = $1 AND b.account_id = f.account_id AND b.period = $2)
       AND NOT EXISTS (SELECT 1 FROM meter_readings x
                        WHERE x.company_id = $1 AND x.meter_id = f.meter_id AND x.period = $2
                          AND x.status <> 'superseded' AND 'brokenMeter' = ANY(x.flags))`;
  const history = (limit: string) => `
      JOIN LATERAL (
        SELECT avg(s.volume) AS avg_volume, count(*)::int AS n,
               sum(s.volume) FILTER (WHERE s.days > 0) / nullif(sum(s.days) FILTER (WHERE s.days > 0), 0) AS daily
          FROM (SELECT h.volume, h.read_on - h.previous_read_on AS days FROM meter_readings h
                 WHERE h.company_id = $1 AND h.meter_id = x.meter_id AND h.status = 'accepted'
                   AND h.kind <> 'estimated' AND h.period < $2
                 ORDER BY h.period DESC LIMIT ${limit}) s) hist ON hist.n > 0
      JOIN LATERAL (
        SELECT l.reading, l.read_on FROM meter_readings l
         WHERE l.company_id = $1 AND l.meter_id = x.meter_id AND l.status = 'accepted' AND l.period < $2
         ORDER BY l.period DESC LIMIT 1) last ON true`;
  const sup = await db.query(
    `WITH x AS (${brokenSet})
     UPDATE meter_readings r SET status = 'superseded'
       FROM x
      WHERE r.company_id = $1 AND r.meter_id = x.meter_id AND r.period = $2 AND r.status <> 'superseded'
        AND EXISTS (SELECT 1 FROM meter_readings h WHERE h.company_id = $1 AND h.meter_id = x.meter_id
                       AND h.status = 'accepted' AND h.kind <> 'estimated' AND h.period < $2)`,
    [p.companyId, p.period, periodEnd],
  );
  const broken = await db.query(
    `WITH x AS (${brokenSet})
     INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                 previous_read_on, volume, kind, status, flags, source, accepted_at, created_by,
                                 comparison)
     SELECT $1, x.account_id, x.meter_id, $2, $3::date, last.reading, last.reading, last.read_on,
            round(hist.avg_volume, 3), 'estimated', 'accepted', ARRAY['brokenMeter'], 'estimate', now(), $5::uuid,
            jsonb_build_object('faultId', x.fault_id, 'averageVolume', round(hist.avg_volume, 3)::text,
                               'averagePeriods', hist.n)
       FROM x ${history('$4')}`,
    [p.companyId, p.period, periodEnd, p.brokenPeriods, p.userId],
  );

  // BIL-6: the accounts due in the period with nothing read.
  const est = await db.query(
    `WITH due AS (
       SELECT DISTINCT ba.account_id FROM reading_plans pl
         JOIN reading_book_accounts ba ON ba.company_id = pl.company_id AND ba.book_id = pl.book_id
        WHERE pl.company_id = $1 AND pl.period = $2),
     x AS (
       SELECT m.id AS meter_id, m.account_id FROM due
         JOIN accounts a ON a.company_id = $1 AND a.id = due.account_id AND a.status = 'active'
         JOIN meters m ON m.company_id = $1 AND m.account_id = due.account_id AND m.status = 'installed'
        WHERE NOT EXISTS (SELECT 1 FROM meters m2 JOIN meter_readings r ON r.company_id = $1 AND r.meter_id = m2.id
                                                   AND r.period = $2 AND r.status <> 'superseded'
                           WHERE m2.company_id = $1 AND m2.account_id = due.account_id)
          AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.company_id = $1 AND b.account_id = due.account_id AND b.period = $2))
     INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                 previous_read_on, volume, kind, status, flags, source, accepted_at, created_by,
                                 comparison)
     SELECT $1, x.account_id, x.meter_id, $2, $3::date, last.reading, last.reading, last.read_on,
            round(hist.daily * ($3::date - last.read_on), 0), 'estimated', 'accepted', ARRAY['estimate'], 'estimate',
            now(), $5::uuid,
            jsonb_build_object('averageDailyVolume', round(hist.daily, 3)::text, 'averagePeriods', hist.n,
                               'days', $3::date - last.read_on)
       FROM x ${history('$4')}
      WHERE hist.daily IS NOT NULL AND last.read_on < $3::date`,
    [p.companyId, p.period, periodEnd, p.estimatePeriods, p.userId],
  );
  return { estimated: est.rowCount, broken: broken.rowCount, superseded: sup.rowCount };
}

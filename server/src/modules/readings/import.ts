import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { AppError, type Text } from '../../platform/errors.js';
import { policyValue } from '../../platform/policy/policy.js';
import { ReadingError, rowProblems } from './errors.js';

/** One reading as the handheld, a file or a device sends it back (MTR-3). */
export interface ReadingInput {
  period: string;
  accountNo: string;
  meterSerial: string;
  /** The register, as text or number: checked here, stored as numeric(12, 3). */
  reading: string | number;
  readOn: string;
  /** The row of the file (header = 1) or, for JSON, the index + 1. */
  row?: number;
}

export type ReadingSource = 'handheld' | 'file' | 'api';

export interface RowError {
  row: number;
  /** The column at fault (period, accountNo, meterSerial, reading, readOn). */
  field: keyof typeof FIELD_NAMES | 'row';
  message: Text;
}

export interface ImportSummary {
  received: number;
  /** New rows written (a changed reading supersedes the old row of the meter and period). */
  inserted: number;
  /** The same meter, period and reading as a live row: nothing written (an upload repeated). */
  unchanged: number;
  accepted: number;
  flagged: number;
  superseded: number;
}

export const MAX_IMPORT_ROWS = 200_000;
const ANALYZE_FROM_ROWS = 10_000;
const FIELD_NAMES = { period: 1, accountNo: 1, meterSerial: 1, reading: 1, readOn: 1 } as const;
const PERIOD = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const ACCOUNT_NO = /^[0-9]{6,18}$/;
const READING = /^\d{1,9}(\.\d{1,3})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const fill = (t: Text, vars: Record<string, string | number>): Text => ({
  zh: t.zh.replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w)),
  en: t.en.replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w)),
});

/** The checks that need no database: the shape of every cell, and duplicates inside the upload. */
function checkCells(rows: ReadingInput[], today: string) {
  const errors: RowError[] = [];
  const clean: { row: number; period: string; accountNo: string; serial: string; reading: string; readOn: string }[] =
    [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = r.row ?? i + 1;
    const period = String(r.period ?? '').trim();
    const accountNo = String(r.accountNo ?? '').trim();
    const serial = String(r.meterSerial ?? '').trim();
    const reading = typeof r.reading === 'number' ? String(r.reading) : String(r.reading ?? '').trim();
    const readOn = String(r.readOn ?? '').trim();
    const before = errors.length;
    if (!PERIOD.test(period)) errors.push({ row, field: 'period', message: rowProblems.period });
    if (!ACCOUNT_NO.test(accountNo)) errors.push({ row, field: 'accountNo', message: rowProblems.accountNo });
    if (!serial || serial.length > 32) errors.push({ row, field: 'meterSerial', message: rowProblems.meterSerial });
    if (!READING.test(reading)) errors.push({ row, field: 'reading', message: rowProblems.reading });
    if (!validDate(readOn)) errors.push({ row, field: 'readOn', message: rowProblems.readOn });
    else if (readOn > today) errors.push({ row, field: 'readOn', message: rowProblems.readInFuture });
    if (errors.length > before) return;
    const key = `${accountNo}\u0000${serial.toUpperCase()}\u0000${period}`;
    const other = seen.get(key);
    if (other !== undefined) {
      errors.push({ row, field: 'row', message: fill(rowProblems.duplicate, { other }) });
      return;
    }
    seen.set(key, row);
    clean.push({ row, period, accountNo, serial, reading, readOn });
  });
  return { errors, clean };
}

function rejected(errors: RowError[]): AppError {
  errors.sort((a, b) => a.row - b.row);
  const shown = errors.slice(0, 1000);
  const base = ReadingError('REJECTED_ROWS', { vars: { rows: new Set(errors.map((e) => e.row)).size } });
  return new AppError(
    base.code,
    base.status,
    base.texts,
    { rows: shown.map((e) => ({ row: e.row, field: e.field, message: e.message })), total: errors.length },
    shown.slice(0, 100).map((e) => ({ path: `readings.${e.row}.${e.field}`, text: e.message })),
  );
}

/**
 * MTR-3 / MTR-4: checks and stores uploaded readings in one transaction, set-based (a temporary table
 * filled from arrays, checks and plausibility in SQL). Any bad row refuses the whole upload with every
 * row's problem (nothing half-imported). The same meter, period and reading as the live row is left
 * alone, so uploading the same readings twice changes nothing. Each new reading is compared with the
 * last period, the same period last year and the average of the previous mtr.anomalyAveragePeriods
 * periods; unflagged readings are accepted, flagged ones wait in the review queue.
 */
export async function importReadings(
  tx: Tx,
  actor: Actor,
  companyId: string,
  rows: ReadingInput[],
  source: ReadingSource = 'api',
): Promise<ImportSummary> {
  if (rows.length === 0) throw ReadingError('FILE_EMPTY');
  if (rows.length > MAX_IMPORT_ROWS) throw ReadingError('TOO_MANY_ROWS', { vars: { max: MAX_IMPORT_ROWS } });
  const today = businessToday();
  const { errors, clean } = checkCells(rows, today);
  if (errors.length) throw rejected(errors);

  const [periods, highRatio, lowRatio, wrapAt, margin, flowRatio] = await Promise.all([
    policyValue(tx, companyId, 'mtr.anomalyAveragePeriods', today),
    policyValue(tx, companyId, 'mtr.anomalyHighRatio', today),
    policyValue(tx, companyId, 'mtr.anomalyLowRatio', today),
    policyValue(tx, companyId, 'mtr.registerWrapAt', today),
    policyValue(tx, companyId, 'mtr.rolloverMargin', today),
    policyValue(tx, companyId, 'mtr.designedFlowLowRatio', today),
  ]);

  await tx.exec('DROP TABLE IF EXISTS reading_import');
  await tx.query(
    `CREATE TEMP TABLE reading_import ON COMMIT DROP AS
     SELECT i.row_no, i.account_no, i.serial, i.period, i.reading, i.read_on,
            to_char(to_date(i.period, 'YYYY-MM') - interval '12 months', 'YYYY-MM') AS last_year,
            a.id AS account_id, m.id AS meter_id, m.base_reading, m.installed_on,
            -- MTR-4: a C&I meter's designed flow (m³/h), for the belowDesignedFlow check.
            CASE WHEN un.customer_kind <> 'residential' THEN m.designed_flow END AS designed_flow,
            ba.book_id, b.reader_id,
            live.id AS live_id, live.status AS live_status, live.reading AS live_reading
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::date[])
              AS i(row_no, account_no, serial, period, reading, read_on)
       LEFT JOIN accounts a ON a.company_id = $1 AND a.account_no = i.account_no
       LEFT JOIN meters m ON m.company_id = $1 AND m.account_id = a.id AND m.status = 'installed'
                         AND upper(m.serial) = upper(i.serial)
       LEFT JOIN usage_natures un ON un.company_id = $1 AND un.code = a.usage_nature
       LEFT JOIN reading_book_accounts ba ON ba.company_id = $1 AND ba.account_id = a.id
       LEFT JOIN reading_books b ON b.company_id = $1 AND b.id = ba.book_id
       LEFT JOIN meter_readings live ON live.company_id = $1 AND live.meter_id = m.id AND live.period = i.period
                                    AND live.status <> 'superseded'`,
    [
      companyId,
      clean.map((r) => r.row),
      clean.map((r) => r.accountNo),
      clean.map((r) => r.serial),
      clean.map((r) => r.period),
      clean.map((r) => r.reading),
      clean.map((r) => r.readOn),
    ],
  );

  // Statistics for the planner: the lookups below are per row through the indexes only if it knows the size.
  await tx.exec('ANALYZE reading_import');
  // After a big load the readings' own statistics may still say "empty" (autovacuum not yet round), and a
  // plan made on that scans the table once per row; a large upload refreshes them first (a sample, ~0.1 s).
  if (clean.length >= ANALYZE_FROM_ROWS) await tx.exec('ANALYZE meter_readings');
  const bad = await tx.query<{ row: number; accountNo: string; serial: string; liveReading: string | null }>(
    `SELECT row_no AS row, account_no AS "accountNo", serial, CASE WHEN meter_id IS NOT NULL THEN live_reading END AS "liveReading"
       FROM reading_import
      WHERE meter_id IS NULL OR (live_status = 'accepted' AND live_reading <> reading)
      ORDER BY row_no LIMIT 1000`,
  );
  if (bad.rows.length) {
    throw rejected(
      bad.rows.map((b) =>
        b.liveReading === null
          ? {
              row: b.row,
              field: 'meterSerial' as const,
              message: fill(rowProblems.unknownMeter, { accountNo: b.accountNo, meterSerial: b.serial }),
            }
          : {
              row: b.row,
              field: 'reading' as const,
              message: fill(rowProblems.alreadyAccepted, { reading: b.liveReading }),
            },
      ),
    );
  }

  // Period by period, oldest first, so that a meter read for two periods in one upload compares the later
  // reading with the earlier one.
  const byStatus = new Map<string, number>();
  let supersededRows = 0;
  // The lookups of the last readings go through the indexes even when the statistics still say the table is
  // empty (a first load): a sequential scan per row over the rows this very statement adds is quadratic.
  await tx.exec('SET LOCAL enable_seqscan = off');
  for (const period of [...new Set(clean.map((r) => r.period))].sort()) {
    // A changed reading replaces a live row still waiting (pending, flagged) or one ordered re-read.
    const superseded = await tx.query<{ id: string }>(
      `UPDATE meter_readings r SET status = 'superseded'
       FROM reading_import i
      WHERE r.company_id = $1 AND r.id = i.live_id
        AND (i.live_status = 'reread' OR (i.live_status IN ('pending', 'flagged') AND i.live_reading <> i.reading))
        AND i.period = $2
     RETURNING r.id`,
      [companyId, period],
    );

    const inserted = await tx.query<{ status: string; n: number }>(
      `WITH todo AS (
       SELECT i.* FROM reading_import i
        WHERE i.period = $9 AND (i.live_id IS NULL OR i.live_status = 'reread' OR i.live_reading <> i.reading)
     ), base AS (
       SELECT t.*,
              coalesce(prev.reading, ev.reading, t.base_reading) AS previous_reading,
              coalesce(prev.read_on, ev.happened_on, t.installed_on) AS previous_read_on,
              -- MTR-5: the first reading of a meter that replaced another in the period also bills the old
              -- meter from its last accepted reading (or its base) to its final reading.
              CASE WHEN prev.reading IS NULL AND ev.kind = 'replace'
                   THEN greatest(ev.old_reading - coalesce(oldprev.reading, om.base_reading, 0), 0) END AS old_volume,
              hist.last_volume, hist.avg_volume, hist.n AS avg_n, ly.volume AS last_year_volume
         FROM todo t
         LEFT JOIN LATERAL (
           SELECT p.reading, p.read_on FROM meter_readings p
            WHERE p.company_id = $1 AND p.meter_id = t.meter_id AND p.status = 'accepted' AND p.period < t.period
              -- BIL-6: an estimate does not move the register; the next actual reading runs from the last
              -- actual one (and its bill credits the estimates in between).
              AND NOT ('estimate' = ANY(p.flags))
            ORDER BY p.period DESC LIMIT 1) prev ON true
         LEFT JOIN LATERAL (
           SELECT e.kind, e.reading, e.happened_on, e.old_meter_id, e.old_reading FROM meter_events e
            WHERE e.company_id = $1 AND e.meter_id = t.meter_id AND e.kind IN ('install', 'replace')
            ORDER BY e.happened_on DESC, e.created_at DESC LIMIT 1) ev ON true
         LEFT JOIN meters om ON om.company_id = $1 AND om.id = ev.old_meter_id
         LEFT JOIN LATERAL (
           SELECT o.reading FROM meter_readings o
            WHERE o.company_id = $1 AND o.meter_id = ev.old_meter_id AND o.status = 'accepted' AND o.period < t.period
              AND NOT ('estimate' = ANY(o.flags))
            ORDER BY o.period DESC LIMIT 1) oldprev ON ev.kind = 'replace' AND prev.reading IS NULL
         LEFT JOIN LATERAL (
           SELECT (array_agg(s.volume ORDER BY s.period DESC))[1] AS last_volume, avg(s.volume) AS avg_volume,
                  count(*)::int AS n
             FROM (SELECT h.volume, h.period FROM meter_readings h
                    WHERE h.company_id = $1 AND h.account_id = t.account_id AND h.status = 'accepted'
                      AND h.period < t.period
                    ORDER BY h.period DESC LIMIT $3) s) hist ON true
         LEFT JOIN LATERAL (
           SELECT sum(y.volume) AS volume FROM meter_readings y
            WHERE y.company_id = $1 AND y.account_id = t.account_id AND y.period = t.last_year
              AND y.status = 'accepted') ly ON true
     ), vol AS (
       SELECT b.*,
              (b.reading < b.previous_reading AND b.previous_reading >= $6::numeric * (1 - $7::numeric)
                AND b.reading <= $6::numeric * $7::numeric) AS rollover
         FROM base b
     ), calc AS (
       SELECT v.*,
              CASE WHEN v.rollover THEN $6::numeric - v.previous_reading + v.reading
                   ELSE v.reading - v.previous_reading END + coalesce(v.old_volume, 0) AS volume
         FROM vol v
     ), flagged AS (
       SELECT c.*,
              array_remove(ARRAY[
                CASE WHEN c.rollover THEN 'rollover' END,
                CASE WHEN c.volume < 0 THEN 'reversal' END,
                CASE WHEN c.volume = 0 THEN 'zeroUse' END,
                CASE WHEN c.volume > 0 AND coalesce(c.last_volume, c.avg_volume, c.last_year_volume) IS NOT NULL
                      AND c.volume > $4::numeric * greatest(c.last_volume, c.avg_volume, c.last_year_volume)
                     THEN 'high' END,
                CASE WHEN c.volume > 0 AND least(c.last_volume, c.avg_volume, c.last_year_volume) > 0
                      AND c.volume < $5::numeric * least(c.last_volume, c.avg_volume, c.last_year_volume)
                     THEN 'low' END,
                CASE WHEN c.old_volume IS NOT NULL THEN 'meterChange' END,
                -- MTR-4: C&I use far below the meter's designed flow (average m³/h over the days read).
                CASE WHEN c.designed_flow IS NOT NULL AND c.volume >= 0 AND c.read_on > c.previous_read_on
                      AND c.volume < $10::numeric * c.designed_flow * 24 * (c.read_on - c.previous_read_on)
                     THEN 'belowDesignedFlow' END
              ], NULL) AS flags
         FROM calc c
     ), ins AS (
       INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                   previous_read_on, volume, kind, status, flags, source, reader_id, replaces_id,
                                   accepted_at, created_by, comparison, book_id)
       SELECT $1, f.account_id, f.meter_id, f.period, f.read_on, f.reading, f.previous_reading, f.previous_read_on,
              f.volume, 'actual',
              CASE WHEN f.flags <@ ARRAY['meterChange'] THEN 'accepted' ELSE 'flagged' END,
              f.flags, $2, coalesce(f.reader_id, $8::uuid),
              CASE WHEN f.live_status IN ('pending', 'flagged', 'reread') THEN f.live_id END,
              CASE WHEN f.flags <@ ARRAY['meterChange'] THEN now() END, $8::uuid,
              jsonb_build_object('lastVolume', f.last_volume::text, 'lastYearVolume', f.last_year_volume::text,
                                 'averageVolume', round(f.avg_volume, 3)::text, 'averagePeriods', f.avg_n,
                                 'oldMeterVolume', f.old_volume::text),
              f.book_id
         FROM flagged f
       RETURNING status
     )
     SELECT status, count(*)::int AS n FROM ins GROUP BY status`,
      [companyId, source, periods, highRatio, lowRatio, wrapAt, margin, actor.userId, period, flowRatio],
    );
    supersededRows += superseded.rowCount;
    for (const r of inserted.rows) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.n);
  }
  await tx.exec('SET LOCAL enable_seqscan = on');
  const count = (s: string) => byStatus.get(s) ?? 0;
  const summary: ImportSummary = {
    received: rows.length,
    inserted: count('accepted') + count('flagged'),
    unchanged: 0,
    accepted: count('accepted'),
    flagged: count('flagged'),
    superseded: supersededRows,
  };
  summary.unchanged = clean.length - summary.inserted;
  await tx.query(
    `UPDATE reading_plans p SET status = 'uploaded', uploaded_at = now()
       FROM (SELECT DISTINCT book_id, period FROM reading_import WHERE book_id IS NOT NULL) i
      WHERE p.company_id = $1 AND p.book_id = i.book_id AND p.period = i.period AND p.status <> 'uploaded'`,
    [companyId],
  );
  await recordAudit(tx, actor, {
    action: 'reading.upload',
    entityType: 'meterReadings',
    after: { source, ...summary, periods: [...new Set(clean.map((r) => r.period))].slice(0, 24) },
  });
  return summary;
}

/** The readings of a meter and period that billing may use, for tests and B1: the accepted one. */
export async function acceptedReading(db: Queryable, companyId: string, meterId: string, period: string) {
  const r = await db.query<{ id: string; reading: string; volume: string }>(
    `SELECT id, reading, volume FROM meter_readings
      WHERE company_id = $1 AND meter_id = $2 AND period = $3 AND status = 'accepted'`,
    [companyId, meterId, period],
  );
  return r.rows[0] ?? null;
}

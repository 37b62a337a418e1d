/**
 * BIL-2 billing run at scale: its own company BENCH-BILLING with `size` accounts (default 1,000,000 on
 * PostgreSQL, 20,000 on PGlite; generated set-based when fewer exist), tiered residential tariffs with a
 * price change inside the period, and one accepted reading per meter for the next period not billed yet
 * (set-based INSERT … SELECT; up to 100,000 of them uploaded through the readings import when it is there,
 * for the import rate). Then the billing run of that period (chunks of 20,000 accounts, one transaction
 * each), its rerun (a no-op), and a COPY of as many rows into a scratch table: the physical limit beside it.
 */
import fs from 'node:fs';
import { openDb } from '../../server/src/db/index.js';
import { migrate } from '../../server/src/db/migrate.js';
import type { Db, Tx } from '../../server/src/db/types.js';
import { insertRun } from '../../server/src/modules/billing/repo.js';
import { createTariff, processRun } from '../../server/src/modules/billing/service.js';
import { generateAccounts } from '../../server/src/modules/customers/generate.js';
import { findCompanyByCode } from '../../server/src/modules/org/service.js';
import type { Actor } from '../../server/src/platform/context.js';
import { setUpCompany } from '../../server/src/setup/company.js';
import { type BenchContext, round } from '../lib.js';

const CODE = 'BENCH-BILLING';
const FIRST_PERIOD = '2025-01';
const CHUNK = 20_000;
const IMPORT_MAX = 100_000;
const TIERED = ['RES', 'RES_HEAT'];
const FLAT = ['CATERING', 'INDUSTRY', 'BOILER', 'PUBLIC'];

const nextPeriod = (p: string) => {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const prevPeriod = (p: string) => {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
const count = async (db: Db, sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

/** The base tariffs once; then for the period a residential price change on its 16th (prorated by days). */
async function ensureTariffs(db: Db, actor: Actor, period: string) {
  const have = await count(db, 'SELECT count(*)::int AS n FROM tariffs WHERE company_id = $1', [actor.companyId]);
  await db.tx(async (tx) => {
    if (have === 0) {
      for (const nature of TIERED)
        await createTariff(tx, actor, {
          usageNature: nature,
          name: `${nature} 阶梯 基准`,
          effectiveFrom: '2020-01-01',
          tiers: [{ upTo: '350', price: '2.67' }, { upTo: '500', price: '3.20' }, { price: '4.01' }],
        });
      for (const nature of FLAT)
        await createTariff(tx, actor, {
          usageNature: nature,
          name: `${nature} 基准`,
          effectiveFrom: '2020-01-01',
          price: '3.50',
        });
    }
    const changeOn = `${period}-16`;
    const already = await count(
      tx as Db,
      'SELECT count(*)::int AS n FROM tariffs WHERE company_id = $1 AND effective_from = $2',
      [actor.companyId, changeOn],
    );
    if (already > 0) return;
    // The bench's own tariffs: the open one ends the day before the change (a real change goes through approvals).
    await tx.query(
      `UPDATE tariffs SET effective_to = $2::date - 1
        WHERE company_id = $1 AND effective_to IS NULL AND usage_nature = ANY($3::text[])`,
      [actor.companyId, changeOn, TIERED],
    );
    const bump = (Number(period.slice(5, 7)) % 3) / 100;
    for (const nature of TIERED)
      await createTariff(tx, actor, {
        usageNature: nature,
        name: `${nature} 阶梯 ${period}`,
        effectiveFrom: changeOn,
        tiers: [
          { upTo: '350', price: (2.67 + bump).toFixed(2) },
          { upTo: '500', price: (3.2 + bump).toFixed(2) },
          { price: (4.01 + bump).toFixed(2) },
        ],
      });
  });
}

/**
 * One accepted reading per installed meter of the company for the period (those after `skipUpTo` by account id),
 * set-based: the register moves on from the last accepted reading (or the meter's base) by 5–60 m³.
 */
async function generateReadings(db: Db, companyId: string, period: string, skip: string | null) {
  const bulk = (await db.query<{ su: string }>("SELECT current_setting('is_superuser') AS su")).rows[0]?.su === 'on';
  await db.tx(async (tx) => {
    // As generate.ts: a superuser loads as pg_restore does, without the per-row foreign-key triggers (every
    // reference is to a row that exists); CHECK and unique constraints still hold.
    if (bulk) await tx.query("SET LOCAL session_replication_role = 'replica'");
    await tx.query(
      `INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                   previous_read_on, volume, status, source, accepted_at)
       SELECT m.company_id, m.account_id, m.id, $2, $3::date, prev.reading + v.vol, prev.reading, $4::date, v.vol,
              'accepted', 'file', now()
         FROM meters m
         CROSS JOIN LATERAL (SELECT (5 + (hashtext(m.id::text || $2) & 65535) % 56)::numeric AS vol) v
         LEFT JOIN LATERAL (SELECT r.reading FROM meter_readings r
                             WHERE r.company_id = m.company_id AND r.meter_id = m.id AND r.status = 'accepted'
                             ORDER BY r.read_on DESC LIMIT 1) last ON true
         CROSS JOIN LATERAL (SELECT coalesce(last.reading, m.base_reading) AS reading) prev
        WHERE m.company_id = $1 AND m.status = 'installed' AND ($5::uuid IS NULL OR m.account_id > $5::uuid)
          AND NOT EXISTS (SELECT 1 FROM meter_readings x WHERE x.company_id = m.company_id AND x.meter_id = m.id
                             AND x.period = $2 AND x.status <> 'superseded')`,
      [companyId, period, `${period}-20`, `${prevPeriod(period)}-20`, skip],
    );
  });
}

/** The import set: the first `n` accounts' readings as a handheld sends them back (MTR-3). */
async function importSet(db: Db, companyId: string, period: string, n: number) {
  return (
    await db.query<{ accountNo: string; meterSerial: string; reading: string; readOn: string; accountId: string }>(
      `SELECT a.account_no AS "accountNo", m.serial AS "meterSerial", a.id AS "accountId",
              (prev.reading + (5 + (hashtext(m.id::text || $2) & 65535) % 56))::text AS reading, $3 AS "readOn"
         FROM (SELECT id, account_no FROM accounts WHERE company_id = $1 ORDER BY id LIMIT $4) a
         JOIN meters m ON m.company_id = $1 AND m.account_id = a.id AND m.status = 'installed'
         LEFT JOIN LATERAL (SELECT r.reading FROM meter_readings r
                             WHERE r.company_id = m.company_id AND r.meter_id = m.id AND r.status = 'accepted'
                             ORDER BY r.read_on DESC LIMIT 1) last ON true
         CROSS JOIN LATERAL (SELECT coalesce(last.reading, m.base_reading) AS reading) prev
        ORDER BY a.id`,
      [companyId, period, `${period}-20`, n],
    )
  ).rows;
}

export async function run(ctx: BenchContext) {
  const onPostgres = Boolean(ctx.databaseUrl);
  const size = ctx.size ?? (onPostgres ? 1_000_000 : 20_000);
  if (!onPostgres) fs.mkdirSync(ctx.dataDir, { recursive: true });
  const db = await openDb({ databaseUrl: ctx.databaseUrl, dataDir: ctx.dataDir });
  await migrate(db);
  let company = await findCompanyByCode(db, CODE);
  if (!company) {
    await db.tx((tx) =>
      setUpCompany(tx, {
        groupCode: 'BENCH',
        groupName: '基准集团',
        companyCode: CODE,
        companyName: '基准计费燃气公司',
      }),
    );
    company = (await findCompanyByCode(db, CODE))!;
  }
  const companyId = company.id;
  const actor: Actor = { companyId, userId: null, name: 'bench' };

  const have = await count(db, 'SELECT count(*)::int AS n FROM accounts WHERE company_id = $1', [companyId]);
  if (have < size) {
    const g = await generateAccounts(db, companyId, {
      count: size - have,
      seed: 3 + have,
      onProgress: (done, total) =>
        process.stdout.write(`\raccounts ${done.toLocaleString()}/${total.toLocaleString()}`),
    });
    console.log(`\ngenerated ${g.created.toLocaleString()} accounts in ${round(g.ms / 1000)} s`);
  } else console.log(`using the ${have.toLocaleString()} accounts already there`);
  const mix = await db.query<{ nature: string; n: number }>(
    'SELECT usage_nature AS nature, count(*)::int AS n FROM accounts WHERE company_id = $1 GROUP BY 1 ORDER BY 2 DESC',
    [companyId],
  );
  console.log(`natures: ${mix.rows.map((r) => `${r.nature} ${r.n.toLocaleString()}`).join(', ')}`);

  // The next period not billed yet, so every invocation measures a real run (and the tiers fill over the year).
  const last = (
    await db.query<{ p: string | null }>(
      `SELECT max(period) AS p FROM billing_runs WHERE company_id = $1 AND status = 'done'`,
      [companyId],
    )
  ).rows[0]!.p;
  const period = last ? nextPeriod(last) : FIRST_PERIOD;
  console.log(`period ${period}`);
  await ensureTariffs(db, actor, period);

  // Readings: up to 100,000 through the readings import (B2's importReadings) when it is there, the rest set-based.
  let importReadsPerS: string | number = 'n/a';
  const importN = Math.min(IMPORT_MAX, Math.floor(size / 10));
  type ImportFn = (tx: Tx, actor: Actor, companyId: string, rows: unknown[], source?: string) => Promise<unknown>;
  let importReadings: ImportFn | undefined;
  try {
    importReadings = (await import('../../server/src/modules/readings/import.js')).importReadings as ImportFn;
  } catch {
    importReadings = undefined;
  }
  const existing = await count(
    db,
    `SELECT count(*)::int AS n FROM meter_readings WHERE company_id = $1 AND period = $2 AND status <> 'superseded'`,
    [companyId, period],
  );
  let t0 = performance.now();
  if (existing === 0 && importReadings) {
    const rows = await importSet(db, companyId, period, importN);
    const skip = rows.at(-1)?.accountId ?? null;
    await generateReadings(db, companyId, period, skip);
    console.log(
      `generated ${(size - rows.length).toLocaleString()} readings in ${round((performance.now() - t0) / 1000)} s`,
    );
    try {
      t0 = performance.now();
      const summary = await db.tx((tx) =>
        importReadings!(
          tx,
          actor,
          companyId,
          rows.map((r, i) => ({
            period,
            accountNo: r.accountNo,
            meterSerial: r.meterSerial,
            reading: r.reading,
            readOn: r.readOn,
            row: i + 2,
          })),
          'file',
        ),
      );
      const s = (performance.now() - t0) / 1000;
      importReadsPerS = Math.round(rows.length / s);
      console.log(`imported ${rows.length.toLocaleString()} readings in ${round(s)} s: ${JSON.stringify(summary)}`);
    } catch (err) {
      console.log(`readings import failed (${(err as Error).message}); those readings generated set-based instead`);
      await generateReadings(db, companyId, period, null);
    }
  } else {
    await generateReadings(db, companyId, period, null);
    console.log(`generated readings in ${round((performance.now() - t0) / 1000)} s`);
  }
  await db.query('ANALYZE meter_readings');
  const readings = await count(
    db,
    `SELECT count(*)::int AS n FROM meter_readings WHERE company_id = $1 AND period = $2 AND status = 'accepted'`,
    [companyId, period],
  );
  console.log(`${readings.toLocaleString()} accepted readings in ${period}`);

  // The run.
  const rss0 = process.memoryUsage().rss;
  let peakRss = rss0;
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const runId = (await db.tx((tx) => insertRun(tx, companyId, { period, chunkSize: CHUNK, startedBy: null })))!;
  t0 = performance.now();
  const done = await processRun(db, companyId, runId, {
    onChunk: (r) =>
      process.stdout.write(`\rbilling ${r.accountsDone.toLocaleString()}/${(r.accountsTotal ?? 0).toLocaleString()}`),
  });
  const runS = (performance.now() - t0) / 1000;
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(
    `\nbilled ${done.billsCreated.toLocaleString()} accounts (${done.accountsWithoutTariff} without tariff) in ${round(runS)} s, ` +
      `total ${done.amountTotal} yuan: ${Math.round(done.billsCreated / runS).toLocaleString()} bills/s`,
  );
  const tiers = await db.query<{ lines: number; n: number }>(
    `SELECT jsonb_array_length(lines) AS lines, count(*)::int AS n FROM bills WHERE company_id = $1 AND run_id = $2 GROUP BY 1 ORDER BY 1`,
    [companyId, runId],
  );
  console.log(`lines per bill: ${tiers.rows.map((r) => `${r.lines}: ${r.n.toLocaleString()}`).join(', ')}`);

  // The rerun: nothing left to bill.
  const rerunId = (await db.tx((tx) => insertRun(tx, companyId, { period, chunkSize: CHUNK, startedBy: null })))!;
  t0 = performance.now();
  const rerun = await processRun(db, companyId, rerunId);
  const rerunS = (performance.now() - t0) / 1000;
  console.log(`rerun: ${rerun.billsCreated} bills in ${round(rerunS)} s`);

  // The physical limit: as many rows of the bills' shape copied into a scratch table (no indexes).
  await db.exec('DROP TABLE IF EXISTS bench_billing_copy');
  await db.exec('CREATE TABLE bench_billing_copy (LIKE bills INCLUDING DEFAULTS)');
  let copyRowsPerS: number | string = 'n/a';
  if (onPostgres) {
    const file = `/tmp/hearth-bench-billing-${process.pid}.copy`;
    try {
      await db.query(
        `COPY (SELECT * FROM bills WHERE company_id = '${companyId}' AND run_id = '${runId}') TO '${file}'`,
      );
      t0 = performance.now();
      await db.query(`COPY bench_billing_copy FROM '${file}'`);
      const s = (performance.now() - t0) / 1000;
      copyRowsPerS = Math.round(done.billsCreated / s);
      console.log(`COPY of ${done.billsCreated.toLocaleString()} bill rows: ${round(s)} s`);
    } catch (err) {
      console.log(`COPY failed: ${(err as Error).message}`);
    } finally {
      await db.query(`COPY (SELECT 1 WHERE false) TO '${file}'`).catch(() => {});
    }
  } else {
    // PGlite has no server-side file to COPY from here: INSERT … SELECT of the same rows stands in for it.
    t0 = performance.now();
    await db.query('INSERT INTO bench_billing_copy SELECT * FROM bills WHERE company_id = $1 AND run_id = $2', [
      companyId,
      runId,
    ]);
    const s = (performance.now() - t0) / 1000;
    copyRowsPerS = Math.round(done.billsCreated / s);
    console.log(
      `PGlite: INSERT … SELECT of ${done.billsCreated.toLocaleString()} rows (stands in for COPY): ${round(s)} s`,
    );
  }
  await db.exec('DROP TABLE IF EXISTS bench_billing_copy');
  const billsPerS = Math.round(done.billsCreated / runS);
  if (typeof copyRowsPerS === 'number')
    console.log(`billing at ${round((100 * billsPerS) / copyRowsPerS)} % of the COPY rate (bill rows only)`);
  await db.close();
  return {
    accounts: done.billsCreated,
    bills_per_s: billsPerS,
    peak_rss_mb: Math.round(peakRss / 2 ** 20),
    rerun_s: round(rerunS),
    import_reads_per_s: importReadsPerS,
    copy_rows_per_s: copyRowsPerS,
  };
}

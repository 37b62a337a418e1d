/**
 * MTR-3/4 reading upload at scale: its own company BENCH-READ with `size` accounts (default 100,000 on
 * PostgreSQL, 20,000 on PGlite), then three uploads of one reading per account through importReadings:
 * a first period (nothing to compare), a second period (compared with the first; one in nine high), and the
 * second again (the idempotent no-op). Beside them, a plain INSERT … SELECT of the same number of rows.
 */
import fs from 'node:fs';
import { openDb } from '../../server/src/db/index.js';
import { migrate } from '../../server/src/db/migrate.js';
import { generateAccounts } from '../../server/src/modules/customers/generate.js';
import { findCompanyByCode } from '../../server/src/modules/org/service.js';
import { importReadings, type ReadingInput } from '../../server/src/modules/readings/import.js';
import { setUpCompany } from '../../server/src/setup/company.js';
import { type BenchContext, round } from '../lib.js';

const CODE = 'BENCH-READ';

export async function run(ctx: BenchContext): Promise<Record<string, string | number>> {
  const size = ctx.size ?? (ctx.databaseUrl ? 100_000 : 20_000);
  if (!ctx.databaseUrl) fs.mkdirSync(ctx.dataDir, { recursive: true });
  const db = await openDb({ databaseUrl: ctx.databaseUrl, dataDir: ctx.dataDir });
  try {
    await migrate(db);
    let company = await findCompanyByCode(db, CODE);
    if (!company) {
      await db.tx((tx) =>
        setUpCompany(tx, {
          groupCode: 'BENCH-R',
          groupName: '基准集团',
          companyCode: CODE,
          companyName: '基准抄表燃气公司',
        }),
      );
      company = (await findCompanyByCode(db, CODE))!;
    }
    const companyId = company.id;
    const have = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts WHERE company_id = $1', [companyId])
    ).rows[0]!.n;
    if (have < size) await generateAccounts(db, companyId, { count: size - have, seed: 3 });
    const meters = (
      await db.query<{ accountNo: string; serial: string; base: string }>(
        `SELECT a.account_no AS "accountNo", m.serial,
                coalesce((SELECT r.reading FROM meter_readings r
                           WHERE r.company_id = m.company_id AND r.meter_id = m.id AND r.status <> 'superseded'
                           ORDER BY r.period DESC LIMIT 1), m.base_reading)::text AS base
           FROM accounts a
           JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
          WHERE a.company_id = $1 ORDER BY a.account_no LIMIT $2`,
        [companyId, size],
      )
    ).rows;
    // Each run reads two fresh periods after the last one read, from each meter's last reading, so a rerun
    // measures the same work.
    const last = (
      await db.query<{ p: string | null }>('SELECT max(period) AS p FROM meter_readings WHERE company_id = $1', [
        companyId,
      ])
    ).rows[0]!.p;
    const index = last ? Number(last.slice(0, 4)) * 12 + Number(last.slice(5, 7)) : 2020 * 12;
    const periodOf = (k: number) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
    const [p1, p2] = [periodOf(index), periodOf(index + 1)];
    const actor = { companyId, userId: null, name: 'bench' };
    const rows = (period: string, add: (i: number) => number): ReadingInput[] =>
      meters.map((m, i) => ({
        period,
        accountNo: m.accountNo,
        meterSerial: m.serial,
        reading: ((Number(m.base) + add(i)) % 100_000).toFixed(3),
        readOn: `${period}-15`,
      }));
    const timed = async (label: string, input: ReadingInput[]) => {
      const t0 = performance.now();
      const s = await db.tx((tx) => importReadings(tx, actor, companyId, input, 'api'));
      const sec = (performance.now() - t0) / 1000;
      console.log(`${label}: ${input.length} readings in ${sec.toFixed(2)} s (${JSON.stringify(s)})`);
      return sec;
    };
    const first = await timed(
      `period ${p1}`,
      rows(p1, (i) => 20 + (i % 7)),
    );
    const second = rows(p2, (i) => 40 + (i % 9 === 0 ? 200 : 2 * (i % 7)));
    const compared = await timed(`period ${p2} (compared)`, second);
    const again = await timed(`period ${p2} again (no-op)`, second);
    const t1 = performance.now();
    await db.tx(async (tx) => {
      await tx.query('CREATE TEMP TABLE insert_probe ON COMMIT DROP AS SELECT * FROM meter_readings WHERE false');
      await tx.query('INSERT INTO insert_probe SELECT * FROM meter_readings WHERE company_id = $1 AND period = $2', [
        companyId,
        p2,
      ]);
    });
    const plain = (performance.now() - t1) / 1000;
    return {
      readings: meters.length,
      import_s: round(compared),
      import_reads_per_s: Math.round(meters.length / compared),
      first_period_s: round(first),
      rerun_s: round(again),
      plain_insert_rows_per_s: Math.round(meters.length / plain),
    };
  } finally {
    await db.close();
  }
}

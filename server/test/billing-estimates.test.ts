import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTariff } from '../src/modules/billing/repo.js';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { importReadings } from '../src/modules/readings/import.js';
import { runDueTasks } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

/**
 * BIL-6: an account due to be read (its book has a plan of the period) without a reading gets an estimated
 * bill — the average daily use of its previous actual readings × the days since the last one — and the next
 * actual reading, which runs from the last actual one, credits what the estimates billed.
 */
describe.each(dbKinds)('estimated bills on %s', (kind) => {
  let t: TestApp;
  let manager: string;
  let clerk: string;
  const acc: Record<string, { id: string; meter: string; accountNo: string; serial: string }> = {};

  /** An accepted actual reading: the register and the volume since the last one. */
  const reading = (name: string, period: string, prevOn: string, readOn: string, prev: number, volume: number) =>
    t.db.query(
      `INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                   previous_read_on, volume, status, source, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'accepted', 'handheld', now())`,
      [t.companyA, acc[name]!.id, acc[name]!.meter, period, readOn, prev + volume, prev, prevOn, volume],
    );
  const bill = async (period: string) => {
    const res = await t.call('POST', '/api/billing/runs', { cookie: manager, body: { period } });
    expect(res.statusCode).toBe(202);
    while ((await runDueTasks(t.db)) > 0) {}
    return (await t.call('GET', `/api/billing/runs/${res.json().id}`, { cookie: clerk })).json();
  };
  const billOf = async (name: string, period: string) =>
    (await t.call('GET', `/api/billing/bills?accountId=${acc[name]!.id}&period=${period}`, { cookie: clerk })).json()
      .items[0];
  const upload = (rows: { name: string; period: string; reading: number; readOn: string }[]) =>
    t.db.tx((tx) =>
      importReadings(
        tx,
        { companyId: t.companyA, userId: null, name: 'test' },
        t.companyA,
        rows.map((r) => ({
          period: r.period,
          accountNo: acc[r.name]!.accountNo,
          meterSerial: acc[r.name]!.serial,
          reading: r.reading,
          readOn: r.readOn,
        })),
      ),
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    manager = await t.login('department.manager');
    clerk = await t.login('hall.clerk');
    await generateAccounts(t.db, t.companyA, { count: 3, seed: 61 });
    const { rows } = await t.db.query<{ id: string; meter: string; accountNo: string; serial: string }>(
      `SELECT a.id, m.id AS meter, a.account_no AS "accountNo", m.serial
         FROM accounts a JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
        WHERE a.company_id = $1 ORDER BY a.account_no`,
      [t.companyA],
    );
    for (const [i, name] of ['under', 'over', 'offPlan'].entries()) {
      acc[name] = rows[i]!;
      await t.db.query(
        `UPDATE accounts SET usage_nature = 'RES', status = 'active' WHERE company_id = $1 AND id = $2`,
        [t.companyA, rows[i]!.id],
      );
    }
    await insertTariff(t.db, t.companyA, {
      usageNature: 'RES',
      name: '居民 2.00',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      tiered: false,
      tiers: [{ tier: 1, from: '0', upTo: null, price: '2.00' }],
      createdBy: null,
      status: 'active',
    });
    // Two months of history at 1 m³ a day for every account.
    for (const name of ['under', 'over', 'offPlan']) {
      await reading(name, '2026-03', '2026-02-28', '2026-03-31', 1000, 31);
      await reading(name, '2026-04', '2026-03-31', '2026-04-30', 1031, 30);
    }
    // The book of `under` and `over` is planned for May; `offPlan` is in no plan.
    const book = await t.db.query<{ id: string }>(
      `INSERT INTO reading_books (company_id, code, name, area, customer_kind)
       VALUES ($1, 'EST-1', '估抄册', '测试区', 'residential') RETURNING id`,
      [t.companyA],
    );
    await t.db.query(
      `INSERT INTO reading_book_accounts (company_id, book_id, account_id, seq) VALUES ($1, $2, $3, 1), ($1, $2, $4, 2)`,
      [t.companyA, book.rows[0]!.id, acc.under!.id, acc.over!.id],
    );
    await t.db.query(
      `INSERT INTO reading_plans (company_id, book_id, period, planned_on) VALUES ($1, $2, '2026-05', '2026-05-25')`,
      [t.companyA, book.rows[0]!.id],
    );
  });
  afterAll(() => t?.close());

  it('BIL-6 an account due to be read without a reading gets an estimated bill on its average daily use', async () => {
    const run = await bill('2026-05');
    expect(run).toMatchObject({ status: 'done', billsCreated: 2 });
    const b = await billOf('under', '2026-05');
    // 1 m³ a day × 31 days since 2026-04-30, at 2.00.
    expect(b).toMatchObject({
      kind: 'estimated',
      volume: '31.000',
      amount: '62.00',
      fromDate: '2026-05-01',
      readOn: '2026-05-31',
    });
    const est = await t.db.query<{ kind: string; flags: string[]; reading: string; previous_reading: string }>(
      `SELECT kind, flags, reading::text, previous_reading::text FROM meter_readings
        WHERE company_id = $1 AND meter_id = $2 AND period = '2026-05' AND status = 'accepted'`,
      [t.companyA, acc.under!.meter],
    );
    // An estimate does not move the register.
    expect(est.rows).toEqual([
      { kind: 'estimated', flags: ['estimate'], reading: '1061.000', previous_reading: '1061.000' },
    ]);
    // Not in a plan of the period: not estimated.
    expect(await billOf('offPlan', '2026-05')).toBeUndefined();
    // A rerun estimates nothing twice.
    expect(await bill('2026-05')).toMatchObject({ billsCreated: 0 });
    const n = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meter_readings WHERE company_id = $1 AND kind = 'estimated'`,
      [t.companyA],
    );
    expect(n.rows[0]!.n).toBe(2);
  });

  it('BIL-6 the next actual reading runs from the last actual one and its bill credits the estimate (under- and over-estimate)', async () => {
    const summary = await upload([
      // 56 m³ since 2026-04-30 (the estimate said 31 for May).
      { name: 'under', period: '2026-06', reading: 1117, readOn: '2026-06-30' },
      // 20 m³ since 2026-04-30: the estimate was too high.
      { name: 'over', period: '2026-06', reading: 1081, readOn: '2026-06-30' },
    ]);
    expect(summary).toMatchObject({ accepted: 2, flagged: 0 });
    const r = await t.db.query<{ volume: string; previous_reading: string; previous_read_on: string }>(
      `SELECT volume::text, previous_reading::text, previous_read_on::text FROM meter_readings
        WHERE company_id = $1 AND meter_id = $2 AND period = '2026-06' AND status = 'accepted'`,
      [t.companyA, acc.under!.meter],
    );
    expect(r.rows[0]).toEqual({ volume: '56.000', previous_reading: '1061.000', previous_read_on: '2026-04-30' });

    const run = await bill('2026-06');
    expect(run).toMatchObject({ status: 'done', billsCreated: 2 });
    const under = await billOf('under', '2026-06');
    expect(under).toMatchObject({ kind: 'actual', volume: '25.000', amount: '50.00', fromDate: '2026-05-01' });
    expect(under.lines).toEqual([
      expect.objectContaining({ tier: 1, volume: '56.000', price: '2.0000', amount: '112.00' }),
      { kind: 'estimateCredit', periods: ['2026-05'], volume: '-31.000', amount: '-62.00' },
    ]);
    const over = await billOf('over', '2026-06');
    expect(over).toMatchObject({ kind: 'actual', volume: '-11.000', amount: '-22.00', dueOn: null });
    const led = await t.db.query<{ amount: string; due_on: string | null }>(
      `SELECT amount::text, due_on::text FROM ledger_entries
        WHERE company_id = $1 AND account_id = $2 AND kind = 'bill' ORDER BY period`,
      [t.companyA, acc.over!.id],
    );
    expect(led.rows).toEqual([
      { amount: '62.00', due_on: '2026-06-30' },
      { amount: '-22.00', due_on: null },
    ]);
    // One bill per account and period; a rerun is a no-op.
    expect(await bill('2026-06')).toMatchObject({ billsCreated: 0, amountTotal: '0.00' });
  });
});

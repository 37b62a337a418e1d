import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTariff } from '../src/modules/billing/repo.js';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { runDueTasks } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

/**
 * BIL-2 / BIL-6: before a run is started the run screen shows what it would do now — bill the accounts with
 * accepted readings, leave the readings in review, estimate the accounts due to be read without a reading,
 * bill broken meters on the average, skip accounts without a tariff — and which reading plans are not uploaded.
 */
describe.each(dbKinds)('billing run preview on %s', (kind) => {
  let t: TestApp;
  let manager: string;
  let clerk: string;
  const names = ['ready', 'review', 'estimate', 'offPlan', 'broken', 'noTariff'] as const;
  const acc: Record<string, { id: string; meter: string }> = {};

  /** A reading of the meter: the register and the volume since the last one. */
  const reading = (
    name: string,
    period: string,
    prevOn: string,
    readOn: string,
    prev: number,
    volume: number,
    status = 'accepted',
  ) =>
    t.db.query(
      `INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                   previous_read_on, volume, status, flags, source, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'handheld', CASE WHEN $10 = 'accepted' THEN now() END)`,
      [
        t.companyA,
        acc[name]!.id,
        acc[name]!.meter,
        period,
        readOn,
        prev + volume,
        prev,
        prevOn,
        volume,
        status,
        status === 'flagged' ? ['high'] : [],
      ],
    );
  const preview = (period: string, cookie = clerk) =>
    t.call('GET', `/api/billing/runs/preview?period=${period}`, { cookie });

  beforeAll(async () => {
    t = await createTestApp(kind);
    manager = await t.login('department.manager');
    clerk = await t.login('hall.clerk');
    await generateAccounts(t.db, t.companyA, { count: names.length, seed: 67 });
    const { rows } = await t.db.query<{ id: string; meter: string }>(
      `SELECT a.id, m.id AS meter FROM accounts a JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
        WHERE a.company_id = $1 ORDER BY a.account_no`,
      [t.companyA],
    );
    for (const [i, name] of names.entries()) {
      acc[name] = rows[i]!;
      await t.db.query(`UPDATE accounts SET usage_nature = $3, status = 'active' WHERE company_id = $1 AND id = $2`, [
        t.companyA,
        rows[i]!.id,
        name === 'noTariff' ? 'BOILER' : 'RES',
      ]);
      await t.db.query(`UPDATE meters SET status = 'installed' WHERE company_id = $1 AND id = $2`, [
        t.companyA,
        rows[i]!.meter,
      ]);
    }
    await t.db.query(`DELETE FROM tariff_tiers WHERE company_id = $1`, [t.companyA]);
    await t.db.query(`DELETE FROM tariffs WHERE company_id = $1`, [t.companyA]);
    // RES: a price change inside May, the two tariffs cover the period; BOILER has none.
    for (const [from, to, price] of [
      ['2026-01-01', '2026-05-15', '2.00'],
      ['2026-05-16', null, '2.50'],
    ] as const)
      await insertTariff(t.db, t.companyA, {
        usageNature: 'RES',
        name: `居民 ${price}`,
        effectiveFrom: from,
        effectiveTo: to,
        tiered: false,
        tiers: [{ tier: 1, from: '0', upTo: null, price }],
        createdBy: null,
        status: 'active',
      });
    // History: two months at 1 m³ a day.
    for (const name of names) {
      await reading(name, '2026-03', '2026-02-28', '2026-03-31', 1000, 31);
      await reading(name, '2026-04', '2026-03-31', '2026-04-30', 1031, 30);
    }
    await reading('ready', '2026-05', '2026-04-30', '2026-05-25', 1061, 25);
    await reading('noTariff', '2026-05', '2026-04-30', '2026-05-25', 1061, 25);
    await reading('review', '2026-05', '2026-04-30', '2026-05-25', 1061, 500, 'flagged');
    await t.db.query(
      `INSERT INTO meter_faults (company_id, account_id, meter_id, from_on) VALUES ($1, $2, $3, '2026-05-10')`,
      [t.companyA, acc.broken!.id, acc.broken!.meter],
    );
    // Book PV-1 (review, estimate, broken) planned for May, not uploaded; PV-2 (ready, noTariff) uploaded.
    const book = async (code: string, members: string[], status: string) => {
      const b = await t.db.query<{ id: string }>(
        `INSERT INTO reading_books (company_id, code, name, area, customer_kind)
         VALUES ($1, $2, $2, '测试区', 'residential') RETURNING id`,
        [t.companyA, code],
      );
      for (const [i, name] of members.entries())
        await t.db.query(
          `INSERT INTO reading_book_accounts (company_id, book_id, account_id, seq) VALUES ($1, $2, $3, $4)`,
          [t.companyA, b.rows[0]!.id, acc[name]!.id, i + 1],
        );
      await t.db.query(
        `INSERT INTO reading_plans (company_id, book_id, period, planned_on, status)
         VALUES ($1, $2, '2026-05', '2026-05-25', $3)`,
        [t.companyA, b.rows[0]!.id, status],
      );
    };
    await book('PV-1', ['review', 'estimate', 'broken'], 'downloaded');
    await book('PV-2', ['ready', 'noTariff'], 'uploaded');
  });
  afterAll(() => t?.close());

  it('BIL-6 the run preview counts what a run would estimate, skip and bill', async () => {
    const before = await preview('2026-05');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      period: '2026-05',
      asOf: '2026-05-31',
      readyAccounts: 2,
      billedAccounts: 0,
      reviewReadings: 1,
      reviewAccounts: 1,
      // `offPlan` is in no plan, `review` has a reading (in review), `broken` is billed on the average.
      estimateAccounts: 1,
      brokenMeters: 1,
      withoutTariffAccounts: 1,
      withoutTariff: [{ usageNature: 'BOILER', accounts: 1 }],
      plans: 2,
      plansNotUploaded: 1,
      booksNotUploaded: ['PV-1'],
    });
    // Company B sees none of it.
    expect((await preview('2026-05', await t.login('b.department.manager'))).json()).toMatchObject({
      readyAccounts: 0,
      reviewReadings: 0,
      estimateAccounts: 0,
      brokenMeters: 0,
      plans: 0,
    });

    // The run does what the preview said: ready, estimate and broken billed, BOILER skipped, review left.
    const res = await t.call('POST', '/api/billing/runs', { cookie: manager, body: { period: '2026-05' } });
    expect(res.statusCode).toBe(202);
    while ((await runDueTasks(t.db)) > 0) {}
    const run = (await t.call('GET', `/api/billing/runs/${res.json().id}`, { cookie: clerk })).json();
    expect(run).toMatchObject({ status: 'done', billsCreated: 3, accountsWithoutTariff: 1 });

    expect((await preview('2026-05')).json()).toMatchObject({
      readyAccounts: 1,
      billedAccounts: 3,
      reviewReadings: 1,
      estimateAccounts: 0,
      brokenMeters: 0,
      withoutTariff: [{ usageNature: 'BOILER', accounts: 1 }],
    });
  });

  it('BIL-2 the run preview refuses a period not started or malformed, naming the field', async () => {
    const future = await preview('2999-01', manager);
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('PERIOD_NOT_CLOSED');
    expect(future.json().details.fields[0].path).toBe('period');
    const bad = await preview('2026-13', manager);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.map((f: { path: string }) => f.path)).toEqual(['period']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTariff } from '../src/modules/billing/repo.js';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { runDueTasks } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) =>
  (body.details?.fields ?? []).map((f) => f.path);

/** BIL-1 调价补差: a retroactive C&I price change re-prices the bills issued and posts the differences once. */
describe.each(dbKinds)('C&I price adjustment on %s', (kind) => {
  let t: TestApp;
  let manager: string;
  let clerk: string;
  const acc: Record<string, { id: string; meter: string }> = {};
  let oldTariff = '';

  const reading = (name: string, period: string, prevOn: string, readOn: string, volume: number) =>
    t.db.query(
      `INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                   previous_read_on, volume, status, source, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $6, 'accepted', 'handheld', now())`,
      [t.companyA, acc[name]!.id, acc[name]!.meter, period, readOn, volume, prevOn],
    );
  const waitFor = async (path: string, res: { statusCode: number; json(): { id: string } }) => {
    expect(res.statusCode).toBe(202);
    while ((await runDueTasks(t.db)) > 0) {}
    return (await t.call('GET', `${path}/${res.json().id}`, { cookie: clerk })).json();
  };
  const adjust = async (body: unknown) =>
    waitFor(
      '/api/billing/price-adjustments',
      await t.call('POST', '/api/billing/price-adjustments', { cookie: manager, body }),
    );
  const postings = async () =>
    (
      await t.db.query<{ amount: string; due_on: string | null; period: string; source_id: string }>(
        `SELECT amount::text, due_on::text, period, source_id FROM ledger_entries
          WHERE company_id = $1 AND kind = 'priceAdjustment' ORDER BY period`,
        [t.companyA],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestApp(kind);
    manager = await t.login('department.manager');
    clerk = await t.login('hall.clerk');
    await generateAccounts(t.db, t.companyA, { count: 1, seed: 81 });
    const { rows } = await t.db.query<{ id: string; meter: string }>(
      `SELECT a.id, m.id AS meter FROM accounts a JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
        WHERE a.company_id = $1 ORDER BY a.account_no`,
      [t.companyA],
    );
    acc.cat = rows[0]!;
    await t.db.query(`UPDATE accounts SET usage_nature = 'CATERING' WHERE company_id = $1 AND id = $2`, [
      t.companyA,
      rows[0]!.id,
    ]);
    oldTariff = await insertTariff(t.db, t.companyA, {
      usageNature: 'CATERING',
      name: '餐饮 3.50',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      tiered: false,
      tiers: [{ tier: 1, from: '0', upTo: null, price: '3.50' }],
      createdBy: null,
      status: 'active',
    });
    await reading('cat', '2026-05', '2026-04-30', '2026-05-31', 100);
    await reading('cat', '2026-06', '2026-05-31', '2026-06-30', 60);
    for (const period of ['2026-05', '2026-06'])
      await waitFor(
        '/api/billing/runs',
        await t.call('POST', '/api/billing/runs', { cookie: manager, body: { period } }),
      );
  });
  afterAll(() => t?.close());

  it('BIL-1 bad input names the field: unknown or residential nature, from after to, a range without bills', async () => {
    const cases: [unknown, string, string][] = [
      [{ usageNature: 'NOPE', from: '2026-06-01', to: '2026-06-30' }, 'UNKNOWN_NATURE', 'usageNature'],
      [{ usageNature: 'RES', from: '2026-06-01', to: '2026-06-30' }, 'PA_NOT_COMMERCIAL', 'usageNature'],
      [{ usageNature: 'CATERING', from: '2026-06-30', to: '2026-06-01' }, 'PA_RANGE', 'to'],
      [{ usageNature: 'CATERING', from: '2025-01-01', to: '2025-01-31' }, 'PA_NO_BILLS', 'from'],
    ];
    for (const [body, code, field] of cases) {
      const res = await t.call('POST', '/api/billing/price-adjustments', { cookie: manager, body });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().code).toBe(code);
      expect(fieldsOf(res.json())).toEqual([field]);
    }
    const byClerk = await t.call('POST', '/api/billing/price-adjustments', {
      cookie: clerk,
      body: { usageNature: 'CATERING', from: '2026-06-01', to: '2026-06-30' },
    });
    expect(byClerk.statusCode).toBe(403);
  });

  it('BIL-1 a retroactive price change: the run re-prices the bills in the range and posts each difference once', async () => {
    // Approved later: 3.80 from 2026-06-01 (the old price ends the day before).
    await t.db.query(`UPDATE tariffs SET effective_to = '2026-05-31' WHERE company_id = $1 AND id = $2`, [
      t.companyA,
      oldTariff,
    ]);
    await insertTariff(t.db, t.companyA, {
      usageNature: 'CATERING',
      name: '餐饮 3.80',
      effectiveFrom: '2026-06-01',
      effectiveTo: null,
      tiered: false,
      tiers: [{ tier: 1, from: '0', upTo: null, price: '3.80' }],
      createdBy: null,
      status: 'active',
    });
    const run = await adjust({ usageNature: 'CATERING', from: '2026-05-01', to: '2026-06-30' });
    // Both bills looked at; only June's price changed: 60 m³ × 0.30.
    expect(run).toMatchObject({ status: 'done', billsTotal: 2, billsDone: 2, linesCreated: 1, amountTotal: '18.00' });
    const lines = (await t.call('GET', `/api/billing/price-adjustments/${run.id}/lines`, { cookie: clerk })).json();
    expect(lines.items).toEqual([
      expect.objectContaining({
        period: '2026-06',
        billedAmount: '210.00',
        repricedAmount: '228.00',
        difference: '18.00',
      }),
    ]);
    const due = new Date(Date.parse(`${businessToday()}T00:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
    expect(await postings()).toEqual([
      { amount: '18.00', due_on: due, period: '2026-06', source_id: lines.items[0].id },
    ]);
    const xlsx = await t.call('GET', `/api/billing/price-adjustments/${run.id}/lines/xlsx`, { cookie: clerk });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    // Run again over the same range: nothing left to adjust, nothing posted twice.
    const again = await adjust({ usageNature: 'CATERING', from: '2026-06-01', to: '2026-06-30' });
    expect(again).toMatchObject({ status: 'done', billsDone: 1, linesCreated: 0, amountTotal: '0.00' });
    expect(await postings()).toHaveLength(1);
    const list = (await t.call('GET', '/api/billing/price-adjustments?usageNature=CATERING', { cookie: clerk })).json();
    expect(list.total).toBe(2);
  });
});

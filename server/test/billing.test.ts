import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRun } from '../src/modules/billing/repo.js';
import { processRun } from '../src/modules/billing/service.js';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { runDueTasks } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

describe.each(dbKinds)('billing run on %s', (kind) => {
  let t: TestApp;
  let manager: string;
  let clerk: string;
  /** Company A's accounts with their meter: res1..res4 residential (RES), cat catering, pub public (no tariff). */
  const acc: Record<string, { id: string; meter: string }> = {};

  const reading = async (
    name: string,
    period: string,
    volume: string,
    readOn: string,
    previousReadOn: string | null,
    meter = acc[name]!.meter,
  ) =>
    t.db.query(
      `INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                   previous_read_on, volume, status, source, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $6, 'accepted', 'handheld', now())`,
      [t.companyA, acc[name]!.id, meter, period, readOn, volume, previousReadOn],
    );
  const billOf = async (name: string, period: string) =>
    (await t.call('GET', `/api/billing/bills?accountId=${acc[name]!.id}&period=${period}`, { cookie: clerk })).json()
      .items[0];
  const ledgerCount = async () =>
    (
      await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ledger_entries WHERE company_id = $1 AND kind = 'bill'`,
        [t.companyA],
      )
    ).rows[0]!.n;
  /** Starts a run through the API and lets the background worker do it. */
  const bill = async (period: string) => {
    const res = await t.call('POST', '/api/billing/runs', { cookie: manager, body: { period } });
    expect(res.statusCode).toBe(202);
    while ((await runDueTasks(t.db)) > 0) {}
    return (await t.call('GET', `/api/billing/runs/${res.json().id}`, { cookie: clerk })).json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    manager = await t.login('department.manager');
    clerk = await t.login('hall.clerk');
    await generateAccounts(t.db, t.companyA, { count: 6, seed: 11 });
    const { rows } = await t.db.query<{ id: string; meter: string }>(
      `SELECT a.id, m.id AS meter FROM accounts a JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
        WHERE a.company_id = $1 ORDER BY a.account_no`,
      [t.companyA],
    );
    const names = ['res1', 'res2', 'res3', 'res4', 'cat', 'pub'];
    const natures = ['RES', 'RES', 'RES', 'RES', 'CATERING', 'PUBLIC'];
    for (const [i, name] of names.entries()) {
      acc[name] = rows[i]!;
      await t.db.query('UPDATE accounts SET usage_nature = $3 WHERE company_id = $1 AND id = $2', [
        t.companyA,
        rows[i]!.id,
        natures[i],
      ]);
    }
    // BIL-1: filed by finance, in force once the department manager and the finance director approve.
    const [filer, director] = [await t.login('finance'), await t.login('finance.director')];
    const post = async (body: unknown) => {
      const res = await t.call('POST', '/api/billing/tariffs', { cookie: filer, body });
      expect(res.statusCode).toBe(201);
      for (const cookie of [manager, director])
        await t.call('POST', `/api/approvals/${res.json().approvalId}/approve`, { cookie, body: {} });
    };
    await post({
      usageNature: 'RES',
      name: '居民阶梯气价 2026',
      effectiveFrom: '2026-01-01',
      tiers: [{ upTo: '350', price: '2.67' }, { upTo: '500', price: '3.20' }, { price: '4.01' }],
    });
    await post({
      usageNature: 'CATERING',
      name: '餐饮 3.50',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-10-15',
      price: '3.50',
    });
    await post({ usageNature: 'CATERING', name: '餐饮 3.80', effectiveFrom: '2026-10-16', price: '3.80' });
  });
  afterAll(() => t?.close());

  it('BIL-2: one bill per account from the accepted readings, posted to the ledger with its due date', async () => {
    await reading('res1', '2026-08', '340', '2026-08-20', '2026-06-20');
    await reading('res2', '2026-08', '340', '2026-08-20', '2026-06-20');
    await reading('cat', '2026-08', '100', '2026-08-31', '2026-07-31');
    const run = await bill('2026-08');
    expect(run).toMatchObject({ status: 'done', billsCreated: 3, accountsTotal: 3, accountsDone: 3 });
    expect(run.amountTotal).toBe('2165.60'); // 2 × 340 × 2.67 + 100 × 3.50
    const b = await billOf('res1', '2026-08');
    expect(b).toMatchObject({ volume: '340.000', amount: '907.80', dueOn: '2026-09-19', customerKind: 'residential' });
    expect(b.lines).toEqual([
      expect.objectContaining({ tier: 1, volume: '340.000', price: '2.6700', amount: '907.80' }),
    ]);
    const c = await billOf('cat', '2026-08');
    expect(c.dueOn).toBe('2026-09-20'); // C&I: 20 days after the reading
    const led = await t.db.query<{ amount: string; due_on: string; period: string }>(
      `SELECT amount::text, due_on::text, period FROM ledger_entries WHERE company_id = $1 AND account_id = $2 AND kind = 'bill'`,
      [t.companyA, acc.res1!.id],
    );
    expect(led.rows).toEqual([{ amount: '907.80', due_on: '2026-09-19', period: '2026-08' }]);
  });

  it('BIL-2: billing a period twice is a no-op — no second bill, no doubled ledger entry', async () => {
    const before = await ledgerCount();
    const again = await bill('2026-08');
    expect(again).toMatchObject({ status: 'done', billsCreated: 0, amountTotal: '0.00' });
    expect(await ledgerCount()).toBe(before);
    const bills = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bills WHERE company_id = $1 AND period = '2026-08'`,
      [t.companyA],
    );
    expect(bills.rows[0]!.n).toBe(3);
  });

  it('BIL-1: the tier position comes from the volume billed earlier in the year; a large household gets wider tiers', async () => {
    await reading('res1', '2026-10', '30', '2026-10-20', '2026-08-20');
    await reading('res2', '2026-10', '30', '2026-10-20', '2026-08-20');
    const household = await t.call('PUT', `/api/billing/households/${acc.res2!.id}`, {
      cookie: manager,
      body: { persons: 5 },
    });
    expect(household.statusCode).toBe(200);
    await reading('cat', '2026-10', '62', '2026-10-31', '2026-09-30');
    await bill('2026-10');
    const small = await billOf('res1', '2026-10');
    expect(small.yearVolumeBefore).toBe('340.000');
    expect(
      small.lines.map((l: { tier: number; volume: string; amount: string }) => [l.tier, l.volume, l.amount]),
    ).toEqual([
      [1, '10.000', '26.70'],
      [2, '20.000', '64.00'],
    ]);
    expect(small.amount).toBe('90.70');
    // 5 persons: every tier 100 m³ wider (policy bil.largeHouseholdExtraVolume), so 370 is still tier 1.
    const large = await billOf('res2', '2026-10');
    expect(large.lines.map((l: { tier: number; volume: string }) => [l.tier, l.volume])).toEqual([[1, '30.000']]);
    expect(large.amount).toBe('80.10');
  });

  it('BIL-1: a price change inside the period is prorated by days', async () => {
    // 1–31 October: 15 days at 3.50 (to the 15th), 16 days at 3.80: 62 m³ → 30 + 32.
    const b = await billOf('cat', '2026-10');
    expect(
      b.lines.map((l: { from: string; to: string; volume: string; price: string; amount: string }) => [
        l.from,
        l.to,
        l.volume,
        l.price,
        l.amount,
      ]),
    ).toEqual([
      ['2026-10-01', '2026-10-15', '30.000', '3.5000', '105.00'],
      ['2026-10-16', '2026-10-31', '32.000', '3.8000', '121.60'],
    ]);
    expect(b.amount).toBe('226.60');
  });

  it('MTR-5: an account whose meter was replaced in the period is billed both volumes', async () => {
    const m = await t.db.query<{ id: string }>(
      `INSERT INTO meters (company_id, serial, manufacturer, meter_type) VALUES ($1, 'NEW-0001', '金卡智能', 'diaphragm') RETURNING id`,
      [t.companyA],
    );
    await reading('res3', '2026-09', '12', '2026-09-10', '2026-08-31');
    await reading('res3', '2026-09', '8', '2026-09-30', '2026-09-10', m.rows[0]!.id);
    await bill('2026-09');
    const b = await billOf('res3', '2026-09');
    expect(b).toMatchObject({ meters: 2, volume: '20.000', amount: '53.40' });
  });

  it('BIL-2: an account whose nature has no tariff is not billed and is counted on the run', async () => {
    // BIL-1: a tariff still pending approval (and a rejected one) is never billed.
    const filer = await t.login('finance');
    const pending = await t.call('POST', '/api/billing/tariffs', {
      cookie: filer,
      body: {
        usageNature: 'PUBLIC',
        name: '公建（待审批）',
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-06-30',
        price: '3.00',
      },
    });
    expect(pending.json().status).toBe('pending');
    const rejected = await t.call('POST', '/api/billing/tariffs', {
      cookie: filer,
      body: { usageNature: 'PUBLIC', name: '公建（驳回）', effectiveFrom: '2026-07-01', price: '3.10' },
    });
    await t.call('POST', `/api/approvals/${rejected.json().approvalId}/reject`, {
      cookie: manager,
      body: { comment: '不批' },
    });
    await reading('pub', '2026-11', '50', '2026-11-20', '2026-10-20');
    await reading('res4', '2026-11', '0', '2026-11-20', '2026-10-20');
    const run = await bill('2026-11');
    expect(run).toMatchObject({ billsCreated: 1, accountsWithoutTariff: 1 });
    expect(await billOf('pub', '2026-11')).toBeUndefined();
    // Zero use: a bill of 0.00 without a ledger entry (the ledger holds no zero amounts).
    const zero = await billOf('res4', '2026-11');
    expect(zero).toMatchObject({ amount: '0.00', lines: [] });
  });

  it('BIL-1: a reading covering years (a first reading) is prorated over the period and the two before it', async () => {
    await reading('res4', '2026-12', '90', '2026-12-03', '2015-03-01');
    const run = await bill('2026-12');
    expect(run).toMatchObject({ billsCreated: 1, accountsWithoutTariff: 0 });
    expect(await billOf('res4', '2026-12')).toMatchObject({ fromDate: '2026-10-01', amount: '240.30' });
  });

  it('BIL-2: a run that stopped after a chunk continues where it stopped', async () => {
    for (const name of ['res1', 'res2', 'res3', 'cat'])
      await reading(name, '2026-07', '10', '2026-07-20', '2026-06-20');
    const runId = (await t.db.tx((tx) =>
      insertRun(tx, t.companyA, { period: '2026-07', chunkSize: 1, startedBy: null }),
    ))!;
    const partial = await processRun(t.db, t.companyA, runId, { maxChunks: 2 });
    expect(partial).toMatchObject({ status: 'running', accountsDone: 2, billsCreated: 2, chunksDone: 2 });
    // The crash: a new process picks the run up again.
    const done = await processRun(t.db, t.companyA, runId);
    expect(done).toMatchObject({ status: 'done', accountsDone: 4, billsCreated: 4, accountsTotal: 4 });
    const n = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bills WHERE company_id = $1 AND period = '2026-07'`,
      [t.companyA],
    );
    expect(n.rows[0]!.n).toBe(4);
  });

  it('BIL-2: one run per company and period at a time; bad periods and the wrong role are refused', async () => {
    const queued = await t.call('POST', '/api/billing/runs', { cookie: manager, body: { period: '2026-06' } });
    expect(queued.statusCode).toBe(202);
    const second = await t.call('POST', '/api/billing/runs', {
      cookie: manager,
      body: { period: '2026-06' },
      lang: 'zh-CN',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('RUN_IN_PROGRESS');
    expect(second.json().message).toContain('2026-06');
    while ((await runDueTasks(t.db)) > 0) {}
    const bad = await t.call('POST', '/api/billing/runs', { cookie: manager, body: { period: '2026-13' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.map((f: { path: string }) => f.path)).toEqual(['period']);
    const future = await t.call('POST', '/api/billing/runs', { cookie: manager, body: { period: '2099-01' } });
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('PERIOD_NOT_CLOSED');
    const byClerk = await t.call('POST', '/api/billing/runs', { cookie: clerk, body: { period: '2026-05' } });
    expect(byClerk.statusCode).toBe(403);
    const runs = (await t.call('GET', '/api/billing/runs?period=2026-08', { cookie: clerk })).json();
    expect(runs.total).toBe(2);
  });

  it('BIL-2 the bills list sorts by period, account, amount, volume and due date; an unknown key is a 400', async () => {
    type Row = { period: string; accountNo: string; amount: string; volume: string; dueOn: string | null };
    const list = async (qs: string): Promise<Row[]> => {
      const res = await t.call('GET', `/api/billing/bills?pageSize=200&${qs}`, { cookie: clerk });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items;
    };
    const all = await list('');
    expect(all.length).toBeGreaterThan(3);
    // The default: newest period first.
    expect(all.map((b) => b.period)).toEqual([...all.map((b) => b.period)].sort().reverse());
    const num = (key: 'amount' | 'volume') => (rows: Row[]) => rows.map((b) => Number(b[key]));
    for (const key of ['amount', 'volume'] as const) {
      const asc = num(key)(await list(`sort=${key}&order=asc`));
      expect(asc).toEqual([...asc].sort((a, b) => a - b));
      const desc = num(key)(await list(`sort=${key}&order=desc`));
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
    }
    const byAccount = (await list('sort=accountNo&order=asc')).map((b) => b.accountNo);
    expect(byAccount).toEqual([...byAccount].sort());
    const byPeriod = (await list('sort=period&order=asc')).map((b) => b.period);
    expect(byPeriod).toEqual([...byPeriod].sort());
    const due = (await list('sort=dueOn&order=desc')).map((b) => b.dueOn);
    const dated = due.filter((d): d is string => d !== null);
    expect(due.slice(0, dated.length)).toEqual([...dated].sort().reverse()); // no due date (a credit): last
    const bad = await t.call('GET', '/api/billing/bills?sort=customerName', { cookie: clerk });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.map((f: { path: string }) => f.path)).toEqual(['sort']);
  });
});

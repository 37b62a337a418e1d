import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { seedDemoBilling } from '../src/platform/demo/billing.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

/** Issue 6: a fresh demo shows tariffs, reading books and this period's plans. */
describe.each(dbKinds)('demo billing data on %s', (kind) => {
  let t: TestApp;
  let leader: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 120, seed: 2026 });
    leader = await t.login('team.leader');
  });
  afterAll(() => t.close());

  it('BIL-1 / MTR-1 the demo seeds tariffs (residential in three tiers, C&I flat), books and plans', async () => {
    const seeded = await seedDemoBilling(t.db, t.companyA);
    expect(seeded.tariffs).toBeGreaterThanOrEqual(4);
    expect(seeded.books).toBeGreaterThanOrEqual(2);

    const manager = await t.login('department.manager');
    const tariffs = (await t.call('GET', '/api/billing/tariffs?pageSize=50', { cookie: manager })).json();
    const res = tariffs.items.find((x: { usageNature: string }) => x.usageNature === 'RES');
    expect(res.tiered).toBe(true);
    expect(res.tiers.map((x: { price: string }) => x.price)).toEqual(['2.6100', '3.1300', '3.9100']);
    const catering = tariffs.items.find((x: { usageNature: string }) => x.usageNature === 'CATERING');
    expect(catering.tiered).toBe(false);

    const books = (await t.call('GET', '/api/reading-books', { cookie: leader })).json();
    expect(books.total).toBe(seeded.books);
    for (const b of books.items) expect(b.accounts).toBeGreaterThan(0);
    const period = businessToday().slice(0, 7);
    const plans = (await t.call('GET', `/api/reading-plans?period=${period}`, { cookie: leader })).json();
    expect(plans.total).toBe(seeded.books);
  });

  it('MTR-1 plans are listed by status', async () => {
    const period = businessToday().slice(0, 7);
    const planned = await t.call('GET', `/api/reading-plans?period=${period}&status=planned`, { cookie: leader });
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json().total).toBeGreaterThan(0);
    const uploaded = await t.call('GET', `/api/reading-plans?period=${period}&status=uploaded`, { cookie: leader });
    expect(uploaded.json().total).toBe(0);
    const bad = await t.call('GET', '/api/reading-plans?status=lost', { cookie: leader });
    expect(bad.statusCode).toBe(400);
  });
});

describe.each(dbKinds)('bills export on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('BIL-2 the bills of a period export to XLSX without an approval (no names or addresses)', async () => {
    const cookie = await t.login('department.manager');
    const res = await t.app.inject({ method: 'GET', url: '/api/exports/bills?period=2026-01', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  });
});

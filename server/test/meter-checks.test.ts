import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { addDays, businessToday } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);
const monthsBefore = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

interface Acc {
  id: string;
  accountNo: string;
  customerId: string;
  meterId: string;
}

describe.each(dbKinds)('meter checks on %s', (kind) => {
  let t: TestApp;
  let reader: string;
  let clerk: string;
  let leader: string;
  /** ic: a C&I account with an IC-card meter; sus: a suspended C&I account; res: a residential diaphragm meter. */
  const acc: Record<'ic' | 'sus' | 'res', Acc> = {} as never;
  const today = businessToday();

  beforeAll(async () => {
    t = await createTestApp(kind);
    reader = await t.login('meter.reader');
    clerk = await t.login('hall.clerk');
    leader = await t.login('team.leader');
    await generateAccounts(t.db, t.companyA, { count: 6, seed: 3 });
    const { rows } = await t.db.query<Acc>(
      `SELECT a.id, a.account_no AS "accountNo", a.customer_id AS "customerId", m.id AS "meterId"
         FROM accounts a JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
        WHERE a.company_id = $1 AND a.status = 'active' ORDER BY a.account_no LIMIT 3`,
      [t.companyA],
    );
    [acc.ic, acc.sus, acc.res] = rows as [Acc, Acc, Acc];
    const set = (sql: string, ...params: unknown[]) => t.db.query(sql, [t.companyA, ...params]);
    await set(`UPDATE customers SET kind = 'commercial' WHERE company_id = $1 AND id = ANY($2::uuid[])`, [
      acc.ic.customerId,
      acc.sus.customerId,
    ]);
    await set(`UPDATE customers SET kind = 'residential' WHERE company_id = $1 AND id = $2`, acc.res.customerId);
    await set(`UPDATE meters SET meter_type = 'icCard' WHERE company_id = $1 AND id = $2`, acc.ic.meterId);
    await set(`UPDATE meters SET meter_type = 'diaphragm' WHERE company_id = $1 AND id = $2`, acc.res.meterId);
    await set(`UPDATE accounts SET status = 'suspended' WHERE company_id = $1 AND id = $2`, acc.sus.id);
  });
  afterAll(() => t?.close());

  const icDue = async (q = '') =>
    (await t.call('GET', `/api/meter-checks/ic-meters/due?pageSize=200${q}`, { cookie: leader })).json();
  const safetyDue = async (q = '') =>
    (await t.call('GET', `/api/meter-checks/suspended/due?pageSize=200${q}`, { cookie: leader })).json();
  const ids = (page: { items: { meterId?: string; accountId: string }[] }, key: 'meterId' | 'accountId') =>
    page.items.map((i) => i[key]);

  it('MTR-6 a C&I IC-card meter never checked, or checked mtr.icMeterCheckDays ago, is due; a check clears it', async () => {
    const first = await icDue();
    expect(first.checkEveryDays).toBe(30);
    const row = first.items.find((i: { meterId: string }) => i.meterId === acc.ic.meterId);
    expect(row).toMatchObject({ accountNo: acc.ic.accountNo, lastCheckedOn: null, dueOn: null });
    expect(ids(first, 'meterId')).not.toContain(acc.res.meterId);
    const old = await t.call('POST', '/api/meter-checks/ic-meters', {
      cookie: reader,
      body: { meterId: acc.ic.meterId, checkedOn: addDays(today, -30), baseReading: '1200', remainingVolume: '80.5' },
    });
    expect(old.statusCode, old.body).toBe(201);
    const stillDue = (await icDue()).items.find((i: { meterId: string }) => i.meterId === acc.ic.meterId);
    expect(stillDue).toMatchObject({ lastCheckedOn: addDays(today, -30), dueOn: today, overdueDays: 0 });
    const now = await t.call('POST', '/api/meter-checks/ic-meters', {
      cookie: reader,
      body: {
        meterId: acc.ic.meterId,
        checkedOn: today,
        baseReading: '1234.5',
        remainingVolume: '56',
        note: '表具正常',
      },
    });
    expect(now.statusCode).toBe(201);
    expect(now.json()).toMatchObject({ baseReading: '1234.500', remainingVolume: '56.000', note: '表具正常' });
    expect(ids(await icDue(), 'meterId')).not.toContain(acc.ic.meterId);
    // Falling due within the next 30 days.
    expect(ids(await icDue('&withinDays=30'), 'meterId')).toContain(acc.ic.meterId);
    const history = (
      await t.call('GET', `/api/meter-checks/ic-meters?meterId=${acc.ic.meterId}`, { cookie: leader })
    ).json();
    expect(history.items.map((h: { checkedOn: string }) => h.checkedOn)).toEqual([today, addDays(today, -30)]);
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'meterCheck.icMeter' AND entity_id = $1`,
      [acc.ic.meterId],
    );
    expect(audit.rows[0]!.n).toBe(2);
  });

  it('MTR-6 bad checks are 400s naming the field; only holders of meterCheck.* see the lists', async () => {
    const post = (body: Record<string, unknown>) =>
      t.call('POST', '/api/meter-checks/ic-meters', { cookie: reader, body });
    const base = { meterId: acc.ic.meterId, checkedOn: today, baseReading: '1', remainingVolume: '1' };
    const residential = await post({ ...base, meterId: acc.res.meterId });
    expect(residential.statusCode).toBe(400);
    expect(fieldsOf(residential.json())).toEqual(['meterId']);
    const future = await post({ ...base, checkedOn: addDays(today, 1) });
    expect(fieldsOf(future.json())).toEqual(['checkedOn']);
    const decimals = await post({ ...base, remainingVolume: '1.2345' });
    expect(decimals.statusCode).toBe(400);
    expect(fieldsOf(decimals.json())).toEqual(['remainingVolume']);
    expect((await t.call('GET', '/api/meter-checks/ic-meters/due', { cookie: clerk })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/meter-checks/ic-meters', { cookie: leader, body: base })).statusCode).toBe(201);
  });

  it('MTR-7 a suspended C&I account is due for a safety check every mtr.suspendedSafetyCheckMonths', async () => {
    const first = await safetyDue();
    expect(first.checkEveryMonths).toBe(6);
    expect(first.items.find((i: { accountId: string }) => i.accountId === acc.sus.id)).toMatchObject({
      accountNo: acc.sus.accountNo,
      lastCheckedOn: null,
    });
    expect(ids(first, 'accountId')).not.toContain(acc.ic.id);
    const post = (body: Record<string, unknown>) =>
      t.call('POST', '/api/meter-checks/suspended', { cookie: reader, body });
    const old = await post({ accountId: acc.sus.id, checkedOn: monthsBefore(today, 6), result: 'ok' });
    expect(old.statusCode, old.body).toBe(201);
    const due = (await safetyDue()).items.find((i: { accountId: string }) => i.accountId === acc.sus.id);
    expect(due).toMatchObject({ lastCheckedOn: monthsBefore(today, 6), lastResult: 'ok' });
    const hazardWithoutNote = await post({ accountId: acc.sus.id, checkedOn: today, result: 'hazard' });
    expect(hazardWithoutNote.statusCode).toBe(400);
    expect(fieldsOf(hazardWithoutNote.json())).toEqual(['note']);
    const active = await post({ accountId: acc.ic.id, checkedOn: today, result: 'ok' });
    expect(fieldsOf(active.json())).toEqual(['accountId']);
    const hazard = await post({ accountId: acc.sus.id, checkedOn: today, result: 'hazard', note: '阀门未加封' });
    expect(hazard.statusCode).toBe(201);
    expect(ids(await safetyDue(), 'accountId')).not.toContain(acc.sus.id);
    const history = (
      await t.call('GET', `/api/meter-checks/suspended?accountId=${acc.sus.id}`, { cookie: leader })
    ).json();
    expect(history.items.map((h: { result: string }) => h.result)).toEqual(['hazard', 'ok']);
  });

  it('MTR-7 a reactivated C&I account is read in the next cycle', async () => {
    const readerId = (
      await t.db.query<{ id: string }>(`SELECT id FROM users WHERE company_id = $1 AND username = 'meter.reader'`, [
        t.companyA,
      ])
    ).rows[0]!.id;
    const book = await t.call('POST', '/api/reading-books', {
      cookie: leader,
      body: { code: 'CB-MTR7', name: '停用复用册', area: '开发区', customerKind: 'commercial', readerId, readDay: 10 },
    });
    expect(book.statusCode, book.body).toBe(201);
    const put = await t.call('PUT', `/api/reading-books/${book.json().id}/accounts`, {
      cookie: leader,
      body: {
        version: 1,
        accounts: [
          { accountNo: acc.sus.accountNo, seq: 1 },
          { accountNo: acc.ic.accountNo, seq: 2 },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    // Reactivated (恢复用气): the account is active again with its meter installed.
    await t.db.query(`UPDATE accounts SET status = 'active' WHERE company_id = $1 AND id = $2`, [
      t.companyA,
      acc.sus.id,
    ]);
    const period = addDays(`${today.slice(0, 7)}-28`, 10).slice(0, 7);
    const gen = await t.call('POST', '/api/reading-plans/generate', { cookie: leader, body: { period } });
    expect(gen.statusCode, gen.body).toBeLessThan(300);
    const plan = (
      await t.call('GET', `/api/reading-plans?period=${period}&bookId=${book.json().id}`, { cookie: leader })
    ).json().items[0];
    expect(plan).toBeDefined();
    const sheet = (await t.call('GET', `/api/reading-plans/${plan.id}/sheet`, { cookie: reader })).json();
    expect(sheet.rows.map((r: { accountNo: string }) => r.accountNo)).toContain(acc.sus.accountNo);
    // And it is no longer on the suspended safety-check list.
    expect(ids(await safetyDue(), 'accountId')).not.toContain(acc.sus.id);
  });
});

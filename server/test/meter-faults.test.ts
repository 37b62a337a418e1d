import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTariff } from '../src/modules/billing/repo.js';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { importReadings } from '../src/modules/readings/import.js';
import { runDueTasks } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) =>
  (body.details?.fields ?? []).map((f) => f.path);

/** MTR-5 broken meters billed on the average with the 补气登记表; MTR-4 the C&I designed-flow check. */
describe.each(dbKinds)('broken meters and designed flow on %s', (kind) => {
  let t: TestApp;
  let manager: string;
  let clerk: string;
  const acc: Record<string, { id: string; meter: string; accountNo: string; serial: string }> = {};
  let faultId = '';

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

  beforeAll(async () => {
    t = await createTestApp(kind);
    manager = await t.login('department.manager');
    clerk = await t.login('hall.clerk');
    await generateAccounts(t.db, t.companyA, { count: 2, seed: 71 });
    const { rows } = await t.db.query<{ id: string; meter: string; accountNo: string; serial: string }>(
      `SELECT a.id, m.id AS meter, a.account_no AS "accountNo", m.serial
         FROM accounts a JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
        WHERE a.company_id = $1 ORDER BY a.account_no`,
      [t.companyA],
    );
    const natures = ['RES', 'CATERING'];
    for (const [i, name] of ['broken', 'cat'].entries()) {
      acc[name] = rows[i]!;
      await t.db.query(`UPDATE accounts SET usage_nature = $3, status = 'active' WHERE company_id = $1 AND id = $2`, [
        t.companyA,
        rows[i]!.id,
        natures[i],
      ]);
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
    // The broken meter's last four periods: 10, 20, 30, 40 m³ (average 25).
    let register = 500;
    for (const [i, v] of [10, 20, 30, 40].entries()) {
      const m = i + 1;
      await reading('broken', `2026-0${m}`, `2026-0${m}-01`, `2026-0${m}-28`, register, v);
      register += v;
    }
  });
  afterAll(() => t?.close());

  it('MTR-5 a broken meter is reported; bad input names the field; one open report per meter', async () => {
    const unknown = await t.call('POST', '/api/meter-faults', {
      cookie: manager,
      body: { accountNo: acc.broken!.accountNo, meterSerial: 'NOPE-000', fromOn: '2026-05-10' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('METER_NOT_FOUND');
    expect(fieldsOf(unknown.json())).toEqual(['meterSerial']);
    const future = await t.call('POST', '/api/meter-faults', {
      cookie: manager,
      body: { accountNo: acc.broken!.accountNo, meterSerial: acc.broken!.serial, fromOn: '2099-01-01' },
    });
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future.json())).toEqual(['fromOn']);
    const byClerk = await t.call('POST', '/api/meter-faults', {
      cookie: clerk,
      body: { accountNo: acc.broken!.accountNo, meterSerial: acc.broken!.serial, fromOn: '2026-05-10' },
    });
    expect(byClerk.statusCode).toBe(403);

    const res = await t.call('POST', '/api/meter-faults', {
      cookie: manager,
      body: {
        accountNo: acc.broken!.accountNo,
        meterSerial: acc.broken!.serial,
        fromOn: '2026-05-10',
        note: '计数器不走',
      },
    });
    expect(res.statusCode).toBe(201);
    faultId = res.json().id;
    expect(res.json()).toMatchObject({ fromOn: '2026-05-10', resolvedOn: null, periods: [], volume: '0' });
    const again = await t.call('POST', '/api/meter-faults', {
      cookie: manager,
      body: { accountNo: acc.broken!.accountNo, meterSerial: acc.broken!.serial, fromOn: '2026-05-12' },
    });
    expect(again.statusCode).toBe(409);
    const list = (await t.call('GET', '/api/meter-faults?status=open', { cookie: clerk })).json();
    expect(list.items.map((f: { id: string }) => f.id)).toEqual([faultId]);
  });

  it('MTR-5 the broken meter is billed on the average of the previous 4 periods instead of its reading', async () => {
    // Read anyway in May (99 m³): the register of a broken meter is not billed.
    await reading('broken', '2026-05', '2026-04-28', '2026-05-28', 600, 99);
    const run = await bill('2026-05');
    expect(run).toMatchObject({ status: 'done', billsCreated: 1 });
    const b = (
      await t.call('GET', `/api/billing/bills?accountId=${acc.broken!.id}&period=2026-05`, { cookie: clerk })
    ).json().items[0];
    expect(b).toMatchObject({ volume: '25.000', amount: '50.00', kind: 'actual' });
    const rows = await t.db.query<{ status: string; kind: string; flags: string[] }>(
      `SELECT status, kind, flags FROM meter_readings WHERE company_id = $1 AND meter_id = $2 AND period = '2026-05'
        ORDER BY created_at`,
      [t.companyA, acc.broken!.meter],
    );
    expect(rows.rows).toEqual([
      { status: 'superseded', kind: 'actual', flags: [] },
      { status: 'accepted', kind: 'estimated', flags: ['brokenMeter'] },
    ]);
    const f = (await t.call('GET', `/api/meter-faults/${faultId}`, { cookie: clerk })).json();
    expect(f).toMatchObject({ volume: '25.000', amount: '50.00' });
    expect(f.periods).toEqual([
      { period: '2026-05', readOn: '2026-05-31', volume: '25.000', averagePeriods: 4, amount: '50.00' },
    ]);
  });

  it('MTR-5 the printed 补气登记表 shows the customer, the meter, the average and the amount', async () => {
    const res = await t.call('GET', `/api/print/notices/meterTopUpRegister/html?subjectId=${faultId}`, {
      cookie: manager,
    });
    expect(res.statusCode).toBe(200);
    for (const text of [
      '补气登记表',
      acc.broken!.accountNo,
      acc.broken!.serial,
      '2026-05-10',
      '计数器不走',
      '25.000',
      '50.00',
      '伍拾元整',
    ])
      expect(res.body).toContain(text);
    const other = await t.call(
      'GET',
      '/api/print/notices/meterTopUpRegister/html?subjectId=00000000-0000-4000-8000-000000000000',
      {
        cookie: manager,
      },
    );
    expect(other.statusCode).toBe(404);
  });

  it('MTR-5 a resolved meter is read again; resolving twice or before the fault is refused', async () => {
    const early = await t.call('POST', `/api/meter-faults/${faultId}/resolve`, {
      cookie: manager,
      body: { resolvedOn: '2026-05-01' },
    });
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early.json())).toEqual(['resolvedOn']);
    const ok = await t.call('POST', `/api/meter-faults/${faultId}/resolve`, {
      cookie: manager,
      body: { resolvedOn: '2026-06-05', note: '已换计数器' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ resolvedOn: '2026-06-05', resolvedNote: '已换计数器' });
    const twice = await t.call('POST', `/api/meter-faults/${faultId}/resolve`, {
      cookie: manager,
      body: { resolvedOn: '2026-06-06' },
    });
    expect(twice.statusCode).toBe(409);
    // June: the meter's own reading again.
    await reading('broken', '2026-06', '2026-05-31', '2026-06-28', 600, 18);
    await bill('2026-06');
    const b = (
      await t.call('GET', `/api/billing/bills?accountId=${acc.broken!.id}&period=2026-06`, { cookie: clerk })
    ).json().items[0];
    expect(b).toMatchObject({ volume: '18.000', amount: '36.00' });
  });

  it('MTR-4 a C&I reading far below the meter’s designed flow is flagged belowDesignedFlow', async () => {
    await reading('cat', '2026-04', '2026-03-31', '2026-04-30', 2000, 100);
    const bad = await t.call('PUT', `/api/meters/${acc.cat!.meter}/designed-flow`, {
      cookie: manager,
      body: { designedFlow: '-1' },
    });
    expect(bad.statusCode).toBe(400);
    const set = await t.call('PUT', `/api/meters/${acc.cat!.meter}/designed-flow`, {
      cookie: manager,
      body: { designedFlow: '10' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ designedFlow: '10.000' });
    // 100 m³ over 31 days ≈ 0.13 m³/h, below 0.05 × 10 m³/h.
    const summary = await t.db.tx((tx) =>
      importReadings(tx, { companyId: t.companyA, userId: null, name: 'test' }, t.companyA, [
        {
          period: '2026-05',
          accountNo: acc.cat!.accountNo,
          meterSerial: acc.cat!.serial,
          reading: 2200,
          readOn: '2026-05-31',
        },
      ]),
    );
    expect(summary).toMatchObject({ flagged: 1 });
    const r = await t.db.query<{ status: string; flags: string[] }>(
      `SELECT status, flags FROM meter_readings WHERE company_id = $1 AND meter_id = $2 AND period = '2026-05'`,
      [t.companyA, acc.cat!.meter],
    );
    expect(r.rows).toEqual([{ status: 'flagged', flags: ['belowDesignedFlow'] }]);
    // With no designed flow the same use passes.
    await t.call('PUT', `/api/meters/${acc.cat!.meter}/designed-flow`, {
      cookie: manager,
      body: { designedFlow: null },
    });
    const again = await t.db.tx((tx) =>
      importReadings(tx, { companyId: t.companyA, userId: null, name: 'test' }, t.companyA, [
        {
          period: '2026-05',
          accountNo: acc.cat!.accountNo,
          meterSerial: acc.cat!.serial,
          reading: 2201,
          readOn: '2026-05-31',
        },
      ]),
    );
    expect(again).toMatchObject({ accepted: 1, flagged: 0 });
  });

  it('MTR-4 the 360° view shows each meter’s designed flow and whether the account is C&I, for the screen that sets it', async () => {
    const set = await t.call('PUT', `/api/meters/${acc.cat!.meter}/designed-flow`, {
      cookie: manager,
      body: { designedFlow: '12.5' },
    });
    expect(set.statusCode).toBe(200);
    const view = (await t.call('GET', `/api/accounts/${acc.cat!.id}/overview`, { cookie: clerk })).json();
    expect(view.account.natureCustomerKind).toBe('commercial');
    expect(view.meters).toEqual([expect.objectContaining({ id: acc.cat!.meter, current: true, designedFlow: '12.5' })]);
    const res = (await t.call('GET', `/api/accounts/${acc.broken!.id}/overview`, { cookie: clerk })).json();
    expect(res.account.natureCustomerKind).toBe('residential');
    expect(res.meters[0].designedFlow).toBeNull();
    // Four decimals, zero and the wrong role are refused; the value stays.
    for (const designedFlow of ['1.2345', '0', 'abc']) {
      const bad = await t.call('PUT', `/api/meters/${acc.cat!.meter}/designed-flow`, {
        cookie: manager,
        body: { designedFlow },
      });
      expect(bad.statusCode, designedFlow).toBe(400);
      expect(bad.json().details.fields.map((f: { path: string }) => f.path)).toEqual(['designedFlow']);
    }
    const byClerk = await t.call('PUT', `/api/meters/${acc.cat!.meter}/designed-flow`, {
      cookie: clerk,
      body: { designedFlow: '30' },
    });
    expect(byClerk.statusCode).toBe(403);
    const after = (await t.call('GET', `/api/accounts/${acc.cat!.id}/overview`, { cookie: clerk })).json();
    expect(after.meters[0].designedFlow).toBe('12.5');
  });
});

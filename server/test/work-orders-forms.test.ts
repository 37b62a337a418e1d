import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { sniffImage } from '../src/modules/work-orders/attachments.js';
import { monthsBefore } from '../src/modules/work-orders/forms/shapes.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const HOUR = 3_600_000;
/** A real 1×1 PNG, as a signature pad would send it. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const JPEG = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]).toString('base64')}`;
/** Says it is a PNG; it is a script. */
const FAKE_PNG = `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`;

/** SVC-5, SVC-7, SVC-8, SVC-9: forms, hazards, signature and photos, completion and no-access. */
describe.each(dbKinds)('work-order forms on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let director: string;
  let repairTech: string;
  let gasInTech: string;
  let adminB: string;
  let centre: string;
  let accounts: string[];

  const q = async <T>(sql: string, params: unknown[]) => (await t.db.query<T>(sql, params)).rows;
  const post = (url: string, body: unknown, cookie: string) => t.call('POST', url, { cookie, body });
  const put = (url: string, body: unknown, cookie: string) => t.call('PUT', url, { cookie, body });

  /** An order of `typeCode` taken by `tech` and arrived at. */
  const arrivedOrder = async (typeCode: string, tech: string, accountId: string | null = accounts[0]!) => {
    const created = await post(
      '/api/work-orders',
      {
        typeCode,
        channel: 'hotline',
        ...(accountId ? { accountId } : { callerName: '赵先生', phone: '13900001111', address: '城北路 8 号' }),
        description: `测试 ${typeCode}`,
        orgUnitId: centre,
      },
      agent,
    );
    expect(created.statusCode, created.body).toBe(201);
    let o = created.json();
    o = (await post(`/api/work-orders/${o.id}/take`, { version: o.version }, tech)).json();
    const arrived = await post(`/api/work-orders/${o.id}/status`, { to: 'arrived', version: o.version }, tech);
    expect(arrived.statusCode, arrived.body).toBe(200);
    return arrived.json() as { id: string; version: number; orderNo: string; status: string };
  };
  const record = async (id: string, cookie = director) => {
    const res = await t.call('GET', `/api/work-orders/${id}/record`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const saveForm = (id: string, form: string, data: unknown, cookie: string, version = 0) =>
    put(`/api/work-orders/${id}/forms/${form}`, { version, data }, cookie);

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 8, seed: 53 });
    accounts = (
      await q<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 ORDER BY account_no', [t.companyA])
    ).map((r) => r.id);
    agent = await t.login('hotline.agent');
    director = await t.login('centre.director');
    repairTech = await t.login('repair.technician');
    gasInTech = await t.login('gas.in.technician');
    adminB = await t.login('b.system.admin');
    centre = (
      await q<{ id: string }>("SELECT id FROM org_units WHERE company_id = $1 AND code = 'CS-SVC'", [t.companyA])
    )[0]!.id;
  });
  afterAll(() => t.close());

  it('images are known by their magic bytes, not by what they claim', () => {
    expect(sniffImage(Buffer.from(PNG.split(',')[1]!, 'base64'))).toBe('image/png');
    expect(sniffImage(Buffer.from(JPEG.split(',')[1]!, 'base64'))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2026-03-15', 6)).toBe('2025-09-15');
  });

  it('SVC-4: completion goes through its own route; a status change to completed is refused', async () => {
    const o = await arrivedOrder('ignition', gasInTech);
    const res = await post(`/api/work-orders/${o.id}/status`, { to: 'completed', version: o.version }, gasInTech);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'USE_COMPLETE' });
  });

  it('a signature that is not an image is refused: 400 naming field signature, nothing written', async () => {
    const o = await arrivedOrder('ignition', gasInTech);
    const fake = await post(
      `/api/work-orders/${o.id}/complete`,
      { version: o.version, signature: FAKE_PNG },
      gasInTech,
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toMatchObject({ code: 'NOT_AN_IMAGE', details: { fields: [{ path: 'signature' }] } });
    expect(fake.json().message).toMatch(/不是图片/);
    const notUrl = await post(
      `/api/work-orders/${o.id}/complete`,
      { version: o.version, signature: 'hello' },
      gasInTech,
    );
    expect(notUrl.json()).toMatchObject({ code: 'NOT_AN_IMAGE', details: { fields: [{ path: 'signature' }] } });
    const photo = await post(
      `/api/work-orders/${o.id}/complete`,
      { version: o.version, signature: PNG, photos: [JPEG, FAKE_PNG] },
      gasInTech,
    );
    expect(photo.json()).toMatchObject({ code: 'NOT_AN_IMAGE', details: { fields: [{ path: 'photos.1' }] } });
    const none = await post(`/api/work-orders/${o.id}/complete`, { version: o.version }, gasInTech);
    expect(none.json()).toMatchObject({ code: 'SIGNATURE_REQUIRED', details: { fields: [{ path: 'signature' }] } });
    const rows = await q('SELECT 1 FROM work_order_attachments WHERE company_id = $1 AND work_order_id = $2', [
      t.companyA,
      o.id,
    ]);
    expect(rows).toHaveLength(0);
    expect((await record(o.id)).status).toBe('arrived');
  });

  it('a type with no hooks completes by the generic rules: signature and photos kept and served back by id, company-scoped', async () => {
    const o = await arrivedOrder('ignition', gasInTech);
    const res = await post(
      `/api/work-orders/${o.id}/complete`,
      { version: o.version, signature: PNG, photos: [JPEG], note: '点火试烧正常' },
      gasInTech,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed' });
    expect(res.json().completedAt).not.toBeNull();
    const rec = await record(o.id);
    expect(rec.completionNote).toBe('点火试烧正常');
    expect(rec.attachments.map((a: { kind: string; contentType: string }) => `${a.kind}:${a.contentType}`)).toEqual([
      'signature:image/png',
      'photo:image/jpeg',
    ]);
    const sig = await t.call('GET', rec.attachments[0].url, { cookie: director });
    expect(sig.statusCode).toBe(200);
    expect(sig.headers['content-type']).toBe('image/png');
    expect(sig.rawPayload.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    const other = await t.call('GET', rec.attachments[0].url, { cookie: adminB });
    expect(other.statusCode).toBe(404);
    const audit = await q<{ action: string }>(
      'SELECT action FROM audit_log WHERE company_id = $1 AND entity_id = $2 ORDER BY id',
      [t.companyA, o.id],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['workOrder.attachments', 'workOrder.completed']),
    );
  });

  it('SVC-7: repair fees are priced from the price list of the order’s day, materials and payment recorded, the total on the order', async () => {
    const o = await arrivedOrder('repair', repairTech);
    const rec0 = await record(o.id, repairTech);
    expect(rec0.forms.map((f: { code: string }) => f.code)).toEqual(['repair']);
    const valve = rec0.priceList.find((p: { code: string }) => p.code === 'valveReplace');
    expect(valve).toMatchObject({ price: '45.00', unit: '个' });
    const unknown = await saveForm(
      o.id,
      'repair',
      { workDone: '更换球阀', lines: [{ code: 'goldPlating', quantity: '1' }], materials: [], paymentMethod: 'wechat' },
      repairTech,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      code: 'PRICE_ITEM_UNKNOWN',
      details: { fields: [{ path: 'data.lines.0.code' }] },
    });
    const bad = await saveForm(
      o.id,
      'repair',
      { workDone: '', lines: [{ code: 'callOut', quantity: '0' }] },
      repairTech,
    );
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['data.workDone', 'data.lines.0.quantity', 'data.materials']));
    const noPay = await saveForm(
      o.id,
      'repair',
      { workDone: '更换球阀', lines: [{ code: 'valveReplace', quantity: '1' }], materials: [] },
      repairTech,
    );
    expect(noPay.json()).toMatchObject({
      code: 'PAYMENT_METHOD_REQUIRED',
      details: { fields: [{ path: 'data.paymentMethod' }] },
    });
    // Not the order's technician.
    const notMine = await saveForm(o.id, 'repair', { workDone: 'x', lines: [], materials: [] }, gasInTech);
    expect(notMine.statusCode).toBe(403);
    const saved = await saveForm(
      o.id,
      'repair',
      {
        workDone: '更换球阀，检漏合格',
        lines: [
          { code: 'callOut', quantity: '1' },
          { code: 'valveReplace', quantity: '2' },
          { code: 'pipeClamp', quantity: '2.5' },
        ],
        materials: [{ name: '球阀', spec: 'DN15', quantity: '2', unit: '个' }],
        paymentMethod: 'wechat',
      },
      repairTech,
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const rec = saved.json();
    const form = rec.forms[0];
    expect(form.version).toBe(1);
    expect(form.data.lines.map((l: { amount: string }) => l.amount)).toEqual(['20.00', '90.00', '12.50']);
    expect(form.data.total).toBe('122.50');
    expect(rec).toMatchObject({ feeTotal: '122.50', paymentMethod: 'wechat' });
    // A stale version is refused.
    const stale = await saveForm(o.id, 'repair', { workDone: 'x', lines: [], materials: [] }, repairTech, 0);
    expect(stale.json()).toMatchObject({ code: 'FORM_VERSION_CONFLICT' });
    const done = await post(`/api/work-orders/${o.id}/complete`, { version: o.version, signature: PNG }, repairTech);
    expect(done.statusCode, done.body).toBe(200);
    const audit = await q<{ action: string }>(
      "SELECT action FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'workOrder.form'",
      [t.companyA, o.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('SVC-7: a repair cannot be completed before its record is filled in', async () => {
    const o = await arrivedOrder('repair', repairTech);
    const res = await post(`/api/work-orders/${o.id}/complete`, { version: o.version, signature: PNG }, repairTech);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'FORMS_MISSING', details: { fields: [{ path: 'forms.repair' }] } });
  });

  it('SVC-8: preconditions not met block gas-in, each failing condition named', async () => {
    const o = await arrivedOrder('gasIn', gasInTech);
    const today = businessToday();
    const old = monthsBefore(today, 7);
    const pre = await saveForm(
      o.id,
      'preconditions',
      {
        worksAcceptedOn: old,
        tieInDone: false,
        asBuiltComplete: true,
        asBuiltMatches: true,
        contractedHouseholds: 120,
        installedHouseholds: 118,
      },
      gasInTech,
    );
    expect(pre.statusCode, pre.body).toBe(200);
    const register = {
      meterDirection: 'left',
      baseReading: '0.000',
      meterSerial: 'GI2600001',
      meterMaker: '金卡',
      meterType: 'icCard',
      sealInlet: 'F000001',
      sealOutlet: 'F000002',
      location: 'indoor',
      metalHose: true,
      applianceConnectedTested: true,
      facilitiesIntact: true,
      contractSigned: true,
      manualHandedOver: true,
      safetyLeafletHandedOver: true,
      appliances: [{ kind: 'stove', brandModel: '方太 JZT-FD21BE' }],
    };
    expect((await saveForm(o.id, 'register', register, gasInTech)).statusCode).toBe(200);
    const res = await post(`/api/work-orders/${o.id}/complete`, { version: o.version, signature: PNG }, gasInTech);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('PRECONDITIONS_NOT_MET');
    expect(res.json().details.fields.map((f: { path: string }) => f.path)).toEqual([
      'forms.preconditions.worksAcceptedOn',
      'forms.preconditions.tieInDone',
      'forms.preconditions.installedHouseholds',
    ]);
    expect(res.json().message).toMatch(/超过 6 个月.*未碰管.*120.*118/);
    const fixed = await saveForm(
      o.id,
      'preconditions',
      {
        worksAcceptedOn: monthsBefore(today, 6),
        tieInDone: true,
        asBuiltComplete: true,
        asBuiltMatches: true,
        contractedHouseholds: 120,
        installedHouseholds: 120,
      },
      gasInTech,
      1,
    );
    expect(fixed.statusCode, fixed.body).toBe(200);
    const ok = await post(`/api/work-orders/${o.id}/complete`, { version: o.version, signature: PNG }, gasInTech);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('SVC-8: Completing a commissioning with a listed hazard is refused naming the hazards; once fixed it completes', async () => {
    const o = await arrivedOrder('gasIn', gasInTech);
    await saveForm(
      o.id,
      'preconditions',
      {
        worksAcceptedOn: businessToday(),
        tieInDone: true,
        asBuiltComplete: true,
        asBuiltMatches: true,
        contractedHouseholds: 1,
        installedHouseholds: 1,
      },
      gasInTech,
    );
    await saveForm(
      o.id,
      'register',
      {
        meterDirection: 'right',
        baseReading: '0',
        meterSerial: 'GI2600002',
        meterMaker: '金卡',
        meterType: 'diaphragm',
        location: 'indoor',
        metalHose: false,
        applianceConnectedTested: true,
        facilitiesIntact: true,
        contractSigned: true,
        manualHandedOver: true,
        safetyLeafletHandedOver: true,
        appliances: [],
      },
      gasInTech,
    );
    const rec0 = await record(o.id, gasInTech);
    expect(rec0.hazardsApply).toBe(true);
    expect(rec0.hazardList.map((h: { code: string }) => h.code)).toContain('nonMetalHose');
    const unknown = await post(`/api/work-orders/${o.id}/hazards`, { code: 'ghosts' }, gasInTech);
    expect(unknown.json()).toMatchObject({ code: 'HAZARD_UNKNOWN', details: { fields: [{ path: 'code' }] } });
    await post(`/api/work-orders/${o.id}/hazards`, { code: 'nonMetalHose', note: '橡胶软管' }, gasInTech);
    const rec = (await post(`/api/work-orders/${o.id}/hazards`, { code: 'closedMeterBox' }, gasInTech)).json();
    expect(rec.hazards).toHaveLength(2);
    const twice = await post(`/api/work-orders/${o.id}/hazards`, { code: 'closedMeterBox' }, gasInTech);
    expect(twice.json()).toMatchObject({ code: 'HAZARD_LISTED' });
    const refused = await post(`/api/work-orders/${o.id}/complete`, { version: o.version, signature: PNG }, gasInTech);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('HAZARD_OPEN');
    expect(refused.json().message).toMatch(/未使用金属软管.*封闭挂表|封闭挂表.*未使用金属软管/);
    expect(
      refused
        .json()
        .details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['hazards.closedMeterBox', 'hazards.nonMetalHose']);
    // Nothing of the refused completion was kept.
    expect((await record(o.id)).attachments).toHaveLength(0);
    for (const h of rec.hazards) {
      const res = await post(`/api/work-orders/${o.id}/hazards/${h.id}/fix`, { note: '已整改' }, gasInTech);
      expect(res.statusCode, res.body).toBe(200);
    }
    const again = await post(`/api/work-orders/${o.id}/hazards/${rec.hazards[0].id}/fix`, {}, gasInTech);
    expect(again.json()).toMatchObject({ code: 'HAZARD_FIXED' });
    const ok = await post(`/api/work-orders/${o.id}/complete`, { version: o.version, signature: PNG }, gasInTech);
    expect(ok.statusCode, ok.body).toBe(200);
    // A repair has no hazard list.
    const repair = await arrivedOrder('repair', repairTech);
    const notGasIn = await post(`/api/work-orders/${repair.id}/hazards`, { code: 'nonMetalHose' }, repairTech);
    expect(notGasIn.json()).toMatchObject({ code: 'HAZARDS_GAS_IN_ONLY' });
  });

  it('meter replacement: completion removes the old meter, installs the new one and records a replace event', async () => {
    const accountId = accounts[1]!;
    const [old] = await q<{ id: string; baseReading: string }>(
      `SELECT id, base_reading::text AS "baseReading" FROM meters WHERE company_id = $1 AND account_id = $2 AND status = 'installed'`,
      [t.companyA, accountId],
    );
    const o = await arrivedOrder('meterReplacement', repairTech, accountId);
    const newMeter = {
      serial: 'NEW2600001',
      maker: '金卡',
      model: 'G2.5',
      meterType: 'diaphragm',
      baseReading: '0.000',
      direction: 'left',
      sealInlet: 'S1',
      sealOutlet: 'S2',
      location: 'indoor',
      metalHose: true,
    };
    const below = await saveForm(o.id, 'meterReplacement', { oldFinalReading: '0', newMeter }, repairTech);
    if (Number(old!.baseReading) > 0) {
      expect(below.json()).toMatchObject({
        code: 'READING_BELOW_BASE',
        details: { fields: [{ path: 'data.oldFinalReading' }] },
      });
    }
    const final = (Number(old!.baseReading) + 321.5).toFixed(3);
    const saved = await saveForm(
      o.id,
      'meterReplacement',
      { oldFinalReading: final, newMeter, reason: '表坏' },
      repairTech,
      below.statusCode === 200 ? 1 : 0,
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const done = await post(`/api/work-orders/${o.id}/complete`, { version: o.version, signature: PNG }, repairTech);
    expect(done.statusCode, done.body).toBe(200);
    const meters = await q<{ id: string; status: string; accountId: string | null; serial: string }>(
      `SELECT id, status, account_id AS "accountId", serial FROM meters WHERE company_id = $1 AND (id = $2 OR serial = 'NEW2600001')
        ORDER BY serial = 'NEW2600001'`,
      [t.companyA, old!.id],
    );
    expect(meters.map((m) => [m.status, m.accountId])).toEqual([
      ['removed', null],
      ['installed', accountId],
    ]);
    const [event] = await q<{ kind: string; oldMeterId: string; oldReading: string; reading: string }>(
      `SELECT kind, old_meter_id AS "oldMeterId", old_reading::text AS "oldReading", reading::text AS reading
         FROM meter_events WHERE company_id = $1 AND account_id = $2 AND kind = 'replace'`,
      [t.companyA, accountId],
    );
    expect(event).toMatchObject({ kind: 'replace', oldMeterId: old!.id, oldReading: final, reading: '0.000' });
  });

  it('SVC-9: a meter test takes the deposit, refuses an IC-card temporary meter, and on failure releases the deposit', async () => {
    const accountId = accounts[2]!;
    const o = await arrivedOrder('meterTest', repairTech, accountId);
    const temp = { serial: 'TMP0001', maker: '金卡', meterType: 'icCard', baseReading: '0' };
    const ic = await saveForm(o.id, 'meterTest', { tempMeter: temp }, repairTech);
    expect(ic.statusCode).toBe(400);
    expect(ic.json()).toMatchObject({
      code: 'TEMP_METER_IC',
      details: { fields: [{ path: 'data.tempMeter.meterType' }] },
    });
    const first = await saveForm(o.id, 'meterTest', { tempMeter: { ...temp, meterType: 'diaphragm' } }, repairTech);
    expect(first.statusCode, first.body).toBe(200);
    const deposits = () =>
      q<{ id: string; amount: string; status: string; kind: string }>(
        `SELECT id, amount::text AS amount, status, kind FROM deposits WHERE company_id = $1 AND account_id = $2 AND kind = 'meter'`,
        [t.companyA, accountId],
      );
    expect(await deposits()).toMatchObject([{ amount: '300.00', status: 'held' }]);
    const early = await post(`/api/work-orders/${o.id}/complete`, { version: o.version }, repairTech);
    expect(early.json()).toMatchObject({ code: 'TEST_RESULT_REQUIRED' });
    const failed = await saveForm(
      o.id,
      'meterTest',
      { tempMeter: { ...temp, meterType: 'diaphragm' }, result: 'fail', testReportNo: 'JC-2026-001' },
      repairTech,
      1,
    );
    expect(failed.statusCode, failed.body).toBe(200);
    // Saving again does not take a second deposit.
    expect(await deposits()).toHaveLength(1);
    expect(failed.json().feeTotal).toBeNull();
    // The type has no `sign` step: no signature needed.
    const done = await post(`/api/work-orders/${o.id}/complete`, { version: o.version }, repairTech);
    expect(done.statusCode, done.body).toBe(200);
    expect(await deposits()).toMatchObject([{ status: 'refunded' }]);
    // Released as the deposits module releases one: the refunded amount, who and when (the 360° finance panel).
    const [released] = await q<{ refunded: string; result: string; releasedAt: unknown; by: string; moved: string }>(
      `SELECT d.refunded_amount::text AS refunded, d.meter_test_result AS result, d.released_at AS "releasedAt",
              d.released_by AS by, (SELECT m.amount::text FROM deposit_movements m
                WHERE m.company_id = d.company_id AND m.deposit_id = d.id AND m.kind = 'refunded') AS moved
         FROM deposits d WHERE d.company_id = $1 AND d.account_id = $2 AND d.kind = 'meter'`,
      [t.companyA, accountId],
    );
    expect(released).toMatchObject({ refunded: '300.00', result: 'inaccurate', moved: '300.00' });
    expect(released!.releasedAt).not.toBeNull();
    expect(released!.by).toBeTruthy();
    const rec = await record(o.id);
    expect(rec.forms[0].data.settlement).toMatchObject({ depositReleased: true, rerateLastBills: 2 });

    const passOrder = await arrivedOrder('meterTest', repairTech, accounts[3]!);
    const passed = await saveForm(
      passOrder.id,
      'meterTest',
      { tempMeter: { ...temp, serial: 'TMP0002', meterType: 'diaphragm' }, result: 'pass', paymentMethod: 'hall' },
      repairTech,
    );
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json()).toMatchObject({ feeTotal: '80.00', paymentMethod: 'hall' });
  });

  it('SVC-5: nobody home — the visit is recorded, the revisit appointed, the card printed; repeated no-access is reported', async () => {
    const created = await post(
      '/api/work-orders',
      {
        typeCode: 'repair',
        channel: 'hotline',
        accountId: accounts[4],
        description: '灶具打不着火',
        orgUnitId: centre,
      },
      agent,
    );
    let o = created.json();
    o = (await post(`/api/work-orders/${o.id}/take`, { version: o.version }, repairTech)).json();
    const past = await post(
      `/api/work-orders/${o.id}/no-access`,
      { version: o.version, revisitAt: new Date(Date.now() - HOUR).toISOString() },
      repairTech,
    );
    expect(past.json()).toMatchObject({ code: 'REVISIT_PAST', details: { fields: [{ path: 'revisitAt' }] } });
    const farOff = await post(
      `/api/work-orders/${o.id}/no-access`,
      { version: o.version, revisitAt: '9999-12-31T09:00:00+08:00' },
      repairTech,
    );
    expect(farOff.statusCode).toBe(400);
    expect(farOff.json().details.fields[0].path).toBe('revisitAt');
    const revisitAt = new Date(Date.now() + 20 * HOUR).toISOString();
    const first = await post(
      `/api/work-orders/${o.id}/no-access`,
      { version: o.version, revisitAt, note: '敲门无人应答' },
      repairTech,
    );
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body.order).toMatchObject({ status: 'appointed', appointmentAt: revisitAt });
    expect(body.visit).toMatchObject({ noAccessCount: 1, repeated: false });
    expect(body.visit.employeeNo).toMatch(/^D\d{4}$/);
    expect(body.order.events.at(-1).reason).toMatch(/到访不遇（第 1 次）/);
    const card = await t.call('GET', `/api/print/notices/${body.notice.code}/html?subjectId=${body.notice.subjectId}`, {
      cookie: repairTech,
    });
    expect(card.statusCode, card.body).toBe(200);
    expect(card.body).toContain('到访不遇告知卡');
    expect(card.body).toContain(body.visit.employeeNo);
    expect(card.body).toContain('95777');
    expect(card.body).toContain(o.orderNo);
    const report0 = (await t.call('GET', '/api/work-orders/no-access', { cookie: director })).json();
    expect(report0.min).toBe(2);
    expect(report0.items.map((i: { id: string }) => i.id)).not.toContain(o.id);
    const second = await post(
      `/api/work-orders/${o.id}/no-access`,
      { version: body.order.version, revisitAt: new Date(Date.now() + 44 * HOUR).toISOString() },
      repairTech,
    );
    expect(second.json().visit).toMatchObject({ noAccessCount: 2, repeated: true });
    const report = (await t.call('GET', '/api/work-orders/no-access', { cookie: director })).json();
    expect(report.items.find((i: { id: string }) => i.id === o.id)).toMatchObject({ noAccessCount: 2 });
    const xlsx = await t.call('GET', '/api/exports/workOrderNoAccess', { cookie: director });
    expect(xlsx.statusCode, xlsx.body.slice(0, 300)).toBe(200);
    expect(xlsx.headers['x-export-rows']).toBe(String(report.items.length));
    const rec = await record(o.id);
    expect(rec.noAccessCount).toBe(2);
    expect(rec.visits).toHaveLength(2);
    // Once there, no-access is no longer the word.
    const arrived = await post(
      `/api/work-orders/${o.id}/status`,
      { to: 'arrived', version: second.json().order.version },
      repairTech,
    );
    const late = await post(
      `/api/work-orders/${o.id}/no-access`,
      { version: arrived.json().version, revisitAt },
      repairTech,
    );
    expect(late.json()).toMatchObject({ code: 'NO_ACCESS_STATUS' });
    // Company B sees none of it.
    const reportB = (await t.call('GET', '/api/work-orders/no-access', { cookie: adminB })).json();
    expect(reportB.items).toHaveLength(0);
  });

  it('installation: completing the work marks the linked service application done', async () => {
    const clerk = await t.login('hall.clerk');
    const opening = await post(
      '/api/account-openings',
      {
        mode: 'individual',
        applicant: {
          kind: 'residential',
          name: '孙新装',
          idType: 'passport',
          idNo: 'E87654321',
          mobile: '13900000003',
        },
        premise: { district: '城东区', addressKind: 'bungalow', lane: '新装巷', rowNo: '2', houseNo: '9' },
        usageNature: 'RES',
        meterType: 'icCard',
        buildingType: 'villa',
        account: { paymentMethod: 'icTopUp' },
        applicationDate: businessToday(),
        invoiceDate: businessToday(),
      },
      clerk,
    );
    expect(opening.statusCode, opening.body).toBe(201);
    const applicationId = opening.json().application.id as string;
    const created = await post(
      '/api/work-orders',
      {
        typeCode: 'installation',
        channel: 'hall',
        callerName: '孙新装',
        phone: '13900000003',
        address: '城东区新装巷2排9号',
        description: '新装',
        serviceApplicationId: applicationId,
        orgUnitId: centre,
      },
      agent,
    );
    expect(created.statusCode, created.body).toBe(201);
    let o = created.json();
    const installer = repairTech;
    o = (await post(`/api/work-orders/${o.id}/take`, { version: o.version }, installer)).json();
    o = (await post(`/api/work-orders/${o.id}/status`, { to: 'arrived', version: o.version }, installer)).json();
    const done = await post(`/api/work-orders/${o.id}/complete`, { version: o.version, signature: PNG }, installer);
    expect(done.statusCode, done.body).toBe(200);
    const [app] = await q<{ status: string }>(
      'SELECT status FROM service_applications WHERE company_id = $1 AND id = $2',
      [t.companyA, applicationId],
    );
    expect(app!.status).toBe('done');
  });

  it('my orders: the technician’s open orders, nearest deadline first, with the time left', async () => {
    const res = await t.call('GET', '/api/work-orders/mine', { cookie: repairTech });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { technicianName: string; status: string; deadlineAt: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.technicianName)).size).toBe(1);
    expect(items.every((i) => ['dispatched', 'appointed', 'arrived', 'notCompleted'].includes(i.status))).toBe(true);
    const deadlines = items.map((i) => i.deadlineAt);
    expect([...deadlines].sort()).toEqual(deadlines);
    const forbidden = await t.call('GET', '/api/work-orders/mine', { cookie: agent });
    expect(forbidden.statusCode).toBe(403);
  });

  it('forms are those of the order’s type; their data is validated field by field', async () => {
    const o = await arrivedOrder('ignition', gasInTech);
    const res = await saveForm(o.id, 'repair', { workDone: 'x', lines: [], materials: [] }, gasInTech);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'FORM_UNKNOWN' });
    const g = await arrivedOrder('gasIn', gasInTech);
    const bad = await saveForm(g.id, 'register', { meterDirection: 'up', baseReading: '-1' }, gasInTech);
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['data.meterDirection', 'data.baseReading', 'data.meterSerial']));
  });

  it('SVC-8: the 置换登记表 prints with the register as saved and the hazards found', async () => {
    const o = await arrivedOrder('gasIn', gasInTech, null);
    const print = (id: string, cookie = gasInTech) =>
      t.call('GET', `/api/print/notices/gasInRegister/html?subjectId=${id}`, { cookie });
    // Nothing to print before the register is filled in.
    const early = await print(o.id);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'REGISTER_NOT_SAVED', message: expect.stringContaining(o.orderNo) });
    await saveForm(
      o.id,
      'preconditions',
      {
        worksAcceptedOn: businessToday(),
        tieInDone: true,
        asBuiltComplete: true,
        asBuiltMatches: true,
        contractedHouseholds: 1,
        installedHouseholds: 1,
      },
      gasInTech,
    );
    const saved = await saveForm(
      o.id,
      'register',
      {
        meterDirection: 'right',
        baseReading: '12.345',
        meterSerial: 'PRT-GI-2601',
        meterMaker: '威星',
        meterType: 'remoteRead',
        sealInlet: 'JQ0001',
        sealOutlet: 'CQ0002',
        location: 'outdoor',
        metalHose: false,
        applianceConnectedTested: true,
        facilitiesIntact: true,
        contractSigned: true,
        manualHandedOver: true,
        safetyLeafletHandedOver: true,
        appliances: [
          { kind: 'stove', brandModel: '方太 JZT-FD21BE' },
          { kind: 'wallHeater', brandModel: '威能 turboTEC' },
        ],
      },
      gasInTech,
    );
    expect(saved.statusCode, saved.body).toBe(200);
    await post(`/api/work-orders/${o.id}/hazards`, { code: 'nonMetalHose', note: '橡胶软管 <b>老化</b>' }, gasInTech);
    const listed = (await post(`/api/work-orders/${o.id}/hazards`, { code: 'closedMeterBox' }, gasInTech)).json();
    const boxed = listed.hazards.find((h: { code: string }) => h.code === 'closedMeterBox');
    const hose = listed.hazards.find((h: { code: string }) => h.code === 'nonMetalHose');
    await post(`/api/work-orders/${o.id}/hazards/${boxed.id}/fix`, { note: '表箱改为百叶门' }, gasInTech);
    const tech = (await t.call('GET', `/api/work-orders/${o.id}`, { cookie: director })).json().technicianName;

    const res = await print(o.id);
    expect(res.statusCode, res.body).toBe(200);
    const html = res.body;
    expect(html).not.toContain('sheet sample');
    expect(html).toContain('<h1>燃气用户室内置换登记表</h1>');
    for (const text of ['演示市燃气有限公司', o.orderNo, '赵先生', '城北路 8 号', '13900001111']) {
      expect(html).toContain(text);
    }
    // The register as saved: each field in its place, the boxes ticked as chosen.
    expect(html).toContain('□左　☑右');
    expect(html).toMatch(/<th>基数<\/th><td>12\.345<\/td>/);
    expect(html).toMatch(/<th>表号<\/th><td class="strong">PRT-GI-2601<\/td>/);
    expect(html).toMatch(/<th>产地<\/th><td>威星<\/td>/);
    expect(html).toContain('□皮膜　□IC卡　☑远传　□物联');
    expect(html).toMatch(/<th>表封号·进气<\/th><td>JQ0001<\/td>/);
    expect(html).toMatch(/<th>表封号·出气<\/th><td>CQ0002<\/td>/);
    expect(html).toContain('□室内　☑室外');
    expect(html).toMatch(/是否使用金属波纹管<\/th><td>□是　☑否<\/td>/);
    expect(html).toMatch(/燃具是否连接调试<\/th><td>☑是　□否<\/td>/);
    expect(html).toMatch(/安全常识是否发放<\/th><td>☑是　□否<\/td>/);
    expect(html).toContain('1. 燃气灶　品牌型号：方太 JZT-FD21BE');
    expect(html).toContain('2. 采暖炉　品牌型号：威能 turboTEC');
    // The hazards found, whether fixed, the customer's note escaped.
    expect(html).toMatch(
      /<td>未使用金属软管<\/td><td>橡胶软管 &lt;b&gt;老化&lt;\/b&gt;<\/td><td>[\d-]+ [\d:]+<\/td><td>未整改/,
    );
    expect(html).toMatch(
      /<td>封闭挂表<\/td><td><\/td><td>[\d-]+ [\d:]+<\/td><td>已整改 [\d-]+ [\d:]+<div class="small">表箱改为百叶门<\/div>/,
    );
    expect(html).toContain(`置换员：<span class="strong">${tech}</span>`);
    // Not signed yet: a line for the customer to sign on.
    expect(html).not.toContain('已在移动端签字');
    expect(html).toContain('用户签字：<span class="blank"></span>');

    // Fixed and completed with the customer's signature on the phone: the form says so.
    await post(`/api/work-orders/${o.id}/hazards/${hose.id}/fix`, {}, gasInTech);
    const done = await post(`/api/work-orders/${o.id}/complete`, { version: o.version, signature: PNG }, gasInTech);
    expect(done.statusCode, done.body).toBe(200);
    const signed = await print(o.id, director);
    expect(signed.statusCode).toBe(200);
    expect(signed.body).toMatch(/已在移动端签字 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(signed.body).not.toContain('未整改');

    // Printing shows the order: workorder.read is needed, within the company, and only a gas-in has the form.
    expect((await print(o.id, await t.login('cashier'))).statusCode).toBe(403);
    const other = await print(o.id, adminB);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
    const repair = await arrivedOrder('repair', repairTech);
    const notGasIn = await print(repair.id, director);
    expect(notGasIn.statusCode).toBe(404);
    expect(notGasIn.json().code).toBe('FORM_UNKNOWN');
    // The sample renders for the template editor.
    const sample = await t.call('GET', '/api/print/notices/gasInRegister/html', { cookie: gasInTech });
    expect(sample.statusCode).toBe(200);
    expect(sample.body).toContain('sheet sample');
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

interface Target {
  id: string;
  accountNo: string;
  name: string;
  mobile: string;
  address: string;
}

/** SVC-1 the contact log and the hall intake register (业务受理登记表). */
describe.each(dbKinds)('contact log on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let agent: string;
  let target: Target;
  const record = (body: Record<string, unknown>, cookie = clerk) => t.call('POST', '/api/contacts', { cookie, body });
  const list = async (query: string, cookie = clerk) => {
    const res = await t.call('GET', `/api/contacts?${query}`, { cookie });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 20, seed: 31 });
    await generateAccounts(t.db, t.companyB, { count: 3, seed: 32 });
    clerk = await t.login('hall.clerk');
    agent = await t.login('hotline.agent');
    const r = await t.db.query<Target>(
      `SELECT a.id, a.account_no AS "accountNo", c.name, c.mobile, p.full_address AS address FROM accounts a
         JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
         JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
        WHERE a.company_id = $1 AND c.mobile IS NOT NULL ORDER BY a.account_no LIMIT 1`,
      [t.companyA],
    );
    target = r.rows[0]!;
  });
  afterAll(() => t.close());

  it('SVC-1 a hall visit about an account is registered with its number, name, address and phone, the taker and the hall', async () => {
    const res = await record({
      channel: 'hall',
      category: 'business',
      accountId: target.id,
      summary: '咨询过户所需资料',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      channel: 'hall',
      category: 'business',
      categoryName: { zh: '业务办理类' },
      accountNo: target.accountNo,
      name: target.name,
      address: target.address,
      phone: `${target.mobile.slice(0, 3)}****${target.mobile.slice(7)}`,
      takenByName: expect.any(String),
      // The clerk sits in the hall's 受理班: the register names the hall.
      orgUnitName: '城东营业厅',
    });
    const audit = await t.db.query(
      "SELECT after FROM audit_log WHERE company_id = $1 AND action = 'contact.record' AND entity_id = $2",
      [t.companyA, c.id],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('SVC-1 an unknown caller is registered by name or phone; without either, or with a bad category, it is refused naming the field', async () => {
    const call = await record(
      { channel: 'hotline', category: 'emergency', phone: '0632-5551234', summary: '楼道有燃气味' },
      agent,
    );
    expect(call.statusCode, call.body).toBe(201);
    expect(call.json()).toMatchObject({
      accountId: null,
      name: null,
      phone: '0632****1234',
      orgUnitName: expect.any(String),
    });
    const nobody = await record({ channel: 'hotline', category: 'consultation', summary: '咨询营业时间' }, agent);
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json()).toMatchObject({ code: 'WHO_REQUIRED', details: { fields: [{ path: 'callerName' }] } });
    const category = await record({ channel: 'hall', category: 'gossip', callerName: '李四', summary: 'x' });
    expect(category.statusCode).toBe(400);
    expect(category.json().details.fields[0].path).toBe('category');
    const channel = await record({ channel: 'fax', category: 'fee', callerName: '李四', summary: 'x' });
    expect(channel.statusCode).toBe(400);
    expect(channel.json().details.fields[0].path).toBe('channel');
    const future = await record({
      channel: 'hall',
      category: 'fee',
      callerName: '李四',
      summary: 'x',
      contactedAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(future.json().details.fields[0].path).toBe('contactedAt');
    const empty = await record({ channel: 'hall', category: 'fee', callerName: '李四', summary: '  ' });
    expect(empty.json().details.fields[0].path).toBe('summary');
    // Another company's account is not found, named on the field.
    const b = (await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 LIMIT 1', [t.companyB]))
      .rows[0]!;
    const cross = await record({ channel: 'hall', category: 'fee', accountId: b.id, summary: 'x' });
    expect(cross.statusCode).toBe(404);
    expect(cross.json().details.fields[0].path).toBe('accountId');
    // Nothing of the refused ones was written.
    const n = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM contacts WHERE summary = 'x'");
    expect(n.rows[0]!.n).toBe(0);
  });

  it('SVC-2 the categories are the company’s policy, not code', async () => {
    const before = (await t.call('GET', '/api/contacts/categories', { cookie: agent })).json();
    expect(before.items.map((c: { code: string }) => c.code)).toEqual([
      'fee',
      'business',
      'consultation',
      'repair',
      'emergency',
      'complaint',
    ]);
    await t.db.query(
      `INSERT INTO policy_values (company_id, key, effective_from, version, value)
       VALUES ($1, 'svc.contactCategories', $2, 2, $3)`,
      [t.companyA, businessToday(), JSON.stringify([...before.items, { code: 'safety', zh: '安检类', en: 'Safety' }])],
    );
    const res = await record({
      channel: 'finding',
      category: 'safety',
      accountId: target.id,
      summary: '安检发现软管老化',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().categoryName).toEqual({ zh: '安检类', en: 'Safety' });
  });

  it('SVC-1 the register lists, filters and sorts, and only holders of contact.read see it', async () => {
    const meterReader = await t.login('meter.reader');
    const finding = await record(
      { channel: 'finding', category: 'repair', accountId: target.id, summary: '抄表发现表具漏气' },
      meterReader,
    );
    expect(finding.statusCode, finding.body).toBe(201);
    const all = await list('pageSize=100');
    expect(all.total).toBeGreaterThanOrEqual(4);
    const times = all.items.map((c: { contactedAt: string }) => c.contactedAt);
    expect(times).toEqual([...times].sort().reverse());
    const halls = await list('channel=hall');
    expect(halls.items.every((c: { channel: string }) => c.channel === 'hall')).toBe(true);
    const emergencies = await list('category=emergency');
    expect(emergencies.total).toBe(1);
    const mine = await list(`takenBy=${finding.json().takenBy}`);
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([finding.json().id]);
    const ofAccount = await list(`accountId=${target.id}&sort=category&order=asc`);
    expect(ofAccount.items.map((c: { category: string }) => c.category)).toEqual(
      [...ofAccount.items.map((c: { category: string }) => c.category)].sort(),
    );
    // A hall filter takes in the teams under it.
    const units = (await t.call('GET', '/api/org-units', { cookie: await t.login('system.admin') })).json().items;
    const east = units.find((u: { code: string }) => u.code === 'CS-HALL-E');
    const eastHall = await list(`orgUnitId=${east.id}`);
    expect(eastHall.total).toBeGreaterThan(0);
    expect(eastHall.items.every((c: { orgUnitName: string }) => c.orgUnitName === '城东营业厅')).toBe(true);
    const future = await list(`from=${encodeURIComponent(new Date(Date.now() + 86400_000).toISOString())}`);
    expect(future.total).toBe(0);
    // Phones are masked in the list.
    expect(JSON.stringify(all)).not.toContain(target.mobile);
    const installer = await t.login('installer');
    expect((await t.call('GET', '/api/contacts', { cookie: installer })).statusCode).toBe(403);
    expect(
      (await record({ channel: 'hall', category: 'fee', callerName: 'x', summary: 'y' }, installer)).statusCode,
    ).toBe(403);
    // Company B sees none of A's.
    const b = await list('pageSize=100', await t.login('b.hall.clerk'));
    expect(b.total).toBe(0);
  });

  it('SVC-1 the intake register exports, with whole phones, only with an approved data-export request', async () => {
    const refused = await t.call('GET', '/api/exports/intakeRegister?channel=hall', { cookie: clerk });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('EXPORT_APPROVAL_REQUIRED');
    const filed = await t.call('POST', '/api/approvals', {
      cookie: clerk,
      body: {
        kind: 'dataExport',
        subjectType: 'export',
        reason: '月度受理台账归档',
        payload: { exportName: 'intakeRegister', filters: { channel: 'hall' } },
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const manager = await t.login('department.manager');
    const approved = await t.call('POST', `/api/approvals/${filed.json().id}/approve`, { cookie: manager, body: {} });
    const grantId = approved.json().outcome.grantId;
    const res = await t.call('GET', `/api/exports/intakeRegister?channel=hall&grantId=${grantId}`, { cookie: clerk });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    expect(rows[0]!.slice(0, 7)).toEqual(['受理时间', '用户编号', '用户名', '地址', '联系电话', '类别', '受理方式']);
    const visit = rows.find((r) => r[1] === target.accountNo)!;
    expect(visit.slice(1, 7)).toEqual([
      target.accountNo,
      target.name,
      target.address,
      target.mobile,
      '业务办理类',
      '营业厅',
    ]);
    expect(rows.slice(1).every((r) => r[6] === '营业厅')).toBe(true);
  });
});

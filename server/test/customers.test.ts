import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { allAccounts, formatAccountNo } from '../src/modules/customers/service.js';
import { postOpeningBalance } from '../src/modules/ledger/service.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

interface Target {
  accountId: string;
  accountNo: string;
  name: string;
  mobile: string;
  idNo: string;
  serial: string;
  community: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  lane: string | null;
  rowNo: string | null;
  houseNo: string | null;
}

interface Hit {
  accountId: string;
  accountNo: string;
  customerName: string;
  maskedMobile: string | null;
  address: string;
  meterSerial: string | null;
  matchedBy: string;
}

describe.each(dbKinds)('customers and account search on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let idsOfA: Set<string>;
  const search = async (q: string, cookie = clerk): Promise<Hit[]> => {
    const res = await t.call('GET', `/api/accounts/search?q=${encodeURIComponent(q)}&limit=50`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const targets = async (companyId: string, where = 'true'): Promise<Target[]> =>
    (
      await t.db.query<Target>(
        `SELECT a.id AS "accountId", a.account_no AS "accountNo", c.name, c.mobile, c.id_no AS "idNo", m.serial,
                p.community, p.building, p.unit, p.room, p.lane, p.row_no AS "rowNo", p.house_no AS "houseNo"
           FROM accounts a
           JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
           JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
           JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
          WHERE a.company_id = $1 AND c.mobile IS NOT NULL AND c.id_no IS NOT NULL AND ${where}
          ORDER BY a.account_no`,
        [companyId],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 200, seed: 11 });
    await generateAccounts(t.db, t.companyB, { count: 60, seed: 12 });
    clerk = await t.login('hall.clerk');
    idsOfA = new Set(
      (await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1', [t.companyA])).rows.map(
        (r) => r.id,
      ),
    );
  });
  afterAll(() => t.close());

  it('CUS-3 account number, mobile, meter serial and name each find the account first', async () => {
    const all = await targets(t.companyA);
    const target = all[17]!;
    const byNo = await search(target.accountNo);
    expect(byNo[0]).toMatchObject({ accountId: target.accountId, matchedBy: 'accountNo' });
    const byMobile = await search(target.mobile);
    expect(byMobile[0]).toMatchObject({ accountId: target.accountId, matchedBy: 'mobile' });
    const bySerial = await search(target.serial.toLowerCase());
    expect(bySerial[0]).toMatchObject({ accountId: target.accountId, matchedBy: 'meterSerial' });
    expect(bySerial[0]!.meterSerial).toBe(target.serial);
    const byName = await search(target.name);
    expect(byName[0]).toMatchObject({ customerName: target.name, matchedBy: 'name' });
    expect(byName.map((h) => h.accountId)).toContain(target.accountId);
    // An account-number prefix lists the accounts that start with it, the exact one first.
    const byPrefix = await search(target.accountNo.slice(0, 8));
    expect(byPrefix.every((h) => h.accountNo.startsWith(target.accountNo.slice(0, 8)))).toBe(true);
    expect(byPrefix.length).toBeGreaterThan(1);
  });

  it('CUS-3 the last digits of a mobile or an ID number find the account', async () => {
    const target = (await targets(t.companyA))[42]!;
    const last4 = target.mobile.slice(-4);
    const byLast4 = await search(last4);
    expect(byLast4.map((h) => h.accountId)).toContain(target.accountId);
    for (const h of byLast4.filter((x) => x.matchedBy === 'mobile')) expect(h.maskedMobile!.endsWith(last4)).toBe(true);
    const byLast8 = await search(target.mobile.slice(-8));
    expect(byLast8[0]).toMatchObject({ accountId: target.accountId, matchedBy: 'mobile' });
    const byId = await search(target.idNo.slice(-6).toLowerCase());
    expect(byId.find((h) => h.accountId === target.accountId)).toMatchObject({ matchedBy: 'idNo' });
    const byWholeId = await search(target.idNo);
    expect(byWholeId[0]).toMatchObject({ accountId: target.accountId, matchedBy: 'idNo' });
  });

  it('CUS-2 a structured address such as "幸福小区 3-2-501" finds the premise first', async () => {
    const [target] = await targets(t.companyA, "p.address_kind = 'apartment'");
    const { community, building, unit, room } = target!;
    for (const q of [
      `${community} ${building}-${unit}-${room}`,
      `${community}${building}号楼${unit}单元${room}室`,
      `${community!.slice(0, 2)} ${building}－${unit}－${room}`,
    ]) {
      const hits = await search(q);
      expect(hits[0], q).toMatchObject({ accountId: target!.accountId, matchedBy: 'address' });
      expect(hits[0]!.address).toContain(`${community}${building}号楼${unit}单元${room}室`);
    }
    const [bungalow] = await targets(t.companyA, "p.address_kind = 'bungalow'");
    const hits = await search(`${bungalow!.lane}${bungalow!.rowNo}排${bungalow!.houseNo}号`);
    expect(hits[0]).toMatchObject({ accountId: bungalow!.accountId, matchedBy: 'address' });
    // A fragment of 3+ characters matches the full address anywhere (trigram).
    const fragment = community!.slice(1, 4);
    const fuzzy = await search(fragment);
    expect(fuzzy.length).toBeGreaterThan(0);
    for (const h of fuzzy.filter((x) => x.matchedBy === 'address')) expect(h.address).toContain(fragment);
  });

  it('CUS-3 a two-character name is found, with the mobile masked in the result', async () => {
    const [two] = await targets(t.companyA, 'char_length(c.name) = 2');
    const hits = await search(two!.name);
    expect(hits.map((h) => h.accountId)).toContain(two!.accountId);
    expect(hits[0]!.customerName).toBe(two!.name);
    for (const h of hits) expect(h.customerName.startsWith(two!.name)).toBe(true);
    const mine = hits.find((h) => h.accountId === two!.accountId)!;
    expect(mine.maskedMobile).toBe(`${two!.mobile.slice(0, 3)}****${two!.mobile.slice(7)}`);
    expect(JSON.stringify(hits)).not.toContain(two!.mobile);
  });

  it('ORG-1 company B’s accounts never appear in company A’s search', async () => {
    const b = (await targets(t.companyB))[5]!;
    for (const q of [b.name, b.mobile, b.mobile.slice(-4), b.serial, b.idNo.slice(-6), '小区', '3-2-501']) {
      for (const h of await search(q)) expect(idsOfA.has(h.accountId), q).toBe(true);
    }
    // Both companies start at the same serial, so B's account number exists in A too: A sees only its own.
    const same = await search(b.accountNo);
    expect(same.map((h) => h.accountId)).not.toContain(b.accountId);
    expect((await t.call('GET', `/api/accounts/${b.accountId}`, { cookie: clerk })).statusCode).toBe(404);
  });

  it('CUS-3 an empty or one-character query is refused naming q; without customer.read, 403', async () => {
    for (const q of ['', 'a', ' 王 ']) {
      const res = await t.call('GET', `/api/accounts/search?q=${encodeURIComponent(q)}`, { cookie: clerk });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().details.fields[0].path).toBe('q');
    }
    const tooMany = await t.call('GET', '/api/accounts/search?q=王伟&limit=51', { cookie: clerk });
    expect(tooMany.json().details.fields[0].path).toBe('limit');
    const auditor = await t.login('auditor');
    const denied = await t.call('GET', '/api/accounts/search?q=王伟', { cookie: auditor });
    expect(denied.statusCode).toBe(403);
    const id = [...idsOfA][0];
    expect((await t.call('GET', `/api/accounts/${id}`, { cookie: auditor })).statusCode).toBe(403);
  });

  it('CUS-3 the basic profile shows customer, premise, account and the meter on it', async () => {
    const target = (await targets(t.companyA))[3]!;
    const res = await t.call('GET', `/api/accounts/${target.accountId}`, { cookie: clerk });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.account).toMatchObject({ accountNo: target.accountNo, commodity: 'gas', version: 1 });
    expect(p.customer.name).toBe(target.name);
    expect(p.customer.idNo).toMatch(/^\d{4}\*+[\dX]{4}$/);
    expect(p.premise.fullAddress).toMatch(/(室|号)$/);
    expect(p.meter).toMatchObject({ serial: target.serial, status: 'installed' });
    expect(p.meter.baseReading).toMatch(/^\d+\.\d{3}$/);
  });

  it('CUS-3 account numbers follow the policy pattern and are unique per company only', async () => {
    const nos = (
      await t.db.query<{ company_id: string; account_no: string }>(
        'SELECT company_id, account_no FROM accounts WHERE company_id = ANY($1::uuid[])',
        [[t.companyA, t.companyB]],
      )
    ).rows;
    for (const r of nos) expect(r.account_no).toMatch(/^01\d{8}$/);
    const a = nos.filter((r) => r.company_id === t.companyA).map((r) => r.account_no);
    const b = nos.filter((r) => r.company_id === t.companyB).map((r) => r.account_no);
    expect(new Set(a).size).toBe(a.length);
    expect(a).toContain('0100000001');
    expect(b).toContain('0100000001');
    // Generating more continues the company's sequence.
    await generateAccounts(t.db, t.companyB, { count: 2, seed: 13 });
    const next = await t.db.query<{ n: string }>('SELECT max(account_no) AS n FROM accounts WHERE company_id = $1', [
      t.companyB,
    ]);
    expect(next.rows[0]!.n).toBe('0100000062');
    const dup = t.db.query(
      `INSERT INTO accounts (company_id, account_no, customer_id, premise_id, usage_nature, payment_method)
       SELECT company_id, account_no, customer_id, premise_id, usage_nature, 'counter'
         FROM accounts WHERE company_id = $1 LIMIT 1`,
      [t.companyA],
    );
    await expect(dup).rejects.toThrow(/accounts_account_no/);
    expect(formatAccountNo({ prefix: '', digits: 6 }, 7)).toBe('000007');
    expect(() => formatAccountNo({ prefix: '9', digits: 6 }, 1_000_000)).toThrow(/exhausted|用完/);
  });

  it('CUS-2 an apartment without building, unit and room is refused by the address check', async () => {
    const insert = (fields: string, values: string) =>
      t.db.query(
        `INSERT INTO premises (company_id, district, address_kind, ${fields}) VALUES ($1, '城东区', ${values})`,
        [t.companyA],
      );
    await expect(insert('community', "'apartment', '幸福小区'")).rejects.toThrow(/premises_address_shape/);
    await expect(insert('community, building, unit', "'apartment', '幸福小区', '3', '2'")).rejects.toThrow(
      /premises_address_shape/,
    );
    await expect(insert('lane, row_no', "'bungalow', '槐树巷', '3'")).rejects.toThrow(/premises_address_shape/);
    await expect(
      insert('community, building, unit, room, lane', "'apartment', '幸福小区', '3', '2', '501', '槐树巷'"),
    ).rejects.toThrow(/premises_address_shape/);
    const ok = await t.db.query<{ full_address: string }>(
      `INSERT INTO premises (company_id, district, street, address_kind, community, building, unit, room)
       VALUES ($1, '城东区', '人民路', 'apartment', '幸福小区', '3', '2', '501') RETURNING full_address`,
      [t.companyA],
    );
    expect(ok.rows[0]!.full_address).toBe('城东区人民路幸福小区3号楼2单元501室');
  });
});

/** CUS-3 the 360° view and the customer register; IAM-5 searches, views and exports leave a trace. */
describe.each(dbKinds)('the 360° view, the register and IAM-5 on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const auditRows = async (action: string, entityId?: string) =>
    (
      await t.db.query<{ actor_name: string; after: Record<string, unknown> }>(
        `SELECT actor_name, after FROM audit_log WHERE company_id = $1 AND action = $2
            AND ($3::text IS NULL OR entity_id = $3) ORDER BY at`,
        [t.companyA, action, entityId ?? null],
      )
    ).rows;
  const userId = async (username: string) =>
    (await t.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!.id;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 120, seed: 21 });
    await generateAccounts(t.db, t.companyB, { count: 10, seed: 22 });
    clerk = await t.login('hall.clerk');
  });
  afterAll(() => t.close());

  it('CUS-3 the 360° view shows profile, premise, meters and their history, contract, appliances, balance and arrears', async () => {
    const { rows } = await t.db.query<{ id: string; accountNo: string; mobile: string; idNo: string }>(
      `SELECT a.id, a.account_no AS "accountNo", c.mobile, c.id_no AS "idNo" FROM accounts a
         JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
        WHERE a.company_id = $1 AND c.mobile IS NOT NULL AND c.id_no IS NOT NULL ORDER BY a.account_no LIMIT 1`,
      [t.companyA],
    );
    const a = rows[0]!;
    // Something owed from the old system, past due: the view shows it as arrears by period.
    const clerkId = await userId('hall.clerk');
    await t.db.tx((tx) =>
      postOpeningBalance(
        tx,
        { companyId: t.companyA, userId: clerkId, name: '受理员' },
        { accountId: a.id, period: '2026-01', amount: '86.40', dueOn: '2026-02-10' },
      ),
    );
    // An SMS sent about the account, a contact recorded.
    const admin = await t.login('system.admin');
    const sms = await t.call('POST', '/api/notify/messages', {
      cookie: admin,
      body: {
        templateCode: 'arrears',
        recipient: a.mobile,
        customerRef: a.accountNo,
        variables: { customerName: '张三', accountNo: a.accountNo, amount: '86.40', dueDate: '2026年2月10日' },
      },
    });
    expect(sms.statusCode, sms.body).toBe(201);
    const contact = await t.call('POST', '/api/contacts', {
      cookie: clerk,
      body: { channel: 'hall', category: 'fee', accountId: a.id, summary: '咨询欠费金额' },
    });
    expect(contact.statusCode, contact.body).toBe(201);

    const res = await t.call('GET', `/api/accounts/${a.id}/overview`, { cookie: clerk });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const v = res.json();
    expect(v.account).toMatchObject({ id: a.id, accountNo: a.accountNo });
    // IAM-5: personal data masked by default.
    expect(v.customer.mobile).toBe(`${a.mobile.slice(0, 3)}****${a.mobile.slice(7)}`);
    expect(v.customer.idNo).toMatch(/^\w{4}\*+\w{4}$/);
    expect(res.body).not.toContain(a.mobile);
    expect(res.body).not.toContain(a.idNo);
    expect(v.premise.fullAddress).toMatch(/(室|号)$/);
    expect(v.meters).toHaveLength(1);
    expect(v.meters[0]).toMatchObject({ current: true, status: 'installed' });
    expect(v.meterEvents[0]).toMatchObject({
      kind: 'install',
      meterSerial: v.meters[0].serial,
      reading: v.meters[0].baseReading,
    });
    expect(v.contracts[0]).toMatchObject({ status: 'active', contractNo: `GYHT-${a.accountNo}` });
    expect(v.appliances.length).toBeGreaterThan(0);
    expect(v.balance.arrearsByPeriod).toContainEqual({ period: '2026-01', dueOn: '2026-02-10', amount: '86.40' });
    expect(Number(v.balance.arrears)).toBeGreaterThanOrEqual(86.4);
    expect(v.billing).toEqual({ available: false });
    expect(v.serviceApplications).toEqual([]);
    expect(v.notices[0]).toMatchObject({
      templateCode: 'arrears',
      recipient: `${a.mobile.slice(0, 3)}****${a.mobile.slice(7)}`,
    });
    expect(v.contacts.items[0]).toMatchObject({ channel: 'hall', category: 'fee', summary: '咨询欠费金额' });
    expect(v).toMatchObject({ canReveal: true, canEdit: true, canReadContacts: true });
    // IAM-5: the view is in the audit log, with who looked.
    const views = await auditRows('customer.view', a.id);
    expect(views).toHaveLength(1);
    expect(views[0]!.after).toMatchObject({ accountNo: a.accountNo });

    // "Show" reveals the whole numbers to a holder of customer.reveal, and is audited; others are refused.
    const shown = await t.call('POST', `/api/accounts/${a.id}/reveal`, { cookie: clerk });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ mobile: a.mobile, idNo: a.idNo });
    expect(await auditRows('customer.reveal', a.id)).toHaveLength(1);
    const agent = await t.login('hotline.agent');
    expect((await t.call('POST', `/api/accounts/${a.id}/reveal`, { cookie: agent })).statusCode).toBe(403);
    const agentView = (await t.call('GET', `/api/accounts/${a.id}/overview`, { cookie: agent })).json();
    expect(agentView).toMatchObject({ canReveal: false, canEdit: false });
  });

  it('IAM-5 a search is recorded with the query and its hit count', async () => {
    const res = await t.call('GET', `/api/accounts/search?q=${encodeURIComponent('小区')}`, { cookie: clerk });
    expect(res.statusCode).toBe(200);
    const searches = await auditRows('customer.search');
    expect(searches.at(-1)).toMatchObject({ after: { q: '小区', hits: res.json().items.length } });
  });

  it('IAM-5 the register export walks every account the filters find, once each, by account number', async () => {
    const walk = async (q: { customerKind?: 'residential' }) => {
      const nos: string[] = [];
      for await (const row of allAccounts(t.db, t.companyA, q, 7)) nos.push(row.accountNo);
      return nos;
    };
    const expected = async (where: string) =>
      (
        await t.db.query<{ no: string }>(
          `SELECT a.account_no AS no FROM accounts a JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
            WHERE a.company_id = $1 AND ${where} ORDER BY a.account_no`,
          [t.companyA],
        )
      ).rows.map((r) => r.no);
    // Pages of 7: the walk crosses many page boundaries and neither skips nor repeats an account.
    expect(await walk({})).toEqual(await expected('true'));
    expect(await walk({ customerKind: 'residential' })).toEqual(await expected(`c.kind = 'residential'`));
  });

  it('CUS-3 the customer register pages, filters and sorts, within the company', async () => {
    const all = (await t.call('GET', '/api/accounts?pageSize=200', { cookie: clerk })).json();
    expect(all.total).toBe(120);
    expect(all.items.map((i: { accountNo: string }) => i.accountNo)).toEqual(
      [...all.items.map((i: { accountNo: string }) => i.accountNo)].sort(),
    );
    for (const i of all.items) if (i.mobile) expect(i.mobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    const options = (await t.call('GET', '/api/accounts/filter-options', { cookie: clerk })).json();
    expect(options.usageNatures.map((u: { code: string }) => u.code)).toContain('RES');
    const district = options.districts[0];
    const byDistrict = (
      await t.call('GET', `/api/accounts?district=${encodeURIComponent(district)}&pageSize=200`, { cookie: clerk })
    ).json();
    expect(byDistrict.total).toBeGreaterThan(0);
    expect(byDistrict.items.every((i: { district: string }) => i.district === district)).toBe(true);
    const commercial = (
      await t.call('GET', '/api/accounts?customerKind=commercial&pageSize=200', { cookie: clerk })
    ).json();
    expect(commercial.items.every((i: { customerKind: string }) => i.customerKind === 'commercial')).toBe(true);
    const page2 = (
      await t.call('GET', '/api/accounts?page=2&pageSize=50&sort=openedOn&order=desc', { cookie: clerk })
    ).json();
    expect(page2.items).toHaveLength(50);
    // Newest first, pending accounts (no opening date yet) last, ties by account number.
    const expected = await t.db.query<{ id: string }>(
      `SELECT a.id FROM accounts a WHERE a.company_id = $1
        ORDER BY a.opened_on DESC NULLS LAST, a.account_no DESC OFFSET 50 LIMIT 50`,
      [t.companyA],
    );
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual(expected.rows.map((r) => r.id));
    // A name or an address is found with the search box; the register sorts only by what it can index.
    expect((await t.call('GET', '/api/accounts?sort=customerName', { cookie: clerk })).statusCode).toBe(400);
    const bad = await t.call('GET', '/api/accounts?status=gone', { cookie: clerk });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('status');
    const idsOfB = (await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1', [t.companyB]))
      .rows;
    const listed = new Set(all.items.map((i: { id: string }) => i.id));
    for (const b of idsOfB) expect(listed.has(b.id)).toBe(false);
    expect((await t.call('GET', `/api/accounts/${idsOfB[0]!.id}/overview`, { cookie: clerk })).statusCode).toBe(404);
  });

  it('IAM-5 exporting customer data without the right is refused, and the refusal is audited', async () => {
    // Without customer.read at all.
    const installer = await t.login('installer');
    const none = await t.call('GET', '/api/exports/customerAccounts?status=active', { cookie: installer });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('FORBIDDEN');
    // With customer.read but no approved data-export request.
    const noGrant = await t.call('GET', '/api/exports/customerAccounts?status=active', { cookie: clerk });
    expect(noGrant.statusCode).toBe(403);
    expect(noGrant.json()).toMatchObject({
      code: 'EXPORT_APPROVAL_REQUIRED',
      details: { filters: { status: 'active' } },
    });
    const refused = await auditRows('export.refused', 'customerAccounts');
    expect(refused).toHaveLength(2);
    expect(refused[0]!.after).toMatchObject({ code: 'FORBIDDEN', sensitive: true, filters: { status: 'active' } });
    expect(refused[1]!.after).toMatchObject({ code: 'EXPORT_APPROVAL_REQUIRED' });
    // A bad filter is a mistake, not an attempt: a 400 naming it, no refusal row.
    const bad = await t.call('GET', '/api/exports/customerAccounts?status=gone', { cookie: clerk });
    expect(bad.statusCode).toBe(400);
    expect(await auditRows('export.refused', 'customerAccounts')).toHaveLength(2);
  });

  it('IAM-5 with an approved data-export request the register exports once, with whole mobiles', async () => {
    const filed = await t.call('POST', '/api/approvals', {
      cookie: clerk,
      body: {
        kind: 'dataExport',
        subjectType: 'export',
        reason: '核对居民用户联系方式',
        payload: { exportName: 'customerAccounts', filters: { customerKind: 'residential', status: 'active' } },
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const manager = await t.login('department.manager');
    const approved = await t.call('POST', `/api/approvals/${filed.json().id}/approve`, { cookie: manager, body: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    const grantId = approved.json().outcome.grantId;
    const url = `/api/exports/customerAccounts?customerKind=residential&status=active&grantId=${grantId}`;
    const res = await t.call('GET', url, { cookie: clerk });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const listed = (
      await t.call('GET', '/api/accounts?customerKind=residential&status=active&pageSize=1', { cookie: clerk })
    ).json();
    expect(Number(res.headers['x-export-rows'])).toBe(listed.total);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['用户编号', '用户名称', '用户类型', '手机号码']);
    const mobiles = sheet.getColumn(4).values.slice(2).filter(Boolean) as string[];
    expect(mobiles.length).toBeGreaterThan(0);
    for (const m of mobiles) expect(m).toMatch(/^1\d{10}$/);
    const again = await t.call('GET', url, { cookie: clerk });
    expect(again.json().code).toBe('EXPORT_GRANT_USED');
    expect((await auditRows('export.download', 'customerAccounts')).length).toBe(1);
    // Using a used grant is a refusal like any other.
    expect((await auditRows('export.refused', 'customerAccounts')).at(-1)!.after).toMatchObject({
      code: 'EXPORT_GRANT_USED',
      grantId,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

interface Pick {
  id: string;
  accountNo: string;
  meterType: string;
  paymentMethod: string;
}

/** IAM-4 customer-data changes: protected fields by approval, the rest under optimistic locking, every version kept. */
describe.each(dbKinds)('customer-data changes on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let archivist: string;
  let director: string;
  const used = new Set<string>();

  /** A fresh account of company A that no other test has touched. */
  const account = async (where = 'true'): Promise<Pick> => {
    const r = await t.db.query<Pick>(
      `SELECT a.id, a.account_no AS "accountNo", m.meter_type AS "meterType", a.payment_method AS "paymentMethod"
         FROM accounts a
         JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
         JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
         JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
        WHERE a.company_id = $1 AND NOT (a.id = ANY($2::uuid[])) AND ${where}
        ORDER BY a.account_no LIMIT 1`,
      [t.companyA, [...used]],
    );
    const row = r.rows[0]!;
    used.add(row.id);
    return row;
  };
  const overview = async (id: string, cookie = clerk) => {
    const res = await t.call('GET', `/api/accounts/${id}/overview`, { cookie });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
    return res.json();
  };
  const fileChange = (id: string, body: unknown, cookie = clerk) =>
    t.call('POST', `/api/accounts/${id}/change-requests`, { cookie, body });
  const approve = (requestId: string, cookie = archivist) =>
    t.call('POST', `/api/approvals/${requestId}/approve`, { cookie, body: { comment: '核对证件无误' } });
  const row = async (sql: string, id: string) =>
    (await t.db.query(sql, [t.companyA, id])).rows[0] as Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 80, seed: 41 });
    await generateAccounts(t.db, t.companyB, { count: 5, seed: 42 });
    clerk = await t.login('hall.clerk');
    archivist = await t.login('archivist');
    director = await t.login('centre.director');
  });
  afterAll(() => t.close());

  it('IAM-4 a protected edit makes a request, applies on approval, and keeps who, when, before, after and why', async () => {
    const a = await account("c.kind = 'residential' AND c.mobile IS NOT NULL");
    const before = await overview(a.id);
    const oldMobile = (await row(
      'SELECT mobile, name, version FROM customers WHERE company_id = $1 AND id = $2',
      before.customer.id,
    ))!;
    const filed = await fileChange(a.id, {
      reason: '用户持身份证来厅更正姓名和手机号',
      customer: { name: '张更正', mobile: '13912345678' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ status: 'pending', no: expect.stringMatching(/^AP-/) });

    // Nothing changes before the approval; the view shows the request as pending, personal data masked.
    const pending = await overview(a.id);
    expect(pending.customer.name).toBe(oldMobile.name);
    expect(pending.changeRequests[0]).toMatchObject({ status: 'pending', reason: '用户持身份证来厅更正姓名和手机号' });
    const mobileChange = pending.changeRequests[0].changes.find((c: { field: string }) => c.field === 'mobile');
    expect(mobileChange).toMatchObject({ entity: 'customer', after: '139****5678', label: { zh: '手机号码' } });

    const approved = await approve(filed.json().id);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().outcome).toMatchObject({ accountId: a.id, applied: 2 });

    const now = (await row(
      'SELECT mobile, name, version FROM customers WHERE company_id = $1 AND id = $2',
      before.customer.id,
    ))!;
    expect(now).toMatchObject({ name: '张更正', mobile: '13912345678', version: (oldMobile.version as number) + 1 });
    const history = (await t.call('GET', `/api/accounts/${a.id}/changes`, { cookie: clerk })).json();
    expect(history.total).toBe(1);
    expect(history.items[0]).toMatchObject({
      entityType: 'customer',
      mode: 'approved',
      reason: '用户持身份证来厅更正姓名和手机号',
      requestedByName: expect.any(String),
      changedByName: expect.any(String),
      approvalNo: filed.json().no,
      versionBefore: oldMobile.version,
      versionAfter: (oldMobile.version as number) + 1,
    });
    const fields = Object.fromEntries(
      history.items[0].changes.map((c: { field: string; before: unknown; after: unknown }) => [c.field, c]),
    );
    expect(fields.name).toMatchObject({ before: oldMobile.name, after: '张更正' });
    // The history masks personal data like the rest of the view.
    expect(fields.mobile.after).toBe('139****5678');
    expect(JSON.stringify(history)).not.toContain('13912345678');
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE company_id = $1 AND action = 'customer.change.apply' AND entity_id = $2",
      [t.companyA, a.id],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('IAM-4 the requester cannot approve their own change, and a clerk without the role cannot approve at all', async () => {
    const a = await account();
    const filed = await fileChange(a.id, { reason: '更正表封号', meter: { sealInlet: 'F999001' } }, archivist);
    expect(filed.statusCode, filed.body).toBe(201);
    const self = await approve(filed.json().id, archivist);
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('SELF_APPROVAL');
    const notMine = await approve(filed.json().id, clerk);
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().code).toBe('NOT_YOUR_STEP');
    // The hall director is on the chain too.
    const ok = await approve(filed.json().id, director);
    expect(ok.statusCode, ok.body).toBe(200);
    const meter = await row(
      "SELECT seal_inlet FROM meters WHERE company_id = $1 AND account_id = $2 AND status = 'installed'",
      a.id,
    );
    expect(meter!.seal_inlet).toBe('F999001');
  });

  it('IAM-4 an approval based on a version changed since is refused, and nothing is lost', async () => {
    const a = await account("p.address_kind = 'apartment'");
    const first = await fileChange(a.id, { reason: '门牌重新编号', premise: { room: '1801' } });
    const second = await fileChange(a.id, { reason: '门牌重新编号（重复提交）', premise: { room: '1802', unit: '9' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(201);
    expect((await approve(first.json().id)).statusCode).toBe(200);

    const stale = await approve(second.json().id);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CHANGED_SINCE', details: { entity: 'premise' } });
    expect(stale.json().message).toContain('用气地址');
    // The first change stands, and the second request is still pending to be rejected.
    const premise = (await overview(a.id)).premise;
    expect(premise).toMatchObject({ room: '1801' });
    expect(premise.fullAddress).toContain('1801室');
    const request = (await t.call('GET', `/api/approvals/${second.json().id}`, { cookie: archivist })).json();
    expect(request.status).toBe('pending');
    const rejected = await t.call('POST', `/api/approvals/${second.json().id}/reject`, {
      cookie: archivist,
      body: { comment: '资料已变更，请按最新资料重新申请' },
    });
    expect(rejected.statusCode).toBe(200);
  });

  it('IAM-4 protected fields cannot be edited directly; bad values are refused naming the field', async () => {
    const a = await account(
      "m.meter_type = 'diaphragm' AND a.payment_method = 'counter' AND p.address_kind = 'apartment'",
    );
    const ov = await overview(a.id);
    const direct = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: clerk,
      body: { customer: { version: ov.customer.version, name: '直接改名' } },
    });
    expect(direct.statusCode).toBe(400);
    expect(direct.json()).toMatchObject({ code: 'PROTECTED_FIELD', details: { fields: [{ path: 'customer.name' }] } });
    const toDebit = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: clerk,
      body: { account: { version: ov.account.version, paymentMethod: 'bankDebit' } },
    });
    expect(toDebit.json()).toMatchObject({
      code: 'PROTECTED_FIELD',
      details: { fields: [{ path: 'account.paymentMethod' }] },
    });

    // CUS-2: a bungalow address needs lane, row and number.
    const shape = await fileChange(a.id, {
      reason: '改为平房地址',
      premise: { addressKind: 'bungalow', lane: '槐树巷' },
    });
    expect(shape.statusCode).toBe(400);
    const paths = shape
      .json()
      .details.fields.map((f: { path: string }) => f.path)
      .sort();
    expect(paths).toEqual(['premise.houseNo', 'premise.rowNo']);
    // CUS-7: bank debit needs all three bank fields.
    const bank = await fileChange(a.id, {
      reason: '办理银行代扣',
      bank: { paymentMethod: 'bankDebit', bankName: '工商银行' },
    });
    expect(bank.statusCode).toBe(400);
    expect(
      bank
        .json()
        .details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['bank.bankAccountHolder', 'bank.bankAccountNo']);
    // CUS-7: a metered account is never paid by top-up.
    const topUp = await fileChange(a.id, { reason: 'x', bank: { paymentMethod: 'icTopUp' } });
    expect(topUp.json().details.fields[0].path).toBe('bank.paymentMethod');
    // A name with a space, a malformed mobile: the schema names them.
    const bad = await fileChange(a.id, { reason: 'x', customer: { name: '张 三', mobile: '2391234' } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['customer.mobile', 'customer.name']);
    const same = await fileChange(a.id, { reason: 'x', customer: { name: ov.customer.name } });
    expect(same.json().code).toBe('NO_CHANGES');
    // An IC-card account is paid by top-up (CUS-7), whichever way it is edited.
    const ic = await account("m.meter_type = 'icCard'");
    const icv = await overview(ic.id);
    const icDirect = await t.call('PATCH', `/api/accounts/${ic.id}`, {
      cookie: clerk,
      body: { account: { version: icv.account.version, paymentMethod: 'counter' } },
    });
    expect(icDirect.statusCode).toBe(400);
    expect(icDirect.json().details.fields[0].path).toBe('account.paymentMethod');
  });

  it('IAM-4 a protected bank change applies with its payment method, and the meter serial must stay unique', async () => {
    const a = await account("m.meter_type = 'diaphragm' AND a.payment_method = 'counter'");
    const filed = await fileChange(a.id, {
      reason: '用户签署银行代扣委托书',
      bank: {
        paymentMethod: 'bankDebit',
        bankName: '中国建设银行',
        bankAccountNo: '6217000011112222333',
        bankAccountHolder: '张三',
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await approve(filed.json().id)).statusCode).toBe(200);
    const acc = await row(
      'SELECT payment_method, bank_account_no FROM accounts WHERE company_id = $1 AND id = $2',
      a.id,
    );
    expect(acc).toMatchObject({ payment_method: 'bankDebit', bank_account_no: '6217000011112222333' });
    const view = await overview(a.id);
    expect(view.account.bankAccountNo).toBe('6217***********2333');

    const other = await account();
    const taken = await t.db.query<{ serial: string; manufacturer: string }>(
      "SELECT serial, manufacturer FROM meters WHERE company_id = $1 AND account_id = $2 AND status = 'installed'",
      [t.companyA, other.id],
    );
    const dup = await fileChange(a.id, { reason: '表钢号录错', meter: taken.rows[0]! });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE_METER', details: { fields: [{ path: 'meter.serial' }] } });
  });

  it('optimistic locking: two clerks edit the same account at once; the second is told and the first’s change is intact', async () => {
    const a = await account();
    const seen = await overview(a.id);
    const first = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: clerk,
      body: { customer: { version: seen.customer.version, note: '独居老人，上门服务前先电话联系' } },
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: director,
      body: { customer: { version: seen.customer.version, note: '白天家中无人' } },
    });
    expect(second.statusCode).toBe(409);
    const conflict = second.json();
    expect(conflict.code).toBe('VERSION_CONFLICT');
    expect(conflict.message).toContain('已被他人修改');
    expect(conflict.details).toMatchObject({
      entity: 'customer',
      yourVersion: seen.customer.version,
      current: { version: seen.customer.version + 1, values: { note: '独居老人，上门服务前先电话联系' } },
    });
    const now = await overview(a.id);
    expect(now.customer.note).toBe('独居老人，上门服务前先电话联系');
    expect(now.changes.total).toBe(1);
    // Told, the second clerk edits the latest version and both changes are in the history.
    const retry = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: director,
      body: { customer: { version: conflict.details.current.version, note: '独居老人；白天家中无人' } },
    });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json().changes.total).toBe(2);
    expect(retry.json().changes.items[0].changes[0]).toMatchObject({
      field: 'note',
      before: '独居老人，上门服务前先电话联系',
      after: '独居老人；白天家中无人',
    });
  });

  it('IAM-4 unprotected fields are edited directly: special care, SMS number, invoice details with their own version', async () => {
    const a = await account("m.meter_type = 'diaphragm' AND a.payment_method = 'counter'");
    const seen = await overview(a.id);
    const edit = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: clerk,
      body: {
        reason: '用户来厅登记',
        customer: { version: seen.customer.version, specialCare: ['widowed', 'elderly'] },
        account: {
          version: seen.account.version,
          paymentMethod: 'online',
          smsMobile: '13700001111',
          smsCarrier: 'chinaMobile',
        },
        invoiceDetails: { version: 0, invoiceKind: 'ordinary', title: '张三', email: 'zs@example.com' },
      },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const now = await overview(a.id);
    expect(now.customer.specialCare).toEqual(['elderly', 'widowed']);
    expect(now.account).toMatchObject({ paymentMethod: 'online', smsMobile: '137****1111', smsCarrier: 'chinaMobile' });
    expect(now.invoiceDetails).toMatchObject({ title: '张三', version: 1 });
    expect(now.changes.items.map((h: { entityType: string }) => h.entityType).sort()).toEqual([
      'account',
      'customer',
      'invoiceDetails',
    ]);
    expect(now.changes.items.every((h: { reason: string }) => h.reason === '用户来厅登记')).toBe(true);
    // A special VAT invoice needs the tax number, address and bank account.
    const special = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: clerk,
      body: { invoiceDetails: { version: 1, invoiceKind: 'special', title: '某某餐饮有限公司' } },
    });
    expect(special.statusCode).toBe(400);
    expect(
      special
        .json()
        .details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['invoiceDetails.address', 'invoiceDetails.bankAccountNo', 'invoiceDetails.taxNo']);
    // An SMS number needs its carrier (CUS-7).
    const sms = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: clerk,
      body: { account: { version: now.account.version, smsMobile: '13700002222', smsCarrier: null } },
    });
    expect(sms.json().details.fields[0].path).toBe('account.smsCarrier');
    const nothing = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: clerk,
      body: { customer: { version: now.customer.version, specialCare: ['elderly', 'widowed'] } },
    });
    expect(nothing.json().code).toBe('NO_CHANGES');
    // Without customer.manage, no edit.
    const agent = await t.login('hotline.agent');
    const denied = await t.call('PATCH', `/api/accounts/${a.id}`, {
      cookie: agent,
      body: { customer: { version: now.customer.version, note: 'x' } },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('IAM-4 the history is append-only: rows cannot be changed or removed', async () => {
    await expect(t.db.query("UPDATE customer_changes SET reason = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM customer_changes')).rejects.toThrow(/append-only/);
    const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customer_changes WHERE company_id = $1', [
      t.companyA,
    ]);
    expect(n.rows[0]!.n).toBeGreaterThan(0);
  });

  it('IAM-4 a request filed through the generic approvals route must tell the truth about before values', async () => {
    const a = await account();
    const ov = await overview(a.id);
    const forged = await t.call('POST', '/api/approvals', {
      cookie: clerk,
      body: {
        kind: 'customerDataChange',
        subjectType: 'account',
        subjectId: a.id,
        reason: '伪造原值',
        payload: {
          accountId: a.id,
          accountNo: a.accountNo,
          changes: [{ entity: 'customer', entityId: ov.customer.id, field: 'name', before: '别人', after: '新名字' }],
          versions: { customer: ov.customer.version },
        },
      },
    });
    expect(forged.statusCode).toBe(409);
    expect(forged.json().code).toBe('STALE_REQUEST');
    const sneaky = await t.call('POST', '/api/approvals', {
      cookie: clerk,
      body: {
        kind: 'customerDataChange',
        subjectType: 'account',
        subjectId: a.id,
        reason: '借申请改状态',
        payload: {
          accountId: a.id,
          accountNo: a.accountNo,
          changes: [{ entity: 'account', entityId: a.id, field: 'status', before: 'active', after: 'closed' }],
          versions: { account: ov.account.version },
        },
      },
    });
    expect(sneaky.statusCode).toBe(400);
  });

  it('ORG-1 another company’s account can be neither edited nor changed by request', async () => {
    const b = (await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 LIMIT 1', [t.companyB]))
      .rows[0]!;
    const edit = await t.call('PATCH', `/api/accounts/${b.id}`, {
      cookie: clerk,
      body: { customer: { version: 1, note: '越权' } },
    });
    expect(edit.statusCode).toBe(404);
    const request = await fileChange(b.id, { reason: '越权', customer: { name: '越权' } });
    expect(request.statusCode).toBe(404);
    const history = await t.call('GET', `/api/accounts/${b.id}/changes`, { cookie: clerk });
    expect(history.statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAccount, insertCustomer, insertPremise } from '../src/modules/customers/records.js';
import { postOpeningBalance } from '../src/modules/ledger/service.js';
import { loadCalendarCovering } from '../src/platform/calendar/service.js';
import { addDays, businessToday } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

type Kind = 'residential' | 'commercial' | 'institutional';

interface Fixture {
  accountId: string;
  accountNo: string;
  customerId: string;
  meterId: string;
}

describe.each(dbKinds)('account-change cases on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let director: string;
  let deputy: string;
  let clerkB: string;
  let serial = 0;
  const today = businessToday();

  beforeAll(async () => {
    t = await createTestApp(kind);
    clerk = await t.login('hall.clerk');
    director = await t.login('centre.director');
    deputy = await t.login('deputy.general.manager');
    clerkB = await t.login('b.hall.clerk');
  });
  afterAll(() => t?.close());

  /** An active account of its own with a meter read at 100, its contract and, if asked, a deposit. */
  async function account(
    opts: {
      customerKind?: Kind;
      nature?: string;
      meterType?: 'diaphragm' | 'icCard';
      bankDebit?: boolean;
      deposit?: string;
      company?: string;
    } = {},
  ): Promise<Fixture> {
    const n = ++serial;
    const company = opts.company ?? t.companyA;
    const customerKind = opts.customerKind ?? 'residential';
    return t.db.tx(async (tx) => {
      const customerId = await insertCustomer(tx, company, {
        kind: customerKind,
        name: customerKind === 'residential' ? `测试户${n}` : `测试商户${n}`,
        ...(customerKind === 'residential'
          ? { idType: 'residentId' as const, idNo: `41010219800101${String(n).padStart(4, '0')}` }
          : { taxNo: `91410100MA${String(n).padStart(8, '0')}` }),
        mobile: `139${String(n).padStart(8, '0')}`,
      });
      const premiseId = await insertPremise(tx, company, {
        district: '金水区',
        addressKind: 'bungalow',
        lane: '测试巷',
        rowNo: String(n),
        houseNo: String(n),
      });
      const { id, accountNo } = await insertAccount(
        tx,
        company,
        {
          customerId,
          premiseId,
          usageNature: opts.nature ?? (customerKind === 'residential' ? 'RES' : 'CATERING'),
          status: 'active',
          paymentMethod: opts.meterType === 'icCard' ? 'icTopUp' : opts.bankDebit ? 'bankDebit' : 'counter',
          ...(opts.bankDebit
            ? { bankName: '中国银行', bankAccountNo: '6217000000001234', bankAccountHolder: '原户主' }
            : {}),
          smsMobile: `139${String(n).padStart(8, '0')}`,
          smsCarrier: 'chinaMobile',
          openedOn: '2020-01-01',
        },
        today,
      );
      const meter = await tx.query<{ id: string }>(
        `INSERT INTO meters (company_id, serial, manufacturer, meter_type, base_reading, status, account_id, installed_on)
         VALUES ($1, $2, '金卡智能', $3, 100, 'installed', $4, '2020-01-01') RETURNING id`,
        [company, `TST${String(n).padStart(6, '0')}`, opts.meterType ?? 'diaphragm', id],
      );
      await tx.query(
        `INSERT INTO meter_events (company_id, account_id, meter_id, kind, happened_on, reading)
         VALUES ($1, $2, $3, 'install', '2020-01-01', 100)`,
        [company, id, meter.rows[0]!.id],
      );
      await tx.query(
        `INSERT INTO supply_contracts (company_id, contract_no, account_id, customer_id, signed_on)
         VALUES ($1, $2, $3, $4, '2020-01-01')`,
        [company, `GYHT-${accountNo}`, id, customerId],
      );
      if (opts.deposit) {
        await tx.query(
          `INSERT INTO deposits (company_id, account_id, kind, amount, received_on, receipt_no)
           VALUES ($1, $2, 'prepayment', $3, '2020-01-01', 'YS0001')`,
          [company, id, opts.deposit],
        );
      }
      return { accountId: id, accountNo, customerId, meterId: meter.rows[0]!.id };
    });
  }

  const open = (accountId: string, caseKind: string, details?: unknown, cookie = clerk) =>
    t.call('POST', '/api/account-cases', { cookie, body: { kind: caseKind, accountId, details } });
  const get = async (id: string, cookie = clerk) =>
    (await t.call('GET', `/api/account-cases/${id}`, { cookie })).json();
  const patch = (id: string, body: unknown, cookie = clerk) =>
    t.call('PATCH', `/api/account-cases/${id}`, { cookie, body });
  const submit = async (id: string, cookie = clerk) =>
    t.call('POST', `/api/account-cases/${id}/submit`, { cookie, body: { version: (await get(id, cookie)).version } });
  const accountRow = async (id: string) =>
    (
      await t.db.query<Record<string, unknown>>(
        `SELECT status, customer_id, usage_nature, closed_on, payment_method, bank_account_no, sms_mobile
           FROM accounts WHERE id = $1`,
        [id],
      )
    ).rows[0]!;

  /** Every document ticked, the reading (above the last) confirmed and signed, and the details. */
  async function fill(id: string, details?: Record<string, unknown>, reading: string | null = '123.4') {
    const c = await get(id);
    const res = await patch(id, {
      version: c.version,
      documents: c.documents.map((d: { code: string }) => ({ code: d.code, received: true })),
      ...(reading ? { reading: { value: reading, readOn: today, confirmed: true, signedBy: '经办人' } } : {}),
      ...(details ? { details } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  const newOwner = (name: string, customerKind: Kind = 'residential') => ({
    mode: 'new',
    customer:
      customerKind === 'residential'
        ? { kind: customerKind, name, idType: 'residentId', idNo: '410105199002021234', mobile: '13812345678' }
        : { kind: customerKind, name, taxNo: '91410100MA9XYZ1234', mobile: '13812345679' },
  });

  it('CUS-9 a transfer while in arrears is refused, naming the arrears', async () => {
    const a = await account();
    await t.db.tx((tx) =>
      postOpeningBalance(
        tx,
        { companyId: t.companyA, userId: null, name: 'test' },
        {
          accountId: a.accountId,
          period: '2026-08',
          amount: '86.40',
          dueOn: addDays(today, -20),
        },
      ),
    );
    const preview = (
      await t.call('GET', `/api/account-cases/preview?accountId=${a.accountId}`, { cookie: clerk })
    ).json();
    expect(preview).toMatchObject({
      arrears: '86.40',
      allowedKinds: ['transfer', 'suspension', 'closure', 'natureChange'],
      openCase: null,
    });
    const c = (await open(a.accountId, 'transfer')).json();
    await fill(c.id, { newOwner: newOwner('新户甲') });
    const detail = await get(c.id);
    expect(detail.balance.arrears).toBe('86.40');
    expect(detail.problems.map((p: { code: string }) => p.code)).toEqual(['ARREARS_OUTSTANDING']);
    const res = await submit(c.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ARREARS_OUTSTANDING', details: { fields: [{ path: 'arrears' }] } });
    expect(res.json().message).toContain('86.40');
    expect((await accountRow(a.accountId)).customer_id).toBe(a.customerId);
    expect((await get(c.id)).status).toBe('open');
  });

  it('CUS-10 a closure without a final reading is refused', async () => {
    const a = await account();
    const c = (await open(a.accountId, 'closure', { reason: '房屋拆迁' })).json();
    await fill(c.id, undefined, null);
    const res = await submit(c.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'FINAL_READING_REQUIRED',
      message: '销户须录入最终表读数',
      details: { fields: [{ path: 'reading.value', message: '销户须录入最终表读数' }] },
    });
    expect((await accountRow(a.accountId)).status).toBe('active');
  });

  it('CUS-9 missing documents and an unsigned reading are refused together, each on its field', async () => {
    const a = await account();
    const c = (await open(a.accountId, 'transfer', { newOwner: newOwner('新户乙') })).json();
    expect(c.documents.map((d: { code: string }) => d.code)).toContain('propertyCertificate');
    const ticked = await patch(c.id, {
      version: c.version,
      documents: [{ code: 'newOwnerId', received: true }],
      reading: { value: '150', readOn: today, confirmed: false },
    });
    expect(ticked.statusCode).toBe(200);
    const res = await submit(c.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DOCUMENTS_MISSING');
    expect(res.json().details.problems.map((p: { code: string }) => p.code)).toEqual([
      'DOCUMENTS_MISSING',
      'READING_NOT_CONFIRMED',
    ]);
    expect(res.json().message).toContain('新客户房产证原件');
    expect(res.json().details.fields.map((f: { path: string }) => f.path)).toEqual(['documents', 'reading.confirmed']);
  });

  it('CUS-9 a C&I transfer: contract voided and re-signed, holder changed, deposit moved, all audited', async () => {
    const a = await account({ customerKind: 'commercial', bankDebit: true, deposit: '5000.00' });
    const c = (await open(a.accountId, 'transfer')).json();
    expect(c).toMatchObject({ kind: 'transfer', status: 'open', timeLimitMinutes: 10, readingKind: 'register' });
    expect(c.caseNo).toMatch(new RegExp(`^GH${today.replaceAll('-', '')}\\d{4}$`));
    expect(c.documents.map((d: { code: string }) => d.code)).toContain('transferAgreement');
    await fill(c.id, {
      newOwner: newOwner('聚福火锅店', 'commercial'),
      agentName: '张经办',
      agentPhone: '13700001111',
    });
    const res = await submit(c.id);
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json();
    expect(done).toMatchObject({
      status: 'completed',
      newCustomer: { name: '聚福火锅店' },
      oldContractNo: `GYHT-${a.accountNo}`,
      newContractNo: `GYHT-${a.accountNo}-02`,
      overrun: false,
    });

    const acc = await accountRow(a.accountId);
    expect(acc.customer_id).toBe(done.newCustomer.id);
    // The old holder's bank debit and SMS number are off the account.
    expect(acc).toMatchObject({ payment_method: 'counter', bank_account_no: null, sms_mobile: null });
    const contracts = await t.db.query<{
      contract_no: string;
      status: string;
      customer_id: string;
      void_reason: string | null;
    }>(
      'SELECT contract_no, status, customer_id, void_reason FROM supply_contracts WHERE account_id = $1 ORDER BY contract_no',
      [a.accountId],
    );
    expect(contracts.rows).toEqual([
      {
        contract_no: `GYHT-${a.accountNo}`,
        status: 'voided',
        customer_id: a.customerId,
        void_reason: expect.stringContaining(c.caseNo),
      },
      { contract_no: `GYHT-${a.accountNo}-02`, status: 'active', customer_id: done.newCustomer.id, void_reason: null },
    ]);
    const deposits = await t.db.query<{ amount: string; status: string; holder_customer_id: string | null }>(
      'SELECT amount::text AS amount, status, holder_customer_id FROM deposits WHERE account_id = $1 ORDER BY created_at, status DESC',
      [a.accountId],
    );
    expect(deposits.rows).toEqual([
      { amount: '5000.00', status: 'transferred', holder_customer_id: null },
      { amount: '5000.00', status: 'held', holder_customer_id: done.newCustomer.id },
    ]);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE company_id = $1 AND (entity_id = ANY($2::text[]) OR after->>'caseNo' = $3)`,
      [t.companyA, [c.id, a.accountId], c.caseNo],
    );
    const actions = audit.rows.map((r) => r.action);
    for (const action of [
      'accountCase.create',
      'accountCase.update',
      'accountCase.complete',
      'account.transfer',
      'customer.create',
    ]) {
      expect(actions).toContain(action);
    }
    const related = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE company_id = $1 AND action IN ('supplyContract.void', 'supplyContract.sign', 'deposit.transfer')
          AND at >= (SELECT created_at FROM account_cases WHERE id = $2)`,
      [t.companyA, c.id],
    );
    expect(related.rows.map((r) => r.action).sort()).toEqual([
      'deposit.transfer',
      'supplyContract.sign',
      'supplyContract.void',
    ]);
    // IAM-4: the change is in the account's history with the case as its reason.
    const history = await t.db.query<{ mode: string; reason: string; fields: string[] }>(
      `SELECT mode, reason, ARRAY(SELECT jsonb_array_elements(changes)->>'field') AS fields
         FROM customer_changes WHERE account_id = $1`,
      [a.accountId],
    );
    expect(history.rows).toHaveLength(1);
    expect(history.rows[0]).toMatchObject({ mode: 'direct', reason: expect.stringContaining(c.caseNo) });
    expect(history.rows[0]!.fields).toEqual(expect.arrayContaining(['customerId', 'paymentMethod', 'bankAccountNo']));
    const timeline = (await get(c.id)).events.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['created', 'updated', 'completed']);

    // The 用户过户登记表 prints with the new owner and the contract change.
    const form = await t.call('GET', `/api/print/notices/ownershipTransferForm/html?subjectId=${c.id}`, {
      cookie: clerk,
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('用户过户登记表');
    expect(form.body).toContain('聚福火锅店');
    expect(form.body).toContain(`GYHT-${a.accountNo}-02`);
    // A form of another kind is refused for this case.
    const wrong = await t.call('GET', `/api/print/notices/closureForm/html?subjectId=${c.id}`, { cookie: clerk });
    expect(wrong.statusCode).toBe(409);
  });

  it('CUS-9 a transfer to an existing customer of the wrong kind, or to the holder, is refused on its field', async () => {
    const a = await account();
    const shop = await account({ customerKind: 'commercial' });
    const c = (await open(a.accountId, 'transfer')).json();
    const toShop = await patch(c.id, {
      version: c.version,
      details: { newOwner: { mode: 'existing', customerId: shop.customerId } },
    });
    expect(toShop.statusCode).toBe(400);
    expect(toShop.json()).toMatchObject({
      code: 'NEW_OWNER_KIND',
      details: { fields: [{ path: 'details.newOwner.customerId' }] },
    });
    const toSelf = await patch(c.id, {
      version: c.version,
      details: { newOwner: { mode: 'existing', customerId: a.customerId } },
    });
    expect(toSelf.json().code).toBe('NEW_OWNER_SAME');
    const bad = await patch(c.id, {
      version: c.version,
      details: {
        newOwner: { mode: 'new', customer: { kind: 'residential', name: '王 五', idType: 'residentId', idNo: '123' } },
      },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['details.newOwner.customer.name', 'details.newOwner.customer.idNo']));
    // An existing residential customer is fine, and an IC-card reading is the cumulative purchase.
    const other = await account();
    const ok = await patch(c.id, {
      version: c.version,
      details: { newOwner: { mode: 'existing', customerId: other.customerId } },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('CUS-9 a reading below the meter’s last reading, or in the future, is refused', async () => {
    const a = await account();
    const c = (await open(a.accountId, 'transfer')).json();
    const low = await patch(c.id, {
      version: c.version,
      reading: { value: '99.5', readOn: today, confirmed: true, signedBy: '甲' },
    });
    expect(low.statusCode).toBe(400);
    expect(low.json()).toMatchObject({ code: 'READING_BELOW_LAST', details: { fields: [{ path: 'reading.value' }] } });
    const future = await patch(c.id, {
      version: c.version,
      reading: { value: '120', readOn: addDays(today, 2), confirmed: true },
    });
    expect(future.json().details.fields.map((f: { path: string }) => f.path)).toEqual([
      'reading.readOn',
      'reading.signedBy',
    ]);
    const ic = await account({ meterType: 'icCard' });
    const icCase = (await open(ic.accountId, 'transfer')).json();
    expect(icCase.readingKind).toBe('icCumulative');
  });

  it('CUS-9 a stale version is refused with 409 and the first change stays', async () => {
    const a = await account();
    const c = (await open(a.accountId, 'transfer')).json();
    const first = await patch(c.id, { version: c.version, documents: [{ code: 'newOwnerId', received: true }] });
    expect(first.statusCode).toBe(200);
    const second = await patch(c.id, { version: c.version, documents: [{ code: 'newOwnerId', received: false }] });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: c.version + 1 } });
    const now = await get(c.id);
    expect(now.documents.find((d: { code: string }) => d.code === 'newOwnerId').received).toBe(true);
    const staleSubmit = await t.call('POST', `/api/account-cases/${c.id}/submit`, {
      cookie: clerk,
      body: { version: c.version },
    });
    expect(staleSubmit.statusCode).toBe(409);
  });

  it('CUS-10 suspension and reactivation move the account between active and suspended', async () => {
    const a = await account();
    const s = (await open(a.accountId, 'suspension', { reason: '长期外出', sealed: true, sealNo: 'F009' })).json();
    expect(s.caseNo).toMatch(/^BT/);
    await fill(s.id);
    expect((await submit(s.id)).json().status).toBe('completed');
    expect((await accountRow(a.accountId)).status).toBe('suspended');
    // No second suspension of a suspended account; no reactivation of an active one.
    const again = await open(a.accountId, 'suspension');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'STATUS_NOT_ALLOWED', details: { fields: [{ path: 'accountId' }] } });
    expect(again.json().message).toBe('用户当前状态为「报停」，不能办理报停');

    const r = (await open(a.accountId, 'reactivation')).json();
    await fill(r.id, undefined, '130');
    expect((await submit(r.id)).json().status).toBe('completed');
    expect((await accountRow(a.accountId)).status).toBe('active');
    const form = await t.call('GET', `/api/print/notices/suspensionForm/html?subjectId=${r.id}`, { cookie: clerk });
    expect(form.body).toContain('启封申请表');
  });

  it('CUS-10 one unfinished case per account', async () => {
    const a = await account();
    const first = (await open(a.accountId, 'suspension')).json();
    const second = await open(a.accountId, 'closure');
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'CASE_ALREADY_OPEN' });
    expect(second.json().message).toContain(first.caseNo);
    const cancelled = await t.call('POST', `/api/account-cases/${first.id}/cancel`, {
      cookie: clerk,
      body: { version: first.version, reason: '用户改变主意' },
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '用户改变主意' });
    expect((await open(a.accountId, 'closure')).statusCode).toBe(200);
  });

  it('CUS-10 a closure closes the account, voids the contract and sets the meter removal due date', async () => {
    const a = await account();
    const c = (await open(a.accountId, 'closure', { reason: '房屋拆迁' })).json();
    await fill(c.id, undefined, '200');
    const done = (await submit(c.id)).json();
    const calendar = await loadCalendarCovering(t.db, t.companyA, [today]);
    expect(done).toMatchObject({
      status: 'completed',
      dueOn: calendar.addWorkingDays(today, 5),
      oldContractNo: `GYHT-${a.accountNo}`,
    });
    expect(await accountRow(a.accountId)).toMatchObject({ status: 'closed', closed_on: today });
    const contract = await t.db.query<{ status: string }>('SELECT status FROM supply_contracts WHERE account_id = $1', [
      a.accountId,
    ]);
    expect(contract.rows).toEqual([{ status: 'voided' }]);
    // Nothing changes a closed account.
    expect((await open(a.accountId, 'suspension')).json().code).toBe('STATUS_NOT_ALLOWED');
    expect((await open(a.accountId, 'transfer')).json().code).toBe('STATUS_NOT_ALLOWED');

    // A removal reading below the final one is refused; then the meter comes off.
    const low = await t.call('POST', `/api/account-cases/${c.id}/meter-removal`, {
      cookie: clerk,
      body: { version: done.version, removedOn: today, reading: '150' },
    });
    expect(low.json()).toMatchObject({ code: 'READING_BELOW_LAST', details: { fields: [{ path: 'reading' }] } });
    const removed = await t.call('POST', `/api/account-cases/${c.id}/meter-removal`, {
      cookie: clerk,
      body: { version: done.version, removedOn: today, reading: '200.5' },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ meterRemovedOn: today, restoreBy: null, overdue: null });
    const meter = await t.db.query<{ status: string; account_id: string | null }>(
      'SELECT status, account_id FROM meters WHERE id = $1',
      [a.meterId],
    );
    expect(meter.rows[0]).toEqual({ status: 'removed', account_id: null });
    const event = await t.db.query<{ kind: string; reading: string; temporary: boolean }>(
      `SELECT kind, reading::text AS reading, temporary FROM meter_events WHERE meter_id = $1 AND kind = 'remove'`,
      [a.meterId],
    );
    expect(event.rows).toEqual([{ kind: 'remove', reading: '200.500', temporary: false }]);
  });

  it('CUS-10 a meter not removed by its due date is flagged overdue', async () => {
    const a = await account();
    const c = (await open(a.accountId, 'closure', { reason: '停业' })).json();
    await fill(c.id, undefined, '101');
    await submit(c.id);
    await t.db.query('UPDATE account_cases SET due_on = $2 WHERE id = $1', [c.id, addDays(today, -1)]);
    expect((await get(c.id)).overdue).toBe('meterRemoval');
    const list = (await t.call('GET', '/api/account-cases?overdue=true&kind=closure', { cookie: clerk })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(c.id);
  });

  it('CUS-10 a temporary removal must be restored within the months allowed, or it is a new connection', async () => {
    const a = await account();
    const c = (await open(a.accountId, 'closure', { reason: '装修', temporary: true })).json();
    await fill(c.id, undefined, '110');
    const done = (await submit(c.id)).json();
    expect((await accountRow(a.accountId)).status).toBe('suspended');
    const removed = (
      await t.call('POST', `/api/account-cases/${c.id}/meter-removal`, {
        cookie: clerk,
        body: { version: done.version, removedOn: today, reading: '110' },
      })
    ).json();
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const month = m + 6 > 12 ? m - 6 : m + 6;
    const year = m + 6 > 12 ? y + 1 : y;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    expect(removed.restoreBy).toBe(
      `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`,
    );

    // Within the period the reactivation puts the same meter back.
    const r = (await open(a.accountId, 'reactivation')).json();
    expect(r.meter.id).toBe(a.meterId);
    await fill(r.id, undefined, '110');
    expect((await submit(r.id)).json().status).toBe('completed');
    const meter = await t.db.query<{ status: string; account_id: string }>(
      'SELECT status, account_id FROM meters WHERE id = $1',
      [a.meterId],
    );
    expect(meter.rows[0]).toEqual({ status: 'installed', account_id: a.accountId });
    expect((await get(c.id)).restoredOn).toBe(today);

    // Past the period it is refused.
    const b = await account();
    const c2 = (await open(b.accountId, 'closure', { reason: '装修', temporary: true })).json();
    await fill(c2.id, undefined, '110');
    const done2 = (await submit(c2.id)).json();
    await t.call('POST', `/api/account-cases/${c2.id}/meter-removal`, {
      cookie: clerk,
      body: { version: done2.version, removedOn: today, reading: '110' },
    });
    await t.db.query('UPDATE account_cases SET restore_by = $2 WHERE id = $1', [c2.id, addDays(today, -1)]);
    expect((await get(c2.id)).overdue).toBe('restore');
    const r2 = (await open(b.accountId, 'reactivation')).json();
    await fill(r2.id, undefined, '110');
    const refused = await submit(r2.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('RESTORE_EXPIRED');
    expect(refused.json().message).toContain('须按新装办理');
  });

  it('CUS-11 the on-site check is due within 2 working days and must be recorded before approval', async () => {
    const a = await account();
    const c = (await open(a.accountId, 'natureChange', { newNature: 'CATERING', reason: '改为餐馆' })).json();
    const calendar = await loadCalendarCovering(t.db, t.companyA, [today]);
    expect(c.dueOn).toBe(calendar.addWorkingDays(today, 2));
    await fill(c.id, undefined, null);
    const res = await submit(c.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'SITE_CHECK_REQUIRED',
      details: { fields: [{ path: 'details.siteCheck' }] },
    });
    const same = await patch(c.id, { version: (await get(c.id)).version, details: { newNature: 'RES' } });
    expect(same.json()).toMatchObject({ code: 'NATURE_SAME', details: { fields: [{ path: 'details.newNature' }] } });
    const unknown = await patch(c.id, { version: (await get(c.id)).version, details: { newNature: 'W_RES' } });
    expect(unknown.json()).toMatchObject({ code: 'NATURE_NOT_FOUND' });
  });

  async function natureChange(a: Fixture, to: string) {
    const c = (await open(a.accountId, 'natureChange')).json();
    await fill(
      c.id,
      { newNature: to, reason: '经营内容变化', siteCheck: { checkedOn: today, inspector: '稽查员', opinion: '属实' } },
      null,
    );
    const res = await submit(c.id);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it('CUS-11 cheap → dear is approved by the centre director; the deputy GM is not its approver', async () => {
    const a = await account();
    const c = await natureChange(a, 'CATERING');
    expect(c).toMatchObject({
      status: 'pendingApproval',
      approval: { kind: 'usageNatureChangeUp', status: 'pending' },
    });
    expect((await accountRow(a.accountId)).usage_nature).toBe('RES');
    const selfApprove = await t.call('POST', `/api/approvals/${c.approval.id}/approve`, { cookie: clerk, body: {} });
    expect(selfApprove.statusCode).toBe(403);
    const wrong = await t.call('POST', `/api/approvals/${c.approval.id}/approve`, { cookie: deputy, body: {} });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('NOT_YOUR_STEP');
    const ok = await t.call('POST', `/api/approvals/${c.approval.id}/approve`, { cookie: director, body: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().outcome).toMatchObject({ caseNo: c.caseNo, usageNature: '经营性餐饮用气' });
    expect((await accountRow(a.accountId)).usage_nature).toBe('CATERING');
    const history = await t.db.query<{ mode: string; approval_request_id: string }>(
      'SELECT mode, approval_request_id FROM customer_changes WHERE account_id = $1',
      [a.accountId],
    );
    expect(history.rows).toEqual([{ mode: 'approved', approval_request_id: c.approval.id }]);
    const after = await get(c.id);
    expect(after).toMatchObject({ status: 'completed', newContractNo: `GYHT-${a.accountNo}-02` });
    expect(after.completedBy.fullName).toBeTruthy();
  });

  it('CUS-11 dear → cheap needs the deputy GM; the centre director is refused', async () => {
    const a = await account({ customerKind: 'commercial', nature: 'CATERING' });
    const c = await natureChange(a, 'INDUSTRY');
    expect(c.approval.kind).toBe('usageNatureChangeDown');
    const wrong = await t.call('POST', `/api/approvals/${c.approval.id}/approve`, { cookie: director, body: {} });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('NOT_YOUR_STEP');
    expect((await accountRow(a.accountId)).usage_nature).toBe('CATERING');
    const ok = await t.call('POST', `/api/approvals/${c.approval.id}/approve`, { cookie: deputy, body: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await accountRow(a.accountId)).usage_nature).toBe('INDUSTRY');
    const form = await t.call('GET', `/api/print/notices/usageNatureChangeForm/html?subjectId=${c.id}`, {
      cookie: clerk,
    });
    expect(form.body).toContain('高改低');
  });

  it('CUS-11 a rejected change is refused; a withdrawn one is open again or, cancelled by its submitter, cancelled', async () => {
    const stored = async (id: string) =>
      (
        await t.db.query<{ status: string; version: number }>(
          'SELECT status, version FROM account_cases WHERE id = $1',
          [id],
        )
      ).rows[0]!;
    const actions = async (id: string) => (await get(id)).events.map((e: { action: string }) => e.action);
    const preview = async (accountId: string) =>
      (await t.call('GET', `/api/account-cases/preview?accountId=${accountId}`, { cookie: clerk })).json();
    const a = await account();
    const c = await natureChange(a, 'CATERING');
    const reject = await t.call('POST', `/api/approvals/${c.approval.id}/reject`, {
      cookie: director,
      body: { comment: '核查不符' },
    });
    expect(reject.statusCode).toBe(200);
    // Written refused by the rejection itself, with its history row and audit.
    expect(await stored(c.id)).toEqual({ status: 'refused', version: c.version + 1 });
    expect(await get(c.id)).toMatchObject({ status: 'refused', approval: { status: 'rejected' }, canCancel: false });
    expect((await actions(c.id)).slice(-2)).toEqual(['submitted', 'refused']);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'accountCase' AND entity_id = $1 AND action = 'accountCase.refuse'`,
      [c.id],
    );
    expect(audit.rows).toHaveLength(1);
    const refusedList = (
      await t.call('GET', `/api/account-cases?status=refused&accountId=${a.accountId}`, { cookie: clerk })
    ).json();
    expect(refusedList.total).toBe(1);
    const pendingList = (
      await t.call('GET', `/api/account-cases?status=pendingApproval&accountId=${a.accountId}`, { cookie: clerk })
    ).json();
    expect(pendingList.total).toBe(0);
    // The refused case no longer blocks a new one.
    expect((await preview(a.accountId)).openCase).toBeNull();
    const c2 = await natureChange(a, 'CATERING');
    const byOther = await t.call('POST', `/api/account-cases/${c2.id}/cancel`, {
      cookie: director,
      body: { version: c2.version, reason: '撤回' },
    });
    expect(byOther.json().code).toBe('NOT_REQUESTER');
    const cancelled = await t.call('POST', `/api/account-cases/${c2.id}/cancel`, {
      cookie: clerk,
      body: { version: c2.version, reason: '用户撤回申请' },
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', version: c2.version + 1 });
    const approval = (await t.call('GET', `/api/approvals/${c2.approval.id}`, { cookie: clerk })).json();
    expect(approval.status).toBe('withdrawn');
    // The withdrawal made with the cancellation leaves the case cancelled.
    expect(await stored(c2.id)).toEqual({ status: 'cancelled', version: c2.version + 1 });
    expect((await actions(c2.id)).slice(-2)).toEqual(['submitted', 'cancelled']);

    // Withdrawn from the approvals inbox, the case is written open again, to change and resubmit.
    const c3 = await natureChange(a, 'CATERING');
    const withdrawn = await t.call('POST', `/api/approvals/${c3.approval.id}/withdraw`, { cookie: clerk, body: {} });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await stored(c3.id)).toEqual({ status: 'open', version: c3.version + 1 });
    expect(await get(c3.id)).toMatchObject({ status: 'open', approval: { status: 'withdrawn' }, canCancel: true });
    expect((await actions(c3.id)).slice(-2)).toEqual(['submitted', 'reopened']);
    const openList = (
      await t.call('GET', `/api/account-cases?status=open&accountId=${a.accountId}`, { cookie: clerk })
    ).json();
    expect(openList.items.map((x: { id: string }) => x.id)).toEqual([c3.id]);
    expect((await preview(a.accountId)).openCase).toMatchObject({ id: c3.id, caseNo: c3.caseNo });
    expect((await open(a.accountId, 'natureChange')).json().code).toBe('CASE_ALREADY_OPEN');
    const again = await submit(c3.id);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'pendingApproval', approval: { status: 'pending' } });
    expect(again.json().approval.id).not.toBe(c3.approval.id);
  });

  it('CUS-9 the change-of-name notice prints for a C&I account only', async () => {
    const shop = await account({ customerKind: 'commercial' });
    const notice = await t.call('GET', `/api/print/notices/renameNotice/html?subjectId=${shop.accountId}`, {
      cookie: clerk,
    });
    expect(notice.statusCode).toBe(200);
    expect(notice.body).toContain('因你处的经营户已作变更');
    expect(notice.body).toContain('95777');
    const home = await account();
    const refused = await t.call('GET', `/api/print/notices/renameNotice/html?subjectId=${home.accountId}`, {
      cookie: clerk,
    });
    expect(refused.statusCode).toBe(409);
  });

  it('IAM-5 the register pages, filters and sorts; its export needs an approved request', async () => {
    const page = (await t.call('GET', '/api/account-cases?pageSize=2&sort=caseNo&order=asc', { cookie: clerk })).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect(page.items[0].caseNo < page.items[1].caseNo).toBe(true);
    const transfers = (
      await t.call('GET', `/api/account-cases?kind=transfer&from=${today}&to=${today}`, { cookie: clerk })
    ).json();
    expect(transfers.items.every((i: { kind: string }) => i.kind === 'transfer')).toBe(true);
    const exported = await t.call('GET', '/api/exports/accountCases?kind=transfer', { cookie: clerk });
    expect(exported.statusCode).toBe(403);
    expect(exported.json().code).toBe('EXPORT_APPROVAL_REQUIRED');
  });

  it('ORG-1 a case of another company is not found, and lists stay within the company', async () => {
    const a = await account();
    const c = (await open(a.accountId, 'suspension')).json();
    expect((await t.call('GET', `/api/account-cases/${c.id}`, { cookie: clerkB })).statusCode).toBe(404);
    const patchB = await patch(c.id, { version: c.version, documents: [] }, clerkB);
    expect(patchB.statusCode).toBe(404);
    expect((await open(a.accountId, 'closure', undefined, clerkB)).statusCode).toBe(404);
    const previewB = await t.call('GET', `/api/account-cases/preview?accountId=${a.accountId}`, { cookie: clerkB });
    expect(previewB.statusCode).toBe(404);
    const listB = (await t.call('GET', '/api/account-cases', { cookie: clerkB })).json();
    expect(listB.total).toBe(0);
    const form = await t.call('GET', `/api/print/notices/suspensionForm/html?subjectId=${c.id}`, { cookie: clerkB });
    expect(form.statusCode).toBe(404);
  });

  it('CUS-10 only holders of customer.case open cases', async () => {
    const a = await account();
    const agent = await t.login('hotline.agent');
    const res = await open(a.accountId, 'suspension', undefined, agent);
    expect(res.statusCode).toBe(403);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { issueInvoice, voidInvoice } from '../src/modules/invoices/service.js';
import { signRequestToken } from '../src/modules/invoices/token.js';
import { addDays, businessToday } from '../src/platform/calendar/workdays.js';
import type { Actor } from '../src/platform/context.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);

describe.each(dbKinds)('invoices on %s', (kind) => {
  let t: TestApp;
  let keeper: string;
  let cashier: string;
  let clerk: string;
  let supervisor: string;
  let auditor: string;
  let cashierB: string;
  let cashierActor: Actor;
  const today = businessToday();
  const year = Number(today.slice(0, 4));
  /** Residential accounts (with the customer's name) and C&I ones. */
  const res: { id: string; name: string; idNo: string | null }[] = [];
  const ci: { id: string; name: string }[] = [];

  const pay = async (accountId: string, amount = '100.00', cookie = cashier) => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/payments',
      headers: { cookie, 'idempotency-key': randomUUID() },
      payload: { accountId, tenders: [{ method: 'cash', amount }] },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; no: string; amount: string };
  };
  const issue = (body: Record<string, unknown>, cookie = cashier) => t.call('POST', '/api/invoices', { cookie, body });
  /** Moves a payment to another business day (noon, Shanghai). */
  const receivedOn = (paymentId: string, day: string) =>
    t.db.query(
      `UPDATE payments SET received_on = $3::text::date, received_at = ($3::text || 'T12:00:00+08:00')::timestamptz
        WHERE company_id = $1 AND id = $2`,
      [t.companyA, paymentId, day],
    );
  /** A checked range of `kind` stock for the holder. */
  const stock = async (stockKind: string, series: string, holderId: string, cookie = cashier) => {
    const batch = await t.call('POST', '/api/fiscal-stock/batches', {
      cookie: keeper,
      body: { kind: stockKind, series, fromNo: '00000001', toNo: '00000050', parts: 3 },
    });
    expect(batch.statusCode, batch.body).toBe(201);
    const range = await t.call('POST', '/api/fiscal-stock/ranges', {
      cookie: keeper,
      body: { batchId: batch.json().id, holderId, fromNo: '00000001', toNo: '00000020' },
    });
    expect(range.statusCode, range.body).toBe(201);
    const check = await t.call('POST', `/api/fiscal-stock/ranges/${range.json().id}/check`, {
      cookie,
      body: { count: 20, missing: [] },
    });
    expect(check.statusCode, check.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    keeper = await t.login('receipt.keeper');
    cashier = await t.login('cashier');
    clerk = await t.login('hall.clerk');
    supervisor = await t.login('centre.supervisor');
    auditor = await t.login('auditor');
    cashierB = await t.login('b.cashier');
    await generateAccounts(t.db, t.companyA, { count: 10, seed: 91 });
    const { rows } = await t.db.query<{ id: string; customerId: string; name: string; idNo: string | null }>(
      `SELECT a.id, a.customer_id AS "customerId", c.name, c.id_no AS "idNo"
         FROM accounts a JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
        WHERE a.company_id = $1 ORDER BY a.account_no LIMIT 8`,
      [t.companyA],
    );
    for (const [i, r] of rows.entries()) {
      const commercial = i >= 5;
      // Residential or C&I by the usage nature (RES residential, CATERING commercial).
      await t.db.query(`UPDATE customers SET kind = $3, tax_no = NULL WHERE company_id = $1 AND id = $2`, [
        t.companyA,
        r.customerId,
        commercial ? 'commercial' : 'residential',
      ]);
      await t.db.query(`UPDATE accounts SET usage_nature = $3 WHERE company_id = $1 AND id = $2`, [
        t.companyA,
        r.id,
        commercial ? 'CATERING' : 'RES',
      ]);
      if (commercial) ci.push({ id: r.id, name: r.name });
      else res.push({ id: r.id, name: r.name, idNo: r.idNo });
    }
    const holders = (await t.call('GET', '/api/fiscal-stock/holders', { cookie: keeper })).json().items as {
      id: string;
      username: string;
    }[];
    const cashierId = holders.find((h) => h.username === 'cashier')!.id;
    cashierActor = { companyId: t.companyA, userId: cashierId, name: '收费员' };
    await stock('invoiceGeneral', '037002600111', cashierId);
    await stock('invoiceSpecial', '037002600222', cashierId);
  });
  afterAll(() => t?.close());

  it('PAY-6 invoice within 30 days: several payments of one account, a number of the issuer’s stock', async () => {
    const a = res[0]!;
    const p1 = await pay(a.id, '100.00');
    const p2 = await pay(a.id, '58.50');
    const res1 = await issue({ accountId: a.id, paymentIds: [p1.id, p2.id], kind: 'general', buyer: {} });
    expect(res1.statusCode, res1.body).toBe(201);
    const inv = res1.json();
    expect(inv).toMatchObject({
      kind: 'general',
      status: 'issued',
      invoiceCode: '037002600111',
      invoiceNo: '00000001',
      amount: '158.50',
      buyerTitle: a.name,
      buyerKind: 'residential',
      issuedOn: today,
    });
    // 价税分离 at 9 %: 158.50 / 1.09 = 145.41, tax 13.09.
    expect(inv).toMatchObject({ netAmount: '145.41', taxAmount: '13.09', taxRate: '0.0900' });
    expect(inv.payments.map((p: { no: string }) => p.no).sort()).toEqual([p1.no, p2.no].sort());
    const used = await t.db.query<{ status: string; reference: string }>(
      `SELECT status, reference FROM fiscal_numbers WHERE company_id = $1 AND kind = 'invoiceGeneral' AND number = '00000001'`,
      [t.companyA],
    );
    expect(used.rows).toEqual([{ status: 'used', reference: `invoice:${inv.id}` }]);
    // Payments of another account cannot join; the account screen shows them invoiced.
    const other = await pay(res[1]!.id);
    const mixed = await issue({ accountId: a.id, paymentIds: [other.id], kind: 'general', buyer: {} });
    expect(mixed.json().code).toBe('PAYMENTS_OF_SEVERAL_ACCOUNTS');
    expect(fieldsOf(mixed.json())).toEqual(['paymentIds']);
    const screen = (await t.call('GET', `/api/invoices/accounts/${a.id}`, { cookie: cashier })).json();
    expect(screen.withinDays).toBe(30);
    expect(screen.payments.find((p: { id: string }) => p.id === p1.id)).toMatchObject({
      invoiceable: false,
      invoiceNo: '00000001',
    });

    // The window, on injected business dates of one year: day 30 is in, day 31 is out.
    const inside = await pay(a.id, '10.00');
    const outside = await pay(a.id, '11.00');
    await receivedOn(inside.id, `${year}-03-01`);
    await receivedOn(outside.id, `${year}-03-01`);
    const onDay30 = await t.db.tx((tx) =>
      issueInvoice(
        tx,
        cashierActor,
        { accountId: a.id, paymentIds: [inside.id], kind: 'electronic', buyer: {} },
        { today: `${year}-03-31` },
      ),
    );
    expect(onDay30).toMatchObject({ kind: 'electronic', amount: '10.00', issuedOn: `${year}-03-31` });
    const late = await t.db
      .tx((tx) =>
        issueInvoice(
          tx,
          cashierActor,
          { accountId: a.id, paymentIds: [outside.id], kind: 'electronic', buyer: {} },
          { today: `${year}-04-01` },
        ),
      )
      .catch((e: { code: string; fieldTexts: { path: string }[] }) => e);
    expect(late).toMatchObject({ code: 'OUTSIDE_WINDOW', fieldTexts: [{ path: 'paymentIds' }] });
  });

  it('PAY-6 an invoice across years is refused, even within 30 days', async () => {
    const a = res[2]!;
    const p = await pay(a.id, '66.00');
    await receivedOn(p.id, `${year - 1}-12-28`);
    const now = await issue({ accountId: a.id, paymentIds: [p.id], kind: 'general', buyer: {} });
    expect(now.statusCode).toBe(400);
    expect(now.json().code).toBe('CROSS_YEAR');
    expect(fieldsOf(now.json())).toEqual(['paymentIds']);
    // On 5 January (8 days after the payment) it is still another year.
    const jan5 = await t.db
      .tx((tx) =>
        issueInvoice(
          tx,
          cashierActor,
          { accountId: a.id, paymentIds: [p.id], kind: 'electronic', buyer: {} },
          { today: `${year}-01-05` },
        ),
      )
      .catch((e: { code: string }) => e);
    expect(jan5).toMatchObject({ code: 'CROSS_YEAR' });
    // Nothing was taken: no invoice, no stock number.
    const n = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM invoice_payments WHERE company_id = $1 AND payment_id = $2`,
      [t.companyA, p.id],
    );
    expect(n.rows[0]!.n).toBe(0);
  });

  it('PAY-6 C&I without tax ID is refused naming the field; residential invoices are made out to the customer', async () => {
    const c = ci[0]!;
    const p = await pay(c.id, '500.00');
    const noTax = await issue({ accountId: c.id, paymentIds: [p.id], kind: 'general', buyer: { title: c.name } });
    expect(noTax.statusCode).toBe(400);
    expect(noTax.json().code).toBe('TAX_NO_REQUIRED');
    expect(fieldsOf(noTax.json())).toEqual(['buyer.taxNo']);
    expect(noTax.json().message).toContain('纳税人识别号');
    const badTax = await issue({
      accountId: c.id,
      paymentIds: [p.id],
      kind: 'general',
      buyer: { title: c.name, taxNo: '123' },
    });
    expect(fieldsOf(badTax.json())).toEqual(['buyer.taxNo']);
    const ok = await issue({
      accountId: c.id,
      paymentIds: [p.id],
      kind: 'general',
      buyer: { title: '某某餐饮有限公司', taxNo: '91370000ma3c00000x' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ buyerTaxNo: '91370000MA3C00000X', buyerKind: 'commercial' });

    const r = res[1]!;
    const rp = await pay(r.id);
    const other = await issue({ accountId: r.id, paymentIds: [rp.id], kind: 'general', buyer: { title: '别人' } });
    expect(other.json().code).toBe('RESIDENTIAL_TITLE');
    expect(fieldsOf(other.json())).toEqual(['buyer.title']);
    const special = await issue({ accountId: r.id, paymentIds: [rp.id], kind: 'special', buyer: {} });
    expect(fieldsOf(special.json())).toEqual(['kind']);
  });

  it('PAY-6 a special invoice needs address, phone, bank name and bank account', async () => {
    const c = ci[1]!;
    const p = await pay(c.id, '1090.00');
    const buyer = { title: '某某工业有限公司', taxNo: '91370000MA3C11111Y' };
    const bare = await issue({ accountId: c.id, paymentIds: [p.id], kind: 'special', buyer });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().code).toBe('SPECIAL_FIELD_REQUIRED');
    expect(fieldsOf(bare.json())).toEqual(['buyer.address']);
    const noBank = await issue({
      accountId: c.id,
      paymentIds: [p.id],
      kind: 'special',
      buyer: { ...buyer, address: '演示市工业路 8 号', phone: '0632-5550001', bankName: '' },
    });
    expect(fieldsOf(noBank.json())).toEqual(['buyer.bankName']);
    const full = await issue({
      accountId: c.id,
      paymentIds: [p.id],
      kind: 'special',
      buyer: {
        ...buyer,
        address: '演示市工业路 8 号',
        phone: '0632-5550001',
        bankName: '工商银行演示支行',
        bankAccount: '1605000000000000001',
      },
    });
    expect(full.statusCode, full.body).toBe(201);
    expect(full.json()).toMatchObject({
      kind: 'special',
      invoiceCode: '037002600222',
      invoiceNo: '00000001',
      netAmount: '1000.00',
      taxAmount: '90.00',
    });
    // The document prints the invoice (HTML; PDF through Chromium).
    const html = await t.call('GET', `/api/invoices/${full.json().id}/document?format=html`, { cookie: auditor });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('增值税专用发票');
    expect(html.body).toContain('壹仟零玖拾元整');
  });

  it('PAY-6 a payment invoiced twice at once gets one invoice', async () => {
    const a = res[3]!;
    const p = await pay(a.id, '80.00');
    const body = { accountId: a.id, paymentIds: [p.id], kind: 'electronic', buyer: {} };
    const both = await Promise.all([issue(body, cashier), issue(body, clerk)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('ALREADY_INVOICED');
    const n = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM invoice_payments WHERE company_id = $1 AND payment_id = $2`,
      [t.companyA, p.id],
    );
    expect(n.rows[0]!.n).toBe(1);
  });

  it('PAY-6 void and re-issue: paper number voided with all parts, payments freed, re-issued once', async () => {
    const a = res[4]!;
    const p = await pay(a.id, '120.00');
    const first = (await issue({ accountId: a.id, paymentIds: [p.id], kind: 'general', buyer: {} })).json();
    // Re-issue needs a voided invoice; voiding needs invoice.void.
    expect(
      (await t.call('POST', `/api/invoices/${first.id}/reissue`, { cookie: cashier, body: { buyer: {} } })).json(),
    ).toMatchObject({ code: 'WRONG_STATUS' });
    expect(
      (await t.call('POST', `/api/invoices/${first.id}/void`, { cookie: cashier, body: { reason: '抬头错误' } }))
        .statusCode,
    ).toBe(403);
    const noReason = await t.call('POST', `/api/invoices/${first.id}/void`, { cookie: supervisor, body: {} });
    expect(fieldsOf(noReason.json())).toEqual(['reason']);
    const voided = await t.call('POST', `/api/invoices/${first.id}/void`, {
      cookie: supervisor,
      body: { reason: '抬头错误' },
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'voided', voidReason: '抬头错误' });
    expect(voided.json().payments[0].active).toBe(false);
    const number = await t.db.query<{ status: string; cause: string; parts: number }>(
      `SELECT status, cause, parts FROM fiscal_numbers WHERE company_id = $1 AND kind = 'invoiceGeneral' AND number = $2`,
      [t.companyA, first.invoiceNo],
    );
    expect(number.rows).toEqual([{ status: 'voided', cause: 'error', parts: 3 }]);
    const again = await t.call('POST', `/api/invoices/${first.id}/void`, {
      cookie: supervisor,
      body: { reason: 'x2' },
    });
    expect(again.statusCode).toBe(409);
    // The payment is invoiceable again.
    const screen = (await t.call('GET', `/api/invoices/accounts/${a.id}`, { cookie: cashier })).json();
    expect(screen.payments.find((x: { id: string }) => x.id === p.id)).toMatchObject({ invoiceable: true });

    const re = await t.call('POST', `/api/invoices/${first.id}/reissue`, { cookie: cashier, body: { buyer: {} } });
    expect(re.statusCode, re.body).toBe(201);
    expect(re.json()).toMatchObject({ replacesId: first.id, amount: '120.00', kind: 'general', status: 'issued' });
    expect(re.json().invoiceNo).not.toBe(first.invoiceNo);
    const old = (await t.call('GET', `/api/invoices/${first.id}`, { cookie: auditor })).json();
    expect(old.replacedById).toBe(re.json().id);
    // Re-issued once only.
    await t.call('POST', `/api/invoices/${re.json().id}/void`, { cookie: supervisor, body: { reason: '金额有误' } });
    const twice = await t.call('POST', `/api/invoices/${first.id}/reissue`, { cookie: cashier, body: { buyer: {} } });
    expect(twice.json().code).toBe('ALREADY_REISSUED');

    // A paper invoice is voided in its month only (later: refused, nothing changes).
    const paper = (
      await issue({ accountId: a.id, paymentIds: [(await pay(a.id, '9.00')).id], kind: 'general', buyer: {} })
    ).json();
    const sup = await t.db.query<{ id: string }>(
      `SELECT id FROM users WHERE company_id = $1 AND username = 'centre.supervisor'`,
      [t.companyA],
    );
    const nextMonth = addDays(`${today.slice(0, 7)}-01`, 40);
    const late = await t.db
      .tx((tx) =>
        voidInvoice(tx, { companyId: t.companyA, userId: sup.rows[0]!.id, name: '主管' }, paper.id, '过月', nextMonth),
      )
      .catch((e: { code: string }) => e);
    expect(late).toMatchObject({ code: 'VOID_MONTH_PASSED' });
    expect((await t.call('GET', `/api/invoices/${paper.id}`, { cookie: auditor })).json().status).toBe('issued');

    // An e-invoice is voided by a red-letter note of the service.
    const e = (await issue({ accountId: a.id, paymentIds: [p.id], kind: 'electronic', buyer: {} })).json();
    const red = await t.call('POST', `/api/invoices/${e.id}/void`, {
      cookie: supervisor,
      body: { reason: '用户退回' },
    });
    expect(red.json().redInvoiceNo).toMatch(/^H\d{8}$/);
    // Audited.
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE company_id = $1 AND entity_type = 'invoice' AND entity_id = $2 ORDER BY at`,
      [t.companyA, first.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['invoice.issue', 'invoice.void']);
  });

  it('PAY-6 e-invoice via the receipt QR token; a bad or expired token is refused', async () => {
    const a = res[0]!;
    const p = await pay(a.id, '42.00');
    const receipt = await t.call('GET', `/api/payments/${p.id}/receipt?format=html`, { cookie: cashier });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('data:image/svg+xml;base64,');
    expect(receipt.body).toContain('扫码开电子发票');
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(receipt.body)![1]!, 'base64');
    expect(svg.toString()).toContain('<svg');
    // The PDF still renders with the QR code in it (offline Chromium, data: image).
    const pdf = await t.call('GET', `/api/payments/${p.id}/receipt?format=pdf`, { cookie: cashier });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const token = await signRequestToken(t.db, t.companyA, p.id, addDays(today, 30));
    const page = await t.call('GET', `/api/public/e-invoice/${token}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ paymentNo: p.no, amount: '42.00', invoice: null });
    expect(page.json().customerName).not.toBe(a.name);
    const noEmail = await t.call('POST', `/api/public/e-invoice/${token}`, { body: {} });
    expect(noEmail.statusCode).toBe(400);
    expect(fieldsOf(noEmail.json())).toEqual(['email']);
    const done = await t.call('POST', `/api/public/e-invoice/${token}`, { body: { email: 'zhang@example.com' } });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().invoice).toMatchObject({ kind: 'electronic', amount: '42.00', status: 'issued' });
    expect(done.json().invoice.buyerTitle).toBe(page.json().customerName);
    const doc = await t.call('GET', `/api/public/e-invoice/${token}/document?format=html`);
    expect(doc.statusCode).toBe(200);
    expect(doc.body).toContain(done.json().invoice.invoiceNo);
    expect(
      (await t.call('POST', `/api/public/e-invoice/${token}`, { body: { email: 'z@example.com' } })).statusCode,
    ).toBe(409);
    const list = (await t.call('GET', `/api/invoices?channel=qr`, { cookie: auditor })).json();
    const viaQr = list.items.find((i: { buyerEmail: string }) => i.buyerEmail === 'zhang@example.com');
    expect(viaQr).toMatchObject({ buyerTitle: a.name, channel: 'qr', issuedBy: null });

    // A tampered token, another payment's id under this signature, an expired one.
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    const bad = await t.call('GET', `/api/public/e-invoice/${tampered}`);
    expect(bad.statusCode).toBe(403);
    expect(bad.json().code).toBe('TOKEN_INVALID');
    expect((await t.call('GET', '/api/public/e-invoice/not-a-token')).statusCode).toBe(403);
    const other = await pay(a.id, '1.00');
    const parts = token.split('.');
    parts[2] = Buffer.from(other.id.replaceAll('-', ''), 'hex').toString('base64url');
    expect(
      (await t.call('POST', `/api/public/e-invoice/${parts.join('.')}`, { body: { email: 'x@y.cn' } })).statusCode,
    ).toBe(403);
    const old = await signRequestToken(t.db, t.companyA, other.id, addDays(today, -1));
    const expired = await t.call('POST', `/api/public/e-invoice/${old}`, { body: { email: 'x@y.cn' } });
    expect(expired.statusCode).toBe(410);

    // C&I through the QR page: the tax ID is named by the page's own field.
    const c = ci[2]!;
    const cp = await pay(c.id, '300.00');
    const ciToken = await signRequestToken(t.db, t.companyA, cp.id, addDays(today, 30));
    const noTax = await t.call('POST', `/api/public/e-invoice/${ciToken}`, {
      body: { title: '某某公司', email: 'fin@example.com' },
    });
    expect(fieldsOf(noTax.json())).toEqual(['taxNo']);
  });

  it('PAY-6 invoice info changes only against proof, and prefills the buyer', async () => {
    const c = ci[2]!;
    const body = {
      title: '某某商贸有限公司',
      taxNo: '91370000MA3C22222Z',
      address: '演示市商贸路 2 号',
      phone: '0632-5550002',
      bankName: '农业银行演示支行',
      bankAccount: '6228000000000000',
      proofKind: 'idNo',
      proofNo: '370000199001010000',
    };
    const wrongProof = await t.call('PUT', `/api/invoices/accounts/${c.id}/info`, { cookie: cashier, body });
    expect(fieldsOf(wrongProof.json())).toEqual(['proofKind']);
    const mismatch = await t.call('PUT', `/api/invoices/accounts/${c.id}/info`, {
      cookie: cashier,
      body: { ...body, proofKind: 'taxNo', proofNo: '91370000MA3C99999Z' },
    });
    expect(fieldsOf(mismatch.json())).toEqual(['proofNo']);
    const ok = await t.call('PUT', `/api/invoices/accounts/${c.id}/info`, {
      cookie: cashier,
      body: { ...body, proofKind: 'taxNo', proofNo: body.taxNo },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: body.title, taxNo: body.taxNo, version: 1 });
    expect(ok.json().updatedBy.name).toBeTruthy();
    expect((await t.call('PUT', `/api/invoices/accounts/${c.id}/info`, { cookie: auditor, body })).statusCode).toBe(
      403,
    );
    const screen = (await t.call('GET', `/api/invoices/accounts/${c.id}`, { cookie: cashier })).json();
    expect(screen).toMatchObject({ customerKind: 'commercial', info: { taxNo: body.taxNo } });

    const r = res[1]!;
    const resBody = { title: r.name, proofKind: 'idNo', proofNo: r.idNo ? `${r.idNo}9` : 'X1234' };
    if (r.idNo) {
      const wrongId = await t.call('PUT', `/api/invoices/accounts/${r.id}/info`, { cookie: cashier, body: resBody });
      expect(fieldsOf(wrongId.json())).toEqual(['proofNo']);
    }
    const otherTitle = await t.call('PUT', `/api/invoices/accounts/${r.id}/info`, {
      cookie: cashier,
      body: { ...resBody, title: '别人', proofNo: r.idNo ?? 'X1234' },
    });
    expect(fieldsOf(otherTitle.json())).toEqual(['title']);
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE company_id = $1 AND action = 'invoice.infoChange' AND entity_id = $2`,
      [t.companyA, c.id],
    );
    expect(audit.rows[0]!.n).toBe(1);
    // Company-scoped: another company's cashier sees none of it.
    expect((await t.call('GET', `/api/invoices/accounts/${c.id}`, { cookie: cashierB })).statusCode).toBe(404);
  });

  it('PAY-5 receipt number taken from the cashier’s range on the first print, the same on reprint', async () => {
    const holders = (await t.call('GET', '/api/fiscal-stock/holders', { cookie: keeper })).json().items as {
      id: string;
      username: string;
    }[];
    await stock('receipt', 'SJ-R', holders.find((h) => h.username === 'cashier')!.id);
    const a = res[3]!;
    const p1 = await pay(a.id, '20.00');
    const p2 = await pay(a.id, '21.00');
    const print = async (id: string, cookie = cashier) => {
      const r = await t.call('GET', `/api/payments/${id}/receipt?format=html`, { cookie });
      expect(r.statusCode, r.body).toBe(200);
      return /票据号：([^<]+)</.exec(r.body)![1];
    };
    // Someone who only reads payments prints no number and takes none.
    expect(await print(p1.id, auditor)).toBe('无票据号');
    expect(await print(p1.id)).toBe('SJ-R 00000001');
    expect(await print(p1.id)).toBe('SJ-R 00000001');
    expect(await print(p2.id)).toBe('SJ-R 00000002');
    expect(await print(p1.id, auditor)).toBe('SJ-R 00000001');
    const used = await t.db.query<{ number: string; reference: string }>(
      `SELECT number, reference FROM fiscal_numbers WHERE company_id = $1 AND kind = 'receipt' ORDER BY n`,
      [t.companyA],
    );
    expect(used.rows).toEqual([
      { number: '00000001', reference: `payment:${p1.id}` },
      { number: '00000002', reference: `payment:${p2.id}` },
    ]);
    // A desk without receipt stock still prints, saying so, and says so again on reprint.
    const p3 = await pay(a.id, '22.00', clerk);
    expect(await print(p3.id, clerk)).toBe('无票据号');
    expect(await print(p3.id)).toBe('无票据号');
  });

  it('PAY-6 permissions: readers list and export, only issuers issue', async () => {
    const list = await t.call('GET', '/api/invoices?sort=amount&order=asc&pageSize=5', { cookie: auditor });
    expect(list.statusCode).toBe(200);
    const amounts = list.json().items.map((i: { amount: string }) => Number(i.amount));
    expect(amounts).toEqual([...amounts].sort((x, y) => x - y));
    const p = await pay(res[2]!.id);
    const denied = await issue({ accountId: res[2]!.id, paymentIds: [p.id], kind: 'electronic', buyer: {} }, auditor);
    expect(denied.statusCode).toBe(403);
    expect((await t.call('GET', '/api/invoices', { cookie: cashierB })).json().total).toBe(0);
  });

  it('PAY-6 a desk invoice and the QR page for one payment at once: one invoice, the other 409, never a deadlock', async () => {
    // Both lock the account, then the payment (the QR page used to lock the payment first: a deadlock, 500).
    const a = res[1]!;
    for (let i = 0; i < 3; i++) {
      const p = await pay(a.id, `3${i}.00`);
      const token = await signRequestToken(t.db, t.companyA, p.id, addDays(today, 30));
      const both = await Promise.all([
        issue({ accountId: a.id, paymentIds: [p.id], kind: 'electronic', buyer: {} }),
        t.call('POST', `/api/public/e-invoice/${token}`, { body: { email: 'desk-and-qr@example.com' } }),
      ]);
      expect(both.map((r) => r.statusCode).sort(), both.map((r) => r.body).join('\n')).toEqual([201, 409]);
      const n = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM invoice_payments WHERE company_id = $1 AND payment_id = $2 AND active`,
        [t.companyA, p.id],
      );
      expect(n.rows[0]!.n).toBe(1);
    }
  });

  it('PAY-5 two first prints at once by one cashier take two receipt numbers: none fails, none is shared', async () => {
    // The cashier's receipt range of the PAY-5 test above; both prints see the same next number at first.
    const a = res[2]!;
    const p1 = await pay(a.id, '11.00');
    const p2 = await pay(a.id, '12.00');
    const both = await Promise.all(
      [p1, p2].map((p) => t.call('GET', `/api/payments/${p.id}/receipt?format=html`, { cookie: cashier })),
    );
    for (const r of both) expect(r.statusCode, r.body).toBe(200);
    const numbers = both.map((r) => /票据号：([^<]+)</.exec(r.body)![1]);
    expect(numbers.every((n) => /^SJ-R \d{8}$/.test(n!))).toBe(true);
    expect(new Set(numbers).size).toBe(2);
  });

  it('PAY-6 a QR token of a company that signed nothing is refused and makes no key (public routes never write)', async () => {
    await t.db.query('DELETE FROM invoice_request_keys WHERE company_id = $1', [t.companyB]);
    const b64 = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url');
    const forged = `v1.${b64(t.companyB)}.${b64(randomUUID())}.${addDays(today, 5).replaceAll('-', '')}.${'A'.repeat(22)}`;
    const r = await t.call('GET', `/api/public/e-invoice/${forged}`);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('TOKEN_INVALID');
    const keys = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM invoice_request_keys WHERE company_id = $1',
      [t.companyB],
    );
    expect(keys.rows[0]!.n).toBe(0);
  });

  it('PAY-6 C&I invoice info: the tax ID presented must be the customer’s on record', async () => {
    const c = ci[0]!;
    const onRecord = '91370000MA3C33333X';
    await t.db.query(
      `UPDATE customers SET tax_no = $3 WHERE company_id = $1 AND id = (SELECT customer_id FROM accounts WHERE company_id = $1 AND id = $2)`,
      [t.companyA, c.id, onRecord],
    );
    const other = '91370000MA3C44444Y';
    const body = { title: '某某餐饮有限公司', taxNo: other, proofKind: 'taxNo', proofNo: other };
    const forged = await t.call('PUT', `/api/invoices/accounts/${c.id}/info`, { cookie: cashier, body });
    expect(forged.statusCode).toBe(400);
    expect(fieldsOf(forged.json())).toEqual(['proofNo']);
    const ok = await t.call('PUT', `/api/invoices/accounts/${c.id}/info`, {
      cookie: cashier,
      body: { ...body, taxNo: onRecord, proofNo: onRecord },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    await t.db.query(
      `UPDATE customers SET tax_no = NULL WHERE company_id = $1 AND id = (SELECT customer_id FROM accounts WHERE company_id = $1 AND id = $2)`,
      [t.companyA, c.id],
    );
  });

  it('PAY-6 a payment with a live invoice is not reversed: the invoice is voided first', async () => {
    const a = res[3]!;
    const p = await pay(a.id, '35.00');
    const inv = (await issue({ accountId: a.id, paymentIds: [p.id], kind: 'electronic', buyer: {} })).json();
    const refused = await t.call('POST', `/api/payments/${p.id}/reversal`, {
      cookie: cashier,
      body: { reason: '收错户' },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('INVOICED');
    const voided = await t.call('POST', `/api/invoices/${inv.id}/void`, {
      cookie: supervisor,
      body: { reason: '收错户' },
    });
    expect(voided.statusCode, voided.body).toBe(200);
    const filed = await t.call('POST', `/api/payments/${p.id}/reversal`, {
      cookie: cashier,
      body: { reason: '收错户' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
  });
});

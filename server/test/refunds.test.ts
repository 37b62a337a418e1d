import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { addDays, businessToday } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);
const HALL_DOCS = ['idCopy', 'originalReceipt', 'statement'];

describe.each(dbKinds)('refunds on %s', (kind) => {
  let t: TestApp;
  let cashier: string;
  let clerk: string;
  let reader: string;
  let leader: string;
  let director: string;
  let manager: string;
  let finance: string;
  let financeDirector: string;
  let bClerk: string;
  let ci: string;
  const acc: string[] = [];
  const today = businessToday();

  const pay = async (accountId: string, amount: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/payments',
      headers: { cookie: cashier, 'idempotency-key': randomUUID() },
      payload: { accountId, tenders: [{ method: 'cash', amount }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const bill = (accountId: string, amount: string, period: string) =>
    t.db.query(
      `INSERT INTO ledger_entries (company_id, account_id, kind, period, amount, due_on) VALUES ($1, $2, 'bill', $3, $4, $5)`,
      [t.companyA, accountId, period, amount, addDays(today, 20)],
    );
  const file = (body: Record<string, unknown>, cookie = clerk) => t.call('POST', '/api/refunds', { cookie, body });
  const review = (id: string, body: unknown, cookie = director) =>
    t.call('POST', `/api/refunds/${id}/review`, { cookie, body });
  const entriesOf = async (accountId: string, kinds: string[]) =>
    (
      await t.db.query<{ kind: string; amount: string; sourceId: string }>(
        `SELECT kind, amount::text AS amount, source_id AS "sourceId" FROM ledger_entries
          WHERE company_id = $1 AND account_id = $2 AND kind = ANY($3) ORDER BY posted_at, id`,
        [t.companyA, accountId, kinds],
      )
    ).rows;
  const sumOf = async (accountId: string) =>
    (
      await t.db.query<{ s: string }>(
        `SELECT coalesce(sum(amount), 0)::numeric(14, 2)::text AS s FROM ledger_entries WHERE company_id = $1 AND account_id = $2`,
        [t.companyA, accountId],
      )
    ).rows[0]!.s;

  beforeAll(async () => {
    t = await createTestApp(kind);
    [cashier, clerk, reader, leader, director, manager, finance, financeDirector, bClerk] = await Promise.all([
      t.login('cashier'),
      t.login('hall.clerk'),
      t.login('meter.reader'),
      t.login('team.leader'),
      t.login('centre.director'),
      t.login('department.manager'),
      t.login('finance'),
      t.login('finance.director'),
      t.login('b.hall.clerk'),
    ]);
    ci = leader;
    await generateAccounts(t.db, t.companyA, { count: 14, seed: 57 });
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT a.id FROM accounts a JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
        WHERE a.company_id = $1 AND c.kind = 'residential'
          AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.company_id = a.company_id AND e.account_id = a.id)
        ORDER BY a.account_no LIMIT 8`,
      [t.companyA],
    );
    acc.push(...rows.map((r) => r.id));
  });
  afterAll(() => t?.close());

  it('PAY-7: a refund above the prepayment is refused (400 naming amount); so are 3 decimals and missing documents', async () => {
    const a = acc[0]!;
    await pay(a, '200.00');
    const list = await t.call('GET', `/api/refunds/checklist?accountId=${a}&caseKind=wrongAmount`, { cookie: clerk });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ prepayment: '200.00', available: '200.00' });
    expect(list.json().documents.map((d: { code: string }) => d.code)).toContain('originalReceipt');

    const above = await file({ accountId: a, caseKind: 'wrongAmount', amount: '200.01', documents: HALL_DOCS });
    expect(above.statusCode).toBe(400);
    expect(fieldsOf(above.json())).toEqual(['amount']);
    expect(above.json().message).toContain('200.00');
    const decimals = await file({ accountId: a, caseKind: 'wrongAmount', amount: '10.005', documents: HALL_DOCS });
    expect(decimals.statusCode).toBe(400);
    expect(fieldsOf(decimals.json())).toEqual(['amount']);
    const docs = await file({ accountId: a, caseKind: 'wrongAmount', amount: '10.00', documents: ['idCopy'] });
    expect(docs.statusCode).toBe(400);
    expect(fieldsOf(docs.json())).toEqual(['documents']);
    expect(docs.json().message).toContain('缴费收据');

    // A filed refund holds its amount: a second one can only take what is left.
    const first = await file({ accountId: a, caseKind: 'wrongAmount', amount: '150.00', documents: HALL_DOCS });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'submitted', amount: '150.00' });
    expect(first.json().documents.find((d: { code: string }) => d.code === 'bankCard')).toMatchObject({
      checked: false,
      required: false,
    });
    const second = await file({ accountId: a, caseKind: 'wrongAmount', amount: '60.00', documents: HALL_DOCS });
    expect(second.statusCode).toBe(400);
    expect(second.json().message).toContain('50.00');
    expect(await entriesOf(a, ['refund', 'prepaymentTransfer'])).toEqual([]);
  });

  it('PAY-7: the reading centre files reading-error refunds, the hall the customer-caused ones, the C&I team C&I ones', async () => {
    const a = acc[1]!;
    await pay(a, '100.00');
    const byClerk = await file({
      accountId: a,
      caseKind: 'readingError',
      amount: '10.00',
      documents: ['idCopy', 'siteCheck'],
    });
    expect(byClerk.statusCode).toBe(403);
    expect(fieldsOf(byClerk.json())).toEqual(['caseKind']);
    const byReader = await file(
      { accountId: a, caseKind: 'readingError', amount: '10.00', documents: ['idCopy', 'siteCheck'] },
      reader,
    );
    expect(byReader.statusCode, byReader.body).toBe(201);
    // Four eyes: the team leader who filed one does not review it.
    const byLeader = await file(
      { accountId: a, caseKind: 'readingError', amount: '5.00', documents: ['idCopy', 'siteCheck'] },
      leader,
    );
    expect(byLeader.statusCode, byLeader.body).toBe(201);
    const self = await review(byLeader.json().id, { decision: 'payout' }, leader);
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('SELF_REVIEW');
    const readerHall = await file({ accountId: a, caseKind: 'stoppedUse', amount: '10.00', documents: [] }, reader);
    expect(readerHall.statusCode).toBe(403);
    const commercial = await file({ accountId: a, caseKind: 'commercial', amount: '10.00', documents: [] }, ci);
    expect(commercial.statusCode).toBe(400);
    expect(fieldsOf(commercial.json())).toEqual(['caseKind']);
    // Another company's clerk sees none of it.
    expect((await t.call('GET', `/api/refunds/${byReader.json().id}`, { cookie: bClerk })).statusCode).toBe(404);
    const other = await t.call('POST', '/api/refunds', {
      cookie: bClerk,
      body: { accountId: a, caseKind: 'wrongAmount', amount: '1.00', documents: HALL_DOCS },
    });
    expect(other.statusCode).toBe(400);
    expect(fieldsOf(other.json())).toEqual(['accountId']);
  });

  it('PAY-7: a refusal needs a reason, told back on the refund; a refused refund is not reviewed again', async () => {
    const a = acc[2]!;
    await pay(a, '80.00');
    const f = (await file({ accountId: a, caseKind: 'wrongAccount', amount: '30.00', documents: HALL_DOCS })).json();
    const none = await review(f.id, { decision: 'refuse' });
    expect(none.statusCode).toBe(400);
    expect(fieldsOf(none.json())).toEqual(['reason']);
    const blank = await review(f.id, { decision: 'refuse', reason: ' ' });
    expect(blank.statusCode).toBe(400);
    const refused = await review(f.id, { decision: 'refuse', reason: '缴费收据与户名不符' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', refusalReason: '缴费收据与户名不符' });
    expect(refused.json().reviewedBy).not.toBeNull();
    const again = await review(f.id, { decision: 'payout' });
    expect(again.statusCode).toBe(409);
    // The clerk who files does not review.
    expect((await review(f.id, { decision: 'payout' }, clerk)).statusCode).toBe(403);
  });

  it('PAY-7: a transfer moves credit between accounts in one transaction (debit here, credit there)', async () => {
    const [a, b] = [acc[3]!, acc[4]!];
    await pay(a, '120.00');
    await bill(b, '45.00', '2026-11');
    const f = (await file({ accountId: a, caseKind: 'wrongAccount', amount: '100.00', documents: HALL_DOCS })).json();
    const bad = await review(f.id, { decision: 'transfer', targetAccountId: randomUUID() });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['targetAccountId']);
    const same = await review(f.id, { decision: 'transfer', targetAccountId: a });
    expect(fieldsOf(same.json())).toEqual(['targetAccountId']);
    expect(await entriesOf(a, ['prepaymentTransfer'])).toEqual([]);

    const done = await review(f.id, { decision: 'transfer', targetAccountId: b, comment: '交错账户' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'transferred', disposition: 'transfer', targetAccountId: b });
    const out = await entriesOf(a, ['prepaymentTransfer']);
    const inn = await entriesOf(b, ['prepaymentTransfer']);
    expect(out).toEqual([{ kind: 'prepaymentTransfer', amount: '100.00', sourceId: f.id }]);
    expect(inn).toMatchObject([{ kind: 'prepaymentTransfer', amount: '-100.00' }]);
    expect(await sumOf(a)).toBe('-20.00');
    expect(await sumOf(b)).toBe('-55.00');
    const debts = (await t.call('GET', `/api/payments/accounts/${b}/debts`, { cookie: cashier })).json();
    expect(debts).toMatchObject({ prepayment: '55.00', totalDue: '0.00' });
    const fin = (await t.call('GET', `/api/accounts/${b}/finance`, { cookie: clerk })).json();
    expect(fin.refunds).toMatchObject([{ id: f.id, direction: 'in', status: 'transferred' }]);
    const audit = await t.db.query('SELECT 1 FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = $3', [
      t.companyA,
      f.id,
      'refund.transfer',
    ]);
    expect(audit.rows.length).toBe(1);
  });

  it('PAY-7: payout only after approval, posted exactly once even if approved twice at once; finance records it once', async () => {
    const a = acc[5]!;
    await pay(a, '90.00');
    const f = (
      await file({
        accountId: a,
        caseKind: 'stoppedUse',
        amount: '90.00',
        documents: ['idCopy', 'finalReading', 'originalReceipt'],
      })
    ).json();
    const early = await t.call('POST', `/api/refunds/${f.id}/payout`, { cookie: finance, body: { method: 'cash' } });
    expect(early.statusCode).toBe(409);
    const sent = await review(f.id, { decision: 'payout' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'approving', approvalStatus: 'pending' });
    const approvalId = sent.json().approvalId;
    expect(await entriesOf(a, ['refund'])).toEqual([]);
    // Filing a refund approval by hand, for a refund not sent from review, is refused.
    const direct = await t.call('POST', '/api/approvals', {
      cookie: director,
      body: {
        kind: 'refund',
        subjectType: 'refund',
        amount: '90.00',
        reason: 'x',
        payload: { refundId: f.id, refundNo: f.no, accountNo: f.accountNo, caseKind: 'stoppedUse', amount: '90.00' },
      },
    });
    expect(direct.statusCode).toBeGreaterThanOrEqual(400);

    const first = await t.call('POST', `/api/approvals/${approvalId}/approve`, { cookie: manager, body: {} });
    expect(first.statusCode, first.body).toBe(200);
    expect(await entriesOf(a, ['refund'])).toEqual([]);
    const twice = await Promise.all([
      t.call('POST', `/api/approvals/${approvalId}/approve`, { cookie: finance, body: {} }),
      t.call('POST', `/api/approvals/${approvalId}/approve`, { cookie: financeDirector, body: {} }),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await entriesOf(a, ['refund'])).toEqual([{ kind: 'refund', amount: '90.00', sourceId: f.id }]);
    expect(await sumOf(a)).toBe('0.00');
    const approved = (await t.call('GET', `/api/refunds/${f.id}`, { cookie: clerk })).json();
    expect(approved).toMatchObject({ status: 'approved', approvalStatus: 'approved' });

    const noRef = await t.call('POST', `/api/refunds/${f.id}/payout`, {
      cookie: finance,
      body: { method: 'bankTransfer' },
    });
    expect(noRef.statusCode).toBe(400);
    expect(fieldsOf(noRef.json())).toEqual(['reference']);
    expect(
      (await t.call('POST', `/api/refunds/${f.id}/payout`, { cookie: clerk, body: { method: 'cash' } })).statusCode,
    ).toBe(403);
    const paid = await Promise.all([
      t.call('POST', `/api/refunds/${f.id}/payout`, {
        cookie: finance,
        body: { method: 'bankTransfer', reference: 'ZZ-001' },
      }),
      t.call('POST', `/api/refunds/${f.id}/payout`, { cookie: financeDirector, body: { method: 'cash' } }),
    ]);
    expect(paid.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = (await t.call('GET', `/api/refunds/${f.id}`, { cookie: clerk })).json();
    expect(after.status).toBe('paidOut');
    expect(await entriesOf(a, ['refund'])).toHaveLength(1);
  });

  it('PAY-7: the prepayment is checked again at approval; a rejected approval posts nothing', async () => {
    const a = acc[6]!;
    await pay(a, '50.00');
    const f = (await file({ accountId: a, caseKind: 'wrongAmount', amount: '50.00', documents: HALL_DOCS })).json();
    const sent = (await review(f.id, { decision: 'payout' })).json();
    await t.call('POST', `/api/approvals/${sent.approvalId}/approve`, { cookie: manager, body: {} });
    // A bill posted meanwhile eats the prepayment: the final approval is refused, nothing posts.
    await bill(a, '30.00', '2026-11');
    const refused = await t.call('POST', `/api/approvals/${sent.approvalId}/approve`, { cookie: finance, body: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('20.00');
    expect(await entriesOf(a, ['refund'])).toEqual([]);
    const rejected = await t.call('POST', `/api/approvals/${sent.approvalId}/reject`, {
      cookie: finance,
      body: { comment: '预收款不足' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const after = (await t.call('GET', `/api/refunds/${f.id}`, { cookie: clerk })).json();
    expect(after.status).toBe('rejected');
    expect(await sumOf(a)).toBe('-20.00');
    // The list filters and sorts; the export has the same rows.
    const list = await t.call('GET', `/api/refunds?accountId=${a}&status=rejected&sort=amount&order=asc`, {
      cookie: clerk,
    });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: f.id }] });
  });

  it('PAY-7/PAY-8: the 360° balance equals SUM(ledger_entries.amount) with bills, payments, a refund, a transfer and a deposit applied', async () => {
    const [a, b] = [acc[7]!, acc[0]!];
    await bill(a, '75.50', '2026-10');
    const p = await pay(a, '300.00');
    const f = (await file({ accountId: a, caseKind: 'wrongAmount', amount: '40.00', documents: HALL_DOCS })).json();
    const sent = (await review(f.id, { decision: 'payout' })).json();
    await t.call('POST', `/api/approvals/${sent.approvalId}/approve`, { cookie: manager, body: {} });
    expect(
      (await t.call('POST', `/api/approvals/${sent.approvalId}/approve`, { cookie: finance, body: {} })).statusCode,
    ).toBe(200);
    const g = (await file({ accountId: a, caseKind: 'wrongAccount', amount: '25.00', documents: HALL_DOCS })).json();
    expect((await review(g.id, { decision: 'transfer', targetAccountId: b })).statusCode).toBe(200);
    const d = await t.call('POST', '/api/deposits', {
      cookie: cashier,
      body: { accountId: a, kind: 'waterConnection', amount: '100.00', method: 'cash' },
    });
    expect(d.statusCode, d.body).toBe(201);
    const held = (await t.call('GET', `/api/accounts/${a}/finance`, { cookie: clerk })).json();
    expect(held.depositsHeld).toBe('100.00');
    const applied = await t.call('POST', `/api/deposits/${d.json().id}/release`, {
      cookie: cashier,
      body: { action: 'apply' },
    });
    expect(applied.statusCode, applied.body).toBe(200);

    const sum = await sumOf(a);
    expect(sum).toBe('-259.50'); // 75.50 − 300 + 40 + 25 − 100
    const fin = await t.call('GET', `/api/accounts/${a}/finance`, { cookie: clerk });
    expect(fin.statusCode, fin.body).toBe(200);
    const v = fin.json();
    expect(v).toMatchObject({ balance: sum, prepayment: '259.50', owed: '0.00', depositsHeld: '0.00' });
    const byKind = Object.fromEntries(v.byKind.map((k: { kind: string; total: string }) => [k.kind, k.total]));
    expect(byKind).toMatchObject({
      bill: '75.50',
      payment: '-300.00',
      refund: '40.00',
      prepaymentTransfer: '25.00',
      depositApplied: '-100.00',
    });
    expect(v.payments).toMatchObject([
      { id: p.id, no: p.no, channel: 'desk', tenders: [{ method: 'cash', amount: '300.00' }] },
    ]);
    expect(v.refunds.map((r: { id: string }) => r.id).sort()).toEqual([f.id, g.id].sort());
    expect(v.deposits).toMatchObject([{ status: 'applied', appliedAmount: '100.00' }]);
    const ledger = (await t.call('GET', `/api/accounts/${a}/ledger`, { cookie: clerk })).json();
    expect(ledger.balance).toBe(sum);
    const debts = (await t.call('GET', `/api/payments/accounts/${a}/debts`, { cookie: cashier })).json();
    expect(debts).toMatchObject({ balance: sum, prepayment: '259.50' });
  });
});

import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { lateFeesOf } from '../src/modules/late-fees/accrual.js';
import { accountBalance } from '../src/modules/ledger/service.js';
import { writeBatch } from '../src/modules/payments/repo.js';
import { addDays, businessToday } from '../src/platform/calendar/workdays.js';
import { toChineseCapitals } from '../src/platform/print/money.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);

describe.each(dbKinds)('payments on %s', (kind) => {
  let t: TestApp;
  let cashier: string;
  let clerk: string;
  let director: string;
  let finance: string;
  let cashierB: string;
  const acc: string[] = [];
  const today = businessToday();

  /** A debit posted on `postedOn` (noon, Shanghai), due on `dueOn`. */
  const debit = async (account: string, e: { period: string; amount: string; dueOn: string; postedOn: string }) => {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO ledger_entries (company_id, account_id, kind, period, amount, due_on, posted_at)
       VALUES ($1, $2, 'bill', $3, $4, $5, ($6 || 'T12:00:00+08:00')::timestamptz) RETURNING id`,
      [t.companyA, account, e.period, e.amount, e.dueOn, e.postedOn],
    );
    return rows[0]!.id;
  };
  const pay = (body: unknown, key: string | null = randomUUID(), cookie = cashier) =>
    t.app.inject({
      method: 'POST',
      url: '/api/payments',
      headers: { cookie, ...(key === null ? {} : { 'idempotency-key': key }) },
      payload: body as object,
    });
  const debtsOf = async (account: string, cookie = cashier) => {
    const res = await t.call('GET', `/api/payments/accounts/${account}/debts`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const entriesOf = (account: string) =>
    t.db.query<{ kind: string; amount: string; sourceId: string | null; dueOn: string | null }>(
      `SELECT kind, amount::text AS amount, source_id AS "sourceId", due_on::text AS "dueOn" FROM ledger_entries
        WHERE company_id = $1 AND account_id = $2 ORDER BY posted_at, id`,
      [t.companyA, account],
    );
  const sumOf = async (account: string) =>
    (
      await t.db.query<{ s: string }>(
        `SELECT coalesce(sum(amount), 0)::numeric(14, 2)::text AS s FROM ledger_entries WHERE company_id = $1 AND account_id = $2`,
        [t.companyA, account],
      )
    ).rows[0]!.s;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cashier = await t.login('cashier');
    clerk = await t.login('hall.clerk');
    director = await t.login('centre.director');
    finance = await t.login('finance');
    cashierB = await t.login('b.cashier');
    await generateAccounts(t.db, t.companyA, { count: 12, seed: 77 });
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT a.id FROM accounts a
        WHERE a.company_id = $1
          AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.company_id = a.company_id AND e.account_id = a.id)
        ORDER BY a.account_no LIMIT 9`,
      [t.companyA],
    );
    for (const r of rows) {
      acc.push(r.id);
      await t.db.query(`UPDATE accounts SET usage_nature = 'RES' WHERE company_id = $1 AND id = $2`, [
        t.companyA,
        r.id,
      ]);
    }
  });
  afterAll(() => t?.close());

  it('PAY-1 pays the oldest debts first, each late fee before its principal; split tenders sum; the rest is prepayment', async () => {
    const a = acc[0]!;
    const older = await debit(a, {
      period: '2026-01',
      amount: '100.00',
      dueOn: addDays(today, -60),
      postedOn: addDays(today, -75),
    });
    const newer = await debit(a, {
      period: '2026-02',
      amount: '50.00',
      dueOn: addDays(today, -30),
      postedOn: addDays(today, -45),
    });
    const before = await debtsOf(a);
    expect(before.debts.map((d: { entryId: string }) => d.entryId)).toEqual([older, newer]);
    expect(before.debts[0]).toMatchObject({ open: '100.00', overdueDays: 60 });
    const feeOlder = new Decimal(before.debts[0].lateFee);
    const feeNewer = new Decimal(before.debts[1].lateFee);
    expect(feeOlder.gt(0)).toBe(true);
    expect(before.totalDue).toBe(feeOlder.plus(feeNewer).plus(150).toFixed(2));
    expect(before.prepayment).toBe('0.00');

    const total = new Decimal(before.totalDue).plus(20);
    const res = await pay({
      accountId: a,
      tenders: [
        { method: 'cash', amount: '100.00' },
        { method: 'wechat', amount: total.minus(100).toFixed(2), reference: '4200000001' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ accountId: a, amount: total.toFixed(2), status: 'posted', prepayment: '20.00' });
    expect(p.no).toMatch(/^SK-\d{8}-.+-\d{4}$/);
    expect(p.allocations).toEqual([
      { entryId: older, period: '2026-01', lateFee: feeOlder.toFixed(2), principal: '100.00' },
      { entryId: newer, period: '2026-02', lateFee: feeNewer.toFixed(2), principal: '50.00' },
    ]);
    // Ledger: the late fees crystallised (due today), one credit of the payment's total.
    const entries = (await entriesOf(a)).rows;
    const feeEntries = entries.filter((e) => e.kind === 'lateFee');
    const sourceOf = async (allocationId: string) => feeEntries.find((e) => e.sourceId === allocationId);
    const allocationIds = (
      await t.db.query<{ id: string }>(
        'SELECT id FROM payment_allocations WHERE company_id = $1 AND payment_id = $2 ORDER BY seq',
        [t.companyA, p.id],
      )
    ).rows.map((r) => r.id);
    expect(feeEntries).toHaveLength(2);
    expect(await sourceOf(allocationIds[0]!)).toMatchObject({ amount: feeOlder.toFixed(2), dueOn: today });
    expect(await sourceOf(allocationIds[1]!)).toMatchObject({ amount: feeNewer.toFixed(2), dueOn: today });
    expect(entries.filter((e) => e.kind === 'payment')).toEqual([
      { kind: 'payment', amount: total.neg().toFixed(2), sourceId: p.id, dueOn: null },
    ]);
    // The crystallised fees and the paid debts are not charged again.
    const after = await debtsOf(a);
    expect(after).toMatchObject({
      balance: '-20.00',
      prepayment: '20.00',
      lateFee: '0.00',
      totalDue: '0.00',
      debts: [],
    });
    expect((await lateFeesOf(t.db, t.companyA, [a], today)).get(a)!.lateFee).toBe('0.00');
    expect((await lateFeesOf(t.db, t.companyA, [a], addDays(today, 30))).get(a)!.lateFee).toBe('0.00');
    // PAY-1 ledger: the balance is the sum of the entries.
    expect((await accountBalance(t.db, t.companyA, a)).balance).toBe(await sumOf(a));
    expect(await sumOf(a)).toBe('-20.00');
    // Audited.
    const audit = await t.db.query(
      `SELECT 1 FROM audit_log WHERE company_id = $1 AND action = 'payment.collect' AND entity_id = $2`,
      [t.companyA, p.id],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('PAY-1 a partial payment crystallises only the late fee it pays; accrual does not charge it twice', async () => {
    const a = acc[1]!;
    await debit(a, { period: '2026-03', amount: '200.00', dueOn: addDays(today, -40), postedOn: addDays(today, -50) });
    const before = await debtsOf(a);
    const fee = new Decimal(before.lateFee);
    expect(fee.gt(0)).toBe(true);
    const res = await pay({ accountId: a, tenders: [{ method: 'pos', amount: fee.plus(50).toFixed(2) }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().allocations[0]).toMatchObject({ lateFee: fee.toFixed(2), principal: '50.00' });
    expect(res.json().prepayment).toBe('0.00');
    const after = await debtsOf(a);
    const open = after.debts.reduce((s: Decimal, d: { open: string }) => s.plus(d.open), new Decimal(0));
    expect(open.toFixed(2)).toBe('150.00');
    // What was collected is not charged again: the fee left is what the still-open part adds, never more.
    expect(new Decimal(after.lateFee).plus(fee).lte(fee.times(1).plus(before.lateFee))).toBe(true);
    expect(new Decimal(after.lateFee).lt(fee)).toBe(true);
    expect(after.balance).toBe(await sumOf(a));
  });

  it('PAY-1 a partial payment leaves the principal open, not its crystallised late fee; the fee accrues on the unpaid principal', async () => {
    const a = acc[6]!;
    const b1 = await debit(a, {
      period: '2026-05',
      amount: '1000.00',
      dueOn: addDays(today, -10),
      postedOn: addDays(today, -20),
    });
    const b2 = await debit(a, {
      period: '2026-06',
      amount: '500.00',
      dueOn: addDays(today, -5),
      postedOn: addDays(today, -15),
    });
    const before = await debtsOf(a);
    const fee1 = new Decimal(before.debts[0].lateFee);
    const fee2 = new Decimal(before.debts[1].lateFee);
    const rate = fee1.div(10_000);
    const res = await pay({ accountId: a, tenders: [{ method: 'cash', amount: fee1.plus(100).toFixed(2) }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().allocations).toEqual([
      { entryId: b1, period: '2026-05', lateFee: fee1.toFixed(2), principal: '100.00' },
    ]);
    // The fee was paid before the principal: 900 of the older bill is still open, the fee is not a debt of its own.
    const after = await debtsOf(a);
    expect(
      after.debts.map((d: { entryId: string; open: string; lateFee: string }) => [d.entryId, d.open, d.lateFee]),
    ).toEqual([
      [b1, '900.00', '0.00'],
      [b2, '500.00', fee2.toFixed(2)],
    ]);
    expect(after.totalDue).toBe(fee2.plus(1400).toFixed(2));
    expect(after.balance).toBe(await sumOf(a));
    // Ten days on: 100 paid accrued 9 days, the 900 still open accrues 20; less what was collected.
    const later = (await lateFeesOf(t.db, t.companyA, [a], addDays(today, 10))).get(a)!;
    const b1Later = later.debts.find((d) => d.entryId === b1)!;
    expect(b1Later.open).toBe('900.00');
    expect(b1Later.lateFee).toBe(new Decimal(100 * 9 + 900 * 20).times(rate).minus(fee1).toFixed(2));
    // The rest pays the older principal, then the newer bill's late fee and principal.
    const rest = await pay({ accountId: a, tenders: [{ method: 'cash', amount: after.totalDue }] });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json().allocations).toEqual([
      { entryId: b1, period: '2026-05', lateFee: '0.00', principal: '900.00' },
      { entryId: b2, period: '2026-06', lateFee: fee2.toFixed(2), principal: '500.00' },
    ]);
    expect(await debtsOf(a)).toMatchObject({ balance: '0.00', lateFee: '0.00', totalDue: '0.00', debts: [] });
    expect(await sumOf(a)).toBe('0.00');
  });

  it('PAY-1/BIL-4 a late fee a payment already collected cannot be waived again', async () => {
    const a = acc[7]!;
    const b = await debit(a, {
      period: '2026-05',
      amount: '1000.00',
      dueOn: addDays(today, -10),
      postedOn: addDays(today, -20),
    });
    const fee = new Decimal((await debtsOf(a)).lateFee);
    expect(fee.gt(0)).toBe(true);
    const res = await pay({ accountId: a, tenders: [{ method: 'cash', amount: fee.plus(100).toFixed(2) }] });
    expect(res.statusCode, res.body).toBe(201);
    const waiver = await t.call('POST', '/api/late-fee-waivers', {
      cookie: clerk,
      body: { accountId: a, entryIds: [b], category: 'waive', reason: 'meterFault', amount: '10.00' },
    });
    expect(waiver.statusCode, waiver.body).toBe(400);
    expect(waiver.json().code).toBe('AMOUNT_ABOVE_FEE');
    expect(fieldsOf(waiver.json())).toContain('amount');
  });

  it('PAY-1 a reversed payment reopens the debts it paid from their own due dates; its crystallised fee is charged once', async () => {
    const a = acc[8]!;
    const b = await debit(a, {
      period: '2026-05',
      amount: '100.00',
      dueOn: addDays(today, -10),
      postedOn: addDays(today, -20),
    });
    const fee = new Decimal((await debtsOf(a)).lateFee);
    const rate = fee.div(1000);
    const p = (await pay({ accountId: a, tenders: [{ method: 'cash', amount: fee.plus(100).toFixed(2) }] })).json();
    const filed = await t.call('POST', `/api/payments/${p.id}/reversal`, {
      cookie: cashier,
      body: { reason: '收错户' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    for (const cookie of [director, finance]) {
      const r = await t.call('POST', `/api/approvals/${filed.json().approvalId}/approve`, { cookie, body: {} });
      expect(r.statusCode, r.body).toBe(200);
    }
    const after = await debtsOf(a);
    // The bill is overdue again since its due date (not a new debt due today); the fee stays as a debt of its own.
    expect(
      after.debts.map((d: { entryId: string; kind: string; open: string; lateFee: string; overdueDays: number }) => [
        d.kind,
        d.open,
        d.lateFee,
        d.overdueDays,
      ]),
    ).toEqual([
      ['bill', '100.00', '0.00', 10],
      ['lateFee', fee.toFixed(2), '0.00', 0],
    ]);
    expect(after.debts[0].entryId).toBe(b);
    expect(after.totalDue).toBe(fee.plus(100).toFixed(2));
    expect(after.balance).toBe(await sumOf(a));
    // Five days on: five more days on the bill, nothing more on the fee.
    const later = (await lateFeesOf(t.db, t.companyA, [a], addDays(today, 5))).get(a)!;
    expect(later.lateFee).toBe(new Decimal(100 * 15).times(rate).minus(fee).toFixed(2));
  });

  it('PAY-1 the same payment submitted twice at once posts once; both get the same payment', async () => {
    const a = acc[2]!;
    const key = `twice-${randomUUID()}`;
    const body = { accountId: a, tenders: [{ method: 'cash', amount: '88.00' }] };
    const [r1, r2] = await Promise.all([pay(body, key), pay(body, key)]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 201]);
    expect(r1.json().id).toBe(r2.json().id);
    const entries = (await entriesOf(a)).rows.filter((e) => e.kind === 'payment');
    expect(entries).toHaveLength(1);
    // Once more later: the same answer, nothing posted.
    const r3 = await pay(body, key);
    expect(r3.statusCode).toBe(200);
    expect(r3.json()).toEqual(r1.json());
    expect(await sumOf(a)).toBe('-88.00');
  });

  it('PAY-1 the same Idempotency-Key with a different body is refused (409)', async () => {
    const a = acc[2]!;
    const key = `conflict-${randomUUID()}`;
    expect((await pay({ accountId: a, tenders: [{ method: 'cash', amount: '10.00' }] }, key)).statusCode).toBe(201);
    const res = await pay({ accountId: a, tenders: [{ method: 'cash', amount: '11.00' }] }, key);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IDEMPOTENCY_CONFLICT');
    const other = await pay({ accountId: acc[3]!, tenders: [{ method: 'cash', amount: '10.00' }] }, key);
    expect(other.statusCode).toBe(409);
  });

  it('PAY-1 a reused key is refused (409) even for an unknown account; replays and refusals take no payment number', async () => {
    const a = acc[2]!;
    const key = `unknown-${randomUUID()}`;
    const first = await pay({ accountId: a, tenders: [{ method: 'cash', amount: '3.00' }] }, key);
    expect(first.statusCode, first.body).toBe(201);
    const unknown = await pay({ accountId: randomUUID(), tenders: [{ method: 'cash', amount: '3.00' }] }, key);
    expect(unknown.statusCode, unknown.body).toBe(409);
    expect(unknown.json().code).toBe('IDEMPOTENCY_CONFLICT');
    // Under a fresh key an unknown account is what it is.
    const fresh = await pay({ accountId: randomUUID(), tenders: [{ method: 'cash', amount: '3.00' }] });
    expect(fresh.statusCode).toBe(404);
    expect((await pay({ accountId: a, tenders: [{ method: 'cash', amount: '3.00' }] }, key)).statusCode).toBe(200);
    const next = await pay({ accountId: a, tenders: [{ method: 'cash', amount: '4.00' }] });
    expect(next.statusCode, next.body).toBe(201);
    const serial = (no: string) => Number(no.split('-').pop());
    expect(serial(next.json().no)).toBe(serial(first.json().no) + 1);
  });

  it('PAY-1 a posting’s one-statement write renumbers only placeholders and splits beyond the parameter limit', async () => {
    const got = await t.db.tx(async (tx) => {
      await tx.query('CREATE TEMP TABLE wb_probe (a text, b text) ON COMMIT DROP');
      const w = writeBatch();
      await w.q.query(`INSERT INTO wb_probe VALUES ($1, 'p$1')`, ['a']);
      await w.q.query(`INSERT INTO wb_probe VALUES ($1, '$2 costs $1' || $2 || $x$ $1 $x$)`, ['b', '!']);
      await w.run(tx);
      // Two writes of 40,000 parameters each: more than one statement may carry.
      const many = Array.from({ length: 40_000 }, (_, i) => String(i));
      const list = many.map((_, i) => `$${i + 1}`).join(',');
      const big = writeBatch();
      for (const tag of ['c', 'd']) {
        await big.q.query(
          `INSERT INTO wb_probe SELECT '${tag}', count(*)::text FROM unnest(ARRAY[${list}]::text[])`,
          many,
        );
      }
      await big.run(tx);
      return (await tx.query<{ a: string; b: string }>('SELECT a, b FROM wb_probe ORDER BY a')).rows;
    });
    expect(got).toEqual([
      { a: 'a', b: 'p$1' },
      { a: 'b', b: '$2 costs $1! $1 ' },
      { a: 'c', b: '40000' },
      { a: 'd', b: '40000' },
    ]);
  });

  it('PAY-1 bad input: an amount with three decimals, no Idempotency-Key, no tender — 400 naming the field', async () => {
    const a = acc[3]!;
    const three = await pay({
      accountId: a,
      tenders: [
        { method: 'cash', amount: '1.00' },
        { method: 'cash', amount: '12.345' },
      ],
    });
    expect(three.statusCode).toBe(400);
    expect(fieldsOf(three.json())).toContain('tenders.1.amount');
    const zero = await pay({ accountId: a, tenders: [{ method: 'cash', amount: '0.00' }] });
    expect(fieldsOf(zero.json())).toContain('tenders.0.amount');
    const noKey = await pay({ accountId: a, tenders: [{ method: 'cash', amount: '1.00' }] }, null);
    expect(noKey.statusCode).toBe(400);
    expect(fieldsOf(noKey.json())).toContain('idempotencyKey');
    const shortKey = await pay({ accountId: a, tenders: [{ method: 'cash', amount: '1.00' }] }, 'abc');
    expect(fieldsOf(shortKey.json())).toContain('idempotencyKey');
    const none = await pay({ accountId: a, tenders: [] });
    expect(none.statusCode).toBe(400);
    expect(fieldsOf(none.json())).toContain('tenders');
    const method = await pay({ accountId: a, tenders: [{ method: 'cheque', amount: '1.00' }] });
    expect(fieldsOf(method.json())).toContain('tenders.0.method');
    expect(await sumOf(a)).toBe('0.00');
  });

  it('PAY-1 company B can neither pay nor see A’s account', async () => {
    const a = acc[3]!;
    const res = await pay({ accountId: a, tenders: [{ method: 'cash', amount: '5.00' }] }, null, cashierB);
    expect(res.statusCode).toBe(400); // no key yet
    const res2 = await pay({ accountId: a, tenders: [{ method: 'cash', amount: '5.00' }] }, randomUUID(), cashierB);
    expect(res2.statusCode).toBe(404);
    expect(fieldsOf(res2.json())).toContain('accountId');
    expect((await t.call('GET', `/api/payments/accounts/${a}/debts`, { cookie: cashierB })).statusCode).toBe(404);
    expect(await sumOf(a)).toBe('0.00');
  });

  it('PAY-1 the receipt shows the three parts, the amount in capitals, tenders and late fees', async () => {
    const a = acc[4]!;
    await debit(a, { period: '2026-04', amount: '80.00', dueOn: addDays(today, -20), postedOn: addDays(today, -30) });
    const d = await debtsOf(a);
    const res = await pay({
      accountId: a,
      tenders: [
        { method: 'cash', amount: '50.00' },
        { method: 'alipay', amount: new Decimal(d.totalDue).minus(50).toFixed(2), reference: 'ALI-123' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    const receipt = await t.call('GET', `/api/payments/${p.id}/receipt?format=html`, { cookie: cashier });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.headers['content-type']).toContain('text/html');
    for (const text of [
      '客户联',
      '记账联',
      '存根联',
      toChineseCapitals(p.amount),
      p.no,
      '支付宝',
      'ALI-123',
      '2026-04',
    ]) {
      expect(receipt.body).toContain(text);
    }
    expect(receipt.body).toContain(`违约金 ¥${p.allocations[0].lateFee}`);
    // The list finds it by account and by tender method.
    const list = await t.call('GET', `/api/payments?accountId=${a}&method=alipay`, { cookie: cashier });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: p.id }] });
    const none = await t.call('GET', `/api/payments?accountId=${a}&method=voucher`, { cookie: cashier });
    expect(none.json().total).toBe(0);
  });

  it('PAY-1 a reversal is posted only after its final approval, and only once', async () => {
    const a = acc[5]!;
    const res = await pay({ accountId: a, tenders: [{ method: 'cash', amount: '60.00' }] });
    const p = res.json();
    // The hall clerk may collect but not file reversals.
    const denied = await t.call('POST', `/api/payments/${p.id}/reversal`, {
      cookie: clerk,
      body: { reason: '收错户' },
    });
    expect(denied.statusCode).toBe(403);
    const filed = await t.call('POST', `/api/payments/${p.id}/reversal`, {
      cookie: cashier,
      body: { reason: '收错户' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { approvalId } = filed.json();
    const twice = await t.call('POST', `/api/payments/${p.id}/reversal`, { cookie: cashier, body: { reason: '再次' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('REVERSAL_PENDING');
    const noReason = await t.call('POST', `/api/payments/${p.id}/reversal`, { cookie: cashier, body: { reason: ' ' } });
    expect(fieldsOf(noReason.json())).toContain('reason');
    const approve = async (cookie: string) => {
      const r = await t.call('POST', `/api/approvals/${approvalId}/approve`, { cookie, body: {} });
      expect(r.statusCode, r.body).toBe(200);
    };
    await approve(director);
    expect((await t.call('GET', `/api/payments/${p.id}`, { cookie: cashier })).json().status).toBe('posted');
    expect((await entriesOf(a)).rows.filter((e) => e.kind === 'paymentReversal')).toEqual([]);
    await approve(finance);
    const reversed = (await t.call('GET', `/api/payments/${p.id}`, { cookie: cashier })).json();
    expect(reversed.status).toBe('reversed');
    expect((await entriesOf(a)).rows.filter((e) => e.kind === 'paymentReversal')).toEqual([
      { kind: 'paymentReversal', amount: '60.00', sourceId: p.id, dueOn: today },
    ]);
    expect(await sumOf(a)).toBe('0.00');
    expect((await accountBalance(t.db, t.companyA, a)).balance).toBe('0.00');
    const again = await t.call('POST', `/api/payments/${p.id}/reversal`, { cookie: cashier, body: { reason: '再冲' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('WRONG_STATUS');
    // A reversal request filed past the payment's route is refused.
    const direct = await t.call('POST', '/api/approvals', {
      cookie: cashier,
      body: {
        kind: 'paymentReversal',
        subjectType: 'payment',
        subjectId: p.id,
        reason: 'x',
        payload: { paymentId: p.id, paymentNo: p.no, accountNo: p.accountNo, amount: p.amount },
      },
    });
    expect(direct.statusCode).toBeGreaterThanOrEqual(400);
    const receipt = await t.call('GET', `/api/payments/${p.id}/receipt`, { cookie: cashier });
    expect(receipt.body).toContain('已冲正');
  });
});

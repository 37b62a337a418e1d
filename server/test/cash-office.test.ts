import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);
const zeroCount = { '100': 0, '50': 0, '20': 0, '10': 0, '5': 0, '1': 0, '0.5': 0, '0.1': 0 };

describe.each(dbKinds)('cash office on %s', (kind) => {
  let t: TestApp;
  let cashier: string;
  let clerk: string;
  let supervisor: string;
  let director: string;
  let collector: string;
  let supervisorB: string;
  let cashierId: string;
  let shiftId: string;
  const acc: string[] = [];
  const today = businessToday();
  const base = '/api/cash-office';

  const pay = (cookie: string, tenders: { method: string; amount: string }[], url = '/api/payments') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'idempotency-key': randomUUID() },
      payload: { accountId: acc[0], tenders },
    });
  const mine = async (cookie: string) => {
    const res = await t.call('GET', `${base}/shifts/mine`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cashier = await t.login('cashier');
    clerk = await t.login('hall.clerk');
    supervisor = await t.login('centre.supervisor');
    director = await t.login('centre.director');
    collector = await t.login('repair.technician');
    supervisorB = await t.login('b.centre.supervisor');
    await generateAccounts(t.db, t.companyA, { count: 3, seed: 54 });
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT id FROM accounts WHERE company_id = $1 ORDER BY account_no LIMIT 2',
      [t.companyA],
    );
    acc.push(...rows.map((r) => r.id));
    cashierId = (await t.call('GET', '/api/auth/me', { cookie: cashier })).json().id;
  });
  afterAll(() => t?.close());

  it('PAY-2: a cashier opens one shift at a time, with the float of pay.cashierFloat', async () => {
    const bad = await t.call('POST', `${base}/shifts`, { cookie: cashier, body: { float: '-1' } });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toContain('float');
    const res = await t.call('POST', `${base}/shifts`, { cookie: cashier, body: {} });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'open', float: '1000.00', businessDate: today });
    shiftId = res.json().id;
    const again = await t.call('POST', `${base}/shifts`, { cookie: cashier, body: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SHIFT_OPEN');
    // Without review permission, no one else's shift; the supervisor of another company sees none.
    expect((await t.call('GET', `${base}/shifts/${shiftId}`, { cookie: clerk })).statusCode).toBe(404);
    expect((await t.call('GET', `${base}/shifts/${shiftId}`, { cookie: supervisorB })).statusCode).toBe(404);
  });

  it('PAY-2: expected = postings + float; a variance needs an explanation; a close is submitted once', async () => {
    expect(
      (
        await pay(cashier, [
          { method: 'cash', amount: '100.00' },
          { method: 'pos', amount: '50.00' },
          { method: 'wechat', amount: '20.00' },
        ])
      ).statusCode,
    ).toBe(201);
    expect((await pay(cashier, [{ method: 'cash', amount: '30.00' }])).statusCode).toBe(201);
    const { current } = await mine(cashier);
    expect(current.id).toBe(shiftId);
    expect(current.postings).toHaveLength(2);
    expect(current.summary).toMatchObject({ postingCount: 2, postedAmount: '200.00', drawerCash: '1130.00' });
    expect(current.summary.expected).toMatchObject({ cash: '1130.00', pos: '50.00', wechat: '20.00', alipay: '0.00' });

    const close = (body: unknown) => t.call('POST', `${base}/shifts/${shiftId}/close`, { cookie: cashier, body });
    // 1125.00 counted: 5 yuan short.
    const count = { ...zeroCount, '100': 11, '10': 2, '5': 1 };
    const negative = await close({ cash: { ...count, '100': -1 } });
    expect(negative.statusCode).toBe(400);
    expect(fieldsOf(negative.json())).toContain('cash.100');
    const fractional = await close({ cash: { ...count, '50': 1.5 } });
    expect(fractional.statusCode).toBe(400);
    expect(fieldsOf(fractional.json())).toContain('cash.50');

    const body = { cash: count, posTotal: '50.00', posCount: 1, other: { wechat: '20.00' } };
    const unexplained = await close(body);
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.json().code).toBe('EXPLANATION_REQUIRED');
    expect(fieldsOf(unexplained.json())).toEqual(['explanations.cash']);

    const ok = await close({ ...body, explanations: { cash: '找零差错' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const closed = ok.json();
    expect(closed).toMatchObject({ status: 'submitted', countedCash: '1125.00', posTotal: '50.00', posCount: 1 });
    expect(closed.lines.find((l: { method: string }) => l.method === 'cash')).toEqual({
      method: 'cash',
      expected: '1130.00',
      counted: '1125.00',
      variance: '-5.00',
      explanation: '找零差错',
    });
    expect(closed.lines.find((l: { method: string }) => l.method === 'pos').variance).toBe('0.00');
    expect(closed.varianceTotal).toBe('5.00');

    const twice = await close({ ...body, explanations: { cash: '找零差错' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ALREADY_CLOSED');
    // A payment after the close is no longer the shift's.
    expect((await pay(cashier, [{ method: 'cash', amount: '7.00' }])).statusCode).toBe(201);
    const again = (await t.call('GET', `${base}/shifts/${shiftId}`, { cookie: cashier })).json();
    expect(again.summary.postingCount).toBe(2);
  });

  it('PAY-2: the supervisor returns for a recount, then signs off once; a signed close is immutable', async () => {
    expect((await t.call('POST', `${base}/shifts/${shiftId}/sign-off`, { cookie: cashier, body: {} })).statusCode).toBe(
      403,
    );
    const noReason = await t.call('POST', `${base}/shifts/${shiftId}/return`, { cookie: supervisor, body: {} });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason.json())).toContain('reason');
    const returned = await t.call('POST', `${base}/shifts/${shiftId}/return`, {
      cookie: supervisor,
      body: { reason: '现金差额较大，请重新清点' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '现金差额较大，请重新清点' });
    expect((await mine(cashier)).returned.map((s: { id: string }) => s.id)).toContain(shiftId);

    // The recount finds the 5 yuan: no variance, no explanation needed.
    const recount = await t.call('POST', `${base}/shifts/${shiftId}/close`, {
      cookie: cashier,
      body: { cash: { ...zeroCount, '100': 11, '10': 3 }, posTotal: '50', posCount: 1, other: { wechat: '20' } },
    });
    expect(recount.statusCode, recount.body).toBe(200);
    expect(recount.json()).toMatchObject({
      status: 'submitted',
      submitCount: 2,
      countedCash: '1130.00',
      varianceTotal: '0.00',
    });

    const list = await t.call('GET', `${base}/shifts?status=submitted`, { cookie: supervisor });
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(shiftId);

    const [a, b] = await Promise.all([
      t.call('POST', `${base}/shifts/${shiftId}/sign-off`, { cookie: supervisor, body: {} }),
      t.call('POST', `${base}/shifts/${shiftId}/sign-off`, { cookie: director, body: {} }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const signed = (a.statusCode === 200 ? a : b).json();
    expect(signed.status).toBe('signed');
    expect(signed.reviewedBy).not.toBeNull();
    const late = await t.call('POST', `${base}/shifts/${shiftId}/return`, {
      cookie: supervisor,
      body: { reason: 'x' },
    });
    expect(late.statusCode).toBe(409);
    await expect(
      t.db.query(`UPDATE cash_shifts SET counted_cash = 1 WHERE company_id = $1 AND id = $2`, [t.companyA, shiftId]),
    ).rejects.toThrow(/signed-off close/);

    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE company_id = $1 AND entity_id = $2 ORDER BY at, id`,
      [t.companyA, shiftId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'cashOffice.openShift',
      'cashOffice.close',
      'cashOffice.return',
      'cashOffice.recount',
      'cashOffice.signOff',
    ]);

    const report = await t.call('GET', `${base}/shifts/${shiftId}/report`, { cookie: cashier });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('收费员日报');
    expect(report.body).toContain('现金盘点表');
    expect(report.body).toContain('1,130.00');
  });

  it('PAY-3: the safe holds floats and takings less deposits; the drawer and the safe warn beyond their limits', async () => {
    let safe = (await t.call('GET', `${base}/safe`, { cookie: supervisor })).json();
    expect(safe).toMatchObject({
      cash: '1130.00',
      floats: '1000.00',
      takings: '130.00',
      over: false,
      limit: '10000.00',
    });

    expect((await t.call('POST', `${base}/shifts`, { cookie: clerk, body: { float: '500' } })).statusCode).toBe(201);
    expect((await pay(clerk, [{ method: 'cash', amount: '9500.00' }])).statusCode).toBe(201);
    const { current } = await mine(clerk);
    expect(current.summary.drawerCash).toBe('10000.00');
    expect(current.warnings).toHaveLength(1);
    expect(current.warnings[0]).toContain('款箱现金');

    const closed = await t.call('POST', `${base}/shifts/${current.id}/close`, {
      cookie: clerk,
      body: { cash: { ...zeroCount, '100': 100 } },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().safe).toMatchObject({ cash: '11130.00', floats: '1500.00', takings: '9630.00', over: true });
    expect(closed.json().warnings.join()).toContain('保险柜');

    const tooMuch = await t.call('POST', `${base}/deposits`, {
      cookie: supervisor,
      body: { amount: '9630.01', slipNo: 'JZ-001' },
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(fieldsOf(tooMuch.json())).toEqual(['amount']);
    expect(
      (await t.call('POST', `${base}/deposits`, { cookie: cashier, body: { amount: '1', slipNo: 'x' } })).statusCode,
    ).toBe(403);
    const deposit = await t.call('POST', `${base}/deposits`, {
      cookie: supervisor,
      body: { amount: '9000.00', slipNo: 'JZ-001' },
    });
    expect(deposit.statusCode, deposit.body).toBe(201);
    expect(deposit.json().safe).toMatchObject({ cash: '2130.00', over: false, warning: null });
    safe = (await t.call('GET', `${base}/safe`, { cookie: supervisor })).json();
    expect(safe.deposited).toBe('9000.00');
  });

  it('PAY-4: a collector posts at the door and hands the cash to a cashier, who confirms it into the shift', async () => {
    const door = await pay(
      collector,
      [
        { method: 'cash', amount: '80.00' },
        { method: 'wechat', amount: '20.00' },
      ],
      `${base}/collector/payments`,
    );
    expect(door.statusCode, door.body).toBe(201);
    expect(door.json().channel).toBe('collector');
    expect((await pay(collector, [{ method: 'cash', amount: '1' }])).statusCode).toBe(403);

    const pending = (await t.call('GET', `${base}/collector/pending`, { cookie: collector })).json();
    expect(pending.cashTotal).toBe('80.00');
    expect(pending.items).toHaveLength(1);

    const self = await t.call('POST', `${base}/handovers`, {
      cookie: collector,
      body: { receiverId: (await t.call('GET', '/api/auth/me', { cookie: collector })).json().id, handed: '80' },
    });
    expect(self.statusCode).toBe(400);
    const res = await t.call('POST', `${base}/handovers`, {
      cookie: collector,
      body: { receiverId: cashierId, handed: '80.00' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json();
    expect(h).toMatchObject({ expected: '80.00', handed: '80.00', status: 'pending', paymentCount: 1 });
    const none = await t.call('POST', `${base}/handovers`, {
      cookie: collector,
      body: { receiverId: cashierId, handed: '0' },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('NOTHING_TO_HAND_OVER');

    const confirm = (cookie: string, body: unknown) =>
      t.call('POST', `${base}/handovers/${h.id}/confirm`, { cookie, body });
    expect((await confirm(clerk, { received: '80' })).statusCode).toBe(403);
    expect((await confirm(cashier, { received: '80' })).json().code).toBe('NO_OPEN_SHIFT');
    const opened = await t.call('POST', `${base}/shifts`, { cookie: cashier, body: {} });
    expect(opened.statusCode).toBe(201);
    const unexplained = await confirm(cashier, { received: '75' });
    expect(unexplained.statusCode).toBe(400);
    expect(fieldsOf(unexplained.json())).toEqual(['explanation']);
    const ok = await confirm(cashier, { received: '75', explanation: '走收员少交 5 元，次日补交' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'confirmed',
      received: '75.00',
      variance: '-5.00',
      shiftId: opened.json().id,
    });
    expect((await confirm(cashier, { received: '75', explanation: 'x' })).statusCode).toBe(409);

    const { current } = await mine(cashier);
    expect(current.summary).toMatchObject({ handoversReceived: '75.00', postingCount: 0 });
    expect(current.summary.expected.cash).toBe('1075.00');
    const listed = (await t.call('GET', `${base}/handovers`, { cookie: collector })).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toEqual([h.id]);
  });

  it('PAY-2: the centre daily report totals by method and cashier, with the closes; XLSX and print', async () => {
    expect((await t.call('GET', `${base}/daily-report?date=${today}`, { cookie: cashier })).statusCode).toBe(403);
    const bad = await t.call('GET', `${base}/daily-report?date=2026-13-01`, { cookie: supervisor });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toContain('date');
    const res = await t.call('GET', `${base}/daily-report?date=${today}`, { cookie: supervisor });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // cashier 100 + 30 + 7 cash, 50 pos, 20 wechat; clerk 9500 cash; collector 80 cash, 20 wechat.
    expect(r.totals.byMethod).toMatchObject({ cash: '9717.00', pos: '50.00', wechat: '40.00' });
    expect(r.totals).toMatchObject({ total: '9807.00', count: 5 });
    const byName = Object.fromEntries(r.cashiers.map((c: { cashier: { name: string } }) => [c.cashier.name, c]));
    const collectorRow = r.cashiers.find((c: { collector: string }) => c.collector === '100.00');
    expect(collectorRow).toBeDefined();
    expect(Object.keys(byName).length).toBe(3);
    expect(r.closes).toMatchObject({ signed: 1, submitted: 1, open: 1 });
    // The cashier's float went back into the drawer with the new shift.
    expect(r.safe.cash).toBe('1130.00');

    const file = await t.call('GET', `${base}/daily-report/file?date=${today}`, { cookie: supervisor });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const print = await t.call('GET', `${base}/daily-report/print?date=${today}`, { cookie: supervisor });
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('营业厅日报');
    expect(print.body).toContain('9,807.00');
    const pdf = await t.call('GET', `${base}/shifts/${shiftId}/report?format=pdf`, { cookie: supervisor });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    // Company B sees none of it.
    const other = (await t.call('GET', `${base}/daily-report?date=${today}`, { cookie: supervisorB })).json();
    expect(other.totals.count).toBe(0);
  });

  it('PAY-4: a hand-over confirmed while the receiving shift closes is counted by that close, or refused', async () => {
    const door = await pay(collector, [{ method: 'cash', amount: '60.00' }], `${base}/collector/payments`);
    expect(door.statusCode, door.body).toBe(201);
    const h = await t.call('POST', `${base}/handovers`, {
      cookie: collector,
      body: { receiverId: cashierId, paymentIds: [door.json().id], handed: '60.00' },
    });
    expect(h.statusCode, h.body).toBe(201);
    const { current } = await mine(cashier);
    const [confirmed, closed] = await Promise.all([
      t.call('POST', `${base}/handovers/${h.json().id}/confirm`, { cookie: cashier, body: { received: '60.00' } }),
      t.call('POST', `${base}/shifts/${current.id}/close`, {
        cookie: cashier,
        body: { cash: { ...zeroCount, '100': 10 }, explanations: { cash: '交接与日结同时进行' } },
      }),
    ]);
    expect(closed.statusCode, closed.body).toBe(200);
    expect([200, 409]).toContain(confirmed.statusCode);
    if (confirmed.statusCode === 409) expect(confirmed.json().code).toBe('NO_OPEN_SHIFT');
    // What the close stored for cash is what the shift's hand-overs and postings add up to.
    const after = (await t.call('GET', `${base}/shifts/${current.id}`, { cookie: cashier })).json();
    const stored = after.lines.find((l: { method: string }) => l.method === 'cash').expected;
    expect(stored).toBe(after.summary.expected.cash);
    expect(stored).toBe(confirmed.statusCode === 200 ? '1135.00' : '1075.00');
  });

  it('PAY-2: a payment reversed after the close leaves the closed shift’s figures as they were counted', async () => {
    const opened = await t.call('POST', `${base}/shifts`, { cookie: cashier, body: {} });
    expect(opened.statusCode, opened.body).toBe(201);
    const p = await pay(cashier, [{ method: 'cash', amount: '40.00' }]);
    expect(p.statusCode, p.body).toBe(201);
    const closed = await t.call('POST', `${base}/shifts/${opened.json().id}/close`, {
      cookie: cashier,
      body: { cash: { ...zeroCount, '100': 10, '20': 2 } },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().summary).toMatchObject({ postingCount: 1, reversedCount: 0, drawerCash: '1040.00' });
    // Reversed later (after its approval): the close counted it as posted and still does.
    await t.db.query(`UPDATE payments SET status = 'reversed', reversed_at = now() WHERE company_id = $1 AND id = $2`, [
      t.companyA,
      p.json().id,
    ]);
    const after = (await t.call('GET', `${base}/shifts/${opened.json().id}`, { cookie: cashier })).json();
    expect(after.summary).toMatchObject({ postingCount: 1, postedAmount: '40.00', reversedCount: 0 });
    expect(after.summary.expected.cash).toBe('1040.00');
    expect(after.lines.find((l: { method: string }) => l.method === 'cash')).toMatchObject({ variance: '0.00' });
  });

  it('PAY-2: a desk tender the close has no count for (online at the desk) is explained, and the close goes through', async () => {
    const opened = await t.call('POST', `${base}/shifts`, { cookie: cashier, body: {} });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await pay(cashier, [{ method: 'online', amount: '5.00' }])).statusCode).toBe(201);
    const close = (explanations: Record<string, string>) =>
      t.call('POST', `${base}/shifts/${opened.json().id}/close`, {
        cookie: cashier,
        body: { cash: { ...zeroCount, '100': 10 }, explanations },
      });
    const unexplained = await close({});
    expect(unexplained.statusCode).toBe(400);
    expect(fieldsOf(unexplained.json())).toEqual(['explanations.online']);
    const ok = await close({ online: '顾客网上支付后到柜台补登' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().lines.find((l: { method: string }) => l.method === 'online')).toEqual({
      method: 'online',
      expected: '5.00',
      counted: '0.00',
      variance: '-5.00',
      explanation: '顾客网上支付后到柜台补登',
    });
  });

  it('PAY-3: a bank slip sent twice at once is recorded once; the safe gives the cash out once', async () => {
    const before = (await t.call('GET', `${base}/safe`, { cookie: supervisor })).json();
    const body = { amount: '1.00', slipNo: 'JZ-DUP-1' };
    const [a, b] = await Promise.all([
      t.call('POST', `${base}/deposits`, { cookie: supervisor, body }),
      t.call('POST', `${base}/deposits`, { cookie: director, body }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.json().code).toBe('DEPOSIT_SLIP_RECORDED');
    expect(fieldsOf(refused.json())).toEqual(['slipNo']);
    const after = (await t.call('GET', `${base}/safe`, { cookie: supervisor })).json();
    expect(after.deposited).toBe((Number(before.deposited) + 1).toFixed(2));
  });
  it('PAY-2: deposits received and refunded in cash at the desk move the shift’s expected amounts, frozen at close', async () => {
    const opened = await t.call('POST', `${base}/shifts`, { cookie: cashier, body: {} });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    const receive = (amount: string, method: string) =>
      t.call('POST', '/api/deposits', {
        cookie: cashier,
        body: { accountId: acc[1], kind: 'waterConnection', amount, method },
      });
    const cashDeposit = await receive('300.00', 'cash');
    expect(cashDeposit.statusCode, cashDeposit.body).toBe(201);
    const posDeposit = await receive('100.00', 'pos');
    expect(posDeposit.statusCode, posDeposit.body).toBe(201);
    // PAY-2 a deposit of 300 cash in the shift raises expected cash by 300 (and the pos one the pos line).
    let shift = (await t.call('GET', `${base}/shifts/${id}`, { cookie: cashier })).json();
    expect(shift.summary.expected).toMatchObject({ cash: '1300.00', pos: '100.00' });
    expect(shift.summary.drawerCash).toBe('1300.00');
    expect(shift.summary.depositsReceived).toEqual([
      { method: 'cash', count: 1, amount: '300.00' },
      { method: 'pos', count: 1, amount: '100.00' },
    ]);
    expect(shift.summary.postingCount).toBe(0);

    // PAY-2 a cash deposit refund lowers it.
    const refund = (depositId: string) =>
      t.call('POST', `/api/deposits/${depositId}/release`, {
        cookie: cashier,
        body: { action: 'refund', method: 'cash', note: '退还押金' },
      });
    const refunded = await refund(cashDeposit.json().id);
    expect(refunded.statusCode, refunded.body).toBe(200);
    shift = (await t.call('GET', `${base}/shifts/${id}`, { cookie: cashier })).json();
    expect(shift.summary.expected).toMatchObject({ cash: '1000.00', pos: '100.00' });
    expect(shift.summary.depositsRefunded).toEqual([{ method: 'cash', count: 1, amount: '300.00' }]);

    const closed = await t.call('POST', `${base}/shifts/${id}/close`, {
      cookie: cashier,
      body: { cash: { ...zeroCount, '100': 10 }, posTotal: '100.00', posCount: 1 },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().lines.find((l: { method: string }) => l.method === 'cash')).toMatchObject({
      expected: '1000.00',
      variance: '0.00',
    });
    // A deposit paid back in cash after the close is not the closed shift's: its figures stay as counted.
    expect((await refund(posDeposit.json().id)).statusCode).toBe(200);
    const after = (await t.call('GET', `${base}/shifts/${id}`, { cookie: cashier })).json();
    expect(after.summary.expected).toMatchObject({ cash: '1000.00', pos: '100.00' });
    expect(after.summary.depositsRefunded).toEqual([{ method: 'cash', count: 1, amount: '300.00' }]);

    const report = await t.call('GET', `${base}/shifts/${id}/report`, { cookie: cashier });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('押金收取');
    expect(report.body).toContain('300.00');
    const day = (await t.call('GET', `${base}/daily-report?date=${today}`, { cookie: supervisor })).json();
    expect(day.totals.depositsReceived).toMatchObject({ cash: '300.00', pos: '100.00' });
    expect(day.totals.depositsRefunded).toMatchObject({ cash: '400.00' });
    const row = day.cashiers.find((c: { cashier: { id: string } }) => c.cashier.id === cashierId);
    expect(row.depositsReceived).toMatchObject({ cash: '300.00', pos: '100.00' });
    const print = await t.call('GET', `${base}/daily-report/print?date=${today}`, { cookie: supervisor });
    expect(print.body).toContain('押金退还');
    expect((await t.call('GET', `${base}/daily-report/file?date=${today}`, { cookie: supervisor })).statusCode).toBe(
      200,
    );
  });
});

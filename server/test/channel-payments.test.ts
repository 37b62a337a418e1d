import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayAccount, signedCallback } from '../src/modules/channel-payments/gateway.js';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { addDays, businessToday } from '../src/platform/calendar/workdays.js';
import { runDueTasks } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const CALLBACK = '/api/channel-payments/online/callback';

describe.each(dbKinds)('channel payments on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let cashier: string;
  let clerkB: string;
  let gateway: GatewayAccount;
  const acc: { id: string; no: string }[] = [];
  const today = businessToday();

  const debit = (account: string, amount: string, dueOn = addDays(today, -20)) =>
    t.db.query(
      `INSERT INTO ledger_entries (company_id, account_id, kind, period, amount, due_on, posted_at)
       VALUES ($1, $2, 'bill', '2026-10', $3, $4, now() - interval '30 days')`,
      [t.companyA, account, amount, dueOn],
    );
  const paymentsOf = async (account: string) =>
    (
      await t.db.query<{ no: string; channel: string; amount: string; cashierId: string | null }>(
        `SELECT no, channel, amount::text AS amount, cashier_id AS "cashierId" FROM payments
          WHERE company_id = $1 AND account_id = $2 ORDER BY received_at`,
        [t.companyA, account],
      )
    ).rows;
  const totalDue = async (account: string) =>
    (await t.call('GET', `/api/payments/accounts/${account}/debts`, { cookie: clerk })).json().totalDue as string;
  const newOrder = async (account: string, body: Record<string, unknown> = {}) => {
    const res = await t.call('POST', '/api/channel-payments/online/orders', {
      cookie: clerk,
      body: { accountId: account, ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const notice = (o: { no: string; amount: string }, extra: Record<string, unknown> = {}) =>
    Buffer.from(
      JSON.stringify({
        notificationId: `N${randomUUID().replaceAll('-', '')}`,
        status: 'SUCCESS',
        orderNo: o.no,
        tradeNo: `T${Date.now()}`,
        amount: o.amount,
        paidAt: new Date().toISOString(),
        ...extra,
      }),
    );
  const send = (signed: { headers: Record<string, string>; body: Buffer }) =>
    t.app.inject({ method: 'POST', url: CALLBACK, headers: signed.headers, payload: signed.body });

  beforeAll(async () => {
    t = await createTestApp(kind);
    clerk = await t.login('hall.clerk');
    cashier = await t.login('cashier');
    clerkB = await t.login('b.hall.clerk');
    await generateAccounts(t.db, t.companyA, { count: 10, seed: 55 });
    const { rows } = await t.db.query<{ id: string; no: string; customerId: string }>(
      `SELECT a.id, a.account_no AS no, a.customer_id AS "customerId" FROM accounts a
        WHERE a.company_id = $1
          AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.company_id = a.company_id AND e.account_id = a.id)
        ORDER BY a.account_no LIMIT 8`,
      [t.companyA],
    );
    for (const [i, r] of rows.entries()) {
      acc.push({ id: r.id, no: r.no });
      await t.db.query(`UPDATE accounts SET usage_nature = 'RES' WHERE company_id = $1 AND id = $2`, [
        t.companyA,
        r.id,
      ]);
      await t.db.query(`UPDATE customers SET mobile = $3 WHERE company_id = $1 AND id = $2`, [
        t.companyA,
        r.customerId,
        `1390000${String(1000 + i)}`,
      ]);
    }
    // The first order gives the company its simulator account and secret.
    await debit(acc[0]!.id, '120.00');
    await newOrder(acc[0]!.id);
    const g = await t.db.query<GatewayAccount>(
      `SELECT company_id AS "companyId", provider, merchant_id AS "merchantId", secret
         FROM payment_gateway_accounts WHERE company_id = $1`,
      [t.companyA],
    );
    gateway = g.rows[0]!;
  });
  afterAll(() => t?.close());

  it('PAY-1: a valid signed callback posts exactly one payment and marks the order paid', async () => {
    const a = acc[0]!.id;
    const due = await totalDue(a);
    const order = await newOrder(a);
    expect(order).toMatchObject({ accountId: a, amount: due, status: 'pending', provider: 'simulator' });
    expect(order.no).toMatch(/^WO-\d{8}-\d{6}$/);
    expect(order.qrPayload).toContain(`order=${order.no}`);
    expect(order.qrImage).toMatch(/^data:image\/png;base64,/);

    const res = await t.call('POST', `/api/sim/gateway/orders/${order.no}/pay`, { cookie: clerk });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ callbackStatus: 200, answer: { code: 'SUCCESS' }, order: { status: 'paid' } });
    const paid = await t.call('GET', `/api/channel-payments/online/orders/${order.id}`, { cookie: clerk });
    expect(paid.json()).toMatchObject({ status: 'paid', paymentNo: expect.stringMatching(/^WS-\d{8}-\d{6}$/) });
    const ps = await paymentsOf(a);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ channel: 'online', amount: due, cashierId: null });
    expect(await totalDue(a)).toBe('0.00');
    const audit = await t.db.query(
      `SELECT actor_id FROM audit_log WHERE company_id = $1 AND action = 'channelPayment.order.paid' AND entity_id = $2`,
      [t.companyA, order.id],
    );
    expect(audit.rows).toEqual([{ actor_id: null }]);
    const sim = await t.call('GET', `/api/sim/gateway/orders/${order.no}`, { cookie: clerk });
    expect(sim.json()).toMatchObject({ provider: 'simulator', status: 'paid', gatewayStatus: 'paid' });
    expect(sim.body).not.toContain(gateway.secret);
    // Paying again: the simulator refuses, nothing posted.
    const again = await t.call('POST', `/api/sim/gateway/orders/${order.no}/pay`, { cookie: clerk });
    expect(again.statusCode).toBe(409);
    expect(await paymentsOf(a)).toHaveLength(1);
  });

  it('PAY-1: a simulated payment is audited under the clerk who made it, not only the gateway', async () => {
    const order = await newOrder(acc[0]!.id, { amount: '5.00' });
    const res = await t.call('POST', `/api/sim/gateway/orders/${order.no}/pay`, { cookie: clerk });
    expect(res.json()).toMatchObject({ callbackStatus: 200, order: { status: 'paid' } });
    const me = (await t.call('GET', '/api/auth/me', { cookie: clerk })).json().id;
    const audit = await t.db.query<{ actor_id: string | null }>(
      `SELECT actor_id FROM audit_log WHERE company_id = $1 AND action = 'channelPayment.order.simulatedPay'
          AND entity_id = $2`,
      [t.companyA, order.id],
    );
    expect(audit.rows).toEqual([{ actor_id: me }]);
  });

  it('PAY-1: a callback with a bad signature is refused (401) and posts nothing', async () => {
    const a = acc[1]!.id;
    await debit(a, '80.00');
    const order = await newOrder(a);
    const body = notice(order);
    const forged = signedCallback({ ...gateway, secret: 'x'.repeat(64) }, body);
    const res = await send(forged);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'CALLBACK_BAD_SIGNATURE' });
    // A body changed after signing is as bad.
    const signed = signedCallback(gateway, body);
    const tampered = await send({ ...signed, body: notice(order, { tradeNo: 'OTHER' }) });
    expect(tampered.statusCode).toBe(401);
    // No signature at all; an unknown merchant.
    const unsigned = await t.app.inject({
      method: 'POST',
      url: CALLBACK,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().code).toBe('CALLBACK_UNSIGNED');
    const stranger = await send(signedCallback({ ...gateway, merchantId: 'MUNKNOWN1' }, body));
    expect(stranger.statusCode).toBe(401);
    expect(await paymentsOf(a)).toHaveLength(0);
    const o = (await t.call('GET', `/api/channel-payments/online/orders/${order.id}`, { cookie: clerk })).json();
    expect(o.status).toBe('pending');
  });

  it('PAY-1: a replayed callback (same nonce) is refused; the same notification id posts once', async () => {
    const a = acc[2]!.id;
    await debit(a, '66.60');
    const order = await newOrder(a);
    const body = notice(order);
    const first = signedCallback(gateway, body);
    const ok = await send(first);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().code).toBe('SUCCESS');
    const replay = await send(first);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('CALLBACK_REPLAYED');
    // The gateway retries the same notification, signed anew: success, nothing posted again.
    const retry = await send(signedCallback(gateway, body));
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json().code).toBe('SUCCESS');
    // Retries at once: one payment.
    await Promise.all([send(signedCallback(gateway, body)), send(signedCallback(gateway, body))]);
    expect(await paymentsOf(a)).toHaveLength(1);
  });

  it('PAY-1: a callback with a forged amount is refused and posts nothing', async () => {
    const a = acc[3]!.id;
    await debit(a, '200.00');
    const order = await newOrder(a, { amount: '200.00' });
    const res = await send(signedCallback(gateway, notice(order, { amount: '0.01' })));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CALLBACK_AMOUNT_MISMATCH' });
    expect(await paymentsOf(a)).toHaveLength(0);
    // Not an amount at all.
    const bad = await send(signedCallback(gateway, notice(order, { amount: '1e9' })));
    expect(bad.statusCode).toBe(400);
    expect(await paymentsOf(a)).toHaveLength(0);
  });

  it('PAY-1: a callback with an expired timestamp is refused and posts nothing', async () => {
    const a = acc[3]!.id;
    const order = await newOrder(a, { amount: '10.00' });
    const old = new Date(Date.now() - 301_000);
    const res = await send(signedCallback(gateway, notice(order), old));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'CALLBACK_STALE' });
    const future = await send(signedCallback(gateway, notice(order), new Date(Date.now() + 301_000)));
    expect(future.statusCode).toBe(401);
    expect(await paymentsOf(a)).toHaveLength(0);
  });

  it('PAY-1: an expired order reads as expired and cannot be paid; orders are the company’s own', async () => {
    const a = acc[4]!.id;
    const order = await newOrder(a, { amount: '5.00' });
    await t.db.query(
      `UPDATE online_orders SET expires_at = now() - interval '1 minute' WHERE company_id = $1 AND id = $2`,
      [t.companyA, order.id],
    );
    const list = await t.call('GET', '/api/channel-payments/online/orders?status=expired', { cookie: clerk });
    expect(list.json().items.map((o: { id: string }) => o.id)).toContain(order.id);
    expect((await t.call('POST', `/api/sim/gateway/orders/${order.no}/pay`, { cookie: clerk })).statusCode).toBe(409);
    // A callback paid after the expiry is refused.
    const late = await send(signedCallback(gateway, notice(order)));
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('CALLBACK_ORDER_EXPIRED');
    expect(await paymentsOf(a)).toHaveLength(0);
    // Another company sees nothing; a cashier only reads.
    expect(
      (await t.call('GET', `/api/channel-payments/online/orders/${order.id}`, { cookie: clerkB })).statusCode,
    ).toBe(404);
    const byCashier = await t.call('POST', '/api/channel-payments/online/orders', {
      cookie: cashier,
      body: { accountId: a },
    });
    expect(byCashier.statusCode).toBe(403);
    const bad = await t.call('POST', '/api/channel-payments/online/orders', {
      cookie: clerk,
      body: { accountId: a, amount: '-1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('amount');
  });

  describe('bank debit', () => {
    const debitDate = addDays(today, 3);
    let batch: { id: string; no: string; lineCount: number; totalAmount: string };
    const lines: { reference: string; accountId: string; amount: string }[] = [];
    const upload = (csv: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/channel-payments/debit-batches/${batch.id}/results`,
        headers: { cookie: clerk, 'content-type': 'text/csv' },
        payload: csv,
      });
    const allPayments = async () =>
      (
        await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM payments WHERE company_id = $1 AND channel = 'bankDebit'`,
          [t.companyA],
        )
      ).rows[0]!.n;

    it('PAY-1: mandates are one per account, audited, their bank account masked in lists', async () => {
      for (const [i, a] of [acc[5]!, acc[6]!, acc[7]!].entries()) {
        await debit(a.id, ['88.00', '45.50', '30.00'][i]!);
        const res = await t.call('POST', '/api/channel-payments/mandates', {
          cookie: clerk,
          body: {
            accountId: a.id,
            bankCode: 'icbc',
            bankName: '工商银行',
            bankAccountNo: `6222 0200 0000 000${i}`,
            holderName: `户主${i}`,
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toMatchObject({ bankCode: 'ICBC', bankAccountNo: `6222 **** 000${i}`, status: 'active' });
      }
      const twice = await t.call('POST', '/api/channel-payments/mandates', {
        cookie: clerk,
        body: {
          accountId: acc[5]!.id,
          bankCode: 'ABC',
          bankName: '农业银行',
          bankAccountNo: '6228480000000001',
          holderName: '某',
        },
      });
      expect(twice.statusCode).toBe(409);
      const bad = await t.call('POST', '/api/channel-payments/mandates', {
        cookie: clerk,
        body: { accountId: acc[4]!.id, bankCode: 'ABC', bankName: '农业银行', bankAccountNo: '12ab', holderName: '某' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details.fields[0].path).toBe('bankAccountNo');
      const list = (await t.call('GET', '/api/channel-payments/mandates?status=active', { cookie: clerk })).json();
      expect(list.total).toBe(3);
      expect(JSON.stringify(list)).not.toContain('62220200');
      expect((await t.call('GET', '/api/channel-payments/mandates', { cookie: clerkB })).json().total).toBe(0);
    });

    it('PAY-1: a batch debit run writes one file per bank with what each account owes; a bank runs once a date', async () => {
      const res = await t.call('POST', '/api/channel-payments/debit-batches', { cookie: clerk, body: { debitDate } });
      expect(res.statusCode, res.body).toBe(201);
      const items = res.json().items;
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ bankCode: 'ICBC', status: 'building', mandatesTotal: 3, mandatesDone: 0 });
      const early = await t.call('GET', `/api/channel-payments/debit-batches/${items[0].id}/file`, { cookie: clerk });
      expect(early.statusCode).toBe(409);
      while ((await runDueTasks(t.db)) > 0) {}
      batch = (await t.call('GET', `/api/channel-payments/debit-batches/${items[0].id}`, { cookie: clerk })).json();
      expect(batch).toMatchObject({ bankCode: 'ICBC', lineCount: 3, status: 'exported', mandatesDone: 3 });
      expect(batch.no).toBe(`BD${debitDate.replaceAll('-', '')}ICBC`);
      const dues = await Promise.all([acc[5]!, acc[6]!, acc[7]!].map((a) => totalDue(a.id)));
      expect(batch.totalAmount).toBe(dues.reduce((s, d) => s.plus(d), new Decimal(0)).toFixed(2));

      const file = await t.call('GET', `/api/channel-payments/debit-batches/${batch.id}/file`, { cookie: clerk });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('text/csv');
      const rows = file.body
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
      expect(rows[0]).toBe('参考号,银行账号,户名,用户号,金额');
      expect(rows.slice(1)).toEqual(
        [acc[5]!, acc[6]!, acc[7]!].map(
          (a, i) => `${batch.no}-00000${i + 1},622202000000000${i},户主${i},${a.no},${dues[i]}`,
        ),
      );
      for (const [i, r] of rows.slice(1).entries()) {
        lines.push({ reference: r.split(',')[0]!, accountId: [acc[5]!, acc[6]!, acc[7]!][i]!.id, amount: dues[i]! });
      }
      const again = await t.call('POST', '/api/channel-payments/debit-batches', {
        cookie: clerk,
        body: { debitDate, bankCode: 'ICBC' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('BATCH_EXISTS');
      // Another company sees none of it.
      expect((await t.call('GET', '/api/channel-payments/debit-batches', { cookie: clerkB })).json().total).toBe(0);
      const foreign = await t.call('GET', `/api/channel-payments/debit-batches/${batch.id}/file`, { cookie: clerkB });
      expect(foreign.statusCode).toBe(404);
    });

    it('PAY-1: a run while an earlier batch’s results are still out does not debit the same debt again', async () => {
      const res = await t.call('POST', '/api/channel-payments/debit-batches', {
        cookie: clerk,
        body: { debitDate: addDays(debitDate, 1), bankCode: 'ICBC' },
      });
      expect(res.statusCode, res.body).toBe(201);
      while ((await runDueTasks(t.db)) > 0) {}
      const next = (
        await t.call('GET', `/api/channel-payments/debit-batches/${res.json().items[0].id}`, { cookie: clerk })
      ).json();
      expect(next).toMatchObject({ lineCount: 0, totalAmount: '0.00', status: 'completed' });
    });

    it('PAY-1: a results file with a bad row is refused with its line numbers and posts nothing', async () => {
      const csv = [
        '参考号,结果,金额,失败原因',
        `${lines[0]!.reference},成功,${lines[0]!.amount},`,
        `${lines[1]!.reference},成功,999.99,`,
        `NOPE-1,失败,1.00,余额不足`,
        `${lines[2]!.reference},失败,${lines[2]!.amount},`,
      ].join('\r\n');
      const res = await upload(csv);
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json();
      expect(body.code).toBe('RESULTS_REJECTED');
      expect(body.details.rows.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
        [3, 'amount'],
        [4, 'reference'],
        [5, 'reason'],
      ]);
      expect(await allPayments()).toBe(0);
      const b = (await t.call('GET', `/api/channel-payments/debit-batches/${batch.id}`, { cookie: clerk })).json();
      expect(b).toMatchObject({ pending: 3, succeeded: 0, failed: 0 });
    });

    it('PAY-1: successes post bank-debit payments, failures queue the customer’s notice; the same file twice posts once', async () => {
      const csv = [
        'reference,status,amount,reason',
        `${lines[0]!.reference},success,${lines[0]!.amount},`,
        `${lines[1]!.reference},success,${lines[1]!.amount},`,
        `${lines[2]!.reference},failure,${lines[2]!.amount},余额不足`,
      ].join('\n');
      const res = await upload(csv);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ rows: 3, succeeded: 2, failed: 1, unchanged: 0, noticesQueued: 1 });
      expect(await allPayments()).toBe(2);
      const ps = await paymentsOf(lines[0]!.accountId);
      expect(ps).toEqual([
        {
          no: expect.stringMatching(/^DK-\d{8}-\d{6}$/),
          channel: 'bankDebit',
          amount: lines[0]!.amount,
          cashierId: null,
        },
      ]);
      expect(await totalDue(lines[1]!.accountId)).toBe('0.00');
      const msgs = await t.db.query<{ rendered: string; customer_ref: string }>(
        `SELECT rendered, customer_ref FROM notification_messages WHERE company_id = $1 AND template_code = 'bankDebitFailed'`,
        [t.companyA],
      );
      expect(msgs.rows).toHaveLength(1);
      expect(msgs.rows[0]!.rendered).toContain('银行代扣未成功（余额不足），请及时缴费');
      expect(msgs.rows[0]!.rendered).toContain(lines[2]!.amount);
      const failedLines = (
        await t.call('GET', `/api/channel-payments/debit-batches/${batch.id}/lines?status=failed`, { cookie: clerk })
      ).json();
      expect(failedLines.items).toMatchObject([{ reference: lines[2]!.reference, failureReason: '余额不足' }]);
      expect(failedLines.items[0].noticeMessageId).toBeTruthy();
      const b = (await t.call('GET', `/api/channel-payments/debit-batches/${batch.id}`, { cookie: clerk })).json();
      expect(b).toMatchObject({ status: 'completed', pending: 0, succeeded: 2, failed: 1 });

      const again = await upload(csv);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ succeeded: 0, failed: 0, unchanged: 3, noticesQueued: 0 });
      expect(await allPayments()).toBe(2);
      // A settled line cannot change its result.
      const flip = await upload(`参考号,结果,金额,失败原因\n${lines[2]!.reference},成功,${lines[2]!.amount},`);
      expect(flip.statusCode).toBe(400);
      expect(await allPayments()).toBe(2);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);

describe.each(dbKinds)('deposits on %s', (kind) => {
  let t: TestApp;
  let cashier: string;
  let clerk: string;
  let reader: string;
  let bCashier: string;
  const acc: string[] = [];

  const receive = (body: Record<string, unknown>, cookie = cashier) =>
    t.call('POST', '/api/deposits', { cookie, body });
  const release = (id: string, body: Record<string, unknown>, cookie = cashier) =>
    t.call('POST', `/api/deposits/${id}/release`, { cookie, body });
  const ledgerOf = async (accountId: string) =>
    (
      await t.db.query<{ kind: string; amount: string; sourceId: string }>(
        `SELECT kind, amount::text AS amount, source_id AS "sourceId" FROM ledger_entries
          WHERE company_id = $1 AND account_id = $2 ORDER BY posted_at, id`,
        [t.companyA, accountId],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestApp(kind);
    [cashier, clerk, reader, bCashier] = await Promise.all([
      t.login('cashier'),
      t.login('hall.clerk'),
      t.login('meter.reader'),
      t.login('b.cashier'),
    ]);
    await generateAccounts(t.db, t.companyA, { count: 8, seed: 91 });
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT a.id FROM accounts a
        WHERE a.company_id = $1
          AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.company_id = a.company_id AND e.account_id = a.id)
        ORDER BY a.account_no LIMIT 5`,
      [t.companyA],
    );
    acc.push(...rows.map((r) => r.id));
  });
  afterAll(() => t?.close());

  it('PAY-8: a deposit is received with its tender and receipt number and held outside the gas balance; its receipt prints', async () => {
    const a = acc[0]!;
    const noRef = await receive({ accountId: a, kind: 'waterConnection', amount: '500.00', method: 'bankTransfer' });
    expect(noRef.statusCode).toBe(400);
    expect(fieldsOf(noRef.json())).toEqual(['reference']);
    const bad = await receive({ accountId: a, kind: 'waterConnection', amount: '5.001', method: 'cash' });
    expect(fieldsOf(bad.json())).toEqual(['amount']);
    expect(
      (await receive({ accountId: a, kind: 'prepayment', amount: '1.00', method: 'cash' }, reader)).statusCode,
    ).toBe(403);

    const res = await receive({ accountId: a, kind: 'meter', method: 'cash', receiptNo: 'SJ-0001' });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    // The meter-test deposit defaults to the policy's amount (003 §11(一): 300 yuan).
    expect(d).toMatchObject({ kind: 'meter', amount: '300.00', status: 'held', receiptNo: 'SJ-0001', method: 'cash' });
    expect(d.no).toMatch(/^YJ-\d{8}-\d{4}$/);
    expect(d.movements).toMatchObject([{ kind: 'received', amount: '300.00', method: 'cash' }]);
    const dup = await receive({
      accountId: a,
      kind: 'prepayment',
      amount: '1000.00',
      method: 'cash',
      receiptNo: 'SJ-0001',
    });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup.json())).toEqual(['receiptNo']);

    expect(await ledgerOf(a)).toEqual([]);
    const fin = (await t.call('GET', `/api/accounts/${a}/finance`, { cookie: clerk })).json();
    expect(fin).toMatchObject({ balance: '0.00', depositsHeld: '300.00' });
    const overview = await t.call('GET', `/api/accounts/${a}/overview`, { cookie: clerk });
    expect(overview.statusCode, overview.body).toBe(200);

    const html = await t.call('GET', `/api/print/notices/depositReceipt/html?subjectId=${d.id}`, { cookie: cashier });
    expect(html.statusCode, html.body).toBe(200);
    expect(html.body).toContain(d.no);
    expect(html.body).toContain('叁佰元整');
    expect((await t.call('GET', `/api/deposits/${d.id}`, { cookie: bCashier })).statusCode).toBe(404);
    const list = await t.call('GET', `/api/deposits?accountId=${a}&status=held`, { cookie: clerk });
    expect(list.json()).toMatchObject({ total: 1, held: '300.00' });
  });

  it('PAY-8: a held deposit applied to the account is one depositApplied credit, released once even if asked twice at once', async () => {
    const a = acc[1]!;
    const d = (
      await receive({ accountId: a, kind: 'prepayment', amount: '800.00', method: 'pos', reference: 'POS-9' })
    ).json();
    const both = await Promise.all([
      release(d.id, { action: 'apply' }),
      release(d.id, { action: 'refund', method: 'cash' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = (await t.call('GET', `/api/deposits/${d.id}`, { cookie: clerk })).json();
    const entries = await ledgerOf(a);
    if (after.status === 'applied') {
      expect(entries).toEqual([{ kind: 'depositApplied', amount: '-800.00', sourceId: d.id }]);
      expect(after).toMatchObject({ appliedAmount: '800.00', refundedAmount: '0.00' });
    } else {
      expect(after.status).toBe('refunded');
      expect(entries).toEqual([]);
    }
    expect(after.movements.map((m: { kind: string }) => m.kind)).toEqual(['received', after.status]);
    expect(after.settledOn).not.toBeNull();
    const audits = await t.db.query(
      `SELECT action FROM audit_log WHERE company_id = $1 AND entity_id = $2 ORDER BY at`,
      [t.companyA, d.id],
    );
    expect(audits.rows.length).toBe(2);
  });

  it('PAY-8: a meter-test deposit — the meter accurate keeps the test fee and refunds the rest; inaccurate refunds it all', async () => {
    const a = acc[2]!;
    const accurate = (await receive({ accountId: a, kind: 'meter', method: 'cash' })).json();
    const noResult = await release(accurate.id, { action: 'refund' });
    expect(fieldsOf(noResult.json())).toEqual(['meterTestResult']);
    const noFee = await release(accurate.id, { action: 'refund', meterTestResult: 'accurate' });
    expect(fieldsOf(noFee.json())).toEqual(['forfeitAmount']);
    const tooMuch = await release(accurate.id, {
      action: 'refund',
      meterTestResult: 'accurate',
      forfeitAmount: '300.01',
    });
    expect(fieldsOf(tooMuch.json())).toEqual(['forfeitAmount']);
    const kept = await release(accurate.id, { action: 'refund', meterTestResult: 'accurate', forfeitAmount: '80.00' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({
      status: 'refunded',
      refundedAmount: '220.00',
      forfeitedAmount: '80.00',
      meterTestResult: 'accurate',
    });
    expect(kept.json().movements.map((m: { kind: string; amount: string }) => [m.kind, m.amount])).toEqual([
      ['received', '300.00'],
      ['forfeited', '80.00'],
      ['refunded', '220.00'],
    ]);

    const inaccurate = (await receive({ accountId: a, kind: 'meter', method: 'cash' })).json();
    const all = await release(inaccurate.id, {
      action: 'refund',
      meterTestResult: 'inaccurate',
      forfeitAmount: '50.00',
      method: 'bankTransfer',
      reference: 'TR-77',
    });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ status: 'refunded', refundedAmount: '300.00', forfeitedAmount: '0.00' });
    expect(await ledgerOf(a)).toEqual([]);
  });

  it('PAY-8: keeping a deposit needs a reason; a forfeited deposit is released and never again', async () => {
    const a = acc[3]!;
    const d = (await receive({ accountId: a, kind: 'waterConnection', amount: '200.00', method: 'wechat' })).json();
    const noReason = await release(d.id, { action: 'forfeit' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason.json())).toEqual(['note']);
    const partial = await release(d.id, { action: 'apply', forfeitAmount: '20.00' });
    expect(fieldsOf(partial.json())).toEqual(['note']);
    const gone = await release(d.id, { action: 'forfeit', note: '用户未按期办理，按协议不予退还' });
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json()).toMatchObject({ status: 'forfeited', forfeitedAmount: '200.00' });
    const again = await release(d.id, { action: 'refund' });
    expect(again.statusCode).toBe(409);
    expect(await ledgerOf(a)).toEqual([]);
  });
  it('PAY-8: one paper receipt number given to two deposits at once: one is received, the other 409 on receiptNo', async () => {
    const body = {
      accountId: acc[4]!,
      kind: 'waterConnection',
      amount: '200.00',
      method: 'cash',
      receiptNo: 'SJ-RACE-1',
    };
    const both = await Promise.all([receive(body), receive(body, clerk)]);
    expect(both.map((r) => r.statusCode).sort(), both.map((r) => r.body).join('\n')).toEqual([201, 409]);
    expect(fieldsOf(both.find((r) => r.statusCode === 409)!.json())).toEqual(['receiptNo']);
    const n = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deposits WHERE company_id = $1 AND receipt_no = 'SJ-RACE-1'`,
      [t.companyA],
    );
    expect(n.rows[0]!.n).toBe(1);
  });
  it('PAY-8: a meter-test deposit follows its work order’s result: the desk cannot call an accurate meter inaccurate', async () => {
    const a = acc[4]!;
    const d = (await receive({ accountId: a, kind: 'meter', method: 'cash' })).json();
    // The SVC-9 work order whose meterTest form took the deposit found the meter accurate ('pass').
    const wo = await t.db.query<{ id: string }>(
      `INSERT INTO work_orders (company_id, order_no, type_code, channel, account_id, description, priority, status,
                                org_unit_id, owner_id, reported_at, deadline_at, promise)
       SELECT $1, 'WO-DEP-TEST-1', 'meterTest', 'hall', $2, '气表检测', 'normal', 'created',
              (SELECT id FROM org_units WHERE company_id = $1 AND code = 'CS-SVC'),
              (SELECT id FROM users WHERE company_id = $1 ORDER BY username LIMIT 1), now(), now() + interval '3 days', '{}'::jsonb
       RETURNING id`,
      [t.companyA, a],
    );
    await t.db.query(
      `INSERT INTO work_order_forms (company_id, work_order_id, form_code, data, updated_by)
       VALUES ($1, $2, 'meterTest', $3::jsonb, (SELECT id FROM users WHERE company_id = $1 ORDER BY username LIMIT 1))`,
      [t.companyA, wo.rows[0]!.id, JSON.stringify({ result: 'pass', deposit: { id: d.id, amount: d.amount } })],
    );
    const claimed = await release(d.id, { action: 'refund', meterTestResult: 'inaccurate' });
    expect(claimed.statusCode).toBe(400);
    expect(fieldsOf(claimed.json())).toEqual(['meterTestResult']);
    const kept = await release(d.id, { action: 'refund', forfeitAmount: '80.00' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({
      meterTestResult: 'accurate',
      refundedAmount: '220.00',
      forfeitedAmount: '80.00',
    });
  });
});

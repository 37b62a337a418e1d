import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { seedDemoIcCards } from '../src/modules/ic-cards/demo.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);
const R = 'DESK-1';
const PRICE = '2.6100';

describe.each(dbKinds)('IC cards on %s', (kind) => {
  let t: TestApp;
  let cashier: string;
  let clerk: string;
  let director: string;
  const acc: { id: string; meterNo: string; start: string }[] = [];

  const purchase = (accountId: string, cardNo: string, volume: string, amount: string, key: string = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/ic/purchases',
      headers: { cookie: cashier, 'idempotency-key': key },
      payload: { accountId, cardNo, deviceId: R, volume, tenders: [{ method: 'cash', amount }] },
    });
  const issue = async (accountId: string) => {
    const res = await t.call('POST', '/api/ic/cards', { cookie: clerk, body: { accountId, deviceId: R } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; cardNo: string };
  };
  const sim = async () => (await t.call('GET', '/api/ic/simulator', { cookie: clerk })).json();
  const simCard = async (cardNo: string) => (await sim()).cards.find((c: { cardNo: string }) => c.cardNo === cardNo);
  const simMeter = async (meterNo: string) =>
    (await sim()).meters.find((m: { meterNo: string }) => m.meterNo === meterNo);
  const simPost = async (path: string, body: unknown) => {
    const res = await t.call('POST', `/api/ic/simulator/${path}`, { cookie: clerk, body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const count = async (sql: string, params: unknown[]) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, params)).rows[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cashier = await t.login('cashier');
    clerk = await t.login('hall.clerk');
    director = await t.login('centre.director');
    await generateAccounts(t.db, t.companyA, { count: 40, seed: 58 });
    const { rows } = await t.db.query<{ id: string; serial: string; base: string }>(
      `SELECT a.id, m.serial, m.base_reading::text AS base FROM accounts a
         JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id AND m.meter_type = 'icCard'
                      AND m.status = 'installed'
        WHERE a.company_id = $1
          AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.company_id = a.company_id AND e.account_id = a.id)
          AND (SELECT count(*) FROM meters x WHERE x.company_id = a.company_id AND x.account_id = a.id) = 1
        ORDER BY a.account_no LIMIT 11`,
      [t.companyA],
    );
    expect(rows.length).toBe(11);
    for (const r of rows) {
      acc.push({ id: r.id, meterNo: r.serial, start: r.base });
      await t.db.query(`UPDATE accounts SET usage_nature = 'RES' WHERE company_id = $1 AND id = $2`, [
        t.companyA,
        r.id,
      ]);
    }
    const tariff = await t.db.query<{ id: string }>(
      `INSERT INTO tariffs (company_id, usage_nature, name, effective_from, tiered)
       VALUES ($1, 'RES', '居民阶梯气价', '2020-01-01', true) RETURNING id`,
      [t.companyA],
    );
    await t.db.query(
      `INSERT INTO tariff_tiers (company_id, tariff_id, tier, lower_volume, upper_volume, price)
       VALUES ($1, $2, 1, 0, 350, $3), ($1, $2, 2, 350, NULL, 3.13)`,
      [t.companyA, tariff.rows[0]!.id, PRICE],
    );
  });
  afterAll(() => t?.close());

  it('ICC-1: a purchase reads the card, posts the icPurchase debit and its payment, writes the card and verifies it', async () => {
    const a = acc[0]!;
    const card = await issue(a.id);
    const read = await t.call('GET', `/api/ic/reader/${R}`, { cookie: cashier });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      card: { cardNo: card.cardNo, loaded: true, seq: 0 },
      account: { id: a.id, meterNo: a.meterNo },
      price: PRICE,
      limits: { min: 1, max: 500, decimals: 0 },
    });
    const q = await t.call('GET', `/api/ic/quote?accountId=${a.id}&volume=20`, { cookie: cashier });
    expect(q.json()).toMatchObject({ amount: '52.20', arrears: '0.00', due: '52.20' });

    const res = await purchase(a.id, card.cardNo, '20', '52.20');
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.purchase).toMatchObject({ volume: '20.000', price: PRICE, amount: '52.20', collected: '52.20' });
    expect(out.purchase.no).toMatch(/^GQ-\d{8}-\d{4}$/);
    expect(out.write).toMatchObject({ status: 'verified', seq: 1, volume: '20.000', attempts: 1 });
    expect(await simCard(card.cardNo)).toMatchObject({ seq: 1, volume: '20.000', loaded: false });

    const entries = await t.db.query<{ kind: string; amount: string }>(
      `SELECT kind, amount::text AS amount FROM ledger_entries WHERE company_id = $1 AND account_id = $2 ORDER BY posted_at, amount DESC`,
      [t.companyA, a.id],
    );
    expect(entries.rows).toEqual([
      { kind: 'icPurchase', amount: '52.20' },
      { kind: 'payment', amount: '-52.20' },
    ]);
    const pay = await t.db.query<{ channel: string }>(
      'SELECT channel FROM payments WHERE company_id = $1 AND id = $2',
      [t.companyA, out.purchase.paymentId],
    );
    expect(pay.rows[0]!.channel).toBe('icCard');
    expect(
      await count(`FROM audit_log WHERE company_id = $1 AND action IN ('icCard.purchase', 'icCard.written')`, [
        t.companyA,
      ]),
    ).toBe(2);
    const receipt = await t.call('GET', `/api/print/notices/icPurchaseReceipt/html?subjectId=${out.purchase.id}`, {
      cookie: cashier,
    });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.body).toContain('IC 卡购气凭条');
    expect(receipt.body).toContain(card.cardNo);
  });

  it('ICC-1: a purchase is refused while the last purchase has not reached the meter (the card still holds gas)', async () => {
    const a = acc[0]!;
    const cardNo = (
      await t.db.query<{ n: string }>('SELECT card_no AS n FROM ic_cards WHERE company_id = $1 AND account_id = $2', [
        t.companyA,
        a.id,
      ])
    ).rows[0]!.n;
    const refused = await purchase(a.id, cardNo, '10', '26.10');
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('LAST_PURCHASE_NOT_LOADED');
    expect(refused.json().message).toContain('尚未输入气表');
    // The customer inserts the card into the meter: the meter holds the gas, the card is empty; now it sells.
    await simPost('insert', { cardNo, meterNo: a.meterNo });
    expect(await simMeter(a.meterNo)).toMatchObject({ remaining: '20.000', cumulativePurchased: '20.000', lastSeq: 1 });
    expect(await simCard(cardNo)).toMatchObject({ volume: '0.000', loaded: true });
    const ok = await purchase(a.id, cardNo, '10', '26.10');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().write).toMatchObject({ status: 'verified', seq: 2 });
  });

  it('ICC-1: a volume above the policy limit, with decimals beyond the policy or not a number is refused naming volume', async () => {
    const a = acc[1]!;
    const card = await issue(a.id);
    for (const volume of ['501', '1.5', 'abc', '0']) {
      const res = await purchase(a.id, card.cardNo, volume, '1.00');
      expect(res.statusCode, `${volume}: ${res.body}`).toBe(400);
      expect(fieldsOf(res.json())).toContain('volume');
    }
    const above = await purchase(a.id, card.cardNo, '501', '1.00');
    expect(above.json().message).toContain('最多 500 立方米');
    const tenders = await purchase(a.id, card.cardNo, '10', '20.00');
    expect(tenders.statusCode).toBe(400);
    expect(fieldsOf(tenders.json())).toContain('tenders');
    expect(await count('FROM ic_purchases WHERE company_id = $1 AND account_id = $2', [t.companyA, a.id])).toBe(0);
  });

  it('ICC-1: the same purchase key twice, also at once, makes one sale and one card write', async () => {
    const a = acc[1]!;
    const cardNo = (
      await t.db.query<{ n: string }>(`SELECT card_no AS n FROM ic_cards WHERE company_id = $1 AND account_id = $2`, [
        t.companyA,
        a.id,
      ])
    ).rows[0]!.n;
    const key = `${'k'.repeat(28)}${randomUUID()}`; // 64 characters, the longest key
    const [r1, r2] = await Promise.all([
      purchase(a.id, cardNo, '10', '26.10', key),
      purchase(a.id, cardNo, '10', '26.10', key),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 201]);
    expect(r1.json().purchase.id).toBe(r2.json().purchase.id);
    const again = await purchase(a.id, cardNo, '10', '26.10', key);
    expect(again.statusCode).toBe(200);
    expect(again.json().write.status).toBe('verified');
    expect(await count('FROM ic_purchases WHERE company_id = $1 AND account_id = $2', [t.companyA, a.id])).toBe(1);
    expect(await count('FROM ic_card_writes WHERE company_id = $1 AND account_id = $2', [t.companyA, a.id])).toBe(1);
    expect(await count(`FROM payments WHERE company_id = $1 AND account_id = $2`, [t.companyA, a.id])).toBe(1);
    expect(
      await count(`FROM audit_log WHERE company_id = $1 AND action = 'icCard.written' AND after->>'cardNo' = $2`, [
        t.companyA,
        cardNo,
      ]),
    ).toBe(1);
    const other = await purchase(a.id, cardNo, '11', '28.71', key);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('ICC-1: a failed card write is marked and retried with the same sequence and volume, never a second sale', async () => {
    const a = acc[2]!;
    const card = await issue(a.id);
    await simPost('fail-writes', { cardNo: card.cardNo, count: 1 });
    const res = await purchase(a.id, card.cardNo, '5', '13.05');
    expect(res.statusCode, res.body).toBe(201);
    const w = res.json().write;
    expect(w).toMatchObject({ status: 'failed', attempts: 1 });
    expect(w.lastError).toContain('写卡失败');
    expect(await simCard(card.cardNo)).toMatchObject({ volume: '0.000', seq: 0 });
    // Another sale waits for the unfinished write.
    const blocked = await purchase(a.id, card.cardNo, '5', '13.05');
    expect(blocked.json().code).toBe('WRITE_PENDING');
    const retry = await t.call('POST', `/api/ic/writes/${w.id}/write`, { cookie: cashier, body: { deviceId: R } });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'verified', seq: w.seq, volume: '5.000', attempts: 2 });
    expect(await simCard(card.cardNo)).toMatchObject({ volume: '5.000', seq: 1, loaded: false });
    const twice = await t.call('POST', `/api/ic/writes/${w.id}/write`, { cookie: cashier, body: { deviceId: R } });
    expect(twice.json()).toMatchObject({ status: 'verified', attempts: 2 });
    expect(await count('FROM ic_purchases WHERE company_id = $1 AND account_id = $2', [t.companyA, a.id])).toBe(1);
    expect(await count(`FROM audit_log WHERE company_id = $1 AND action = 'icCard.writeFailed'`, [t.companyA])).toBe(1);
  });

  it('ICC-2: a positive replenishment is approved by the authorised approver and written to the card once', async () => {
    const a = acc[3]!;
    const card = await issue(a.id);
    expect((await purchase(a.id, card.cardNo, '30', '78.30')).statusCode).toBe(201);
    await simPost('insert', { cardNo: card.cardNo, meterNo: a.meterNo });
    await simPost('consume', { meterNo: a.meterNo, volume: '10' });
    await simPost('fault', { meterNo: a.meterNo, fault: 'loseGas' });
    const reading = (await simMeter(a.meterNo)).reading as string;
    const preview = await t.call(
      'GET',
      `/api/ic/replenishments/preview?accountId=${a.id}&reading=${reading}&deviceId=${R}`,
      { cookie: clerk },
    );
    expect(preview.json()).toMatchObject({
      cumulativePurchased: '30.000',
      used: '10.000',
      cardVolume: '0.000',
      volume: '20.000',
      outcome: 'replenish',
    });
    const filed = await t.call('POST', '/api/ic/replenishments', {
      cookie: clerk,
      body: { accountId: a.id, reason: 'nonHumanLoss', reading, deviceId: R, contactPhone: '13800000000' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const r = filed.json();
    expect(r).toMatchObject({ status: 'pending', volume: '20.000', amount: '52.20', writeId: null });
    expect(r.no).toMatch(/^BQ-\d{8}-\d{4}$/);
    // Filed again from the generic approvals route: refused (only the replenishment form files it).
    const generic = await t.call('POST', '/api/approvals', {
      cookie: clerk,
      body: {
        kind: 'replenishment',
        subjectType: 'icReplenishment',
        reason: 'again',
        payload: { replenishmentId: r.id, no: r.no, accountNo: r.accountNo, volume: '20.000', reason: 'nonHumanLoss' },
      },
    });
    expect(generic.statusCode).toBe(400);
    const approved = await t.call('POST', `/api/approvals/${r.approvalId}/approve`, { cookie: director, body: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    const after = (await t.call('GET', `/api/ic/replenishments/${r.id}`, { cookie: clerk })).json();
    expect(after).toMatchObject({ status: 'approved', writeStatus: 'pending' });
    const w1 = await t.call('POST', `/api/ic/writes/${after.writeId}/write`, { cookie: clerk, body: { deviceId: R } });
    expect(w1.json()).toMatchObject({ status: 'verified', kind: 'replenishment', volume: '20.000' });
    await t.call('POST', `/api/ic/writes/${after.writeId}/write`, { cookie: clerk, body: { deviceId: R } });
    expect(await count('FROM ic_card_writes WHERE company_id = $1 AND source_id = $2', [t.companyA, r.id])).toBe(1);
    expect(await simCard(card.cardNo)).toMatchObject({ volume: '20.000', loaded: false });
    const again = await t.call('POST', `/api/approvals/${r.approvalId}/approve`, { cookie: director, body: {} });
    expect(again.statusCode).toBe(409);
    const form = await t.call('GET', `/api/print/notices/icReplenishmentForm/html?subjectId=${r.id}`, {
      cookie: clerk,
    });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.body).toContain('智能表补气量申请表');
    expect(form.body).toContain('补气量 = 累计购气量 − 基表数（基表读数 − 装表底数）− 卡内未插表气量');
  });

  it('ICC-2: a rejected replenishment is closed and nothing is written', async () => {
    const a = acc[3]!;
    await simPost('fault', { meterNo: a.meterNo, fault: 'loseGas' });
    const m = await simMeter(a.meterNo);
    // 30 bought + 20 replenished; the counter shows 10 used since installation; the 20 m³ written are still on the
    // card in the reader (not inserted), so only the 20 m³ lost in the meter are replenished.
    const filed = await t.call('POST', '/api/ic/replenishments', {
      cookie: clerk,
      body: { accountId: a.id, reason: 'maintenance', reading: m.reading, deviceId: R },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const r = filed.json();
    expect(r).toMatchObject({
      status: 'pending',
      cumulativePurchased: '50.000',
      cardVolume: '20.000',
      volume: '20.000',
    });
    const rejected = await t.call('POST', `/api/approvals/${r.approvalId}/reject`, {
      cookie: director,
      body: { comment: '现场核查无丢气' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((await t.call('GET', `/api/ic/replenishments/${r.id}`, { cookie: clerk })).json()).toMatchObject({
      status: 'rejected',
      writeId: null,
    });
    expect(await count('FROM ic_card_writes WHERE company_id = $1 AND source_id = $2', [t.companyA, r.id])).toBe(0);
  });

  it('ICC-1: reading a card of a customer with several cards warns and lists the others', async () => {
    const [a, b] = [acc[2]!, acc[3]!];
    await t.db.query(
      `UPDATE accounts SET customer_id = (SELECT customer_id FROM accounts WHERE company_id = $1 AND id = $3)
        WHERE company_id = $1 AND id = $2`,
      [t.companyA, a.id, b.id],
    );
    const cards = await t.db.query<{ n: string; account: string }>(
      `SELECT card_no AS n, account_id AS account FROM ic_cards WHERE company_id = $1 AND account_id IN ($2, $3) AND status = 'active'`,
      [t.companyA, a.id, b.id],
    );
    const mine = cards.rows.find((c) => c.account === a.id)!.n;
    const other = cards.rows.find((c) => c.account === b.id)!.n;
    await simPost('reader', { cardNo: mine, deviceId: R });
    const read = (await t.call('GET', `/api/ic/reader/${R}`, { cookie: cashier })).json();
    expect(read.warnings.map((w: { code: string }) => w.code)).toContain('severalCards');
    expect(read.otherCards.map((c: { cardNo: string }) => c.cardNo)).toEqual([other]);
  });

  it('ICC-2: a negative replenishment makes the customer pay the difference (icReplenishmentCharge); nothing is written', async () => {
    const a = acc[4]!;
    const card = await issue(a.id);
    expect((await purchase(a.id, card.cardNo, '10', '26.10')).statusCode).toBe(201);
    await simPost('insert', { cardNo: card.cardNo, meterNo: a.meterNo });
    const reading = (Number(a.start) + 15).toFixed(3); // 15 m³ used against 10 bought
    const filed = await t.call('POST', '/api/ic/replenishments', {
      cookie: clerk,
      body: { accountId: a.id, reason: 'meterFault', reading, deviceId: R },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const r = filed.json();
    expect(r).toMatchObject({ status: 'charged', volume: '-5.000', amount: '13.05', approvalId: null, writeId: null });
    const charge = await t.db.query<{ amount: string; dueOn: string }>(
      `SELECT amount::text AS amount, due_on::text AS "dueOn" FROM ledger_entries
        WHERE company_id = $1 AND account_id = $2 AND kind = 'icReplenishmentCharge' AND source_id = $3`,
      [t.companyA, a.id, r.id],
    );
    expect(charge.rows).toEqual([{ amount: '13.05', dueOn: expect.any(String) }]);
    expect(await count('FROM ic_card_writes WHERE company_id = $1 AND source_id = $2', [t.companyA, r.id])).toBe(0);
    const debts = (await t.call('GET', `/api/payments/accounts/${a.id}/debts`, { cookie: cashier })).json();
    expect(debts.totalDue).toBe('13.05');
    const below = await t.call('POST', '/api/ic/replenishments', {
      cookie: clerk,
      body: { accountId: a.id, reason: 'meterFault', reading: '0', deviceId: R },
    });
    if (Number(a.start) > 0) expect(fieldsOf(below.json())).toContain('reading');
  });

  it('ICC-1: the payment of a purchase settles the arrears first; the tenders must equal arrears + gas', async () => {
    const a = acc[4]!;
    const cardNo = (
      await t.db.query<{ n: string }>(
        `SELECT card_no AS n FROM ic_cards WHERE company_id = $1 AND account_id = $2 AND status = 'active'`,
        [t.companyA, a.id],
      )
    ).rows[0]!.n;
    await simPost('reader', { cardNo, deviceId: R });
    const q = (await t.call('GET', `/api/ic/quote?accountId=${a.id}&volume=10`, { cookie: cashier })).json();
    expect(q).toMatchObject({ amount: '26.10', arrears: '13.05', due: '39.15' });
    const short = await purchase(a.id, cardNo, '10', '26.10');
    expect(short.statusCode).toBe(400);
    expect(fieldsOf(short.json())).toContain('tenders');
    expect(short.json().message).toContain('先结清欠费 13.05 元');
    const ok = await purchase(a.id, cardNo, '10', '39.15');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().purchase).toMatchObject({ amount: '26.10', collected: '39.15' });
    const debts = (await t.call('GET', `/api/payments/accounts/${a.id}/debts`, { cookie: cashier })).json();
    expect(debts).toMatchObject({ totalDue: '0.00', prepayment: '0.00' });
  });

  it('ICC-3: a never-used lost card is reissued without gas; found unused, its gas goes to the new card', async () => {
    const a = acc[5]!;
    const old = await issue(a.id);
    expect((await purchase(a.id, old.cardNo, '15', '39.15')).statusCode).toBe(201);
    const forbidden = await t.call('POST', `/api/ic/cards/${old.id}/reissue`, {
      cookie: cashier,
      body: { reason: 'lost', usage: 'neverUsed', deviceId: R },
    });
    expect(forbidden.statusCode).toBe(403);
    const res = await t.call('POST', `/api/ic/cards/${old.id}/reissue`, {
      cookie: clerk,
      body: { reason: 'lost', usage: 'neverUsed', deviceId: R },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { card, gas } = res.json();
    expect(gas).toBe('onlyIfFoundUnused');
    expect(card.cardNo).not.toBe(old.cardNo);
    expect(await simCard(card.cardNo)).toMatchObject({ volume: '0.000', seq: 1, inReader: R });
    expect((await t.call('GET', `/api/ic/cards/${old.id}`, { cookie: clerk })).json().status).toBe('blacklisted');
    // The old card found: read at the desk it is refused (blacklisted) …
    await simPost('reader', { cardNo: old.cardNo, deviceId: R });
    expect((await t.call('GET', `/api/ic/reader/${R}`, { cookie: cashier })).json().code).toBe('CARD_BLACKLISTED');
    // … and checked unused: cleared, its 15 m³ written to the new card.
    const found = await t.call('POST', `/api/ic/cards/${old.id}/found`, { cookie: clerk, body: { deviceId: R } });
    expect(found.statusCode, found.body).toBe(201);
    expect(found.json()).toMatchObject({ kind: 'reissue', status: 'pending', volume: '15.000', cardNo: card.cardNo });
    expect(await simCard(old.cardNo)).toMatchObject({ volume: '0.000' });
    await simPost('reader', { cardNo: card.cardNo, deviceId: R });
    const w = await t.call('POST', `/api/ic/writes/${found.json().id}/write`, { cookie: clerk, body: { deviceId: R } });
    expect(w.json().status).toBe('verified');
    await simPost('insert', { cardNo: card.cardNo, meterNo: a.meterNo });
    expect(await simMeter(a.meterNo)).toMatchObject({ remaining: '15.000', lastSeq: 2 });
    // Found again: nothing left on it.
    await simPost('reader', { cardNo: old.cardNo, deviceId: R });
    expect(
      (await t.call('POST', `/api/ic/cards/${old.id}/found`, { cookie: clerk, body: { deviceId: R } })).json().code,
    ).toBe('OLD_CARD_USED');
  });

  it('ICC-3: a transfer card carries the old meter’s remaining volume and user data to the new meter', async () => {
    const a = acc[0]!;
    const user = (
      await t.db.query<{ id: string; n: string }>(
        `SELECT id, card_no AS n FROM ic_cards WHERE company_id = $1 AND account_id = $2 AND status = 'active'`,
        [t.companyA, a.id],
      )
    ).rows[0]!;
    await simPost('reader', { cardNo: user.n, deviceId: R });
    await simPost('insert', { cardNo: user.n, meterNo: a.meterNo });
    await simPost('consume', { meterNo: a.meterNo, volume: '4' });
    const m = await t.db.query<{ id: string }>(
      `INSERT INTO meters (company_id, serial, manufacturer, meter_type, base_reading)
       VALUES ($1, 'IC-NEW-0001', '金卡', 'icCard', 0) RETURNING id`,
      [t.companyA],
    );
    const res = await t.call('POST', `/api/ic/cards/${user.id}/transfer`, {
      cookie: clerk,
      body: { toMeterId: m.rows[0]!.id, deviceId: R },
    });
    expect(res.statusCode, res.body).toBe(201);
    const transfer = res.json();
    expect(transfer).toMatchObject({ kind: 'transfer', meterNo: a.meterNo, toMeterNo: 'IC-NEW-0001' });
    await simPost('insert', { cardNo: transfer.cardNo, meterNo: a.meterNo });
    expect(await simMeter(a.meterNo)).toMatchObject({ remaining: '0.000' });
    await simPost('insert', { cardNo: transfer.cardNo, meterNo: 'IC-NEW-0001' });
    expect(await simMeter('IC-NEW-0001')).toMatchObject({ remaining: '26.000', lastSeq: 2 });
    expect((await t.call('GET', `/api/ic/cards/${user.id}`, { cookie: clerk })).json().meterNo).toBe('IC-NEW-0001');
    // Another company sees none of it.
    const other = await t.login('b.cashier');
    expect((await t.call('GET', `/api/ic/cards/${user.id}`, { cookie: other })).statusCode).toBe(404);
  });
  // ---------------------------------------------------------------- review regressions

  const write = (id: string, cookie = clerk) =>
    t.call('POST', `/api/ic/writes/${id}/write`, { cookie, body: { deviceId: R } });
  // The card is read at filing (R), except for a lost/damaged card.
  const file = (accountId: string, reading: string, reason = 'nonHumanLoss') =>
    t.call('POST', '/api/ic/replenishments', {
      cookie: clerk,
      body: { accountId, reason, reading, ...(reason === 'cardDamagedLost' ? {} : { deviceId: R }) },
    });

  it('ICC-3: a sold but unwritten purchase moved to a reissued card is written to it, not verified empty', async () => {
    const a = acc[6]!;
    const old = await issue(a.id);
    await simPost('fail-writes', { cardNo: old.cardNo, count: 1 });
    const sale = await purchase(a.id, old.cardNo, '5', '13.05');
    expect(sale.json().write).toMatchObject({ status: 'failed', seq: 1 });
    const re = await t.call('POST', `/api/ic/cards/${old.id}/reissue`, {
      cookie: clerk,
      body: { reason: 'damaged', usage: 'neverUsed', deviceId: R },
    });
    expect(re.statusCode, re.body).toBe(201);
    const card = re.json().card;
    // Formatted with the last verified sequence (0), not the unwritten write's (1).
    expect(await simCard(card.cardNo)).toMatchObject({ seq: 0, volume: '0.000' });
    const w = await write(sale.json().write.id, cashier);
    expect(w.json()).toMatchObject({ status: 'verified', seq: 1, volume: '5.000', cardNo: card.cardNo });
    expect(await simCard(card.cardNo)).toMatchObject({ seq: 1, volume: '5.000', loaded: false });
    await simPost('insert', { cardNo: card.cardNo, meterNo: a.meterNo });
    expect(await simMeter(a.meterNo)).toMatchObject({ remaining: '5.000', lastSeq: 1 });
    // 003 第十五条(四)1: a card replacing a never-used one gets no replenishment for the card.
    const noGas = await file(a.id, a.start, 'cardDamagedLost');
    expect(noGas.statusCode).toBe(409);
    expect(noGas.json().code).toBe('NEVER_USED_NO_REPLENISHMENT');
  });

  it('ICC-2: a second replenishment of a meter while one is open is refused; ICC-1: writes of a meter go in sequence', async () => {
    const a = acc[7]!;
    const card = await issue(a.id);
    expect((await purchase(a.id, card.cardNo, '10', '26.10')).statusCode).toBe(201);
    await simPost('insert', { cardNo: card.cardNo, meterNo: a.meterNo });
    await simPost('consume', { meterNo: a.meterNo, volume: '2' });
    await simPost('fault', { meterNo: a.meterNo, fault: 'loseGas' });
    const reading = (await simMeter(a.meterNo)).reading as string;
    const first = await file(a.id, reading);
    expect(first.json()).toMatchObject({ status: 'pending', volume: '8.000' });
    // Filed again with the same reading: both would have been approved for 8 m³.
    const second = await file(a.id, reading, 'maintenance');
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('REPLENISHMENT_OPEN');
    expect(fieldsOf(second.json())).toContain('accountId');
    // A purchase whose write fails, then the replenishment approved: its write (seq 3) waits for seq 2.
    await simPost('fail-writes', { cardNo: card.cardNo, count: 1 });
    const sale = (await purchase(a.id, card.cardNo, '5', '13.05')).json();
    expect(sale.write).toMatchObject({ status: 'failed', seq: 2 });
    const ok = await t.call('POST', `/api/approvals/${first.json().approvalId}/approve`, {
      cookie: director,
      body: {},
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const rw = (await t.call('GET', `/api/ic/replenishments/${first.json().id}`, { cookie: clerk })).json();
    const early = await write(rw.writeId);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('WRITE_PENDING');
    expect(await simCard(card.cardNo)).toMatchObject({ seq: 1, volume: '0.000' });
    expect((await write(sale.write.id)).json()).toMatchObject({ status: 'verified', seq: 2, volume: '5.000' });
    await simPost('insert', { cardNo: card.cardNo, meterNo: a.meterNo });
    expect((await write(rw.writeId)).json()).toMatchObject({ status: 'verified', seq: 3, volume: '8.000' });
    await simPost('insert', { cardNo: card.cardNo, meterNo: a.meterNo });
    expect(await simMeter(a.meterNo)).toMatchObject({ remaining: '13.000', lastSeq: 3 });
  });

  it('ICC-3: a card reissued for one lost in use gets no replenishment before the on-site check, and the lost gas is not given twice', async () => {
    const a = acc[8]!;
    const old = await issue(a.id);
    expect((await purchase(a.id, old.cardNo, '10', '26.10')).statusCode).toBe(201);
    const re = await t.call('POST', `/api/ic/cards/${old.id}/reissue`, {
      cookie: clerk,
      body: { reason: 'lost', usage: 'inUse', deviceId: R },
    });
    expect(re.statusCode, re.body).toBe(201);
    const refused = await file(a.id, a.start, 'cardDamagedLost');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ONSITE_CHECK_REQUIRED');
    const user = await t.db.query<{ id: string }>('SELECT id FROM users WHERE company_id = $1 LIMIT 1', [t.companyA]);
    const meter = await t.db.query<{ id: string }>('SELECT id FROM meters WHERE company_id = $1 AND serial = $2', [
      t.companyA,
      a.meterNo,
    ]);
    await t.db.query(
      `INSERT INTO ic_meter_checks (company_id, meter_id, account_id, checked_on, base_reading, remaining_volume, checked_by)
       VALUES ($1, $2, $3, $4, $5, 0, $6)`,
      [t.companyA, meter.rows[0]!.id, a.id, businessToday(), a.start, user.rows[0]!.id],
    );
    const filed = await file(a.id, a.start, 'cardDamagedLost');
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ status: 'pending', volume: '10.000' });
    // The lost card turns up with its 10 m³: already given back by the replenishment, refused.
    await simPost('reader', { cardNo: old.cardNo, deviceId: R });
    const found = await t.call('POST', `/api/ic/cards/${old.id}/found`, { cookie: clerk, body: { deviceId: R } });
    expect(found.statusCode).toBe(409);
    expect(found.json().code).toBe('OLD_CARD_NOT_MATCHED');
    expect(await simCard(old.cardNo)).toMatchObject({ volume: '10.000' });
  });

  it('ICC-3: an old card whose memory does not match a verified write gives no gas', async () => {
    const a = acc[9]!;
    const old = await issue(a.id);
    const re = await t.call('POST', `/api/ic/cards/${old.id}/reissue`, {
      cookie: clerk,
      body: { reason: 'lost', usage: 'neverUsed', deviceId: R },
    });
    expect(re.statusCode, re.body).toBe(201);
    // A tampered card: 99 m³ the system never wrote.
    await t.db.query(
      `UPDATE ic_sim_cards SET volume = 99, loaded = false, seq = 1, in_reader = NULL WHERE company_id = $1 AND card_no = $2`,
      [t.companyA, old.cardNo],
    );
    await simPost('reader', { cardNo: old.cardNo, deviceId: R });
    const found = await t.call('POST', `/api/ic/cards/${old.id}/found`, { cookie: clerk, body: { deviceId: R } });
    expect(found.json().code).toBe('OLD_CARD_NOT_MATCHED');
    expect(await count(`FROM ic_card_writes WHERE company_id = $1 AND account_id = $2`, [t.companyA, a.id])).toBe(0);
  });

  it('ICC-2: a negative replenishment charged once is counted as purchased: the same reading again is not charged twice', async () => {
    const a = acc[9]!;
    await simPost('reader', {
      cardNo: (await t.call('GET', `/api/ic/cards?accountId=${a.id}&status=active`, { cookie: clerk })).json().items[0]
        .cardNo,
      deviceId: R,
    });
    const reading = (Number(a.start) + 4).toFixed(3); // 4 m³ used, none bought
    const first = await file(a.id, reading, 'meterFault');
    expect(first.json()).toMatchObject({ status: 'charged', volume: '-4.000', amount: '10.44' });
    const again = await file(a.id, reading, 'meterFault');
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('REPLENISHMENT_ZERO');
    expect(
      await count(`FROM ledger_entries WHERE company_id = $1 AND account_id = $2 AND kind = 'icReplenishmentCharge'`, [
        t.companyA,
        a.id,
      ]),
    ).toBe(1);
  });

  it('ICC-2: gas still on the card is not replenished again', async () => {
    const a = acc[10]!;
    const card = await issue(a.id);
    expect((await purchase(a.id, card.cardNo, '30', '78.30')).statusCode).toBe(201);
    await simPost('insert', { cardNo: card.cardNo, meterNo: a.meterNo });
    await simPost('consume', { meterNo: a.meterNo, volume: '5' });
    // 10 m³ more written to the card but not inserted; then the meter loses its 25 m³.
    expect((await purchase(a.id, card.cardNo, '10', '26.10')).statusCode).toBe(201);
    await simPost('fault', { meterNo: a.meterNo, fault: 'loseGas' });
    const reading = (await simMeter(a.meterNo)).reading as string;
    const preview = (q: string) =>
      t.call('GET', `/api/ic/replenishments/preview?accountId=${a.id}&reading=${reading}${q}`, { cookie: clerk });
    expect((await preview('')).json()).toMatchObject({
      cumulativePurchased: '40.000',
      cardVolume: null,
      volume: '35.000',
    });
    expect((await preview(`&deviceId=${R}`)).json()).toMatchObject({
      used: '5.000',
      cardVolume: '10.000',
      card: { cardNo: card.cardNo, onCard: '10.000', counted: true },
      volume: '25.000',
    });
    // The card must be read (every reason but a lost/damaged card).
    const unread = await t.call('POST', '/api/ic/replenishments', {
      cookie: clerk,
      body: { accountId: a.id, reason: 'nonHumanLoss', reading },
    });
    expect(unread.statusCode).toBe(400);
    expect(fieldsOf(unread.json())).toContain('deviceId');
    expect(unread.json().message).toContain('请将用户卡放入读卡器后再申请补气');
    // Another meter's card in the reader is refused, naming the reader.
    const otherCard = (
      await t.call('GET', `/api/ic/cards?accountId=${acc[3]!.id}&status=active`, { cookie: clerk })
    ).json().items[0].cardNo;
    await simPost('reader', { cardNo: otherCard, deviceId: 'DESK-9' });
    const wrongCard = await t.call('POST', '/api/ic/replenishments', {
      cookie: clerk,
      body: { accountId: a.id, reason: 'nonHumanLoss', reading, deviceId: 'DESK-9' },
    });
    expect(wrongCard.statusCode).toBe(409);
    expect(fieldsOf(wrongCard.json())).toContain('deviceId');
    const filed = await file(a.id, reading);
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ status: 'pending', cardVolume: '10.000', volume: '25.000', amount: '65.25' });
    const form = await t.call('GET', `/api/print/notices/icReplenishmentForm/html?subjectId=${filed.json().id}`, {
      cookie: clerk,
    });
    expect(form.body).toContain('卡内未插表气量');
    expect(form.body).toContain('10 立方米');
  });

  it('ICC-3: after a meter replacement with a transfer card, purchases continue the meter sequence and are written', async () => {
    const a = acc[0]!;
    const user = (
      await t.db.query<{ id: string; n: string }>(
        `SELECT id, card_no AS n FROM ic_cards WHERE company_id = $1 AND account_id = $2 AND kind = 'user' AND status = 'active'`,
        [t.companyA, a.id],
      )
    ).rows[0]!;
    // CUS-4 recorded the replacement: the old meter removed, the new one installed on the account.
    await t.db.query(`UPDATE meters SET status = 'removed', account_id = NULL WHERE company_id = $1 AND serial = $2`, [
      t.companyA,
      a.meterNo,
    ]);
    await t.db.query(
      `UPDATE meters SET account_id = $2, status = 'installed' WHERE company_id = $1 AND serial = 'IC-NEW-0001'`,
      [t.companyA, a.id],
    );
    await simPost('reader', { cardNo: user.n, deviceId: R });
    const sale = await purchase(a.id, user.n, '3', '7.83');
    expect(sale.statusCode, sale.body).toBe(201);
    expect(sale.json().write).toMatchObject({ status: 'verified', seq: 3 });
    await simPost('insert', { cardNo: user.n, meterNo: 'IC-NEW-0001' });
    expect(await simMeter('IC-NEW-0001')).toMatchObject({ remaining: '29.000', lastSeq: 3 });
  });
  it('ICC-1: the demo seed is idempotent on restart, and company B reads only its own card in its reader DESK-1', async () => {
    await generateAccounts(t.db, t.companyB, { count: 30, seed: 581 });
    const first = await seedDemoIcCards(t.db, t.companyB);
    expect(first).toBeGreaterThan(0);
    expect(await seedDemoIcCards(t.db, t.companyB)).toBe(0);
    expect(await count('FROM ic_cards WHERE company_id = $1', [t.companyB])).toBe(first);
    const mine = (await t.call('GET', `/api/ic/reader/${R}`, { cookie: cashier })).json();
    const other = await t.login('b.cashier');
    const theirs = await t.call('GET', `/api/ic/reader/${R}`, { cookie: other });
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json().card.cardNo).not.toBe(mine.card.cardNo);
    const bCards = await t.db.query<{ n: string }>('SELECT card_no AS n FROM ic_cards WHERE company_id = $1', [
      t.companyB,
    ]);
    expect(bCards.rows.map((r) => r.n)).toContain(theirs.json().card.cardNo);
  });
  it('ICC-1: two desks selling to the same card at once make one sale and one write', async () => {
    const a = acc[7]!;
    const cardNo = (
      await t.db.query<{ n: string }>(
        `SELECT card_no AS n FROM ic_cards WHERE company_id = $1 AND account_id = $2 AND status = 'active'`,
        [t.companyA, a.id],
      )
    ).rows[0]!.n;
    await simPost('reader', { cardNo, deviceId: R });
    const before = await count('FROM ic_purchases WHERE company_id = $1 AND account_id = $2', [t.companyA, a.id]);
    const res = await Promise.all([purchase(a.id, cardNo, '4', '10.44'), purchase(a.id, cardNo, '6', '15.66')]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await count('FROM ic_purchases WHERE company_id = $1 AND account_id = $2', [t.companyA, a.id])).toBe(
      before + 1,
    );
    const sold = res.find((r) => r.statusCode === 201)!.json();
    expect(await simCard(cardNo)).toMatchObject({ volume: sold.purchase.volume, loaded: false });
  });
});

import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { lateFeesOf, lateFeeWording, roundLateFee } from '../src/modules/late-fees/accrual.js';
import { addDays, businessToday } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

describe.each(dbKinds)('late fees and waivers on %s', (kind) => {
  let t: TestApp;
  /** Company A's accounts without any ledger entry: res1..res3 residential, cat catering (C&I). */
  const acc: Record<string, string> = {};
  let clerk: string;
  let leader: string;
  let director: string;
  let supervisor: string;
  let manager: string;
  const today = businessToday();

  /** A debit (bill, opening balance…) posted on `postedOn` (noon, Shanghai). */
  const debit = async (
    name: string,
    e: { kind?: string; period: string | null; amount: string; dueOn: string; postedOn: string },
  ) => {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO ledger_entries (company_id, account_id, kind, period, amount, due_on, posted_at)
       VALUES ($1, $2, $3, $4, $5, $6, ($7 || 'T12:00:00+08:00')::timestamptz) RETURNING id`,
      [t.companyA, acc[name], e.kind ?? 'openingBalance', e.period, e.amount, e.dueOn, e.postedOn],
    );
    return rows[0]!.id;
  };
  /** A credit (an adjustment credit stands for a payment here) posted on `postedOn`. */
  const credit = (name: string, amount: string, postedOn: string) =>
    t.db.query(
      `INSERT INTO ledger_entries (company_id, account_id, kind, amount, posted_at)
       VALUES ($1, $2, 'adjustment', $3, ($4 || 'T12:00:00+08:00')::timestamptz)`,
      [t.companyA, acc[name], `-${amount}`, postedOn],
    );
  const setPolicy = (key: string, from: string, value: unknown) =>
    t.db.query('INSERT INTO policy_values (company_id, key, effective_from, value) VALUES ($1, $2, $3, $4)', [
      t.companyA,
      key,
      from,
      JSON.stringify(value),
    ]);
  const feesOn = async (name: string, day: string) =>
    (await lateFeesOf(t.db, t.companyA, [acc[name]!], day)).get(acc[name]!)!;

  beforeAll(async () => {
    t = await createTestApp(kind);
    clerk = await t.login('hall.clerk');
    leader = await t.login('team.leader');
    director = await t.login('centre.director');
    supervisor = await t.login('centre.supervisor');
    manager = await t.login('department.manager');
    await generateAccounts(t.db, t.companyA, { count: 12, seed: 21 });
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT a.id FROM accounts a
        WHERE a.company_id = $1
          AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.company_id = a.company_id AND e.account_id = a.id)
        ORDER BY a.account_no LIMIT 5`,
      [t.companyA],
    );
    const names = ['res1', 'res2', 'res3', 'res4', 'cat'];
    for (const [i, name] of names.entries()) {
      acc[name] = rows[i]!.id;
      await t.db.query('UPDATE accounts SET usage_nature = $3 WHERE company_id = $1 AND id = $2', [
        t.companyA,
        rows[i]!.id,
        name === 'cat' ? 'CATERING' : 'RES',
      ]);
    }
    // From 2030 the company charges C&I 5‰ a day and rounds to 0.5 yuan, nothing below 0.5 (003's rules);
    // from 2031 it rounds down to 0.5 yuan.
    await setPolicy('bil.commercialLateFeeDailyRate', '2030-01-01', '0.005');
    await setPolicy('bil.lateFeeRounding', '2030-01-01', { step: '0.5', mode: 'halfUp', dropBelowStep: true });
    await setPolicy('bil.lateFeeRounding', '2031-01-01', { step: '0.5', mode: 'down', dropBelowStep: false });
  });
  afterAll(() => t?.close());

  it('BIL-3 late fee accrues from the day after the due date: open amount × daily rate per day', async () => {
    const id = await debit('res1', {
      period: '2026-02',
      amount: '100.00',
      dueOn: '2026-03-10',
      postedOn: '2026-02-20',
    });
    const onDue = await feesOn('res1', '2026-03-10');
    expect(onDue).toEqual({ arrears: '0.00', lateFee: '0.00', debts: [] });
    const dayAfter = await feesOn('res1', '2026-03-11');
    expect(dayAfter.arrears).toBe('100.00');
    expect(dayAfter.debts).toEqual([
      {
        entryId: id,
        kind: 'openingBalance',
        period: '2026-02',
        dueOn: '2026-03-10',
        open: '100.00',
        days: 1,
        accrued: '0.30',
        waived: '0.00',
        lateFee: '0.30',
      },
    ]);
    const tenDays = await feesOn('res1', '2026-03-20');
    expect(tenDays.lateFee).toBe('3.00');
    expect(tenDays.debts[0]!.days).toBe(10);
    // Entries posted after the day asked about do not count.
    expect((await feesOn('res1', '2026-02-19')).debts).toEqual([]);
  });

  it('BIL-3 a credit in the middle of the overdue time stops the accrual of what it paid from its posting date', async () => {
    await debit('res2', { period: '2026-02', amount: '100.00', dueOn: '2026-03-10', postedOn: '2026-02-20' });
    await debit('res2', { period: '2026-03', amount: '50.00', dueOn: '2026-04-10', postedOn: '2026-03-25' });
    // 120 paid on 21 March settles February (overdue 11–20 March: 10 days), the 20 left goes to March's bill
    // (not yet due); 30 of March stays open, overdue 10 days on 20 April.
    await credit('res2', '120.00', '2026-03-21');
    const fees = await feesOn('res2', '2026-04-20');
    expect(fees.arrears).toBe('30.00');
    expect(fees.debts.map((d) => [d.period, d.open, d.days, d.accrued])).toEqual([
      ['2026-02', '0.00', 0, '3.00'],
      ['2026-03', '30.00', 10, '0.90'],
    ]);
    expect(fees.lateFee).toBe('3.90');
    // Before the payment, February's 100 was accruing in full.
    expect((await feesOn('res2', '2026-03-20')).lateFee).toBe('3.00');
  });

  it('BIL-3 rounding: 0.5-yuan steps half up with nothing below 0.5, rounding down; the C&I rate', async () => {
    await debit('res3', { period: '2029-12', amount: '100.00', dueOn: '2030-01-10', postedOn: '2029-12-20' });
    expect((await feesOn('res3', '2030-01-11')).lateFee).toBe('0.00'); // 0.30 < 0.5: not charged
    expect((await feesOn('res3', '2030-01-12')).lateFee).toBe('0.50'); // 0.60 → 0.5
    expect((await feesOn('res3', '2030-01-13')).lateFee).toBe('1.00'); // 0.90 → 1.0 half up
    // 2031: 0.5 steps, rounded down: 100 × 0.003 × 387 days = 116.10 → 116.00
    expect((await feesOn('res3', '2031-02-01')).lateFee).toBe('116.00');
    expect(roundLateFee(new Decimal('0.90'), { step: '0.5', mode: 'down', dropBelowStep: false }).toFixed(2)).toBe(
      '0.50',
    );
    expect(roundLateFee(new Decimal('0.004'), { step: '0.01', mode: 'halfUp', dropBelowStep: false }).toFixed(2)).toBe(
      '0.00',
    );
    expect(roundLateFee(new Decimal('0.005'), { step: '0.01', mode: 'halfUp', dropBelowStep: false }).toFixed(2)).toBe(
      '0.01',
    );
    // C&I (catering): 200 × 5‰ × 10 days = 10.00.
    await debit('cat', { period: '2029-12', amount: '200.00', dueOn: '2030-01-10', postedOn: '2029-12-20' });
    expect((await feesOn('cat', '2030-01-20')).lateFee).toBe('10.00');
    const many = await lateFeesOf(t.db, t.companyA, [acc.res3!, acc.cat!], '2030-01-20');
    expect([many.get(acc.res3!)!.lateFee, many.get(acc.cat!)!.lateFee]).toEqual(['3.00', '10.00']);
    expect(await lateFeeWording(t.db, t.companyA, 'residential', '2026-06-01')).toEqual({
      zh: '逾期未缴，自逾期之日起每日按欠费金额的3‰加收违约金',
      en: 'If not paid when due, a late fee of 0.3% of the amount owed is added for every day overdue',
      rate: '0.003',
    });
    expect((await lateFeeWording(t.db, t.companyA, 'commercial', '2030-06-01')).zh).toContain('5‰');
  });

  describe('BIL-4 waivers', () => {
    let debtId: string;
    const ledger = async () => (await t.call('GET', `/api/accounts/${acc.res4}/ledger`, { cookie: clerk })).json();
    const request = (amount: string, extra: Record<string, unknown> = {}) =>
      t.call('POST', '/api/late-fee-waivers', {
        cookie: clerk,
        body: { accountId: acc.res4, entryIds: [debtId], category: 'waive', reason: 'meterFault', amount, ...extra },
      });
    const sign = (cookie: string, approvalId: string) =>
      t.call('POST', `/api/approvals/${approvalId}/approve`, { cookie, body: { comment: '同意' } });

    beforeAll(async () => {
      // 2000 overdue 30 days: 2000 × 0.003 × 30 = 180.00 of late fee today.
      debtId = await debit('res4', {
        period: '2026-01',
        amount: '2000.00',
        dueOn: addDays(today, -30),
        postedOn: addDays(today, -60),
      });
    });

    it('BIL-4 the account ledger shows balance, arrears, the late fee to today per debt, and what may be waived', async () => {
      const l = await ledger();
      expect(l).toMatchObject({ balance: '2000.00', arrears: '2000.00', lateFee: '180.00', lateFeeRate: '0.003' });
      expect(l.debts).toEqual([
        expect.objectContaining({ entryId: debtId, days: 30, accrued: '180.00', waivable: '180.00' }),
      ]);
      expect(l.entries[0]).toMatchObject({ id: debtId, lateFee: '180.00', days: 30 });
      expect(l.arrearsByPeriod).toEqual([{ period: '2026-01', dueOn: addDays(today, -30), amount: '2000.00' }]);
    });

    it('BIL-4 bad input: an amount above the late fee is refused naming amount; a reason of the other category naming reason', async () => {
      const above = await request('180.01');
      expect(above.statusCode).toBe(400);
      expect(above.json().code).toBe('AMOUNT_ABOVE_FEE');
      expect(above.json().details.fields[0].path).toBe('amount');
      const wrongReason = await request('10.00', { category: 'reduce' });
      expect(wrongReason.statusCode).toBe(400);
      expect(wrongReason.json().details.fields[0].path).toBe('reason');
      const zero = await request('0');
      expect(zero.statusCode).toBe(400);
      const otherDebt = await request('10.00', { entryIds: [acc.res1] });
      expect(otherDebt.statusCode).toBe(400);
      expect(otherDebt.json().details.fields[0].path).toBe('entryIds');
      // A request filed straight into the approvals engine, without a waiver, is refused.
      const direct = await t.call('POST', '/api/approvals', {
        cookie: clerk,
        body: {
          kind: 'lateFeeWaiver',
          subjectType: 'account',
          amount: '10.00',
          reason: 'x',
          payload: {
            waiverId: acc.res4,
            accountId: acc.res4,
            accountNo: '1',
            category: 'waive',
            reason: 'meterFault',
            amount: '10.00',
          },
        },
      });
      expect(direct.statusCode).toBe(409);
      expect((await t.call('GET', `/api/late-fee-waivers?accountId=${acc.res4}`, { cookie: clerk })).json().total).toBe(
        0,
      );
    });

    it('BIL-4 a 30-yuan waiver needs one level (team leader); approved, it reduces the late fee', async () => {
      const res = await request('30.00', { note: '表具故障已核实' });
      expect(res.statusCode).toBe(201);
      const w = res.json();
      expect(w).toMatchObject({
        status: 'pending',
        levels: 1,
        amount: '30.00',
        accrued: '180.00',
        currentStepLabel: '班长或营业厅主任',
      });
      expect((await ledger()).lateFee).toBe('180.00'); // pending counts for nothing yet
      const signed = await sign(leader, w.approvalId);
      expect(signed.statusCode).toBe(200);
      const after = (await t.call('GET', `/api/late-fee-waivers/${w.id}`, { cookie: clerk })).json();
      expect(after).toMatchObject({ status: 'approved', decidedOn: today });
      const l = await ledger();
      expect(l.lateFee).toBe('150.00');
      expect(l.debts[0]).toMatchObject({ accrued: '180.00', waived: '30.00', lateFee: '150.00', waivable: '150.00' });
    });

    it('BIL-4 bad input: a 120-yuan waiver needs three levels in order; the wrong person at level 2 is refused and nothing applies', async () => {
      const res = await request('120.00', { category: 'reduce', reason: 'hardship' });
      expect(res.statusCode).toBe(201);
      const w = res.json();
      expect(w.levels).toBe(3);
      // The pending 120 holds its amount: only 30 more may be asked for.
      const tooMuch = await request('30.01');
      expect(tooMuch.statusCode).toBe(400);
      expect(tooMuch.json().details).toMatchObject({ max: '30.00' });
      expect((await sign(leader, w.approvalId)).statusCode).toBe(200);
      // Level 2 is the supervising manager's: the team leader again, or a hall director, is refused.
      const again = await sign(leader, w.approvalId);
      expect(again.statusCode).toBe(403);
      const hallDirector = await sign(director, w.approvalId);
      expect(hallDirector.statusCode).toBe(403);
      expect(hallDirector.json().code).toBe('NOT_YOUR_STEP');
      // The department manager cannot skip level 2 either.
      expect((await sign(manager, w.approvalId)).statusCode).toBe(403);
      let now = (await t.call('GET', `/api/late-fee-waivers/${w.id}`, { cookie: clerk })).json();
      expect(now).toMatchObject({ status: 'pending', currentStep: 2, currentStepLabel: '分管主管' });
      expect((await ledger()).lateFee).toBe('150.00');
      expect((await sign(supervisor, w.approvalId)).statusCode).toBe(200);
      expect((await ledger()).lateFee).toBe('150.00');
      expect((await sign(manager, w.approvalId)).statusCode).toBe(200);
      now = (await t.call('GET', `/api/late-fee-waivers/${w.id}`, { cookie: clerk })).json();
      expect(now.status).toBe('approved');
      expect((await ledger()).lateFee).toBe('30.00');
    });

    it('BIL-4 a rejected waiver frees its amount; the register and the monthly report', async () => {
      const res = await request('20.00', { reason: 'bankDebitFailed' });
      const w = res.json();
      const rejected = await t.call('POST', `/api/approvals/${w.approvalId}/reject`, {
        cookie: leader,
        body: { comment: '未核实' },
      });
      expect(rejected.statusCode).toBe(200);
      expect((await t.call('GET', `/api/late-fee-waivers/${w.id}`, { cookie: clerk })).json().status).toBe('rejected');
      const l = await ledger();
      expect(l.lateFee).toBe('30.00');
      expect(l.debts[0].waivable).toBe('30.00');
      expect(l.waivers).toHaveLength(3);

      const all = (
        await t.call('GET', `/api/late-fee-waivers?accountId=${acc.res4}&sort=amount&order=asc`, { cookie: clerk })
      ).json();
      expect(all.total).toBe(3);
      expect(all.items.map((i: { amount: string }) => i.amount)).toEqual(['20.00', '30.00', '120.00']);
      expect(all.totalAmount).toBe('170.00');
      const approved = (
        await t.call('GET', '/api/late-fee-waivers?status=approved&category=waive', { cookie: clerk })
      ).json();
      expect(approved.items.map((i: { amount: string }) => i.amount)).toEqual(['30.00']);
      const byReason = (
        await t.call('GET', `/api/late-fee-waivers?reason=hardship&from=${today}&to=${today}`, { cookie: clerk })
      ).json();
      expect(byReason.total).toBe(1);
      expect(byReason.items[0].reasonName).toEqual({ zh: '生活困难', en: 'Hardship' });
      expect(
        (await t.call('GET', '/api/late-fee-waivers?from=2001-01-01&to=2001-12-31', { cookie: clerk })).json().total,
      ).toBe(0);

      const month = today.slice(0, 7);
      const report = (await t.call('GET', `/api/late-fee-waivers/report?month=${month}`, { cookie: clerk })).json();
      expect(report).toMatchObject({
        month,
        requested: 3,
        requestedAmount: '170.00',
        approved: 2,
        approvedAmount: '150.00',
        rejected: 1,
        withdrawn: 0,
      });
      expect(report.byReason).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ reason: 'meterFault', approved: 1, approvedAmount: '30.00' }),
          expect.objectContaining({ reason: 'hardship', approved: 1, approvedAmount: '120.00' }),
          expect.objectContaining({ reason: 'bankDebitFailed', approved: 0, rejected: 1 }),
        ]),
      );
      expect(report.byTier).toEqual([
        { levels: 1, tierLabel: '班长或营业厅主任', approved: 1, approvedAmount: '30.00', rejected: 1, withdrawn: 0 },
        { levels: 3, tierLabel: '部门经理', approved: 1, approvedAmount: '120.00', rejected: 0, withdrawn: 0 },
      ]);
      const bad = await t.call('GET', '/api/late-fee-waivers/report?month=2026-13', { cookie: clerk });
      expect(bad.statusCode).toBe(400);

      const xlsx = await t.app.inject({
        method: 'GET',
        url: `/api/late-fee-waivers/report.xlsx?month=${month}`,
        headers: { cookie: clerk },
      });
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const cells = wb.worksheets[0]!.getSheetValues().flat().map(String);
      expect(cells).toContain('生活困难');
      const register = await t.app.inject({
        method: 'GET',
        url: `/api/exports/lateFeeWaivers?status=approved`,
        headers: { cookie: clerk },
      });
      expect(register.statusCode).toBe(200);
      expect(register.headers['x-export-rows']).toBe('2');
    });

    it('BIL-4 two waivers filed at once cannot together exceed the late fee', async () => {
      // 30.00 is left to waive: two clerks ask for 20.00 each at the same moment; one is refused naming amount.
      expect((await ledger()).debts[0].waivable).toBe('30.00');
      const both = await Promise.all([request('20.00'), request('20.00')]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 400]);
      const refused = both.find((r) => r.statusCode === 400)!.json();
      expect(refused).toMatchObject({ code: 'AMOUNT_ABOVE_FEE', details: { max: '10.00' } });
      expect(refused.details.fields[0].path).toBe('amount');
      expect((await ledger()).debts[0].waivable).toBe('10.00');
      const filed = both.find((r) => r.statusCode === 201)!.json();
      const withdrawn = await t.call('POST', `/api/approvals/${filed.approvalId}/withdraw`, {
        cookie: clerk,
        body: { comment: '重复申请' },
      });
      expect(withdrawn.statusCode).toBe(200);
      expect((await t.call('GET', `/api/late-fee-waivers/${filed.id}`, { cookie: clerk })).json().status).toBe(
        'withdrawn',
      );
      expect((await ledger()).debts[0].waivable).toBe('30.00');
    });

    it('BIL-4 who may request and read', async () => {
      const reader = await t.login('meter.reader');
      expect((await t.call('GET', '/api/late-fee-waivers', { cookie: reader })).statusCode).toBe(403);
      const hotline = await t.login('hotline.agent');
      expect((await t.call('GET', `/api/accounts/${acc.res4}/ledger`, { cookie: hotline })).statusCode).toBe(200);
      const asHotline = await t.call('POST', '/api/late-fee-waivers', {
        cookie: hotline,
        body: { accountId: acc.res4, entryIds: [debtId], category: 'waive', reason: 'meterFault', amount: '1.00' },
      });
      expect(asHotline.statusCode).toBe(403);
      const reasons = (await t.call('GET', '/api/late-fee-waivers/reasons', { cookie: clerk })).json().items;
      expect(reasons).toHaveLength(11);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countReportDue, useNumber } from '../src/modules/fiscal-stock/service.js';
import { addDays, businessToday, startOfBusinessDay } from '../src/platform/calendar/workdays.js';
import { jobDefs } from '../src/platform/jobs/registry.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);

describe.each(dbKinds)('fiscal stock on %s', (kind) => {
  let t: TestApp;
  let keeper: string;
  let cashier: string;
  let clerk: string;
  let cashierId: string;
  let clerkId: string;
  const base = '/api/fiscal-stock';

  const receive = (body: Record<string, unknown>) => t.call('POST', `${base}/batches`, { cookie: keeper, body });
  const issue = (body: Record<string, unknown>) => t.call('POST', `${base}/ranges`, { cookie: keeper, body });
  const use = (number: string, cookie = cashier, series = 'SJ-A') =>
    t.call('POST', `${base}/numbers/use`, { cookie, body: { kind: 'receipt', series, number } });
  const check = (id: string, body: Record<string, unknown>, cookie = cashier) =>
    t.call('POST', `${base}/ranges/${id}/check`, { cookie, body });

  beforeAll(async () => {
    t = await createTestApp(kind);
    keeper = await t.login('receipt.keeper');
    cashier = await t.login('cashier');
    clerk = await t.login('hall.clerk');
    const holders = (await t.call('GET', `${base}/holders`, { cookie: keeper })).json().items as {
      id: string;
      username: string;
    }[];
    cashierId = holders.find((h) => h.username === 'cashier')!.id;
    clerkId = holders.find((h) => h.username === 'hall.clerk')!.id;
  });
  afterAll(() => t?.close());

  it('PAY-5 a request filed less than 7 days ahead is recorded with a warning', async () => {
    const today = businessToday();
    const late = await t.call('POST', `${base}/requests`, {
      cookie: cashier,
      body: { kind: 'receipt', quantity: 5, neededBy: addDays(today, 3) },
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json()).toMatchObject({ late: true, status: 'open', requestedOn: today });
    expect(late.json().warning).toContain('7');
    const onTime = await t.call('POST', `${base}/requests`, {
      cookie: cashier,
      body: { kind: 'invoiceGeneral', quantity: 100, neededBy: addDays(today, 7) },
    });
    expect(onTime.json()).toMatchObject({ late: false, warning: null });
  });

  it('PAY-5 ranges never overlap: batches of a series, and ranges issued from them', async () => {
    const res = await receive({ kind: 'receipt', series: 'SJ-A', fromNo: '00000001', toNo: '00000500', parts: 3 });
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json();
    expect(batch).toMatchObject({ count: 500, inStock: 500, fromNo: '00000001', toNo: '00000500' });
    // Another batch of the same series overlapping it.
    const clash = await receive({ kind: 'receipt', series: 'SJ-A', fromNo: '00000400', toNo: '00000600' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().code).toBe('BATCH_OVERLAP');
    expect(fieldsOf(clash.json())).toEqual(['fromNo']);
    // Another series may use the same numbers; widths must agree.
    expect((await receive({ kind: 'receipt', series: 'SJ-B', fromNo: '00000001', toNo: '00000100' })).statusCode).toBe(
      201,
    );
    const width = await receive({ kind: 'receipt', series: 'SJ-C', fromNo: '001', toNo: '0100' });
    expect(fieldsOf(width.json())).toEqual(['toNo']);

    const first = await issue({ batchId: batch.id, holderId: cashierId, fromNo: '00000001', toNo: '00000050' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'issued', count: 50, remaining: 50, nextNo: '00000001' });
    const overlapTo = await issue({ batchId: batch.id, holderId: clerkId, fromNo: '00000030', toNo: '00000080' });
    expect(overlapTo.statusCode).toBe(400);
    expect(overlapTo.json().code).toBe('RANGE_OVERLAP');
    expect(fieldsOf(overlapTo.json())).toEqual(['fromNo']);
    const overlapFrom = await issue({ batchId: batch.id, holderId: clerkId, fromNo: '00000000', toNo: '00000010' });
    expect(overlapFrom.statusCode).toBe(400);
    const outside = await issue({ batchId: batch.id, holderId: clerkId, fromNo: '00000490', toNo: '00000510' });
    expect(outside.json().code).toBe('OUTSIDE_BATCH');
    expect(fieldsOf(outside.json())).toEqual(['toNo']);
    // Two issues of the same numbers at once: one wins.
    const both = await Promise.all([
      issue({ batchId: batch.id, holderId: clerkId, fromNo: '00000051', toNo: '00000100' }),
      issue({ batchId: batch.id, holderId: cashierId, fromNo: '00000090', toNo: '00000120' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    const after = (await t.call('GET', `${base}/batches/${batch.id}`, { cookie: keeper })).json();
    expect(after.ranges).toHaveLength(2);
    expect(after.inStock).toBe(500 - 50 - after.ranges[1].count);
  });

  it('PAY-5 check before use records the missing numbers; a number outside the holder’s range is 400 naming it', async () => {
    const batch = (await receive({ kind: 'receipt', series: 'SJ-D', fromNo: '1001', toNo: '1100' })).json();
    const range = (await issue({ batchId: batch.id, holderId: cashierId, fromNo: '1001', toNo: '1020' })).json();
    // Not checked yet: cannot be used.
    const unchecked = await use('1001', cashier, 'SJ-D');
    expect(unchecked.statusCode).toBe(400);
    expect(unchecked.json().code).toBe('RANGE_NOT_CHECKED');
    expect(fieldsOf(unchecked.json())).toEqual(['number']);
    // Someone else cannot check it; the count must agree with the missing numbers.
    expect((await check(range.id, { count: 18, missing: ['1005', '1006'] }, clerk)).statusCode).toBe(403);
    const wrong = await check(range.id, { count: 20, missing: ['1005', '1006'] });
    expect(wrong.json().code).toBe('COUNT_MISMATCH');
    expect(fieldsOf(wrong.json())).toEqual(['count']);
    const beyond = await check(range.id, { count: 19, missing: ['1021'] });
    expect(fieldsOf(beyond.json())).toEqual(['missing.0']);
    const ok = await check(range.id, { count: 18, missing: ['1005', '1006'], note: '第 5、6 号缺联' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'open', checkedCount: 18, voided: 2, remaining: 18 });
    const missing = (await t.call('GET', `${base}/numbers?rangeId=${range.id}`, { cookie: keeper })).json().items;
    expect(missing.map((m: { number: string; cause: string }) => [m.number, m.cause]).sort()).toEqual([
      ['1005', 'missing'],
      ['1006', 'missing'],
    ]);
    expect(missing[0].reason).toContain('启用前核对缺号');
    expect((await check(range.id, { count: 18 })).statusCode).toBe(409);

    // The issue's bad input: a receipt number outside the holder's range.
    const outside = await use('1021', cashier, 'SJ-D');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('NUMBER_OUTSIDE_RANGE');
    expect(fieldsOf(outside.json())).toEqual(['number']);
    // Inside someone else's range is outside the caller's.
    const clerkRange = (await issue({ batchId: batch.id, holderId: clerkId, fromNo: '1021', toNo: '1030' })).json();
    expect(clerkRange.status).toBe('issued');
    expect((await use('1021', cashier, 'SJ-D')).json().code).toBe('NUMBER_OUTSIDE_RANGE');
    // A number of a different width is not in the range either.
    expect((await use('01001', cashier, 'SJ-D')).json().code).toBe('NUMBER_OUTSIDE_RANGE');
  });

  it('PAY-5 a used or voided number cannot be used again; the next number skips them', async () => {
    const batch = (
      await receive({ kind: 'invoiceGeneral', series: '037001900111', fromNo: '20000001', toNo: '20000100' })
    ).json();
    const range = (await issue({ batchId: batch.id, holderId: clerkId, fromNo: '20000001', toNo: '20000010' })).json();
    expect((await check(range.id, { count: 10 }, clerk)).statusCode).toBe(200);
    const inv = (n: string) =>
      t.call('POST', `${base}/numbers/use`, {
        cookie: clerk,
        body: { kind: 'invoiceGeneral', series: '037001900111', number: n, reference: 'PAY-1' },
      });
    const next = () => t.call('GET', `${base}/next-number?kind=invoiceGeneral`, { cookie: clerk });
    expect((await next()).json().next.number).toBe('20000001');
    expect((await inv('20000001')).statusCode).toBe(201);
    const again = await inv('20000001');
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('NUMBER_USED');
    expect(fieldsOf(again.json())).toEqual(['number']);
    // Void 20000002 with all its parts; it cannot be used, and voided twice is refused.
    const voided = await t.call('POST', `${base}/numbers/void`, {
      cookie: clerk,
      body: { kind: 'invoiceGeneral', series: '037001900111', number: '20000002', reason: '开具错误，全部联次作废' },
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'voided', cause: 'error', parts: 3 });
    expect((await inv('20000002')).json().code).toBe('NUMBER_VOIDED');
    const twice = await t.call('POST', `${base}/numbers/void`, {
      cookie: clerk,
      body: { kind: 'invoiceGeneral', series: '037001900111', number: '20000002', reason: '再次作废' },
    });
    expect(twice.json().code).toBe('NUMBER_VOIDED');
    // A void without a reason names the field.
    const noReason = await t.call('POST', `${base}/numbers/void`, {
      cookie: clerk,
      body: { kind: 'invoiceGeneral', series: '037001900111', number: '20000003', reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason.json())).toContain('reason');
    expect((await next()).json().next.number).toBe('20000003');
    // A used number voided afterwards (written wrongly): voided in all parts, audited.
    const usedThenVoided = await t.call('POST', `${base}/numbers/void`, {
      cookie: clerk,
      body: { kind: 'invoiceGeneral', series: '037001900111', number: '20000001', reason: '客户名称写错' },
    });
    expect(usedThenVoided.json()).toMatchObject({ status: 'voided', reference: 'PAY-1' });
    // The same number used twice at once (the payments module's call): one use.
    const actor = { companyId: t.companyA, userId: clerkId, name: 'clerk' };
    const results = await Promise.allSettled([
      t.db.tx((tx) => useNumber(tx, actor, clerkId, 'invoiceGeneral', '20000004')),
      t.db.tx((tx) => useNumber(tx, actor, clerkId, 'invoiceGeneral', '20000004')),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    // PAY-5 a number the payments module passes as typed, not digits: 400 naming number, never a 500.
    await expect(t.db.tx((tx) => useNumber(tx, actor, clerkId, 'invoiceGeneral', '2000O005'))).rejects.toMatchObject({
      code: 'NUMBER_OUTSIDE_RANGE',
      status: 400,
      fieldTexts: [expect.objectContaining({ path: 'number' })],
    });
    const rows = await t.db.query(
      'SELECT 1 FROM fiscal_numbers WHERE company_id = $1 AND series = $2 AND n = 20000004',
      [t.companyA, '037001900111'],
    );
    expect(rows.rows).toHaveLength(1);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE company_id = $1 AND action LIKE 'fiscalStock.%'`,
      [t.companyA],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['fiscalStock.use', 'fiscalStock.void']));
  });

  it('PAY-5 a loss is reported the same day, its numbers voided, and the keeper alerted', async () => {
    const batch = (await receive({ kind: 'receipt', series: 'SJ-L', fromNo: '501', toNo: '600' })).json();
    const range = (await issue({ batchId: batch.id, holderId: cashierId, fromNo: '501', toNo: '550' })).json();
    await check(range.id, { count: 50 });
    expect((await use('501', cashier, 'SJ-L')).statusCode).toBe(201);
    const yesterday = addDays(businessToday(), -1);
    const res = await t.call('POST', `${base}/losses`, {
      cookie: cashier,
      body: { rangeId: range.id, fromNo: '501', toNo: '510', lostOn: yesterday, description: '收据本遗失在公交车上' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ late: true, count: 10, acknowledgedAt: null });
    const r = (await t.call('GET', `${base}/ranges/${range.id}`, { cookie: cashier })).json();
    // 501 was used before; 502–510 voided as lost.
    expect(r).toMatchObject({ used: 1, voided: 9, nextNo: '511' });
    const alerts = (await t.call('GET', `${base}/losses?open=true`, { cookie: keeper })).json();
    expect(alerts.items.map((l: { id: string }) => l.id)).toContain(res.json().id);
    const ack = await t.call('POST', `${base}/losses/${res.json().id}/acknowledge`, { cookie: keeper });
    expect(ack.statusCode).toBe(200);
    expect((await t.call('POST', `${base}/losses/${res.json().id}/acknowledge`, { cookie: keeper })).statusCode).toBe(
      409,
    );
    const future = await t.call('POST', `${base}/losses`, {
      cookie: cashier,
      body: { rangeId: range.id, fromNo: '520', toNo: '520', lostOn: addDays(businessToday(), 1), description: 'x' },
    });
    expect(fieldsOf(future.json())).toEqual(['lostOn']);
  });

  it('PAY-5 hand-over voids the numbers skipped below the last one used, so every number is accounted for', async () => {
    const batch = (await receive({ kind: 'receipt', series: 'SJ-S', fromNo: '001', toNo: '010' })).json();
    const range = (await issue({ batchId: batch.id, holderId: cashierId, fromNo: '001', toNo: '010' })).json();
    await check(range.id, { count: 10 });
    expect((await use('003', cashier, 'SJ-S')).statusCode).toBe(201);
    const res = await t.call('POST', `${base}/handovers`, {
      cookie: keeper,
      body: {
        rangeId: range.id,
        toHolderId: clerkId,
        reason: 'transfer',
        fromSignature: '收费员',
        toSignature: '受理员',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fromNo: '004', toNo: '010', count: 7 });
    const old = (await t.call('GET', `${base}/ranges/${range.id}`, { cookie: keeper })).json();
    expect(old).toMatchObject({ status: 'closed', count: 3, used: 1, voided: 2, remaining: 0 });
    const nums = (await t.call('GET', `${base}/numbers?rangeId=${range.id}`, { cookie: keeper })).json().items;
    expect(nums.map((m: { number: string; status: string }) => [m.number, m.status]).sort()).toEqual([
      ['001', 'voided'],
      ['002', 'voided'],
      ['003', 'used'],
    ]);
    expect((await use('001', cashier, 'SJ-S')).statusCode).toBe(400);
  });

  it('PAY-5 hand-over moves the unused rest to another holder, who checks it before use', async () => {
    const batch = (await receive({ kind: 'receipt', series: 'SJ-H', fromNo: '001', toNo: '100' })).json();
    const range = (await issue({ batchId: batch.id, holderId: cashierId, fromNo: '001', toNo: '030' })).json();
    await check(range.id, { count: 30 });
    for (const n of ['001', '002', '003']) expect((await use(n, cashier, 'SJ-H')).statusCode).toBe(201);
    const noSign = await t.call('POST', `${base}/handovers`, {
      cookie: keeper,
      body: { rangeId: range.id, toHolderId: clerkId, reason: 'transfer', fromSignature: '收费员', toSignature: '' },
    });
    expect(fieldsOf(noSign.json())).toContain('toSignature');
    const res = await t.call('POST', `${base}/handovers`, {
      cookie: keeper,
      body: {
        rangeId: range.id,
        toHolderId: clerkId,
        reason: 'transfer',
        fromSignature: '收费员',
        toSignature: '受理员',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json();
    expect(h).toMatchObject({ fromNo: '004', toNo: '030', count: 27, toHolder: { id: clerkId } });
    const old = (await t.call('GET', `${base}/ranges/${range.id}`, { cookie: keeper })).json();
    expect(old).toMatchObject({ status: 'closed', endNo: '003', count: 3, used: 3, remaining: 0, nextNo: null });
    const moved = (await t.call('GET', `${base}/ranges/${h.toRangeId}`, { cookie: keeper })).json();
    expect(moved).toMatchObject({ status: 'issued', fromNo: '004', toNo: '030', count: 27, handoverId: h.id });
    // The old holder can no longer use the rest; the new one, once checked, can.
    expect((await use('004', cashier, 'SJ-H')).json().code).toBe('NUMBER_OUTSIDE_RANGE');
    await check(h.toRangeId, { count: 27 }, clerk);
    expect((await use('004', clerk, 'SJ-H')).statusCode).toBe(201);
    // A closed range cannot be handed over again; back to stock frees the numbers for a new issue.
    const again = await t.call('POST', `${base}/handovers`, {
      cookie: keeper,
      body: { rangeId: range.id, toHolderId: null, reason: 'leaving', fromSignature: 'a', toSignature: 'b' },
    });
    expect(again.statusCode).toBe(409);
    const back = await t.call('POST', `${base}/handovers`, {
      cookie: keeper,
      body: {
        rangeId: h.toRangeId,
        toHolderId: null,
        reason: 'leaving',
        fromSignature: '受理员',
        toSignature: '票据管理员',
      },
    });
    expect(back.json()).toMatchObject({ fromNo: '005', toNo: '030', count: 26, toHolder: null, toRangeId: null });
    expect((await issue({ batchId: batch.id, holderId: cashierId, fromNo: '005', toNo: '010' })).statusCode).toBe(201);
    expect((await issue({ batchId: batch.id, holderId: cashierId, fromNo: '004', toNo: '004' })).statusCode).toBe(400);
  });

  it('PAY-5 the monthly count report gives issued, used, voided, missing and remaining per holder and series', async () => {
    const month = businessToday().slice(0, 7);
    const res = await t.call('POST', `${base}/count-reports`, { cookie: keeper, body: { month } });
    expect(res.statusCode, res.body).toBe(201);
    const rows = res.json().rows as Record<string, unknown>[];
    const row = (holderId: string, series: string) => rows.find((r) => r.holderId === holderId && r.series === series);
    // SJ-D: cashier 1001–1020 with 1005, 1006 missing; clerk 1021–1030 unchecked.
    expect(row(cashierId, 'SJ-D')).toMatchObject({ issued: 20, used: 0, voided: 0, missing: 2, remaining: 18 });
    expect(row(clerkId, 'SJ-D')).toMatchObject({ issued: 10, remaining: 10 });
    // SJ-L: 501 used, 502–510 lost.
    expect(row(cashierId, 'SJ-L')).toMatchObject({ issued: 50, used: 1, missing: 9, remaining: 40 });
    // SJ-H: cashier 001–030 (3 used, 27 handed over) then 005–010; clerk 004–030 (004 used, the rest back).
    expect(row(cashierId, 'SJ-H')).toMatchObject({ issued: 36, handedOver: 27, used: 3, remaining: 6 });
    expect(row(clerkId, 'SJ-H')).toMatchObject({ issued: 27, handedOver: 26, used: 1, remaining: 0 });
    // Invoices: 20000001 used then voided, 20000002 voided, 20000004 used.
    expect(row(clerkId, '037001900111')).toMatchObject({ issued: 10, used: 1, voided: 2, missing: 0, remaining: 7 });
    // Once per month; the XLSX.
    expect((await t.call('POST', `${base}/count-reports`, { cookie: keeper, body: { month } })).statusCode).toBe(409);
    const file = await t.call('GET', `${base}/count-reports/${res.json().id}/file`, { cookie: keeper });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    // The job builds last month's once, from the report day on.
    expect(jobDefs().some((j) => j.name === 'fiscalStock.monthlyCount')).toBe(true);
    const nextMonthFirst = startOfBusinessDay(`${addDays(`${month}-01`, 40).slice(0, 8)}01`);
    // (Company B: A's report of this month was built on demand above.)
    const built = await t.db.tx((tx) => countReportDue(tx, t.companyB, new Date(nextMonthFirst.getTime() + 3_600_000)));
    expect(built).toMatchObject({ month, rows: [], builtBy: null });
    expect(
      await t.db.tx((tx) => countReportDue(tx, t.companyB, new Date(nextMonthFirst.getTime() + 7_200_000))),
    ).toBeNull();
    // Within this month, the job's report is last month's.
    const earlier = await t.db.tx((tx) =>
      countReportDue(tx, t.companyB, new Date(nextMonthFirst.getTime() - 7_200_000)),
    );
    expect(earlier?.month).toBe(addDays(`${month}-01`, -1).slice(0, 7));
    // Future months are refused.
    const future = await t.call('POST', `${base}/count-reports`, {
      cookie: keeper,
      body: { month: addDays(`${month}-01`, 70).slice(0, 7) },
    });
    expect(fieldsOf(future.json())).toEqual(['month']);
  });

  it('PAY-5 permissions: a cashier cannot receive or issue stock; a holder sees only their own ranges', async () => {
    expect((await receive({ kind: 'receipt', series: 'X', fromNo: '1', toNo: '2' })).statusCode).toBe(201);
    expect(
      (
        await t.call('POST', `${base}/batches`, {
          cookie: cashier,
          body: { kind: 'receipt', series: 'Y', fromNo: '1', toNo: '2' },
        })
      ).statusCode,
    ).toBe(403);
    const mine = (await t.call('GET', `${base}/ranges/mine`, { cookie: clerk })).json().items;
    expect(mine.every((r: { holder: { id: string } }) => r.holder.id === clerkId)).toBe(true);
    const cashiers = (await t.call('GET', `${base}/ranges/mine`, { cookie: cashier })).json().items;
    // The clerk (no fiscal.stock.read) cannot open the cashier's range.
    expect((await t.call('GET', `${base}/ranges/${cashiers[0].id}`, { cookie: clerk })).statusCode).toBe(404);
  });
  it('PAY-5 company B can’t see or touch company A’s stock', async () => {
    const keeperB = await t.login('b.receipt.keeper');
    const cashierB = await t.login('b.cashier');
    const batches = (await t.call('GET', `${base}/batches?pageSize=200`, { cookie: keeper })).json().items;
    const ranges = (await t.call('GET', `${base}/ranges?pageSize=200`, { cookie: keeper })).json().items;
    const report = (await t.call('GET', `${base}/count-reports`, { cookie: keeper })).json().items[0];
    expect((await t.call('GET', `${base}/batches`, { cookie: keeperB })).json().total).toBe(0);
    expect((await t.call('GET', `${base}/ranges`, { cookie: keeperB })).json().total).toBe(0);
    expect((await t.call('GET', `${base}/numbers`, { cookie: keeperB })).json().total).toBe(0);
    expect((await t.call('GET', `${base}/losses`, { cookie: keeperB })).json().total).toBe(0);
    expect((await t.call('GET', `${base}/batches/${batches[0].id}`, { cookie: keeperB })).statusCode).toBe(404);
    expect((await t.call('GET', `${base}/ranges/${ranges[0].id}`, { cookie: keeperB })).statusCode).toBe(404);
    expect((await t.call('GET', `${base}/count-reports/${report.id}`, { cookie: keeperB })).statusCode).toBe(404);
    const issueB = await t.call('POST', `${base}/ranges`, {
      cookie: keeperB,
      body: { batchId: batches[0].id, holderId: cashierId, fromNo: batches[0].toNo, toNo: batches[0].toNo },
    });
    expect(issueB.statusCode).toBe(404);
    expect(fieldsOf(issueB.json())).toEqual(['batchId']);
    const handB = await t.call('POST', `${base}/handovers`, {
      cookie: keeperB,
      body: { rangeId: ranges[0].id, toHolderId: null, reason: 'other', fromSignature: 'a', toSignature: 'b' },
    });
    expect(handB.statusCode).toBe(404);
    expect((await use('1010', cashierB, 'SJ-D')).json().code).toBe('NUMBER_OUTSIDE_RANGE');
  });
});

import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { daysBetween } from '../src/modules/late-fees/accrual.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { runDueTasks } from '../src/platform/jobs/worker.js';
import { formatMoney } from '../src/platform/print/money.js';
import { findChromium } from '../src/platform/print/pdf.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const PERIOD = '2026-10';
const sheets = (html: string) => html.match(/<section class="sheet"/g)?.length ?? 0;

describe.each(dbKinds)('MTR-8 notices and MTR-9 report on %s', (kind) => {
  let t: TestApp;
  let manager: string;
  let reader: string;
  let clerk: string;
  /** res1, res2: indoor meters; out1, out2: outdoor meters in book OUT-1; cat, ind: C&I. */
  const acc: Record<string, { id: string; meter: string; accountNo: string }> = {};
  const bills: Record<string, string> = {};
  let bookId: string;

  const reading = (name: string, previous: number, volume: number, readOn: string, readerId: string | null) =>
    t.db.query(
      `INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                   previous_read_on, volume, status, source, accepted_at, reader_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-08-20', $8, 'accepted', 'handheld', now(), $9)`,
      [t.companyA, acc[name]!.id, acc[name]!.meter, PERIOD, readOn, previous + volume, previous, volume, readerId],
    );
  const html = async (url: string, cookie = clerk) => {
    const res = await t.call('GET', url, { cookie });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    manager = await t.login('department.manager');
    reader = await t.login('meter.reader');
    clerk = await t.login('hall.clerk');
    await generateAccounts(t.db, t.companyA, { count: 12, seed: 61 });
    const { rows } = await t.db.query<{ id: string; meter: string; accountNo: string }>(
      `SELECT a.id, m.id AS meter, a.account_no AS "accountNo"
         FROM accounts a JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
        WHERE a.company_id = $1
          AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.company_id = a.company_id AND l.account_id = a.id)
        ORDER BY a.account_no LIMIT 6`,
      [t.companyA],
    );
    const names = ['res1', 'res2', 'out1', 'out2', 'cat', 'ind'];
    const natures = ['RES', 'RES', 'RES', 'RES', 'CATERING', 'INDUSTRY'];
    const where = ['indoor', 'indoor', 'outdoor', 'outdoor', 'indoor', 'outdoor'];
    for (const [i, name] of names.entries()) {
      acc[name] = rows[i]!;
      await t.db.query('UPDATE accounts SET usage_nature = $3 WHERE company_id = $1 AND id = $2', [
        t.companyA,
        rows[i]!.id,
        natures[i],
      ]);
      await t.db.query('UPDATE meters SET location = $3 WHERE company_id = $1 AND id = $2', [
        t.companyA,
        rows[i]!.meter,
        where[i],
      ]);
    }
    // Accounts with clean ledgers: the generator's opening balances would blur the arrears asserted below.
    expect(rows).toHaveLength(6);
    const readerUser = await t.db.query<{ id: string }>(
      `UPDATE users SET employee_no = '0301', phone = '0632-5550301' WHERE company_id = $1 AND username = 'meter.reader'
       RETURNING id`,
      [t.companyA],
    );
    const readerId = readerUser.rows[0]!.id;
    const book = await t.db.query<{ id: string }>(
      `INSERT INTO reading_books (company_id, code, name, area, customer_kind, reader_id)
       VALUES ($1, 'OUT-1', '幸福里户外表', '幸福里小区', 'residential', $2) RETURNING id`,
      [t.companyA, readerId],
    );
    bookId = book.rows[0]!.id;
    await t.db.query(
      `INSERT INTO reading_book_accounts (company_id, book_id, account_id, seq) VALUES ($1, $2, $3, 1), ($1, $2, $4, 2)`,
      [t.companyA, bookId, acc.out1!.id, acc.out2!.id],
    );
    // Tariffs in force (written directly: how a tariff gets approved is not this test's business).
    const tariff = async (nature: string, tiers: [string | null, string][]) => {
      const r = await t.db.query<{ id: string }>(
        `INSERT INTO tariffs (company_id, usage_nature, name, effective_from, tiered)
         VALUES ($1, $2, $2 || ' 2026', '2026-01-01', $3) RETURNING id`,
        [t.companyA, nature, tiers.length > 1],
      );
      let lower = '0';
      for (const [i, [upTo, price]] of tiers.entries()) {
        await t.db.query(
          `INSERT INTO tariff_tiers (company_id, tariff_id, tier, lower_volume, upper_volume, price)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [t.companyA, r.rows[0]!.id, i + 1, lower, upTo, price],
        );
        lower = upTo ?? lower;
      }
    };
    await tariff('RES', [
      ['350', '2.67'],
      ['500', '3.20'],
      [null, '4.01'],
    ]);
    await tariff('CATERING', [[null, '3.80']]);
    await tariff('INDUSTRY', [[null, '3.50']]);
    // The company's own hotline and a C&I late-fee rate that differs from the residential one.
    await t.db.query(
      `INSERT INTO policy_values (company_id, key, effective_from, value, version)
       VALUES ($1, 'svc.hotline', '2026-06-01', '"0632-9600000"', 7),
              ($1, 'bil.commercialLateFeeDailyRate', '2026-06-01', '"0.005"', 7)`,
      [t.companyA],
    );
    await reading('res1', 1320, 400, '2026-10-20', readerId);
    await reading('res2', 860, 21, '2026-10-20', readerId);
    await reading('out1', 100, 30, '2026-10-21', readerId);
    await reading('out2', 200, 12.5, '2026-10-21', readerId);
    await reading('cat', 5000, 100, '2026-10-25', readerId);
    await reading('ind', 9000, 250, '2026-10-25', null);
    // An earlier debt of res1, overdue since 2026-11-01: arrears and a late fee to date on its notice.
    await t.db.query(
      `INSERT INTO ledger_entries (company_id, account_id, kind, period, amount, due_on)
       VALUES ($1, $2, 'openingBalance', '2026-06', 100.00, '2026-11-01')`,
      [t.companyA, acc.res1!.id],
    );
    const run = await t.call('POST', '/api/billing/runs', { cookie: manager, body: { period: PERIOD } });
    expect(run.statusCode).toBe(202);
    while ((await runDueTasks(t.db)) > 0) {}
    const billed = await t.db.query<{ id: string; account_id: string }>(
      'SELECT id, account_id FROM bills WHERE company_id = $1 AND period = $2',
      [t.companyA, PERIOD],
    );
    for (const [name, a] of Object.entries(acc)) bills[name] = billed.rows.find((b) => b.account_id === a.id)!.id;
    expect(Object.values(bills).every(Boolean)).toBe(true);
  });
  afterAll(() => t?.close());

  it('MTR-8 payment notice shows last/this reading, volume, tier lines, due date, arrears with the late fee to date, hotline and the late-fee wording with the policy rate', async () => {
    const page = await html(`/api/billing/bills/${bills.res1}/notice`);
    expect(page).toContain('燃气缴费通知单');
    expect(page).toContain(`用户编号：<span class="strong">${acc.res1!.accountNo}</span>`);
    expect(page).toMatch(/<td>10<\/td><td>20<\/td><td>1320<\/td><td>1720<\/td><td>400<\/td>/);
    expect(page).toMatch(
      /第一阶梯<\/td><td>[^<]+<\/td><td class="right">350<\/td><td class="right">2\.6700<\/td><td class="right">934\.50/,
    );
    expect(page).toMatch(
      /第二阶梯<\/td><td>[^<]+<\/td><td class="right">50<\/td><td class="right">3\.2000<\/td><td class="right">160\.00/,
    );
    expect(page).toContain('¥1,094.50');
    expect(page).toContain('壹仟零玖拾肆元伍角');
    expect(page).toContain('2026-11-19'); // due 30 days after the reading
    expect(page).toContain('¥100.00'); // the earlier debt
    // Late fee to date: 3‰ a day on each overdue debt (the earlier one, and this bill once past 2026-11-19).
    const feeOf = (amount: string, dueOn: string) =>
      new Decimal(amount)
        .times('0.003')
        .times(Math.max(0, daysBetween(dueOn, businessToday())))
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const fee = feeOf('100', '2026-11-01').plus(feeOf('1094.50', '2026-11-19')).toFixed(2);
    expect(page).toContain(`¥${fee}（截至 ${businessToday()}）`);
    expect(page).toContain(`¥${formatMoney(new Decimal('1194.50').plus(fee))}`); // total due
    expect(page).toContain('缴费期限为三十天，逾期不交按照每日3‰加收违约金。');
    expect(page).toContain('24小时服务热线：<span class="strong">0632-9600000</span>');
    expect(page).toContain('抄表员工号：0301');
    // The print platform's own route prints the same notice from the bill (template editor overrides apply).
    const viaPlatform = await html(`/api/print/notices/paymentNotice/html?subjectId=${bills.res1}`);
    expect(viaPlatform).toContain('壹仟零玖拾肆元伍角');
  });

  it('MTR-8 area notice lists the outdoor meters of a book with readings, volumes, amounts and due dates, not names', async () => {
    const preview = await t.call('GET', `/api/billing/notices?period=${PERIOD}&kind=area`, { cookie: reader });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ notices: 1, bills: 2, code: 'areaReadingNotice', amountTotal: '113.48' });
    const page = await html(`/api/billing/notices/print?period=${PERIOD}&kind=area&bookId=${bookId}`, reader);
    expect(sheets(page)).toBe(1);
    expect(page).toContain('天然气抄表告知单');
    expect(page).toContain('请于三十天内及时到各收费网点或通过网上银行缴费，逾期将产生日3‰的违约金。');
    expect(page).toContain(acc.out1!.accountNo);
    expect(page).toContain(acc.out2!.accountNo);
    expect(page).not.toContain(acc.res1!.accountNo);
    expect(page).toMatch(/<td>100<\/td><td>130<\/td><td>30<\/td><td class="right">80\.10<\/td><td>2026-11-20<\/td>/);
    expect(page).toMatch(/<td>200<\/td><td>212\.5<\/td><td>12\.5<\/td><td class="right">33\.38<\/td>/);
    expect(page).toContain('合计 2 户');
    expect(page).toContain('幸福里小区');
    const names = await t.db.query<{ name: string }>(
      `SELECT c.name FROM accounts a JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
        WHERE a.company_id = $1 AND a.id = $2`,
      [t.companyA, acc.out1!.id],
    );
    expect(page).not.toContain(names.rows[0]!.name);
  });

  it('MTR-8 C&I reading notice has the 20-day due date and the C&I late-fee rate', async () => {
    const page = await html(`/api/billing/bills/${bills.cat}/notice`);
    expect(page).toContain('工商客户抄表通知单');
    expect(page).toContain('2026-11-14'); // 20 days after 2026-10-25
    expect(page).toContain('缴费期限为二十天，逾期不交按照每日5‰加收违约金。');
    expect(page).toContain('联系电话</td><td>0632-5550301');
    expect(page).toContain('¥380.00');
    const batch = await html(`/api/billing/notices/print?period=${PERIOD}&kind=ci`, reader);
    expect(sheets(batch)).toBe(2);
    // A residential bill is not a C&I notice's subject.
    const wrong = await t.call('GET', `/api/print/notices/ciReadingNotice/html?subjectId=${bills.res1}`, {
      cookie: clerk,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('WRONG_NOTICE');
  });

  it('MTR-8 batch print puts every notice on its own page, is recorded with its counts, and a preview records nothing', async () => {
    const before = (await t.call('GET', '/api/billing/notice-batches', { cookie: reader })).json().total;
    const preview = await html(`/api/billing/notices/print?period=${PERIOD}&kind=payment&preview=true`, reader);
    expect(sheets(preview)).toBe(1);
    expect((await t.call('GET', '/api/billing/notice-batches', { cookie: reader })).json().total).toBe(before);

    const res = await t.call('GET', `/api/billing/notices/print?period=${PERIOD}&kind=payment`, { cookie: reader });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-notice-count']).toBe('2');
    expect(sheets(res.body)).toBe(2);
    expect(res.body).toContain('.sheet + .sheet { break-before: page;');
    expect(res.body.indexOf(acc.res1!.accountNo)).toBeLessThan(res.body.indexOf(acc.res2!.accountNo));
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.body).not.toContain('window.print(); });</script>');
    const auto = await html(`/api/billing/notices/print?period=${PERIOD}&kind=payment&autoprint=true`, reader);
    expect(auto).toMatch(
      /<script nonce="[^"]+">window\.addEventListener\('load', function \(\) \{ window\.print\(\); \}\);<\/script>/,
    );
    const batches = (await t.call('GET', `/api/billing/notice-batches?period=${PERIOD}`, { cookie: reader })).json();
    expect(batches.total).toBe(before + 2);
    expect(batches.items[1]).toMatchObject({
      kind: 'payment',
      paper: 'A4',
      format: 'html',
      notices: 2,
      bills: 2,
      amountTotal: '1150.57',
      printedByName: expect.any(String),
    });
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE company_id = $1 AND action = 'billing.noticesPrinted' AND entity_id = $2`,
      [t.companyA, batches.items[1].id],
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('MTR-8 receipt paper: the 80 mm notice of one bill and of a batch', async () => {
    const one = await html(`/api/billing/bills/${bills.res2}/notice?paper=receipt80`);
    expect(one).toContain('size: 80mm 297mm');
    expect(one).toContain('燃气缴费通知单');
    expect(one).toContain('实用方数</td><td class="right">21');
    const batch = await html(`/api/billing/notices/print?period=${PERIOD}&kind=payment&paper=receipt80`, reader);
    expect(batch).toContain('size: 80mm 297mm');
    expect(sheets(batch)).toBe(2);
  });

  it('MTR-8 a batch as PDF from the server', async () => {
    const res = await t.call('GET', `/api/billing/notices/print?period=${PERIOD}&kind=ci&format=pdf`, {
      cookie: reader,
    });
    expect(res.statusCode).toBe(findChromium() ? 200 : 503);
    if (res.statusCode === 200) {
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  }, 60_000);

  it('MTR-8 bad filters are refused naming the field; an empty batch says there is nothing to print', async () => {
    const bad = await t.call('GET', `/api/billing/notices?period=2026-13&kind=payment`, { cookie: reader });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('period');
    const badKind = await t.call('GET', `/api/billing/notices/print?period=${PERIOD}&kind=bill`, { cookie: reader });
    expect(badKind.statusCode).toBe(400);
    const empty = await t.call('GET', `/api/billing/notices/print?period=2026-09&kind=payment`, { cookie: reader });
    expect(empty.statusCode).toBe(404);
    expect(empty.json().code).toBe('NOTHING_TO_PRINT');
    const noRight = await t.call('GET', `/api/billing/notices?period=${PERIOD}&kind=payment`, {
      cookie: await t.login('hotline.agent'),
    });
    expect(noRight.statusCode).toBe(403);
  });

  it('MTR-8 company B can neither print nor count company A’s bills', async () => {
    const b = await t.login('b.department.manager');
    expect((await t.call('GET', `/api/billing/bills/${bills.res1}/notice`, { cookie: b })).statusCode).toBe(404);
    const platform = await t.call('GET', `/api/print/notices/paymentNotice/html?subjectId=${bills.res1}`, {
      cookie: b,
    });
    expect(platform.statusCode).toBe(404);
    const preview = await t.call('GET', `/api/billing/notices?period=${PERIOD}&kind=payment`, { cookie: b });
    expect(preview.json()).toMatchObject({ notices: 0, bills: 0 });
    const print = await t.call('GET', `/api/billing/notices/print?period=${PERIOD}&kind=payment`, { cookie: b });
    expect(print.statusCode).toBe(404);
    const withBook = await t.call('GET', `/api/billing/notices?period=${PERIOD}&kind=area&bookId=${bookId}`, {
      cookie: b,
    });
    expect(withBook.statusCode).toBe(404);
  });

  it('MTR-9 the month-end C&I usage detail lists each C&I account with meter, readings, volume and amount, and sums them', async () => {
    const res = await t.call('GET', `/api/billing/reports/ci-usage?period=${PERIOD}`, { cookie: clerk });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.totals).toEqual({ accounts: 2, volume: '350.000', amount: '1255.00' });
    const cat = body.items.find((i: { accountNo: string }) => i.accountNo === acc.cat!.accountNo);
    expect(cat).toMatchObject({
      previousReading: '5000.000',
      reading: '5100.000',
      volume: '100.000',
      amount: '380.00',
      readOn: '2026-10-25',
      usageNatureName: '经营性餐饮用气',
      billed: true,
      designFlow: null,
    });
    expect(cat.meterSerials).toMatch(/\S/);
    const filtered = await t.call('GET', `/api/billing/reports/ci-usage?period=${PERIOD}&usageNature=INDUSTRY`, {
      cookie: clerk,
    });
    expect(filtered.json().totals).toEqual({ accounts: 1, volume: '250.000', amount: '875.00' });
    // The file holds names and addresses: it leaves only with an approved data-export request (IAM-5).
    const xlsx = await t.call('GET', `/api/exports/ciUsage?period=${PERIOD}`, { cookie: clerk });
    expect(xlsx.statusCode).toBe(403);
    expect(xlsx.json()).toMatchObject({ code: 'EXPORT_APPROVAL_REQUIRED', details: { filters: { period: PERIOD } } });
  });
  it('MTR-9 the C&I usage detail shows a meter’s designed flow once the meter register holds it (MTR-4)', async () => {
    const row = async () =>
      (
        await t.call('GET', `/api/billing/reports/ci-usage?period=${PERIOD}&usageNature=CATERING`, { cookie: clerk })
      ).json().items[0];
    expect((await row()).designFlow).toBeNull();
    await t.db.query('UPDATE meters SET designed_flow = 25.5 WHERE company_id = $1 AND id = $2', [
      t.companyA,
      acc.cat!.meter,
    ]);
    expect(await row()).toMatchObject({ accountNo: acc.cat!.accountNo, designFlow: '25.5' });
  });

  it('MTR-8 an area batch of several books loads its bills a chunk at a time, not one query per book', async () => {
    // out2 moves to a second book of the same area: two area notices, each with its own book's meters.
    const book2 = await t.db.query<{ id: string }>(
      `INSERT INTO reading_books (company_id, code, name, area, customer_kind)
       VALUES ($1, 'OUT-2', '幸福里户外表二', '幸福里小区', 'residential') RETURNING id`,
      [t.companyA],
    );
    const move = (book: string, seq: number) =>
      t.db.query('UPDATE reading_book_accounts SET book_id = $3, seq = $4 WHERE company_id = $1 AND account_id = $2', [
        t.companyA,
        acc.out2!.id,
        book,
        seq,
      ]);
    await move(book2.rows[0]!.id, 1);
    const query = t.db.query;
    let loads = 0;
    t.db.query = ((sql: string, params?: unknown[]) => {
      if (typeof sql === 'string' && sql.includes('AS "bookReaderPhone"')) loads++;
      return query.call(t.db, sql, params);
    }) as typeof t.db.query;
    try {
      const page = await html(
        `/api/billing/notices/print?period=${PERIOD}&kind=area&area=${encodeURIComponent('幸福里小区')}`,
        reader,
      );
      const parts = page.split('<section class="sheet"').slice(1);
      expect(parts).toHaveLength(2);
      expect(parts[0]).toContain(acc.out1!.accountNo);
      expect(parts[0]).not.toContain(acc.out2!.accountNo);
      expect(parts[1]).toContain(acc.out2!.accountNo);
      expect(parts[1]).toContain('OUT-2');
      expect(loads).toBe(1);
    } finally {
      t.db.query = query;
      await move(bookId, 2);
      await t.db.query('DELETE FROM reading_books WHERE company_id = $1 AND id = $2', [t.companyA, book2.rows[0]!.id]);
    }
  });

  it('MTR-8 / BIL-6 a bill with nothing to pay (zero use) is listed and printed without a due date, and the ledger shows it', async () => {
    // res1's next period: the same reading again, accepted, billed at zero.
    const period = '2026-12';
    await t.db.query(
      `INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                   previous_read_on, volume, status, source, accepted_at)
       VALUES ($1, $2, $3, $4, '2026-12-20', 1720, 1720, '2026-10-20', 0, 'accepted', 'handheld', now())`,
      [t.companyA, acc.res1!.id, acc.res1!.meter, period],
    );
    const run = await t.call('POST', '/api/billing/runs', { cookie: manager, body: { period } });
    expect(run.statusCode).toBe(202);
    while ((await runDueTasks(t.db)) > 0) {}
    const list = await t.call('GET', `/api/billing/notices?period=${period}&kind=payment`, { cookie: clerk });
    expect(list.statusCode, list.body.slice(0, 300)).toBe(200);
    const item = list.json().items.find((i: { accountNo: string }) => i.accountNo === acc.res1!.accountNo);
    expect(item).toMatchObject({ amount: '0.00', dueOn: null });
    const page = await html(`/api/billing/bills/${item.billId}/notice?paper=A4`);
    expect(page).toContain('无需缴费');
    expect(page).toContain('缴费期限为三十天');
    const ledger = await t.call('GET', `/api/accounts/${acc.res1!.id}/ledger`, { cookie: clerk });
    expect(ledger.statusCode, ledger.body.slice(0, 300)).toBe(200);
    expect(ledger.json().bills.find((b: { period: string }) => b.period === period)).toMatchObject({ dueOn: null });
  });
});

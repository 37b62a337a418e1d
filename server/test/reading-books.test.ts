import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (res: { json(): { details?: { fields?: { path: string }[] } } }) =>
  (res.json().details?.fields ?? []).map((f) => f.path);

interface Acc {
  accountNo: string;
  serial: string;
  kind: string;
}

/** MTR-1..3: reading books in walking order, plans by the cycle, the handheld download. */
describe.each(dbKinds)('reading books and plans on %s', (kind) => {
  let t: TestApp;
  let leader: string;
  let reader: string;
  let clerk: string;
  let readerId: string;
  let res: Acc[];
  let com: Acc[];
  let bookId: string;
  let comBookId: string;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 60, seed: 7 });
    leader = await t.login('team.leader');
    reader = await t.login('meter.reader');
    clerk = await t.login('hall.clerk');
    readerId = (
      await t.db.query<{ id: string }>(`SELECT id FROM users WHERE company_id = $1 AND username = 'meter.reader'`, [
        t.companyA,
      ])
    ).rows[0]!.id;
    const all = (
      await t.db.query<Acc>(
        `SELECT a.account_no AS "accountNo", m.serial, u.customer_kind AS kind
           FROM accounts a
           JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
           JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature AND u.commodity = a.commodity
          WHERE a.company_id = $1 AND a.status <> 'closed' ORDER BY a.account_no`,
        [t.companyA],
      )
    ).rows;
    res = all.filter((a) => a.kind === 'residential').slice(0, 4);
    com = all.filter((a) => a.kind !== 'residential').slice(0, 2);
    expect(res).toHaveLength(4);
    expect(com).toHaveLength(2);
  });
  afterAll(() => t.close());

  it('MTR-3 a book is created for an area and a reader; its code is unique', async () => {
    const body = { code: 'RB-001', name: '幸福小区一册', area: '幸福小区', customerKind: 'residential', readerId };
    const created = await t.call('POST', '/api/reading-books', { cookie: leader, body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'RB-001', readerName: expect.any(String), accounts: 0, version: 1 });
    bookId = created.json().id;
    const again = await t.call('POST', '/api/reading-books', { cookie: leader, body });
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again)).toContain('code');
    const bad = await t.call('POST', '/api/reading-books', {
      cookie: leader,
      body: { ...body, code: '坏 编号', readDay: 31 },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['code', 'readDay']));
    expect((await t.call('POST', '/api/reading-books', { cookie: clerk, body })).statusCode).toBe(403);
    const c = await t.call('POST', '/api/reading-books', {
      cookie: leader,
      body: { code: 'CB-001', name: '工商户一册', area: '开发区', customerKind: 'commercial', readerId, readDay: 2 },
    });
    expect(c.statusCode).toBe(201);
    comBookId = c.json().id;
  });

  it('MTR-3 a book holds its accounts in walking order; an account is in one book only', async () => {
    const accounts = [...res].reverse().map((a, i) => ({ accountNo: a.accountNo, seq: (i + 1) * 10 }));
    const put = await t.call('PUT', `/api/reading-books/${bookId}/accounts`, {
      cookie: leader,
      body: { version: 1, accounts },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ accounts: 4, version: 2 });
    const stale = await t.call('PUT', `/api/reading-books/${bookId}/accounts`, {
      cookie: leader,
      body: { version: 1, accounts },
    });
    expect(stale.statusCode).toBe(409);
    const other = await t.call('PUT', `/api/reading-books/${comBookId}/accounts`, {
      cookie: leader,
      body: {
        version: 1,
        accounts: [
          { accountNo: res[0]!.accountNo, seq: 1 },
          { accountNo: com[0]!.accountNo, seq: 2 },
          { accountNo: com[0]!.accountNo, seq: 2 },
          { accountNo: '999999999', seq: 4 },
        ],
      },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().details.problems.map((p: { code: string }) => p.code)).toEqual([
      'DUPLICATE_ACCOUNT',
      'DUPLICATE_SEQ',
      'ACCOUNT_IN_OTHER_BOOK',
      'ACCOUNT_NOT_FOUND',
    ]);
    const ok = await t.call('PUT', `/api/reading-books/${comBookId}/accounts`, {
      cookie: leader,
      body: { version: 1, accounts: com.map((a, i) => ({ accountNo: a.accountNo, seq: i + 1 })) },
    });
    expect(ok.statusCode).toBe(200);
    const got = await t.call('GET', `/api/reading-books/${bookId}`, { cookie: clerk });
    expect(got.json().members.map((m: { accountNo: string }) => m.accountNo)).toEqual(
      [...res].reverse().map((a) => a.accountNo),
    );
    const list = await t.call('GET', '/api/reading-books?customerKind=commercial', { cookie: clerk });
    expect(list.json()).toMatchObject({ total: 1, items: [{ code: 'CB-001', accounts: 2 }] });
  });

  it('MTR-2 residential books are read every two months; a plan in an off month is refused', async () => {
    const off = await t.call('POST', '/api/reading-plans', {
      cookie: leader,
      body: { bookId, period: '2026-02' },
    });
    expect(off.statusCode).toBe(400);
    expect(off.json().code).toBe('PLAN_NOT_DUE');
    expect(fieldsOf(off)).toContain('period');
    const gen = await t.call('POST', '/api/reading-plans/generate', { cookie: leader, body: { period: '2026-03' } });
    expect(gen.json()).toEqual({ period: '2026-03', created: 2 });
    const again = await t.call('POST', '/api/reading-plans/generate', { cookie: leader, body: { period: '2026-03' } });
    expect(again.json().created).toBe(0);
    const feb = await t.call('POST', '/api/reading-plans/generate', { cookie: leader, body: { period: '2026-02' } });
    expect(feb.json().created).toBe(1);
    const plans = await t.call('GET', '/api/reading-plans?period=2026-03', { cookie: clerk });
    const items = plans.json().items as { bookId: string; plannedOn: string; readerId: string; id: string }[];
    expect(items).toHaveLength(2);
    expect(items.find((p) => p.bookId === bookId)).toMatchObject({ plannedOn: '2026-03-10', readerId });
    // C&I inside the window 5th..26th: the book's day 2 becomes the 5th.
    expect(items.find((p) => p.bookId === comBookId)!.plannedOn).toBe('2026-03-05');
    planId = items.find((p) => p.bookId === bookId)!.id;
  });

  it('MTR-2 a C&I plan outside the 5th–26th window or outside its month is refused', async () => {
    const plan = (
      await t.call('GET', `/api/reading-plans?period=2026-03&bookId=${comBookId}`, { cookie: clerk })
    ).json().items[0];
    const late = await t.call('PATCH', `/api/reading-plans/${plan.id}`, {
      cookie: leader,
      body: { version: plan.version, plannedOn: '2026-03-28', reason: '客户要求' },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('PLAN_OUTSIDE_WINDOW');
    const month = await t.call('PATCH', `/api/reading-plans/${plan.id}`, {
      cookie: leader,
      body: { version: plan.version, plannedOn: '2026-04-10', reason: '客户要求' },
    });
    expect(month.json().code).toBe('PLAN_OUTSIDE_PERIOD');
  });

  it('MTR-1 changing a plan is a written request applied on the manager’s approval', async () => {
    const plan = (
      await t.call('GET', `/api/reading-plans?period=2026-03&bookId=${comBookId}`, { cookie: clerk })
    ).json().items[0];
    const noReason = await t.call('PATCH', `/api/reading-plans/${plan.id}`, {
      cookie: leader,
      body: { version: plan.version, plannedOn: '2026-03-20' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason)).toContain('reason');
    const filed = await t.call('PATCH', `/api/reading-plans/${plan.id}`, {
      cookie: leader,
      body: { version: plan.version, plannedOn: '2026-03-20', reason: '园区停产检修，改期抄表' },
    });
    expect(filed.statusCode, filed.body).toBe(202);
    expect(filed.json()).toMatchObject({ kind: 'readingPlanChange', status: 'pending' });
    // Nothing changes before the approval; the requester cannot approve it.
    expect((await t.call('GET', `/api/reading-plans/${plan.id}`, { cookie: clerk })).json().plannedOn).toBe(
      '2026-03-05',
    );
    const self = await t.call('POST', `/api/approvals/${filed.json().id}/approve`, { cookie: leader, body: {} });
    expect(self.statusCode).toBeGreaterThanOrEqual(400);
    const manager = await t.login('department.manager');
    const ok = await t.call('POST', `/api/approvals/${filed.json().id}/approve`, { cookie: manager, body: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.call('GET', `/api/reading-plans/${plan.id}`, { cookie: clerk })).json()).toMatchObject({
      plannedOn: '2026-03-20',
      version: 2,
    });
  });

  it('MTR-3 the handheld downloads the round in walking order as JSON, CSV and XLSX', async () => {
    const json = await t.call('GET', `/api/reading-plans/${planId}/sheet`, { cookie: reader });
    expect(json.statusCode, json.body).toBe(200);
    const rows = json.json().rows as { accountNo: string; seq: number; meterSerial: string; lastReading: string }[];
    expect(rows.map((r) => r.accountNo)).toEqual([...res].reverse().map((a) => a.accountNo));
    expect(rows[0]).toMatchObject({ seq: 10, period: '2026-03', meterSerial: res[3]!.serial });
    expect(json.json().plan.status).toBe('downloaded');
    const csv = await t.call('GET', `/api/reading-plans/${planId}/sheet/file?format=csv`, { cookie: reader });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('期间,顺序,用户编号,地址,表号,上次读数,上次抄表日期,本次读数,抄表日期');
    expect(lines).toHaveLength(5);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/reading-plans/${planId}/sheet/file?format=xlsx`,
      headers: { cookie: reader },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.rowCount).toBe(5);
    expect((await t.call('GET', `/api/reading-plans/${planId}/sheet`, { cookie: clerk })).statusCode).toBe(403);

    // The CSV filled in on the round comes back and is imported; the plan is then uploaded.
    const filled = lines
      .slice(1)
      .map((l) => {
        const c = l.split(',');
        c[7] = String(Number(c[5]) + 12);
        c[8] = '2026-03-10';
        return c.join(',');
      })
      .join('\r\n');
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/readings/upload-file',
      headers: { cookie: reader, 'content-type': 'text/csv' },
      payload: `${lines[0]}\r\n${filled}\r\n`,
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ inserted: 4, accepted: 4 });
    expect((await t.call('GET', `/api/reading-plans/${planId}`, { cookie: clerk })).json().status).toBe('uploaded');
    const byBook = await t.call('GET', `/api/readings?bookId=${bookId}`, { cookie: clerk });
    expect(byBook.json().total).toBe(4);
  });

  it('MTR-2 a C&I account handed over in the period is read from the month after', async () => {
    await t.db.query(`UPDATE accounts SET opened_on = '2026-03-12' WHERE company_id = $1 AND account_no = $2`, [
      t.companyA,
      com[1]!.accountNo,
    ]);
    const plan = (
      await t.call('GET', `/api/reading-plans?period=2026-03&bookId=${comBookId}`, { cookie: clerk })
    ).json().items[0];
    const march = await t.call('GET', `/api/reading-plans/${plan.id}/sheet`, { cookie: reader });
    expect(march.json().rows.map((r: { accountNo: string }) => r.accountNo)).toEqual([com[0]!.accountNo]);
    await t.call('POST', '/api/reading-plans/generate', { cookie: leader, body: { period: '2026-04' } });
    const april = (
      await t.call('GET', `/api/reading-plans?period=2026-04&bookId=${comBookId}`, { cookie: clerk })
    ).json().items[0];
    const sheet = await t.call('GET', `/api/reading-plans/${april.id}/sheet`, { cookie: reader });
    expect(sheet.json().rows).toHaveLength(2);
  });

  it('MTR-3 the book register exports to XLSX; the readings (addresses) need an approved export', async () => {
    const books = await t.app.inject({
      method: 'GET',
      url: '/api/exports/readingBooks?customerKind=residential',
      headers: { cookie: clerk },
    });
    expect(books.statusCode, books.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(books.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.rowCount).toBe(2);
    const readings = await t.call('GET', '/api/exports/meterReadings?status=flagged', { cookie: clerk });
    expect(readings.statusCode).toBe(403);
    expect(readings.json().code).toBe('EXPORT_APPROVAL_REQUIRED');
  });

  it('MTR-1 an uploaded plan can no longer change', async () => {
    const plan = (await t.call('GET', `/api/reading-plans/${planId}`, { cookie: clerk })).json();
    const res2 = await t.call('PATCH', `/api/reading-plans/${planId}`, {
      cookie: leader,
      body: { version: plan.version, plannedOn: '2026-03-12', reason: '改期' },
    });
    expect(res2.statusCode).toBe(409);
    expect(res2.json().code).toBe('PLAN_UPLOADED');
  });
});

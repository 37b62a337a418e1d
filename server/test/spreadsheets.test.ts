import { randomBytes, randomUUID } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../src/db/types.js';
import { approvalKind } from '../src/platform/approvals/registry.js';
import type { Actor } from '../src/platform/context.js';
import { checkZip } from '../src/platform/spreadsheets/zip-guard.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STAFF_HEADER = ['用户名', '姓名', '工号', '手机号', '所属机构编码', '角色编码'];

async function xlsxOf(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('员工');
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rowsOf(file: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

/** A one-entry zip whose entry claims `declared` bytes (to try lying sizes and bombs). */
function zipOf(content: Buffer, declared = content.length): Buffer {
  const data = deflateRawSync(content);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

describe('spreadsheet uploads are untrusted', () => {
  it('SPR a zip whose entries unpack beyond the limit, or to more than they declare, is refused before parsing', () => {
    const limits = { maxUnpackedBytes: 1024 * 1024, maxEntries: 10 };
    const bomb = Buffer.alloc(8 * 1024 * 1024); // 8 MB of zeros packs into a few KB
    expect(zipOf(bomb).length).toBeLessThan(20_000);
    expect(checkZip(zipOf(bomb), limits)).toBe('tooLarge');
    expect(checkZip(zipOf(bomb, 1000), limits)).toBe('tooLarge'); // lies about its size
    expect(checkZip(zipOf(Buffer.from('<x/>')), limits)).toBeNull();
    expect(checkZip(randomBytes(5000), limits)).toBe('notZip');
  });
});

describe.each(dbKinds)('spreadsheets on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let auditor: string;
  let clerk: string;
  const idOf: Record<string, string> = {};

  const upload = (cookie: string, file: Buffer, mode: string, name = 'users') =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports/${name}?mode=${mode}`,
      headers: { cookie, 'content-type': XLSX },
      payload: file,
    });

  /** What the approvals engine does on the final approval of a data-export request. */
  const grant = async (requester: string, exportName: string, filters: Record<string, unknown>) => {
    const approver: Actor = { companyId: t.companyA, userId: idOf['department.manager']!, name: '部门经理' };
    const result = await t.db.tx((tx: Tx) =>
      approvalKind('dataExport')!.onApproved(tx, approver, {
        id: randomUUID(),
        companyId: t.companyA,
        kind: 'dataExport',
        subjectType: 'export',
        subjectId: null,
        amount: null,
        reason: '年度核对',
        payload: { exportName, filters },
        requestedBy: idOf[requester]!,
      }),
    );
    return result!.grantId as string;
  };

  const countUsers = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE company_id = $1', [t.companyA]))
      .rows[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('system.admin');
    auditor = await t.login('auditor');
    clerk = await t.login('hall.clerk');
    const users = await t.db.query<{ id: string; username: string }>('SELECT id, username FROM users');
    for (const u of users.rows) idOf[u.username] = u.id;
  });
  afterAll(() => t.close());

  it('IAM-5 exporting a list needs the list’s permission, and personal data an approved request', async () => {
    const noRead = await t.call('GET', '/api/exports/users', { cookie: clerk });
    expect(noRead.statusCode).toBe(403);
    expect(noRead.json()).toMatchObject({ code: 'FORBIDDEN', details: { permission: ['iam.user.read'] } });
    const res = await t.call('GET', '/api/exports/users?status=active', { cookie: admin });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'EXPORT_APPROVAL_REQUIRED',
      message: expect.stringContaining('数据导出申请'),
      details: { exportName: 'users', filters: { status: 'active', sort: 'username', order: 'asc' } },
    });
    const bad = await t.call('GET', '/api/exports/users?status=gone', { cookie: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('status');
    expect((await t.call('GET', '/api/exports/nothing', { cookie: admin })).statusCode).toBe(404);
  });

  it('IAM-5 an approved export downloads once: the list’s rows with the same filters, only the caller’s company, recorded', async () => {
    const grantId = await grant('system.admin', 'users', { status: 'active', q: 'e' });
    const mine = (await t.call('GET', '/api/exports/grants', { cookie: admin })).json().items;
    expect(mine.map((g: { id: string }) => g.id)).toContain(grantId);

    const res = await t.call('GET', `/api/exports/users?q=e&status=active&grantId=${grantId}`, { cookie: admin });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="users-\d{4}-\d\d-\d\d\.xlsx"; filename\*=UTF-8''%E7%94%A8%E6%88%B7%E5%88%97%E8%A1%A8-/,
    );
    const rows = await rowsOf(res.rawPayload);
    expect(rows[0]).toEqual(expect.arrayContaining(['用户名', '姓名', '工号', '手机号', '角色', '角色编码']));
    const list = (await t.call('GET', '/api/users?q=e&status=active&pageSize=200', { cookie: admin })).json();
    expect(list.total).toBeGreaterThan(3);
    expect(rows.slice(1).map((r) => r[0])).toEqual(list.items.map((u: { username: string }) => u.username));
    expect(rows.slice(1).map((r) => r[3])).toEqual(list.items.map((u: { phone: string }) => u.phone));
    expect(rows.slice(1).some((r) => String(r[0]).startsWith('b.'))).toBe(false);

    const again = await t.call('GET', `/api/exports/users?q=e&status=active&grantId=${grantId}`, { cookie: admin });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('EXPORT_GRANT_USED');
    expect((await t.call('GET', '/api/exports/grants', { cookie: admin })).json().items).toHaveLength(0);

    const audit = (await t.call('GET', '/api/audit-entries?action=export.download', { cookie: admin })).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0].after).toMatchObject({
      exportName: 'users',
      rows: list.total,
      grantId,
      filters: { q: 'e', status: 'active' },
    });
  });

  it('IAM-5 a grant is the requester’s, for the approved export and filters only', async () => {
    const grantId = await grant('system.admin', 'users', { status: 'active' });
    const other = await t.call('GET', `/api/exports/users?status=disabled&grantId=${grantId}`, { cookie: admin });
    expect(other.json().code).toBe('EXPORT_GRANT_MISMATCH');
    const auditorsGrant = await grant('auditor', 'users', {});
    const notMine = await t.call('GET', `/api/exports/users?grantId=${auditorsGrant}`, { cookie: admin });
    expect(notMine.statusCode).toBe(404);
    // Refusals do not use the grant up.
    const ok = await t.call('GET', `/api/exports/users?status=active&grantId=${grantId}`, { cookie: admin });
    expect(ok.statusCode).toBe(200);
    const expired = await grant('system.admin', 'users', {});
    await t.db.query(`UPDATE export_grants SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired]);
    const late = await t.call('GET', `/api/exports/users?grantId=${expired}`, { cookie: admin });
    expect(late.json().code).toBe('EXPORT_GRANT_EXPIRED');
  });

  it('IAM-5 the audit log exports with its own filters, only the caller’s company', async () => {
    const grantId = await grant('auditor', 'auditLog', { action: 'user' });
    const res = await t.call('GET', `/api/exports/auditLog?action=user&grantId=${grantId}`, { cookie: auditor });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const rows = await rowsOf(res.rawPayload);
    const list = (await t.call('GET', '/api/audit-entries?action=user&pageSize=200', { cookie: auditor })).json();
    expect(rows.length - 1).toBe(list.total);
    expect(new Set(rows.slice(1).map((r) => String(r[2]).split('.')[0]))).toEqual(new Set(['user']));
    expect(rows.slice(1).some((r) => String(r[6]).includes('"username":"b.'))).toBe(false);
  });

  it('IAM-5 a data-export request is filed through the approvals engine and its approval leaves a grant', async () => {
    const filed = await t.call('POST', '/api/approvals', {
      cookie: admin,
      body: {
        kind: 'dataExport',
        subjectType: 'export',
        reason: '核对员工信息',
        payload: { exportName: 'users', filters: { status: 'disabled' } },
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const manager = await t.login('department.manager');
    const approved = await t.call('POST', `/api/approvals/${filed.json().id}/approve`, { cookie: manager, body: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    const grantId = approved.json().outcome.grantId;
    const res = await t.call('GET', `/api/exports/users?status=disabled&grantId=${grantId}`, { cookie: admin });
    expect(res.statusCode).toBe(200);
    // The request is checked when filed: the export must exist and the filters be its own.
    const bad = await t.call('POST', '/api/approvals', {
      cookie: admin,
      body: {
        kind: 'dataExport',
        subjectType: 'export',
        reason: 'x',
        payload: { exportName: 'users', filters: { status: 'gone' } },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('payload.filters.status');
    // Approval widens nothing: a list the requester cannot read cannot be asked for.
    const hotline = await t.login('hotline.agent');
    const beyond = await t.call('POST', '/api/approvals', {
      cookie: hotline,
      body: { kind: 'dataExport', subjectType: 'export', reason: 'x', payload: { exportName: 'users', filters: {} } },
    });
    expect(beyond.statusCode).toBe(403);
    expect(beyond.json().details.permission).toEqual(['iam.user.read']);
  });

  it('SPR the import template has the headers and one example row', async () => {
    const res = await t.call('GET', '/api/imports/users/template', { cookie: admin });
    expect(res.statusCode).toBe(200);
    const rows = await rowsOf(res.rawPayload);
    expect(rows[0]).toEqual([...STAFF_HEADER.slice(0, 4), '邮箱', ...STAFF_HEADER.slice(4)]);
    expect(rows).toHaveLength(2);
    expect((await t.call('GET', '/api/imports/users/template', { cookie: clerk })).statusCode).toBe(403);
  });

  it('SPR an import with a bad row imports nothing; "import the valid rows" imports only those', async () => {
    const file = await xlsxOf([
      STAFF_HEADER,
      ['imp.one', '导入一', 'I001', '13900000001', 'CS-HALL-E', 'hall_clerk'],
      ['imp.two', '导入二', 'I002', '12345', 'CS-HALL-E', 'hall_clerk'],
      ['cashier', '重名', 'I003', null, null, null],
      ['IMP.ONE', '重复', 'I004', null, null, null],
      ['imp.four', '导入四', 'I005', null, 'NOPE', 'hall_clerk,nobody'],
      ['imp.three', '导入三', null, null, null, 'meter_reader, safety_inspector'],
    ]);
    const before = await countUsers();
    const all = await upload(admin, file, 'all');
    expect(all.statusCode, all.body).toBe(422);
    const body = all.json();
    expect(body.code).toBe('IMPORT_REJECTED_ROWS');
    expect(body.message).toContain('未导入任何数据');
    expect(body.details).toMatchObject({ accepted: 2, rejectedRows: 4, imported: 0 });
    expect(await countUsers()).toBe(before);
    const reasons = body.details.rejected.map((r: { row: number; field: string }) => `${r.row}:${r.field}`);
    expect(reasons).toEqual(['3:phone', '4:username', '5:username', '6:orgUnitCode', '6:roleCodes']);
    const dup = body.details.rejected.find((r: { row: number }) => r.row === 5);
    expect(dup.message).toBe('与第 2 行重复');
    expect(body.details.rejected.find((r: { row: number }) => r.row === 4).message).toBe('用户名「cashier」已被使用');

    const file2 = await t.call('GET', `/api/imports/results/${body.details.rejectedFileId}`, { cookie: admin });
    expect(file2.statusCode).toBe(200);
    const rejected = await rowsOf(file2.rawPayload);
    expect(rejected[0]).toEqual([
      '行号',
      '用户名',
      '姓名',
      '工号',
      '手机号',
      '邮箱',
      '所属机构编码',
      '角色编码',
      '原因',
    ]);
    expect(rejected.slice(1).map((r) => r[0])).toEqual([3, 4, 5, 6]);
    expect(rejected[1]![8]).toMatch(/^手机号：/);
    expect(rejected[4]![8]).toBe('所属机构编码：找不到机构编码「NOPE」；角色编码：找不到角色编码「nobody」');
    // Only who uploaded it gets the rejected rows back.
    const other = await t.call('GET', `/api/imports/results/${body.details.rejectedFileId}`, { cookie: auditor });
    expect(other.statusCode).toBe(404);

    const valid = await upload(admin, file, 'valid');
    expect(valid.statusCode, valid.body).toBe(200);
    expect(valid.json()).toMatchObject({ accepted: 2, rejectedRows: 4, imported: 2 });
    expect(await countUsers()).toBe(before + 2);
    const passwords = valid.json().shownOnce;
    expect(passwords.map((p: { label: string }) => p.label)).toEqual(['imp.one', 'imp.three']);
    // Each new account comes with its opening notice to print, the password written in by hand.
    const one = (await t.call('GET', '/api/users?q=imp.one', { cookie: admin })).json().items[0];
    expect(passwords[0].notice).toEqual({ code: 'accountOpening', subjectId: one.id });
    const three = (await t.call('GET', '/api/users?q=imp.three', { cookie: admin })).json().items[0];
    expect(three).toMatchObject({ fullName: '导入三', mustChangePassword: true });
    expect(three.roles.map((r: { code: string }) => r.code).sort()).toEqual(['meter_reader', 'safety_inspector']);
    const login = await t.call('POST', '/api/auth/login', {
      body: { username: 'imp.one', password: passwords[0].secret },
    });
    expect(login.json().user).toMatchObject({ username: 'imp.one', mustChangePassword: true });
    const audit = (await t.call('GET', '/api/audit-entries?action=import.run', { cookie: admin })).json();
    expect(audit.items[0].after).toMatchObject({ mode: 'valid', imported: 2, rejectedRows: 4 });
    expect(JSON.stringify(audit.items)).not.toContain(passwords[0].secret);
  });

  it('ORG-3 an imported row with a conflicting role pair is rejected naming both roles', async () => {
    const file = await xlsxOf([
      ['User name', 'Full name', 'Role codes'],
      ['imp.conflict', '兼任', 'cashier，adjustment_approver'],
      ['imp.fine', '正常', 'cashier'],
    ]);
    const res = await upload(admin, file, 'check');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, rejectedRows: 1, imported: 0 });
    expect(res.json().rejected).toEqual([
      {
        row: 2,
        field: 'roleCodes',
        column: '角色编码',
        message: '角色「收费员」与「退补审批人」岗位职责互斥，不能授予同一账号',
      },
    ]);
    expect((await t.call('GET', '/api/users?q=imp.fine', { cookie: admin })).json().total).toBe(0);
  });

  it('SPR cells are values: a formula counts as its saved result, never evaluated', async () => {
    const file = await xlsxOf([
      STAFF_HEADER,
      [{ formula: 'LOWER("IMP.FORMULA")', result: 'imp.formula' }, '公式', null, 13900000009, null, null],
      [{ formula: 'A2&"x"' } as ExcelJS.CellValue, '无结果', null, null, null, null],
    ]);
    const res = await upload(admin, file, 'check');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, rejectedRows: 1 });
    expect(res.json().rejected[0]).toMatchObject({
      row: 3,
      field: 'username',
      message: expect.stringContaining('公式'),
    });
  });

  it('SPR garbage, oversized, over-long and mistyped uploads are refused with a 4xx, never a 500', async () => {
    const garbage = await upload(admin, randomBytes(4096), 'all');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().code).toBe('IMPORT_UNREADABLE');
    const notXlsx = await upload(admin, Buffer.from('用户名,姓名\nx,y\n'), 'all');
    expect(notXlsx.statusCode).toBe(400);
    const bomb = await upload(admin, zipOf(Buffer.alloc(64 * 2 ** 20)), 'all');
    expect(bomb.statusCode).toBe(413);
    const big = await upload(admin, randomBytes(11 * 2 ** 20), 'all');
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('IMPORT_FILE_TOO_LARGE');
    const json = await t.call('POST', '/api/imports/users?mode=all', { cookie: admin, body: { rows: [] } });
    expect(json.statusCode).toBe(415);
    const noColumns = await upload(admin, await xlsxOf([['姓名'], ['张三']]), 'all');
    expect(noColumns.json()).toMatchObject({
      code: 'IMPORT_MISSING_COLUMNS',
      message: expect.stringContaining('用户名'),
    });
    const empty = await upload(admin, await xlsxOf([STAFF_HEADER]), 'all');
    expect(empty.json().code).toBe('IMPORT_EMPTY');
    const many = await xlsxOf([STAFF_HEADER, ...Array.from({ length: 20_001 }, (_, i) => [`bulk.${i}`, '批量'])]);
    const tooMany = await upload(admin, many, 'check');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('IMPORT_TOO_MANY_ROWS');
    expect((await upload(clerk, await xlsxOf([STAFF_HEADER]), 'all')).statusCode).toBe(403);
  });
});

import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../src/db/types.js';
import { approvalKind } from '../src/platform/approvals/registry.js';
import type { Actor } from '../src/platform/context.js';
import { enqueueTask } from '../src/platform/jobs/registry.js';
import { shanghaiTime } from '../src/platform/spreadsheets/format.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function rowsOf(file: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

/** Every console list exports with its own filters, permission and company (the users and audit exports: spreadsheets.test.ts). */
describe.each(dbKinds)('list exports on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let adminB: string;
  let auditor: string;
  let clerk: string;
  const idOf: Record<string, string> = {};

  /** Downloads an export and reads it back: the header row, then the data rows. */
  const download = async (cookie: string, name: string, query = '', lang?: string) => {
    const res = await t.call('GET', `/api/exports/${name}${query ? `?${query}` : ''}`, { cookie, lang });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const rows = await rowsOf(res.rawPayload);
    return { header: rows[0]!, body: rows.slice(1), rows: Number(res.headers['x-export-rows']) };
  };
  const list = async (cookie: string, url: string) => {
    const res = await t.call('GET', url, { cookie });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json();
  };
  const column = (body: unknown[][], i: number) => body.map((r) => (r[i] === undefined ? null : r[i]));

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
        reason: '核对短信发送情况',
        payload: { exportName, filters },
        requestedBy: idOf[requester]!,
      }),
    );
    return result!.grantId as string;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('system.admin');
    adminB = await t.login('b.system.admin');
    auditor = await t.login('auditor');
    clerk = await t.login('hall.clerk');
    const users = await t.db.query<{ id: string; username: string }>('SELECT id, username FROM users');
    for (const u of users.rows) idOf[u.username] = u.id;

    // Approval requests in both companies.
    const clerkB = await t.login('b.hall.clerk');
    for (const [cookie, who] of [
      [clerk, 'a1'],
      [clerk, 'a2'],
      [clerk, 'a3'],
      [clerkB, 'b1'],
    ] as const) {
      const roles = (await list(cookie, '/api/roles')).items as { id: string; code: string }[];
      const filed = await t.call('POST', '/api/approvals', {
        cookie,
        body: {
          kind: 'accountRequest',
          subjectType: 'user',
          reason: `入职 ${who}`,
          payload: {
            fullName: `新人${who}`,
            username: `new.${who}`,
            roleIds: [roles.find((r) => r.code === 'meter_reader')!.id],
          },
        },
      });
      expect(filed.statusCode, filed.body).toBe(201);
    }

    // Messages in both companies, one with a verification code.
    const send = async (cookie: string, body: Record<string, unknown>) => {
      const res = await t.call('POST', '/api/notify/messages', { cookie, body });
      expect(res.statusCode, res.body).toBe(201);
    };
    await send(admin, {
      templateCode: 'verificationCode',
      recipient: '13900000011',
      variables: { code: '654321', minutes: 5 },
    });
    await send(admin, {
      templateCode: 'verificationCode',
      recipient: '13900000011',
      variables: { code: '778899', minutes: 5 },
    });
    await send(admin, {
      templateCode: 'verificationCode',
      recipient: '13900000012',
      variables: { code: '112233', minutes: 5 },
    });
    await send(adminB, {
      templateCode: 'verificationCode',
      recipient: '13900000011',
      variables: { code: '445566', minutes: 5 },
    });

    // Background tasks in both companies.
    await t.db.tx(async (tx) => {
      await enqueueTask(tx, { companyId: t.companyA, kind: 'test.export', payload: null });
      await enqueueTask(tx, { companyId: t.companyA, kind: 'test.export', payload: null });
      await enqueueTask(tx, { companyId: t.companyB, kind: 'test.export', payload: null });
    });

    // Accounts overdue for disabling in both companies.
    for (const [cookie, username] of [
      [admin, 'cashier'],
      [admin, 'meter.reader'],
      [adminB, 'b.cashier'],
    ] as const) {
      const patched = await t.call('PATCH', `/api/users/${idOf[username]}`, {
        cookie,
        body: { leaveDate: '2026-03-02', leaveKind: username === 'meter.reader' ? 'transfer' : 'departure' },
      });
      expect(patched.statusCode, patched.body).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('SPR every console list offers an export to whoever may read it', async () => {
    const names = (await list(admin, '/api/exports')).items.map((e: { name: string }) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'approvals',
        'notifyMessages',
        'jobRuns',
        'backgroundTasks',
        'overdueAccounts',
        'roles',
        'roleConflicts',
        'policy',
        'calendarDays',
      ]),
    );
    const mine = (await list(clerk, '/api/exports')).items.map((e: { name: string }) => e.name);
    expect(mine).toContain('notifyMessages');
    expect(mine).not.toContain('approvals');
    expect(mine).not.toContain('jobRuns');
  });

  it('BIL-4 the approvals register exports with its filters, only the caller’s company', async () => {
    const { header, body, rows } = await download(admin, 'approvals', 'kind=accountRequest&status=pending');
    expect(header).toEqual(['单号', '类型', '摘要', '金额', '状态', '申请人', '当前环节', '提交时间', '完成时间']);
    const api = await list(admin, '/api/approvals?kind=accountRequest&status=pending&pageSize=200');
    expect(api.total).toBe(3);
    expect(rows).toBe(api.total);
    expect(column(body, 0)).toEqual(api.items.map((r: { no: string }) => r.no));
    expect(column(body, 4)).toEqual(['审批中', '审批中', '审批中']);
    expect(column(body, 5)).toEqual(
      api.items.map((r: { requestedBy: { fullName: string } }) => r.requestedBy.fullName),
    );
    expect(column(body, 7)).toEqual(api.items.map((r: { createdAt: string }) => shanghaiTime(r.createdAt)));
    // The list's own order: oldest first when asked.
    const asc = await download(admin, 'approvals', 'kind=accountRequest&order=asc');
    expect(column(asc.body, 0)).toEqual([...column(body, 0)].reverse());
    const q = await download(admin, 'approvals', `q=${encodeURIComponent(api.items[1].no)}`);
    expect(column(q.body, 0)).toEqual([api.items[1].no]);
    // Company B's request is B's alone.
    const b = await list(adminB, '/api/approvals?kind=accountRequest');
    expect(b.total).toBe(1);
    const all = await download(admin, 'approvals');
    expect(column(all.body, 0)).not.toContain(b.items[0].no);
    expect(column(all.body, 0)).toHaveLength((await list(admin, '/api/approvals?pageSize=200')).total);

    const denied = await t.call('GET', '/api/exports/approvals', { cookie: clerk });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'FORBIDDEN', details: { permission: ['approvals.register'] } });
    const bad = await t.call('GET', '/api/exports/approvals?status=gone', { cookie: admin });
    expect(bad.statusCode).toBe(400);
  });

  it('IAM-5 the messages hold phone numbers: their export needs an approved request, codes stay masked', async () => {
    const refused = await t.call('GET', '/api/exports/notifyMessages?recipient=13900000011', { cookie: admin });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'EXPORT_APPROVAL_REQUIRED',
      details: { exportName: 'notifyMessages', filters: { recipient: '13900000011', order: 'desc' } },
    });
    expect((await t.call('GET', '/api/exports/notifyMessages', { cookie: auditor })).json()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: ['notify.read'] },
    });

    const grantId = await grant('system.admin', 'notifyMessages', { recipient: '13900000011' });
    const { header, body, rows } = await download(admin, 'notifyMessages', `recipient=13900000011&grantId=${grantId}`);
    expect(header.slice(0, 8)).toEqual([
      '创建时间',
      '消息类型',
      '渠道',
      '接收号码',
      '客户/户号',
      '状态',
      '发送次数',
      '内容',
    ]);
    const api = await list(admin, '/api/notify/messages?recipient=13900000011&pageSize=200');
    expect(api.total).toBe(2);
    expect(rows).toBe(2);
    expect(column(body, 3)).toEqual(['13900000011', '13900000011']);
    expect(column(body, 7)).toEqual(api.items.map((m: { rendered: string }) => m.rendered));
    expect(column(body, 0)).toEqual(api.items.map((m: { createdAt: string }) => shanghaiTime(m.createdAt)));
    // Masked exactly as the list shows it; B's message to the same number is not A's.
    const text = JSON.stringify(body);
    expect(text).toContain('******');
    for (const code of ['654321', '778899', '445566']) expect(text).not.toContain(code);

    const again = await t.call('GET', `/api/exports/notifyMessages?recipient=13900000011&grantId=${grantId}`, {
      cookie: admin,
    });
    expect(again.json().code).toBe('EXPORT_GRANT_USED');
  });

  it('SVC job runs and background tasks export with their filters; tasks only the caller’s company', async () => {
    for (let i = 0; i < 2; i++) {
      const ran = await t.call('POST', '/api/jobs/spreadsheets.purgeImportResults/run', { cookie: admin });
      expect(ran.statusCode, ran.body).toBe(200);
    }
    const runs = await download(admin, 'jobRuns', 'job=spreadsheets.purgeImportResults');
    expect(runs.header).toEqual([
      '名称',
      '时段',
      '状态',
      '尝试次数',
      '执行者',
      '开始时间',
      '结束时间',
      '结果',
      '错误信息',
    ]);
    // Runs of scheduled jobs are the platform's, not a company's: the list and its export show the same.
    const apiRuns = await list(admin, '/api/jobs/runs?job=spreadsheets.purgeImportResults&pageSize=200');
    expect(apiRuns.total).toBe(2);
    expect(runs.rows).toBe(apiRuns.total);
    expect(column(runs.body, 0)).toEqual(apiRuns.items.map((r: { jobName: string }) => r.jobName));
    expect(column(runs.body, 5)).toEqual(apiRuns.items.map((r: { startedAt: string }) => shanghaiTime(r.startedAt)));
    expect(column(runs.body, 2)).toEqual(['成功', '成功']);
    expect(column(runs.body, 7)).toEqual(apiRuns.items.map((r: { result: unknown }) => JSON.stringify(r.result)));

    const tasks = await download(admin, 'backgroundTasks', 'kind=test.export');
    expect(tasks.header[0]).toBe('任务类型');
    const apiTasks = await list(admin, '/api/jobs/tasks?kind=test.export&pageSize=200');
    expect(apiTasks.total).toBe(2);
    expect(tasks.rows).toBe(2);
    expect(column(tasks.body, 7)).toEqual(apiTasks.items.map((x: { id: string }) => x.id));
    const ofB = (await list(adminB, '/api/jobs/tasks?kind=test.export')).items.map((x: { id: string }) => x.id);
    expect(ofB).toHaveLength(1);
    expect(column(tasks.body, 7)).not.toContain(ofB[0]);
    const queued = await download(admin, 'backgroundTasks', 'status=queued');
    expect(queued.rows).toBe((await list(admin, '/api/jobs/tasks?status=queued&pageSize=200')).total);
    expect(new Set(column(queued.body, 1))).toEqual(new Set(['排队中']));

    for (const name of ['jobRuns', 'backgroundTasks']) {
      const denied = await t.call('GET', `/api/exports/${name}`, { cookie: clerk });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().details.permission).toEqual(['platform.jobs.read']);
    }
  });

  it('IAM-3 the accounts overdue for disabling export as listed, only the caller’s company', async () => {
    const { header, body } = await download(admin, 'overdueAccounts');
    expect(header.slice(0, 2)).toEqual(['用户名', '姓名']);
    expect(header).not.toContain('手机号');
    const api = (await list(admin, '/api/users/overdue-deprovisioning')).items;
    expect(api).toHaveLength(2);
    expect(column(body, 0)).toEqual(api.map((x: { user: { username: string } }) => x.user.username));
    expect(column(body, 0).sort()).toEqual(['cashier', 'meter.reader']);
    expect(column(body, 6)).toEqual(api.map((x: { dueDate: string }) => x.dueDate));
    expect(column(body, 7)).toEqual(api.map((x: { overdueWorkingDays: number }) => x.overdueWorkingDays));
    const ofB = await download(adminB, 'overdueAccounts');
    expect(column(ofB.body, 0)).toEqual(['b.cashier']);

    const denied = await t.call('GET', '/api/exports/overdueAccounts', { cookie: clerk });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().details.permission).toEqual(['iam.user.read']);
  });

  it('ORG-3 roles with their permissions and the duty-conflict table export, only the caller’s company', async () => {
    await t.db.query(`UPDATE roles SET description = '乙公司专用说明' WHERE company_id = $1 AND code = 'archivist'`, [
      t.companyB,
    ]);
    const roles = await download(auditor, 'roles');
    expect(roles.header).toEqual(['代码', '名称', '说明', '用户数', '权限数', '权限', '权限编码']);
    const api = (await list(auditor, '/api/roles')).items;
    expect(roles.rows).toBe(api.length);
    expect(column(roles.body, 0)).toEqual(api.map((r: { code: string }) => r.code));
    expect(column(roles.body, 6)).toEqual(
      api.map((r: { permissions: string[] }) => (r.permissions.length ? r.permissions.join(',') : null)),
    );
    expect(JSON.stringify(roles.body)).not.toContain('乙公司专用说明');
    const admins = roles.body.find((r) => r[0] === 'system_admin')!;
    expect(String(admins[5])).toContain('查看账号');
    const en = await download(auditor, 'roles', '', 'en');
    expect(en.header[0]).toBe('Code');
    expect(String(en.body.find((r) => r[0] === 'system_admin')![5])).toContain('View accounts');

    const roleIdsB = (await list(adminB, '/api/roles')).items as { id: string; code: string }[];
    const added = await t.call('POST', '/api/role-conflicts', {
      cookie: adminB,
      body: {
        roleAId: roleIdsB.find((r) => r.code === 'archivist')!.id,
        roleBId: roleIdsB.find((r) => r.code === 'installer')!.id,
        reason: '乙公司的互斥',
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    const conflicts = await download(auditor, 'roleConflicts');
    expect(conflicts.header).toEqual(['角色A', '角色A代码', '角色B', '角色B代码', '原因']);
    const apiConflicts = (await list(auditor, '/api/role-conflicts')).items;
    expect(apiConflicts.length).toBeGreaterThan(0);
    expect(conflicts.rows).toBe(apiConflicts.length);
    expect(column(conflicts.body, 1)).toEqual(apiConflicts.map((c: { roleA: { code: string } }) => c.roleA.code));
    expect(column(conflicts.body, 3)).toEqual(apiConflicts.map((c: { roleB: { code: string } }) => c.roleB.code));
    expect(JSON.stringify(conflicts.body)).not.toContain('乙公司的互斥');
    expect(JSON.stringify((await download(adminB, 'roleConflicts')).body)).toContain('乙公司的互斥');

    // Every demo role may read roles: take it away from the hall clerk's to see the export refused.
    await t.db.query(
      `DELETE FROM role_permissions WHERE company_id = $1 AND permission_code = 'iam.role.read'
          AND role_id IN (SELECT id FROM roles WHERE company_id = $1 AND code = 'hall_clerk')`,
      [t.companyA],
    );
    expect((await t.call('GET', '/api/roles', { cookie: clerk })).statusCode).toBe(403);
    for (const name of ['roles', 'roleConflicts']) {
      const denied = await t.call('GET', `/api/exports/${name}`, { cookie: clerk });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().details.permission).toEqual(['iam.role.read']);
    }
  });

  it('SET the policy in force on a date exports setting by setting, tables as JSON, only the caller’s company', async () => {
    await t.db.query(
      `INSERT INTO policy_values (company_id, key, effective_from, value, version)
       VALUES ($1, 'iam.deprovisionWorkingDays', '2026-01-01', $2::jsonb, 1)`,
      [t.companyB, '7'],
    );
    const { header, body, rows } = await download(admin, 'policy', 'asOf=2026-06-01');
    expect(header).toEqual(['规则', '参数键', '参数', '单位', '当前值', '生效日期', '版本']);
    const api = await list(admin, '/api/policy?asOf=2026-06-01');
    expect(rows).toBe(api.items.length);
    expect(column(body, 1)).toEqual(api.items.map((p: { key: string }) => p.key));
    const days = body.find((r) => r[1] === 'iam.deprovisionWorkingDays')!;
    const apiDays = api.items.find((p: { key: string }) => p.key === 'iam.deprovisionWorkingDays');
    expect(days[4]).toBe(apiDays.value);
    expect(apiDays.value).not.toBe(7);
    const chains = body.find((r) => r[1] === 'approvals.chains')!;
    const apiChains = api.items.find((p: { key: string }) => p.key === 'approvals.chains');
    expect(JSON.parse(String(chains[4]))).toEqual(apiChains.value);
    expect(column(body, 6)).toEqual(api.items.map((p: { version: number }) => p.version));
    const ofB = await download(adminB, 'policy', 'asOf=2026-06-01');
    expect(ofB.body.find((r) => r[1] === 'iam.deprovisionWorkingDays')!.slice(4)).toEqual([7, '2026-01-01', 1]);
    // Before B's change took effect, B's export has the default too.
    const earlier = await download(adminB, 'policy', 'asOf=2025-12-31');
    expect(earlier.body.find((r) => r[1] === 'iam.deprovisionWorkingDays')![4]).toBe(apiDays.value);

    expect((await t.call('GET', '/api/exports/policy?asOf=2026-13-01', { cookie: admin })).statusCode).toBe(400);
    const denied = await t.call('GET', '/api/exports/policy', { cookie: clerk });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().details.permission).toEqual(['policy.read']);
  });

  it('SVC-6 a year of the working calendar exports its holidays and the company’s closures', async () => {
    for (const [cookie, date, reason] of [
      [admin, '2026-03-10', '营业系统切换'],
      [adminB, '2026-03-11', '乙公司停业'],
    ] as const) {
      const res = await t.call('POST', '/api/calendar/closures', { cookie, body: { date, reason } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const { header, body, rows } = await download(admin, 'calendarDays', 'year=2026');
    expect(header).toEqual(['日期', '星期', '类型', '名称/事由', '是否上班', '修改时间']);
    const api = await list(admin, '/api/calendar/days?year=2026');
    expect(api.days.length).toBeGreaterThan(10);
    expect(rows).toBe(api.days.length + api.closures.length);
    const dates = [...api.days, ...api.closures].map((d: { date: string }) => d.date).sort();
    expect(column(body, 0)).toEqual(dates);
    expect(body.find((r) => r[0] === '2026-03-10')).toEqual([
      '2026-03-10',
      '星期二',
      '本公司停业',
      '营业系统切换',
      '否',
      expect.any(String),
    ]);
    expect(body.find((r) => r[0] === '2026-01-01')!.slice(2, 5)).toEqual(['法定节假日', '元旦', '否']);
    expect(column(body, 0)).not.toContain('2026-03-11');
    const workdays = body.filter((r) => r[2] === '调休上班');
    expect(workdays.length).toBeGreaterThan(0);
    expect(new Set(workdays.map((r) => r[4]))).toEqual(new Set(['是']));

    expect((await t.call('GET', '/api/exports/calendarDays', { cookie: admin })).statusCode).toBe(400);
    const denied = await t.call('GET', '/api/exports/calendarDays?year=2026', { cookie: clerk });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().details.permission).toEqual(['calendar.read']);
  });

  it('IAM-5 each download of a list without personal data is recorded all the same', async () => {
    const audit = await list(admin, '/api/audit-entries?action=export.download&pageSize=200');
    const names = audit.items.map((e: { after: { exportName: string } }) => e.after.exportName);
    expect(names).toEqual(expect.arrayContaining(['approvals', 'jobRuns', 'policy', 'calendarDays']));
    const policy = audit.items.find((e: { after: { exportName: string } }) => e.after.exportName === 'policy');
    expect(policy.after).toMatchObject({ grantId: null, filters: { asOf: '2026-06-01' } });
  });
});

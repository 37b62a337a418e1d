import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Tx } from '../src/db/types.js';
import { computeChain } from '../src/platform/approvals/chain.js';
import { type DecidedRequest, registerApprovalKind } from '../src/platform/approvals/registry.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { policyValue } from '../src/platform/policy/policy.js';
import { createTestApp, roleIdsOf, type TestApp } from './app.js';
import { dbKinds } from './db.js';

// The billing module will own late-fee waivers; here a stand-in records what was approved, and
// what was rejected or withdrawn with the request's status as its hook's transaction sees it.
const waived: string[] = [];
const settled: { action: string; id: string; seen: string | undefined }[] = [];
let failSettling = false;
const settle = (action: string) => async (tx: Tx, _actor: unknown, request: DecidedRequest) => {
  const { rows } = await tx.query<{ status: string }>('SELECT status FROM approval_requests WHERE id = $1', [
    request.id,
  ]);
  settled.push({ action, id: request.id, seen: rows[0]?.status });
  if (failSettling) throw new Error('the owning module failed');
};
registerApprovalKind({
  kind: 'lateFeeWaiver',
  name: { zh: '违约金减免', en: 'Late-fee waiver' },
  requestPermission: 'approvals.read',
  payload: z.object({ accountNo: z.string() }),
  async onApproved(_tx, _actor, request) {
    waived.push(request.amount!);
    return { waived: request.amount };
  },
  onRejected: settle('rejected'),
  onWithdrawn: settle('withdrawn'),
});

describe.each(dbKinds)('approvals engine on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let role: (code: string) => string;
  const cookies: Record<string, string> = {};
  const as = async (username: string) => {
    cookies[username] ??= await t.login(username);
    return cookies[username]!;
  };
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await as('system.admin');
    role = await roleIdsOf(t, admin);
  });
  afterAll(() => t.close());

  const file = async (username: string, amount: string, accountNo = '1001') =>
    t.call('POST', '/api/approvals', {
      cookie: await as(username),
      body: {
        kind: 'lateFeeWaiver',
        subjectType: 'account',
        subjectId: accountNo,
        amount,
        reason: '表具故障',
        payload: { accountNo },
      },
    });
  const approve = async (username: string, id: string, comment?: string) =>
    t.call('POST', `/api/approvals/${id}/approve`, { cookie: await as(username), body: { comment } });

  it('BIL-4 tiers route by amount: 50, 51, 100, 101, 300, 301, 500, 501', async () => {
    const expected: Record<string, string[]> = {
      '50': ['team_leader'],
      '51': ['team_leader', 'centre_supervisor'],
      '100': ['team_leader', 'centre_supervisor'],
      '101': ['team_leader', 'centre_supervisor', 'department_manager'],
      '300': ['team_leader', 'centre_supervisor', 'department_manager'],
      '301': ['team_leader', 'centre_supervisor', 'department_manager', 'deputy_general_manager', 'finance_director'],
      '500': ['team_leader', 'centre_supervisor', 'department_manager', 'deputy_general_manager', 'finance_director'],
      '501': [
        'team_leader',
        'centre_supervisor',
        'department_manager',
        'deputy_general_manager',
        'finance_director',
        'general_manager',
      ],
    };
    for (const [amount, roles] of Object.entries(expected)) {
      const chain = await computeChain(t.db, t.companyA, 'lateFeeWaiver', amount, businessToday());
      expect(
        chain.map((s) => s.roles.at(-1)),
        `amount ${amount}`,
      ).toEqual(roles.map((r) => (r === 'team_leader' ? 'centre_director' : r)));
      const preview = await t.call('GET', `/api/approvals/chain-preview?kind=lateFeeWaiver&amount=${amount}`, {
        cookie: admin,
      });
      expect(preview.json().steps).toHaveLength(roles.length);
    }
    // The first level is the team leader or the hall director.
    expect((await computeChain(t.db, t.companyA, 'lateFeeWaiver', '50', businessToday()))[0]!.roles).toEqual([
      'team_leader',
      'centre_director',
    ]);
    expect(
      (await t.call('GET', '/api/approvals/chain-preview?kind=lateFeeWaiver', { cookie: admin })).json().code,
    ).toBe('AMOUNT_REQUIRED');
  });

  it('a kind the company’s chains do not name yet (added by an upgrade) follows the catalogue’s default chain', async () => {
    // Company B set its chains before the kind existed: its stored value lacks customerDataChange.
    const { rows } = await t.db.query<{ value: Record<string, unknown> }>(
      `SELECT value FROM policy_values WHERE company_id = $1 AND key = 'approvals.chains'
        ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [t.companyB],
    );
    const { customerDataChange: _dropped, ...older } = rows[0]!.value;
    await t.db.query(
      `INSERT INTO policy_values (company_id, key, effective_from, version, value)
       VALUES ($1, 'approvals.chains', $2, 99, $3)`,
      [t.companyB, businessToday(), JSON.stringify(older)],
    );
    const stored = await policyValue(t.db, t.companyB, 'approvals.chains', businessToday());
    expect(stored.customerDataChange).toBeUndefined();
    const chain = await computeChain(t.db, t.companyB, 'customerDataChange', null, businessToday());
    expect(chain.length).toBeGreaterThan(0);
    await expect(computeChain(t.db, t.companyB, 'noSuchKind', null, businessToday())).rejects.toMatchObject({
      code: 'NO_CHAIN',
    });
  });

  it('BIL-4 each level signs in order, and on final approval the owning module acts once', async () => {
    const res = await file('hall.clerk', '301.00');
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ status: 'pending', currentStep: 1, amount: '301.00' });
    // Not yet the department manager's turn.
    const early = await approve('department.manager', id);
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('NOT_YOUR_STEP');
    expect(early.json().message).toContain('班长或营业厅主任');
    for (const [i, who] of [
      'team.leader',
      'centre.supervisor',
      'department.manager',
      'deputy.general.manager',
    ].entries()) {
      const r = await approve(who, id, `第${i + 1}级同意`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ request: { status: 'pending', currentStep: i + 2 }, outcome: null });
    }
    const before = waived.length;
    const last = await approve('finance.director', id);
    expect(last.json()).toMatchObject({
      request: { status: 'approved', currentStep: null },
      outcome: { waived: '301.00' },
    });
    expect(waived.length).toBe(before + 1);
    const detail = (await t.call('GET', `/api/approvals/${id}`, { cookie: await as('hall.clerk') })).json();
    expect(detail.steps.map((s: { status: string }) => s.status)).toEqual(Array(5).fill('approved'));
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'submitted',
      'approved',
      'approved',
      'approved',
      'approved',
      'approved',
      'completed',
    ]);
    expect((await approve('general.manager', id)).json().code).toBe('WRONG_STATE');
  });

  it('four eyes: the requester can never approve their own request, whatever roles they hold', async () => {
    const res = await file('team.leader', '20');
    const own = await approve('team.leader', res.json().id);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'SELF_APPROVAL', message: '申请人不能审批自己提交的申请' });
    const detail = (await t.call('GET', `/api/approvals/${res.json().id}`, { cookie: await as('team.leader') })).json();
    expect(detail).toMatchObject({ canApprove: false, canWithdraw: true });
    const inbox = (await t.call('GET', '/api/approvals/inbox', { cookie: await as('team.leader') })).json().items;
    expect(inbox.map((r: { id: string }) => r.id)).not.toContain(res.json().id);
  });

  it('ORG-3 for approvers: one person signs one step only', async () => {
    // A person who holds both the first and the second level.
    const created = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'two.hats', fullName: '双岗', roleIds: [role('team_leader'), role('centre_supervisor')] },
    });
    const cookie = await t.login('two.hats', created.json().initialPassword);
    await t.call('POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: created.json().initialPassword, newPassword: 'Two-hats-2026' },
    });
    cookies['two.hats'] = cookie;
    const id = (await file('hall.clerk', '80')).json().id;
    expect((await approve('two.hats', id)).statusCode).toBe(200);
    const second = await approve('two.hats', id);
    expect(second.statusCode).toBe(403);
    expect(second.json().code).toBe('SAME_APPROVER');
    expect((await approve('centre.supervisor', id)).json().request.status).toBe('approved');
  });

  it('a rejection needs a comment and ends the request; a withdrawal is the requester’s alone', async () => {
    const id = (await file('hall.clerk', '45')).json().id;
    const noComment = await t.call('POST', `/api/approvals/${id}/reject`, {
      cookie: await as('team.leader'),
      body: {},
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().details.fields[0].path).toBe('comment');
    const rejected = await t.call('POST', `/api/approvals/${id}/reject`, {
      cookie: await as('team.leader'),
      body: { comment: '资料不全' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const id2 = (await file('hall.clerk', '45')).json().id;
    const notMine = await t.call('POST', `/api/approvals/${id2}/withdraw`, {
      cookie: await as('team.leader'),
      body: {},
    });
    expect(notMine.json().code).toBe('NOT_REQUESTER');
    const withdrawn = await t.call('POST', `/api/approvals/${id2}/withdraw`, {
      cookie: await as('hall.clerk'),
      body: {},
    });
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await approve('team.leader', id2)).json().code).toBe('WRONG_STATE');
  });

  it('the register and the monthly report need their permission; the report exports to XLSX', async () => {
    expect((await t.call('GET', '/api/approvals', { cookie: await as('hall.clerk') })).statusCode).toBe(403);
    const register = (
      await t.call('GET', '/api/approvals?kind=lateFeeWaiver&pageSize=100', { cookie: await as('auditor') })
    ).json();
    expect(register.total).toBeGreaterThanOrEqual(5);
    const year = Number(businessToday().slice(0, 4));
    const report = (
      await t.call('GET', `/api/approvals/report?year=${year}&kind=lateFeeWaiver`, { cookie: await as('auditor') })
    ).json();
    const sum = (k: string) => report.items.reduce((n: number, r: Record<string, number>) => n + r[k]!, 0);
    expect(sum('submitted')).toBe(register.total);
    expect(sum('approved')).toBe(2);
    expect(sum('rejected')).toBe(1);
    expect(sum('withdrawn')).toBe(1);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/approvals/report.xlsx?year=${year}`,
      headers: { cookie: await as('auditor') },
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('月份');
    expect(ws.getRow(2).getCell(2).value).toBe('违约金减免');
  });

  it('attachments: the requester attaches a PDF; other types are refused', async () => {
    const id = (await file('hall.clerk', '10')).json().id;
    const upload = (contentType: string, payload: Buffer) =>
      as('hall.clerk').then((cookie) =>
        t.app.inject({
          method: 'POST',
          url: `/api/approvals/${id}/attachments?fileName=${encodeURIComponent('证明.pdf')}`,
          headers: { cookie, 'content-type': contentType },
          payload,
        }),
      );
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const ok = await upload('application/pdf', pdf);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ fileName: '证明.pdf', size: pdf.length });
    const text = await upload('text/plain', Buffer.from('hello'));
    expect(text.statusCode).toBe(415);
    const back = await t.app.inject({
      method: 'GET',
      url: `/api/approvals/${id}/attachments/${ok.json().id}`,
      headers: { cookie: await as('team.leader') },
    });
    expect(back.rawPayload.equals(pdf)).toBe(true);
  });

  it('policy: a change takes effect only when approved, from its date, as a new version', async () => {
    const today = businessToday();
    const before = await policyValue(t.db, t.companyA, 'bil.lateFeeDailyRate', today);
    expect(before).toBe('0.003');
    const bad = await t.call('POST', '/api/policy/changes', {
      cookie: admin,
      body: { key: 'bil.lateFeeDailyRate', value: 'lots', effectiveFrom: today, reason: '调整' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('value');
    const past = await t.call('POST', '/api/policy/changes', {
      cookie: admin,
      body: { key: 'bil.lateFeeDailyRate', value: '0.005', effectiveFrom: '2020-01-01', reason: '调整' },
    });
    expect(past.json().code).toBe('BACKDATED');
    const proposed = await t.call('POST', '/api/policy/changes', {
      cookie: admin,
      body: { key: 'bil.lateFeeDailyRate', value: '0.005', effectiveFrom: today, reason: '按物价局新文件调整' },
    });
    expect(proposed.statusCode).toBe(201);
    const pending = (await t.call('GET', '/api/policy', { cookie: admin }))
      .json()
      .items.find((i: { key: string }) => i.key === 'bil.lateFeeDailyRate');
    expect(pending).toMatchObject({ value: '0.003', pendingRequests: [{ value: '0.005' }] });
    expect(await policyValue(t.db, t.companyA, 'bil.lateFeeDailyRate', today)).toBe('0.003');
    const approved = await approve('general.manager', proposed.json().id);
    expect(approved.json().request.status).toBe('approved');
    expect(await policyValue(t.db, t.companyA, 'bil.lateFeeDailyRate', today)).toBe('0.005');
    expect(await policyValue(t.db, t.companyB, 'bil.lateFeeDailyRate', today)).toBe('0.003');
    const history = (await t.call('GET', '/api/policy/bil.lateFeeDailyRate/history', { cookie: admin })).json().items;
    expect(history.map((h: { value: string }) => h.value)).toEqual(['0.005', '0.003']);
    expect(history[0].requestNo).toBe(proposed.json().no);
    const audit = (await t.call('GET', '/api/audit-entries?action=policy.change', { cookie: admin })).json().items;
    expect(audit[0]).toMatchObject({ entityId: 'bil.lateFeeDailyRate', before: { value: '0.003' } });
  });

  it('IAM-1 an account request is approved by the department, then provisioned by the administrator', async () => {
    const filed = await t.call('POST', '/api/approvals', {
      cookie: await as('hall.clerk'),
      body: {
        kind: 'accountRequest',
        subjectType: 'user',
        reason: '新入职收费员',
        payload: { fullName: '孙新人', username: 'sun.new', roleIds: [role('cashier')] },
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id;
    expect(filed.json().steps.map((s: { label: string }) => s.label)).toEqual(['部门审批', '系统管理员审核开通']);
    expect((await approve('system.admin', id)).json().code).toBe('NOT_YOUR_STEP');
    expect((await approve('centre.director', id)).json().request.currentStep).toBe(2);
    const provisioned = await approve('system.admin', id);
    expect(provisioned.statusCode).toBe(200);
    expect(provisioned.json().outcome).toMatchObject({ username: 'sun.new' });
    const password = provisioned.json().outcome.initialPassword;
    const cookie = await t.login('sun.new', password);
    expect((await t.call('GET', '/api/auth/me', { cookie })).json()).toMatchObject({ mustChangePassword: true });
    // The one-time password is shown to the approver and stored nowhere.
    const audit = (await t.call('GET', `/api/audit-entries?q=sun.new&pageSize=200`, { cookie: admin })).json();
    expect(audit.total).toBeGreaterThan(0);
    expect(JSON.stringify(audit.items)).not.toContain(password);
  });

  it('IAM-1 a request for conflicting roles is refused when filed, naming both roles', async () => {
    const res = await t.call('POST', '/api/approvals', {
      cookie: await as('hall.clerk'),
      body: {
        kind: 'accountRequest',
        subjectType: 'user',
        reason: '兼岗',
        payload: { fullName: '钱兼岗', username: 'qian.both', roleIds: [role('cashier'), role('receipt_keeper')] },
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'ROLE_CONFLICT',
      message: '角色「收费员」与「票据管理员」岗位职责互斥，不能授予同一账号',
      details: { fields: [{ path: 'payload.roleIds' }] },
    });
  });

  it('IAM-1 the review refuses an account whose roles came into conflict after filing, and rolls back', async () => {
    const filed = await t.call('POST', '/api/approvals', {
      cookie: await as('hall.clerk'),
      body: {
        kind: 'accountRequest',
        subjectType: 'user',
        reason: '入职',
        payload: { fullName: '周新人', username: 'zhou.new', roleIds: [role('meter_reader'), role('archivist')] },
      },
    });
    const id = filed.json().id;
    await approve('centre.director', id);
    await t.call('POST', '/api/role-conflicts', {
      cookie: admin,
      body: { roleAId: role('meter_reader'), roleBId: role('archivist'), reason: '抄表与建档分离' },
    });
    const refused = await approve('system.admin', id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ROLE_CONFLICT');
    const detail = (await t.call('GET', `/api/approvals/${id}`, { cookie: admin })).json();
    expect(detail).toMatchObject({ status: 'pending', currentStep: 2 });
    expect((await t.call('GET', '/api/users?q=zhou.new', { cookie: admin })).json().total).toBe(0);
  });

  it('onRejected / onWithdrawn run in the transaction that records the decision, and fail it if they fail', async () => {
    const reject = async (id: string) =>
      t.call('POST', `/api/approvals/${id}/reject`, { cookie: await as('team.leader'), body: { comment: '资料不全' } });
    const withdraw = async (id: string) =>
      t.call('POST', `/api/approvals/${id}/withdraw`, { cookie: await as('hall.clerk'), body: {} });
    const detail = async (id: string) =>
      (await t.call('GET', `/api/approvals/${id}`, { cookie: await as('hall.clerk') })).json();
    const id = (await file('hall.clerk', '30')).json().id;
    const id2 = (await file('hall.clerk', '30')).json().id;

    // The owning module fails: the decision is rolled back with it, the request still pending.
    failSettling = true;
    try {
      expect((await reject(id)).statusCode).toBe(500);
      expect((await withdraw(id2)).statusCode).toBe(500);
    } finally {
      failSettling = false;
    }
    for (const r of [id, id2]) {
      expect(await detail(r)).toMatchObject({ status: 'pending', currentStep: 1 });
      expect((await detail(r)).events.map((e: { action: string }) => e.action)).toEqual(['submitted']);
    }

    // Each hook runs once per decision, after the request row is marked, in the same transaction.
    settled.length = 0;
    expect((await reject(id)).json().status).toBe('rejected');
    expect((await withdraw(id2)).json().status).toBe('withdrawn');
    expect(settled).toEqual([
      { action: 'rejected', id, seen: 'rejected' },
      { action: 'withdrawn', id: id2, seen: 'withdrawn' },
    ]);
    // An approval runs neither.
    const id3 = (await file('hall.clerk', '30')).json().id;
    expect((await approve('team.leader', id3)).json().request.status).toBe('approved');
    expect(settled).toHaveLength(2);
  });
});

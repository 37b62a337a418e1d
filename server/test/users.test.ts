import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdueDeprovisioning } from '../src/modules/iam/users-service.js';
import { createTestApp, roleIdsOf, type TestApp } from './app.js';
import { dbKinds } from './db.js';

describe.each(dbKinds)('accounts and roles on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let role: (code: string) => string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('system.admin');
    role = await roleIdsOf(t, admin);
  });
  afterAll(() => t.close());

  it('ORG-2 the rulebook roles are seeded as data with their permissions', async () => {
    const res = await t.call('GET', '/api/roles', { cookie: admin });
    const codes = res.json().items.map((r: { code: string }) => r.code);
    for (const code of [
      'hotline_agent',
      'hall_clerk',
      'cashier',
      'meter_reader',
      'safety_inspector',
      'auditor',
      'finance',
    ]) {
      expect(codes).toContain(code);
    }
    const auditor = res.json().items.find((r: { code: string }) => r.code === 'auditor');
    expect(auditor.permissions).toContain('audit.read');
    expect(auditor.userCount).toBe(1);
  });

  it('ORG-1 the company has departments, units and teams', async () => {
    const units = (await t.call('GET', '/api/org-units', { cookie: admin })).json().items;
    const cs = units.find((u: { name: string }) => u.name === '客户服务部');
    const hall = units.find((u: { name: string }) => u.name === '城东营业厅');
    const team = units.find((u: { parentId: string; kind: string }) => u.parentId === hall.id && u.kind === 'team');
    expect(cs.kind).toBe('department');
    expect(hall).toMatchObject({ kind: 'unit', parentId: cs.id, unitType: 'hall' });
    expect(team).toBeDefined();
    const bad = await t.call('POST', '/api/org-units', {
      cookie: admin,
      body: { parentId: cs.id, kind: 'team', code: 'X1', name: '错位班组' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'BAD_PARENT', details: { fields: [{ path: 'parentId' }] } });
  });

  it('ORG-3 granting a conflicting role is refused with an error naming both roles', async () => {
    const created = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'wang.cashier', fullName: '王收费', roleIds: [role('cashier')] },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id;
    const res = await t.call('PUT', `/api/users/${id}/roles`, {
      cookie: admin,
      body: { roleIds: [role('cashier'), role('adjustment_approver')] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ROLE_CONFLICT');
    expect(res.json().message).toBe('角色「收费员」与「退补审批人」岗位职责互斥，不能授予同一账号');
    expect(res.json().details.roleA.code).toBe('cashier');
    expect(res.json().details.roleB.code).toBe('adjustment_approver');
    const en = await t.call('PUT', `/api/users/${id}/roles`, {
      cookie: admin,
      lang: 'en',
      body: { roleIds: [role('cashier'), role('adjustment_approver')] },
    });
    expect(en.json().message).toContain('"Cashier" and "Adjustment approver"');
    // Nothing was half-written: the user keeps the one role.
    const user = (await t.call('GET', `/api/users/${id}`, { cookie: admin })).json();
    expect(user.roles.map((r: { code: string }) => r.code)).toEqual(['cashier']);
    // Creating a user with a conflicting pair is refused too, and no user is left behind.
    const both = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'li.both', fullName: '李兼任', roleIds: [role('system_admin'), role('cashier')] },
    });
    expect(both.statusCode).toBe(409);
    expect((await t.call('GET', '/api/users?q=li.both', { cookie: admin })).json().total).toBe(0);
  });

  it('ORG-3 the conflict table is configurable', async () => {
    const add = await t.call('POST', '/api/role-conflicts', {
      cookie: admin,
      body: { roleAId: role('meter_reader'), roleBId: role('archivist'), reason: '抄表与建档分离' },
    });
    expect(add.statusCode).toBe(201);
    const again = await t.call('POST', '/api/role-conflicts', {
      cookie: admin,
      body: { roleAId: role('archivist'), roleBId: role('meter_reader'), reason: '' },
    });
    expect(again.json().code).toBe('CONFLICT_EXISTS');
    const u = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'zhao.reader', fullName: '赵抄表', roleIds: [role('meter_reader'), role('archivist')] },
    });
    expect(u.json().code).toBe('ROLE_CONFLICT');
    expect((await t.call('DELETE', `/api/role-conflicts/${add.json().id}`, { cookie: admin })).statusCode).toBe(204);
    const ok = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'zhao.reader', fullName: '赵抄表', roleIds: [role('meter_reader'), role('archivist')] },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('IAM-2 one person one account: user names and employee numbers are unique', async () => {
    const dup = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'CASHIER', fullName: '重复', roleIds: [] },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'USERNAME_TAKEN', details: { fields: [{ path: 'username' }] } });
    const emp = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'dup.emp', fullName: '重复工号', employeeNo: 'D0001', roleIds: [] },
    });
    expect(emp.json().code).toBe('EMPLOYEE_NO_TAKEN');
  });

  it('IAM-3 accounts still active 3 working days after a recorded leave date are listed as overdue', async () => {
    const list = (await t.call('GET', '/api/users?q=meter.reader', { cookie: admin })).json().items;
    const reader = list[0];
    const patched = await t.call('PATCH', `/api/users/${reader.id}`, {
      cookie: admin,
      body: { leaveDate: '2026-03-02', leaveKind: 'departure' },
    });
    expect(patched.statusCode).toBe(200);
    // Monday 2 March + 3 working days = Thursday 5 March; on Friday 6 March it is one day overdue.
    expect(await overdueDeprovisioning(t.db, t.companyA, '2026-03-05')).toHaveLength(0);
    const overdue = await overdueDeprovisioning(t.db, t.companyA, '2026-03-06');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ dueDate: '2026-03-05', overdueWorkingDays: 1, leaveKind: 'departure' });
    const api = await t.call('GET', '/api/users/overdue-deprovisioning', { cookie: admin });
    expect(api.json().items.map((x: { user: { id: string } }) => x.user.id)).toContain(reader.id);
    await t.call('POST', `/api/users/${reader.id}/disable`, { cookie: admin, body: { reason: '离职' } });
    expect(await overdueDeprovisioning(t.db, t.companyA, '2026-03-06')).toHaveLength(0);
  });

  it('IAM lists page, sort and filter', async () => {
    const page = await t.call('GET', '/api/users?page=2&pageSize=5&sort=username&order=desc', { cookie: admin });
    expect(page.json()).toMatchObject({ page: 2, pageSize: 5 });
    expect(page.json().items).toHaveLength(5);
    const names = page.json().items.map((u: { username: string }) => u.username);
    expect([...names].sort().reverse()).toEqual(names);
    const byRole = await t.call('GET', `/api/users?roleId=${role('auditor')}`, { cookie: admin });
    expect(byRole.json().items.map((u: { username: string }) => u.username)).toEqual(['auditor']);
    const disabled = await t.call('GET', '/api/users?status=disabled', { cookie: admin });
    expect(disabled.json().items.every((u: { status: string }) => u.status === 'disabled')).toBe(true);
  });

  it('IAM an administrator cannot disable their own account', async () => {
    const me = (await t.call('GET', '/api/auth/me', { cookie: admin })).json();
    const res = await t.call('POST', `/api/users/${me.id}/disable`, { cookie: admin, body: { reason: 'x' } });
    expect(res.json().code).toBe('CANNOT_DISABLE_SELF');
  });

  it('IAM a reset password is shown once and must be changed at next login', async () => {
    const u = (await t.call('GET', '/api/users?q=finance', { cookie: admin })).json().items[0];
    const res = await t.call('POST', `/api/users/${u.id}/reset-password`, { cookie: admin });
    const cookie = await t.login('finance', res.json().initialPassword);
    expect((await t.call('GET', '/api/auth/me', { cookie })).json().mustChangePassword).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, roleIdsOf, type TestApp } from './app.js';
import { dbKinds } from './db.js';

describe.each(dbKinds)('account requests (IAM-1) on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let director: string;
  let clerk: string;
  let role: (code: string) => string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('system.admin');
    director = await t.login('centre.director');
    clerk = await t.login('hall.clerk');
    role = await roleIdsOf(t, admin);
  });
  afterAll(() => t.close());

  const request = (cookie: string, username: string, roleIds: string[]) =>
    t.call('POST', '/api/account-requests', {
      cookie,
      body: { fullName: '孙新人', username, roleIds, reason: '新入职营业厅收费员' },
    });

  it('IAM-1 request → department approval → admin review → provisioned account', async () => {
    const created = await request(clerk, 'sun.new', [role('cashier')]);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().status).toBe('submitted');
    // The administrator cannot skip the department.
    const early = await t.call('POST', `/api/account-requests/${id}/provision`, { cookie: admin });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('待部门审批');
    const approved = await t.call('POST', `/api/account-requests/${id}/approve`, { cookie: director, body: {} });
    expect(approved.json().status).toBe('department_approved');
    const provisioned = await t.call('POST', `/api/account-requests/${id}/provision`, { cookie: admin });
    expect(provisioned.statusCode).toBe(200);
    expect(provisioned.json().request.status).toBe('provisioned');
    expect(provisioned.json().user).toMatchObject({ username: 'sun.new', mustChangePassword: true });
    await t.login('sun.new', provisioned.json().initialPassword);
    const trail = await t.call('GET', `/api/audit-entries?entityType=accountRequest&entityId=${id}&order=asc`, {
      cookie: admin,
    });
    expect(trail.json().items.map((e: { action: string }) => e.action)).toEqual([
      'accountRequest.create',
      'accountRequest.approve',
      'accountRequest.provision',
    ]);
  });

  it('IAM-1 the requester can never approve or provision their own request', async () => {
    const own = await request(director, 'own.req', [role('hall_clerk')]);
    const res = await t.call('POST', `/api/account-requests/${own.json().id}/approve`, { cookie: director, body: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OWN_REQUEST');
  });

  it('IAM-1 a requester without approval rights sees only their own requests', async () => {
    const mine = (await t.call('GET', '/api/account-requests', { cookie: clerk })).json().items;
    expect(
      mine.every((r: { requestedBy: { fullName: string } }) => r.requestedBy.fullName === mine[0].requestedBy.fullName),
    ).toBe(true);
    const all = (await t.call('GET', '/api/account-requests', { cookie: admin })).json();
    expect(all.total).toBeGreaterThan(mine.length);
  });

  it('IAM-1 rejection ends the request with a comment', async () => {
    const r = await request(clerk, 'rej.req', [role('meter_reader')]);
    const rejected = await t.call('POST', `/api/account-requests/${r.json().id}/reject`, {
      cookie: director,
      body: { comment: '编制已满' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', comment: '编制已满' });
    const again = await t.call('POST', `/api/account-requests/${r.json().id}/approve`, { cookie: director, body: {} });
    expect(again.statusCode).toBe(409);
  });

  it('ORG-3 a request for conflicting roles is refused at once', async () => {
    const res = await request(clerk, 'conf.req', [role('cashier'), role('receipt_keeper')]);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('角色「收费员」与「票据管理员」岗位职责互斥，不能授予同一账号');
  });
});

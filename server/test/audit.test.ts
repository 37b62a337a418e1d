import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

describe.each(dbKinds)('audit log (IAM-6) on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('system.admin');
  });
  afterAll(() => t.close());

  it('IAM-6 a write records actor, company, time, action, entity, before and after', async () => {
    const created = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'audit.me', fullName: '审计样本', roleIds: [] },
    });
    const id = created.json().user.id;
    await t.call('PATCH', `/api/users/${id}`, { cookie: admin, body: { fullName: '审计样本二' } });
    const res = await t.call('GET', `/api/audit-entries?entityType=user&entityId=${id}&order=asc`, { cookie: admin });
    const [create, update] = res.json().items;
    const me = (await t.call('GET', '/api/auth/me', { cookie: admin })).json();
    expect(create).toMatchObject({ action: 'user.create', actorId: me.id, actorName: me.fullName, before: null });
    expect(create.after.username).toBe('audit.me');
    expect(JSON.stringify(create.after)).not.toContain('argon2');
    expect(update).toMatchObject({
      action: 'user.update',
      before: { fullName: '审计样本' },
      after: { fullName: '审计样本二' },
    });
    expect(new Date(update.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const one = await t.call('GET', `/api/audit-entries/${update.id}`, { cookie: admin });
    expect(one.json().id).toBe(update.id);
    const row = await t.db.query<{ company_id: string }>('SELECT company_id FROM audit_log WHERE id = $1', [update.id]);
    expect(row.rows[0]!.company_id).toBe(t.companyA);
  });

  it('IAM-6 the database refuses to change or delete audit entries, the application included', async () => {
    await expect(t.db.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('IAM-6 a refused write leaves no audit entry and no record', async () => {
    const before = (await t.call('GET', '/api/audit-entries?pageSize=1', { cookie: admin })).json().total;
    const roles = (await t.call('GET', '/api/roles', { cookie: admin })).json().items;
    const id = (code: string) => roles.find((r: { code: string }) => r.code === code).id;
    const res = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'half.written', fullName: '半截', roleIds: [id('system_admin'), id('auditor')] },
    });
    expect(res.statusCode).toBe(409);
    const after = (await t.call('GET', '/api/audit-entries?pageSize=1', { cookie: admin })).json().total;
    expect(after).toBe(before);
  });

  it('IAM-6 the log is searchable by action family, actor, time and text', async () => {
    const me = (await t.call('GET', '/api/auth/me', { cookie: admin })).json();
    const family = (await t.call('GET', '/api/audit-entries?action=user&pageSize=200', { cookie: admin })).json();
    expect(family.items.every((e: { action: string }) => e.action.startsWith('user.'))).toBe(true);
    const byActor = (await t.call('GET', `/api/audit-entries?actorId=${me.id}`, { cookie: admin })).json();
    expect(byActor.items.every((e: { actorId: string }) => e.actorId === me.id)).toBe(true);
    const text = (
      await t.call('GET', `/api/audit-entries?q=${encodeURIComponent('审计样本二')}`, { cookie: admin })
    ).json();
    expect(text.total).toBeGreaterThan(0);
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect((await t.call('GET', `/api/audit-entries?from=${future}`, { cookie: admin })).json().total).toBe(0);
    const bad = await t.call('GET', '/api/audit-entries?from=yesterday', { cookie: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('from');
  });
});

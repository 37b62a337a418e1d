import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './app.js';
import { dbKinds } from './db.js';

describe.each(dbKinds)('authentication and sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { loginMaxFailures: 3 });
  });
  afterAll(() => t.close());

  it('IAM login sets an HttpOnly SameSite session cookie and getCurrentUser answers', async () => {
    const res = await t.call('POST', '/api/auth/login', {
      body: { username: 'system.admin', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'hearth_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await t.call('GET', '/api/auth/me', { cookie: `hearth_sid=${cookie.value}` });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'system.admin', company: { code: 'DEMO-CITY' } });
    expect(me.json().permissions).toContain('iam.user.manage');
  });

  it('IAM a wrong password N times locks the account, and the lock is audited', async () => {
    const wrong = { username: 'cashier', password: 'not-the-password' };
    const first = await t.call('POST', '/api/auth/login', { body: wrong });
    expect(first.statusCode).toBe(401);
    expect(first.json().code).toBe('INVALID_CREDENTIALS');
    await t.call('POST', '/api/auth/login', { body: wrong });
    const third = await t.call('POST', '/api/auth/login', { body: wrong });
    expect(third.statusCode).toBe(423);
    expect(third.json().code).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    const right = await t.call('POST', '/api/auth/login', { body: { username: 'cashier', password: DEMO_PASSWORD } });
    expect(right.statusCode).toBe(423);

    const admin = await t.login('system.admin');
    const log = await t.call('GET', '/api/audit-entries?action=user.lock', { cookie: admin });
    expect(log.json().items).toHaveLength(1);
    expect(log.json().items[0]).toMatchObject({ action: 'user.lock', entityType: 'user' });

    const users = await t.call('GET', '/api/users?q=cashier', { cookie: admin });
    const cashier = users.json().items.find((u: { username: string }) => u.username === 'cashier');
    expect(cashier.locked).toBe(true);
    const unlocked = await t.call('POST', `/api/users/${cashier.id}/unlock`, { cookie: admin });
    expect(unlocked.json().locked).toBe(false);
    expect(
      (await t.call('POST', '/api/auth/login', { body: { username: 'cashier', password: DEMO_PASSWORD } })).statusCode,
    ).toBe(200);
  });

  it('IAM no session cookie or a forged one is 401', async () => {
    expect((await t.call('GET', '/api/users')).statusCode).toBe(401);
    const forged = await t.call('GET', '/api/users', { cookie: 'hearth_sid=forged-token-value' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('IAM a user without the permission is 403', async () => {
    const cookie = await t.login('hotline.agent');
    const res = await t.call('GET', '/api/users', { cookie });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', details: { permission: ['iam.user.read'] } });
    expect((await t.call('GET', '/api/audit-entries', { cookie })).statusCode).toBe(403);
  });

  it('IAM a generated password must be changed before anything else', async () => {
    const admin = await t.login('system.admin');
    const created = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'new.clerk', fullName: '新受理员', roleIds: [] },
    });
    expect(created.statusCode).toBe(201);
    const { initialPassword, user } = created.json();
    expect(user.mustChangePassword).toBe(true);
    const cookie = await t.login('new.clerk', initialPassword);
    expect((await t.call('GET', '/api/org-units', { cookie })).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.call('GET', '/api/auth/me', { cookie })).json().mustChangePassword).toBe(true);

    const weak = await t.call('POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: initialPassword, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', details: { fields: [{ path: 'newPassword' }] } });
    const wrong = await t.call('POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: 'nope', newPassword: 'Better-pass-1' },
    });
    expect(wrong.json()).toMatchObject({ code: 'WRONG_PASSWORD', details: { fields: [{ path: 'currentPassword' }] } });

    const ok = await t.call('POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: initialPassword, newPassword: 'Better-pass-1' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { cookie })).json().mustChangePassword).toBe(false);
    expect(
      (await t.call('POST', '/api/auth/login', { body: { username: 'new.clerk', password: initialPassword } }))
        .statusCode,
    ).toBe(401);
    await t.login('new.clerk', 'Better-pass-1');
  });

  it('IAM logging out ends the session', async () => {
    const cookie = await t.login('auditor');
    expect((await t.call('POST', '/api/auth/logout', { cookie })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('IAM a disabled account cannot log in and its sessions end at once', async () => {
    const victim = await t.login('installer');
    const admin = await t.login('system.admin');
    const list = await t.call('GET', '/api/users?q=installer', { cookie: admin });
    const id = list.json().items[0].id;
    const disabled = await t.call('POST', `/api/users/${id}/disable`, { cookie: admin, body: { reason: '离职' } });
    expect(disabled.json().status).toBe('disabled');
    expect((await t.call('GET', '/api/auth/me', { cookie: victim })).statusCode).toBe(401);
    const again = await t.call('POST', '/api/auth/login', { body: { username: 'installer', password: DEMO_PASSWORD } });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('IAM the login rate limit answers 429', async () => {
    const limited = await createTestApp(kind, { loginRatePerMinute: 3 });
    try {
      const body = { username: 'nobody', password: 'x' };
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.call('POST', '/api/auth/login', { body })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      const res = await limited.call('POST', '/api/auth/login', { body });
      expect(res.json().code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

describe.each(dbKinds)('bad input on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { bodyLimitBytes: 64 * 1024 });
    admin = await t.login('system.admin');
  });
  afterAll(() => t.close());

  const raw = (payload: string, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin, 'content-type': contentType },
      payload,
    });

  it('a date the checks let through but the database cannot store (year 0000) is a 400, never a 500, and nothing is written', async () => {
    const finance = await t.login('finance');
    const count = async () =>
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tariffs WHERE company_id = $1', [t.companyA]))
        .rows[0]!.n;
    const before = await count();
    const res = await t.call('POST', '/api/billing/tariffs', {
      cookie: finance,
      body: { usageNature: 'RES', name: '公元零年', effectiveFrom: '0000-01-01', tiers: [{ price: '2.67' }] },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALUE_OUT_OF_RANGE' });
    expect(res.json().message).toContain('超出允许范围');
    expect(await count()).toBe(before);
  });

  it('malformed JSON is a 400 naming the problem', async () => {
    const res = await raw('{"username": "x",');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' });
  });

  it('wrong types are a 400 naming each field, in Chinese by default and English on request', async () => {
    const res = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 42, fullName: '', roleIds: 'x' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.in).toBe('body');
    const paths = body.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['fullName', 'roleIds', 'username']);
    expect(body.message).toMatch(/^提交的数据有误/);
    const en = await t.call('POST', '/api/users', { cookie: admin, lang: 'en', body: { username: 42, fullName: 'x' } });
    expect(en.json().message).toMatch(/^Invalid input: username/);
    const badId = await t.call('GET', '/api/users/not-a-uuid', { cookie: admin });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().details).toMatchObject({ in: 'params', fields: [{ path: 'id' }] });
    const badPage = await t.call('GET', '/api/users?pageSize=100000', { cookie: admin });
    expect(badPage.json().details.fields[0].path).toBe('pageSize');
  });

  it('an oversized body is a 413, a wrong content type a 415', async () => {
    const big = JSON.stringify({ username: 'big', fullName: 'x'.repeat(100 * 1024), roleIds: [] });
    const res = await raw(big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    const xml = await raw('<user/>', 'application/xml');
    expect(xml.statusCode).toBe(415);
  });

  it('an unknown endpoint is a 404 in the same error shape', async () => {
    const res = await t.call('GET', '/api/nothing-here', { cookie: admin });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('SQL-looking, emoji and long Chinese strings are stored and returned intact', async () => {
    const values = ["Robert'); DROP TABLE users;--", '燃气用户🔥👨‍👩‍👧‍👦', '欧阳'.repeat(32), "' OR 1=1 --"];
    for (const [i, fullName] of values.entries()) {
      const res = await t.call('POST', '/api/users', {
        cookie: admin,
        body: { username: `intact.${i}`, fullName, roleIds: [] },
      });
      expect(res.statusCode).toBe(201);
      const id = res.json().user.id;
      expect((await t.call('GET', `/api/users/${id}`, { cookie: admin })).json().fullName).toBe(fullName);
    }
    const search = await t.call('GET', `/api/users?q=${encodeURIComponent("'); DROP")}`, { cookie: admin });
    expect(search.json().total).toBe(1);
    expect((await t.call('GET', '/api/users?pageSize=1', { cookie: admin })).statusCode).toBe(200);
  });
});

import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerGuard } from '../src/platform/http/guard.js';
import { createTestApp, type TestApp } from './app.js';

describe('API contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('OpenAPI 3 is served at /api/openapi.json with the stable operation ids', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    const ids: string[] = [];
    for (const ops of Object.values(spec.paths) as Record<string, { operationId?: string }>[]) {
      for (const op of Object.values(ops)) ids.push(op.operationId ?? '(missing)');
    }
    for (const id of [
      'getHealth',
      'login',
      'logout',
      'getCurrentUser',
      'changePassword',
      'createUser',
      'listUsers',
      'assignRoles',
      'listAuditEntries',
    ]) {
      expect(ids).toContain(id);
    }
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('interactive docs are served at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('GET /api/health reports the database, the migrations and the version', async () => {
    const res = await t.call('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: { kind: 'pglite', reachable: true },
      migrations: { current: true, pending: [] },
    });
    expect(res.json().version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('IAM a route that declares no permission stops the server from starting', async () => {
    const app = Fastify();
    registerGuard(app, async () => null);
    expect(() => app.get('/api/forgotten', async () => 'oops')).toThrow(/declares no permission/);
    await app.close();
  });
});

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import type { Db } from '../src/db/types.js';
import { seedDemoCompany } from '../src/setup/demo.js';
import { createTestDb, type DbKind } from './db.js';

export const DEMO_PASSWORD = 'Demo-pass-2026';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  companyA: string;
  companyB: string;
  /** Logs a user in and returns the session cookie header. */
  login(username: string, password?: string): Promise<string>;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    opts?: { cookie?: string; body?: unknown; lang?: string },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * An app on a fresh database with two demo companies: A (users named after their role,
 * e.g. `system.admin`, `cashier`) and B (the same, prefixed `b.`).
 */
export async function createTestApp(kind: DbKind, overrides: Partial<Config> = {}): Promise<TestApp> {
  const { db, drop } = await createTestDb(kind);
  await migrate(db);
  const a = await seedDemoCompany(db, undefined, DEMO_PASSWORD);
  const b = await seedDemoCompany(
    db,
    { groupCode: 'DEMO', groupName: '演示燃气集团', companyCode: 'B', companyName: '乙县燃气有限公司' },
    DEMO_PASSWORD,
  );
  const config = { ...loadConfig({}), loginRatePerMinute: 1000, ...overrides };
  const app = await buildApp({ config, db });
  await app.ready();

  const call: TestApp['call'] = (method, url, opts = {}) =>
    app.inject({
      method,
      url,
      headers: {
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.lang ? { 'accept-language': opts.lang } : {}),
      },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });

  return {
    app,
    db,
    config,
    companyA: a.companyId,
    companyB: b.companyId,
    call,
    async login(username, password = DEMO_PASSWORD) {
      const res = await call('POST', '/api/auth/login', { body: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'hearth_sid');
      return `hearth_sid=${cookie!.value}`;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** The ids of a company's roles by code; an unknown code fails the test at once. */
export async function roleIdsOf(t: TestApp, cookie: string): Promise<(code: string) => string> {
  const items: { id: string; code: string }[] = (await t.call('GET', '/api/roles', { cookie })).json().items;
  return (code) => {
    const role = items.find((r) => r.code === code);
    if (!role) throw new Error(`no role ${code}`);
    return role.id;
  };
}

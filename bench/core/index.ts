/**
 * The platform core under load: cold start of the embedded database, login (argon2id-bound),
 * the session check every request pays, a filtered page of accounts, and the audit log search,
 * with `size` accounts (default 5,000) and their audit entries in one company.
 */
import fs from 'node:fs';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { openDb } from '../../server/src/db/index.js';
import { migrate } from '../../server/src/db/migrate.js';
import { hashPassword } from '../../server/src/modules/iam/passwords.js';
import { findCompanyByCode } from '../../server/src/modules/org/service.js';
import { createRng, personName } from '../../server/src/platform/demo/generator.js';
import { seedDemoCompany } from '../../server/src/setup/demo.js';
import { type BenchContext, round, timeIt } from '../lib.js';

const PASSWORD = 'Bench-pass-2026';

export async function run(ctx: BenchContext) {
  const size = ctx.size ?? 5000;
  const t0 = performance.now();
  if (!ctx.databaseUrl) fs.mkdirSync(ctx.dataDir, { recursive: true });
  const db = await openDb({ databaseUrl: ctx.databaseUrl, dataDir: ctx.dataDir });
  await migrate(db);
  const openMs = round(performance.now() - t0);
  console.log(`open + migrate: ${openMs} ms`);

  let company = await findCompanyByCode(db, 'BENCH');
  if (!company) {
    await seedDemoCompany(
      db,
      { groupCode: 'BENCH', groupName: '基准集团', companyCode: 'BENCH', companyName: '基准燃气公司' },
      PASSWORD,
    );
    company = (await findCompanyByCode(db, 'BENCH'))!;
  }
  const have = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE company_id = $1', [company.id])
  ).rows[0]!.n;
  if (have < size) {
    const hash = await hashPassword(PASSWORD);
    const rng = createRng(have);
    const seedStart = performance.now();
    for (let i = have; i < size; i += 500) {
      const n = Math.min(500, size - i);
      const names = Array.from({ length: n }, () => personName(rng));
      await db.tx(async (tx) => {
        await tx.query(
          `INSERT INTO users (company_id, username, full_name, employee_no, password_hash, must_change_password)
           SELECT $1, 'bench.' || g, name, 'B' || g, $2, false FROM unnest($3::text[]) WITH ORDINALITY AS t(name, g0),
                  LATERAL (SELECT $4::int + g0 AS g) x`,
          [company.id, hash, names, i],
        );
        await tx.query(
          `INSERT INTO audit_log (company_id, actor_name, action, entity_type, entity_id, after)
           SELECT $1, 'bench', 'user.create', 'user', 'bench.' || g, jsonb_build_object('fullName', name)
             FROM unnest($2::text[]) WITH ORDINALITY AS t(name, g0), LATERAL (SELECT $3::int + g0 AS g) x`,
          [company.id, names, i],
        );
      });
    }
    console.log(`seeded ${size - have} accounts in ${round(performance.now() - seedStart)} ms`);
  }

  const config = { ...loadConfig({}), loginRatePerMinute: 100_000 };
  const app = await buildApp({ config, db });
  await app.ready();
  const login = await timeIt(20, async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'system.admin', password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'system.admin', password: PASSWORD },
  });
  const cookie = `hearth_sid=${res.cookies.find((c) => c.name === 'hearth_sid')!.value}`;
  const get = (url: string) => async () => {
    const r = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  };
  const me = await timeIt(500, get('/api/auth/me'));
  const users = await timeIt(200, (i) =>
    get(`/api/users?page=${(i % 20) + 1}&pageSize=20&sort=fullName&q=${encodeURIComponent('王')}`)(),
  );
  const audit = await timeIt(200, (i) => get(`/api/audit-entries?page=${(i % 20) + 1}&pageSize=20&action=user`)());
  console.log({ login, me, users, audit });
  await app.close();
  await db.close();
  return {
    accounts: size,
    open_migrate_ms: openMs,
    login_p50_ms: login.p50,
    me_p50_ms: me.p50,
    me_p95_ms: me.p95,
    list_users_p95_ms: users.p95,
    audit_search_p95_ms: audit.p95,
  };
}

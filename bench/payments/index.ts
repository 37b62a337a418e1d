/**
 * PAY-1 payments through the API at hall-rush load: its own company BENCH-PAYMENTS with `size` accounts
 * (default 20,000 on PostgreSQL, 2,000 on PGlite; generated set-based when fewer exist), each with two bill
 * debts due in the past (ledger entries inserted directly, topped up whenever an account's balance runs low),
 * and 50 cashiers. The real app listens on a free port; a load generator in a worker thread (its own event
 * loop, so the clients don't eat the server's) logs the cashiers in through `POST /api/auth/login` and posts
 * `size` payments over HTTP with 50 concurrent keep-alive clients, each payment with its own Idempotency-Key
 * (one or two tenders, amounts that pay part of the debts, all of them, or more); ~2 % of them are sent
 * twice at the same moment (same key, same body). Then the ledger is checked by SQL: every acknowledged
 * payment has exactly one `payment` credit of its amount, no key was posted twice, and per account the
 * credits posted during the run sum to what was acknowledged.
 * Last line: `RESULT payments per_s=… p99_ms=… lost=… doubled=…`.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { openDb } from '../../server/src/db/index.js';
import { migrate } from '../../server/src/db/migrate.js';
import type { Db, Queryable } from '../../server/src/db/types.js';
import { generateAccounts } from '../../server/src/modules/customers/generate.js';
import { hashPassword } from '../../server/src/modules/iam/passwords.js';
import { findCompanyByCode } from '../../server/src/modules/org/service.js';
import { businessToday } from '../../server/src/platform/calendar/workdays.js';
import { setUpCompany } from '../../server/src/setup/company.js';
import { type BenchContext, round } from '../lib.js';

const CODE = 'BENCH-PAYMENTS';
const CLIENTS = 50;
const RESEND_SHARE = 0.02;
const PASSWORD = 'Bench-pay-2026';
const CASHIER = (i: number) => `bench.payments.cashier${String(i).padStart(2, '0')}`;

const count = async (db: Db, sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

/** The cashiers (role cashier, in the east hall), created once with one password hash. */
async function ensureCashiers(db: Db, companyId: string) {
  const have = await count(db, `SELECT count(*)::int AS n FROM users WHERE company_id = $1 AND username LIKE $2`, [
    companyId,
    'bench.payments.cashier%',
  ]);
  if (have >= CLIENTS) return;
  const hash = await hashPassword(PASSWORD);
  await db.tx(async (tx) => {
    await tx.query(
      `INSERT INTO users (company_id, username, full_name, employee_no, org_unit_id, password_hash, must_change_password)
       SELECT $1, 'bench.payments.cashier' || lpad(g::text, 2, '0'), '收费员' || g, 'BP' || lpad(g::text, 4, '0'),
              (SELECT id FROM org_units WHERE company_id = $1 AND code = 'CS-HALL-E'), $2, false
         FROM generate_series(1, $3::int) g
        WHERE NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.username) = 'bench.payments.cashier' || lpad(g::text, 2, '0'))`,
      [companyId, hash, CLIENTS],
    );
    await tx.query(
      `INSERT INTO user_roles (company_id, user_id, role_id)
       SELECT u.company_id, u.id, r.id FROM users u JOIN roles r ON r.company_id = u.company_id AND r.code = 'cashier'
        WHERE u.company_id = $1 AND u.username LIKE 'bench.payments.cashier%'
       ON CONFLICT DO NOTHING`,
      [companyId],
    );
  });
}

/**
 * Two bills per account whose balance is below 100 yuan (all of them the first time), 60–400 yuan each, for
 * the two months before its oldest bill (one bill per account and period), due on the 20th of the month after
 * theirs: the first time the two months before the month 50 days ago, so both are overdue and accrue late fees.
 */
async function topUpDebts(db: Db, companyId: string, today: string) {
  const t0 = performance.now();
  const r = await db.query(
    `WITH low AS (
       SELECT a.id, coalesce(f.first, to_char($2::date - 50, 'YYYY-MM')) AS first FROM accounts a
         LEFT JOIN LATERAL (SELECT sum(amount) AS s FROM ledger_entries l
                             WHERE l.company_id = a.company_id AND l.account_id = a.id) b ON true
         LEFT JOIN LATERAL (SELECT min(period) AS first FROM ledger_entries l
                             WHERE l.company_id = a.company_id AND l.account_id = a.id AND l.kind = 'bill') f ON true
        WHERE a.company_id = $1 AND a.status <> 'closed' AND coalesce(b.s, 0) < 100)
     INSERT INTO ledger_entries (company_id, account_id, kind, period, amount, due_on, memo)
     SELECT $1, low.id, 'bill', to_char(p.m, 'YYYY-MM'),
            (60 + (hashtext(low.id::text || to_char(p.m, 'YYYY-MM')) & 65535) % 34000 / 100.0)::numeric(14, 2),
            (p.m + interval '1 month' + interval '19 days')::date, '基准账单 bench bill'
       FROM low CROSS JOIN LATERAL (
         SELECT (to_date(low.first, 'YYYY-MM') - make_interval(months => k))::date AS m FROM (VALUES (1), (2)) v(k)) p`,
    [companyId, today],
  );
  console.log(`bill debts: ${r.rowCount.toLocaleString()} posted in ${round(performance.now() - t0)} ms`);
  await db.query('ANALYZE ledger_entries');
}

/**
 * The app's database handle with a stopwatch: per statement (by its first words) how often and how long the
 * server waited for it, and per transaction the wait for a connection + BEGIN, the body and the COMMIT.
 */
function profiled(db: Db) {
  const stats = new Map<string, { n: number; ms: number }>();
  const add = (label: string, ms: number) => {
    const s = stats.get(label) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += ms;
    stats.set(label, s);
  };
  const labelOf = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 60);
  const timed = async <T>(label: string, run: () => Promise<T>) => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      add(label, performance.now() - t0);
    }
  };
  const wrap = <Q extends Queryable>(q: Q): Queryable => ({
    query: (sql, params) => timed(labelOf(sql), () => q.query(sql, params)),
  });
  const handle: Db = {
    kind: db.kind,
    query: wrap(db).query,
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    async tx(fn) {
      const t0 = performance.now();
      let bodyEnd = 0;
      try {
        return await db.tx(async (tx) => {
          const t1 = performance.now();
          add('(tx: wait for a connection + BEGIN)', t1 - t0);
          try {
            return await fn({ query: wrap(tx).query, exec: (sql) => tx.exec(sql) });
          } finally {
            bodyEnd = performance.now();
            add('(tx: body)', bodyEnd - t1);
          }
        });
      } finally {
        if (bodyEnd) add('(tx: COMMIT)', performance.now() - bodyEnd);
      }
    },
  };
  return { db: handle, stats };
}

interface Job {
  key: string;
  accountId: string;
  body: string;
  amount: string;
  /** Sent twice at the same moment (same key, same body). */
  twice: boolean;
}

interface Sample {
  i: number;
  ms: number;
  status: number;
  id: string | null;
  amount: string | null;
  error: string | null;
}

/** The load generator: plain JavaScript in a worker thread, node:http with 50 + a few keep-alive sockets. */
const CLIENT_CODE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { port, jobs, clients, password, usernames } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients + 10 });
function request(method, path, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  const cookies = [];
  for (const username of usernames) {
    const r = await request('POST', '/api/auth/login', JSON.stringify({ username, password }), {});
    if (r.status !== 200) throw new Error('login ' + username + ': ' + r.status + ' ' + r.body);
    const sid = [].concat(r.headers['set-cookie'] || []).map((c) => c.split(';')[0]).find((c) => c.startsWith('hearth_sid='));
    cookies.push(sid);
  }
  const samples = [];
  async function post(i, cookie) {
    const job = jobs[i];
    const t0 = performance.now();
    let s;
    try {
      const r = await request('POST', '/api/payments', job.body, { cookie, 'idempotency-key': job.key });
      const ms = performance.now() - t0;
      if (r.status === 200 || r.status === 201) {
        const p = JSON.parse(r.body);
        s = { i, ms, status: r.status, id: p.id, amount: p.amount, error: null };
      } else s = { i, ms, status: r.status, id: null, amount: null, error: r.body.slice(0, 300) };
    } catch (err) {
      s = { i, ms: performance.now() - t0, status: 0, id: null, amount: null, error: String(err) };
    }
    samples.push(s);
  }
  // One warm-up payment so the first figures don't carry the routes' compilation.
  let next = 0;
  await post(next++, cookies[0]);
  const started = performance.now();
  await Promise.all(cookies.map(async (cookie) => {
    for (;;) {
      const i = next++;
      if (i >= jobs.length) return;
      if (jobs[i].twice) await Promise.all([post(i, cookie), post(i, cookie)]);
      else await post(i, cookie);
    }
  }));
  const ms = performance.now() - started;
  agent.destroy();
  parentPort.postMessage({ samples, ms });
})().catch((err) => parentPort.postMessage({ error: String(err && err.stack || err) }));
`;

function runClients(port: number, jobs: Job[]): Promise<{ samples: Sample[]; ms: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, {
      eval: true,
      workerData: {
        port,
        jobs,
        clients: CLIENTS,
        password: PASSWORD,
        usernames: Array.from({ length: CLIENTS }, (_, i) => CASHIER(i + 1)),
      },
    });
    worker.once('message', (m: { samples: Sample[]; ms: number } | { error: string }) => {
      void worker.terminate();
      if ('error' in m) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

/** A small deterministic generator, so the same run posts the same payments. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export async function run(ctx: BenchContext) {
  const onPostgres = Boolean(ctx.databaseUrl);
  const size = ctx.size ?? (onPostgres ? 20_000 : 2_000);
  if (!onPostgres) fs.mkdirSync(ctx.dataDir, { recursive: true });
  // The server's own pool size (HEARTH_DB_POOL_SIZE), as a deployment would run it.
  const { databasePoolSize } = loadConfig();
  const db = await openDb({ databaseUrl: ctx.databaseUrl, dataDir: ctx.dataDir, databasePoolSize });
  await migrate(db);
  let company = await findCompanyByCode(db, CODE);
  if (!company) {
    await db.tx((tx) =>
      setUpCompany(tx, {
        groupCode: 'BENCH',
        groupName: '基准集团',
        companyCode: CODE,
        companyName: '基准收费燃气公司',
      }),
    );
    company = (await findCompanyByCode(db, CODE))!;
  }
  const companyId = company.id;
  const have = await count(db, 'SELECT count(*)::int AS n FROM accounts WHERE company_id = $1', [companyId]);
  if (have < size) {
    const g = await generateAccounts(db, companyId, {
      count: size - have,
      seed: 7 + have,
      onProgress: (done, total) =>
        process.stdout.write(`\raccounts ${done.toLocaleString()}/${total.toLocaleString()}`),
    });
    console.log(`\ngenerated ${g.created.toLocaleString()} accounts in ${round(g.ms / 1000)} s`);
  } else console.log(`using the ${have.toLocaleString()} accounts already there`);
  await ensureCashiers(db, companyId);
  const today = businessToday();
  await topUpDebts(db, companyId, today);

  // The payments: one per account (in a shuffled order), of 20 %–130 % of what the account owes, a fifth of
  // them split between cash and WeChat; every 50th sent twice at once.
  const accounts = (
    await db.query<{ id: string; balance: string }>(
      `SELECT a.id, coalesce((SELECT sum(amount) FROM ledger_entries l WHERE l.company_id = a.company_id
                                AND l.account_id = a.id), 0)::text AS balance
         FROM accounts a WHERE a.company_id = $1 AND a.status <> 'closed' ORDER BY a.id LIMIT $2`,
      [companyId, size],
    )
  ).rows;
  const runTag = Date.now().toString(36);
  const random = rng(Number.parseInt(runTag.slice(-6), 36));
  for (let i = accounts.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [accounts[i], accounts[j]] = [accounts[j]!, accounts[i]!];
  }
  const everyNth = Math.round(1 / RESEND_SHARE);
  const jobs: Job[] = accounts.map((a, i) => {
    const owed = Math.max(50, Number(a.balance));
    const cents = Math.max(1, Math.round(owed * (0.2 + 1.1 * random()) * 100));
    const amount = (cents / 100).toFixed(2);
    const split = random() < 0.2 && cents > 1;
    const cash = Math.floor(cents / 2);
    const tenders = split
      ? [
          { method: 'cash', amount: (cash / 100).toFixed(2) },
          { method: 'wechat', amount: ((cents - cash) / 100).toFixed(2), reference: `WX${runTag}${i}` },
        ]
      : [{ method: 'cash', amount }];
    return {
      key: `bench-${runTag}-${i}`,
      accountId: a.id,
      amount,
      body: JSON.stringify({ accountId: a.id, tenders }),
      twice: i > 0 && i % everyNth === 0,
    };
  });

  const config = { ...loadConfig({}), databaseUrl: ctx.databaseUrl, loginRatePerMinute: 100_000, background: false };
  const probe = profiled(db);
  const app = await buildApp({ config, db: probe.db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const since = (await db.query<{ t: string }>('SELECT now()::text AS t')).rows[0]!.t;
  console.log(
    `posting ${jobs.length.toLocaleString()} payments (${jobs.filter((j) => j.twice).length} of them twice at once) ` +
      `with ${CLIENTS} clients to port ${port}`,
  );
  const rss0 = process.memoryUsage().rss;
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const { samples, ms } = await runClients(port, jobs);
  const elu = performance.eventLoopUtilization(elu0).utilization;
  const cpu = process.cpuUsage(cpu0);
  await app.close();

  // What the clients saw.
  const failed = samples.filter((s) => s.id === null);
  const byStatus = new Map<number, number>();
  for (const s of samples) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
  console.log(`responses: ${[...byStatus].map(([k, v]) => `${k}: ${v.toLocaleString()}`).join(', ')}`);
  for (const f of failed.slice(0, 5)) console.log(`  failed #${f.i} ${f.status}: ${f.error}`);
  const lat = samples
    .slice(1)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  const pct = (p: number) => round(lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? 0);
  const acked = new Map<number, Set<string>>();
  for (const s of samples) if (s.id) acked.set(s.i, (acked.get(s.i) ?? new Set()).add(s.id));
  const payments = [...acked.keys()].filter((i) => i > 0).length;
  const perS = Math.round((payments / ms) * 1000);
  console.log(
    `${payments.toLocaleString()} payments acknowledged in ${round(ms / 1000)} s: ${perS.toLocaleString()}/s ` +
      `(${Math.round(((samples.length - 1) / ms) * 1000).toLocaleString()} requests/s); ` +
      `latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms; ` +
      `rss +${Math.round((process.memoryUsage().rss - rss0) / 2 ** 20)} MiB`,
  );

  // Where the server's time went: per payment, the statements it waited for longest.
  const per = Math.max(1, samples.length);
  const top = [...probe.stats].sort((x, y) => y[1].ms - x[1].ms).slice(0, 14);
  console.log(
    `server-side waits per request (${per.toLocaleString()} requests; ms are summed over concurrent requests):`,
  );
  for (const [label, st] of top)
    console.log(`  ${(st.ms / per).toFixed(2).padStart(7)} ms  ${(st.n / per).toFixed(2).padStart(5)}×  ${label}`);
  console.log(
    `  server event loop busy ${Math.round(elu * 100)} % of the run; this process (server + clients) used ` +
      `${round((cpu.user + cpu.system) / 1000 / ms)} CPU cores, ${round((cpu.user + cpu.system) / 1000 / per)} ms CPU per request`,
  );
  const statements = [...probe.stats].filter(([l]) => !l.startsWith('(')).reduce((n, [, st]) => n + st.n, 0);
  console.log(`  ${(statements / per).toFixed(1)} statements per request`);

  // What the ledger says.
  let doubled = 0;
  for (const ids of acked.values()) if (ids.size > 1) doubled += ids.size - 1;
  const credits = (
    await db.query<{ sourceId: string | null; accountId: string; n: number; amount: string }>(
      `SELECT source_id AS "sourceId", account_id AS "accountId", count(*)::int AS n, (-sum(amount))::text AS amount
         FROM ledger_entries
        WHERE company_id = $1 AND kind = 'payment' AND posted_at >= $2::timestamptz
        GROUP BY source_id, account_id`,
      [companyId, since],
    )
  ).rows;
  const creditOf = new Map(credits.map((c) => [c.sourceId, c]));
  let lost = 0;
  const ackedIds = new Set<string>();
  const ackedByAccount = new Map<string, number>();
  for (const [i, ids] of acked) {
    const job = jobs[i]!;
    for (const id of ids) {
      ackedIds.add(id);
      const c = creditOf.get(id);
      if (!c || c.accountId !== job.accountId || Number(c.amount) !== Number(job.amount)) lost++;
      else if (c.n > 1) doubled += c.n - 1;
    }
    ackedByAccount.set(job.accountId, (ackedByAccount.get(job.accountId) ?? 0) + Math.round(Number(job.amount) * 100));
  }
  // A payment no client got an answer for (every attempt failed) is lost to the cashier, posted or not.
  for (let i = 0; i < jobs.length; i++) if (!acked.has(i)) lost++;
  // Credits nobody was told about: a posting the client never got back, or a second one for a key.
  const unacknowledged = credits.filter((c) => !c.sourceId || !ackedIds.has(c.sourceId));
  doubled += unacknowledged.length;
  const postedByAccount = new Map<string, number>();
  for (const c of credits)
    postedByAccount.set(c.accountId, (postedByAccount.get(c.accountId) ?? 0) + Math.round(Number(c.amount) * 100));
  let accountsOff = 0;
  for (const id of new Set([...ackedByAccount.keys(), ...postedByAccount.keys()]))
    if ((ackedByAccount.get(id) ?? 0) !== (postedByAccount.get(id) ?? 0)) accountsOff++;
  // The payments table: one payment per Idempotency-Key.
  try {
    const keys = jobs.map((j) => j.key);
    const dup = await count(
      db,
      `SELECT count(*)::int AS n FROM (SELECT idempotency_key FROM payments WHERE company_id = $1
          AND idempotency_key = ANY($2::text[]) GROUP BY 1 HAVING count(*) > 1) d`,
      [companyId, keys],
    );
    if (dup > 0) console.log(`payments table: ${dup} keys with more than one payment`);
    doubled = Math.max(doubled, dup);
  } catch (err) {
    console.log(`payments table not checked: ${(err as Error).message}`);
  }
  const balanceOk = await count(
    db,
    `SELECT count(*)::int AS n FROM (SELECT account_id FROM ledger_entries WHERE company_id = $1
        AND kind = 'payment' AND posted_at >= $2::timestamptz GROUP BY 1) x`,
    [companyId, since],
  );
  console.log(
    `ledger: ${credits.length.toLocaleString()} payment credits on ${balanceOk.toLocaleString()} accounts; ` +
      `lost ${lost}, doubled ${doubled}, unacknowledged credits ${unacknowledged.length}, accounts whose credits ` +
      `differ from what was acknowledged ${accountsOff}; failed requests ${failed.length}`,
  );
  const lateFees = await count(
    db,
    `SELECT count(*)::int AS n FROM ledger_entries WHERE company_id = $1 AND kind = 'lateFee' AND posted_at >= $2::timestamptz`,
    [companyId, since],
  );
  console.log(`late fees crystallised: ${lateFees.toLocaleString()}`);
  await db.close();
  if (payments === 0) lost = jobs.length;
  return { per_s: perS, p99_ms: pct(99), lost, doubled };
}

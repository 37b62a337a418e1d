/**
 * SVC-6 dispatch at scale: its own company BENCH-DISPATCH whose service centre holds 5,000 open work
 * orders (generated set-based when fewer exist), then the centre's dispatch board loaded repeatedly
 * as the board screen loads it while a dispatcher pages and filters (all, unassigned, by team, by
 * technician, by type; the teams' and technicians' load beside it each time), and the deadlines
 * of 100,000 orders computed on the company's calendar (policy promises, China's holidays).
 */
import fs from 'node:fs';
import { openDb } from '../../server/src/db/index.js';
import { migrate } from '../../server/src/db/migrate.js';
import type { Db } from '../../server/src/db/types.js';
import { findCompanyByCode } from '../../server/src/modules/org/service.js';
import { deadlineOf } from '../../server/src/modules/work-orders/deadline.js';
import { listRegister, listWorkers, registerQuery } from '../../server/src/modules/work-orders/register.js';
import { listTypes } from '../../server/src/modules/work-orders/repo.js';
import { loadCalendar } from '../../server/src/platform/calendar/service.js';
import { businessToday } from '../../server/src/platform/calendar/workdays.js';
import type { PolicyKey } from '../../server/src/platform/policy/catalogue/index.js';
import { policyValue } from '../../server/src/platform/policy/policy.js';
import { setUpCompany } from '../../server/src/setup/company.js';
import { type BenchContext, round, timeIt } from '../lib.js';

const CODE = 'BENCH-DISPATCH';
const OPEN_ORDERS = 5_000;
const TECHNICIANS = 20;
const BOARD_LOADS = 300;
const DEADLINES = 100_000;

async function unit(db: Db, companyId: string, code: string): Promise<string> {
  const r = await db.query<{ id: string }>('SELECT id FROM org_units WHERE company_id = $1 AND code = $2', [
    companyId,
    code,
  ]);
  return r.rows[0]!.id;
}

/** Technicians in the centre's two teams, with the repair technician's role; a hotline agent who takes the calls. */
async function ensurePeople(db: Db, companyId: string, teams: string[]) {
  await db.query(
    `INSERT INTO users (company_id, username, full_name, employee_no, org_unit_id, password_hash, must_change_password)
     SELECT $1, 'bench.dispatch.tech' || g, '维修员' || g, 'BD' || lpad(g::text, 4, '0'), ($2::uuid[])[1 + g % 2], '!', false
       FROM generate_series(1, $3::int) g
     ON CONFLICT DO NOTHING`,
    [companyId, teams, TECHNICIANS],
  );
  await db.query(
    `INSERT INTO users (company_id, username, full_name, employee_no, password_hash, must_change_password)
     VALUES ($1, 'bench.dispatch.agent', '热线坐席', 'BD9999', '!', false) ON CONFLICT DO NOTHING`,
    [companyId],
  );
  await db.query(
    `INSERT INTO user_roles (company_id, user_id, role_id)
     SELECT u.company_id, u.id, r.id FROM users u JOIN roles r ON r.company_id = u.company_id AND r.code = 'repair_technician'
      WHERE u.company_id = $1 AND u.username LIKE 'bench.dispatch.tech%'
     ON CONFLICT DO NOTHING`,
    [companyId],
  );
}

/** Open orders in the centre, set-based: a mix of types, statuses and technicians, reported over the last days. */
async function generateOrders(db: Db, companyId: string, centre: string, count: number, offset: number) {
  await db.query(
    `WITH types AS (
       SELECT code, promise_key, promise_unit, default_priority, row_number() OVER (ORDER BY sort_order) - 1 AS i,
              count(*) OVER () AS n
         FROM work_order_types WHERE company_id = $1),
     techs AS (
       SELECT id, org_unit_id, row_number() OVER (ORDER BY username) - 1 AS i, count(*) OVER () AS n
         FROM users WHERE company_id = $1 AND username LIKE 'bench.dispatch.tech%'),
     agent AS (SELECT id FROM users WHERE company_id = $1 AND username = 'bench.dispatch.agent'),
     g AS (
       SELECT s, now() - make_interval(mins => (s * 7919) % 4320) AS reported_at,
              CASE s % 3 WHEN 0 THEN 'created' WHEN 1 THEN 'dispatched' ELSE 'appointed' END AS status
         FROM generate_series($3::int + 1, $3::int + $4::int) s)
     INSERT INTO work_orders (company_id, order_no, type_code, channel, caller_name, phone, address, description,
                              priority, status, org_unit_id, team_id, technician_id, owner_id, reported_at,
                              deadline_at, promise, dispatched_at, appointment_at)
     SELECT $1, 'BD-' || lpad(g.s::text, 7, '0'), t.code, 'hotline', '用户' || g.s, '1390000' || lpad((g.s % 10000)::text, 4, '0'),
            '基准路 ' || g.s || ' 号', '基准工单', t.default_priority, g.status, $2,
            CASE WHEN g.status = 'created' THEN NULL ELSE tc.org_unit_id END,
            CASE WHEN g.status = 'created' THEN NULL ELSE tc.id END,
            (SELECT id FROM agent), g.reported_at,
            g.reported_at + make_interval(hours => 1 + (g.s % 72)),
            jsonb_build_object('key', t.promise_key, 'unit', t.promise_unit, 'amount', 1 + g.s % 72),
            CASE WHEN g.status = 'created' THEN NULL ELSE g.reported_at + interval '5 minutes' END,
            CASE WHEN g.status = 'appointed' THEN g.reported_at + interval '1 day' END
       FROM g
       JOIN types t ON t.i = g.s % t.n
       JOIN techs tc ON tc.i = g.s % tc.n`,
    [companyId, centre, offset, count],
  );
}

export async function run(ctx: BenchContext) {
  if (!ctx.databaseUrl) fs.mkdirSync(ctx.dataDir, { recursive: true });
  const db = await openDb({ databaseUrl: ctx.databaseUrl, dataDir: ctx.dataDir });
  await migrate(db);
  let company = await findCompanyByCode(db, CODE);
  if (!company) {
    await db.tx((tx) =>
      setUpCompany(tx, {
        groupCode: 'BENCH',
        groupName: '基准集团',
        companyCode: CODE,
        companyName: '基准派单燃气公司',
      }),
    );
    company = (await findCompanyByCode(db, CODE))!;
  }
  const companyId = company.id;
  const centre = await unit(db, companyId, 'CS-SVC');
  const teams = [await unit(db, companyId, 'CS-SVC-T1'), await unit(db, companyId, 'CS-SVC-T2')];
  await ensurePeople(db, companyId, teams);
  const have = (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM work_orders WHERE company_id = $1 AND org_unit_id = $2
          AND status NOT IN ('closed', 'cancelled')`,
      [companyId, centre],
    )
  ).rows[0]!.n;
  if (have < OPEN_ORDERS) {
    const all = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM work_orders WHERE company_id = $1', [companyId])
    ).rows[0]!.n;
    const t0 = performance.now();
    await db.tx(async (tx) => generateOrders(tx as Db, companyId, centre, OPEN_ORDERS - have, all));
    console.log(
      `generated ${(OPEN_ORDERS - have).toLocaleString()} open orders in ${round(performance.now() - t0)} ms`,
    );
  } else console.log(`using the ${have.toLocaleString()} open orders already there`);
  await db.query('ANALYZE work_orders');

  const techs = (
    await db.query<{ id: string }>(
      "SELECT id FROM users WHERE company_id = $1 AND username LIKE 'bench.dispatch.tech%' ORDER BY username",
      [companyId],
    )
  ).rows.map((r) => r.id);
  // A dispatcher's mix, as the board screen loads it: the centre's open orders by deadline page by page,
  // the unassigned, a team, a technician, a type — each with the teams' and technicians' load beside it.
  const query = (i: number) => {
    const base = { orgUnitId: centre, open: 'true', sort: 'deadlineAt', order: 'asc', page: 1 + (i % 5), pageSize: 50 };
    switch (i % 5) {
      case 0:
        return registerQuery.parse(base);
      case 1:
        return registerQuery.parse({ ...base, unassigned: 'true' });
      case 2:
        return registerQuery.parse({ ...base, teamId: teams[i % 2] });
      case 3:
        return registerQuery.parse({ ...base, page: 1, technicianId: techs[i % techs.length] });
      default:
        return registerQuery.parse({ ...base, typeCode: 'repair' });
    }
  };
  const load = async (i: number) => {
    const [page] = await Promise.all([listRegister(db, companyId, query(i)), listWorkers(db, companyId, centre)]);
    return page.items.length;
  };
  for (let i = 0; i < 20; i++) await load(i);
  let rows = 0;
  const board = await timeIt(BOARD_LOADS, async (i) => {
    rows += await load(i);
  });
  console.log(
    `dispatch board n=${BOARD_LOADS} p50=${board.p50} ms p95=${board.p95} ms max=${board.max} ms (${rows} rows shown)`,
  );

  // Deadlines: the promise of each type from the policy, the calendar once, then 100,000 orders
  // reported over a year (weekends, the Spring Festival and National Day included).
  const t0 = performance.now();
  const today = businessToday();
  const types = await listTypes(db, companyId);
  const promises = await Promise.all(
    types.map(async (t) => ({
      unit: t.promiseUnit,
      amount: (await policyValue(db, companyId, t.promiseKey as PolicyKey, today)) as number,
    })),
  );
  const calendar = await loadCalendar(db, companyId, 2026, 2027);
  const start = new Date('2026-01-01T00:00:00+08:00').getTime();
  const yearMs = 365 * 86_400_000;
  let checksum = 0;
  for (let i = 0; i < DEADLINES; i++) {
    const reportedAt = new Date(start + ((i * 7_919_113) % yearMs));
    const deadline = deadlineOf(calendar, promises[i % promises.length]!, reportedAt);
    checksum += deadline.getTime() > reportedAt.getTime() ? 1 : 0;
  }
  const deadlinesS = (performance.now() - t0) / 1000;
  if (checksum !== DEADLINES) throw new Error(`${DEADLINES - checksum} deadlines were not after their report time`);
  console.log(`${DEADLINES.toLocaleString()} deadlines over ${types.length} types in ${round(deadlinesS)} s`);
  await db.close();
  console.log(`open orders in the centre: ${Math.max(have, OPEN_ORDERS).toLocaleString()}`);
  return { board_p95_ms: board.p95, deadlines_100k_s: round(deadlinesS) };
}

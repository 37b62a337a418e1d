import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { createWorkOrder } from '../src/modules/work-orders/service.js';
import type { Actor } from '../src/platform/context.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

interface Order {
  id: string;
  orderNo: string;
  status: string;
  typeCode: string;
  phone: string | null;
  breached: boolean;
  timeLeftMs: number | null;
  reportedAt: string;
  version: number;
}

/** SVC-4 / SVC-6 screens: the register of every order, and the dispatch board's people with their load. */
describe.each(dbKinds)('work-order register on %s', (kind) => {
  let t: TestApp;
  let director: string;
  let leader: string;
  let directorB: string;
  let agentActor: Actor;
  const ids: Record<string, string> = {};
  let accountNo: string;
  let accountId: string;

  const one = async <T>(sql: string, params: unknown[]) => (await t.db.query<T>(sql, params)).rows[0]!;
  const userId = async (companyId: string, username: string) =>
    (await one<{ id: string }>('SELECT id FROM users WHERE company_id = $1 AND username = $2', [companyId, username]))
      .id;
  const unitId = async (companyId: string, code: string) =>
    (await one<{ id: string }>('SELECT id FROM org_units WHERE company_id = $1 AND code = $2', [companyId, code])).id;
  const body = (extra: Record<string, unknown> = {}) => ({
    typeCode: 'leakEmergency',
    channel: 'hotline' as const,
    callerName: '王先生',
    phone: '13812345678',
    address: '城东路 12 号楼道',
    description: '楼道有燃气味',
    orgUnitId: ids.centre!,
    ...extra,
  });
  /** An order reported at `reportedAt` (its deadline fixed from then, as at intake). */
  const orderAt = (reportedAt: Date, extra: Record<string, unknown> = {}) =>
    t.db.tx((tx) => createWorkOrder(tx, agentActor, body(extra), reportedAt));
  const register = async (query = '', cookie = director) => {
    const res = await t.call('GET', `/api/work-orders?pageSize=200${query}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Order[]; total: number; page: number; pageSize: number };
  };
  const post = (id: string, action: string, payload: Record<string, unknown>, cookie = director) =>
    t.call('POST', `/api/work-orders/${id}/${action}`, { cookie, body: payload });

  let fresh: Order;
  let late: Order;
  let pausedInTime: Order;
  let repair: Order;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 3, seed: 7 });
    const acc = await one<{ id: string; accountNo: string }>(
      'SELECT id, account_no AS "accountNo" FROM accounts WHERE company_id = $1 ORDER BY account_no LIMIT 1',
      [t.companyA],
    );
    accountId = acc.id;
    accountNo = acc.accountNo;
    director = await t.login('centre.director');
    leader = await t.login('team.leader');
    directorB = await t.login('b.centre.director');
    ids.centre = await unitId(t.companyA, 'CS-SVC');
    ids.department = await unitId(t.companyA, 'CS');
    ids.hall = await unitId(t.companyA, 'CS-HALL-E');
    ids.repairTeam = await unitId(t.companyA, 'CS-SVC-T1');
    ids.gasInTeam = await unitId(t.companyA, 'CS-SVC-T2');
    ids.centreB = await unitId(t.companyB, 'CS-SVC');
    ids.repairTech = await userId(t.companyA, 'repair.technician');
    ids.gasInTech = await userId(t.companyA, 'gas.in.technician');
    agentActor = { companyId: t.companyA, userId: await userId(t.companyA, 'hotline.agent'), name: 'hotline.agent' };
    const now = Date.now();
    fresh = (await orderAt(new Date(now - MIN))) as unknown as Order;
    // A leak reported three hours ago: its 40-minute arrival promise is broken.
    late = (await orderAt(new Date(now - 3 * HOUR))) as unknown as Order;
    // Reported three hours ago too, but it has waited for the customer since ten minutes in: in time.
    pausedInTime = (await orderAt(new Date(now - 3 * HOUR))) as unknown as Order;
    await t.db.query(
      `UPDATE work_orders SET paused_since = reported_at + interval '10 minutes', pause_reason = '客户不在家'
        WHERE company_id = $1 AND id = $2`,
      [t.companyA, pausedInTime.id],
    );
    repair = (await orderAt(new Date(now - 2 * MIN), {
      typeCode: 'repair',
      accountId,
      callerName: null,
      phone: null,
      address: null,
      orgUnitId: ids.hall,
    })) as unknown as Order;
    // Company B's order never shows in A's register.
    const agentB = await t.login('b.hotline.agent');
    const b = await t.call('POST', '/api/work-orders', { cookie: agentB, body: body({ orgUnitId: ids.centreB }) });
    expect(b.statusCode, b.body).toBe(201);
  });
  afterAll(() => t.close());

  it('SVC-4: the register lists every order of the company, newest first, phones masked', async () => {
    const all = await register();
    expect(all.total).toBe(4);
    const reported = all.items.map((o) => o.reportedAt);
    expect(reported).toEqual([...reported].sort().reverse());
    expect(all.items.slice(0, 2).map((o) => o.id)).toEqual([fresh.id, repair.id]);
    expect(all.items.find((o) => o.id === fresh.id)!.phone).toBe('138****5678');
    const page = await t.call('GET', '/api/work-orders?pageSize=2&page=2&sort=orderNo&order=asc', { cookie: director });
    expect(page.json().items).toHaveLength(2);
    expect(page.json().total).toBe(4);
    const byNo = (await register('&sort=orderNo&order=asc')).items.map((o) => o.orderNo);
    expect(byNo).toEqual([...byNo].sort());
  });

  it('SVC-4: the register filters by type, status, centre (a department takes its centres), account and date', async () => {
    expect((await register('&typeCode=repair')).items.map((o) => o.id)).toEqual([repair.id]);
    expect((await register(`&orgUnitId=${ids.centre}`)).total).toBe(3);
    expect((await register(`&orgUnitId=${ids.department}`)).total).toBe(4);
    expect((await register(`&accountNo=${accountNo}`)).items.map((o) => o.id)).toEqual([repair.id]);
    expect((await register('&accountNo=NOSUCH')).total).toBe(0);
    const assigned = await post(fresh.id, 'assign', { technicianId: ids.repairTech, version: fresh.version });
    expect(assigned.statusCode, assigned.body).toBe(200);
    fresh = assigned.json();
    expect((await register('&status=dispatched')).items.map((o) => o.id)).toEqual([fresh.id]);
    expect((await register(`&technicianId=${ids.repairTech}`)).items.map((o) => o.id)).toEqual([fresh.id]);
    expect((await register('&unassigned=false')).items.map((o) => o.id)).toEqual([fresh.id]);
    expect((await register('&unassigned=true')).total).toBe(3);
    // The dispatch board reads it as a centre's open orders, earliest deadline first.
    const board = (await register(`&orgUnitId=${ids.centre}&open=true&sort=deadlineAt&order=asc`)).items;
    expect(board.map((o) => o.id).sort()).toEqual([late.id, pausedInTime.id, fresh.id].sort());
    const deadlines = board.map((o) => (o as Order & { deadlineAt: string }).deadlineAt);
    expect(deadlines).toEqual([...deadlines].sort());
    const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 32 * HOUR).toISOString().slice(0, 10);
    expect((await register(`&from=${tomorrow}`)).total).toBe(0);
    expect((await register(`&to=${today}`)).total).toBe(4);
    expect((await register('&open=false')).total).toBe(0);
  });

  it('SVC-6: the breached filter agrees with each order’s time left, waiting for the customer not counted', async () => {
    const breached = await register('&breached=true');
    expect(breached.items.map((o) => o.id)).toEqual([late.id]);
    expect(breached.items[0]!.breached).toBe(true);
    expect(breached.items[0]!.timeLeftMs).toBeLessThan(0);
    const inTime = await register('&breached=false');
    expect(inTime.items.map((o) => o.id).sort()).toEqual([fresh.id, pausedInTime.id, repair.id].sort());
    for (const o of inTime.items) expect(o.breached).toBe(false);
    // A cancelled order has no promise left to break.
    const cancelled = await post(late.id, 'status', { to: 'cancelled', reason: '重复报修', version: late.version });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await register('&breached=true')).total).toBe(0);
    expect((await register('&open=false')).items.map((o) => o.id)).toEqual([late.id]);
  });

  it('the dispatch board’s people: the centre’s technicians and teams with their open orders, and the unassigned', async () => {
    const res = await t.call('GET', `/api/work-orders/workers?orgUnitId=${ids.centre}`, { cookie: leader });
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    expect(w.centre.name).toBe('客服中心');
    expect(w.teams.map((x: { id: string }) => x.id).sort()).toEqual([ids.repairTeam, ids.gasInTeam].sort());
    const tech = w.workers.find((x: { id: string }) => x.id === ids.repairTech);
    expect(tech).toMatchObject({ openOrders: 1, breachedOrders: 0, teamId: ids.repairTeam });
    expect(w.workers.find((x: { id: string }) => x.id === ids.gasInTech)).toMatchObject({ openOrders: 0 });
    // Nobody outside the centre, nobody who may not work on orders.
    expect(w.workers.every((x: { teamId: string | null }) => x.teamId !== null)).toBe(true);
    expect(w.teams.find((x: { id: string }) => x.id === ids.repairTeam).openOrders).toBe(1);
    expect(w.unassigned).toBe(1); // the paused order (the late one was cancelled)
  });

  it('bad filters are a 400 naming the field, in Chinese; another company’s centre is not found', async () => {
    const dates = await t.call('GET', '/api/work-orders?from=2026-05-02&to=2026-05-01', { cookie: director });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().details.fields).toEqual([{ path: 'to', message: '结束日期不能早于开始日期' }]);
    expect(dates.json().message).toContain('结束日期不能早于开始日期');
    const status = await t.call('GET', '/api/work-orders?status=lost', { cookie: director });
    expect(status.statusCode).toBe(400);
    expect(status.json().details.fields[0].path).toBe('status');
    const day = await t.call('GET', '/api/work-orders?from=2026-13-01', { cookie: director });
    expect(day.statusCode).toBe(400);
    expect(day.json().details.fields[0].path).toBe('from');
    const yearZero = await t.call('GET', '/api/work-orders?from=0000-01-01', { cookie: director });
    expect(yearZero.statusCode).toBe(400);
    expect(yearZero.json().details.fields[0].path).toBe('from');
    const otherCentre = await t.call('GET', `/api/work-orders?orgUnitId=${ids.centreB}`, { cookie: director });
    expect(otherCentre.statusCode).toBe(404);
    const otherWorkers = await t.call('GET', `/api/work-orders/workers?orgUnitId=${ids.centreB}`, { cookie: director });
    expect(otherWorkers.statusCode).toBe(404);
    const missing = await t.call('GET', '/api/work-orders/workers', { cookie: director });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.fields[0].path).toBe('orgUnitId');
    // Company B sees only its own order.
    expect((await register('', directorB)).total).toBe(1);
  });

  it('the register’s export holds names and addresses: it needs an approved data-export request (IAM-5)', async () => {
    const kinds = (await t.call('GET', '/api/exports', { cookie: director })).json().items;
    expect(kinds.find((k: { name: string }) => k.name === 'workOrderRegister')).toMatchObject({ sensitive: true });
    const res = await t.call('GET', '/api/exports/workOrderRegister?breached=true', { cookie: director });
    expect(res.statusCode).toBe(403);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE company_id = $1 AND action = 'export.refused' ORDER BY id DESC LIMIT 1",
      [t.companyA],
    );
    expect(audit.rows[0]?.action).toBe('export.refused');
    const unauthenticated = await t.call('GET', '/api/work-orders');
    expect(unauthenticated.statusCode).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { deadlineOf } from '../src/modules/work-orders/deadline.js';
import { createWorkOrder } from '../src/modules/work-orders/service.js';
import { loadCalendar } from '../src/platform/calendar/service.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import type { Actor } from '../src/platform/context.js';
import { policyCatalogue } from '../src/platform/policy/catalogue/index.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** SVC-1..6: the work-order core — intake, promises, dispatch, take, pause, the order's life. */
describe.each(dbKinds)('work orders on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let director: string;
  let repairTech: string;
  let gasInTech: string;
  let adminB: string;
  let directorB: string;
  const ids: Record<string, string> = {};
  let accountId: string;

  const userId = async (companyId: string, username: string) =>
    (
      await t.db.query<{ id: string }>('SELECT id FROM users WHERE company_id = $1 AND username = $2', [
        companyId,
        username,
      ])
    ).rows[0]!.id;
  const unitId = async (companyId: string, code: string) =>
    (
      await t.db.query<{ id: string }>('SELECT id FROM org_units WHERE company_id = $1 AND code = $2', [
        companyId,
        code,
      ])
    ).rows[0]!.id;
  const create = (body: Record<string, unknown>, cookie = agent) =>
    t.call('POST', '/api/work-orders', { cookie, body });
  const leak = async (extra: Record<string, unknown> = {}) => {
    const res = await create({
      typeCode: 'leakEmergency',
      channel: 'hotline',
      callerName: '王先生',
      phone: '0632-5551234',
      address: '城东路 12 号楼道',
      description: '楼道有燃气味',
      orgUnitId: ids.centre,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const post = (id: string, action: string, body: Record<string, unknown>, cookie = director) =>
    t.call('POST', `/api/work-orders/${id}/${action}`, { cookie, body });
  const actorOf = async (username: string): Promise<Actor> => ({
    companyId: t.companyA,
    userId: await userId(t.companyA, username),
    name: username,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 5, seed: 41 });
    accountId = (
      await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 LIMIT 1', [t.companyA])
    ).rows[0]!.id;
    agent = await t.login('hotline.agent');
    director = await t.login('centre.director');
    repairTech = await t.login('repair.technician');
    gasInTech = await t.login('gas.in.technician');
    adminB = await t.login('b.system.admin');
    directorB = await t.login('b.centre.director');
    ids.centre = await unitId(t.companyA, 'CS-SVC');
    ids.repairTeam = await unitId(t.companyA, 'CS-SVC-T1');
    ids.gasInTeam = await unitId(t.companyA, 'CS-SVC-T2');
    ids.otherTeam = await unitId(t.companyA, 'CS-IRC-T1');
    ids.repairTech = await userId(t.companyA, 'repair.technician');
    ids.gasInTech = await userId(t.companyA, 'gas.in.technician');
    ids.teamLeader = await userId(t.companyA, 'team.leader');
    ids.agent = await userId(t.companyA, 'hotline.agent');
    ids.techB = await userId(t.companyB, 'b.repair.technician');
  });
  afterAll(() => t.close());

  it('SVC-2 every company starts with the ten types, each promise a policy key of the same unit', async () => {
    const res = await t.call('GET', '/api/work-order-types', { cookie: agent });
    expect(res.statusCode, res.body).toBe(200);
    const types = res.json().items as { code: string; promiseKey: string; promiseUnit: string; steps: unknown[] }[];
    expect(types.map((x) => x.code)).toEqual([
      'leakEmergency',
      'repair',
      'gasIn',
      'ignition',
      'installation',
      'meterReplacement',
      'meterTest',
      'shutOff',
      'reconnection',
      'requestedInspection',
    ]);
    for (const type of types) {
      const policy = policyCatalogue[type.promiseKey as keyof typeof policyCatalogue];
      expect(policy, type.promiseKey).toBeDefined();
      expect(policy.unit, type.code).toBe(type.promiseUnit);
      expect(type.steps.length).toBeGreaterThan(0);
    }
    const b = await t.db.query('SELECT count(*)::int AS n FROM work_order_types WHERE company_id = $1', [t.companyB]);
    expect(b.rows[0]).toEqual({ n: 10 });
  });

  it('SVC-6 a leak promise runs in minutes and a repair or reconnection promise in clock hours, from the policy', async () => {
    const order = await leak();
    expect(new Date(order.deadlineAt).getTime() - new Date(order.reportedAt).getTime()).toBe(40 * MIN);
    expect(order.promise).toEqual({ key: 'svc.leakArrivalMinutes', unit: 'minutes', amount: 40 });
    expect(order.timeLeftMs).toBeGreaterThan(39 * MIN);
    expect(order.timeLeftMs).toBeLessThanOrEqual(40 * MIN);
    expect(order.priority).toBe('urgent');
    expect(order.orderNo).toMatch(new RegExp(`^GD${businessToday().replaceAll('-', '')}-\\d{4}$`));
    for (const [typeCode, hours] of [
      ['repair', 24],
      ['reconnection', 48],
    ] as const) {
      const res = await create({
        typeCode,
        channel: 'hall',
        accountId,
        description: '灶具打不着火',
        orgUnitId: ids.centre,
      });
      expect(res.statusCode, res.body).toBe(201);
      const o = res.json();
      expect(new Date(o.deadlineAt).getTime() - new Date(o.reportedAt).getTime()).toBe(hours * HOUR);
      // SVC-1: with an account, who and where come from it.
      expect(o).toMatchObject({ accountId, accountNo: expect.any(String), callerName: expect.any(String) });
      expect(o.address).toBeTruthy();
    }
  });

  it('SVC-6 working days skip weekends and public holidays and count make-up working days; days count from the next day', async () => {
    const actor = await actorOf('hotline.agent');
    const base = {
      channel: 'hotline' as const,
      callerName: '李女士',
      address: '城西路 3 号',
      description: '申请点火',
      orgUnitId: ids.centre!,
    };
    // Wed 30 Sep 2026, then 1–7 Oct National Day: Thu 8, Fri 9 and the make-up Saturday 10 Oct.
    const national = await t.db.tx((tx) =>
      createWorkOrder(tx, actor, { ...base, typeCode: 'ignition' }, new Date('2026-09-30T10:00:00+08:00')),
    );
    expect(national.deadlineAt).toBe(new Date('2026-10-11T00:00:00+08:00').toISOString());
    // Fri 20 Nov 2026 across a weekend: Mon 23, Tue 24, Wed 25.
    const weekend = await t.db.tx((tx) =>
      createWorkOrder(tx, actor, { ...base, typeCode: 'ignition' }, new Date('2026-11-20T16:00:00+08:00')),
    );
    expect(weekend.deadlineAt).toBe(new Date('2026-11-26T00:00:00+08:00').toISOString());
    // Installation: 5 working days from Fri 25 Sep: 28, 29, 30 Sep, 8, 9 Oct.
    const install = await t.db.tx((tx) =>
      createWorkOrder(tx, actor, { ...base, typeCode: 'installation' }, new Date('2026-09-25T09:00:00+08:00')),
    );
    expect(install.deadlineAt).toBe(new Date('2026-10-10T00:00:00+08:00').toISOString());
    // A requested inspection: 3 calendar days from the day after, holidays or not.
    const inspection = await t.db.tx((tx) =>
      createWorkOrder(tx, actor, { ...base, typeCode: 'requestedInspection' }, new Date('2026-09-30T23:30:00+08:00')),
    );
    expect(inspection.deadlineAt).toBe(new Date('2026-10-04T00:00:00+08:00').toISOString());
    // Working hours run on the working periods (08:30–12:00, 13:00–17:30) of working days only.
    const calendar = await loadCalendar(t.db, t.companyA, 2026, 2027);
    expect(
      deadlineOf(calendar, { unit: 'workingHours', amount: 2 }, new Date('2026-09-30T16:30:00+08:00')).toISOString(),
    ).toBe(new Date('2026-10-08T09:30:00+08:00').toISOString());
  });

  it('SVC-6 the deadline is fixed at creation: a later policy change leaves it, and only new orders follow it', async () => {
    const before = await leak();
    await t.db.query(
      `INSERT INTO policy_values (company_id, key, effective_from, version, value)
       VALUES ($1, 'svc.leakArrivalMinutes', $2, 2, '30')`,
      [t.companyA, businessToday()],
    );
    const again = (await t.call('GET', `/api/work-orders/${before.id}`, { cookie: agent })).json();
    expect(again.deadlineAt).toBe(before.deadlineAt);
    expect(again.promise.amount).toBe(40);
    const after = await leak();
    expect(new Date(after.deadlineAt).getTime() - new Date(after.reportedAt).getTime()).toBe(30 * MIN);
  });

  it('SVC-3 the agent who took the call owns the order, and still does after it is dispatched and reassigned', async () => {
    const order = await leak();
    expect(order.ownerId).toBe(ids.agent);
    expect(order.status).toBe('created');
    const first = await post(order.id, 'assign', { technicianId: ids.repairTech, version: order.version });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'dispatched',
      teamId: ids.repairTeam,
      technicianId: ids.repairTech,
      ownerId: ids.agent,
    });
    expect(first.json().dispatchedAt).not.toBeNull();
    const second = await post(order.id, 'assign', {
      teamId: ids.gasInTeam,
      technicianId: ids.gasInTech,
      version: first.json().version,
      reason: '维修班人手不足',
    });
    expect(second.statusCode, second.body).toBe(200);
    const o = second.json();
    expect(o).toMatchObject({ ownerId: ids.agent, technicianId: ids.gasInTech, teamId: ids.gasInTeam });
    expect(o.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'assigned', 'reassigned']);
    expect(o.events[2]).toMatchObject({
      fromUserId: ids.repairTech,
      toUserId: ids.gasInTech,
      fromTeamId: ids.repairTeam,
      toTeamId: ids.gasInTeam,
      reason: '维修班人手不足',
      actorName: expect.any(String),
    });
    const audit = await t.db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE company_id = $1 AND entity_id = $2 ORDER BY id',
      [t.companyA, order.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['workOrder.create', 'workOrder.assign', 'workOrder.reassign']);
    // A stale version is refused.
    const stale = await post(order.id, 'assign', { technicianId: ids.repairTech, version: first.json().version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
  });

  it('assigning to a user of another company, a disabled user, or one outside the centre is refused naming the field', async () => {
    const order = await leak();
    const other = await post(order.id, 'assign', { technicianId: ids.techB, version: order.version });
    expect(other.statusCode, other.body).toBe(400);
    expect(other.json()).toMatchObject({ code: 'USER_NOT_FOUND', details: { fields: [{ path: 'technicianId' }] } });
    const outside = await post(order.id, 'assign', { technicianId: ids.teamLeader, version: order.version });
    expect(outside.statusCode, outside.body).toBe(400);
    expect(outside.json()).toMatchObject({
      code: 'USER_NOT_IN_CENTRE',
      details: { fields: [{ path: 'technicianId' }] },
    });
    expect(outside.json().message).toMatch(/不在本工单的中心/);
    const team = await post(order.id, 'assign', { teamId: ids.otherTeam, version: order.version });
    expect(team.statusCode, team.body).toBe(400);
    expect(team.json()).toMatchObject({ code: 'TEAM_NOT_IN_CENTRE', details: { fields: [{ path: 'teamId' }] } });
    const mismatch = await post(order.id, 'assign', {
      teamId: ids.repairTeam,
      technicianId: ids.gasInTech,
      version: order.version,
    });
    expect(mismatch.json()).toMatchObject({
      code: 'USER_NOT_IN_TEAM',
      details: { fields: [{ path: 'technicianId' }] },
    });
    const nobody = await post(order.id, 'assign', { version: order.version });
    expect(nobody.statusCode).toBe(400);
    // Nothing was written by any of these.
    const after = (await t.call('GET', `/api/work-orders/${order.id}`, { cookie: director })).json();
    expect(after).toMatchObject({ version: order.version, technicianId: null, status: 'created' });
    expect(after.events).toHaveLength(1);
    // A technician may not dispatch.
    const tech = await post(order.id, 'assign', { technicianId: ids.repairTech, version: order.version }, repairTech);
    expect(tech.statusCode).toBe(403);
  });

  it('two technicians taking the same order at the same moment: one wins, the other is told who has it', async () => {
    const order = await leak();
    const [a, b] = await Promise.all([
      post(order.id, 'take', { version: order.version }, repairTech),
      post(order.id, 'take', { version: order.version }, gasInTech),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes, `${a.body} ${b.body}`).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a.json() : b.json();
    const loser = a.statusCode === 200 ? b.json() : a.json();
    expect(loser.code).toBe('ALREADY_TAKEN');
    expect(loser.message).toContain(winner.technicianName);
    expect(winner).toMatchObject({ status: 'dispatched' });
    expect(winner.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'taken']);
    // A taken order cannot be taken again.
    const late = await post(order.id, 'take', {}, a.statusCode === 200 ? gasInTech : repairTech);
    expect(late.statusCode).toBe(409);
  });

  it('SVC-6 a pause needs a reason; while paused the clock stands still and the time waited is left out', async () => {
    const order = await leak();
    const noReason = await post(order.id, 'pause', { reason: '  ', version: order.version });
    expect(noReason.statusCode, noReason.body).toBe(400);
    expect(noReason.json().details.fields[0].path).toBe('reason');
    const missing = await post(order.id, 'pause', { version: order.version });
    expect(missing.statusCode).toBe(400);
    const paused = await post(order.id, 'pause', { reason: '用户不在家，约定晚上回电', version: order.version });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ paused: true, pauseReason: '用户不在家，约定晚上回电' });
    // Pretend the pause began an hour ago: the time left is an hour more than the clock says.
    await t.db.query(
      "UPDATE work_orders SET paused_since = paused_since - interval '1 hour' WHERE company_id = $1 AND id = $2",
      [t.companyA, order.id],
    );
    const during = (await t.call('GET', `/api/work-orders/${order.id}`, { cookie: director })).json();
    const clockLeft = new Date(during.deadlineAt).getTime() - Date.now();
    expect(during.timeLeftMs - clockLeft).toBeGreaterThan(HOUR - 5 * MIN);
    const twice = await post(order.id, 'pause', { reason: '再次暂停', version: during.version });
    expect(twice.statusCode).toBe(409);
    const moved = await post(order.id, 'status', { to: 'cancelled', version: during.version });
    expect(moved.statusCode).toBe(400);
    const resumed = await post(order.id, 'resume', { reason: '用户已回电', version: during.version });
    expect(resumed.statusCode, resumed.body).toBe(200);
    const r = resumed.json();
    expect(r.paused).toBe(false);
    expect(r.pausedMs).toBeGreaterThanOrEqual(HOUR);
    expect(r.deadlineAt).toBe(order.deadlineAt);
    expect(r.events.map((e: { kind: string; reason: string | null }) => [e.kind, e.reason])).toEqual([
      ['created', null],
      ['paused', '用户不在家，约定晚上回电'],
      ['resumed', '用户已回电'],
    ]);
  });

  it('SVC-4 an order goes created → dispatched → appointed → arrived → completed → closed, each time recorded; a wrong step is refused', async () => {
    const order = await leak();
    const early = await post(order.id, 'complete', { version: order.version });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'BAD_TRANSITION' });
    expect(early.json().message).toMatch(/已受理.*已完成/);
    let o = (await post(order.id, 'take', { version: order.version }, repairTech)).json();
    // Only the technician on the order (or a dispatcher) moves it; only a dispatcher closes it.
    const notMine = await post(order.id, 'status', { to: 'arrived', version: o.version }, gasInTech);
    expect(notMine.statusCode).toBe(403);
    const noTime = await post(order.id, 'status', { to: 'appointed', version: o.version }, repairTech);
    expect(noTime.json()).toMatchObject({
      code: 'APPOINTMENT_REQUIRED',
      details: { fields: [{ path: 'appointmentAt' }] },
    });
    const appointmentAt = new Date(Date.now() + HOUR).toISOString();
    const step = async (to: string, extra: Record<string, unknown> = {}, cookie = repairTech) => {
      const res = await post(order.id, 'status', { to, version: o.version, ...extra }, cookie);
      expect(res.statusCode, res.body).toBe(200);
      o = res.json();
      return o;
    };
    await step('appointed', { appointmentAt });
    expect(o.appointmentAt).toBe(appointmentAt);
    await step('arrived');
    expect(o.arrivedAt).not.toBeNull();
    // The arrival promise was kept: the clock stopped.
    expect(o).toMatchObject({ timeLeftMs: null, breached: false });
    const close = await post(order.id, 'status', { to: 'closed', version: o.version }, repairTech);
    expect(close.statusCode).toBe(403);
    // Completion has its own route: the customer signs (SVC-4 with the signature of the leak type's `sign` step).
    const signature =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const completed = await post(order.id, 'complete', { version: o.version, signature }, repairTech);
    expect(completed.statusCode, completed.body).toBe(200);
    o = completed.json();
    const reopen = await post(order.id, 'status', { to: 'arrived', version: o.version }, director);
    expect(reopen.statusCode).toBe(409);
    await step('closed', {}, director);
    expect(o.status).toBe('closed');
    expect(o.events.map((e: { kind: string; toStatus: string }) => `${e.kind}:${e.toStatus}`)).toEqual([
      'created:created',
      'taken:dispatched',
      'status:appointed',
      'status:arrived',
      'status:completed',
      'status:closed',
    ]);
    const audit = await t.db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE company_id = $1 AND entity_id = $2 ORDER BY id',
      [t.companyA, order.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'workOrder.create',
      'workOrder.take',
      'workOrder.appointed',
      'workOrder.arrived',
      'workOrder.attachments',
      'workOrder.completed',
      'workOrder.closed',
    ]);
    // Events cannot be rewritten.
    await expect(
      t.db.query("UPDATE work_order_events SET reason = 'x' WHERE company_id = $1 AND work_order_id = $2", [
        t.companyA,
        order.id,
      ]),
    ).rejects.toThrow(/append-only/);
  });

  it('SVC-4 a visit that cannot finish needs a reason and a new appointment; a cancellation needs a reason', async () => {
    const order = await leak();
    let o = (await post(order.id, 'take', {}, repairTech)).json();
    o = (await post(order.id, 'status', { to: 'arrived', version: o.version }, repairTech)).json();
    const bare = await post(order.id, 'status', { to: 'notCompleted', version: o.version }, repairTech);
    expect(bare.json()).toMatchObject({ code: 'REASON_REQUIRED', details: { fields: [{ path: 'reason' }] } });
    const res = await post(
      order.id,
      'status',
      { to: 'notCompleted', version: o.version, reason: '缺配件' },
      repairTech,
    );
    expect(res.statusCode, res.body).toBe(200);
    o = res.json();
    expect(o).toMatchObject({ status: 'notCompleted', outcomeReason: '缺配件' });
    const next = new Date(Date.now() + 24 * HOUR).toISOString();
    o = (
      await post(order.id, 'status', { to: 'appointed', version: o.version, appointmentAt: next }, repairTech)
    ).json();
    expect(o.status).toBe('appointed');
    const cancel = await post(order.id, 'status', { to: 'cancelled', version: o.version });
    expect(cancel.json()).toMatchObject({ code: 'REASON_REQUIRED' });
    const done = await post(order.id, 'status', { to: 'cancelled', version: o.version, reason: '用户自行解决' });
    expect(done.json()).toMatchObject({ status: 'cancelled', timeLeftMs: null, breached: false });
  });

  it('the dispatch board lists a centre’s open orders by deadline, by team, technician or unassigned, a page at a time', async () => {
    const board = async (query: string) => {
      const res = await t.call('GET', `/api/work-orders/board?orgUnitId=${ids.centre}&${query}`, { cookie: director });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const all = await board('pageSize=200');
    expect(all.total).toBeGreaterThan(3);
    const deadlines = all.items.map((o: { deadlineAt: string }) => o.deadlineAt);
    expect([...deadlines].sort()).toEqual(deadlines);
    expect(all.items.every((o: { status: string }) => !['closed', 'cancelled'].includes(o.status))).toBe(true);
    // Phones are masked on the board.
    expect(all.items.find((o: { phone: string | null }) => o.phone)?.phone).toMatch(/\*/);
    const unassigned = await board('unassigned=true&pageSize=200');
    expect(unassigned.items.every((o: { technicianId: string | null }) => o.technicianId === null)).toBe(true);
    const mine = await board(`technicianId=${ids.gasInTech}&pageSize=200`);
    expect(mine.items.every((o: { technicianId: string }) => o.technicianId === ids.gasInTech)).toBe(true);
    const team = await board(`teamId=${ids.gasInTeam}&pageSize=200`);
    expect(team.total).toBe(mine.total);
    expect(unassigned.total + (await board('unassigned=false')).total).toBe(all.total);
    const page = await board('pageSize=2&page=2');
    expect(page.items.map((o: { id: string }) => o.id)).toEqual(all.items.slice(2, 4).map((o: { id: string }) => o.id));
    const bad = await t.call('GET', '/api/work-orders/board', { cookie: director });
    expect(bad.statusCode).toBe(400);
  });

  it('bad intake is refused naming the field, with nothing written', async () => {
    const count = async () =>
      (
        await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM work_orders WHERE company_id = $1', [
          t.companyA,
        ])
      ).rows[0]!.n;
    const before = await count();
    const base = { typeCode: 'repair', channel: 'hotline', description: '热水器打不着', orgUnitId: ids.centre };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, typeCode: 'noSuchType', callerName: '张', address: '某路' }, 'typeCode'],
      [{ ...base, address: '某路' }, 'callerName'],
      [{ ...base, callerName: '张' }, 'address'],
      [{ ...base, callerName: '张', address: '某路', description: '' }, 'description'],
      [{ ...base, callerName: '张', address: '某路', channel: 'fax' }, 'channel'],
      [{ ...base, callerName: '张', address: '某路', orgUnitId: ids.repairTeam }, 'orgUnitId'],
      [{ ...base, callerName: '张', address: '某路', phone: 'abc' }, 'phone'],
      [{ ...base, accountId: '00000000-0000-4000-8000-000000000000' }, 'accountId'],
      [{ ...base, callerName: '张', address: '某路', contactId: '00000000-0000-4000-8000-000000000000' }, 'contactId'],
      [
        { ...base, callerName: '张', address: '某路', serviceApplicationId: '00000000-0000-4000-8000-000000000000' },
        'serviceApplicationId',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.statusCode, `${field}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${field}: ${res.body}`).toBeLessThan(500);
      expect(res.json().details.fields[0].path, res.body).toBe(field);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count()).toBe(before);
    // A technician may not take requests.
    expect((await create({ ...base, callerName: '张', address: '某路' }, repairTech)).statusCode).toBe(403);
  });

  it('ORG-1 a company sees and touches only its own orders, centres and people', async () => {
    const order = await leak();
    const read = await t.call('GET', `/api/work-orders/${order.id}`, { cookie: adminB });
    expect(read.statusCode).toBe(404);
    const assign = await post(order.id, 'assign', { technicianId: ids.techB, version: order.version }, directorB);
    expect(assign.statusCode).toBe(404);
    const board = await t.call('GET', `/api/work-orders/board?orgUnitId=${ids.centre}`, { cookie: directorB });
    expect(board.statusCode).toBe(404);
    const intake = await t.call('POST', '/api/work-orders', {
      cookie: adminB,
      body: { typeCode: 'repair', channel: 'hall', accountId, description: '越权', orgUnitId: ids.centre },
    });
    expect(intake.statusCode).toBeGreaterThanOrEqual(400);
    expect(intake.statusCode).toBeLessThan(500);
  });

  it('CUS-8 an installation order picks up a pending service application, which is scheduled from then on', async () => {
    const clerk = await t.login('hall.clerk');
    const opening = await t.call('POST', '/api/account-openings', {
      cookie: clerk,
      body: {
        mode: 'individual',
        applicant: {
          kind: 'residential',
          name: '赵新装',
          idType: 'passport',
          idNo: 'E87654321',
          mobile: '13900000003',
        },
        premise: { district: '城东区', addressKind: 'bungalow', lane: '新装巷', rowNo: '2', houseNo: '8' },
        usageNature: 'RES',
        meterType: 'icCard',
        buildingType: 'villa',
        account: { paymentMethod: 'icTopUp' },
        applicationDate: businessToday(),
        invoiceDate: businessToday(),
      },
    });
    expect(opening.statusCode, opening.body).toBe(201);
    const application = opening.json().application;
    const household = await t.db.query<{ id: string }>(
      'SELECT account_id AS id FROM service_application_accounts WHERE company_id = $1 AND application_id = $2',
      [t.companyA, application.id],
    );
    const base = {
      channel: 'hall',
      accountId: household.rows[0]!.id,
      description: '新装燃气表及管道',
      orgUnitId: ids.centre,
      serviceApplicationId: application.id,
    };
    const wrong = await create({ ...base, typeCode: 'repair' });
    expect(wrong.json()).toMatchObject({
      code: 'APPLICATION_NOT_INSTALLATION',
      details: { fields: [{ path: 'serviceApplicationId' }] },
    });
    const res = await create({ ...base, typeCode: 'installation' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ serviceApplicationId: application.id, promise: { unit: 'workingDays' } });
    const status = await t.db.query('SELECT status FROM service_applications WHERE company_id = $1 AND id = $2', [
      t.companyA,
      application.id,
    ]);
    expect(status.rows[0]).toEqual({ status: 'scheduled' });
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE company_id = $1 AND action = 'serviceApplication.schedule' AND entity_id = $2",
      [t.companyA, application.id],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('a disabled employee cannot be given an order', async () => {
    const order = await leak();
    await t.db.query("UPDATE users SET status = 'disabled' WHERE company_id = $1 AND id = $2", [
      t.companyA,
      ids.gasInTech,
    ]);
    const res = await post(order.id, 'assign', { technicianId: ids.gasInTech, version: order.version });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'USER_INACTIVE', details: { fields: [{ path: 'technicianId' }] } });
  });
});

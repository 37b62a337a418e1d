import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

/** SVC-3 首问责任制: the first taker keeps seeing the progress of what they took until it is closed. */
describe.each(dbKinds)('my contacts on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let clerk: string;
  let director: string;
  let tech: string;
  let agentB: string;
  const ids: Record<string, string> = {};

  const one = async (sql: string, params: unknown[]) => (await t.db.query<{ id: string }>(sql, params)).rows[0]!.id;
  const order = async (description: string, cookie = agent) => {
    const res = await t.call('POST', '/api/work-orders', {
      cookie,
      body: {
        typeCode: 'repair',
        channel: 'hotline',
        callerName: '赵女士',
        phone: '13900001111',
        address: '城西区槐树巷3排12号',
        description,
        orgUnitId: ids.centre,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; orderNo: string };
  };
  const act = async (id: string, path: string, body: Record<string, unknown>, cookie: string) => {
    const res = await t.call('POST', `/api/work-orders/${id}/${path}`, { cookie, body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { version: number };
  };
  const mine = async (query = '', cookie = agent) => {
    const res = await t.call('GET', `/api/work-orders/my-contacts${query}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      total: number;
      items: {
        id: string;
        status: string;
        technicianName: string | null;
        timeLeftMs: number | null;
        lastEvent: { kind: string; toStatus: string | null; actorName: string | null } | null;
      }[];
    };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    agent = await t.login('hotline.agent');
    clerk = await t.login('hall.clerk');
    director = await t.login('centre.director');
    tech = await t.login('repair.technician');
    agentB = await t.login('b.hotline.agent');
    ids.centre = await one("SELECT id FROM org_units WHERE company_id = $1 AND code = 'CS-SVC'", [t.companyA]);
    ids.tech = await one("SELECT id FROM users WHERE company_id = $1 AND username = 'repair.technician'", [t.companyA]);
  });
  afterAll(() => t?.close());

  it('SVC-3: the taker sees the order after it moved to a technician, with its status, technician, time left and last event', async () => {
    const o = await order('灶具打不着火');
    const assigned = await act(o.id, 'assign', { technicianId: ids.tech, version: o.version }, director);
    await act(o.id, 'status', { to: 'arrived', version: assigned.version }, tech);
    const list = await mine();
    const item = list.items.find((i) => i.id === o.id);
    expect(item).toMatchObject({
      status: 'arrived',
      technicianName: expect.any(String),
      lastEvent: { kind: 'status', toStatus: 'arrived' },
    });
    // A repair's promise (svc.repairArrivalMaxHours) stops at arrival: nothing is left to count.
    expect(item!.timeLeftMs).toBeNull();
    // Nobody else took it: it is not in the hall clerk's list, nor in company B's.
    expect((await mine('', clerk)).items.map((i) => i.id)).not.toContain(o.id);
    expect((await mine('', agentB)).total).toBe(0);
  });

  it('SVC-3: open orders come first by deadline; a closed or cancelled one stays for closedWithinDays, then leaves the list', async () => {
    const open = await order('热水器漏水');
    const done = await order('表前阀门松动');
    const v = (await act(done.id, 'assign', { technicianId: ids.tech, version: done.version }, director)).version;
    await act(done.id, 'status', { to: 'cancelled', reason: '用户自行修好', version: v }, director);

    const all = await mine('?pageSize=200');
    const at = (id: string) => all.items.findIndex((i) => i.id === id);
    expect(at(open.id)).toBeGreaterThanOrEqual(0);
    expect(at(done.id)).toBeGreaterThan(at(open.id));
    expect(all.items[at(done.id)]).toMatchObject({ status: 'cancelled', lastEvent: { toStatus: 'cancelled' } });

    const openOnly = await mine('?state=open&pageSize=200');
    expect(openOnly.items.map((i) => i.id)).toContain(open.id);
    expect(openOnly.items.map((i) => i.id)).not.toContain(done.id);
    const closed = await mine('?state=closed');
    expect(closed.items.map((i) => i.id)).toEqual([done.id]);
    // Closed more than the window ago: gone.
    await t.db.query("UPDATE work_orders SET closed_at = now() - interval '8 days' WHERE company_id = $1 AND id = $2", [
      t.companyA,
      done.id,
    ]);
    expect((await mine('?pageSize=200')).items.map((i) => i.id)).not.toContain(done.id);
    expect((await mine('?closedWithinDays=30&pageSize=200')).items.map((i) => i.id)).toContain(done.id);
  });

  it('SVC-3: the list pages, and a bad query is a 400 naming the field', async () => {
    const page = await mine('?pageSize=1&page=1');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
    const bad = await t.call('GET', '/api/work-orders/my-contacts?closedWithinDays=1000', { cookie: agent });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().details)).toContain('closedWithinDays');
    // A user who may neither take nor read work orders is refused.
    const cashier = await t.login('cashier');
    expect((await t.call('GET', '/api/work-orders/my-contacts', { cookie: cashier })).statusCode).toBe(403);
  });
});

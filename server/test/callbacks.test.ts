import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { workOrderCompleted } from '../src/modules/work-orders/lifecycle.js';
import { getWorkOrder } from '../src/modules/work-orders/service.js';
import { loadCalendarCovering } from '../src/platform/calendar/service.js';
import { addDays, businessToday, startOfBusinessDay } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

/** CMP-3: callbacks after repairs, door-to-door work and complaints, every call recorded, poor scores followed up. */
describe.each(dbKinds)('callbacks on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let supervisor: string;
  let repairTech: string;
  let auditor: string;
  let agentB: string;
  let accountId: string;
  let centre: string;

  /**
   * A work order of `typeCode` taken by the repair technician and completed. Completion itself (forms,
   * signature) is the work-order module's; here the order is marked completed and the completed
   * listeners run in that transaction, as completion runs them.
   */
  const completedOrder = async (typeCode = 'repair') => {
    const created = await t.call('POST', '/api/work-orders', {
      cookie: agent,
      body: { typeCode, channel: 'hotline', accountId, description: '灶具打不着火', orgUnitId: centre },
    });
    expect(created.statusCode, created.body).toBe(201);
    const o = created.json();
    const taken = await t.call('POST', `/api/work-orders/${o.id}/take`, {
      cookie: repairTech,
      body: { version: o.version },
    });
    expect(taken.statusCode, taken.body).toBe(200);
    const tech = (
      await t.db.query<{ id: string }>(
        "SELECT id FROM users WHERE company_id = $1 AND username = 'repair.technician'",
        [t.companyA],
      )
    ).rows[0]!.id;
    return t.db.tx(async (tx) => {
      await tx.query(
        `UPDATE work_orders SET status = 'completed', arrived_at = now(), completed_at = now(), version = version + 1
          WHERE company_id = $1 AND id = $2`,
        [t.companyA, o.id],
      );
      const done = await getWorkOrder(tx, t.companyA, o.id);
      await workOrderCompleted(tx, { companyId: t.companyA, userId: tech, name: 'repair.technician' }, done);
      return done as { id: string; orderNo: string; completedAt: string };
    });
  };
  const callbackOf = async (workOrderId: string) =>
    (
      await t.db.query<{ id: string }>('SELECT id FROM callbacks WHERE company_id = $1 AND work_order_id = $2', [
        t.companyA,
        workOrderId,
      ])
    ).rows[0];
  const call = (id: string, body: Record<string, unknown>, cookie = agent) =>
    t.call('POST', `/api/callbacks/${id}/calls`, { cookie, body });
  const get = async (id: string, cookie = agent) => (await t.call('GET', `/api/callbacks/${id}`, { cookie })).json();

  beforeAll(async () => {
    t = await createTestApp(kind);
    agent = await t.login('hotline.agent');
    supervisor = await t.login('centre.supervisor');
    repairTech = await t.login('repair.technician');
    auditor = await t.login('auditor');
    agentB = await t.login('b.hotline.agent');
    await generateAccounts(t.db, t.companyA, { count: 3, seed: 11 });
    accountId = (
      await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 LIMIT 1', [t.companyA])
    ).rows[0]!.id;
    centre = (
      await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE company_id = $1 AND code = 'CS-SVC'", [
        t.companyA,
      ])
    ).rows[0]!.id;
  });
  afterAll(() => t?.close());

  it('CMP-3: a completed repair queues a callback due in cmp.callbackWorkingDays working days; a shut-off does not', async () => {
    const order = await completedOrder('repair');
    const cb = await callbackOf(order.id);
    expect(cb).toBeDefined();
    const detail = await get(cb!.id);
    expect(detail).toMatchObject({
      source: 'workOrder',
      workOrderId: order.id,
      sourceNo: order.orderNo,
      status: 'pending',
      attempts: 0,
      accountId,
    });
    const day = businessToday(new Date(order.completedAt));
    const calendar = await loadCalendarCovering(t.db, t.companyA, [day]);
    expect(detail.dueAt).toBe(startOfBusinessDay(addDays(calendar.addWorkingDays(day, 3), 1)).toISOString());
    const shutOff = await completedOrder('shutOff');
    expect(await callbackOf(shutOff.id)).toBeUndefined();
    // The queue, due first; company B sees none of it.
    const queue = (await t.call('GET', '/api/callbacks?status=pending', { cookie: agent })).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(cb!.id);
    expect((await t.call('GET', '/api/callbacks', { cookie: agentB })).json().total).toBe(0);
    expect((await t.call('GET', `/api/callbacks/${cb!.id}`, { cookie: agentB })).statusCode).toBe(404);
  });

  it('CMP-3: completing an ignition order through the work-order flow queues its callback in the same transaction', async () => {
    const PNG =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const gasInTech = await t.login('gas.in.technician');
    const created = await t.call('POST', '/api/work-orders', {
      cookie: agent,
      body: { typeCode: 'ignition', channel: 'hotline', accountId, description: '新装点火', orgUnitId: centre },
    });
    expect(created.statusCode, created.body).toBe(201);
    let o = created.json();
    for (const [action, body] of [
      ['take', {}],
      ['status', { to: 'arrived' }],
      ['complete', { signature: PNG }],
    ] as const) {
      const res = await t.call('POST', `/api/work-orders/${o.id}/${action}`, {
        cookie: gasInTech,
        body: { version: o.version, ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
      o = res.json();
    }
    expect(o.status).toBe('completed');
    const cb = await callbackOf(o.id);
    expect(cb).toBeDefined();
    expect(await get(cb!.id)).toMatchObject({ source: 'workOrder', sourceNo: o.orderNo, topic: '点火回访' });
  });

  it('CMP-2 / CMP-3: closing a confidential complaint queues a callback that keeps the complainant masked', async () => {
    const director = await t.login('centre.director');
    const c = (
      await t.call('POST', '/api/complaints', {
        cookie: director,
        body: {
          channel: 'hall',
          complainantName: '回访保密人',
          phone: '13800003333',
          subject: '营业厅服务',
          description: '等候时间过长',
          grade: 'withImpact',
          confidential: true,
        },
      })
    ).json();
    expect(c.handlerId).toBeTruthy();
    const decided = await t.call('POST', `/api/complaints/${c.id}/decide`, {
      cookie: director,
      body: {
        decision: '已致歉',
        communicatedVia: 'phone',
        communicatedAt: new Date().toISOString(),
        version: c.version,
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const closed = await t.call('POST', `/api/complaints/${c.id}/close`, {
      cookie: director,
      body: { version: decided.json().version },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const asAgent = (await t.call('GET', '/api/callbacks?source=complaint&pageSize=200', { cookie: agent })).json();
    const row = asAgent.items.find((x: { complaintId: string }) => x.complaintId === c.id);
    expect(row).toMatchObject({ masked: true, name: '回**', phone: '***', topic: '投诉回访：营业厅服务' });
    expect(JSON.stringify(asAgent)).not.toContain('13800003333');
    const asDirector = await get(row.id, director);
    expect(asDirector).toMatchObject({ masked: false, name: '回访保密人', phone: '13800003333' });
  });

  it('CMP-3: a date filter outside 2000–2099 is a 400 naming its field, never a 500', async () => {
    const res = await t.call('GET', '/api/callbacks?from=0000-01-01T00:00:00Z', { cookie: agent });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].path).toBe('from');
  });

  it('CMP-3: every attempt is kept; after cmp.callbackMaxAttempts unanswered calls it is unreachable', async () => {
    const order = await completedOrder('repair');
    const cb = (await callbackOf(order.id))!;
    let v = (await get(cb.id)).version;
    for (let i = 1; i <= 3; i++) {
      const res = await call(cb.id, { reached: false, comments: `第 ${i} 次无人接听`, version: v });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version;
      expect(res.json()).toMatchObject({ attempts: i, status: i < 3 ? 'pending' : 'unreachable' });
    }
    const after = await get(cb.id);
    expect(after.attemptsLog).toHaveLength(3);
    expect(after.attemptsLog.every((a: { reached: boolean }) => !a.reached)).toBe(true);
    const more = await call(cb.id, { reached: true, score: 5, version: v });
    expect(more.statusCode).toBe(409);
    await expect(
      t.db.query('DELETE FROM callback_attempts WHERE company_id = $1 AND callback_id = $2', [t.companyA, cb.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('CMP-3: a reached call needs a 1–5 score; an unanswered one has none', async () => {
    const order = await completedOrder('repair');
    const cb = (await callbackOf(order.id))!;
    const v = (await get(cb.id)).version;
    const noScore = await call(cb.id, { reached: true, comments: '满意', version: v });
    expect(noScore.statusCode).toBe(400);
    expect(noScore.json()).toMatchObject({ code: 'SCORE_REQUIRED', details: { fields: [{ path: 'score' }] } });
    const scoreNoReach = await call(cb.id, { reached: false, score: 3, version: v });
    expect(scoreNoReach.json()).toMatchObject({
      code: 'SCORE_WITHOUT_REACH',
      details: { fields: [{ path: 'score' }] },
    });
    const six = await call(cb.id, { reached: true, score: 6, version: v });
    expect(six.statusCode).toBe(400);
    expect(six.json().details.fields[0].path).toBe('score');
    const readOnly = await call(cb.id, { reached: true, score: 4, version: v }, auditor);
    expect(readOnly.statusCode).toBe(403);
    const ok = await call(cb.id, { reached: true, score: 4, comments: '师傅很专业', version: v });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'done', score: 4, comments: '师傅很专业', followUpComplaintId: null });
  });

  it('CMP-3: a callback scored at or below cmp.callbackFollowUpMaxScore opens a follow-up complaint linked to it', async () => {
    const order = await completedOrder('repair');
    const cb = (await callbackOf(order.id))!;
    const v = (await get(cb.id)).version;
    const res = await call(cb.id, { reached: true, score: 1, comments: '维修后仍漏气，很不满意', version: v });
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json();
    expect(done).toMatchObject({ status: 'done', score: 1 });
    expect(done.followUpComplaintId).toBeTruthy();
    expect(done.followUpComplaintNo).toMatch(/^TS\d{8}-\d{4}$/);
    const complaint = (
      await t.call('GET', `/api/complaints/${done.followUpComplaintId}`, { cookie: supervisor })
    ).json();
    expect(complaint).toMatchObject({
      source: 'callback',
      channel: 'callback',
      callbackId: cb.id,
      accountId,
      grade: 'ordinary',
      description: '维修后仍漏气，很不满意',
    });
    const audit = await t.db.query(
      'SELECT action FROM audit_log WHERE company_id = $1 AND entity_id IN ($2, $3) ORDER BY id',
      [t.companyA, cb.id, done.followUpComplaintId],
    );
    expect(audit.rows.map((r) => (r as { action: string }).action)).toEqual(
      expect.arrayContaining(['callback.create', 'complaint.create', 'callback.call']),
    );
    const low = (await t.call('GET', '/api/callbacks?maxScore=2&status=done', { cookie: agent })).json();
    expect(low.items.map((x: { id: string }) => x.id)).toContain(cb.id);
  });
});

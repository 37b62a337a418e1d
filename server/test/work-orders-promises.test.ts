import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPromises } from '../src/modules/work-orders/promises.js';
import { createWorkOrder } from '../src/modules/work-orders/service.js';
import type { Actor } from '../src/platform/context.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const MIN = 60_000;

/** SVC-6 step 2: warnings before a breach, escalation on it, and the monthly compliance report. */
describe.each(dbKinds)('work-order promises on %s', (kind) => {
  let t: TestApp;
  let actor: Actor;
  let director: string;
  let leader: string;
  let directorB: string;
  const ids: Record<string, string> = {};

  const one = async <T>(sql: string, params: unknown[]) => (await t.db.query<T>(sql, params)).rows[0]!;
  const idOf = async (table: 'users' | 'org_units', column: string, value: string) =>
    (await one<{ id: string }>(`SELECT id FROM ${table} WHERE company_id = $1 AND ${column} = $2`, [t.companyA, value]))
      .id;

  /** A leak order (40-minute promise) of the centre CS-IRC and its team T1, reported at `at`. */
  const leak = async (at: Date, team = true) => {
    const o = await t.db.tx((tx) =>
      createWorkOrder(
        tx,
        actor,
        {
          typeCode: 'leakEmergency',
          channel: 'hotline',
          callerName: '王先生',
          phone: '0632-5551234',
          address: '城东路 12 号楼道',
          description: '楼道有燃气味',
          orgUnitId: ids.centre!,
        },
        at,
      ),
    );
    if (team) {
      await t.db.query('UPDATE work_orders SET team_id = $3 WHERE company_id = $1 AND id = $2', [
        t.companyA,
        o.id,
        ids.team,
      ]);
    }
    return o.id as string;
  };
  const levels = async (orderId: string) =>
    (
      await t.db.query<{ level: string; toUserId: string | null }>(
        `SELECT level, to_user_id AS "toUserId" FROM work_order_escalations
          WHERE company_id = $1 AND work_order_id = $2 ORDER BY at, level`,
        [t.companyA, orderId],
      )
    ).rows;
  const eventKinds = async (orderId: string) =>
    (
      await t.db.query<{ kind: string }>(
        'SELECT kind FROM work_order_events WHERE company_id = $1 AND work_order_id = $2 ORDER BY id',
        [t.companyA, orderId],
      )
    ).rows.map((r) => r.kind);
  const check = (t0: Date, minutes: number) => checkPromises(t.db, t.companyA, new Date(t0.getTime() + minutes * MIN));

  beforeAll(async () => {
    t = await createTestApp(kind);
    ids.centre = await idOf('org_units', 'code', 'CS-IRC');
    ids.team = await idOf('org_units', 'code', 'CS-IRC-T1');
    ids.leader = await idOf('users', 'username', 'team.leader');
    ids.director = await idOf('users', 'username', 'centre.director');
    // The centre manager of CS-IRC for these tests.
    await t.db.query('UPDATE users SET org_unit_id = $3 WHERE company_id = $1 AND id = $2', [
      t.companyA,
      ids.director,
      ids.centre,
    ]);
    actor = { companyId: t.companyA, userId: await idOf('users', 'username', 'hotline.agent'), name: 'hotline.agent' };
    director = await t.login('centre.director');
    leader = await t.login('team.leader');
    directorB = await t.login('b.centre.director');
  });
  afterAll(() => t?.close());

  it('SVC-6: the warning is written once, when 80% of the promise has elapsed', async () => {
    const t0 = new Date('2026-06-01T09:00:00+08:00');
    const id = await leak(t0);
    await check(t0, 31);
    expect(await levels(id)).toEqual([]);
    await check(t0, 32);
    await check(t0, 33);
    expect(await levels(id)).toEqual([{ level: 'warning', toUserId: ids.leader }]);
    expect(await eventKinds(id)).toEqual(['created', 'warned']);
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'workOrder.warn'",
      [t.companyA, id],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('SVC-6: at breach the team head is told, and the centre manager after svc.escalationStepMinutes', async () => {
    const t0 = new Date('2026-06-02T09:00:00+08:00');
    const id = await leak(t0);
    await check(t0, 40);
    expect((await levels(id)).map((l) => l.level)).toEqual(['warning']);
    await check(t0, 41);
    expect(await levels(id)).toEqual([
      { level: 'warning', toUserId: ids.leader },
      { level: 'teamHead', toUserId: ids.leader },
    ]);
    await check(t0, 40 + 59);
    expect(await levels(id)).toHaveLength(2);
    await check(t0, 40 + 60);
    expect((await levels(id)).at(-1)).toEqual({ level: 'centreManager', toUserId: ids.director });
    expect(await eventKinds(id)).toEqual(['created', 'warned', 'escalated', 'escalated']);

    // The team head and the centre manager see it among the open escalations; company B does not.
    const mine = await t.call('GET', '/api/work-orders/escalations?pageSize=200', { cookie: leader });
    expect(mine.statusCode, mine.body).toBe(200);
    const forOrder = mine.json().items.filter((e: { workOrderId: string }) => e.workOrderId === id);
    expect(forOrder.map((e: { level: string }) => e.level).sort()).toEqual(['centreManager', 'teamHead']);
    const theirs = await t.call('GET', '/api/work-orders/escalations', { cookie: directorB });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().total).toBe(0);
  });

  it('SVC-6: a paused order neither warns nor escalates, and its pause moves the thresholds', async () => {
    const t0 = new Date('2026-06-03T09:00:00+08:00');
    const id = await leak(t0);
    await t.db.query(
      "UPDATE work_orders SET paused_since = $3, pause_reason = '用户不在家' WHERE company_id = $1 AND id = $2",
      [t.companyA, id, new Date(t0.getTime() + 5 * MIN)],
    );
    await check(t0, 120);
    await check(t0, 300);
    expect(await levels(id)).toEqual([]);
    // Resumed after 90 minutes of waiting: at 2 h, 30 of its 40 minutes are used (75%) — no warning yet.
    await t.db.query(
      'UPDATE work_orders SET paused_since = NULL, pause_reason = NULL, paused_ms = $3 WHERE company_id = $1 AND id = $2',
      [t.companyA, id, 90 * MIN],
    );
    await check(t0, 120);
    expect(await levels(id)).toEqual([]);
    await check(t0, 122);
    expect((await levels(id)).map((l) => l.level)).toEqual(['warning']);
    await check(t0, 131);
    expect((await levels(id)).map((l) => l.level)).toEqual(['warning', 'teamHead']);
  });

  it('SVC-6: running the check twice, or twice at once, writes nothing twice', async () => {
    const t0 = new Date('2026-06-04T09:00:00+08:00');
    const id = await leak(t0);
    const [a, b] = await Promise.all([check(t0, 200), check(t0, 200)]);
    expect(a.warning + b.warning).toBeGreaterThanOrEqual(1);
    const again = await check(t0, 200);
    expect(again).toEqual({ warning: 0, teamHead: 0, centreManager: 0 });
    expect((await levels(id)).map((l) => l.level).sort()).toEqual(['centreManager', 'teamHead', 'warning']);
    expect(await eventKinds(id)).toEqual(['created', 'warned', 'escalated', 'escalated']);
    const audit = await t.db.query(
      "SELECT action FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action LIKE 'workOrder.%' ORDER BY id",
      [t.companyA, id],
    );
    expect(audit.rows.map((r) => (r as { action: string }).action)).toEqual([
      'workOrder.create',
      'workOrder.warn',
      'workOrder.escalate',
      'workOrder.escalate',
    ]);
  });

  it('SVC-6: an arrived order (arrival promise) and a closed one are left alone', async () => {
    const t0 = new Date('2026-06-05T09:00:00+08:00');
    const id = await leak(t0);
    await t.db.query(
      "UPDATE work_orders SET status = 'arrived', dispatched_at = $3, arrived_at = $3 WHERE company_id = $1 AND id = $2",
      [t.companyA, id, new Date(t0.getTime() + 20 * MIN)],
    );
    await check(t0, 500);
    expect(await levels(id)).toEqual([]);
  });

  it('SVC-6: the compliance report counts met and breached orders of the month, by type and by team', async () => {
    const at = (s: string) => new Date(`${s}+08:00`);
    const arrive = (id: string, when: Date) =>
      t.db.query(
        "UPDATE work_orders SET status = 'arrived', dispatched_at = $3, arrived_at = $3 WHERE company_id = $1 AND id = $2",
        [t.companyA, id, when],
      );
    // Met: arrived after 30 of 40 minutes (75%).
    const met = await leak(at('2026-03-10T10:00:00'));
    await arrive(met, at('2026-03-10T10:30:00'));
    // Breached: arrived after 50 minutes (125%).
    const late = await leak(at('2026-03-11T10:00:00'));
    await arrive(late, at('2026-03-11T10:50:00'));
    // Breached: never arrived, and no team.
    await leak(at('2026-03-12T10:00:00'), false);
    // Cancelled: no promise to keep. Due in April: another month.
    const cancelled = await leak(at('2026-03-13T10:00:00'));
    await t.db.query("UPDATE work_orders SET status = 'cancelled' WHERE company_id = $1 AND id = $2", [
      t.companyA,
      cancelled,
    ]);
    await leak(at('2026-04-01T10:00:00'));
    // A paused hour moves a deadline of 31 March 23:50 into April.
    const moved = await leak(at('2026-03-31T23:10:00'));
    await t.db.query('UPDATE work_orders SET paused_ms = $3 WHERE company_id = $1 AND id = $2', [
      t.companyA,
      moved,
      60 * MIN,
    ]);

    const byType = await t.call('GET', '/api/work-orders/compliance?month=2026-03&by=type', { cookie: director });
    expect(byType.statusCode, byType.body).toBe(200);
    expect(byType.json().items).toEqual([
      {
        key: 'leakEmergency',
        name: { zh: '漏气抢险', en: 'Leak emergency' },
        due: 3,
        met: 1,
        breached: 2,
        pending: 0,
        complianceRate: 33.3,
        averageUsedPercent: 100,
      },
    ]);
    const byTeam = await t.call('GET', '/api/work-orders/compliance?month=2026-03&by=team', { cookie: director });
    const rows = byTeam.json().items as { key: string; due: number; met: number; breached: number }[];
    expect(rows.find((r) => r.key === ids.team)).toMatchObject({ due: 2, met: 1, breached: 1 });
    expect(rows.find((r) => r.key === '')).toMatchObject({ due: 1, met: 0, breached: 1 });

    // The same report as a spreadsheet: counts only, no personal data, so no IAM-5 grant is needed.
    const xlsx = await t.call('GET', '/api/exports/workOrderCompliance?month=2026-03&by=type', { cookie: director });
    expect(xlsx.statusCode, xlsx.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const sheet: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => {
      sheet.push((row.values as unknown[]).slice(1));
    });
    expect(sheet[0]).toEqual(['类型/班组', '到期工单', '按时完成', '超时', '未到期未完成', '达标率', '平均用时占承诺']);
    expect(sheet[1]).toEqual(['漏气抢险', 3, 1, 2, 0, '33.3%', '100%']);

    const bad = await t.call('GET', '/api/work-orders/compliance?month=2026-13', { cookie: director });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('month');
    // Company B sees only its own orders: none.
    const b = await t.call('GET', '/api/work-orders/compliance?month=2026-03', { cookie: directorB });
    expect(b.statusCode).toBe(200);
    expect(b.json().items).toEqual([]);
  });

  const smsOf = async (orderId: string) =>
    (
      await t.db.query<{ level: string; skipped: string | null; recipient: string | null; rendered: string | null }>(
        `SELECT e.level, e.sms_skipped AS skipped, m.recipient, m.rendered FROM work_order_escalations e
           LEFT JOIN notification_messages m ON m.company_id = e.company_id AND m.id = e.sms_message_id
          WHERE e.company_id = $1 AND e.work_order_id = $2 ORDER BY e.at, e.level`,
        [t.companyA, orderId],
      )
    ).rows;
  const phoneOf = async (userId: string) =>
    (
      await one<{ phone: string | null }>('SELECT phone FROM users WHERE company_id = $1 AND id = $2', [
        t.companyA,
        userId,
      ])
    ).phone;
  const setPhone = (userId: string, phone: string | null) =>
    t.db.query('UPDATE users SET phone = $3 WHERE company_id = $1 AND id = $2', [t.companyA, userId, phone]);

  it('SVC-6: each warning and escalation queues one SMS to the person told, once per level', async () => {
    const t0 = new Date('2026-07-01T09:00:00+08:00');
    const id = await leak(t0);
    const leaderPhone = await phoneOf(ids.leader!);
    const directorPhone = await phoneOf(ids.director!);
    expect(leaderPhone).toMatch(/^1[3-9]\d{9}$/);
    await check(t0, 33);
    await check(t0, 41);
    await check(t0, 100);
    await check(t0, 100);
    const sms = await smsOf(id);
    expect(sms.map((s) => [s.level, s.recipient, s.skipped])).toEqual([
      ['warning', leaderPhone, null],
      ['teamHead', leaderPhone, null],
      ['centreManager', directorPhone, null],
    ]);
    const orderNo = (await one<{ order_no: string }>('SELECT order_no FROM work_orders WHERE id = $1', [id])).order_no;
    const leaderName = (await one<{ n: string }>('SELECT full_name AS n FROM users WHERE id = $1', [ids.leader])).n;
    expect(sms[0]!.rendered).toBe(
      `【演示市燃气】${leaderName}您好：工单${orderNo}（漏气抢险，城东路 12 号楼道）即将超时预警，承诺时限7月1日 09:40，请及时督办。`,
    );
    expect(sms[1]!.rendered).toContain('已超时，升级至班组长');
    // Queued in the outbox with its delivery task, one message per level.
    const messages = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification_messages m JOIN work_order_escalations e
          ON e.company_id = m.company_id AND e.sms_message_id = m.id
        JOIN background_tasks b ON b.company_id = m.company_id AND b.dedupe_key = m.id::text AND b.kind = 'notify.deliver'
        WHERE e.company_id = $1 AND e.work_order_id = $2 AND m.template_code = 'workOrderEscalation'`,
      [t.companyA, id],
    );
    expect(messages.rows[0]!.n).toBe(3);
  });

  it('SVC-6: without a usable phone the escalation is still written and its SMS recorded as skipped', async () => {
    const leaderPhone = await phoneOf(ids.leader!);
    try {
      await setPhone(ids.leader!, null);
      const t0 = new Date('2026-07-02T09:00:00+08:00');
      const none = await leak(t0);
      await check(t0, 33);
      expect(await smsOf(none)).toEqual([{ level: 'warning', skipped: 'noPhone', recipient: null, rendered: null }]);

      await setPhone(ids.leader!, '0632-5551234');
      const t1 = new Date('2026-07-03T09:00:00+08:00');
      const landline = await leak(t1);
      await check(t1, 33);
      expect((await smsOf(landline))[0]).toMatchObject({ level: 'warning', skipped: 'badPhone' });
      expect(await levels(landline)).toEqual([{ level: 'warning', toUserId: ids.leader }]);
    } finally {
      await setPhone(ids.leader!, leaderPhone);
    }
    // A company that switched the template off: the escalation is written, the SMS skipped.
    await t.db.query(
      "UPDATE notification_templates SET enabled = false WHERE company_id = $1 AND code = 'workOrderEscalation'",
      [t.companyA],
    );
    try {
      const t2 = new Date('2026-07-04T09:00:00+08:00');
      const off = await leak(t2);
      await check(t2, 33);
      expect((await smsOf(off))[0]).toMatchObject({ level: 'warning', skipped: 'templateDisabled' });
    } finally {
      await t.db.query(
        "UPDATE notification_templates SET enabled = true WHERE company_id = $1 AND code = 'workOrderEscalation'",
        [t.companyA],
      );
    }
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const HOUR = 3600_000;
const hence = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
const fieldsOf = (res: { json(): { details?: { fields?: { path: string }[] } } }) =>
  (res.json().details?.fields ?? []).map((f) => f.path);

interface Target {
  id: string;
  accountNo: string;
  district: string;
  street: string;
  community: string | null;
}

/** SVC-10 outage notices (停气通知): registration, the notice period, announcement by SMS, the intake alert. */
describe.each(dbKinds)('outage notices on %s', (kind) => {
  let t: TestApp;
  let director: string;
  let agent: string;
  let directorB: string;
  let target: Target;
  let otherDistrict: string;
  let accountB: string;

  const body = (over: Record<string, unknown> = {}) => ({
    kind: 'planned',
    area: [{ district: target.district }],
    startsAt: hence(72),
    endsAt: hence(80),
    reason: '管网检修',
    contactName: '调度中心',
    contactPhone: '0632-5550000',
    ...over,
  });
  const create = (over: Record<string, unknown> = {}, cookie = director) =>
    t.call('POST', '/api/outages', { cookie, body: body(over) });
  const covered = async (district: string) =>
    (
      await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM accounts a JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
          WHERE a.company_id = $1 AND a.status <> 'closed' AND p.district = $2`,
        [t.companyA, district],
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 40, seed: 35 });
    await generateAccounts(t.db, t.companyB, { count: 3, seed: 36 });
    director = await t.login('centre.director');
    agent = await t.login('hotline.agent');
    directorB = await t.login('b.centre.director');
    const r = await t.db.query<Target>(
      `SELECT a.id, a.account_no AS "accountNo", p.district, p.street, p.community FROM accounts a
         JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
        WHERE a.company_id = $1 AND a.status <> 'closed' AND p.address_kind = 'apartment'
        ORDER BY a.account_no LIMIT 1`,
      [t.companyA],
    );
    target = r.rows[0]!;
    otherDistrict = (
      await t.db.query<{ district: string }>(
        'SELECT district FROM premises WHERE company_id = $1 AND district <> $2 LIMIT 1',
        [t.companyA, target.district],
      )
    ).rows[0]!.district;
    accountB = (await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 LIMIT 1', [t.companyB]))
      .rows[0]!.id;
  });
  afterAll(() => t?.close());

  it('SVC-10: a planned outage starting sooner than svc.plannedOutageNoticeHours is refused, naming startsAt', async () => {
    const res = await create({ startsAt: hence(10), endsAt: hence(14) });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('PLANNED_TOO_LATE');
    expect(fieldsOf(res)).toEqual(['startsAt']);
    expect(res.json().message).toMatch(/至少提前 48 小时/);
    const en = await t.call('POST', '/api/outages', {
      cookie: director,
      body: body({ startsAt: hence(10), endsAt: hence(14) }),
      lang: 'en',
    });
    expect(en.json().message).toMatch(/at least 48 hours/);
    // The same outage as an emergency is accepted; it must be notified within svc.emergencyOutageNoticeHours.
    const emergency = await create({ kind: 'emergency', startsAt: hence(-1), endsAt: hence(5) });
    expect(emergency.statusCode, emergency.body).toBe(201);
    const e = emergency.json();
    expect(new Date(e.notifyBy).getTime() - new Date(e.startsAt).getTime()).toBe(24 * HOUR);
    expect(e).toMatchObject({ status: 'draft', phase: 'current', outageNo: expect.stringMatching(/^TQ\d{8}-\d{2}$/) });
  });

  it('SVC-10: bad input is a 400 naming the fields, and nothing is written', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outages')).rows[0]!.n;
    const noArea = await create({ area: [], reason: '' });
    expect(noArea.statusCode).toBe(400);
    expect(fieldsOf(noArea)).toEqual(expect.arrayContaining(['area', 'reason']));
    const backwards = await create({ startsAt: hence(80), endsAt: hence(72) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().code).toBe('ENDS_BEFORE_START');
    expect(fieldsOf(backwards)).toEqual(['endsAt']);
    const badPhone = await create({ contactPhone: '电话' });
    expect(badPhone.statusCode).toBe(400);
    expect(fieldsOf(badPhone)).toEqual(['contactPhone']);
    // Outside 2000–2099 (the database has no year 0 nor 10000): named, never a 500.
    const farOff = await create({
      kind: 'emergency',
      startsAt: '9999-12-31T00:00:00Z',
      endsAt: '9999-12-31T23:59:59Z',
    });
    expect(farOff.statusCode).toBe(400);
    expect(fieldsOf(farOff)).toEqual(expect.arrayContaining(['startsAt', 'endsAt']));
    const list = await t.call('GET', '/api/outages?from=0000-01-01T00:00:00Z', { cookie: director });
    expect(list.statusCode).toBe(400);
    expect(fieldsOf(list)).toEqual(['from']);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outages')).rows[0]!.n).toBe(before);
  });

  it('SVC-10: only holders of outage.manage register outages; the hotline reads them', async () => {
    expect((await create({}, agent)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/outages', { cookie: agent })).statusCode).toBe(200);
  });

  it('SVC-10: announcing texts every covered account once, set-based, and keeps the counts', async () => {
    // One covered account has no usable mobile: it is counted as skipped.
    const silent = await t.db.query<{ id: string; customer_id: string }>(
      `SELECT a.id, a.customer_id FROM accounts a JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
        WHERE a.company_id = $1 AND p.district = $2 AND a.id <> $3 AND a.status <> 'closed' LIMIT 1`,
      [t.companyA, target.district, target.id],
    );
    await t.db.query(
      `UPDATE accounts SET sms_mobile = NULL, sms_carrier = NULL WHERE company_id = $1 AND customer_id = $2`,
      [t.companyA, silent.rows[0]!.customer_id],
    );
    await t.db.query('UPDATE customers SET mobile = NULL WHERE company_id = $1 AND id = $2', [
      t.companyA,
      silent.rows[0]!.customer_id,
    ]);
    const created = (await create()).json();
    const expected = await covered(target.district);
    expect(created.affectedNow).toBe(expected);
    // Not yet announced: the intake does not warn of a draft.
    const draft = await t.call('GET', `/api/outages/affecting?accountId=${target.id}`, { cookie: agent });
    expect(draft.json().items.map((o: { id: string }) => o.id)).not.toContain(created.id);

    const res = await t.call('POST', `/api/outages/${created.id}/announce`, {
      cookie: director,
      body: { version: created.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o).toMatchObject({ status: 'announced', announcedLate: false, affectedCount: expected });
    expect(o.smsSkipped).toBeGreaterThanOrEqual(1);
    expect(o.smsQueued + o.smsSkipped).toBe(expected);

    const messages = await t.db.query<{ recipient: string; rendered: string; customer_ref: string }>(
      `SELECT m.recipient, m.rendered, m.customer_ref FROM outage_recipients r
         JOIN notification_messages m ON m.company_id = r.company_id AND m.id = r.message_id
        WHERE r.company_id = $1 AND r.outage_id = $2`,
      [t.companyA, created.id],
    );
    expect(messages.rows).toHaveLength(o.smsQueued);
    expect(messages.rows[0]!.rendered).toMatch(new RegExp(`^【演示市燃气】因管网检修，${target.district}将于`));
    expect(messages.rows.every((m) => /^1[3-9]\d{9}$/.test(m.recipient))).toBe(true);
    const tasks = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM background_tasks b JOIN outage_recipients r
          ON r.company_id = b.company_id AND b.dedupe_key = r.message_id::text
        WHERE r.company_id = $1 AND r.outage_id = $2 AND b.kind = 'notify.deliver'`,
      [t.companyA, created.id],
    );
    expect(tasks.rows[0]!.n).toBe(o.smsQueued);
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'outage.announce'",
      [t.companyA, created.id],
    );
    expect(audit.rows).toHaveLength(1);

    // Announcing twice is refused; editing an announced outage too.
    const again = await t.call('POST', `/api/outages/${created.id}/announce`, {
      cookie: director,
      body: { version: o.version },
    });
    expect(again.statusCode).toBe(409);
    const edit = await t.call('PUT', `/api/outages/${created.id}`, {
      cookie: director,
      body: { ...body(), version: o.version },
    });
    expect(edit.json().code).toBe('NOT_DRAFT');
  });

  it('SVC-10: the intake sees the current and upcoming outages covering the account, by district, street or community', async () => {
    const street = (
      await create({
        area: [{ district: target.district, street: target.street, community: target.community }],
        reason: '阀门更换',
      })
    ).json();
    const elsewhere = (await create({ area: [{ district: otherDistrict }], reason: '别处检修' })).json();
    const wrongStreet = (await create({ area: [{ district: target.district, street: '不存在路' }] })).json();
    for (const o of [street, elsewhere, wrongStreet]) {
      const r = await t.call('POST', `/api/outages/${o.id}/announce`, {
        cookie: director,
        body: { version: o.version },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const res = await t.call('GET', `/api/outages/affecting?accountId=${target.id}`, { cookie: agent });
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((o: { id: string }) => o.id);
    expect(ids).toContain(street.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(wrongStreet.id);
    expect(res.json().items.find((o: { id: string }) => o.id === street.id)).toMatchObject({
      phase: 'upcoming',
      reason: '阀门更换',
      areaText: `${target.district}${target.street}${target.community ?? ''}`,
    });

    // A cancelled outage no longer warns.
    const cancel = await t.call('POST', `/api/outages/${street.id}/cancel`, {
      cookie: director,
      body: { version: street.version + 1, reason: '施工改期' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const after = await t.call('GET', `/api/outages/affecting?accountId=${target.id}`, { cookie: agent });
    expect(after.json().items.map((o: { id: string }) => o.id)).not.toContain(street.id);

    // Another company's account is not found, and B sees none of A's outages.
    const other = await t.call('GET', `/api/outages/affecting?accountId=${accountB}`, { cookie: agent });
    expect(other.statusCode).toBe(404);
    expect((await t.call('GET', '/api/outages', { cookie: directorB })).json().total).toBe(0);
    expect((await t.call('GET', `/api/outages/${elsewhere.id}`, { cookie: directorB })).statusCode).toBe(404);
  });

  it('SVC-10: an emergency outage notified after svc.emergencyOutageNoticeHours is still sent, and marked late', async () => {
    const e = (await create({ kind: 'emergency', startsAt: hence(-30), endsAt: hence(2), reason: '抢修' })).json();
    // Not announced within svc.emergencyOutageNoticeHours of its start: overdue in the register.
    expect(e.notifyOverdue).toBe(true);
    const overdue = (await t.call('GET', '/api/outages?overdue=true', { cookie: agent })).json();
    expect(overdue.items.map((o: { id: string }) => o.id)).toEqual([e.id]);
    const res = await t.call('POST', `/api/outages/${e.id}/announce`, {
      cookie: director,
      body: { version: e.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'announced',
      announcedLate: true,
      notifyOverdue: false,
      phase: 'current',
    });
  });

  it('SVC-10: a draft is edited with its version; a stale version is a 409', async () => {
    const o = (await create()).json();
    const ok = await t.call('PUT', `/api/outages/${o.id}`, {
      cookie: director,
      body: { ...body({ reason: '改为更换调压器' }), version: o.version },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ reason: '改为更换调压器', version: o.version + 1 });
    const stale = await t.call('PUT', `/api/outages/${o.id}`, {
      cookie: director,
      body: { ...body(), version: o.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
  });

  it('SVC-10: the register filters by kind, status, district and time, and exports to XLSX', async () => {
    const planned = await t.call(
      'GET',
      `/api/outages?kind=planned&status=announced&district=${encodeURI(target.district)}`,
      {
        cookie: agent,
      },
    );
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json().total).toBeGreaterThanOrEqual(1);
    for (const o of planned.json().items) {
      expect(o).toMatchObject({ kind: 'planned', status: 'announced' });
      expect(o.area.some((a: { district: string }) => a.district === target.district)).toBe(true);
    }
    const current = (await t.call('GET', '/api/outages?when=current', { cookie: agent })).json();
    expect(current.items.every((o: { phase: string }) => o.phase === 'current')).toBe(true);
    expect(current.total).toBeGreaterThanOrEqual(1);
    const text = (await t.call('GET', '/api/outages?q=阀门更换', { cookie: agent })).json();
    expect(text.total).toBe(1);

    const file = await t.call('GET', '/api/exports/outages?kind=planned', { cookie: agent });
    expect(file.statusCode, file.body.slice(0, 300)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('通知编号');
    expect(sheet.rowCount - 1).toBe((await t.call('GET', '/api/outages?kind=planned', { cookie: agent })).json().total);
  });

  it('SVC-10: cancelling an announced outage texts everyone its notice was queued to, set-based, and keeps the count', async () => {
    const created = (await create({ reason: '调压站检修' })).json();
    const announced = (
      await t.call('POST', `/api/outages/${created.id}/announce`, {
        cookie: director,
        body: { version: created.version },
      })
    ).json();
    expect(announced.smsQueued).toBeGreaterThanOrEqual(1);
    expect(announced.cancelSmsQueued).toBeNull();
    const res = await t.call('POST', `/api/outages/${created.id}/cancel`, {
      cookie: director,
      body: { version: announced.version, reason: '施工改期' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelSmsQueued: announced.smsQueued });

    // One cancellation per recipient whose notice was queued, to the same number, about the same account.
    const sent = await t.db.query<{
      recipient: string;
      notice: string;
      cancel: string;
      code: string;
      ref: boolean;
      rendered: string;
    }>(
      `SELECT r.recipient, n.recipient AS notice, c.recipient AS cancel, c.template_code AS code,
              c.customer_ref = n.customer_ref AS ref, c.rendered
         FROM outage_recipients r
         JOIN notification_messages n ON n.company_id = r.company_id AND n.id = r.message_id
         JOIN notification_messages c ON c.company_id = r.company_id AND c.id = r.cancel_message_id
        WHERE r.company_id = $1 AND r.outage_id = $2`,
      [t.companyA, created.id],
    );
    expect(sent.rows).toHaveLength(announced.smsQueued);
    for (const m of sent.rows)
      expect(m).toMatchObject({ notice: m.recipient, cancel: m.recipient, code: 'outageCancelled', ref: true });
    const rendered = sent.rows[0]!.rendered;
    expect(rendered).toMatch(
      new RegExp(
        `^【演示市燃气】原定\\d+月\\d+日 \\d\\d:\\d\\d至\\d+月\\d+日 \\d\\d:\\d\\d${target.district}的停气已取消`,
      ),
    );
    // Those skipped at the announcement (no mobile) get nothing now either.
    const skipped = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outage_recipients
        WHERE company_id = $1 AND outage_id = $2 AND message_id IS NULL AND cancel_message_id IS NOT NULL`,
      [t.companyA, created.id],
    );
    expect(skipped.rows[0]!.n).toBe(0);
    const tasks = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM background_tasks b JOIN outage_recipients r
          ON r.company_id = b.company_id AND b.dedupe_key = r.cancel_message_id::text
        WHERE r.company_id = $1 AND r.outage_id = $2 AND b.kind = 'notify.deliver'`,
      [t.companyA, created.id],
    );
    expect(tasks.rows[0]!.n).toBe(announced.smsQueued);
    const audit = await t.db.query<{ after: { cancelSmsQueued: number } }>(
      "SELECT after FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'outage.cancel'",
      [t.companyA, created.id],
    );
    expect(audit.rows[0]!.after.cancelSmsQueued).toBe(announced.smsQueued);

    // A draft cancelled tells nobody: there was nobody told.
    const draft = (await create({ reason: '草稿取消' })).json();
    const off = await t.call('POST', `/api/outages/${draft.id}/cancel`, {
      cookie: director,
      body: { version: draft.version, reason: '录入重复' },
    });
    expect(off.json()).toMatchObject({ status: 'cancelled', cancelSmsQueued: null });

    // The template switched off: the outage is still cancelled, with none queued and the reason audited.
    const other = (await create({ reason: '阀井维护' })).json();
    const on = (
      await t.call('POST', `/api/outages/${other.id}/announce`, { cookie: director, body: { version: other.version } })
    ).json();
    await t.db.query(
      "UPDATE notification_templates SET enabled = false WHERE company_id = $1 AND code = 'outageCancelled'",
      [t.companyA],
    );
    try {
      const quiet = await t.call('POST', `/api/outages/${other.id}/cancel`, {
        cookie: director,
        body: { version: on.version, reason: '施工改期' },
      });
      expect(quiet.statusCode, quiet.body).toBe(200);
      expect(quiet.json()).toMatchObject({ status: 'cancelled', cancelSmsQueued: 0 });
      const why = await t.db.query<{ after: { smsSkipped: string } }>(
        "SELECT after FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'outage.cancel'",
        [t.companyA, other.id],
      );
      expect(why.rows[0]!.after.smsSkipped).toBe('templateDisabled');
    } finally {
      await t.db.query(
        "UPDATE notification_templates SET enabled = true WHERE company_id = $1 AND code = 'outageCancelled'",
        [t.companyA],
      );
    }
  });
});

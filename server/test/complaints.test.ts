import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkComplaintDeadlines } from '../src/modules/complaints/escalation.js';
import { createComplaint } from '../src/modules/complaints/service.js';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { approvalKind } from '../src/platform/approvals/registry.js';
import type { Actor } from '../src/platform/context.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const DAY = 86_400_000;

/** CMP-1 / CMP-2 / SVC-6: complaints, their grades and levels, deadlines, extensions, confidentiality, recusal. */
describe.each(dbKinds)('complaints on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let clerk: string;
  let leader: string;
  let director: string;
  let supervisor: string;
  let manager: string;
  let auditor: string;
  let directorB: string;
  let accountId: string;
  const ids: Record<string, string> = {};

  const userId = async (username: string) =>
    (
      await t.db.query<{ id: string }>('SELECT id FROM users WHERE company_id = $1 AND username = $2', [
        t.companyA,
        username,
      ])
    ).rows[0]!.id;

  const create = (body: Record<string, unknown>, cookie = agent) =>
    t.call('POST', '/api/complaints', {
      cookie,
      body: {
        channel: 'hotline',
        complainantName: '李女士',
        phone: '13912345678',
        address: '城东路 8 号 3 单元 201',
        subject: '抄表员态度差',
        description: '上门抄表时语气生硬',
        grade: 'ordinary',
        ...body,
      },
    });
  const post = (id: string, action: string, body: Record<string, unknown>, cookie: string) =>
    t.call('POST', `/api/complaints/${id}/${action}`, { cookie, body });
  const get = async (id: string, cookie = agent) => (await t.call('GET', `/api/complaints/${id}`, { cookie })).json();

  beforeAll(async () => {
    t = await createTestApp(kind);
    agent = await t.login('hotline.agent');
    clerk = await t.login('hall.clerk');
    leader = await t.login('team.leader');
    director = await t.login('centre.director');
    supervisor = await t.login('centre.supervisor');
    manager = await t.login('department.manager');
    auditor = await t.login('auditor');
    directorB = await t.login('b.centre.director');
    for (const u of [
      'hotline.agent',
      'hall.clerk',
      'team.leader',
      'centre.director',
      'centre.supervisor',
      'meter.reader',
    ]) {
      ids[u] = await userId(u);
    }
    await generateAccounts(t.db, t.companyA, { count: 3, seed: 7 });
    accountId = (
      await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 LIMIT 1', [t.companyA])
    ).rows[0]!.id;
  });
  afterAll(() => t?.close());

  it('CMP-1: the grade gives the handler level from the policy, and a taker of that level handles it', async () => {
    const res = await create({});
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.complaintNo).toMatch(/^TS\d{8}-\d{4}$/);
    expect(c).toMatchObject({
      grade: 'ordinary',
      level: 'clerk',
      levelName: { zh: '营业员/岗位人员' },
      handlerId: ids['hotline.agent'],
      ownerId: ids['hotline.agent'],
      status: 'handling',
      phone: '13912345678',
    });
    expect(c.events.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    // A serious complaint is the deputy manager's: the hotline agent takes it but does not handle it.
    const serious = (await create({ grade: 'serious' })).json();
    expect(serious).toMatchObject({ level: 'deputyManager', handlerId: null, status: 'received' });
    const wrong = await post(serious.id, 'assign', { handlerId: ids['hall.clerk'], version: serious.version }, agent);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'HANDLER_WRONG_LEVEL', details: { fields: [{ path: 'handlerId' }] } });
    const right = await post(
      serious.id,
      'assign',
      { handlerId: ids['centre.supervisor'], version: serious.version },
      agent,
    );
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json()).toMatchObject({ status: 'handling', handlerId: ids['centre.supervisor'] });
    const media = (await create({ grade: 'media', channel: 'media' })).json();
    expect(media.level).toBe('centreManager');
    // The list for the lead's "my contacts": the complaints the caller took first.
    const mine = (await t.call('GET', '/api/complaints?mine=owner&pageSize=200', { cookie: agent })).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([c.id, serious.id, media.id]));
    const leaders = (await t.call('GET', '/api/complaints?mine=owner', { cookie: leader })).json();
    expect(leaders.total).toBe(0);
  });

  it('CMP-1: a handler escalates beyond authority, with a reason, one level up to a handler of that level', async () => {
    const c = (await create({ grade: 'ordinary' })).json();
    const bare = await post(c.id, 'escalate', { reason: ' ', version: c.version }, agent);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details.fields[0].path).toBe('reason');
    const stranger = await post(c.id, 'escalate', { reason: '超出权限', version: c.version }, clerk);
    expect(stranger.statusCode).toBe(200);
    const up = stranger.json();
    expect(up.level).toBe('head');
    expect([ids['centre.director'], ids['team.leader']]).toContain(up.handlerId);
    const ev = up.events.at(-1);
    expect(ev).toMatchObject({ kind: 'escalated', fromLevel: 'clerk', toLevel: 'head', reason: '超出权限' });
    // The handler of the head level may name the next one.
    const handler = up.handlerId === ids['team.leader'] ? leader : director;
    const deputy = await post(
      c.id,
      'escalate',
      { reason: '需分管副经理决定', version: up.version, handlerId: ids['centre.supervisor'] },
      handler,
    );
    expect(deputy.statusCode, deputy.body).toBe(200);
    expect(deputy.json()).toMatchObject({ level: 'deputyManager', handlerId: ids['centre.supervisor'] });
    const top = await post(c.id, 'escalate', { reason: '更高', version: deputy.json().version }, supervisor);
    expect(top.json().level).toBe('centreManager');
    const beyond = await post(c.id, 'escalate', { reason: '再高', version: top.json().version }, manager);
    expect(beyond.statusCode).toBe(409);
    expect(beyond.json().code).toBe('TOP_LEVEL');
    const audit = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'complaint.escalate'",
      [t.companyA, c.id],
    );
    expect(audit.rows[0]).toEqual({ n: 3 });
  });

  it('SVC-6 / CMP-2: the deadline is svc.complaintDecisionWorkingDays working days from the original receipt', async () => {
    // Received the day before the National Day holiday: Oct 8, 9 and the make-up Saturday Oct 10 count.
    const receivedAt = new Date('2026-09-30T10:00:00+08:00');
    const actor: Actor = { companyId: t.companyA, userId: ids['hotline.agent']!, name: 'hotline.agent' };
    const c = await t.db.tx((tx) =>
      createComplaint(
        tx,
        actor,
        {
          channel: 'hotline12345',
          complainantName: '赵先生',
          subject: '12345 转办',
          description: '燃气费争议',
          grade: 'ordinary',
          receivedAt: receivedAt.toISOString(),
          confidential: false,
        },
        { now: new Date('2026-10-02T09:00:00+08:00') },
      ),
    );
    expect(c.deadlineAt).toBe(new Date('2026-10-11T00:00:00+08:00').toISOString());
    expect(c.receivedAt).toBe(receivedAt.toISOString());
    // Forwarded from long ago, or from the future: refused, naming the field.
    const old = await create({ receivedAt: new Date(Date.now() - 31 * DAY).toISOString() });
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({ code: 'RECEIVED_TOO_EARLY', details: { fields: [{ path: 'receivedAt' }] } });
    const future = await create({ receivedAt: new Date(Date.now() + DAY).toISOString() });
    expect(future.json()).toMatchObject({ code: 'RECEIVED_IN_FUTURE' });
    const late = (await create({ receivedAt: new Date(Date.now() - 10 * DAY).toISOString() })).json();
    expect(late.breached).toBe(true);
    expect(late.timeLeftMs).toBeLessThan(0);
    const fresh = (await create({})).json();
    expect(fresh.timeLeftMs).toBeGreaterThan(DAY);
  });

  it('CMP-2: extending a complaint without a reason is refused, as is a date not later than the deadline', async () => {
    const c = (await create({})).json();
    const noReason = await post(c.id, 'extend', { agreedDate: '2027-01-20', version: c.version }, agent);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'REASON_REQUIRED', details: { fields: [{ path: 'reason' }] } });
    expect(noReason.json().message).toBe('请填写原因');
    const en = await t.call('POST', `/api/complaints/${c.id}/extend`, {
      cookie: agent,
      lang: 'en',
      body: { agreedDate: '2027-01-20', version: c.version },
    });
    expect(en.json().message).toBe('Give a reason');
    const noDate = await post(c.id, 'extend', { reason: '需现场核实', version: c.version }, agent);
    expect(noDate.json()).toMatchObject({
      code: 'EXTENSION_DATE_REQUIRED',
      details: { fields: [{ path: 'agreedDate' }] },
    });
    const early = await post(
      c.id,
      'extend',
      { reason: '需现场核实', agreedDate: '2020-01-01', version: c.version },
      agent,
    );
    expect(early.json()).toMatchObject({ code: 'EXTENSION_NOT_LATER', details: { fields: [{ path: 'agreedDate' }] } });
    const notMine = await post(
      c.id,
      'extend',
      { reason: '需现场核实', agreedDate: '2027-01-20', version: c.version },
      clerk,
    );
    expect(notMine.statusCode).toBe(403);
    expect((await get(c.id)).version).toBe(c.version);
    const ok = await post(
      c.id,
      'extend',
      { reason: '需现场核实', agreedDate: '2027-01-20', version: c.version },
      agent,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      extended: true,
      deadlineAt: new Date('2027-01-21T00:00:00+08:00').toISOString(),
    });
    expect(ok.json().events.at(-1)).toMatchObject({ kind: 'extended', fromDeadline: c.deadlineAt });
  });

  it('CMP-2: a confidential complainant is masked in the register, the complaint and to company B', async () => {
    const c = (
      await create(
        { grade: 'withImpact', confidential: true, complainantName: '保密投诉人', phone: '13800001111' },
        agent,
      )
    ).json();
    // The taker is not a handler of the head level and holds no complaint.confidential.
    expect(c.level).toBe('head');
    const asAgent = await get(c.id, agent);
    expect(asAgent).toMatchObject({ masked: true, complainantName: '保**', phone: '***', address: '***' });
    const list = (await t.call('GET', '/api/complaints?pageSize=200', { cookie: agent })).json();
    const row = list.items.find((x: { id: string }) => x.id === c.id);
    expect(row).toMatchObject({ masked: true, complainantName: '保**' });
    expect(JSON.stringify(list)).not.toContain('13800001111');
    const search = (await t.call('GET', '/api/complaints?q=保密投诉人', { cookie: director })).json();
    expect(search.total).toBe(0);
    const asAuditor = await get(c.id, auditor);
    expect(asAuditor.masked).toBe(true);
    const asDirector = await get(c.id, director);
    expect(asDirector).toMatchObject({ masked: false, complainantName: '保密投诉人', phone: '13800001111' });
    const b = await t.call('GET', `/api/complaints/${c.id}`, { cookie: directorB });
    expect(b.statusCode).toBe(404);
    // The handler sees it: they must answer the complainant.
    const given = await post(c.id, 'assign', { handlerId: ids['team.leader'], version: c.version }, director);
    expect(given.statusCode, given.body).toBe(200);
    expect((await get(c.id, leader)).masked).toBe(false);
  });

  it('CMP-2: a handler with a conflict of interest steps aside and is never given it again; the person complained about never handles it', async () => {
    const subject = await create({ subjectUserId: ids['hotline.agent'], subject: '坐席服务态度' }, clerk);
    expect(subject.statusCode, subject.body).toBe(201);
    const s = subject.json();
    expect(s.handlerId).toBe(ids['hall.clerk']);
    const self = await post(s.id, 'assign', { handlerId: ids['hotline.agent'], version: s.version }, clerk);
    expect(self.json()).toMatchObject({ code: 'HANDLER_IS_SUBJECT', details: { fields: [{ path: 'handlerId' }] } });
    const asSubject = await create({ subjectUserId: ids['hotline.agent'] }, agent);
    expect(asSubject.json()).toMatchObject({ handlerId: null, status: 'received' });

    const noReason = await post(s.id, 'recuse', { reason: '', version: s.version }, clerk);
    expect(noReason.statusCode).toBe(400);
    const out = await post(s.id, 'recuse', { reason: '投诉人是我的亲属', version: s.version }, clerk);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ handlerId: null, status: 'received', recusedUserIds: [ids['hall.clerk']] });
    expect(out.json().events.at(-1)).toMatchObject({ kind: 'recused', fromUserId: ids['hall.clerk'] });
    const again = await post(s.id, 'assign', { handlerId: ids['hall.clerk'], version: out.json().version }, director);
    expect(again.json()).toMatchObject({ code: 'HANDLER_RECUSED', details: { fields: [{ path: 'handlerId' }] } });
    const handlers = (await t.call('GET', `/api/complaints/${s.id}/handlers`, { cookie: director })).json().items;
    const handlerIds = handlers.map((h: { id: string }) => h.id);
    expect(handlerIds).not.toContain(ids['hall.clerk']);
    expect(handlerIds).not.toContain(ids['hotline.agent']);
  });

  it('CMP-1 / SVC-6: at breach the job raises the level once per breach, recorded and audited; an extension missed again escalates again', async () => {
    const receivedAt = new Date(Date.now() - 10 * DAY);
    const c = (await create({ receivedAt: receivedAt.toISOString(), subject: '超时未答复' })).json();
    expect(c.level).toBe('clerk');
    const deadline = new Date(c.deadlineAt);
    const before = await checkComplaintDeadlines(t.db, t.companyA, new Date(deadline.getTime() - 1000));
    expect((await get(c.id)).level).toBe('clerk');
    expect(before.escalated).toBeGreaterThanOrEqual(0);
    const now = new Date();
    await checkComplaintDeadlines(t.db, t.companyA, now);
    await checkComplaintDeadlines(t.db, t.companyA, new Date(now.getTime() + 60_000));
    const up = await get(c.id, director);
    expect(up.level).toBe('head');
    expect([ids['centre.director'], ids['team.leader']]).toContain(up.handlerId);
    const escalations = up.events.filter((e: { kind: string }) => e.kind === 'escalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ fromLevel: 'clerk', toLevel: 'head', actorName: 'system' });
    expect(escalations[0].reason).toContain('超过答复时限');
    const rows = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'complaint.escalate'",
      [t.companyA, c.id],
    );
    expect(rows.rows[0]).toEqual({ n: 1 });
    const overdue = (await t.call('GET', '/api/complaints?overdue=true&pageSize=200', { cookie: director })).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(c.id);

    // Extended with the complainant's agreement, and missed again: one level more.
    const handler = up.handlerId === ids['team.leader'] ? leader : director;
    const agreed = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    const ext = await post(
      c.id,
      'extend',
      { reason: '等待检测结果', agreedDate: agreed, version: up.version },
      handler,
    );
    expect(ext.statusCode, ext.body).toBe(200);
    await checkComplaintDeadlines(t.db, t.companyA, new Date());
    expect((await get(c.id)).level).toBe('head');
    await checkComplaintDeadlines(t.db, t.companyA, new Date(Date.now() + 5 * DAY));
    await checkComplaintDeadlines(t.db, t.companyA, new Date(Date.now() + 6 * DAY));
    const again = await get(c.id, director);
    expect(again.level).toBe('deputyManager');
    expect(again.events.filter((e: { kind: string }) => e.kind === 'escalated')).toHaveLength(2);
  });

  it('SVC-6 / CMP-3: the decision communicated stops the clock; closing it queues a callback; B cannot touch it', async () => {
    const c = (await create({ accountId, complainantName: null, phone: null, address: null })).json();
    expect(c.accountId).toBe(accountId);
    expect(c.complainantName).toBeTruthy();
    const notYet = await post(c.id, 'close', { version: c.version }, agent);
    expect(notYet.json().code).toBe('NOT_DECIDED');
    const future = await post(
      c.id,
      'decide',
      {
        decision: '已核实，向用户致歉',
        communicatedVia: 'phone',
        communicatedAt: new Date(Date.now() + DAY).toISOString(),
        version: c.version,
      },
      agent,
    );
    expect(future.json()).toMatchObject({
      code: 'COMMUNICATED_IN_FUTURE',
      details: { fields: [{ path: 'communicatedAt' }] },
    });
    const decided = await post(
      c.id,
      'decide',
      {
        decision: '已核实，向用户致歉',
        communicatedVia: 'phone',
        communicatedAt: new Date().toISOString(),
        version: c.version,
      },
      agent,
    );
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'decided', timeLeftMs: null, breached: false });
    const bClose = await post(c.id, 'close', { version: decided.json().version }, directorB);
    expect([403, 404]).toContain(bClose.statusCode);
    const closed = await post(c.id, 'close', { version: decided.json().version }, agent);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(closed.json().events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'decided', 'closed']);
    const cb = await t.db.query<{ source: string; sourceNo: string }>(
      'SELECT source, source_no AS "sourceNo" FROM callbacks WHERE company_id = $1 AND complaint_id = $2',
      [t.companyA, c.id],
    );
    expect(cb.rows).toEqual([{ source: 'complaint', sourceNo: c.complaintNo }]);
    const twice = await post(c.id, 'close', { version: closed.json().version }, agent);
    expect(twice.statusCode).toBe(409);
    // The trail is append-only.
    await expect(
      t.db.query('UPDATE complaint_events SET reason = $3 WHERE company_id = $1 AND complaint_id = $2', [
        t.companyA,
        c.id,
        'x',
      ]),
    ).rejects.toThrow(/append-only/);
  });

  it('CMP-2 / IAM-5: the register exports only with an approved request, the confidential complainant still masked', async () => {
    const c = (
      await create({ grade: 'withImpact', confidential: true, complainantName: '导出保密人', phone: '13800002222' })
    ).json();
    /** What the approvals engine does on the final approval of a data-export request. */
    const grant = async (requester: string) => {
      const approver: Actor = { companyId: t.companyA, userId: ids['department.manager']!, name: '部门经理' };
      const result = await t.db.tx((tx) =>
        approvalKind('dataExport')!.onApproved(tx, approver, {
          id: randomUUID(),
          companyId: t.companyA,
          kind: 'dataExport',
          subjectType: 'export',
          subjectId: null,
          amount: null,
          reason: '投诉月度分析',
          payload: { exportName: 'complaints', filters: { grade: 'withImpact' } },
          requestedBy: ids[requester]!,
        }),
      );
      return result!.grantId as string;
    };
    const refused = await t.call('GET', '/api/exports/complaints?grade=withImpact', { cookie: agent });
    expect(refused.statusCode).toBe(403);
    const rowsFor = async (cookie: string, requester: string) => {
      const res = await t.call('GET', `/api/exports/complaints?grade=withImpact&grantId=${await grant(requester)}`, {
        cookie,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      const rows: unknown[][] = [];
      wb.worksheets[0]!.eachRow((row) => {
        rows.push((row.values as unknown[]).slice(1));
      });
      const header = rows[0]!;
      const row = rows.find((r) => r[0] === c.complaintNo)!;
      return { name: row[header.indexOf('投诉人')], phone: row[header.indexOf('联系电话')] };
    };
    expect(await rowsFor(agent, 'hotline.agent')).toEqual({ name: '导**', phone: '***' });
    expect(await rowsFor(director, 'centre.director')).toEqual({ name: '导出保密人', phone: '13800002222' });
  });

  it('CMP-1: bad input names its field and is never a 500', async () => {
    const noWho = await create({ complainantName: null, phone: null });
    expect(noWho.statusCode).toBe(400);
    expect(noWho.json()).toMatchObject({ code: 'WHO_REQUIRED', details: { fields: [{ path: 'complainantName' }] } });
    const badGrade = await create({ grade: 'terrible' });
    expect(badGrade.statusCode).toBe(400);
    expect(badGrade.json().details.fields[0].path).toBe('grade');
    const noSubject = await create({ subject: '' });
    expect(noSubject.json().details.fields[0].path).toBe('subject');
    const badPhone = await create({ phone: 'abc' });
    expect(badPhone.json().details.fields[0].path).toBe('phone');
    const badAccount = await create({ accountId: '00000000-0000-4000-8000-000000000000' });
    expect(badAccount.json().details.fields[0].path).toBe('accountId');
    const readOnly = await create({}, auditor);
    expect(readOnly.statusCode).toBe(403);
  });

  it('CMP-2: a confidential complaint is not found by its account, nor shows it, to those who may not see the complainant', async () => {
    const other = (
      await t.db.query<{ id: string; accountNo: string }>(
        'SELECT id, account_no AS "accountNo" FROM accounts WHERE company_id = $1 AND id <> $2 ORDER BY account_no LIMIT 1',
        [t.companyA, accountId],
      )
    ).rows[0]!;
    const created = await create(
      {
        accountId: other.id,
        complainantName: null,
        phone: null,
        address: null,
        grade: 'withImpact',
        confidential: true,
      },
      director,
    );
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    const found = async (query: string, cookie: string) =>
      (await t.call('GET', `/api/complaints?pageSize=200&${query}`, { cookie }))
        .json()
        .items.map((x: { id: string }) => x.id);
    expect(await found(`accountId=${other.id}`, agent)).not.toContain(c.id);
    expect(await found(`q=${other.accountNo}`, agent)).not.toContain(c.id);
    const asAgent = await get(c.id, agent);
    expect(asAgent).toMatchObject({ masked: true, accountId: null, accountNo: '***', contactId: null });
    expect(JSON.stringify(asAgent)).not.toContain(other.accountNo.slice(-4));
    // Those who may see the complainant find it by the account.
    expect(await found(`accountId=${other.id}`, director)).toContain(c.id);
    expect(await found(`q=${other.accountNo}`, director)).toContain(c.id);
  });

  it('CMP-1 / SVC-6: a date outside 2000–2099 is a 400 naming its field, never a 500', async () => {
    const received = await create({ receivedAt: '0000-01-01T00:00:00Z' });
    expect(received.statusCode).toBe(400);
    expect(received.json().details.fields[0].path).toBe('receivedAt');
    const list = await t.call('GET', '/api/complaints?from=0000-01-01T00:00:00Z', { cookie: agent });
    expect(list.statusCode).toBe(400);
    expect(list.json().details.fields[0].path).toBe('from');
    const c = (await create({}, clerk)).json();
    expect(c.handlerId).toBe(ids['hall.clerk']);
    const far = await post(
      c.id,
      'extend',
      { reason: '投诉人出差', agreedDate: '9999-12-31', version: c.version },
      clerk,
    );
    expect(far.statusCode).toBe(400);
    expect(far.json().details.fields[0].path).toBe('agreedDate');
    const decided = await post(
      c.id,
      'decide',
      { decision: '已处理', communicatedVia: 'phone', communicatedAt: '9999-01-01T00:00:00Z', version: c.version },
      clerk,
    );
    expect(decided.statusCode).toBe(400);
    expect(decided.json().details.fields[0].path).toBe('communicatedAt');
    expect((await get(c.id, clerk)).version).toBe(c.version);
  });

  /** The complaintAssigned SMS of a complaint's events, in order, with the event that queued it. */
  const handlerSmsOf = async (complaintId: string) =>
    (
      await t.db.query<{
        kind: string;
        toUserId: string | null;
        skipped: string | null;
        recipient: string | null;
        rendered: string | null;
        variables: Record<string, string> | null;
        code: string | null;
        tasks: number;
      }>(
        `SELECT e.kind, e.to_user_id AS "toUserId", e.sms_skipped AS skipped, m.recipient, m.rendered, m.variables,
                m.template_code AS code,
                (SELECT count(*)::int FROM background_tasks b
                  WHERE b.company_id = e.company_id AND b.kind = 'notify.deliver' AND b.dedupe_key = m.id::text) AS tasks
           FROM complaint_events e
           LEFT JOIN notification_messages m ON m.company_id = e.company_id AND m.id = e.sms_message_id
          WHERE e.company_id = $1 AND e.complaint_id = $2 AND (e.sms_message_id IS NOT NULL OR e.sms_skipped IS NOT NULL)
          ORDER BY e.id`,
        [t.companyA, complaintId],
      )
    ).rows;
  const phoneOf = async (id: string) =>
    (await t.db.query<{ phone: string | null }>('SELECT phone FROM users WHERE id = $1', [id])).rows[0]!.phone;
  const nameOf = async (id: string) =>
    (await t.db.query<{ n: string }>('SELECT full_name AS n FROM users WHERE id = $1', [id])).rows[0]!.n;
  /** The deadline as the SMS gives it, in Asia/Shanghai. */
  const shanghai = (iso: string) => {
    const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  };

  it('CMP-1 / CMP-2: the new handler of an assignment or escalation is texted once, in the same transaction, never naming the complainant', async () => {
    const c = (
      await create({ grade: 'serious', confidential: true, complainantName: '王秘密', phone: '13700001111' })
    ).json();
    expect(c).toMatchObject({ level: 'deputyManager', handlerId: null });
    // Taken without a handler: nobody to text yet.
    expect(await handlerSmsOf(c.id)).toEqual([]);

    const assigned = await post(c.id, 'assign', { handlerId: ids['centre.supervisor'], version: c.version }, agent);
    expect(assigned.statusCode, assigned.body).toBe(200);
    const supervisorName = await nameOf(ids['centre.supervisor']!);
    let sms = await handlerSmsOf(c.id);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({
      kind: 'assigned',
      toUserId: ids['centre.supervisor'],
      skipped: null,
      recipient: await phoneOf(ids['centre.supervisor']!),
      code: 'complaintAssigned',
      tasks: 1,
    });
    expect(sms[0]!.rendered).toBe(
      `【演示市燃气】${supervisorName}您好：投诉${c.complaintNo}（严重投诉，分管副经理）已分派给您处理，答复时限${shanghai(c.deadlineAt)}，请及时处理。`,
    );
    // CMP-2: the complainant is in neither the text nor its variables.
    for (const secret of ['王秘密', '13700001111', '城东路', c.subject]) {
      expect(JSON.stringify(sms[0])).not.toContain(secret);
    }
    // The assignment's audit entry names the message too.
    const audit = await t.db.query<{ after: { smsMessageId: string | null } }>(
      "SELECT after FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'complaint.assign'",
      [t.companyA, c.id],
    );
    expect(audit.rows[0]!.after.smsMessageId).toEqual(expect.any(String));

    // The handler escalates it: the centre manager it goes to is texted, saying it came by escalation.
    const up = await post(c.id, 'escalate', { reason: '需中心经理决定', version: assigned.json().version }, supervisor);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().level).toBe('centreManager');
    sms = await handlerSmsOf(c.id);
    expect(sms).toHaveLength(2);
    expect(sms[1]).toMatchObject({
      kind: 'escalated',
      toUserId: up.json().handlerId,
      recipient: await phoneOf(up.json().handlerId),
      tasks: 1,
    });
    expect(sms[1]!.rendered).toContain('（严重投诉，客户服务中心经理）已升级转交您处理');
    expect(up.json().events.at(-1)).toMatchObject({
      kind: 'escalated',
      smsSkipped: null,
      smsMessageId: expect.any(String),
    });

    // A request that fails writes neither the change nor the SMS.
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notification_messages')).rows[0]!.n;
    const stale = await post(c.id, 'assign', { handlerId: ids['centre.supervisor'], version: c.version }, agent);
    expect(stale.statusCode).toBe(409);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notification_messages')).rows[0]!.n).toBe(
      before,
    );
  });

  it('CMP-1: the deadline job texts the handler a breached complaint goes to, once per breach', async () => {
    const c = (await create({ receivedAt: new Date(Date.now() - 10 * DAY).toISOString(), subject: '超时短信' })).json();
    // The taker handles it: no SMS to themselves, and the event says so.
    expect(await handlerSmsOf(c.id)).toEqual([
      expect.objectContaining({ kind: 'created', toUserId: ids['hotline.agent'], skipped: 'self', recipient: null }),
    ]);
    const now = new Date();
    await checkComplaintDeadlines(t.db, t.companyA, now);
    await checkComplaintDeadlines(t.db, t.companyA, new Date(now.getTime() + 60_000));
    const up = await get(c.id, director);
    expect(up.level).toBe('head');
    const sms = await handlerSmsOf(c.id);
    expect(sms).toHaveLength(2);
    expect(sms[1]).toMatchObject({
      kind: 'escalated',
      toUserId: up.handlerId,
      skipped: null,
      recipient: await phoneOf(up.handlerId),
      tasks: 1,
    });
    expect(sms[1]!.rendered).toContain(`投诉${c.complaintNo}（一般性投诉，营业厅/班组负责人）已超时升级转交您处理`);
    expect(sms[1]!.rendered).toContain(`答复时限${shanghai(c.deadlineAt)}`);
    const audit = await t.db.query<{ after: { smsMessageId: string | null; automatic: boolean } }>(
      "SELECT after FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'complaint.escalate'",
      [t.companyA, c.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({ automatic: true, smsMessageId: expect.any(String) });
  });

  it('CMP-1: a new handler without a usable phone still gets the complaint; the event records why no SMS went', async () => {
    const supervisorPhone = await phoneOf(ids['centre.supervisor']!);
    const setPhone = (phone: string | null) =>
      t.db.query('UPDATE users SET phone = $2 WHERE id = $1', [ids['centre.supervisor'], phone]);
    try {
      await setPhone(null);
      const c = (await create({ grade: 'serious' })).json();
      const res = await post(c.id, 'assign', { handlerId: ids['centre.supervisor'], version: c.version }, agent);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ handlerId: ids['centre.supervisor'], status: 'handling' });
      expect(res.json().events.at(-1)).toMatchObject({ kind: 'assigned', smsMessageId: null, smsSkipped: 'noPhone' });
      const audit = await t.db.query<{ after: { smsSkipped: string | null } }>(
        "SELECT after FROM audit_log WHERE company_id = $1 AND entity_id = $2 AND action = 'complaint.assign'",
        [t.companyA, c.id],
      );
      expect(audit.rows[0]!.after.smsSkipped).toBe('noPhone');

      await setPhone('0632-5551234');
      const d = (await create({ grade: 'serious' })).json();
      const landline = await post(d.id, 'assign', { handlerId: ids['centre.supervisor'], version: d.version }, agent);
      expect(landline.json().events.at(-1)).toMatchObject({ smsSkipped: 'badPhone' });
    } finally {
      await setPhone(supervisorPhone);
    }
    // The company switched the template off: assigned all the same, the SMS recorded as skipped.
    await t.db.query(
      "UPDATE notification_templates SET enabled = false WHERE company_id = $1 AND code = 'complaintAssigned'",
      [t.companyA],
    );
    try {
      const e = (await create({ grade: 'serious' })).json();
      const off = await post(e.id, 'assign', { handlerId: ids['centre.supervisor'], version: e.version }, agent);
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().events.at(-1)).toMatchObject({ smsSkipped: 'templateDisabled' });
    } finally {
      await t.db.query(
        "UPDATE notification_templates SET enabled = true WHERE company_id = $1 AND code = 'complaintAssigned'",
        [t.companyA],
      );
    }
  });
});

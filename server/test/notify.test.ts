import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDueTasks } from '../src/platform/jobs/worker.js';
import { DELIVERY_BACKOFF_SECONDS } from '../src/platform/notify/delivery.js';
import { LocalProvider, providerFromConfig, setNotificationProvider } from '../src/platform/notify/providers.js';
import { SIGNATURE_HEADER, signReceipt } from '../src/platform/notify/receipts.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const SECRET = 'receipt-secret';

const arrears = { customerName: '张三', accountNo: '0102003456', amount: '128.50', dueDate: '2026年3月31日' };

interface Answer {
  status: number;
  body?: unknown;
  delayMs?: number;
}

/** A stand-in SMS gateway on 127.0.0.1 that answers from a script and keeps what it was sent. */
async function startGateway(script: Answer[]) {
  const received: { headers: http.IncomingHttpHeaders; body: Record<string, string> }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) });
      const answer = script[Math.min(received.length, script.length) - 1]!;
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body ?? {}));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(dbKinds)('notifications on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let adminB: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { smsCallbackSecret: SECRET });
    admin = await t.login('system.admin');
    agent = await t.login('hotline.agent');
    adminB = await t.login('b.system.admin');
  });
  afterEach(() => setNotificationProvider(new LocalProvider()));
  afterAll(() => t.close());

  const templateOf = async (code: string, cookie = admin) => {
    const items = (await t.call('GET', '/api/notify/templates', { cookie })).json().items;
    return items.find((x: { code: string }) => x.code === code);
  };
  const send = (body: Record<string, unknown>, cookie = agent) =>
    t.call('POST', '/api/notify/messages', { cookie, body: { templateCode: 'arrears', ...body } });
  const message = async (id: string, cookie = agent) =>
    (await t.call('GET', `/api/notify/messages/${id}`, { cookie })).json();
  const taskOf = async (messageId: string) => {
    const r = await t.db.query<{ status: string; attempts: number; run_at: Date }>(
      `SELECT status, attempts, run_at FROM background_tasks WHERE kind = 'notify.deliver' AND dedupe_key = $1`,
      [messageId],
    );
    return r.rows[0]!;
  };
  const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

  it('NOTIFY every company has the default Chinese SMS templates, signed with its short name', async () => {
    const items = (await t.call('GET', '/api/notify/templates', { cookie: admin })).json().items;
    expect(items.map((x: { code: string }) => x.code).sort()).toEqual(
      [
        'appointment',
        'arrears',
        'bankDebitFailed',
        'complaintAssigned',
        'outageCancelled',
        'outageNotice',
        'paymentReceived',
        'verificationCode',
        'workOrderEscalation',
      ].sort(),
    );
    const a = items.find((x: { code: string }) => x.code === 'arrears');
    expect(a.body).toBe(
      '【演示市燃气】尊敬的{customerName}，您的燃气账户{accountNo}截至{dueDate}欠费{amount}元，请及时缴纳。咨询热线95777。',
    );
    expect(a.required).toEqual(['customerName', 'accountNo', 'amount', 'dueDate']);
    expect((await templateOf('arrears', adminB)).body).toMatch(/^【乙县燃气】/);
    const kinds = (await t.call('GET', '/api/notify/kinds', { cookie: agent })).json().items;
    expect(kinds.find((k: { code: string }) => k.code === 'outageNotice').variables).toEqual([
      'area',
      'start',
      'end',
      'reason',
    ]);
  });

  it('NOTIFY the migration seeds the same templates for companies that existed before it', async () => {
    // 0014 and every later migration that adds a message kind seed their templates between these markers.
    const dir = path.resolve(import.meta.dirname, '../src/db/migrations');
    const seeds = fs
      .readdirSync(dir)
      .sort()
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .filter((sql) => sql.includes('-- seed:begin'))
      .map((sql) => sql.slice(sql.indexOf('-- seed:begin'), sql.indexOf('-- seed:end')));
    const snapshot = async () =>
      (
        await t.db.query(
          'SELECT code, channel, name, body, variables FROM notification_templates WHERE company_id = $1 ORDER BY code',
          [t.companyB],
        )
      ).rows;
    const fromCode = await snapshot();
    await t.db.query('DELETE FROM notification_templates WHERE company_id = $1', [t.companyB]);
    for (const seed of seeds) await t.db.exec(seed);
    expect(await snapshot()).toEqual(fromCode);
  });

  it('NOTIFY a template missing a required variable is refused when saved, not when sent', async () => {
    const tpl = await templateOf('arrears');
    const without = tpl.body.replace('{amount}', '若干');
    const res = await t.call('PUT', `/api/notify/templates/${tpl.id}`, { cookie: admin, body: { body: without } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'TEMPLATE_MISSING_VARIABLES',
      message: '模板缺少变量 {amount}',
      details: { missing: ['amount'], fields: [{ path: 'body', message: '模板缺少变量 {amount}' }] },
    });
    const en = await t.call('PUT', `/api/notify/templates/${tpl.id}`, {
      cookie: admin,
      lang: 'en',
      body: { body: without.replace('{dueDate}', '月底') },
    });
    expect(en.json().message).toBe('The template lacks the variable(s) {amount}、{dueDate}');
    // The saved template is untouched, so sending with it still works.
    expect((await templateOf('arrears')).body).toBe(tpl.body);
    expect((await send({ recipient: '13800138000', variables: arrears })).statusCode).toBe(201);

    const good = `${tpl.body.replace('请及时缴纳', '请于三日内缴纳')}`;
    const saved = await t.call('PUT', `/api/notify/templates/${tpl.id}`, {
      cookie: admin,
      body: { body: good, name: '欠费催缴' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ body: good, name: '欠费催缴', enabled: true });
    const audit = (await t.call('GET', '/api/audit-entries?action=notify.template', { cookie: admin })).json();
    expect(audit.items[0]).toMatchObject({ action: 'notify.template.update', entityId: tpl.id });
  });

  it('NOTIFY a template with an unknown variable, a malformed placeholder or no signature is refused when saved', async () => {
    const tpl = await templateOf('outageNotice');
    const put = (body: string) => t.call('PUT', `/api/notify/templates/${tpl.id}`, { cookie: admin, body: { body } });
    const unknown = await put(`${tpl.body}户号{accountNo}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'TEMPLATE_UNKNOWN_VARIABLES', details: { unknown: ['accountNo'] } });
    expect(unknown.json().message).toContain('{accountNo}');
    const chinese = await put(tpl.body.replace('{area}', '{区域}'));
    expect(chinese.json()).toMatchObject({ code: 'TEMPLATE_BAD_PLACEHOLDER' });
    expect(chinese.json().message).toContain('{区域}');
    const unsigned = await put(tpl.body.replace(/^【[^】]+】/, ''));
    expect(unsigned.json()).toMatchObject({ code: 'TEMPLATE_SIGNATURE_REQUIRED' });
    // The live preview checks the text being edited the same way, and renders a good one.
    const preview = await t.call('POST', `/api/notify/templates/${tpl.id}/preview`, {
      cookie: admin,
      body: { body: tpl.body.replace('{reason}', '') },
    });
    expect(preview.json()).toMatchObject({ code: 'TEMPLATE_MISSING_VARIABLES', message: '模板缺少变量 {reason}' });
    const ok = await t.call('POST', `/api/notify/templates/${tpl.id}/preview`, { cookie: admin, body: {} });
    expect(ok.json().rendered).toBe(
      '【演示市燃气】因管网检修，幸福路1-20号将于3月30日8:00至3月30日18:00停止供气，请提前做好准备，停气期间请关闭燃气阀门。咨询热线95777。',
    );
    // Longer than the 70 characters of one SMS: billed as two parts of 67.
    expect(ok.json()).toMatchObject({ length: 78, parts: 2 });
  });

  it('NOTIFY sending renders the Chinese template and the local provider records the delivery', async () => {
    const res = await send({ recipient: '138 0013 8001', customerRef: 'ACC-LOCAL', variables: arrears });
    expect(res.statusCode).toBe(201);
    const sent = res.json();
    expect(sent).toMatchObject({ status: 'queued', recipient: '13800138001', customerRef: 'ACC-LOCAL' });
    expect(sent.rendered).toBe(
      '【演示市燃气】尊敬的张三，您的燃气账户0102003456截至2026年3月31日欠费128.50元，请于三日内缴纳。咨询热线95777。',
    );
    expect(await runDueTasks(t.db)).toBeGreaterThanOrEqual(1);
    const done = await message(sent.id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 1, provider: 'local', lastError: null });
    expect(done.sentAt).not.toBeNull();
    expect(done.deliveredAt).not.toBeNull();
    expect(done.deliveries).toHaveLength(1);
    expect(done.deliveries[0]).toMatchObject({ attempt: 1, provider: 'local', ok: true });
    expect((await taskOf(sent.id)).status).toBe('succeeded');
  });

  it('NOTIFY a message lacking a variable or with a bad mobile is refused when sent', async () => {
    const { amount: _, ...noAmount } = arrears;
    const missing = await send({ recipient: '13800138000', variables: noAmount });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'MISSING_VARIABLES', message: '缺少消息变量 {amount}' });
    const bad = await send({ recipient: '12345678901', variables: arrears });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'BAD_RECIPIENT', details: { fields: [{ path: 'recipient' }] } });
    const unknownKind = await send({ templateCode: 'lottery', recipient: '13800138000', variables: {} });
    expect(unknownKind.json().code).toBe('UNKNOWN_KIND');
  });

  it('NOTIFY the HTTP provider retries a 5xx with back-off and then sends', async () => {
    await runDueTasks(t.db);
    const gw = await startGateway([{ status: 500 }, { status: 503 }, { status: 200, body: { messageId: 'gw-1' } }]);
    try {
      setNotificationProvider(
        providerFromConfig({ ...t.config, smsProvider: 'http', smsHttpUrl: gw.url, smsHttpToken: 'tok-1' }),
      );
      const sent = (await send({ recipient: '13800138002', customerRef: 'ACC-HTTP', variables: arrears })).json();
      const start = new Date();
      expect(await runDueTasks(t.db, { now: start })).toBe(1);
      let task = await taskOf(sent.id);
      expect(task).toMatchObject({ status: 'queued', attempts: 1 });
      expect(task.run_at.getTime()).toBe(later(start, DELIVERY_BACKOFF_SECONDS).getTime());
      expect(await message(sent.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'HTTP 500' });
      // Not due before the back-off has passed.
      expect(await runDueTasks(t.db, { now: later(start, DELIVERY_BACKOFF_SECONDS - 1) })).toBe(0);

      const second = later(start, DELIVERY_BACKOFF_SECONDS);
      expect(await runDueTasks(t.db, { now: second })).toBe(1);
      task = await taskOf(sent.id);
      expect(task).toMatchObject({ status: 'queued', attempts: 2 });
      expect(task.run_at.getTime()).toBe(later(second, DELIVERY_BACKOFF_SECONDS * 2).getTime());

      expect(await runDueTasks(t.db, { now: later(second, DELIVERY_BACKOFF_SECONDS * 2) })).toBe(1);
      const done = await message(sent.id);
      expect(done).toMatchObject({ status: 'sent', attempts: 3, provider: 'http', providerMessageId: 'gw-1' });
      expect(done.deliveries.map((d: { ok: boolean }) => d.ok)).toEqual([false, false, true]);
      expect(done.deliveries[0].response).toMatchObject({ error: 'HTTP 500', response: { status: 500 } });
      expect((await taskOf(sent.id)).status).toBe('succeeded');

      expect(gw.received).toHaveLength(3);
      expect(gw.received[0]!.headers.authorization).toBe('Bearer tok-1');
      expect(gw.received[0]!.body).toEqual({ to: '13800138002', text: sent.rendered, reference: sent.id });
    } finally {
      await gw.close();
    }
  });

  it('NOTIFY the HTTP provider fails a 4xx at once, without retrying, and a failed message can be resent', async () => {
    const gw = await startGateway([
      { status: 400, body: { error: 'bad number' } },
      { status: 200, body: { id: 77 } },
    ]);
    try {
      setNotificationProvider(providerFromConfig({ ...t.config, smsProvider: 'http', smsHttpUrl: gw.url }));
      const sent = (await send({ recipient: '13800138003', variables: arrears })).json();
      expect(await runDueTasks(t.db)).toBe(1);
      expect(await message(sent.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 400' });
      expect(await taskOf(sent.id)).toMatchObject({ status: 'dead', attempts: 1 });
      expect(await runDueTasks(t.db, { now: later(new Date(), 3600) })).toBe(0);
      expect(gw.received).toHaveLength(1);

      const retried = await t.call('POST', `/api/notify/messages/${sent.id}/retry`, { cookie: agent });
      expect(retried.statusCode).toBe(200);
      expect(retried.json().status).toBe('queued');
      expect(await runDueTasks(t.db)).toBe(1);
      expect(await message(sent.id)).toMatchObject({ status: 'sent', attempts: 2, providerMessageId: '77' });
      const again = await t.call('POST', `/api/notify/messages/${sent.id}/retry`, { cookie: agent });
      expect(again.statusCode).toBe(409);
      expect(again.json().message).toBe('只有发送失败的消息可以重发（当前状态：已发送）');
    } finally {
      await gw.close();
    }
  });

  it('NOTIFY the HTTP provider retries a gateway that does not answer in time', async () => {
    const gw = await startGateway([{ status: 200, delayMs: 1000 }]);
    try {
      const config = { ...t.config, smsProvider: 'http' as const, smsHttpUrl: gw.url, smsHttpTimeoutMs: 100 };
      setNotificationProvider(providerFromConfig(config));
      const sent = (await send({ recipient: '13800138004', variables: arrears })).json();
      expect(await runDueTasks(t.db)).toBe(1);
      expect(await message(sent.id)).toMatchObject({ status: 'queued', lastError: 'timeout after 100 ms' });
      expect((await taskOf(sent.id)).status).toBe('queued');
      // Leave nothing due for the next test.
      await t.db.query(`UPDATE background_tasks SET status = 'dead' WHERE dedupe_key = $1`, [sent.id]);
    } finally {
      await gw.close();
    }
  });

  it('NOTIFY a signed delivery receipt marks the message delivered; an unsigned or badly signed one is refused', async () => {
    const gw = await startGateway([{ status: 200, body: { messageId: 'gw-receipt' } }]);
    try {
      setNotificationProvider(providerFromConfig({ ...t.config, smsProvider: 'http', smsHttpUrl: gw.url }));
      const sent = (await send({ recipient: '13800138005', variables: arrears })).json();
      await runDueTasks(t.db);
      expect((await message(sent.id)).status).toBe('sent');
    } finally {
      await gw.close();
    }
    const receipt = JSON.stringify({ providerMessageId: 'gw-receipt', status: 'delivered' });
    const post = (headers: Record<string, string>, payload = receipt) =>
      t.app.inject({
        method: 'POST',
        url: '/api/notify/callbacks/http',
        headers: { 'content-type': 'application/json', ...headers },
        payload,
      });
    const unsigned = await post({});
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().code).toBe('CALLBACK_UNAUTHORIZED');
    expect((await post({ [SIGNATURE_HEADER]: signReceipt('wrong-secret', receipt) })).statusCode).toBe(401);
    const tampered = receipt.replace('delivered', 'failed');
    expect((await post({ [SIGNATURE_HEADER]: signReceipt(SECRET, receipt) }, tampered)).statusCode).toBe(401);
    const ok = await post({ [SIGNATURE_HEADER]: signReceipt(SECRET, receipt) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'delivered', changed: true });
    const list = (await t.call('GET', '/api/notify/messages?recipient=13800138005', { cookie: agent })).json();
    expect(list.items[0]).toMatchObject({ status: 'delivered' });
    expect(list.items[0].deliveredAt).not.toBeNull();
  });

  it('NOTIFY the console lists messages by customer, only of the caller’s company', async () => {
    for (const recipient of ['13900000011', '13900000012']) {
      expect((await send({ recipient, customerRef: 'CUST-7', variables: arrears })).statusCode).toBe(201);
    }
    await send({ recipient: '13900000013', customerRef: 'CUST-8', variables: arrears });
    await send({ recipient: '13900000014', customerRef: 'CUST-7', variables: arrears }, adminB);
    const list = (await t.call('GET', '/api/notify/messages?customerRef=CUST-7', { cookie: agent })).json();
    expect(list.total).toBe(2);
    expect(list.items.map((m: { recipient: string }) => m.recipient).sort()).toEqual(['13900000011', '13900000012']);
    const queued = (
      await t.call('GET', '/api/notify/messages?status=queued&customerRef=CUST-8', { cookie: agent })
    ).json();
    expect(queued.total).toBe(1);
    const future = encodeURIComponent(later(new Date(), 3600).toISOString());
    const none = (
      await t.call('GET', `/api/notify/messages?customerRef=CUST-7&from=${future}`, { cookie: agent })
    ).json();
    expect(none.total).toBe(0);
    const ofB = (await t.call('GET', '/api/notify/messages?customerRef=CUST-7', { cookie: adminB })).json();
    expect(ofB.items.map((m: { recipient: string }) => m.recipient)).toEqual(['13900000014']);
    await runDueTasks(t.db);
  });

  it('NOTIFY a verification code is masked in the console', async () => {
    const res = await send({
      templateCode: 'verificationCode',
      recipient: '13800138006',
      variables: { code: '472913', minutes: 5 },
    });
    expect(res.json().rendered).toBe('【演示市燃气】您的验证码为******，5分钟内有效。如非本人操作，请忽略本短信。');
    expect(res.json().variables).toEqual({ code: '******', minutes: '5' });
    const stored = await t.db.query<{ rendered: string }>('SELECT rendered FROM notification_messages WHERE id = $1', [
      res.json().id,
    ]);
    expect(stored.rows[0]!.rendered).toContain('472913');
    await runDueTasks(t.db);
  });

  it('NOTIFY a user without notify.read gets 403; sending and managing templates need their own permissions', async () => {
    const auditor = await t.login('auditor');
    const cashier = await t.login('cashier');
    expect((await t.call('GET', '/api/notify/messages', { cookie: auditor })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/notify/templates', { cookie: cashier })).statusCode).toBe(403);
    expect((await send({ recipient: '13800138000', variables: arrears }, cashier)).statusCode).toBe(403);
    const tpl = await templateOf('arrears');
    const byAgent = await t.call('PUT', `/api/notify/templates/${tpl.id}`, { cookie: agent, body: { enabled: false } });
    expect(byAgent.statusCode).toBe(403);
    expect((await t.call('GET', '/api/notify/messages', { cookie: agent })).statusCode).toBe(200);
  });

  it('NOTIFY a disabled template cannot be sent', async () => {
    const tpl = await templateOf('appointment');
    await t.call('PUT', `/api/notify/templates/${tpl.id}`, { cookie: admin, body: { enabled: false } });
    const res = await send({
      templateCode: 'appointment',
      recipient: '13800138000',
      variables: {
        customerName: '张三',
        date: '3月28日',
        timeWindow: '上午',
        technician: '李师傅',
        phone: '13800138000',
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('TEMPLATE_DISABLED');
    await t.call('PUT', `/api/notify/templates/${tpl.id}`, { cookie: admin, body: { enabled: true } });
  });
});

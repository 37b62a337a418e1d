import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

interface Acc {
  id: string;
  accountNo: string;
  meterId: string;
  serial: string;
  base: number;
}

const fieldsOf = (res: { json(): { details?: { fields?: { path: string }[] } } }) =>
  (res.json().details?.fields ?? []).map((f) => f.path);

/** MTR-3 exchange and MTR-4 plausibility and review: uploads, idempotence, bad files, the review queue. */
describe.each(dbKinds)('readings on %s', (kind) => {
  let t: TestApp;
  let reader: string;
  let leader: string;
  let clerk: string;
  let acc: Acc[];
  const read = (a: Acc, period: string, reading: number | string, readOn = `${period}-20`) => ({
    period,
    accountNo: a.accountNo,
    meterSerial: a.serial,
    reading: String(reading),
    readOn,
  });
  const upload = (readings: unknown[], cookie = reader) =>
    t.call('POST', '/api/readings/upload', { cookie, body: { source: 'handheld', readings } });
  const uploadFile = (body: string | Buffer, type: string, cookie = reader) =>
    t.app.inject({
      method: 'POST',
      url: '/api/readings/upload-file',
      headers: { cookie, 'content-type': type },
      payload: body,
    });
  const count = async () =>
    (
      await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM meter_readings WHERE company_id = $1', [
        t.companyA,
      ])
    ).rows[0]!.n;
  const live = async (a: Acc, period: string) =>
    (
      await t.db.query<{ id: string; status: string; flags: string[]; volume: string; kind: string }>(
        `SELECT id, status, flags, volume::text, kind FROM meter_readings
          WHERE company_id = $1 AND meter_id = $2 AND period = $3 AND status <> 'superseded'`,
        [t.companyA, a.meterId, period],
      )
    ).rows[0]!;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 30, seed: 42 });
    reader = await t.login('meter.reader');
    leader = await t.login('team.leader');
    clerk = await t.login('hall.clerk');
    acc = (
      await t.db.query<Acc & { base: string }>(
        `SELECT a.id, a.account_no AS "accountNo", m.id AS "meterId", m.serial, m.base_reading AS base
           FROM accounts a
           JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
           JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature AND u.commodity = a.commodity
          WHERE a.company_id = $1 AND u.customer_kind = 'residential' AND a.status <> 'closed'
          ORDER BY a.account_no LIMIT 8`,
        [t.companyA],
      )
    ).rows.map((r) => ({ ...r, base: Number(r.base) }));
    expect(acc.length).toBe(8);
  });
  afterAll(() => t.close());

  it('MTR-4 first readings with nothing to compare are accepted', async () => {
    const res = await upload([
      ...acc.slice(0, 6).map((a) => read(a, '2026-01', a.base + 20)),
      read(acc[6]!, '2026-01', 99990),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ received: 7, inserted: 7, accepted: 7, flagged: 0, unchanged: 0 });
    const row = await live(acc[0]!, '2026-01');
    expect(row).toMatchObject({ status: 'accepted', volume: '20.000', kind: 'actual' });
  });

  it('MTR-3 uploading the same readings twice changes nothing', async () => {
    const before = await count();
    const res = await upload(acc.slice(0, 6).map((a) => read(a, '2026-01', a.base + 20)));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 0, unchanged: 6, superseded: 0 });
    expect(await count()).toBe(before);
  });

  it('MTR-4 a reading lower than the last without a meter change is flagged, not accepted', async () => {
    const res = await upload([
      read(acc[0]!, '2026-03', acc[0]!.base + 10),
      read(acc[1]!, '2026-03', acc[1]!.base + 20),
      read(acc[2]!, '2026-03', acc[2]!.base + 120),
      read(acc[3]!, '2026-03', acc[3]!.base + 41),
      read(acc[4]!, '2026-03', acc[4]!.base + 22),
      read(acc[6]!, '2026-03', 5),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 6, accepted: 1, flagged: 5 });
    expect(await live(acc[0]!, '2026-03')).toMatchObject({ status: 'flagged', flags: ['reversal'], volume: '-10.000' });
    expect((await live(acc[1]!, '2026-03')).flags).toEqual(['zeroUse']);
    expect((await live(acc[2]!, '2026-03')).flags).toEqual(['high']);
    expect(await live(acc[3]!, '2026-03')).toMatchObject({ status: 'accepted', volume: '21.000' });
    expect(await live(acc[4]!, '2026-03')).toMatchObject({ status: 'flagged', flags: ['low'], volume: '2.000' });
    // A register that wrapped past 99999: 100000 − 99990 + 5 (and low beside the first period's 99990 − base).
    expect(await live(acc[6]!, '2026-03')).toMatchObject({
      status: 'flagged',
      flags: ['rollover', 'low'],
      volume: '15.000',
    });
    // Only accepted readings are billed: the reversal has no accepted row.
    const accepted = await t.db.query(
      `SELECT 1 FROM meter_readings WHERE company_id = $1 AND meter_id = $2 AND period = '2026-03' AND status = 'accepted'`,
      [t.companyA, acc[0]!.meterId],
    );
    expect(accepted.rows).toHaveLength(0);
  });

  it('MTR-4 the review queue lists the flagged readings with what they were compared with', async () => {
    const res = await t.call('GET', '/api/readings/review?period=2026-03&pageSize=50', { cookie: leader });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { accountNo: string; flags: string[]; comparison: Record<string, unknown> }[];
    expect(items).toHaveLength(5);
    const high = items.find((i) => i.accountNo === acc[2]!.accountNo)!;
    expect(high.comparison).toMatchObject({ lastVolume: '20.000' });
    const flagged = await t.call('GET', '/api/readings?status=flagged&flag=high', { cookie: clerk });
    expect(flagged.json().total).toBe(1);
    // A reader uploads but does not review.
    const id = (await live(acc[2]!, '2026-03')).id;
    expect((await t.call('POST', `/api/readings/${id}/accept`, { cookie: reader })).statusCode).toBe(403);
  });

  it('MTR-4 a reversal cannot be accepted as it is; a correction needs a reason and is audited', async () => {
    const id = (await live(acc[0]!, '2026-03')).id;
    const acceptRes = await t.call('POST', `/api/readings/${id}/accept`, { cookie: leader });
    expect(acceptRes.statusCode).toBe(400);
    expect(acceptRes.json().code).toBe('CORRECTION_REVERSAL');
    const noReason = await t.call('POST', `/api/readings/${id}/correct`, {
      cookie: leader,
      body: { reading: String(acc[0]!.base + 45), reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason)).toContain('reason');
    const still = await t.call('POST', `/api/readings/${id}/correct`, {
      cookie: leader,
      body: { reading: String(acc[0]!.base + 5), reason: '抄错' },
    });
    expect(still.statusCode).toBe(400);
    expect(fieldsOf(still)).toContain('reading');
    const ok = await t.call('POST', `/api/readings/${id}/correct`, {
      cookie: leader,
      body: { reading: String(acc[0]!.base + 45), reason: '抄表员看错一位，已电话核实' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'corrected', status: 'accepted', volume: '25.000', replacesId: id });
    expect((await t.call('GET', `/api/readings/${id}`, { cookie: clerk })).json().status).toBe('superseded');
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE company_id = $1 AND action = 'reading.correct' AND entity_id = $2`,
      [t.companyA, ok.json().id],
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('MTR-4 a reviewer accepts a high reading and orders a re-read; the re-read replaces the row', async () => {
    const high = (await live(acc[2]!, '2026-03')).id;
    const accepted = await t.call('POST', `/api/readings/${high}/accept`, { cookie: leader });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const zero = (await live(acc[1]!, '2026-03')).id;
    const reread = await t.call('POST', `/api/readings/${zero}/reread`, { cookie: leader, body: { reason: '请复抄' } });
    expect(reread.json().status).toBe('reread');
    const again = await upload([read(acc[1]!, '2026-03', acc[1]!.base + 20)]);
    expect(again.json()).toMatchObject({ inserted: 1, superseded: 1, flagged: 1 });
    const fresh = await upload([read(acc[1]!, '2026-03', acc[1]!.base + 38)]);
    expect(fresh.json()).toMatchObject({ inserted: 1, superseded: 1, accepted: 1 });
    expect(await live(acc[1]!, '2026-03')).toMatchObject({ status: 'accepted', volume: '18.000' });
  });

  it('MTR-3 a reading already accepted is not overwritten by an upload', async () => {
    const res = await upload([read(acc[3]!, '2026-03', acc[3]!.base + 50)]);
    expect(res.statusCode).toBe(422);
    expect(res.json().details.rows[0]).toMatchObject({ row: 1, field: 'reading' });
  });

  it('MTR-4 a meter read for two periods in one upload compares the later with the earlier', async () => {
    const a = acc[3]!;
    const res = await upload([read(a, '2026-09', a.base + 81), read(a, '2026-07', a.base + 61)]);
    expect(res.statusCode, res.body).toBe(200);
    expect(await live(a, '2026-07')).toMatchObject({ status: 'accepted', volume: '20.000' });
    expect(await live(a, '2026-09')).toMatchObject({ status: 'accepted', volume: '20.000' });
  });

  it('MTR-3 a file with wrong columns is refused naming the missing ones', async () => {
    const before = await count();
    const csv = '期间,用户编号,读数\n2026-05,123456,10\n';
    const res = await uploadFile(csv, 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_COLUMNS');
    expect(res.json().details.missing).toEqual(['meterSerial', 'reading', 'readOn']);
    expect(fieldsOf(res)).toContain('file');
    expect(await count()).toBe(before);
  });

  it('MTR-3 duplicate rows, unknown meters and non-numbers: row errors returned, nothing half-imported', async () => {
    const before = await count();
    const [a, b, c] = [acc[4]!, acc[5]!, acc[7]!];
    const lines = [
      '期间,用户编号,表号,本次读数,抄表日期',
      `2026-05,${a.accountNo},${a.serial},${a.base + 60},2026-05-20`,
      `2026-05,${b.accountNo},${b.serial},${b.base + 60},2026-05-20`,
      `2026-05,${b.accountNo},${b.serial},${b.base + 61},2026-05-21`,
      `2026-05,${c.accountNo},NO-SUCH-METER,10,2026-05-20`,
      `2026-05,${c.accountNo},${c.serial},十二,2026-05-20`,
      `2026-05,${c.accountNo},${c.serial},-3,2026-05-20`,
      `2026-5,${c.accountNo},${c.serial},12,2026-02-30`,
    ];
    const res = await uploadFile(`${lines.join('\r\n')}\r\n`, 'text/csv');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('REJECTED_ROWS');
    const rows = res.json().details.rows as { row: number; field: string }[];
    expect(rows.map((r) => `${r.row}:${r.field}`)).toEqual(['4:row', '6:reading', '7:reading', '8:period', '8:readOn']);
    expect(await count()).toBe(before);
    // Cell-clean rows then meet the database checks: the unknown meter.
    const unknown = await uploadFile(`${[lines[0], lines[1], lines[4]].join('\n')}\n`, 'text/csv');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().details.rows).toEqual([expect.objectContaining({ row: 3, field: 'meterSerial' })]);
    expect(await count()).toBe(before);
    // The same in English.
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/readings/upload-file',
      headers: { cookie: reader, 'content-type': 'text/csv', 'accept-language': 'en' },
      payload: `${[lines[0], lines[4]].join('\n')}\n`,
    });
    expect(en.json().message).toContain('nothing was imported');
  });

  it('MTR-3 an XLSX file of readings is imported; rows left empty were not read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('抄表');
    ws.addRow(['期间', '顺序', '用户编号', '地址', '表号', '上次读数', '上次抄表日期', '本次读数', '抄表日期']);
    ws.addRow(['2026-05', 1, acc[4]!.accountNo, 'x', acc[4]!.serial, '', '', String(acc[4]!.base + 62), '2026-05-20']);
    ws.addRow(['2026-05', 2, acc[5]!.accountNo, 'x', acc[5]!.serial, '', '', '', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await uploadFile(file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ received: 1, inserted: 1, notRead: 1 });
  });

  it('MTR-5 the first reading of a replacement meter bills the old meter to its final reading and the new from its base', async () => {
    const a = acc[5]!;
    const newMeter = await t.db.query<{ id: string }>(
      `WITH old AS (UPDATE meters SET status = 'removed', account_id = NULL WHERE company_id = $1 AND id = $2 RETURNING id)
       INSERT INTO meters (company_id, serial, manufacturer, meter_type, base_reading, status, account_id, installed_on)
       SELECT $1, 'NEW-0001', '金卡智能', 'diaphragm', 3, 'installed', $3, '2026-04-15' FROM old RETURNING id`,
      [t.companyA, a.meterId, a.id],
    );
    await t.db.query(
      `INSERT INTO meter_events (company_id, account_id, meter_id, kind, happened_on, reading, old_meter_id, old_reading)
       VALUES ($1, $2, $3, 'replace', '2026-04-15', 3, $4, $5)`,
      [t.companyA, a.id, newMeter.rows[0]!.id, a.meterId, a.base + 30],
    );
    const res = await upload([{ ...read(a, '2026-05', 15), meterSerial: 'NEW-0001' }]);
    expect(res.statusCode, res.body).toBe(200);
    const row = await live({ ...a, meterId: newMeter.rows[0]!.id }, '2026-05');
    // New meter 15 − 3 = 12, old meter (base + 30) − (base + 20) = 10.
    expect(row).toMatchObject({ status: 'accepted', volume: '22.000', flags: ['meterChange'] });
    const full = await t.call('GET', `/api/readings/${row.id}`, { cookie: clerk });
    expect(full.json()).toMatchObject({ previousReading: '3.000', previousReadOn: '2026-04-15' });
  });

  it('MTR-4 another company’s reading is not found', async () => {
    const b = await t.login('b.team.leader');
    const id = (await live(acc[3]!, '2026-03')).id;
    expect((await t.call('GET', `/api/readings/${id}`, { cookie: b })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/readings/${id}/accept`, { cookie: b })).statusCode).toBe(404);
  });
});

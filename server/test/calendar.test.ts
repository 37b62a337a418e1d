import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../src/platform/calendar/service.js';
import type { WorkCalendar } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const HOUR = 3_600_000;
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

describe.each(dbKinds)('working calendar on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let adminB: string;
  let auditor: string;
  let cal: WorkCalendar;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('system.admin');
    adminB = await t.login('b.system.admin');
    auditor = await t.login('auditor');
    cal = await loadCalendar(t.db, t.companyA, 2024, 2026);
  });
  afterAll(() => t.close());

  it('SVC-6 the official schedules of 2024–2026 are on file', () => {
    for (const year of [2024, 2025, 2026]) expect(cal.hasData(year)).toBe(true);
    // 2024: Spring Festival Feb 10–17, worked Sun Feb 4 and Sun Feb 18; New Year's Eve (Feb 9) is not a holiday.
    expect(cal.isWorkingDay('2024-02-04')).toBe(true);
    expect(cal.isWorkingDay('2024-02-09')).toBe(true);
    expect(cal.isWorkingDay('2024-02-16')).toBe(false);
    expect(cal.isWorkingDay('2024-02-18')).toBe(true);
    expect(cal.isWorkingDay('2024-10-12')).toBe(true);
    // 2025: New Year's Eve (Jan 28) is a statutory holiday from 2025 on.
    expect(cal.isWorkingDay('2025-01-26')).toBe(true);
    expect(cal.isWorkingDay('2025-01-27')).toBe(true);
    expect(cal.isWorkingDay('2025-01-28')).toBe(false);
    expect(cal.isWorkingDay('2025-02-04')).toBe(false);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    // 2026: New Year Jan 1–3 with Sun Jan 4 worked.
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('SVC-6 2026-02-14 (Saturday) is a make-up working day and 2026-02-16 a Spring Festival holiday', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-16')).toBe(false);
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // Monday, the last day of the span
    expect(cal.isWorkingDay('2026-02-28')).toBe(true); // Saturday, made up
    expect(cal.isWorkingDay('2026-03-01')).toBe(false); // an ordinary Sunday
  });

  it('SVC-6 3 working days after Thursday 2026-02-12 is Tuesday 2026-02-24 (Fri 13, Sat 14, then after the holiday)', () => {
    expect(cal.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.workingDaysBetween('2026-02-12', '2026-02-24')).toBe(3);
  });

  it('SVC-6 1 working day after 2025-09-30 is 2025-10-09, after National Day and Mid-Autumn (Oct 1–8)', () => {
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Sunday, made up
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
  });

  it('SVC-6 working hours skip the lunch break (default 08:30–12:00, 13:00–17:30)', () => {
    expect(cal.addWorkingHours(at('2026-03-04T11:00:00'), 2)).toEqual(at('2026-03-04T14:00:00'));
    // An end that falls on the break stays at the break's start.
    expect(cal.addWorkingHours(at('2026-03-04T08:30:00'), 3.5)).toEqual(at('2026-03-04T12:00:00'));
    // A start during the break counts from 13:00; one before opening from 08:30.
    expect(cal.addWorkingHours(at('2026-03-04T12:30:00'), 1)).toEqual(at('2026-03-04T14:00:00'));
    expect(cal.addWorkingHours(at('2026-03-04T06:00:00'), 0.5)).toEqual(at('2026-03-04T09:00:00'));
  });

  it('SVC-6 working hours skip a weekend, a holiday span, and count a make-up Saturday', () => {
    // Friday 16:30 + 3 h: one hour on Friday, two on Monday morning.
    expect(cal.addWorkingHours(at('2026-03-06T16:30:00'), 3)).toEqual(at('2026-03-09T10:30:00'));
    // Friday 13 Feb 17:00 + 5 h: half an hour, then Saturday 14 (made up) 08:30–12:00 and 13:00–14:00.
    expect(cal.addWorkingHours(at('2026-02-13T17:00:00'), 5)).toEqual(at('2026-02-14T14:00:00'));
    // Saturday 14 Feb 16:00 + 3 h: 1.5 h that day, then nothing until Tuesday 24 Feb.
    expect(cal.addWorkingHours(at('2026-02-14T16:00:00'), 3)).toEqual(at('2026-02-24T10:00:00'));
  });

  it('SVC-6 elapsed working time between two instants spanning National Day', () => {
    // 2025: Tue 30 Sep 16:00 → Thu 9 Oct 10:00 is 1.5 h + 1.5 h.
    expect(cal.workingTimeBetween(at('2025-09-30T16:00:00'), at('2025-10-09T10:00:00'))).toBe(3 * HOUR);
    // 2026: Wed 30 Sep 09:00 → Sat 10 Oct 12:00 (made up): 7.5 h + Thu 8 and Fri 9 Oct + 3.5 h.
    expect(cal.workingTimeBetween(at('2026-09-30T09:00:00'), at('2026-10-10T12:00:00'))).toBe(27 * HOUR);
    expect(cal.workingTimeBetween(at('2025-10-01T09:00:00'), at('2025-10-08T17:00:00'))).toBe(0);
    expect(cal.workingTimeBetween(at('2026-10-10T12:00:00'), at('2026-09-30T09:00:00'))).toBe(0);
  });

  it('SVC-6 a company closure makes a day non-working for that company only', async () => {
    const res = await t.call('POST', '/api/calendar/closures', {
      cookie: admin,
      body: { date: '2026-03-10', reason: '营业系统切换' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ date: '2026-03-10', reason: '营业系统切换' });
    const a = await loadCalendar(t.db, t.companyA, 2026, 2026);
    const b = await loadCalendar(t.db, t.companyB, 2026, 2026);
    expect(a.isWorkingDay('2026-03-10')).toBe(false);
    expect(b.isWorkingDay('2026-03-10')).toBe(true);
    expect(a.addWorkingDays('2026-03-09', 1)).toBe('2026-03-11');
    expect(b.addWorkingDays('2026-03-09', 1)).toBe('2026-03-10');
    const again = await t.call('POST', '/api/calendar/closures', {
      cookie: admin,
      body: { date: '2026-03-10', reason: '重复' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CLOSURE_EXISTS', details: { fields: [{ path: 'date' }] } });
  });

  it('SVC-6 a closure of company B can be neither seen nor removed by company A', async () => {
    const created = await t.call('POST', '/api/calendar/closures', {
      cookie: adminB,
      body: { date: '2026-03-12', reason: '乙公司搬迁' },
    });
    expect(created.statusCode).toBe(201);
    const listA = (await t.call('GET', '/api/calendar/days?year=2026', { cookie: admin })).json();
    expect(listA.closures.map((c: { date: string }) => c.date)).not.toContain('2026-03-12');
    const del = await t.call('DELETE', '/api/calendar/closures/2026-03-12', { cookie: admin });
    expect(del.statusCode).toBe(404);
    expect(del.json().code).toBe('CLOSURE_NOT_FOUND');
    const listB = (await t.call('GET', '/api/calendar/days?year=2026', { cookie: adminB })).json();
    expect(listB.closures.map((c: { date: string }) => c.date)).toEqual(['2026-03-12']);
    expect((await t.call('DELETE', '/api/calendar/closures/2026-03-12', { cookie: adminB })).statusCode).toBe(204);
    expect((await loadCalendar(t.db, t.companyB, 2026, 2026)).isWorkingDay('2026-03-12')).toBe(true);
  });

  it('SVC-6 the console lists a year with its working days per month and the years on file', async () => {
    const res = await t.call('GET', '/api/calendar/days?year=2025', { cookie: auditor });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2025, hasData: true });
    expect(body.yearsWithData).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(body.days.find((d: { date: string }) => d.date === '2025-01-26')).toMatchObject({
      kind: 'workday',
      name: '春节',
    });
    expect(body.days.filter((d: { kind: string }) => d.kind === 'holiday')).toHaveLength(28);
    expect(body.days.filter((d: { kind: string }) => d.kind === 'workday')).toHaveLength(5);
    // October 2025: 23 weekdays, 6 of them in the holiday, plus Saturday 11 Oct.
    expect(body.months[9]).toEqual({ month: 10, workingDays: 18 });
    const y2026 = (await t.call('GET', '/api/calendar/days?year=2026', { cookie: auditor })).json();
    // February 2026: 20 weekdays, 6 in the Spring Festival, plus Saturdays 14 and 28.
    expect(y2026.months[1]).toEqual({ month: 2, workingDays: 16 });
    expect(y2026.months[0]).toEqual({ month: 1, workingDays: 21 });
    const empty = (await t.call('GET', '/api/calendar/days?year=2031', { cookie: auditor })).json();
    expect(empty).toMatchObject({ hasData: false, days: [] });
    expect(empty.months[0]).toEqual({ month: 1, workingDays: 23 }); // weekdays only
  });

  it('SVC-6 the national schedule is edited in the console and audited under the editor’s company', async () => {
    const put = await t.call('PUT', '/api/calendar/days/2031-01-01', {
      cookie: admin,
      body: { kind: 'holiday', name: '元旦' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ date: '2031-01-01', kind: 'holiday', name: '元旦' });
    const rename = await t.call('PUT', '/api/calendar/days/2031-01-01', {
      cookie: admin,
      body: { kind: 'holiday', name: '元旦节' },
    });
    expect(rename.json().name).toBe('元旦节');
    // National: company B sees it too.
    const seenByB = (await t.call('GET', '/api/calendar/days?year=2031', { cookie: adminB })).json();
    expect(seenByB).toMatchObject({ hasData: true, days: [{ date: '2031-01-01', name: '元旦节' }] });
    expect((await loadCalendar(t.db, t.companyB, 2031, 2031)).isWorkingDay('2031-01-01')).toBe(false);
    const del = await t.call('DELETE', '/api/calendar/days/2031-01-01', { cookie: admin });
    expect(del.statusCode).toBe(204);
    expect((await t.call('DELETE', '/api/calendar/days/2031-01-01', { cookie: admin })).json().code).toBe(
      'DAY_NOT_FOUND',
    );
    const audit = await t.db.query<{ action: string; company_id: string }>(
      `SELECT action, company_id FROM audit_log WHERE entity_type = 'calendarDay' AND entity_id = '2031-01-01'
        ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['calendar.day.set', 'calendar.day.set', 'calendar.day.delete']);
    expect(new Set(audit.rows.map((r) => r.company_id))).toEqual(new Set([t.companyA]));
  });

  it('SVC-6 only a weekend day can be a make-up working day', async () => {
    const res = await t.call('PUT', '/api/calendar/days/2031-01-06', {
      cookie: admin,
      body: { kind: 'workday', name: '调休' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'WORKDAY_ON_WEEKDAY', details: { fields: [{ path: 'kind' }] } });
  });

  it('SVC-6 the console API refuses bad input with a 400 naming the field', async () => {
    const cases: [string, string, unknown, string, string][] = [
      ['GET', '/api/calendar/days?year=abc', undefined, 'querystring', 'year'],
      ['GET', '/api/calendar/days', undefined, 'querystring', 'year'],
      ['PUT', '/api/calendar/days/2026-02-30', { kind: 'holiday', name: 'x' }, 'params', 'date'],
      ['PUT', '/api/calendar/days/1999-01-01', { kind: 'holiday', name: 'x' }, 'params', 'date'],
      ['PUT', '/api/calendar/days/2031-01-04', { kind: 'vacation', name: 'x' }, 'body', 'kind'],
      ['PUT', '/api/calendar/days/2031-01-04', { kind: 'holiday', name: '  ' }, 'body', 'name'],
      ['POST', '/api/calendar/closures', { date: '2026/03/10', reason: 'x' }, 'body', 'date'],
      ['POST', '/api/calendar/closures', { date: '2026-03-13', reason: '' }, 'body', 'reason'],
      ['GET', '/api/calendar/compute?from=tomorrow&workingDays=1', undefined, 'querystring', 'from'],
      ['GET', '/api/calendar/compute?from=2026-02-12&workingDays=1.5', undefined, 'querystring', 'workingDays'],
      ['GET', '/api/calendar/compute?from=2026-02-12&workingHours=-1', undefined, 'querystring', 'workingHours'],
    ];
    for (const [method, url, body, where, field] of cases) {
      const res = await t.call(method as 'GET', url, { cookie: admin, body });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().details, `${method} ${url}`).toMatchObject({ in: where });
      expect(res.json().details.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const both = await t.call('GET', '/api/calendar/compute?from=2026-02-12&workingDays=1&workingHours=2', {
      cookie: admin,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ code: 'ONE_MEASURE', details: { fields: [{ path: 'workingHours' }] } });
    const none = await t.call('GET', '/api/calendar/compute?from=2026-02-12', { cookie: admin, lang: 'en' });
    expect(none.json()).toMatchObject({ code: 'ONE_MEASURE', message: expect.stringMatching(/exactly one/) });
  });

  it('SVC-6 an auditor can read the calendar but not change it (403)', async () => {
    expect((await t.call('GET', '/api/calendar/days?year=2026', { cookie: auditor })).statusCode).toBe(200);
    expect(
      (await t.call('GET', '/api/calendar/compute?from=2026-02-12&workingDays=3', { cookie: auditor })).statusCode,
    ).toBe(200);
    // The national table is every company's and has a permission of its own; closures are the company's.
    const writes: [string, string, unknown, string][] = [
      ['PUT', '/api/calendar/days/2031-01-01', { kind: 'holiday', name: '元旦' }, 'calendar.national.manage'],
      ['DELETE', '/api/calendar/days/2026-02-16', undefined, 'calendar.national.manage'],
      ['POST', '/api/calendar/closures', { date: '2026-03-13', reason: '审计' }, 'calendar.manage'],
      ['DELETE', '/api/calendar/closures/2026-03-10', undefined, 'calendar.manage'],
    ];
    for (const [method, url, body, permission] of writes) {
      const res = await t.call(method as 'PUT', url, { cookie: auditor, body });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().details.permission).toEqual([permission]);
    }
    // A cashier holds neither permission.
    const cashier = await t.login('cashier');
    expect((await t.call('GET', '/api/calendar/days?year=2026', { cookie: cashier })).statusCode).toBe(403);
    expect((await loadCalendar(t.db, t.companyA, 2026, 2026)).isWorkingDay('2026-02-16')).toBe(false);
  });

  it('SVC-6 the calculator adds working days or hours, or measures the working time to an end', async () => {
    const compute = async (query: string) =>
      (await t.call('GET', `/api/calendar/compute?${query}`, { cookie: auditor })).json();
    expect(await compute('from=2026-02-12&workingDays=3')).toEqual({
      from: '2026-02-12',
      to: '2026-02-24',
      workingDays: 3,
      workingMs: null,
    });
    expect((await compute('from=2025-09-30&workingDays=1')).to).toBe('2025-10-09');
    const hours = await compute(`from=${encodeURIComponent('2026-02-14T16:00:00+08:00')}&workingHours=3`);
    expect(hours).toEqual({
      from: '2026-02-14T08:00:00.000Z',
      to: '2026-02-24T02:00:00.000Z',
      workingDays: null,
      workingMs: 3 * HOUR,
    });
    // A date alone starts at midnight Shanghai time.
    expect((await compute('from=2026-03-04&workingHours=1')).to).toBe('2026-03-04T01:30:00.000Z');
    const elapsed = await compute(
      `from=${encodeURIComponent('2025-09-30T16:00:00+08:00')}&to=${encodeURIComponent('2025-10-09T10:00:00+08:00')}`,
    );
    expect(elapsed).toMatchObject({ workingDays: 1, workingMs: 3 * HOUR });
    // Closures count for the caller's company: A is closed on 2026-03-10.
    expect((await compute('from=2026-03-09&workingDays=1')).to).toBe('2026-03-11');
    const forB = await t.call('GET', '/api/calendar/compute?from=2026-03-09&workingDays=1', { cookie: adminB });
    expect(forB.json().to).toBe('2026-03-10');
  });
});

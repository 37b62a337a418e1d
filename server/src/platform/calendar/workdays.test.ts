import { describe, expect, it } from 'vitest';
import { businessToday, type CalendarData, createWorkCalendar, startOfBusinessDay } from './workdays.js';

const hours = [
  { start: '08:30', end: '12:00' },
  { start: '13:00', end: '17:30' },
];
const calendarOf = (data: Partial<CalendarData> = {}) =>
  createWorkCalendar({ fromYear: 2030, toYear: 2030, days: [], closures: [], workingHours: hours, ...data });

describe('SVC-6 working calendar rules', () => {
  it('SVC-6 a year without an official schedule falls back to Monday to Friday', () => {
    const cal = calendarOf();
    expect(cal.hasData(2030)).toBe(false);
    expect(cal.isWorkingDay('2030-11-23')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2030-11-24')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2030-11-25')).toBe(true);
  });

  it('SVC-6 adding working days does not count the start day; between counts the end day, not the start', () => {
    const cal = calendarOf();
    expect(cal.addWorkingDays('2030-11-21', 3)).toBe('2030-11-26');
    expect(cal.addWorkingDays('2030-11-25', 0)).toBe('2030-11-25');
    expect(cal.workingDaysBetween('2030-11-22', '2030-11-25')).toBe(1);
    expect(cal.workingDaysBetween('2030-11-25', '2030-11-22')).toBe(0);
  });

  it('SVC-6 a make-up day works, a holiday and a closure do not, whatever the weekday', () => {
    const cal = calendarOf({
      days: [
        { date: '2030-11-23', kind: 'workday' },
        { date: '2030-11-25', kind: 'holiday' },
      ],
      closures: ['2030-11-23', '2030-11-26'],
    });
    expect(cal.hasData(2030)).toBe(true);
    expect(cal.isWorkingDay('2030-11-23')).toBe(false); // make-up Saturday, but the company is closed
    expect(cal.isWorkingDay('2030-11-25')).toBe(false);
    expect(cal.isWorkingDay('2030-11-26')).toBe(false);
    expect(cal.addWorkingDays('2030-11-22', 1)).toBe('2030-11-27');
  });

  it('SVC-6 a date outside the loaded years is refused rather than guessed', () => {
    const cal = calendarOf();
    expect(() => cal.isWorkingDay('2031-01-02')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2030-12-30', 5)).toThrow(/2030–2030/);
  });

  it('SVC-6 working hours: overlapping periods count once, a start before the day starts at opening', () => {
    const cal = calendarOf({
      workingHours: [
        { start: '13:00', end: '17:30' },
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '12:00' },
      ],
    });
    const monday = startOfBusinessDay('2030-11-25');
    expect(cal.addWorkingHours(monday, 1).toISOString()).toBe('2030-11-25T01:30:00.000Z'); // 09:30 Shanghai
    expect(cal.workingTimeBetween(monday, startOfBusinessDay('2030-11-26'))).toBe(8 * 3_600_000);
    expect(cal.addWorkingHours(monday, 0)).toEqual(monday);
    expect(() => cal.addWorkingHours(monday, -1)).toThrow(RangeError);
  });

  it('the business date is Shanghai’s, not UTC’s', () => {
    expect(businessToday(new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
    expect(startOfBusinessDay('2026-11-24').toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });
});

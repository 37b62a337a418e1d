import { describe, expect, it } from 'vitest';
import { addWorkingDays, businessToday, isWorkingDay, workingDaysBetween } from './workdays.js';

describe('working days (weekdays until the holiday calendar arrives)', () => {
  it('Saturday and Sunday are not working days', () => {
    expect(isWorkingDay('2026-11-21')).toBe(false);
    expect(isWorkingDay('2026-11-22')).toBe(false);
    expect(isWorkingDay('2026-11-23')).toBe(true);
  });

  it('adding working days skips the weekend and does not count the start day', () => {
    expect(addWorkingDays('2026-11-19', 3)).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('working days between two dates count the end day, not the start day', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(workingDaysBetween('2026-11-23', '2026-11-20')).toBe(0);
  });

  it('the business date is Shanghai’s, not UTC’s', () => {
    expect(businessToday(new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
  });
});

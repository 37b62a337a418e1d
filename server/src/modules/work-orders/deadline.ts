import { addDays, businessToday, startOfBusinessDay, type WorkCalendar } from '../../platform/calendar/workdays.js';

export type PromiseUnit = 'minutes' | 'hours' | 'workingHours' | 'days' | 'workingDays';

export interface PromiseTerms {
  /** The policy key the amount came from. */
  key: string;
  unit: PromiseUnit;
  amount: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * SVC-6: the deadline of a promise made at `reportedAt`. Minutes and hours run on the clock (an
 * emergency does not wait for office hours); working hours run on the company's working periods;
 * days and working days count from the day after acceptance (受理次日起) and end at the close of the
 * last one, working days on China's calendar with its holidays and make-up working days.
 */
export function deadlineOf(
  calendar: WorkCalendar,
  promise: Pick<PromiseTerms, 'unit' | 'amount'>,
  reportedAt: Date,
): Date {
  const { unit, amount } = promise;
  switch (unit) {
    case 'minutes':
      return new Date(reportedAt.getTime() + amount * MINUTE_MS);
    case 'hours':
      return new Date(reportedAt.getTime() + amount * HOUR_MS);
    case 'workingHours':
      return calendar.addWorkingHours(reportedAt, amount);
    case 'days':
      return startOfBusinessDay(addDays(businessToday(reportedAt), amount + 1));
    case 'workingDays':
      return startOfBusinessDay(addDays(calendar.addWorkingDays(businessToday(reportedAt), amount), 1));
  }
}

/**
 * SVC-6: milliseconds left before the deadline, not counting the time the order waited for the
 * customer (closed pauses, and the open one up to now: a paused order's clock stands still).
 * Negative once breached.
 */
export function timeLeftMs(
  o: { deadlineAt: Date; pausedMs: number; pausedSince: Date | null },
  now: Date = new Date(),
): number {
  const open = o.pausedSince ? Math.max(0, now.getTime() - o.pausedSince.getTime()) : 0;
  return o.deadlineAt.getTime() + Number(o.pausedMs) + open - now.getTime();
}

import type { CalendarDay, CalendarYear, CompanyClosure } from '../../../api/calendar';

/** How a day shows: a closure outranks the official schedule, which outranks the weekend. */
export type DayStatus = 'closure' | 'holiday' | 'workday' | 'weekend' | 'normal';

export interface DayInfo {
  date: string;
  status: DayStatus;
  working: boolean;
  day?: CalendarDay;
  closure?: CompanyClosure;
}

const DAY_MS = 86_400_000;

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 1 = Monday … 7 = Sunday, as Chinese calendars start the week. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** The same rule as the server: a make-up day works, a holiday does not, a closure never does. */
export function dayInfo(data: CalendarYear | undefined, date: string): DayInfo {
  const day = data?.days.find((d) => d.date === date);
  const closure = data?.closures.find((c) => c.date === date);
  const weekend = isWeekend(date);
  const official = day ? day.kind === 'workday' : !weekend;
  const status: DayStatus = closure ? 'closure' : (day?.kind ?? (weekend ? 'weekend' : 'normal'));
  return { date, status, working: official && !closure, day, closure };
}

/** The weeks of a month, Monday first; a cell without a date pads the neighbouring months. */
export function monthWeeks(year: number, month: number): { key: string; date: string | null }[][] {
  const first = Date.UTC(year, month - 1, 1);
  const days = (Date.UTC(year, month, 1) - first) / DAY_MS;
  const lead = isoWeekday(ymd(first)) - 1;
  const cells = Array.from({ length: Math.ceil((lead + days) / 7) * 7 }, (_, i) => {
    const n = i - lead;
    return n >= 0 && n < days
      ? { key: ymd(first + n * DAY_MS), date: ymd(first + n * DAY_MS) }
      : { key: `pad${i}`, date: null };
  });
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

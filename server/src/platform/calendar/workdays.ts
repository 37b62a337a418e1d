/**
 * SVC-6 working days and working hours on China's official calendar: a date is a working day when
 * it is a make-up working day (调休上班), or Monday to Friday and not in a holiday span; and in both
 * cases not a closure of the company. A year without any official rows falls back to weekdays.
 * Times are Asia/Shanghai, which has kept UTC+8 without daylight saving since 1991, so the
 * arithmetic runs on a fixed offset.
 */
export type DayKind = 'holiday' | 'workday';

export interface WorkingPeriod {
  /** HH:mm, Asia/Shanghai. */
  start: string;
  end: string;
}

export interface CalendarData {
  fromYear: number;
  toYear: number;
  /** The official rows (calendar_days) of those years. */
  days: { date: string; kind: DayKind }[];
  /** The company's own closures in those years. */
  closures: string[];
  workingHours: WorkingPeriod[];
}

export interface WorkCalendar {
  readonly fromYear: number;
  readonly toYear: number;
  /** Whether the official schedule of a year is on file (if not, its weekdays are working days). */
  hasData(year: number): boolean;
  isWorkingDay(ymd: string): boolean;
  /** The date N working days after `ymd` (the start day itself is not counted). */
  addWorkingDays(ymd: string, n: number): string;
  /** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number;
  /** The instant `hours` working hours after `instant`; an end that falls on a break stays at the break. */
  addWorkingHours(instant: Date, hours: number): Date;
  /** Milliseconds of working time between two instants; 0 when `b` is not after `a`. */
  workingTimeBetween(a: Date, b: Date): number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

function dayNumber(ymd: string): number {
  return Date.parse(`${ymd}T00:00:00Z`) / DAY_MS;
}

function ymdOf(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/** The date `n` calendar days after `ymd`. */
export function addDays(ymd: string, n: number): string {
  return ymdOf(dayNumber(ymd) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(ymd: string): number {
  return new Date(`${ymd}T00:00:00Z`).getUTCDay();
}

export function isWeekend(ymd: string): boolean {
  const day = weekday(ymd);
  return day === 0 || day === 6;
}

/** The business date (Asia/Shanghai) of an instant. */
export function businessToday(now: Date = new Date()): string {
  return ymdOf(Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** The instant a business date starts in Asia/Shanghai. */
export function startOfBusinessDay(ymd: string): Date {
  return new Date(dayNumber(ymd) * DAY_MS - SHANGHAI_OFFSET_MS);
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/** Periods as [start, end) milliseconds after midnight, sorted, overlaps merged, empty ones dropped. */
function periodsOf(hours: WorkingPeriod[]): [number, number][] {
  const sorted = hours
    .map((p): [number, number] => [minutesOf(p.start) * MINUTE_MS, minutesOf(p.end) * MINUTE_MS])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  if (merged.length === 0) throw new Error('calendar.workingHours has no working period');
  return merged;
}

export function createWorkCalendar(data: CalendarData): WorkCalendar {
  const kinds = new Map(data.days.map((d) => [d.date, d.kind]));
  const closures = new Set(data.closures);
  const yearsWithData = new Set(data.days.map((d) => Number(d.date.slice(0, 4))));
  const periods = periodsOf(data.workingHours);

  // A date outside the loaded years would silently fall back to weekdays: refuse it instead.
  const covered = (ymd: string) => {
    const year = Number(ymd.slice(0, 4));
    if (year < data.fromYear || year > data.toYear) {
      throw new RangeError(`The working calendar is loaded for ${data.fromYear}–${data.toYear}, not for ${ymd}`);
    }
    return ymd;
  };

  const isWorkingDay = (ymd: string): boolean => {
    if (closures.has(covered(ymd))) return false;
    const kind = kinds.get(ymd);
    if (kind) return kind === 'workday';
    return !isWeekend(ymd);
  };

  /** Working periods of the day `dayNo` as absolute [start, end) milliseconds, none on a day off. */
  const periodsOn = (dayNo: number): [number, number][] => {
    if (!isWorkingDay(ymdOf(dayNo))) return [];
    const midnight = dayNo * DAY_MS - SHANGHAI_OFFSET_MS;
    return periods.map(([s, e]) => [midnight + s, midnight + e]);
  };
  const dayNoOf = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);

  return {
    fromYear: data.fromYear,
    toYear: data.toYear,
    hasData: (year) => yearsWithData.has(year),
    isWorkingDay,

    addWorkingDays(ymd, n) {
      let day = dayNumber(covered(ymd));
      let left = n;
      while (left > 0) {
        day++;
        if (isWorkingDay(ymdOf(day))) left--;
      }
      return ymdOf(day);
    },

    workingDaysBetween(from, to) {
      let count = 0;
      const end = dayNumber(covered(to));
      for (let day = dayNumber(covered(from)) + 1; day <= end; day++) if (isWorkingDay(ymdOf(day))) count++;
      return count;
    },

    addWorkingHours(instant, hours) {
      if (!(hours >= 0)) throw new RangeError(`Working hours to add must be 0 or more, not ${hours}`);
      const cursor = instant.getTime();
      let left = Math.round(hours * HOUR_MS);
      if (left === 0) return new Date(cursor);
      for (let day = dayNoOf(cursor); ; day++) {
        for (const [s, e] of periodsOn(day)) {
          if (e <= cursor) continue;
          const from = Math.max(s, cursor);
          if (left <= e - from) return new Date(from + left);
          left -= e - from;
        }
      }
    },

    workingTimeBetween(a, b) {
      const start = a.getTime();
      const end = b.getTime();
      let total = 0;
      for (let day = dayNoOf(start); day <= dayNoOf(end); day++) {
        for (const [s, e] of periodsOn(day)) total += Math.max(0, Math.min(e, end) - Math.max(s, start));
      }
      return total;
    },
  };
}

/**
 * Working days counted Monday to Friday. Foundation 2 replaces this with China's official
 * calendar (public holidays and make-up working days); callers keep the same functions.
 */
function toDate(ymd: string): Date {
  return new Date(`${ymd}T00:00:00Z`);
}

function toYmd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(ymd: string): boolean {
  const day = toDate(ymd).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The date N working days after `ymd` (the start day itself is not counted). */
export function addWorkingDays(ymd: string, n: number): string {
  const d = toDate(ymd);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(toYmd(d))) left--;
  }
  return toYmd(d);
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  const d = toDate(from);
  const end = toDate(to);
  while (d < end) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(toYmd(d))) count++;
  }
  return count;
}

/** Today's business date in Asia/Shanghai. */
export function businessToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

import type { Schedule } from './registry.js';

// Shanghai has no daylight saving: a fixed +08:00 offset is exact.
const OFFSET_MS = 8 * 3_600_000;

function parts(instant: Date) {
  const local = new Date(instant.getTime() + OFFSET_MS);
  return {
    y: local.getUTCFullYear(),
    m: local.getUTCMonth(),
    d: local.getUTCDate(),
    h: local.getUTCHours(),
    min: local.getUTCMinutes(),
  };
}

function shanghai(y: number, m: number, d: number, h = 0, min = 0): Date {
  return new Date(Date.UTC(y, m, d, h, min) - OFFSET_MS);
}

function hhmm(at: string): [number, number] {
  const [h, m] = at.split(':').map(Number);
  return [h ?? 0, m ?? 0];
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

/** The latest slot of a schedule that is due at `now`: a run for it is owed if none exists. */
export function dueSlot(schedule: Schedule, now: Date): Date {
  const p = parts(now);
  if ('every' in schedule && schedule.every === 'minute') return shanghai(p.y, p.m, p.d, p.h, p.min);
  if ('every' in schedule) {
    const minute = schedule.minute ?? 0;
    const slot = shanghai(p.y, p.m, p.d, p.h, minute);
    return slot <= now ? slot : new Date(slot.getTime() - 3_600_000);
  }
  if ('daily' in schedule) {
    const [h, min] = hhmm(schedule.daily);
    const today = shanghai(p.y, p.m, p.d, h, min);
    return today <= now ? today : shanghai(p.y, p.m, p.d - 1, h, min);
  }
  const { day, at } = schedule.monthly;
  const [h, min] = hhmm(at);
  // Day 31 in a 30-day month means its last day.
  const thisMonth = shanghai(p.y, p.m, Math.min(day, daysIn(p.y, p.m)), h, min);
  if (thisMonth <= now) return thisMonth;
  const prevY = p.m === 0 ? p.y - 1 : p.y;
  const prevM = p.m === 0 ? 11 : p.m - 1;
  return shanghai(prevY, prevM, Math.min(day, daysIn(prevY, prevM)), h, min);
}

/** The slot after the due one, for the console. */
export function nextSlot(schedule: Schedule, now: Date): Date {
  const due = dueSlot(schedule, now);
  // Step forward until the due slot changes: at most a month and a day of probing by the hour.
  const step =
    'every' in schedule && schedule.every === 'minute' ? 60_000 : 'every' in schedule ? 3_600_000 : 60_000 * 30;
  let t = new Date(due.getTime() + step);
  for (let i = 0; i < 2000; i++) {
    const s = dueSlot(schedule, t);
    if (s.getTime() !== due.getTime()) return s;
    t = new Date(t.getTime() + step);
  }
  return t;
}

export function describeSchedule(schedule: Schedule): { zh: string; en: string } {
  if ('every' in schedule && schedule.every === 'minute') return { zh: '每分钟', en: 'every minute' };
  if ('every' in schedule) {
    const m = String(schedule.minute ?? 0).padStart(2, '0');
    return { zh: `每小时第 ${m} 分`, en: `hourly at :${m}` };
  }
  if ('daily' in schedule) return { zh: `每天 ${schedule.daily}`, en: `daily at ${schedule.daily}` };
  return {
    zh: `每月 ${schedule.monthly.day} 日 ${schedule.monthly.at}`,
    en: `monthly on day ${schedule.monthly.day} at ${schedule.monthly.at}`,
  };
}

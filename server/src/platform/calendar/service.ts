import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../audit.js';
import type { Actor } from '../context.js';
import { policyValue } from '../policy/policy.js';
import { CalendarError } from './errors.js';
import * as repo from './repo.js';
import {
  addDays,
  businessToday,
  createWorkCalendar,
  type DayKind,
  isWeekend,
  startOfBusinessDay,
  type WorkCalendar,
} from './workdays.js';

const yearOf = (ymd: string) => Number(ymd.slice(0, 4));

/**
 * SVC-6: the company's working calendar for the years `fromYear` to `toYear`: the official schedule,
 * the company's closures, and its working hours (policy `calendar.workingHours` in force on `asOf`).
 */
export async function loadCalendar(
  db: Queryable,
  companyId: string,
  fromYear: number,
  toYear: number,
  asOf: string = businessToday(),
): Promise<WorkCalendar> {
  const [days, closures, workingHours] = await Promise.all([
    repo.listDays(db, fromYear, toYear),
    repo.listClosures(db, companyId, fromYear, toYear),
    policyValue(db, companyId, 'calendar.workingHours', asOf),
  ]);
  return createWorkCalendar({ fromYear, toYear, days, closures: closures.map((c) => c.date), workingHours });
}

/** A calendar covering every given date, and `yearsAfter` more years for counting forward from them. */
export function loadCalendarCovering(
  db: Queryable,
  companyId: string,
  dates: string[],
  yearsAfter = 1,
): Promise<WorkCalendar> {
  const years = dates.map(yearOf);
  return loadCalendar(db, companyId, Math.min(...years), Math.max(...years) + yearsAfter);
}

function dayDto(row: repo.CalendarDayRow) {
  return { ...row, updatedAt: row.updatedAt.toISOString() };
}

function closureDto(row: repo.ClosureRow) {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** The official rows and the company's closures of a year, with its working days month by month. */
export async function listCalendarDays(db: Queryable, companyId: string, year: number) {
  const [days, closures, yearsWithData, calendar] = await Promise.all([
    repo.listDays(db, year, year),
    repo.listClosures(db, companyId, year, year),
    repo.yearsWithData(db),
    loadCalendar(db, companyId, year, year),
  ]);
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, workingDays: 0 }));
  for (let d = `${year}-01-01`; yearOf(d) === year; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) months[Number(d.slice(5, 7)) - 1]!.workingDays++;
  }
  return {
    year,
    hasData: calendar.hasData(year),
    yearsWithData,
    days: days.map(dayDto),
    closures: closures.map(closureDto),
    months,
  };
}

export interface CalendarDayInput {
  kind: DayKind;
  name: string;
}

/** Sets a day of the official schedule. The table is national: every company sees the change. */
export async function upsertCalendarDay(tx: Tx, actor: Actor, date: string, input: CalendarDayInput) {
  if (input.kind === 'workday' && !isWeekend(date)) {
    throw CalendarError('WORKDAY_ON_WEEKDAY', { field: 'kind', vars: { date } });
  }
  const before = await repo.findDay(tx, date);
  const after = dayDto(await repo.upsertDay(tx, { date, ...input, updatedBy: actor.userId }));
  await recordAudit(tx, actor, {
    action: 'calendar.day.set',
    entityType: 'calendarDay',
    entityId: date,
    before: before && dayDto(before),
    after,
  });
  return after;
}

/** Removes a day from the official schedule: it becomes an ordinary weekday or weekend day again. */
export async function deleteCalendarDay(tx: Tx, actor: Actor, date: string): Promise<void> {
  const before = await repo.findDay(tx, date);
  if (!before) throw CalendarError('DAY_NOT_FOUND', { field: 'date', vars: { date } });
  await repo.deleteDay(tx, date);
  await recordAudit(tx, actor, {
    action: 'calendar.day.delete',
    entityType: 'calendarDay',
    entityId: date,
    before: dayDto(before),
  });
}

export async function createClosure(tx: Tx, actor: Actor, input: { date: string; reason: string }) {
  if (await repo.findClosure(tx, actor.companyId, input.date)) {
    throw CalendarError('CLOSURE_EXISTS', { field: 'date', vars: { date: input.date } });
  }
  const created = closureDto(await repo.insertClosure(tx, actor.companyId, { ...input, createdBy: actor.userId }));
  await recordAudit(tx, actor, {
    action: 'calendar.closure.create',
    entityType: 'companyClosure',
    entityId: input.date,
    after: created,
  });
  return created;
}

export async function deleteClosure(tx: Tx, actor: Actor, date: string): Promise<void> {
  const before = await repo.findClosure(tx, actor.companyId, date);
  if (!before) throw CalendarError('CLOSURE_NOT_FOUND', { field: 'date', vars: { date } });
  await repo.deleteClosure(tx, actor.companyId, date);
  await recordAudit(tx, actor, {
    action: 'calendar.closure.delete',
    entityType: 'companyClosure',
    entityId: date,
    before: closureDto(before),
  });
}

export interface ComputeInput {
  /** A date (YYYY-MM-DD, its start in Asia/Shanghai) or an instant with its offset. */
  from: string;
  workingDays?: number;
  workingHours?: number;
  /** A date or an instant: the working time from `from` to it is measured. */
  to?: string;
}

const isDate = (s: string) => s.length === 10;
const instantOf = (s: string) => (isDate(s) ? startOfBusinessDay(s) : new Date(s));

/**
 * The console's calculator: `from` plus N working days (a date), plus N working hours (an instant),
 * or the working days and working time from `from` to `to`.
 */
export async function checkWorkingTime(db: Queryable, companyId: string, input: ComputeInput) {
  const given = (['workingDays', 'workingHours', 'to'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) throw CalendarError('ONE_MEASURE', { field: given[1] ?? 'workingDays' });
  const start = instantOf(input.from);
  const fromDate = businessToday(start);
  const { workingDays, workingHours, to } = input;
  if (to !== undefined) {
    const end = instantOf(to);
    const endDate = businessToday(end);
    const [first, last] = [fromDate, endDate].sort();
    const calendar = await loadCalendar(db, companyId, yearOf(first!), yearOf(last!), fromDate);
    return {
      from: start.toISOString(),
      to: end.toISOString(),
      workingDays: calendar.workingDaysBetween(fromDate, endDate),
      workingMs: calendar.workingTimeBetween(start, end),
    };
  }
  // The routes cap N so that two more years always hold the answer.
  const calendar = await loadCalendar(db, companyId, yearOf(fromDate), yearOf(fromDate) + 2, fromDate);
  if (workingDays !== undefined) {
    return { from: fromDate, to: calendar.addWorkingDays(fromDate, workingDays), workingDays, workingMs: null };
  }
  const end = calendar.addWorkingHours(start, workingHours!);
  return {
    from: start.toISOString(),
    to: end.toISOString(),
    workingDays: null,
    workingMs: calendar.workingTimeBetween(start, end),
  };
}

import type { Queryable } from '../../db/types.js';
import type { DayKind } from './workdays.js';

export interface CalendarDayRow {
  date: string;
  kind: DayKind;
  name: string;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface ClosureRow {
  date: string;
  reason: string;
  createdAt: Date;
  createdBy: string | null;
}

const DAY = `SELECT date, kind, name, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM calendar_days`;
const CLOSURE = `SELECT date, reason, created_at AS "createdAt", created_by AS "createdBy" FROM company_closures`;
const IN_YEARS = `date >= make_date($1::int, 1, 1) AND date < make_date($2::int + 1, 1, 1)`;

/** The official rows of the years `from` to `to`: national, the same for every company. */
export async function listDays(db: Queryable, from: number, to: number): Promise<CalendarDayRow[]> {
  const r = await db.query<CalendarDayRow>(`${DAY} WHERE ${IN_YEARS} ORDER BY date`, [from, to]);
  return r.rows;
}

export async function findDay(db: Queryable, date: string): Promise<CalendarDayRow | null> {
  const r = await db.query<CalendarDayRow>(`${DAY} WHERE date = $1`, [date]);
  return r.rows[0] ?? null;
}

export async function upsertDay(
  db: Queryable,
  d: { date: string; kind: DayKind; name: string; updatedBy: string | null },
): Promise<CalendarDayRow> {
  const r = await db.query<CalendarDayRow>(
    `INSERT INTO calendar_days (date, kind, name, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
       updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING date, kind, name, updated_at AS "updatedAt", updated_by AS "updatedBy"`,
    [d.date, d.kind, d.name, d.updatedBy],
  );
  return r.rows[0]!;
}

export async function deleteDay(db: Queryable, date: string): Promise<void> {
  await db.query('DELETE FROM calendar_days WHERE date = $1', [date]);
}

export async function yearsWithData(db: Queryable): Promise<number[]> {
  const r = await db.query<{ year: number }>(
    'SELECT DISTINCT extract(year FROM date)::int AS year FROM calendar_days ORDER BY year',
  );
  return r.rows.map((row) => row.year);
}

export async function listClosures(db: Queryable, companyId: string, from: number, to: number): Promise<ClosureRow[]> {
  const r = await db.query<ClosureRow>(`${CLOSURE} WHERE company_id = $3 AND ${IN_YEARS} ORDER BY date`, [
    from,
    to,
    companyId,
  ]);
  return r.rows;
}

export async function findClosure(db: Queryable, companyId: string, date: string): Promise<ClosureRow | null> {
  const r = await db.query<ClosureRow>(`${CLOSURE} WHERE company_id = $1 AND date = $2`, [companyId, date]);
  return r.rows[0] ?? null;
}

export async function insertClosure(
  db: Queryable,
  companyId: string,
  c: { date: string; reason: string; createdBy: string | null },
): Promise<ClosureRow> {
  const r = await db.query<ClosureRow>(
    `INSERT INTO company_closures (company_id, date, reason, created_by) VALUES ($1, $2, $3, $4)
     RETURNING date, reason, created_at AS "createdAt", created_by AS "createdBy"`,
    [companyId, c.date, c.reason, c.createdBy],
  );
  return r.rows[0]!;
}

export async function deleteClosure(db: Queryable, companyId: string, date: string): Promise<void> {
  await db.query('DELETE FROM company_closures WHERE company_id = $1 AND date = $2', [companyId, date]);
}

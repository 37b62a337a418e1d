import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { AppError, PlatformError } from '../../platform/errors.js';
import { pageClause, pagingQuery } from '../../platform/paging.js';
import { listOrgUnits, type OrgUnitRow, requireOrgUnit } from '../org/service.js';
import * as repo from './repo.js';
import { status } from './schemas.js';
import { toDto } from './service.js';

const ymd = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD / a date YYYY-MM-DD' })
  .refine((s) => s >= '2000' && s < '2100', { error: '日期应在 2000–2099 年 / a date in 2000–2099' });
const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** The filters of the order register (the export takes the same, without paging). */
export const registerFilters = z.object({
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['reportedAt', 'deadlineAt', 'orderNo', 'status', 'typeCode']).default('reportedAt'),
  status: status.optional(),
  /** Only the orders still open (not closed or cancelled). */
  open: flag,
  typeCode: z
    .string()
    .trim()
    .regex(/^[a-z][A-Za-z0-9]{0,31}$/)
    .optional(),
  /** Reported on or after / on or before these business dates (Asia/Shanghai). */
  from: ymd.optional(),
  to: ymd.optional(),
  accountNo: z.string().trim().min(1).max(32).optional(),
  /** The centre, or a department with the centres under it. */
  orgUnitId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  technicianId: z.uuid().optional(),
  /** Only the orders no technician has yet (true), or only those with one (false). */
  unassigned: flag,
  /** SVC-6: the promise was (or is being) broken. */
  breached: flag,
});
export const registerQuery = registerFilters.extend({ page: pagingQuery.page, pageSize: pagingQuery.pageSize });
export const registerExportQuery = registerFilters;
export type RegisterQuery = z.infer<typeof registerFilters> & { page: number; pageSize: number };

export const workersQuery = z.object({ orgUnitId: z.uuid() });

const SORT: Record<RegisterQuery['sort'], string> = {
  reportedAt: 'w.reported_at',
  deadlineAt: 'w.deadline_at',
  orderNo: 'w.order_no',
  status: 'w.status',
  typeCode: 'w.type_code',
};

/**
 * SVC-6 in SQL, the same as `promiseState`: the clock stops at arrival (an arrival promise) or
 * completion, or when the order ends without either; an open pause freezes it; waiting is not
 * counted. `$now` is the instant the list is computed for.
 */
export function breachedSql(now: string): string {
  const stop = `COALESCE(
      CASE WHEN w.promise->>'key' LIKE '%Arrival%' THEN COALESCE(w.arrived_at, w.completed_at) ELSE w.completed_at END,
      CASE WHEN w.status IN ('completed', 'notCompleted', 'closed') THEN w.closed_at END,
      ${now})`;
  return `(w.status <> 'cancelled'
      AND LEAST(${stop}, COALESCE(w.paused_since, ${stop})) > w.deadline_at + w.paused_ms::float8 * interval '1 millisecond')`;
}

/** A range that ends before it starts: the same 400 as a schema's, naming `to`. */
function datesOutOfOrder(): AppError {
  const text = { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' };
  const spec = PlatformError.catalog.VALIDATION_FAILED;
  return new AppError(
    'VALIDATION_FAILED',
    spec.status,
    { zh: spec.zh.replace('{summary}', `to: ${text.zh}`), en: spec.en.replace('{summary}', `to: ${text.en}`) },
    { in: 'querystring' },
    [{ path: 'to', text }],
  );
}

function descendantsOf(units: OrgUnitRow[], id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const u of units) if (u.parentId === out[i]) out.push(u.id);
  return out;
}

/** The register of every order of the company (SVC-4), filtered, sorted and paged, phones masked. */
export async function listRegister(db: Queryable, companyId: string, q: RegisterQuery, now = new Date()) {
  const params: unknown[] = [companyId];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.from && q.to && q.from > q.to) throw datesOutOfOrder();
  const where = ['w.company_id = $1'];
  if (q.orgUnitId) {
    await requireOrgUnit(db, companyId, q.orgUnitId);
    where.push(`w.org_unit_id = ANY(${$(descendantsOf(await listOrgUnits(db, companyId), q.orgUnitId))}::uuid[])`);
  }
  if (q.status) where.push(`w.status = ${$(q.status)}`);
  if (q.open === true) where.push("w.status NOT IN ('closed', 'cancelled')");
  if (q.open === false) where.push("w.status IN ('closed', 'cancelled')");
  if (q.typeCode) where.push(`w.type_code = ${$(q.typeCode)}`);
  if (q.from) where.push(`w.reported_at >= (${$(q.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.to) where.push(`w.reported_at < (${$(q.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.accountNo) {
    where.push(
      `w.account_id IN (SELECT a.id FROM accounts a WHERE a.company_id = $1 AND a.account_no = ${$(q.accountNo)})`,
    );
  }
  if (q.teamId) where.push(`w.team_id = ${$(q.teamId)}`);
  if (q.technicianId) where.push(`w.technician_id = ${$(q.technicianId)}`);
  if (q.unassigned === true) where.push('w.technician_id IS NULL');
  if (q.unassigned === false) where.push('w.technician_id IS NOT NULL');
  if (q.breached !== undefined) {
    const breached = breachedSql(`${$(now)}::timestamptz`);
    where.push(q.breached ? breached : `NOT ${breached}`);
  }
  const w = where.join(' AND ');
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM work_orders w WHERE ${w}`, params);
  const ids = await db.query<{ id: string }>(
    `SELECT w.id FROM work_orders w WHERE ${w} ORDER BY ${SORT[q.sort]} ${dir}, w.id ${dir} ${pageClause(q)}`,
    params,
  );
  const order = ids.rows.map((r) => r.id);
  const rows = order.length ? await repo.listWhere(db, companyId, 'w.id = ANY($2::uuid[])', [order]) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = order.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toDto(row, now)] : [];
  });
  return { items, total: total.rows[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * The dispatch board's people: the centre's teams and the active staff in it who may work on
 * orders, each with their load — open orders (not completed, closed or cancelled) and how many of
 * those have broken their promise — and the centre's unassigned open orders.
 */
export async function listWorkers(db: Queryable, companyId: string, orgUnitId: string, now = new Date()) {
  const centre = await requireOrgUnit(db, companyId, orgUnitId);
  const units = await listOrgUnits(db, companyId);
  const inside = descendantsOf(units, centre.id);
  const breached = breachedSql('$3::timestamptz');
  const open = "w.status NOT IN ('completed', 'closed', 'cancelled')";
  const workers = await db.query<{
    id: string;
    fullName: string;
    username: string;
    orgUnitId: string | null;
    orgUnitName: string | null;
    openOrders: number;
    breachedOrders: number;
  }>(
    `SELECT u.id, u.full_name AS "fullName", u.username, u.org_unit_id AS "orgUnitId", ou.name AS "orgUnitName",
            count(w.id)::int AS "openOrders", count(w.id) FILTER (WHERE ${breached})::int AS "breachedOrders"
       FROM users u
       LEFT JOIN org_units ou ON ou.company_id = u.company_id AND ou.id = u.org_unit_id
       LEFT JOIN work_orders w ON w.company_id = u.company_id AND w.technician_id = u.id AND ${open}
      WHERE u.company_id = $1 AND u.status = 'active' AND u.org_unit_id = ANY($2::uuid[])
        AND EXISTS (SELECT 1 FROM user_roles ur
                      JOIN role_permissions rp ON rp.company_id = ur.company_id AND rp.role_id = ur.role_id
                     WHERE ur.company_id = u.company_id AND ur.user_id = u.id AND rp.permission_code = 'workorder.work')
      GROUP BY u.id, u.full_name, u.username, u.org_unit_id, ou.name
      ORDER BY ou.name NULLS FIRST, u.full_name, u.username`,
    [companyId, inside, now],
  );
  const teams = units.filter((u) => u.kind === 'team' && inside.includes(u.id));
  const counts = await db.query<{ teamId: string | null; unassigned: boolean; n: number }>(
    `SELECT w.team_id AS "teamId", (w.technician_id IS NULL) AS unassigned, count(*)::int AS n
       FROM work_orders w
      WHERE w.company_id = $1 AND w.org_unit_id = $2 AND ${open}
      GROUP BY w.team_id, (w.technician_id IS NULL)`,
    [companyId, centre.id],
  );
  const ofTeam = (id: string) => counts.rows.filter((c) => c.teamId === id).reduce((n, c) => n + c.n, 0);
  return {
    centre: { id: centre.id, name: centre.name, kind: centre.kind },
    teams: teams.map((t) => ({ id: t.id, name: t.name, openOrders: ofTeam(t.id) })),
    workers: workers.rows.map((u) => ({
      ...u,
      teamId: teams.some((t) => t.id === u.orgUnitId) ? u.orgUnitId : null,
    })),
    unassigned: counts.rows.filter((c) => c.unassigned).reduce((n, c) => n + c.n, 0),
  };
}

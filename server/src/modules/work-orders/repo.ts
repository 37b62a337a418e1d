import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { PromiseTerms, PromiseUnit } from './deadline.js';
import type { BoardQuery, Status } from './schemas.js';

/** The types a company starts with (migration 0030's seed_work_order_types). */
export async function seedWorkOrderTypes(db: Queryable, companyId: string): Promise<void> {
  await db.query('SELECT seed_work_order_types($1)', [companyId]);
}

export interface TypeRow {
  code: string;
  nameZh: string;
  nameEn: string;
  category: string;
  promiseKey: string;
  promiseUnit: PromiseUnit;
  defaultPriority: 'low' | 'normal' | 'high' | 'urgent';
  steps: { code: string; zh: string; en: string }[];
  active: boolean;
}

const TYPE_SELECT = `SELECT code, name_zh AS "nameZh", name_en AS "nameEn", category, promise_key AS "promiseKey",
         promise_unit AS "promiseUnit", default_priority AS "defaultPriority", steps, active
    FROM work_order_types`;

export async function listTypes(db: Queryable, companyId: string): Promise<TypeRow[]> {
  const r = await db.query<TypeRow>(`${TYPE_SELECT} WHERE company_id = $1 ORDER BY sort_order, code`, [companyId]);
  return r.rows;
}

export async function findType(db: Queryable, companyId: string, code: string): Promise<TypeRow | null> {
  const r = await db.query<TypeRow>(`${TYPE_SELECT} WHERE company_id = $1 AND code = $2`, [companyId, code]);
  return r.rows[0] ?? null;
}

export interface WorkOrderRow {
  id: string;
  orderNo: string;
  typeCode: string;
  typeNameZh: string;
  typeNameEn: string;
  channel: 'hotline' | 'hall' | 'online' | 'doorToDoor' | 'finding';
  accountId: string | null;
  accountNo: string | null;
  callerName: string | null;
  phone: string | null;
  address: string | null;
  contactId: string | null;
  serviceApplicationId: string | null;
  description: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: Status;
  orgUnitId: string;
  orgUnitName: string | null;
  teamId: string | null;
  teamName: string | null;
  technicianId: string | null;
  technicianName: string | null;
  ownerId: string;
  ownerName: string | null;
  reportedAt: Date;
  deadlineAt: Date;
  promise: PromiseTerms;
  pausedSince: Date | null;
  pauseReason: string | null;
  pausedMs: string | number;
  dispatchedAt: Date | null;
  appointmentAt: Date | null;
  arrivedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
  outcomeReason: string | null;
  version: number;
}

const SELECT = `SELECT w.id, w.order_no AS "orderNo", w.type_code AS "typeCode", t.name_zh AS "typeNameZh",
         t.name_en AS "typeNameEn", w.channel, w.account_id AS "accountId", a.account_no AS "accountNo",
         w.caller_name AS "callerName", w.phone, w.address, w.contact_id AS "contactId",
         w.service_application_id AS "serviceApplicationId", w.description, w.priority, w.status,
         w.org_unit_id AS "orgUnitId", ou.name AS "orgUnitName", w.team_id AS "teamId", tm.name AS "teamName",
         w.technician_id AS "technicianId", tech.full_name AS "technicianName", w.owner_id AS "ownerId",
         own.full_name AS "ownerName", w.reported_at AS "reportedAt", w.deadline_at AS "deadlineAt", w.promise,
         w.paused_since AS "pausedSince", w.pause_reason AS "pauseReason", w.paused_ms AS "pausedMs",
         w.dispatched_at AS "dispatchedAt", w.appointment_at AS "appointmentAt", w.arrived_at AS "arrivedAt",
         w.completed_at AS "completedAt", w.closed_at AS "closedAt", w.outcome_reason AS "outcomeReason", w.version
    FROM work_orders w
    JOIN work_order_types t ON t.company_id = w.company_id AND t.code = w.type_code
    LEFT JOIN accounts a ON a.company_id = w.company_id AND a.id = w.account_id
    LEFT JOIN org_units ou ON ou.company_id = w.company_id AND ou.id = w.org_unit_id
    LEFT JOIN org_units tm ON tm.company_id = w.company_id AND tm.id = w.team_id
    LEFT JOIN users tech ON tech.company_id = w.company_id AND tech.id = w.technician_id
    LEFT JOIN users own ON own.company_id = w.company_id AND own.id = w.owner_id`;

export interface NewWorkOrderRow {
  orderNo: string;
  typeCode: string;
  channel: WorkOrderRow['channel'];
  accountId: string | null;
  callerName: string | null;
  phone: string | null;
  address: string | null;
  contactId: string | null;
  serviceApplicationId: string | null;
  description: string;
  priority: WorkOrderRow['priority'];
  orgUnitId: string;
  ownerId: string;
  reportedAt: Date;
  deadlineAt: Date;
  promise: PromiseTerms;
}

export async function insertWorkOrder(db: Queryable, companyId: string, o: NewWorkOrderRow): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO work_orders (company_id, order_no, type_code, channel, account_id, caller_name, phone, address,
                              contact_id, service_application_id, description, priority, org_unit_id, owner_id,
                              reported_at, deadline_at, promise)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [
      companyId,
      o.orderNo,
      o.typeCode,
      o.channel,
      o.accountId,
      o.callerName,
      o.phone,
      o.address,
      o.contactId,
      o.serviceApplicationId,
      o.description,
      o.priority,
      o.orgUnitId,
      o.ownerId,
      o.reportedAt,
      o.deadlineAt,
      JSON.stringify(o.promise),
    ],
  );
  return r.rows[0]!.id;
}

export async function findWorkOrder(
  db: Queryable,
  companyId: string,
  id: string,
  forUpdate = false,
): Promise<WorkOrderRow | null> {
  if (forUpdate) {
    await db.query('SELECT 1 FROM work_orders WHERE company_id = $1 AND id = $2 FOR UPDATE', [companyId, id]);
  }
  const r = await db.query<WorkOrderRow>(`${SELECT} WHERE w.company_id = $1 AND w.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

/** Column changes an operation makes; `version` is bumped and `updated_at` set by the update itself. */
export type WorkOrderChange = Partial<{
  status: Status;
  team_id: string | null;
  technician_id: string | null;
  dispatched_at: Date;
  appointment_at: Date;
  arrived_at: Date;
  completed_at: Date;
  closed_at: Date;
  outcome_reason: string | null;
  paused_since: Date | null;
  pause_reason: string | null;
  paused_ms: number;
}>;

/**
 * Applies a change when the order is still at `version` (and, for a take, still unassigned): the
 * conditional UPDATE is what lets one of two simultaneous takers win. False when nothing matched.
 */
export async function updateWorkOrder(
  db: Queryable,
  companyId: string,
  id: string,
  version: number,
  change: WorkOrderChange,
  opts: { onlyUnassigned?: boolean } = {},
): Promise<boolean> {
  const params: unknown[] = [companyId, id, version];
  const sets = Object.entries(change).map(([col, v]) => {
    params.push(v);
    return `${col} = $${params.length}`;
  });
  const r = await db.query(
    `UPDATE work_orders SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE company_id = $1 AND id = $2 AND version = $3${opts.onlyUnassigned ? ' AND technician_id IS NULL' : ''}`,
    params,
  );
  return r.rowCount === 1;
}

export interface NewEvent {
  kind: 'created' | 'assigned' | 'reassigned' | 'taken' | 'status' | 'paused' | 'resumed' | 'warned' | 'escalated';
  fromStatus?: string | null;
  toStatus?: string | null;
  fromTeamId?: string | null;
  toTeamId?: string | null;
  fromUserId?: string | null;
  toUserId?: string | null;
  reason?: string | null;
  actorId: string | null;
  actorName: string | null;
  /** When it happened, if not now (SVC-6 checks record the time they were run for). */
  at?: Date;
}

export async function insertEvent(db: Queryable, companyId: string, workOrderId: string, e: NewEvent): Promise<void> {
  await db.query(
    `INSERT INTO work_order_events (company_id, work_order_id, kind, from_status, to_status, from_team_id, to_team_id,
                                    from_user_id, to_user_id, reason, actor_id, actor_name, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, COALESCE($13, now()))`,
    [
      companyId,
      workOrderId,
      e.kind,
      e.fromStatus ?? null,
      e.toStatus ?? null,
      e.fromTeamId ?? null,
      e.toTeamId ?? null,
      e.fromUserId ?? null,
      e.toUserId ?? null,
      e.reason ?? null,
      e.actorId,
      e.actorName,
      e.at ?? null,
    ],
  );
}

export interface EventRow {
  id: string;
  kind: NewEvent['kind'];
  fromStatus: string | null;
  toStatus: string | null;
  fromTeamId: string | null;
  toTeamId: string | null;
  fromUserId: string | null;
  fromUserName: string | null;
  toUserId: string | null;
  toUserName: string | null;
  reason: string | null;
  actorId: string | null;
  actorName: string | null;
  at: Date;
}

export async function listEvents(db: Queryable, companyId: string, workOrderId: string): Promise<EventRow[]> {
  const r = await db.query<EventRow>(
    `SELECT e.id::text AS id, e.kind, e.from_status AS "fromStatus", e.to_status AS "toStatus",
            e.from_team_id AS "fromTeamId", e.to_team_id AS "toTeamId", e.from_user_id AS "fromUserId",
            fu.full_name AS "fromUserName", e.to_user_id AS "toUserId", tu.full_name AS "toUserName", e.reason,
            e.actor_id AS "actorId", e.actor_name AS "actorName", e.at
       FROM work_order_events e
       LEFT JOIN users fu ON fu.company_id = e.company_id AND fu.id = e.from_user_id
       LEFT JOIN users tu ON tu.company_id = e.company_id AND tu.id = e.to_user_id
      WHERE e.company_id = $1 AND e.work_order_id = $2
      ORDER BY e.id`,
    [companyId, workOrderId],
  );
  return r.rows;
}

/** SVC-6 / dispatch board: a centre's open orders, earliest deadline first, a page at a time. */
export async function listBoard(
  db: Queryable,
  companyId: string,
  q: BoardQuery,
): Promise<{ rows: WorkOrderRow[]; total: number }> {
  const params: unknown[] = [companyId, q.orgUnitId];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['w.company_id = $1', 'w.org_unit_id = $2', "w.status NOT IN ('closed', 'cancelled')"];
  if (q.teamId) where.push(`w.team_id = ${$(q.teamId)}`);
  if (q.technicianId) where.push(`w.technician_id = ${$(q.technicianId)}`);
  if (q.unassigned === true) where.push('w.technician_id IS NULL');
  if (q.unassigned === false) where.push('w.technician_id IS NOT NULL');
  if (q.status) where.push(`w.status = ${$(q.status)}`);
  const w = where.join(' AND ');
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const [total, rows] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM work_orders w WHERE ${w}`, params),
    db.query<WorkOrderRow>(`${SELECT} WHERE ${w} ORDER BY w.deadline_at ${dir}, w.id ${dir} ${pageClause(q)}`, params),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

/** Whether a user holds a permission through any of their roles. */
export async function userHasPermission(
  db: Queryable,
  companyId: string,
  userId: string,
  permission: string,
): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM user_roles ur
       JOIN role_permissions rp ON rp.company_id = ur.company_id AND rp.role_id = ur.role_id
      WHERE ur.company_id = $1 AND ur.user_id = $2 AND rp.permission_code = $3 LIMIT 1`,
    [companyId, userId, permission],
  );
  return r.rows.length > 0;
}

export interface ApplicationRef {
  id: string;
  applicationNo: string;
  status: 'pending' | 'scheduled' | 'done' | 'cancelled';
  version: number;
}

export async function findApplication(db: Queryable, companyId: string, id: string): Promise<ApplicationRef | null> {
  const r = await db.query<ApplicationRef>(
    `SELECT id, application_no AS "applicationNo", status, version FROM service_applications
      WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** An installation order picks up a pending service application: it is scheduled from then on. */
export async function scheduleApplication(db: Queryable, companyId: string, id: string): Promise<void> {
  await db.query(
    `UPDATE service_applications SET status = 'scheduled', version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2 AND status = 'pending'`,
    [companyId, id],
  );
}

export async function contactExists(db: Queryable, companyId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM contacts WHERE company_id = $1 AND id = $2', [companyId, id]);
  return r.rows.length > 0;
}

/** SVC-6: orders matching a condition on `w` (the caller's own parameters from $2), for the promise checks. */
export async function listWhere(
  db: Queryable,
  companyId: string,
  where: string,
  params: unknown[] = [],
): Promise<WorkOrderRow[]> {
  return (
    await db.query<WorkOrderRow>(`${SELECT} WHERE w.company_id = $1 AND (${where}) ORDER BY w.deadline_at, w.id`, [
      companyId,
      ...params,
    ])
  ).rows;
}

/** The technician's own open orders ("my orders"), nearest deadline first. */
export async function listOfTechnician(
  db: Queryable,
  companyId: string,
  userId: string,
  limit: number,
): Promise<WorkOrderRow[]> {
  const r = await db.query<WorkOrderRow>(
    `${SELECT} WHERE w.company_id = $1 AND w.technician_id = $2
        AND w.status IN ('dispatched', 'appointed', 'arrived', 'notCompleted')
      ORDER BY w.deadline_at, w.id LIMIT $3`,
    [companyId, userId, limit],
  );
  return r.rows;
}

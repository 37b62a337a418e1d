import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';

export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  q?: string;
}

const SELECT = `SELECT id, at, actor_id AS "actorId", actor_name AS "actorName", action, entity_type AS "entityType",
                       entity_id AS "entityId", before, after, ip, request_id AS "requestId"
                  FROM audit_log`;

export async function searchAudit(
  db: Queryable,
  companyId: string,
  q: AuditQuery,
): Promise<{ rows: AuditRow[]; total: number }> {
  const params: unknown[] = [companyId];
  const $ = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['company_id = $1'];
  if (q.actorId) where.push(`actor_id = ${$(q.actorId)}`);
  if (q.action) {
    // An action filter names a family too: "user" finds user.create, user.disable, …
    const p = $(q.action);
    where.push(`(action = ${p} OR action LIKE ${p} || '.%')`);
  }
  if (q.entityType) where.push(`entity_type = ${$(q.entityType)}`);
  if (q.entityId) where.push(`entity_id = ${$(q.entityId)}`);
  if (q.from) where.push(`at >= ${$(q.from)}`);
  if (q.to) where.push(`at <= ${$(q.to)}`);
  if (q.q) {
    const p = $(`%${q.q}%`);
    where.push(
      `(actor_name ILIKE ${p} OR action ILIKE ${p} OR entity_id ILIKE ${p} OR before::text ILIKE ${p} OR after::text ILIKE ${p})`,
    );
  }
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${w}`, params);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const rows = await db.query<AuditRow>(`${SELECT} WHERE ${w} ORDER BY at ${dir}, id ${dir} ${pageClause(q)}`, params);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function findAudit(db: Queryable, companyId: string, id: number): Promise<AuditRow | null> {
  const r = await db.query<AuditRow>(`${SELECT} WHERE company_id = $1 AND id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

import type { Queryable } from '../../db/types.js';
import type { RoleRef } from './users-repo.js';

export type RequestStatus = 'submitted' | 'department_approved' | 'provisioned' | 'rejected';

export interface AccountRequestRow {
  id: string;
  requestedBy: { id: string; fullName: string };
  fullName: string;
  username: string;
  employeeNo: string | null;
  orgUnitId: string | null;
  orgUnitName: string | null;
  roleIds: string[];
  roles: RoleRef[];
  reason: string;
  status: RequestStatus;
  approvedBy: string | null;
  approvedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
  userId: string | null;
  createdAt: Date;
}

const SELECT = `
  SELECT a.id, json_build_object('id', q.id, 'fullName', q.full_name) AS "requestedBy", a.full_name AS "fullName",
         a.username, a.employee_no AS "employeeNo", a.org_unit_id AS "orgUnitId", o.name AS "orgUnitName",
         a.role_ids AS "roleIds",
         COALESCE((SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'nameZh', r.name_zh, 'nameEn', r.name_en)
                            ORDER BY r.code)
                     FROM roles r WHERE r.company_id = a.company_id AND r.id = ANY(a.role_ids)), '[]'::json) AS roles,
         a.reason, a.status, a.approved_by AS "approvedBy", a.approved_at AS "approvedAt", a.decided_by AS "decidedBy",
         a.decided_at AS "decidedAt", a.comment, a.user_id AS "userId", a.created_at AS "createdAt"
    FROM account_requests a
    JOIN users q ON q.company_id = a.company_id AND q.id = a.requested_by
    LEFT JOIN org_units o ON o.company_id = a.company_id AND o.id = a.org_unit_id`;

export async function findRequest(db: Queryable, companyId: string, id: string): Promise<AccountRequestRow | null> {
  const r = await db.query<AccountRequestRow>(`${SELECT} WHERE a.company_id = $1 AND a.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function listRequests(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; status?: RequestStatus; requestedBy?: string },
): Promise<{ rows: AccountRequestRow[]; total: number }> {
  const where = ['a.company_id = $1'];
  const params: unknown[] = [companyId];
  if (q.status) {
    params.push(q.status);
    where.push(`a.status = $${params.length}`);
  }
  if (q.requestedBy) {
    params.push(q.requestedBy);
    where.push(`a.requested_by = $${params.length}`);
  }
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM account_requests a WHERE ${w}`, params);
  const rows = await db.query<AccountRequestRow>(
    `${SELECT} WHERE ${w} ORDER BY a.created_at DESC, a.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    params,
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function insertRequest(
  db: Queryable,
  companyId: string,
  r: {
    requestedBy: string;
    fullName: string;
    username: string;
    employeeNo: string | null;
    orgUnitId: string | null;
    roleIds: string[];
    reason: string;
  },
): Promise<string> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO account_requests (company_id, requested_by, full_name, username, employee_no, org_unit_id, role_ids, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8) RETURNING id`,
    [companyId, r.requestedBy, r.fullName, r.username, r.employeeNo, r.orgUnitId, r.roleIds, r.reason],
  );
  return res.rows[0]!.id;
}

/** Moves a request on only from the state it was read in, so two approvers cannot both act. */
export async function transition(
  db: Queryable,
  companyId: string,
  id: string,
  from: RequestStatus[],
  set: Record<string, unknown>,
): Promise<boolean> {
  const cols = Object.keys(set);
  const assignments = cols.map((c, i) => `${c} = $${i + 4}`).join(', ');
  const r = await db.query(
    `UPDATE account_requests SET ${assignments} WHERE company_id = $1 AND id = $2 AND status = ANY($3::text[])`,
    [companyId, id, from, ...cols.map((c) => set[c])],
  );
  return r.rowCount === 1;
}

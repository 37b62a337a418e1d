import type { Queryable } from '../../db/types.js';
import type { RoleRef } from './users-repo.js';

export interface RoleRow extends RoleRef {
  description: string;
  permissions: string[];
  userCount: number;
}

export async function listRoles(db: Queryable, companyId: string): Promise<RoleRow[]> {
  const r = await db.query<RoleRow>(
    `SELECT r.id, r.code, r.name_zh AS "nameZh", r.name_en AS "nameEn", r.description,
            COALESCE((SELECT array_agg(p.permission_code ORDER BY p.permission_code) FROM role_permissions p
                       WHERE p.company_id = r.company_id AND p.role_id = r.id), '{}') AS permissions,
            (SELECT count(*)::int FROM user_roles ur WHERE ur.company_id = r.company_id AND ur.role_id = r.id) AS "userCount"
       FROM roles r WHERE r.company_id = $1 ORDER BY r.code`,
    [companyId],
  );
  return r.rows;
}

export async function findRoles(db: Queryable, companyId: string, ids: string[]): Promise<RoleRef[]> {
  if (ids.length === 0) return [];
  const r = await db.query<RoleRef>(
    `SELECT id, code, name_zh AS "nameZh", name_en AS "nameEn" FROM roles
      WHERE company_id = $1 AND id = ANY($2::uuid[]) ORDER BY code`,
    [companyId, ids],
  );
  return r.rows;
}

export async function insertRole(
  db: Queryable,
  companyId: string,
  role: { code: string; nameZh: string; nameEn: string; description?: string },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO roles (company_id, code, name_zh, name_en, description) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [companyId, role.code, role.nameZh, role.nameEn, role.description ?? ''],
  );
  return r.rows[0]!.id;
}

/** Grants a new company's roles their default permissions (default_role_permissions). */
export async function grantDefaultPermissions(db: Queryable, companyId: string): Promise<void> {
  await db.query(
    `INSERT INTO role_permissions (company_id, role_id, permission_code)
     SELECT r.company_id, r.id, d.permission_code
       FROM roles r JOIN default_role_permissions d ON d.role_code = r.code
      WHERE r.company_id = $1
     ON CONFLICT DO NOTHING`,
    [companyId],
  );
}

export interface PermissionRow {
  code: string;
  module: string;
  nameZh: string;
  nameEn: string;
}

export async function listPermissions(db: Queryable): Promise<PermissionRow[]> {
  const r = await db.query<PermissionRow>(
    'SELECT code, module, name_zh AS "nameZh", name_en AS "nameEn" FROM permissions ORDER BY module, code',
  );
  return r.rows;
}

export interface ConflictRow {
  id: string;
  roleA: RoleRef;
  roleB: RoleRef;
  reason: string;
}

const CONFLICT_SELECT = `
  SELECT c.id, c.reason,
         json_build_object('id', a.id, 'code', a.code, 'nameZh', a.name_zh, 'nameEn', a.name_en) AS "roleA",
         json_build_object('id', b.id, 'code', b.code, 'nameZh', b.name_zh, 'nameEn', b.name_en) AS "roleB"
    FROM role_conflicts c
    JOIN roles a ON a.company_id = c.company_id AND a.id = c.role_a_id
    JOIN roles b ON b.company_id = c.company_id AND b.id = c.role_b_id`;

export async function listConflicts(db: Queryable, companyId: string): Promise<ConflictRow[]> {
  const r = await db.query<ConflictRow>(`${CONFLICT_SELECT} WHERE c.company_id = $1 ORDER BY a.code, b.code`, [
    companyId,
  ]);
  return r.rows;
}

export async function findConflict(db: Queryable, companyId: string, id: string): Promise<ConflictRow | null> {
  const r = await db.query<ConflictRow>(`${CONFLICT_SELECT} WHERE c.company_id = $1 AND c.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

/** The first conflicting pair among the given roles, if any. */
export async function firstConflictAmong(
  db: Queryable,
  companyId: string,
  roleIds: string[],
): Promise<ConflictRow | null> {
  if (roleIds.length < 2) return null;
  const r = await db.query<ConflictRow>(
    `${CONFLICT_SELECT} WHERE c.company_id = $1 AND c.role_a_id = ANY($2::uuid[]) AND c.role_b_id = ANY($2::uuid[])
     ORDER BY a.code, b.code LIMIT 1`,
    [companyId, roleIds],
  );
  return r.rows[0] ?? null;
}

export async function insertConflict(
  db: Queryable,
  companyId: string,
  roleAId: string,
  roleBId: string,
  reason: string,
): Promise<string | null> {
  const [a, b] = roleAId < roleBId ? [roleAId, roleBId] : [roleBId, roleAId];
  const r = await db.query<{ id: string }>(
    `INSERT INTO role_conflicts (company_id, role_a_id, role_b_id, reason) VALUES ($1, $2, $3, $4)
     ON CONFLICT (company_id, role_a_id, role_b_id) DO NOTHING RETURNING id`,
    [companyId, a, b, reason],
  );
  return r.rows[0]?.id ?? null;
}

export async function deleteConflict(db: Queryable, companyId: string, id: string): Promise<void> {
  await db.query('DELETE FROM role_conflicts WHERE company_id = $1 AND id = $2', [companyId, id]);
}

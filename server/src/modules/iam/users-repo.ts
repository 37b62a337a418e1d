import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';

export interface RoleRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface UserRow {
  id: string;
  companyId: string;
  username: string;
  fullName: string;
  employeeNo: string | null;
  phone: string | null;
  email: string | null;
  orgUnitId: string | null;
  orgUnitName: string | null;
  status: 'active' | 'disabled';
  passwordHash: string;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  leaveDate: string | null;
  leaveKind: 'departure' | 'transfer' | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  roles: RoleRef[];
}

const SELECT = `
  SELECT u.id, u.company_id AS "companyId", u.username, u.full_name AS "fullName", u.employee_no AS "employeeNo",
         u.phone, u.email, u.org_unit_id AS "orgUnitId", o.name AS "orgUnitName", u.status,
         u.password_hash AS "passwordHash", u.must_change_password AS "mustChangePassword",
         u.failed_logins AS "failedLogins", u.locked_until AS "lockedUntil", u.last_login_at AS "lastLoginAt",
         u.leave_date AS "leaveDate", u.leave_kind AS "leaveKind", u.disabled_at AS "disabledAt",
         u.disabled_reason AS "disabledReason", u.created_at AS "createdAt",
         COALESCE((SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'nameZh', r.name_zh, 'nameEn', r.name_en)
                            ORDER BY r.code)
                     FROM user_roles ur JOIN roles r ON r.company_id = ur.company_id AND r.id = ur.role_id
                    WHERE ur.company_id = u.company_id AND ur.user_id = u.id), '[]'::json) AS roles
    FROM users u
    LEFT JOIN org_units o ON o.company_id = u.company_id AND o.id = u.org_unit_id`;

export async function findUserById(db: Queryable, companyId: string, id: string): Promise<UserRow | null> {
  const r = await db.query<UserRow>(`${SELECT} WHERE u.company_id = $1 AND u.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

/** Login looks a user up across companies: user names are unique in the installation. */
export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | null> {
  const r = await db.query<UserRow>(`${SELECT} WHERE lower(u.username) = lower($1)`, [username]);
  return r.rows[0] ?? null;
}

export async function usernameExists(db: Queryable, username: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username]);
  return r.rows.length > 0;
}

export async function employeeNoExists(
  db: Queryable,
  companyId: string,
  employeeNo: string,
  exceptId?: string,
): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM users WHERE company_id = $1 AND employee_no = $2 AND id IS DISTINCT FROM $3::uuid',
    [companyId, employeeNo, exceptId ?? null],
  );
  return r.rows.length > 0;
}

export interface UserListQuery {
  page: number;
  pageSize: number;
  sort: 'username' | 'fullName' | 'employeeNo' | 'createdAt' | 'lastLoginAt';
  order: 'asc' | 'desc';
  q?: string;
  status?: 'active' | 'disabled';
  roleId?: string;
  orgUnitId?: string;
}

const SORT_COLUMNS: Record<UserListQuery['sort'], string> = {
  username: 'u.username',
  fullName: 'u.full_name',
  employeeNo: 'u.employee_no',
  createdAt: 'u.created_at',
  lastLoginAt: 'u.last_login_at',
};

export async function listUsers(
  db: Queryable,
  companyId: string,
  q: UserListQuery,
): Promise<{ rows: UserRow[]; total: number }> {
  const where = ['u.company_id = $1'];
  const params: unknown[] = [companyId];
  if (q.q) {
    params.push(`%${q.q}%`);
    where.push(
      `(u.username ILIKE $${params.length} OR u.full_name ILIKE $${params.length} OR u.employee_no ILIKE $${params.length})`,
    );
  }
  if (q.status) {
    params.push(q.status);
    where.push(`u.status = $${params.length}`);
  }
  if (q.roleId) {
    params.push(q.roleId);
    where.push(
      `EXISTS (SELECT 1 FROM user_roles x WHERE x.company_id = u.company_id AND x.user_id = u.id AND x.role_id = $${params.length})`,
    );
  }
  if (q.orgUnitId) {
    params.push(q.orgUnitId);
    where.push(`u.org_unit_id = $${params.length}`);
  }
  const whereSql = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users u WHERE ${whereSql}`, params);
  const order = `${SORT_COLUMNS[q.sort]} ${q.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, u.id`;
  const rows = await db.query<UserRow>(`${SELECT} WHERE ${whereSql} ORDER BY ${order} ${pageClause(q)}`, params);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export interface NewUser {
  companyId: string;
  username: string;
  fullName: string;
  employeeNo?: string | null;
  phone?: string | null;
  email?: string | null;
  orgUnitId?: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
}

export async function insertUser(db: Queryable, u: NewUser): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO users (company_id, username, full_name, employee_no, phone, email, org_unit_id, password_hash,
                        must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      u.companyId,
      u.username,
      u.fullName,
      u.employeeNo ?? null,
      u.phone ?? null,
      u.email ?? null,
      u.orgUnitId ?? null,
      u.passwordHash,
      u.mustChangePassword,
    ],
  );
  return r.rows[0]!.id;
}

const UPDATABLE = {
  fullName: 'full_name',
  employeeNo: 'employee_no',
  phone: 'phone',
  email: 'email',
  orgUnitId: 'org_unit_id',
  leaveDate: 'leave_date',
  leaveKind: 'leave_kind',
  status: 'status',
  passwordHash: 'password_hash',
  mustChangePassword: 'must_change_password',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
  lastLoginAt: 'last_login_at',
  disabledAt: 'disabled_at',
  disabledReason: 'disabled_reason',
} as const;

export type UserPatch = Partial<Record<keyof typeof UPDATABLE, unknown>> & { passwordChangedNow?: boolean };

export async function updateUser(db: Queryable, companyId: string, id: string, patch: UserPatch): Promise<void> {
  const sets: string[] = ['updated_at = now()'];
  const params: unknown[] = [companyId, id];
  for (const [key, column] of Object.entries(UPDATABLE)) {
    const value = patch[key as keyof typeof UPDATABLE];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  if (patch.passwordChangedNow) sets.push('password_changed_at = now()');
  await db.query(`UPDATE users SET ${sets.join(', ')} WHERE company_id = $1 AND id = $2`, params);
}

export async function replaceUserRoles(
  db: Queryable,
  companyId: string,
  userId: string,
  roleIds: string[],
  grantedBy: string | null,
): Promise<void> {
  await db.query('DELETE FROM user_roles WHERE company_id = $1 AND user_id = $2 AND NOT (role_id = ANY($3::uuid[]))', [
    companyId,
    userId,
    roleIds,
  ]);
  await db.query(
    `INSERT INTO user_roles (company_id, user_id, role_id, granted_by)
     SELECT $1, $2, unnest($3::uuid[]), $4 ON CONFLICT DO NOTHING`,
    [companyId, userId, roleIds, grantedBy],
  );
}

export async function countUsers(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return r.rows[0]?.n ?? 0;
}

/** IAM-3: active accounts with a recorded leave date, oldest first. */
export async function listUsersWithLeaveDate(db: Queryable, companyId: string): Promise<UserRow[]> {
  const r = await db.query<UserRow>(
    `${SELECT} WHERE u.company_id = $1 AND u.status = 'active' AND u.leave_date IS NOT NULL ORDER BY u.leave_date, u.username`,
    [companyId],
  );
  return r.rows;
}

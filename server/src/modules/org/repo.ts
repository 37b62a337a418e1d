import type { Queryable } from '../../db/types.js';

export type OrgUnitKind = 'department' | 'unit' | 'team';

export interface OrgUnitRow {
  id: string;
  parentId: string | null;
  kind: OrgUnitKind;
  unitType: string | null;
  code: string;
  name: string;
  sortOrder: number;
}

const SELECT = `SELECT id, parent_id AS "parentId", kind, unit_type AS "unitType", code, name, sort_order AS "sortOrder"
                  FROM org_units`;

export async function listOrgUnits(db: Queryable, companyId: string): Promise<OrgUnitRow[]> {
  const r = await db.query<OrgUnitRow>(`${SELECT} WHERE company_id = $1 ORDER BY sort_order, code`, [companyId]);
  return r.rows;
}

export async function findOrgUnit(db: Queryable, companyId: string, id: string): Promise<OrgUnitRow | null> {
  const r = await db.query<OrgUnitRow>(`${SELECT} WHERE company_id = $1 AND id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function codeExists(db: Queryable, companyId: string, code: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM org_units WHERE company_id = $1 AND code = $2', [companyId, code]);
  return r.rows.length > 0;
}

export async function insertOrgUnit(db: Queryable, companyId: string, u: Omit<OrgUnitRow, 'id'>): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO org_units (company_id, parent_id, kind, unit_type, code, name, sort_order)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [companyId, u.parentId, u.kind, u.unitType, u.code, u.name, u.sortOrder],
  );
  return r.rows[0]!.id;
}

export interface CompanyRow {
  id: string;
  code: string;
  name: string;
  groupId: string;
}

export async function findCompany(db: Queryable, id: string): Promise<CompanyRow | null> {
  const r = await db.query<CompanyRow>('SELECT id, code, name, group_id AS "groupId" FROM companies WHERE id = $1', [
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function findCompanyByCode(db: Queryable, code: string): Promise<CompanyRow | null> {
  const r = await db.query<CompanyRow>('SELECT id, code, name, group_id AS "groupId" FROM companies WHERE code = $1', [
    code,
  ]);
  return r.rows[0] ?? null;
}

export async function ensureGroup(db: Queryable, code: string, name: string): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO company_groups (code, name) VALUES ($1, $2)
     ON CONFLICT (code) DO UPDATE SET name = company_groups.name RETURNING id`,
    [code, name],
  );
  return r.rows[0]!.id;
}

export async function insertCompany(
  db: Queryable,
  c: { groupId: string; code: string; name: string; kind: 'city' | 'township' },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    'INSERT INTO companies (group_id, code, name, kind) VALUES ($1, $2, $3, $4) RETURNING id',
    [c.groupId, c.code, c.name, c.kind],
  );
  return r.rows[0]!.id;
}

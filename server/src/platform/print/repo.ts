import type { Queryable } from '../../db/types.js';

export interface OverrideRow {
  code: string;
  body: string;
  updatedAt: Date;
  updatedBy: string | null;
  updatedByName: string | null;
}

const SELECT = `SELECT t.code, t.body, t.updated_at AS "updatedAt", t.updated_by AS "updatedBy", u.full_name AS "updatedByName"
                  FROM print_templates t
                  LEFT JOIN users u ON u.company_id = t.company_id AND u.id = t.updated_by`;

export async function findOverride(db: Queryable, companyId: string, code: string): Promise<OverrideRow | null> {
  const r = await db.query<OverrideRow>(`${SELECT} WHERE t.company_id = $1 AND t.code = $2`, [companyId, code]);
  return r.rows[0] ?? null;
}

export async function listOverrides(db: Queryable, companyId: string): Promise<OverrideRow[]> {
  const r = await db.query<OverrideRow>(`${SELECT} WHERE t.company_id = $1 ORDER BY t.code`, [companyId]);
  return r.rows;
}

export async function upsertOverride(
  db: Queryable,
  companyId: string,
  code: string,
  body: string,
  userId: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO print_templates (company_id, code, body, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (company_id, code) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [companyId, code, body, userId],
  );
}

export async function deleteOverride(db: Queryable, companyId: string, code: string): Promise<void> {
  await db.query('DELETE FROM print_templates WHERE company_id = $1 AND code = $2', [companyId, code]);
}

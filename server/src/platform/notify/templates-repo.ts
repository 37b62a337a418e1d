import type { Queryable } from '../../db/types.js';
import type { Channel } from './kinds.js';

export interface TemplateRow {
  id: string;
  code: string;
  channel: Channel;
  name: string;
  body: string;
  variables: string[];
  enabled: boolean;
  updatedAt: Date;
  updatedBy: string | null;
  updatedByName: string | null;
}

const SELECT = `
  SELECT t.id, t.code, t.channel, t.name, t.body, t.variables, t.enabled, t.updated_at AS "updatedAt",
         t.updated_by AS "updatedBy", u.full_name AS "updatedByName"
    FROM notification_templates t
    LEFT JOIN users u ON u.company_id = t.company_id AND u.id = t.updated_by`;

export async function listTemplates(db: Queryable, companyId: string): Promise<TemplateRow[]> {
  const r = await db.query<TemplateRow>(`${SELECT} WHERE t.company_id = $1 ORDER BY t.channel, t.code`, [companyId]);
  return r.rows;
}

export async function findTemplate(db: Queryable, companyId: string, id: string): Promise<TemplateRow | null> {
  const r = await db.query<TemplateRow>(`${SELECT} WHERE t.company_id = $1 AND t.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function findTemplateByCode(
  db: Queryable,
  companyId: string,
  code: string,
  channel: Channel,
): Promise<TemplateRow | null> {
  const r = await db.query<TemplateRow>(`${SELECT} WHERE t.company_id = $1 AND t.code = $2 AND t.channel = $3`, [
    companyId,
    code,
    channel,
  ]);
  return r.rows[0] ?? null;
}

export async function updateTemplate(
  db: Queryable,
  companyId: string,
  id: string,
  t: { name: string; body: string; variables: string[]; enabled: boolean; updatedBy: string | null },
): Promise<void> {
  await db.query(
    `UPDATE notification_templates SET name = $3, body = $4, variables = $5, enabled = $6, updated_by = $7,
            updated_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, t.name, t.body, t.variables, t.enabled, t.updatedBy],
  );
}

/** A template that exists already (a company's own wording) is left alone. */
export async function insertTemplateIfAbsent(
  db: Queryable,
  companyId: string,
  t: { code: string; channel: Channel; name: string; body: string; variables: string[] },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO notification_templates (company_id, code, channel, name, body, variables)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (company_id, code, channel) DO NOTHING`,
    [companyId, t.code, t.channel, t.name, t.body, t.variables],
  );
  return r.rowCount > 0;
}

import type { Queryable } from '../../db/types.js';

export interface GrantRow {
  id: string;
  requestId: string;
  exportName: string;
  filters: Record<string, unknown>;
  requestedBy: string;
  approvedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

const GRANT = `SELECT id, request_id AS "requestId", export_name AS "exportName", filters, requested_by AS "requestedBy",
                      approved_by AS "approvedBy", created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt"
                 FROM export_grants`;

export async function insertGrant(
  db: Queryable,
  g: {
    companyId: string;
    requestId: string;
    exportName: string;
    filters: unknown;
    requestedBy: string;
    approvedBy: string | null;
    validDays: number;
  },
): Promise<GrantRow> {
  // A retried approval finds the grant it made the first time.
  await db.query(
    `INSERT INTO export_grants (company_id, request_id, export_name, filters, requested_by, approved_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7::int))
     ON CONFLICT (company_id, request_id) DO NOTHING`,
    [g.companyId, g.requestId, g.exportName, JSON.stringify(g.filters), g.requestedBy, g.approvedBy, g.validDays],
  );
  const r = await db.query<GrantRow>(`${GRANT} WHERE company_id = $1 AND request_id = $2`, [g.companyId, g.requestId]);
  return r.rows[0]!;
}

export async function findGrant(db: Queryable, companyId: string, id: string): Promise<GrantRow | null> {
  const r = await db.query<GrantRow>(`${GRANT} WHERE company_id = $1 AND id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

/** Marks a grant used, if it still can be: the one statement that makes a grant single-use. */
export async function claimGrant(db: Queryable, companyId: string, id: string, userId: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE export_grants SET used_at = now()
      WHERE company_id = $1 AND id = $2 AND requested_by = $3 AND used_at IS NULL AND expires_at > now()
      RETURNING id`,
    [companyId, id, userId],
  );
  return r.rows.length === 1;
}

/** The user's grants that can still be used, newest first. */
export async function listUsableGrants(db: Queryable, companyId: string, userId: string): Promise<GrantRow[]> {
  const r = await db.query<GrantRow>(
    `${GRANT} WHERE company_id = $1 AND requested_by = $2 AND used_at IS NULL AND expires_at > now()
      ORDER BY created_at DESC LIMIT 100`,
    [companyId, userId],
  );
  return r.rows;
}

export async function insertImportResult(
  db: Queryable,
  r: { companyId: string; importName: string; createdBy: string; rejectedRows: number; file: Buffer },
): Promise<string> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO import_results (company_id, import_name, created_by, rejected_rows, file)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [r.companyId, r.importName, r.createdBy, r.rejectedRows, r.file],
  );
  return res.rows[0]!.id;
}

export interface ImportResultRow {
  id: string;
  importName: string;
  createdBy: string;
  createdAt: Date;
  file: Uint8Array;
}

export async function findImportResult(db: Queryable, companyId: string, id: string): Promise<ImportResultRow | null> {
  const r = await db.query<ImportResultRow>(
    `SELECT id, import_name AS "importName", created_by AS "createdBy", created_at AS "createdAt", file
       FROM import_results WHERE company_id = $1 AND id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** Rejected rows are copies of what was uploaded: they are kept only as long as someone may fix them. */
export async function purgeImportResults(db: Queryable, olderThanDays: number): Promise<number> {
  const r = await db.query('DELETE FROM import_results WHERE created_at < now() - make_interval(days => $1::int)', [
    olderThanDays,
  ]);
  return r.rowCount;
}

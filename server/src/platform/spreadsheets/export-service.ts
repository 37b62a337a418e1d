import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Db, Queryable, Tx } from '../../db/types.js';
import type { ApprovedRequest } from '../approvals/registry.js';
import { recordAudit } from '../audit.js';
import type { Actor, Principal } from '../context.js';
import { AppError, type Lang, PlatformError, type Text } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { SpreadsheetError } from './errors.js';
import { type ExportDef, exportDef, exportDefs, type Row } from './registry.js';
import * as repo from './repo.js';
import { StreamingSheetWriter } from './xlsx.js';

/** How long an approved data export may be downloaded (once). */
export const GRANT_VALID_DAYS = 7;
export const EXPORT_PAGE_SIZE = 500;

export function requireExport(name: string): ExportDef<unknown, Row> {
  const def = exportDef(name);
  if (!def) throw SpreadsheetError('EXPORT_NOT_FOUND', { vars: { name } });
  return def;
}

function requirePermission(principal: Principal, permission: string): void {
  if (!principal.permissions.has(permission)) {
    throw PlatformError('FORBIDDEN', { vars: { permission }, details: { permission: [permission] } });
  }
}

/** Filters as one comparable value: keys sorted, nothing undefined. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** The export's filters as its list would read them (defaults filled in), from a query string or a payload. */
export function exportFilters(def: ExportDef<unknown, Row>, raw: unknown, where: string, prefix: string[] = []) {
  return canonical(parseOrThrow(def.query, raw ?? {}, where, prefix)) as Record<string, unknown>;
}

export function listExports(principal: Principal) {
  return exportDefs()
    .filter((d) => principal.permissions.has(d.permission))
    .map((d) => ({ name: d.name, title: d.title, sensitive: d.sensitive }));
}

async function usableGrant(db: Queryable, principal: Principal, grantId: string, name: string, filters: unknown) {
  const grant = await repo.findGrant(db, principal.companyId, grantId);
  if (!grant || grant.requestedBy !== principal.userId) throw SpreadsheetError('EXPORT_GRANT_NOT_FOUND');
  if (grant.usedAt) throw SpreadsheetError('EXPORT_GRANT_USED');
  if (new Date(grant.expiresAt) <= new Date()) throw SpreadsheetError('EXPORT_GRANT_EXPIRED');
  const same = JSON.stringify(canonical(grant.filters)) === JSON.stringify(filters);
  if (grant.exportName !== name || !same) throw SpreadsheetError('EXPORT_GRANT_MISMATCH');
  return grant;
}

export interface ExportFile {
  path: string;
  rows: number;
  title: Text;
}

/**
 * IAM-5: runs an export into a private temporary file, a page at a time, then records it — and, for
 * personal data, uses up its grant — in one transaction before a byte leaves the server. A failed
 * export leaves the grant unused; a grant raced by a second download is refused to the loser.
 */
export async function runExport(
  db: Db,
  principal: Principal,
  actor: Actor,
  name: string,
  query: Record<string, unknown>,
  lang: Lang,
): Promise<ExportFile> {
  const def = requireExport(name);
  const { grantId, ...raw } = query;
  let filters: Record<string, unknown> = raw;
  try {
    requirePermission(principal, def.permission);
    filters = exportFilters(def, raw, 'querystring');
    if (def.sensitive) {
      if (typeof grantId !== 'string') {
        throw SpreadsheetError('EXPORT_APPROVAL_REQUIRED', {
          vars: { title: def.title },
          details: { exportName: def.name, filters },
        });
      }
      await usableGrant(db, principal, grantId, def.name, filters);
    }
  } catch (err) {
    await recordRefusal(db, actor, def, filters, grantId, err);
    throw err;
  }

  const file = path.join(os.tmpdir(), `hearth-export-${randomUUID()}.xlsx`);
  try {
    const rows = await writeExport(db, principal, def, filters, file, lang);
    await db.tx(async (tx) => {
      if (def.sensitive && !(await repo.claimGrant(tx, principal.companyId, grantId as string, principal.userId))) {
        throw SpreadsheetError('EXPORT_GRANT_USED');
      }
      await recordAudit(tx, actor, {
        action: 'export.download',
        entityType: 'export',
        entityId: def.name,
        after: { exportName: def.name, filters, rows, grantId: def.sensitive ? grantId : null },
      });
    });
    return { path: file, rows, title: def.title };
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

/**
 * IAM-5: an export refused for want of the permission or of a usable grant is recorded too, so an
 * attempt to take data out leaves a trace even when it fails. Bad filters are only a mistake.
 */
async function recordRefusal(
  db: Db,
  actor: Actor,
  def: ExportDef<unknown, Row>,
  filters: Record<string, unknown>,
  grantId: unknown,
  err: unknown,
): Promise<void> {
  if (!(err instanceof AppError) || (err.status !== 403 && err.code !== 'EXPORT_GRANT_NOT_FOUND')) return;
  await recordAudit(db, actor, {
    action: 'export.refused',
    entityType: 'export',
    entityId: def.name,
    after: {
      exportName: def.name,
      sensitive: def.sensitive,
      filters,
      grantId: typeof grantId === 'string' ? grantId : null,
      code: err.code,
    },
  });
}

async function writeExport(
  db: Db,
  principal: Principal,
  def: ExportDef<unknown, Row>,
  filters: unknown,
  file: string,
  lang: Lang,
): Promise<number> {
  const out = fs.createWriteStream(file, { mode: 0o600 });
  const title = lang === 'en' ? def.title.en : def.title.zh;
  const writer = new StreamingSheetWriter(
    out,
    title,
    def.columns.map((c) => ({ header: lang === 'en' ? c.header.en : c.header.zh, width: c.width })),
  );
  try {
    for await (const row of def.rows(db, principal, filters)) {
      writer.add(def.columns.map((c) => (c.format ? c.format(row[c.key], row, lang) : row[c.key])));
    }
    await writer.close();
    await finished(out);
  } catch (err) {
    out.destroy();
    throw err;
  }
  return writer.rows;
}

/** Pages through a list function: the source is asked for EXPORT_PAGE_SIZE rows at a time. */
export async function* paged<T>(page: (page: number, pageSize: number) => Promise<T[]>): AsyncIterable<T> {
  for (let n = 1; ; n++) {
    const items = await page(n, EXPORT_PAGE_SIZE);
    yield* items;
    if (items.length < EXPORT_PAGE_SIZE) return;
  }
}

// ---- Grants: what an approved data-export request leaves behind ----

export interface DataExportPayload {
  exportName: string;
  filters: Record<string, unknown>;
}

/** Checks a data-export request when it is filed: the export exists, needs approval, and the filters are its own. */
export function checkDataExportPayload(payload: DataExportPayload, requester: Principal): void {
  const def = requireExport(payload.exportName);
  // Approval widens nothing: only a list the requester may read can be asked for.
  requirePermission(requester, def.permission);
  if (!def.sensitive) throw SpreadsheetError('EXPORT_NOT_SENSITIVE', { vars: { title: def.title } });
  exportFilters(def, payload.filters, 'body', ['payload', 'filters']);
}

/** The effect of a final approval: a single-use grant for the requester, valid GRANT_VALID_DAYS. */
export async function createGrant(tx: Tx, actor: Actor, request: ApprovedRequest<DataExportPayload>) {
  const def = requireExport(request.payload.exportName);
  const filters = exportFilters(def, request.payload.filters, 'body', ['payload', 'filters']);
  const grant = await repo.insertGrant(tx, {
    companyId: request.companyId,
    requestId: request.id,
    exportName: def.name,
    filters,
    requestedBy: request.requestedBy,
    approvedBy: actor.userId,
    validDays: GRANT_VALID_DAYS,
  });
  await recordAudit(
    tx,
    { ...actor, companyId: request.companyId },
    {
      action: 'exportGrant.create',
      entityType: 'exportGrant',
      entityId: grant.id,
      after: { requestId: request.id, exportName: def.name, filters, requestedBy: request.requestedBy },
    },
  );
  return { grantId: grant.id, expiresAt: new Date(grant.expiresAt).toISOString() };
}

export async function listGrants(db: Queryable, principal: Principal) {
  const grants = await repo.listUsableGrants(db, principal.companyId, principal.userId);
  return grants.map((g) => ({
    id: g.id,
    requestId: g.requestId,
    exportName: g.exportName,
    title: exportDef(g.exportName)?.title ?? { zh: g.exportName, en: g.exportName },
    filters: g.filters,
    createdAt: new Date(g.createdAt).toISOString(),
    expiresAt: new Date(g.expiresAt).toISOString(),
  }));
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformError } from '../../platform/errors.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { principalOf } from '../../platform/http/guard.js';
import { pageOf, pagingQuery } from '../../platform/paging.js';
import { type AuditRow, findAudit, searchAudit } from './repo.js';

const tags = ['audit'];
const entrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

const toDto = (r: AuditRow) => ({ ...r, at: new Date(r.at).toISOString() });

/** The audit log's filters; the audit export (spreadsheets.ts) takes the same. */
export const auditListQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  actorId: z.uuid().optional(),
  action: z.string().trim().max(80).optional(),
  entityType: z.string().trim().max(80).optional(),
  entityId: z.string().trim().max(80).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().max(80).optional(),
});

export function auditRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/audit-entries', {
    schema: {
      operationId: 'listAuditEntries',
      tags,
      summary: '审计日志 The audit log (IAM-6), newest first',
      querystring: auditListQuery,
      response: { 200: pageOf(entrySchema) },
    },
    config: { permission: 'audit.read' },
    handler: async (req) => {
      const { rows, total } = await searchAudit(db, principalOf(req).companyId, req.query);
      return { items: rows.map(toDto), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.get('/api/audit-entries/:id', {
    schema: {
      operationId: 'getAuditEntry',
      tags,
      summary: '审计日志详情 One audit entry',
      params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
      response: { 200: entrySchema },
    },
    config: { permission: 'audit.read' },
    handler: async (req) => {
      const row = await findAudit(db, principalOf(req).companyId, req.params.id);
      if (!row) throw PlatformError('NOT_FOUND');
      return toDto(row);
    },
  });
}

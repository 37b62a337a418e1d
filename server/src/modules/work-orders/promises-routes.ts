import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { principalOf } from '../../platform/http/guard.js';
import { pageOf, pagingQuery } from '../../platform/paging.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { type ComplianceRow, complianceReport, listEscalations } from './promises.js';

const tags = ['work-orders'];
const text = z.object({ zh: z.string(), en: z.string() });

export const complianceQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM / month as YYYY-MM' }),
  by: z.enum(['type', 'team']).default('type'),
});

const escalationSchema = z.object({
  workOrderId: z.string(),
  orderNo: z.string(),
  typeCode: z.string(),
  typeName: text,
  status: z.string(),
  orgUnitName: z.string().nullable(),
  teamName: z.string().nullable(),
  technicianName: z.string().nullable(),
  deadlineAt: z.string(),
  timeLeftMs: z.number().nullable(),
  level: z.enum(['warning', 'teamHead', 'centreManager']),
  levelText: z.string(),
  toUserId: z.string().nullable(),
  toUserName: z.string().nullable(),
  at: z.string(),
});

const complianceRowSchema = z.object({
  key: z.string(),
  name: text,
  due: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  pending: z.number().int(),
  complianceRate: z.number().nullable(),
  averageUsedPercent: z.number().nullable(),
});

/** SVC-6: the open escalations of the caller's centre or team, and the monthly compliance report. */
export function promisesRoutes(app: FastifyInstance, db: Queryable): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/work-orders/escalations', {
    schema: {
      operationId: 'listWorkOrderEscalations',
      tags,
      summary: '超时升级：本中心/班组未办结的超时工单 Open escalations of the caller’s centre or team (SVC-6)',
      querystring: z.object({ page: pagingQuery.page, pageSize: pagingQuery.pageSize }),
      response: { 200: pageOf(escalationSchema) },
    },
    config: { permission: ['workorder.dispatch', 'workorder.read'] },
    handler: async (req) => {
      const p = principalOf(req);
      return listEscalations(db, { companyId: p.companyId, userId: p.userId }, req.query);
    },
  });

  r.get('/api/work-orders/compliance', {
    schema: {
      operationId: 'workOrderCompliance',
      tags,
      summary: '服务承诺达标率（按类型或班组） Monthly promise compliance by type or team (SVC-6)',
      querystring: complianceQuery,
      response: {
        200: z.object({ month: z.string(), by: z.enum(['type', 'team']), items: z.array(complianceRowSchema) }),
      },
    },
    config: { permission: ['workorder.dispatch', 'workorder.read'] },
    handler: async (req) => complianceReport(db, principalOf(req).companyId, req.query),
  });
}

const percent = (v: unknown) => (v === null || v === undefined ? '' : `${v}%`);

// Counts per type or team: no personal data, so not a sensitive export.
registerExport<z.infer<typeof complianceQuery>, ComplianceRow & Record<string, unknown>>({
  name: 'workOrderCompliance',
  title: { zh: '服务承诺达标率', en: 'Service promise compliance' },
  permission: 'workorder.read',
  sensitive: false,
  query: complianceQuery,
  async *rows(db, principal, q) {
    yield* (await complianceReport(db, principal.companyId, q)).items as (ComplianceRow & Record<string, unknown>)[];
  },
  columns: [
    {
      key: 'name',
      header: { zh: '类型/班组', en: 'Type or team' },
      width: 20,
      format: (_, row, lang) => (lang === 'en' ? row.name.en : row.name.zh),
    },
    { key: 'due', header: { zh: '到期工单', en: 'Due' }, width: 10 },
    { key: 'met', header: { zh: '按时完成', en: 'Met' }, width: 10 },
    { key: 'breached', header: { zh: '超时', en: 'Breached' }, width: 10 },
    { key: 'pending', header: { zh: '未到期未完成', en: 'Pending' }, width: 12 },
    { key: 'complianceRate', header: { zh: '达标率', en: 'Compliance rate' }, width: 10, format: percent },
    {
      key: 'averageUsedPercent',
      header: { zh: '平均用时占承诺', en: 'Average time used of promise' },
      width: 14,
      format: percent,
    },
  ],
});

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/download.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import * as repo from './repo.js';
import {
  adjustmentSchema,
  archiveBody,
  listAdjustmentsQuery,
  listSummariesQuery,
  newAdjustmentBody,
  newSummaryBody,
  summaryDetailSchema,
  summarySchema,
} from './schemas.js';
import * as adjustments from './service.js';
import { summaryXlsx } from './spreadsheets.js';
import './approval-kinds.js';
import './jobs.js';

const tags = ['adjustments'];
const idParams = z.object({ id: z.uuid() });

export function adjustmentsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/adjustments', {
    schema: {
      operationId: 'listAdjustments',
      tags,
      summary: '退补申请 Adjustments by kind, status, account and date (BIL-5); XLSX: /api/exports/adjustments',
      querystring: listAdjustmentsQuery,
      response: { 200: pageOf(adjustmentSchema) },
    },
    config: { permission: 'adjustment.read' },
    handler: async (req) => adjustments.listAdjustments(db, principalOf(req).companyId, req.query),
  });

  r.post('/api/adjustments', {
    schema: {
      operationId: 'applyAdjustment',
      tags,
      summary: '退补申请（提交审批）Apply for an adjustment; posted to the ledger on final approval (BIL-5)',
      body: newAdjustmentBody,
      response: { 201: adjustmentSchema },
    },
    config: { permission: 'adjustment.apply' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => adjustments.applyAdjustment(tx, actorFrom(req), principalOf(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/adjustments/meter-fault-summaries', {
    schema: {
      operationId: 'listMeterFaultSummaries',
      tags,
      summary: '维修换表退补汇总表 Monthly meter-fault adjustment summaries (BIL-5)',
      querystring: listSummariesQuery,
      response: { 200: pageOf(summarySchema) },
    },
    config: { permission: 'adjustment.read' },
    handler: async (req) => {
      const { items, total } = await repo.listSummaries(db, principalOf(req).companyId, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.post('/api/adjustments/meter-fault-summaries', {
    schema: {
      operationId: 'buildMeterFaultSummary',
      tags,
      summary: '生成某月维修换表退补汇总表 Build the meter-fault summary of a month now (BIL-5)',
      body: newSummaryBody,
      response: { 201: summarySchema },
    },
    config: { permission: 'adjustment.archive' },
    handler: async (req, reply) => {
      const s = await db.tx((tx) =>
        adjustments.buildMeterFaultSummary(tx, actorFrom(req), req.body.month, { onDemand: true }),
      );
      return reply.code(201).send(s!);
    },
  });

  r.get('/api/adjustments/meter-fault-summaries/:id', {
    schema: {
      operationId: 'getMeterFaultSummary',
      tags,
      summary: '汇总表及其退补明细 A meter-fault summary and its adjustments (BIL-5)',
      params: idParams,
      response: { 200: summaryDetailSchema },
    },
    config: { permission: 'adjustment.read' },
    handler: async (req) => adjustments.getSummary(db, principalOf(req).companyId, req.params.id),
  });

  r.get('/api/adjustments/meter-fault-summaries/:id/file', {
    schema: {
      operationId: 'downloadMeterFaultSummary',
      tags,
      summary: '汇总表 XLSX The meter-fault summary as XLSX (BIL-5)',
      params: idParams,
    },
    config: { permission: 'adjustment.read' },
    handler: async (req, reply) => {
      const s = await adjustments.getSummary(db, principalOf(req).companyId, req.params.id);
      const file = await summaryXlsx(s);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          contentDisposition(`维修换表退补汇总表-${s.month}.xlsx`, `meter-fault-summary-${s.month}.xlsx`),
        )
        .send(file);
    },
  });

  r.get('/api/adjustments/:id', {
    schema: {
      operationId: 'getAdjustment',
      tags,
      summary: '退补申请详情 An adjustment (BIL-5)',
      params: idParams,
      response: { 200: adjustmentSchema },
    },
    config: { permission: 'adjustment.read' },
    handler: async (req) => adjustments.getAdjustment(db, principalOf(req).companyId, req.params.id),
  });

  r.post('/api/adjustments/:id/archive', {
    schema: {
      operationId: 'archiveAdjustment',
      tags,
      summary: '退补审核归档 Archive a posted adjustment (admin team, BIL-5)',
      params: idParams,
      body: archiveBody,
      response: { 200: adjustmentSchema },
    },
    config: { permission: 'adjustment.archive' },
    handler: async (req) => db.tx((tx) => adjustments.archiveAdjustment(tx, actorFrom(req), req.params.id, req.body)),
  });
}

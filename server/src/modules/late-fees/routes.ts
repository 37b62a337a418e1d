import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/download.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import { XLSX_TYPE } from '../../platform/spreadsheets/xlsx.js';
import { WAIVER_REASONS } from './reasons.js';
import { writeReportXlsx } from './report-xlsx.js';
import {
  ledgerSchema,
  listWaiversQuery,
  newWaiverBody,
  reasonsSchema,
  reportQuery,
  reportSchema,
  waiverSchema,
} from './schemas.js';
import * as lateFees from './service.js';
import './approval-kinds.js';
import './spreadsheets.js';

const tags = ['late-fees'];
const idParams = z.object({ id: z.uuid() });
const READ = 'lateFee.read';

export function lateFeesRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/accounts/:id/ledger', {
    schema: {
      operationId: 'getAccountLedger',
      tags,
      summary: '用户账务：余额、欠费、违约金（计至今日）、账单、减免 The ledger of an account (BIL-3, BIL-4)',
      params: idParams,
      response: { 200: ledgerSchema },
    },
    config: { permission: ['billing.read', 'customer.read'] },
    handler: async (req) => lateFees.accountLedger(db, principalOf(req).companyId, req.params.id),
  });

  r.get('/api/late-fee-waivers/reasons', {
    schema: {
      operationId: 'listLateFeeWaiverReasons',
      tags,
      summary: '违约金减免原因 Reasons to waive or reduce a late fee (BIL-4)',
      response: { 200: reasonsSchema },
    },
    config: { permission: [READ, 'lateFee.waive.request'] },
    handler: async () => ({ items: [...WAIVER_REASONS] }),
  });

  r.post('/api/late-fee-waivers', {
    schema: {
      operationId: 'requestLateFeeWaiver',
      tags,
      summary: '申请减免违约金（提交审批）Request a late-fee waiver, filed for approval (BIL-4)',
      body: newWaiverBody,
      response: { 201: waiverSchema },
    },
    config: { permission: 'lateFee.waive.request' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => lateFees.requestWaiver(tx, actorFrom(req), principalOf(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/late-fee-waivers', {
    schema: {
      operationId: 'listLateFeeWaivers',
      tags,
      summary: '违约金减免登记表 The register of late-fee waivers (BIL-4)',
      querystring: listWaiversQuery,
      response: { 200: pageOf(waiverSchema).extend({ totalAmount: z.string() }) },
    },
    config: { permission: READ },
    handler: async (req) => lateFees.listWaivers(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/late-fee-waivers/report', {
    schema: {
      operationId: 'getLateFeeWaiverReport',
      tags,
      summary: '违约金减免月报 Monthly report of waivers by reason and approval tier (BIL-4)',
      querystring: reportQuery,
      response: { 200: reportSchema },
    },
    config: { permission: READ },
    handler: async (req) => lateFees.monthlyReport(db, principalOf(req).companyId, req.query.month),
  });

  r.get('/api/late-fee-waivers/report.xlsx', {
    schema: {
      operationId: 'exportLateFeeWaiverReport',
      tags,
      summary: '违约金减免月报导出 The monthly report as XLSX (BIL-4)',
      querystring: reportQuery,
    },
    config: { permission: READ },
    handler: async (req, reply) => {
      const report = await lateFees.monthlyReport(db, principalOf(req).companyId, req.query.month);
      const file = await writeReportXlsx(report);
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          contentDisposition(`违约金减免月报-${report.month}.xlsx`, `late-fee-waivers-${report.month}.xlsx`),
        )
        .header('cache-control', 'no-store')
        .send(file);
    },
  });

  r.get('/api/late-fee-waivers/:id', {
    schema: {
      operationId: 'getLateFeeWaiver',
      tags,
      summary: '违约金减免详情 A late-fee waiver (BIL-4)',
      params: idParams,
      response: { 200: waiverSchema },
    },
    config: { permission: READ },
    handler: async (req) => lateFees.getWaiver(db, principalOf(req).companyId, req.params.id),
  });
}

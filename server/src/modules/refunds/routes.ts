import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import { accountFinance, financeSchema } from './finance.js';
import {
  checklistQuery,
  checklistSchema,
  listRefundsQuery,
  newRefundBody,
  payoutBody,
  refundSchema,
  reviewBody,
} from './schemas.js';
import * as refunds from './service.js';
import './approval-kinds.js';
import './spreadsheets.js';

const tags = ['refunds'];
const READ = 'refund.read';
const idParams = z.object({ id: z.uuid() });

export function refundsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/refunds', {
    schema: {
      operationId: 'listRefunds',
      tags,
      summary: '退费申请 Refunds by case, status, account and date (PAY-7); XLSX: /api/exports/refunds',
      querystring: listRefundsQuery,
      response: { 200: pageOf(refundSchema) },
    },
    config: { permission: READ },
    handler: async (req) => refunds.listRefunds(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/refunds/checklist', {
    schema: {
      operationId: 'refundChecklist',
      tags,
      summary: '退费资料清单及可退预收款 The documents of a case and the prepayment that can be refunded (PAY-7)',
      querystring: checklistQuery,
      response: { 200: checklistSchema },
    },
    config: { permission: ['refund.request', READ] },
    handler: async (req) => refunds.checklist(db, principalOf(req).companyId, req.query.accountId, req.query.caseKind),
  });

  r.post('/api/refunds', {
    schema: {
      operationId: 'fileRefund',
      tags,
      summary: '受理退费申请 File a refund with the documents checked, up to the prepayment (PAY-7)',
      body: newRefundBody,
      response: { 201: refundSchema },
    },
    config: { permission: 'refund.request' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => refunds.fileRefund(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/refunds/:id', {
    schema: {
      operationId: 'getRefund',
      tags,
      summary: '退费申请详情 A refund (PAY-7)',
      params: idParams,
      response: { 200: refundSchema },
    },
    config: { permission: READ },
    handler: async (req) => refunds.getRefund(db, principalOf(req).companyId, req.params.id),
  });

  r.post('/api/refunds/:id/review', {
    schema: {
      operationId: 'reviewRefund',
      tags,
      summary: '审核退费：拒绝（须说明原因）/ 预收款互转 / 提交财务审批 Refuse, transfer or send for approval (PAY-7)',
      params: idParams,
      body: reviewBody,
      response: { 200: refundSchema },
    },
    config: { permission: 'refund.review' },
    handler: async (req) =>
      db.tx((tx) => refunds.reviewRefund(tx, actorFrom(req), principalOf(req), req.params.id, req.body)),
  });

  r.post('/api/refunds/:id/payout', {
    schema: {
      operationId: 'recordRefundPayout',
      tags,
      summary: '退费付款登记（财务）Record the payout of an approved refund (PAY-7)',
      params: idParams,
      body: payoutBody,
      response: { 200: refundSchema },
    },
    config: { permission: 'refund.payout' },
    handler: async (req) => db.tx((tx) => refunds.recordPayout(tx, actorFrom(req), req.params.id, req.body)),
  });

  r.get('/api/accounts/:id/finance', {
    schema: {
      operationId: 'getAccountFinance',
      tags,
      summary: '360° 视图账务：余额、预收款、押金、收费、退费 An account’s money for the 360° view (PAY-7/PAY-8)',
      params: idParams,
      response: { 200: financeSchema },
    },
    config: { permission: ['payment.read', READ, 'deposit.read'] },
    handler: async (req) => accountFinance(db, principalOf(req).companyId, req.params.id),
  });
}

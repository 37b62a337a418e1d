import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/download.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { langOf } from '../../platform/http/lang.js';
import { pageOf } from '../../platform/paging.js';
import { noticeCsp } from '../../platform/print/document.js';
import { PdfPrinter } from '../../platform/print/pdf.js';
import { receiptHtml } from './receipt.js';
import {
  debtsSchema,
  listPaymentsQuery,
  newPaymentBody,
  paymentSchema,
  receiptQuery,
  reversalBody,
  reversalSchema,
} from './schemas.js';
import * as payments from './service.js';
import './approval-kinds.js';

const tags = ['payments'];
const READ = 'payment.read';
const COLLECT = 'payment.collect';
const REVERSE = 'payment.reverse';
const idParams = z.object({ id: z.uuid() });

export function paymentsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const printer = new PdfPrinter(undefined, (err) => app.log.error({ err }, 'PDF rendering failed'));
  app.addHook('onClose', () => printer.close());

  r.get('/api/payments/accounts/:accountId/debts', {
    schema: {
      operationId: 'getAccountDebts',
      tags,
      summary:
        '收费台：用户欠费、违约金与预存 Open debts oldest first with late fees to today, prepayment, total due (PAY-1)',
      params: z.object({ accountId: z.uuid() }),
      response: { 200: debtsSchema },
    },
    config: { permission: [COLLECT, READ] },
    handler: async (req) => payments.accountDebts(db, principalOf(req).companyId, req.params.accountId),
  });

  r.post('/api/payments', {
    schema: {
      operationId: 'collectPayment',
      tags,
      summary:
        '收费 Collect a payment (split tenders); late fees then principal, oldest debts first; the rest is prepayment (PAY-1)',
      description:
        'Header `Idempotency-Key` (8–64 of [A-Za-z0-9_-]) is required. The same key with the same body returns the ' +
        'first payment (200, nothing posted again); with a different body 409 IDEMPOTENCY_CONFLICT.',
      headers: z.object({ 'idempotency-key': z.string().optional() }),
      body: newPaymentBody,
      response: { 200: paymentSchema, 201: paymentSchema },
    },
    config: { permission: COLLECT },
    handler: async (req, reply) => {
      const key = payments.idempotencyKeyOf(req.headers['idempotency-key']);
      const { payment, created } = await payments.collectPayment(db, actorFrom(req), key, req.body);
      return reply.code(created ? 201 : 200).send(payment);
    },
  });

  r.get('/api/payments', {
    schema: {
      operationId: 'listPayments',
      tags,
      summary: '收费记录 Payments by account, cashier, dates and tender method (PAY-1)',
      querystring: listPaymentsQuery,
      response: { 200: pageOf(paymentSchema) },
    },
    config: { permission: READ },
    handler: async (req) => payments.listPayments(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/payments/:id', {
    schema: {
      operationId: 'getPayment',
      tags,
      summary: '收费详情 A payment with its tenders and allocations (PAY-1)',
      params: idParams,
      response: { 200: paymentSchema },
    },
    config: { permission: READ },
    handler: async (req) => payments.getPayment(db, principalOf(req).companyId, req.params.id),
  });

  r.get('/api/payments/:id/receipt', {
    schema: {
      operationId: 'printPaymentReceipt',
      tags,
      summary: '收费收据（客户联 / 记账联 / 存根联）The three-part receipt of a payment (PAY-1)',
      params: idParams,
      querystring: receiptQuery,
    },
    config: { permission: [READ, COLLECT] },
    handler: async (req, reply) => {
      const principal = principalOf(req);
      const nonce = req.query.format === 'html' ? randomBytes(16).toString('base64') : undefined;
      const { html, def, no } = await receiptHtml(db, principal, req.params.id, {
        lang: langOf(req),
        scriptNonce: nonce,
      });
      if (req.query.format === 'pdf') {
        const pdf = await printer.render(html, def.paper);
        return reply
          .headers({
            'content-type': 'application/pdf',
            'content-disposition': contentDisposition(`收费收据-${no}.pdf`, `receipt-${no}.pdf`),
            'cache-control': 'no-store',
          })
          .send(pdf);
      }
      return reply
        .headers({
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': noticeCsp(nonce!),
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        })
        .send(html);
    },
  });

  r.post('/api/payments/:id/reversal', {
    schema: {
      operationId: 'requestPaymentReversal',
      tags,
      summary: '收费冲正（提交审批）File the reversal of a payment; posted on final approval (PAY-1)',
      params: idParams,
      body: reversalBody,
      response: { 201: reversalSchema },
    },
    config: { permission: REVERSE },
    handler: async (req, reply) => {
      const filed = await db.tx((tx) =>
        payments.requestReversal(tx, actorFrom(req), principalOf(req), req.params.id, req.body.reason),
      );
      return reply.code(201).send(filed);
    },
  });
}

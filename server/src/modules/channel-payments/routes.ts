import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/download.js';
import { PlatformError } from '../../platform/errors.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import * as bank from './bank-debit.js';
import * as online from './online.js';
import {
  batchSchema,
  callbackAnswer,
  lineSchema,
  linesQuery,
  listBatchesQuery,
  listMandatesQuery,
  listOrdersQuery,
  mandateSchema,
  newBatchBody,
  newMandateBody,
  newOrderBody,
  orderSchema,
  resultsSummary,
} from './schemas.js';

const tags = ['channel-payments'];
const READ = 'payment.channel.read';
const MANAGE = 'payment.channel.manage';
const CALLBACK_URL = '/api/channel-payments/online/callback';
const CALLBACK_LIMIT = 64 * 1024;
const RESULTS_LIMIT = 10 * 2 ** 20;
const idParams = z.object({ id: z.uuid() });
const noParams = z.object({ no: z.string().trim().min(1).max(64) });

export function channelPaymentsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- Online pay orders ----
  r.get('/api/channel-payments/online/orders', {
    schema: {
      operationId: 'listOnlineOrders',
      tags,
      summary: '网上缴费订单 Online pay orders by status and account (PAY-1)',
      querystring: listOrdersQuery,
      response: { 200: pageOf(orderSchema) },
    },
    config: { permission: READ },
    handler: async (req) => online.listOrders(db, principalOf(req).companyId, req.query),
  });

  r.post('/api/channel-payments/online/orders', {
    schema: {
      operationId: 'createOnlineOrder',
      tags,
      summary: '生成缴费二维码 A pay order for an account: the gateway’s pay URL and QR code (PAY-1)',
      description:
        'Without `amount`, what the account owes today (late fees included). Expires after policy pay.online.orderExpiryMinutes.',
      body: newOrderBody,
      response: { 201: orderSchema },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => online.createOrder(tx, actorFrom(req), req.body))),
  });

  r.get('/api/channel-payments/online/orders/:id', {
    schema: {
      operationId: 'getOnlineOrder',
      tags,
      summary: '网上缴费订单详情 An online pay order with its QR code (PAY-1)',
      params: idParams,
      response: { 200: orderSchema },
    },
    config: { permission: READ },
    handler: async (req) => online.getOrder(db, principalOf(req).companyId, { id: req.params.id }),
  });

  // The gateway's callback: no session, authenticated by its signature alone (HMAC-SHA256 over timestamp, nonce
  // and the raw body), so its JSON body is read raw in a scope of its own.
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: CALLBACK_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(CALLBACK_URL, {
      schema: {
        operationId: 'onlinePaymentCallback',
        tags,
        summary: '支付网关回调（验签）The payment gateway’s signed notification (PAY-1)',
        description:
          'Public: authenticated by headers X-Gateway-Merchant, X-Gateway-Timestamp (Unix seconds), X-Gateway-Nonce and ' +
          'X-Gateway-Signature = hex HMAC-SHA256(secret, timestamp + "\\n" + nonce + "\\n" + raw body). A bad or missing ' +
          'signature or a stale timestamp → 401; a used nonce → 409; an amount other than the order’s → 400. A notification ' +
          'id processed before answers SUCCESS and posts nothing.',
        security: [],
        response: { 200: callbackAnswer },
      },
      bodyLimit: CALLBACK_LIMIT,
      config: {
        permission: 'public',
        rateLimit: { max: 600, timeWindow: 60_000 },
      },
      handler: async (req) => {
        if (!Buffer.isBuffer(req.body)) throw PlatformError('UNSUPPORTED_MEDIA_TYPE');
        return online.handleCallback(db, req.headers, req.body, { requestId: req.id, ip: req.ip });
      },
    });
  });

  // ---- The gateway simulator (a company whose gateway provider is 'simulator') ----
  r.get('/api/sim/gateway/orders/:no', {
    schema: {
      operationId: 'simulatorOrder',
      tags,
      summary: '模拟网关：订单 The simulated gateway’s view of an order (its pay URL)',
      params: noParams,
    },
    config: { permission: READ },
    handler: async (req) => online.queryOrder(db, principalOf(req).companyId, req.params.no),
  });

  r.post('/api/sim/gateway/orders/:no/pay', {
    schema: {
      operationId: 'simulatorPay',
      tags,
      summary: '模拟支付 The simulated customer pays: the simulator sends its signed callback',
      params: noParams,
      response: {
        200: z.object({ callbackStatus: z.number().int(), answer: z.unknown(), order: orderSchema }),
      },
    },
    config: { permission: MANAGE },
    handler: async (req) => {
      const companyId = principalOf(req).companyId;
      const signed = await online.simulatedPayment(db, actorFrom(req), req.params.no);
      // Delivered to the public callback route as the gateway would: same route, same checks.
      const res = await app.inject({
        method: 'POST',
        url: CALLBACK_URL,
        headers: signed.headers,
        payload: signed.body,
      });
      const order = await online.getOrder(db, companyId, { no: req.params.no });
      return { callbackStatus: res.statusCode, answer: res.json(), order };
    },
  });

  // ---- Bank debit: mandates ----
  r.get('/api/channel-payments/mandates', {
    schema: {
      operationId: 'listDebitMandates',
      tags,
      summary: '银行代扣协议 Debit mandates (bank account numbers masked) (PAY-1)',
      querystring: listMandatesQuery,
      response: { 200: pageOf(mandateSchema) },
    },
    config: { permission: READ },
    handler: async (req) => bank.listMandates(db, principalOf(req).companyId, req.query),
  });

  r.post('/api/channel-payments/mandates', {
    schema: {
      operationId: 'createDebitMandate',
      tags,
      summary: '签订代扣协议 A debit mandate for an account; one active per account (PAY-1)',
      body: newMandateBody,
      response: { 201: mandateSchema },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => bank.createMandate(tx, actorFrom(req), req.body))),
  });

  r.post('/api/channel-payments/mandates/:id/cancel', {
    schema: {
      operationId: 'cancelDebitMandate',
      tags,
      summary: '撤销代扣协议 Cancel a debit mandate (PAY-1)',
      params: idParams,
      response: { 200: mandateSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => bank.cancelMandate(tx, actorFrom(req), req.params.id)),
  });

  // ---- Bank debit: batches ----
  r.get('/api/channel-payments/debit-batches', {
    schema: {
      operationId: 'listDebitBatches',
      tags,
      summary: '批量代扣 Debit batches with their progress (PAY-1)',
      querystring: listBatchesQuery,
      response: { 200: pageOf(batchSchema) },
    },
    config: { permission: READ },
    handler: async (req) => bank.listBatches(db, principalOf(req).companyId, req.query),
  });

  r.post('/api/channel-payments/debit-batches', {
    schema: {
      operationId: 'createDebitBatches',
      tags,
      summary: '生成代扣批次 A batch debit run for a date: one batch (file) per bank; a bank runs once a date (PAY-1)',
      body: newBatchBody,
      response: { 201: z.object({ items: z.array(batchSchema) }) },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply.code(201).send({ items: await db.tx((tx) => bank.createBatches(tx, actorFrom(req), req.body)) }),
  });

  r.get('/api/channel-payments/debit-batches/:id', {
    schema: {
      operationId: 'getDebitBatch',
      tags,
      summary: '代扣批次 A debit batch (PAY-1)',
      params: idParams,
      response: { 200: batchSchema },
    },
    config: { permission: READ },
    handler: async (req) => bank.getBatch(db, principalOf(req).companyId, req.params.id),
  });

  r.get('/api/channel-payments/debit-batches/:id/lines', {
    schema: {
      operationId: 'listDebitBatchLines',
      tags,
      summary: '代扣明细 A batch’s lines by result (failures with their reason and notice) (PAY-1)',
      params: idParams,
      querystring: linesQuery,
      response: { 200: pageOf(lineSchema) },
    },
    config: { permission: READ },
    handler: async (req) => bank.listLines(db, principalOf(req).companyId, req.params.id, req.query),
  });

  r.get('/api/channel-payments/debit-batches/:id/file', {
    schema: {
      operationId: 'downloadDebitBatchFile',
      tags,
      summary: '下载代扣文件 The file to the bank (CSV, full bank account numbers; audited) (PAY-1)',
      params: idParams,
    },
    config: { permission: MANAGE },
    handler: async (req, reply) => {
      const { no, csv } = await db.tx((tx) => bank.batchFile(tx, actorFrom(req), req.params.id));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`银行代扣-${no}.csv`, `bank-debit-${no}.csv`))
        .header('cache-control', 'no-store')
        .send(csv);
    },
  });

  app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: RESULTS_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post('/api/channel-payments/debit-batches/:id/results', {
      schema: {
        operationId: 'importDebitResults',
        tags,
        summary: '导入代扣结果 The bank’s results file (CSV as the raw body): successes post, failures notify (PAY-1)',
        description:
          'Columns 参考号 reference, 结果 status (成功/失败, success/failure), 金额 amount, 失败原因 reason. All or nothing: a ' +
          'bad row refuses the file (400 RESULTS_REJECTED, details.rows with line numbers). A line settled before ' +
          'changes nothing, so the same file twice posts once.',
        params: idParams,
        response: { 200: resultsSummary },
      },
      bodyLimit: RESULTS_LIMIT,
      config: { permission: MANAGE },
      handler: async (req) => {
        if (!Buffer.isBuffer(req.body)) throw PlatformError('UNSUPPORTED_MEDIA_TYPE');
        const body = req.body;
        return db.tx((tx) => bank.importResults(tx, actorFrom(req), req.params.id, body));
      },
    });
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/download.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import * as repo from './repo.js';
import {
  batchSchema,
  checkBody,
  countReportSchema,
  fiscalKind,
  handoverBody,
  handoverSchema,
  holderSchema,
  issueBody,
  listBatchesQuery,
  listHandoversQuery,
  listLossesQuery,
  listNumbersQuery,
  listRangesQuery,
  listReportsQuery,
  listRequestsQuery,
  lossBody,
  lossSchema,
  newBatchBody,
  newReportBody,
  newRequestBody,
  numberSchema,
  rangeSchema,
  requestSchema,
  useBody,
  voidBody,
} from './schemas.js';
import * as fiscal from './service.js';
import { countReportXlsx } from './spreadsheets.js';
import './jobs.js';

const tags = ['fiscal-stock'];
const idParams = z.object({ id: z.uuid() });
const MANAGE = 'fiscal.stock.manage';
const READ = 'fiscal.stock.read';
const USE = 'fiscal.stock.use';
const page = <T>(r: { items: T[]; total: number }, q: { page: number; pageSize: number }) => ({
  ...r,
  page: q.page,
  pageSize: q.pageSize,
});

/** PAY-5: receipt books and invoice stock (票据): requests, batches, issue, check, use, void, loss, hand-over, count. */
export function fiscalStockRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/fiscal-stock';

  r.get(`${base}/holders`, {
    schema: {
      operationId: 'listFiscalStockHolders',
      tags,
      summary: '可领用票据的人员 Users who may hold stock (PAY-5)',
      response: { 200: z.object({ items: z.array(holderSchema) }) },
    },
    config: { permission: [MANAGE, READ] },
    handler: async (req) => ({ items: await repo.holders(db, principalOf(req).companyId) }),
  });

  // ---------------------------------------------------------------- requests
  r.get(`${base}/requests`, {
    schema: {
      operationId: 'listFiscalStockRequests',
      tags,
      summary: '票据领用需求 Stock requests (PAY-5)',
      querystring: listRequestsQuery,
      response: { 200: pageOf(requestSchema) },
    },
    config: { permission: [MANAGE, READ, USE] },
    handler: async (req) => page(await repo.listRequests(db, principalOf(req).companyId, req.query), req.query),
  });
  r.post(`${base}/requests`, {
    schema: {
      operationId: 'fileFiscalStockRequest',
      tags,
      summary: '上报票据领用需求（至少提前 7 天）File a stock request, pay.receiptRequestLeadDays ahead (PAY-5)',
      body: newRequestBody,
      response: { 201: requestSchema },
    },
    config: { permission: [USE, MANAGE] },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => fiscal.fileRequest(tx, actorFrom(req), req.body))),
  });

  // ---------------------------------------------------------------- batches
  r.get(`${base}/batches`, {
    schema: {
      operationId: 'listFiscalBatches',
      tags,
      summary: '票据入库批次 Batches in stock (PAY-5)',
      querystring: listBatchesQuery,
      response: { 200: pageOf(batchSchema) },
    },
    config: { permission: [MANAGE, READ] },
    handler: async (req) => page(await repo.listBatches(db, principalOf(req).companyId, req.query), req.query),
  });
  r.post(`${base}/batches`, {
    schema: {
      operationId: 'receiveFiscalBatch',
      tags,
      summary: '票据入库 Receive a batch into stock; batches of a series never overlap (PAY-5)',
      body: newBatchBody,
      response: { 201: batchSchema },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => fiscal.receiveBatch(tx, actorFrom(req), req.body))),
  });
  r.get(`${base}/batches/:id`, {
    schema: {
      operationId: 'getFiscalBatch',
      tags,
      summary: '批次及其发放号段 A batch and the ranges issued from it (PAY-5)',
      params: idParams,
      response: { 200: batchSchema.extend({ ranges: z.array(rangeSchema) }) },
    },
    config: { permission: [MANAGE, READ] },
    handler: async (req) => fiscal.getBatch(db, principalOf(req).companyId, req.params.id),
  });

  // ---------------------------------------------------------------- ranges
  r.get(`${base}/ranges`, {
    schema: {
      operationId: 'listFiscalRanges',
      tags,
      summary: '已发放号段 Ranges issued to holders (PAY-5)',
      querystring: listRangesQuery,
      response: { 200: pageOf(rangeSchema) },
    },
    config: { permission: [MANAGE, READ] },
    handler: async (req) => page(await repo.listRanges(db, principalOf(req).companyId, req.query), req.query),
  });
  r.get(`${base}/ranges/mine`, {
    schema: {
      operationId: 'listMyFiscalRanges',
      tags,
      summary: '我的票据：号段、下一个号码 My stock: ranges and the next number (PAY-5)',
      querystring: listRangesQuery.omit({ holderId: true }),
      response: { 200: pageOf(rangeSchema) },
    },
    config: { permission: USE },
    handler: async (req) => {
      const p = principalOf(req);
      return page(await repo.listRanges(db, p.companyId, { ...req.query, holderId: p.userId }), req.query);
    },
  });
  r.get(`${base}/next-number`, {
    schema: {
      operationId: 'nextFiscalNumber',
      tags,
      summary: '我的下一个可用票号 The next free number of my open ranges (PAY-5)',
      querystring: z.object({ kind: fiscalKind.optional() }),
      response: {
        200: z.object({
          next: z.object({ kind: fiscalKind, series: z.string(), number: z.string(), rangeId: z.uuid() }).nullable(),
        }),
      },
    },
    config: { permission: USE },
    handler: async (req) => {
      const p = principalOf(req);
      return { next: await fiscal.nextNumber(db, p.companyId, p.userId, req.query.kind) };
    },
  });
  r.post(`${base}/ranges`, {
    schema: {
      operationId: 'issueFiscalRange',
      tags,
      summary: '发放票据给领用人（号段不得重叠）Issue a range to a holder; ranges never overlap (PAY-5)',
      body: issueBody,
      response: { 201: rangeSchema },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => fiscal.issueRange(tx, actorFrom(req), req.body))),
  });
  r.get(`${base}/ranges/:id`, {
    schema: {
      operationId: 'getFiscalRange',
      tags,
      summary: '号段详情 A range (PAY-5)',
      params: idParams,
      response: { 200: rangeSchema },
    },
    config: { permission: [MANAGE, READ, USE] },
    handler: async (req) => {
      const p = principalOf(req);
      return fiscal.getRange(db, p.companyId, req.params.id, {
        userId: p.userId,
        canRead: p.permissions.has(READ) || p.permissions.has(MANAGE),
      });
    },
  });
  r.post(`${base}/ranges/:id/check`, {
    schema: {
      operationId: 'checkFiscalRange',
      tags,
      summary: '启用前核对：清点份数、登记缺号 Check before use: count, report missing numbers (PAY-5)',
      params: idParams,
      body: checkBody,
      response: { 200: rangeSchema },
    },
    config: { permission: USE },
    handler: async (req) => db.tx((tx) => fiscal.checkRange(tx, actorFrom(req), req.params.id, req.body)),
  });

  // ---------------------------------------------------------------- numbers
  r.get(`${base}/numbers`, {
    schema: {
      operationId: 'listFiscalNumbers',
      tags,
      summary: '已用、作废的票号 Numbers used or voided (PAY-5)',
      querystring: listNumbersQuery,
      response: { 200: pageOf(numberSchema) },
    },
    config: { permission: [MANAGE, READ] },
    handler: async (req) => page(await repo.listNumbers(db, principalOf(req).companyId, req.query), req.query),
  });
  r.post(`${base}/numbers/use`, {
    schema: {
      operationId: 'useFiscalNumber',
      tags,
      summary: '使用一个票号（须在本人已核对的号段内、未用未废）Use a number of my checked range (PAY-5)',
      body: useBody,
      response: { 201: numberSchema },
    },
    config: { permission: USE },
    handler: async (req, reply) => {
      const p = principalOf(req);
      const used = await db.tx((tx) =>
        fiscal.useNumber(tx, actorFrom(req), p.userId, req.body.kind, req.body.number, {
          series: req.body.series,
          reference: req.body.reference ?? null,
        }),
      );
      return reply.code(201).send(used);
    },
  });
  r.post(`${base}/numbers/void`, {
    schema: {
      operationId: 'voidFiscalNumber',
      tags,
      summary: '作废票号（全部联次）Void a number with all its parts (PAY-5)',
      body: voidBody,
      response: { 200: numberSchema },
    },
    config: { permission: [USE, MANAGE] },
    handler: async (req) =>
      db.tx((tx) => fiscal.voidNumber(tx, actorFrom(req), req.body, principalOf(req).permissions.has(MANAGE))),
  });

  // ---------------------------------------------------------------- losses
  r.get(`${base}/losses`, {
    schema: {
      operationId: 'listFiscalLosses',
      tags,
      summary: '票据丢失报告（未确认的即提醒）Loss reports; open ones are the keeper’s alerts (PAY-5)',
      querystring: listLossesQuery,
      response: { 200: pageOf(lossSchema) },
    },
    config: { permission: [MANAGE, READ, USE] },
    handler: async (req) => {
      const p = principalOf(req);
      const own = !p.permissions.has(MANAGE) && !p.permissions.has(READ);
      return page(
        await repo.listLosses(db, p.companyId, { ...req.query, holderId: own ? p.userId : undefined }),
        req.query,
      );
    },
  });
  r.post(`${base}/losses`, {
    schema: {
      operationId: 'reportFiscalLoss',
      tags,
      summary: '票据丢失当日报告 Report a loss the same day; its numbers are voided (PAY-5)',
      body: lossBody,
      response: { 201: lossSchema },
    },
    config: { permission: USE },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => fiscal.reportLoss(tx, actorFrom(req), req.body))),
  });
  r.post(`${base}/losses/:id/acknowledge`, {
    schema: {
      operationId: 'acknowledgeFiscalLoss',
      tags,
      summary: '票据管理员确认丢失报告 The keeper acknowledges a loss report (PAY-5)',
      params: idParams,
      response: { 200: lossSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => fiscal.acknowledgeLoss(tx, actorFrom(req), req.params.id)),
  });

  // ---------------------------------------------------------------- hand-overs
  r.get(`${base}/handovers`, {
    schema: {
      operationId: 'listFiscalHandovers',
      tags,
      summary: '票据交接记录 Hand-overs (PAY-5)',
      querystring: listHandoversQuery,
      response: { 200: pageOf(handoverSchema) },
    },
    config: { permission: [MANAGE, READ] },
    handler: async (req) => page(await repo.listHandovers(db, principalOf(req).companyId, req.query), req.query),
  });
  r.post(`${base}/handovers`, {
    schema: {
      operationId: 'handOverFiscalRange',
      tags,
      summary: '调岗/离职交接：未用号码移交他人或退回库存 Hand the unused rest over, or back to stock (PAY-5)',
      body: handoverBody,
      response: { 201: handoverSchema },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => fiscal.handOver(tx, actorFrom(req), req.body))),
  });

  // ---------------------------------------------------------------- monthly count
  r.get(`${base}/count-reports`, {
    schema: {
      operationId: 'listFiscalCountReports',
      tags,
      summary: '票据盘点表 Monthly stock counts (PAY-5)',
      querystring: listReportsQuery,
      response: { 200: pageOf(countReportSchema) },
    },
    config: { permission: [MANAGE, READ] },
    handler: async (req) => page(await repo.listReports(db, principalOf(req).companyId, req.query), req.query),
  });
  r.post(`${base}/count-reports`, {
    schema: {
      operationId: 'buildFiscalCountReport',
      tags,
      summary: '生成某月票据盘点表 Build a month’s stock count now (PAY-5)',
      body: newReportBody,
      response: { 201: countReportSchema },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) => {
      const report = await db.tx((tx) =>
        fiscal.buildCountReport(tx, actorFrom(req), req.body.month, { onDemand: true }),
      );
      return reply.code(201).send(report!);
    },
  });
  r.get(`${base}/count-reports/:id`, {
    schema: {
      operationId: 'getFiscalCountReport',
      tags,
      summary: '票据盘点表详情 A monthly stock count (PAY-5)',
      params: idParams,
      response: { 200: countReportSchema },
    },
    config: { permission: [MANAGE, READ] },
    handler: async (req) => fiscal.getReport(db, principalOf(req).companyId, req.params.id),
  });
  r.get(`${base}/count-reports/:id/file`, {
    schema: {
      operationId: 'downloadFiscalCountReport',
      tags,
      summary: '票据盘点表 XLSX The monthly stock count as XLSX (PAY-5)',
      params: idParams,
    },
    config: { permission: [MANAGE, READ] },
    handler: async (req, reply) => {
      const report = await fiscal.getReport(db, principalOf(req).companyId, req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          contentDisposition(`票据盘点表-${report.month}.xlsx`, `stock-count-${report.month}.xlsx`),
        )
        .send(await countReportXlsx(report));
    },
  });
}

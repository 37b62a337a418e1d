import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/download.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { langOf } from '../../platform/http/lang.js';
import { pageOf } from '../../platform/paging.js';
import { noticeCsp } from '../../platform/print/document.js';
import { PdfPrinter } from '../../platform/print/pdf.js';
import type { Paper } from '../../platform/print/registry.js';
import { newPaymentBody, paymentSchema } from '../payments/schemas.js';
import { idempotencyKeyOf } from '../payments/service.js';
import * as handovers from './handovers.js';
import * as repo from './repo.js';
import { cashierReportHtml, centreReportHtml, centreReportXlsx } from './report.js';
import {
  centreReportSchema,
  closeBody,
  confirmHandoverBody,
  dayPrintQuery,
  dayQuery,
  depositBody,
  depositSchema,
  handoverBody,
  handoverSchema,
  listDepositsQuery,
  listHandoversQuery,
  listShiftsQuery,
  openShiftBody,
  pendingCollectionSchema,
  printQuery,
  returnBody,
  reviewBody,
  safeSchema,
  shiftDetailSchema,
  shiftRowSchema,
} from './schemas.js';
import * as cash from './service.js';

const tags = ['cash-office'];
const OWN = 'cash.shift.own';
const DOOR = 'cash.collect.door';
const REVIEW = 'cash.close.review';
const SAFE = 'cash.safe.manage';
const READ = 'cash.report.read';
const idParams = z.object({ id: z.uuid() });
const page = <T>(r: { items: T[]; total: number }, q: { page: number; pageSize: number }) => ({
  ...r,
  page: q.page,
  pageSize: q.pageSize,
});

/** PAY-2 日清日结, PAY-3 safe limit, PAY-4 door-to-door collectors' hand-overs. */
export function cashOfficeRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/cash-office';
  const printer = new PdfPrinter(undefined, (err) => app.log.error({ err }, 'PDF rendering failed'));
  app.addHook('onClose', () => printer.close());

  const sendPrint = async (
    reply: FastifyReply,
    format: 'html' | 'pdf',
    html: string,
    paper: Paper,
    names: [string, string],
    nonce?: string,
  ) => {
    if (format === 'pdf') {
      const pdf = await printer.render(html, paper);
      return reply
        .headers({
          'content-type': 'application/pdf',
          'content-disposition': contentDisposition(names[0], names[1]),
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
  };
  const canReadAll = (req: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(req);
    return p.permissions.has(READ) || p.permissions.has(REVIEW);
  };

  r.get(`${base}/cashiers`, {
    schema: {
      operationId: 'listCashOfficeCashiers',
      tags,
      summary: '收费员（可开班、接收走收交款）Users who keep a cash shift (PAY-2/PAY-4)',
      response: {
        200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), username: z.string() })) }),
      },
    },
    config: { permission: [OWN, DOOR, REVIEW, READ] },
    handler: async (req) => ({ items: await repo.cashiers(db, principalOf(req).companyId) }),
  });

  // ---------------------------------------------------------------- shifts
  r.get(`${base}/shifts/mine`, {
    schema: {
      operationId: 'getMyCashShifts',
      tags,
      summary: '我的班次：当前班次（实时收费、应有金额）、退回重新清点的日结 My open shift and returned closes (PAY-2)',
      response: {
        200: z.object({
          current: shiftDetailSchema.nullable(),
          returned: z.array(shiftRowSchema),
          recent: z.array(shiftRowSchema),
        }),
      },
    },
    config: { permission: OWN },
    handler: async (req) => {
      const p = principalOf(req);
      return cash.myShifts(db, { companyId: p.companyId, userId: p.userId });
    },
  });
  r.post(`${base}/shifts`, {
    schema: {
      operationId: 'openCashShift',
      tags,
      summary: '开班（备用金默认 pay.cashierFloat；每人只有一个未日结班次）Open my shift with a float (PAY-2/PAY-3)',
      body: openShiftBody,
      response: { 201: shiftDetailSchema },
    },
    config: { permission: OWN },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => cash.openShift(tx, actorFrom(req), req.body))),
  });
  r.get(`${base}/shifts`, {
    schema: {
      operationId: 'listCashShifts',
      tags,
      summary: '日结列表（审核）Shifts and closes by status, cashier and date (PAY-2)',
      querystring: listShiftsQuery,
      response: { 200: pageOf(shiftRowSchema) },
    },
    config: { permission: [REVIEW, READ] },
    handler: async (req) => page(await repo.listShifts(db, principalOf(req).companyId, req.query), req.query),
  });
  r.get(`${base}/shifts/:id`, {
    schema: {
      operationId: 'getCashShift',
      tags,
      summary: '班次与日结详情 A shift: postings, expected, count, variances (PAY-2)',
      params: idParams,
      response: { 200: shiftDetailSchema },
    },
    config: { permission: [OWN, REVIEW, READ] },
    handler: async (req) => {
      const p = principalOf(req);
      return cash.getShift(db, p.companyId, req.params.id, { userId: p.userId, canReadAll: canReadAll(req) });
    },
  });
  r.post(`${base}/shifts/:id/close`, {
    schema: {
      operationId: 'closeCashShift',
      tags,
      summary:
        '日结：按面额清点现金、POS 小票、其他收款；差额须说明 Close: count cash, POS slips, others; explain variances (PAY-2)',
      params: idParams,
      body: closeBody,
      response: { 200: shiftDetailSchema },
    },
    config: { permission: OWN },
    handler: async (req) => db.tx((tx) => cash.closeShift(tx, actorFrom(req), req.params.id, req.body)),
  });
  r.post(`${base}/shifts/:id/sign-off`, {
    schema: {
      operationId: 'signOffCashClose',
      tags,
      summary: '中心主管审核签字（签字后不可更改）Sign a close off; it is then immutable (PAY-2)',
      params: idParams,
      body: reviewBody,
      response: { 200: shiftDetailSchema },
    },
    config: { permission: REVIEW },
    handler: async (req) =>
      db.tx((tx) => cash.reviewClose(tx, actorFrom(req), req.params.id, { signOff: true, note: req.body.note })),
  });
  r.post(`${base}/shifts/:id/return`, {
    schema: {
      operationId: 'returnCashClose',
      tags,
      summary: '退回重新清点 Return a close for a recount, with the reason (PAY-2)',
      params: idParams,
      body: returnBody,
      response: { 200: shiftDetailSchema },
    },
    config: { permission: REVIEW },
    handler: async (req) =>
      db.tx((tx) => cash.reviewClose(tx, actorFrom(req), req.params.id, { signOff: false, reason: req.body.reason })),
  });
  r.get(`${base}/shifts/:id/report`, {
    schema: {
      operationId: 'printCashierDailyReport',
      tags,
      summary: '收费员日报（含现金盘点表）HTML/PDF The cashier daily report with the cash count (PAY-2)',
      params: idParams,
      querystring: printQuery,
    },
    config: { permission: [OWN, REVIEW, READ] },
    handler: async (req, reply) => {
      const nonce = req.query.format === 'html' ? randomBytes(16).toString('base64') : undefined;
      const { html, def, name } = await cashierReportHtml(db, principalOf(req), req.params.id, {
        lang: langOf(req),
        scriptNonce: nonce,
      });
      return sendPrint(
        reply,
        req.query.format,
        html,
        def.paper,
        [`收费员日报-${name}.pdf`, 'cashier-daily-report.pdf'],
        nonce,
      );
    },
  });

  // ---------------------------------------------------------------- centre report and safe
  r.get(`${base}/daily-report`, {
    schema: {
      operationId: 'getCentreDailyReport',
      tags,
      summary: '营业厅日报 A day by method and cashier, closes, variances, the safe (PAY-2/PAY-3)',
      querystring: dayQuery,
      response: { 200: centreReportSchema },
    },
    config: { permission: [READ, REVIEW] },
    handler: async (req) => cash.centreReport(db, principalOf(req).companyId, req.query.date, req.query.orgUnitId),
  });
  r.get(`${base}/daily-report/file`, {
    schema: {
      operationId: 'downloadCentreDailyReport',
      tags,
      summary: '营业厅日报 XLSX The centre daily report as XLSX (PAY-2)',
      querystring: dayQuery,
    },
    config: { permission: [READ, REVIEW] },
    handler: async (req, reply) => {
      const report = await cash.centreReport(db, principalOf(req).companyId, req.query.date, req.query.orgUnitId);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          contentDisposition(`营业厅日报-${report.date}.xlsx`, `centre-daily-report-${report.date}.xlsx`),
        )
        .send(await centreReportXlsx(report));
    },
  });
  r.get(`${base}/daily-report/print`, {
    schema: {
      operationId: 'printCentreDailyReport',
      tags,
      summary: '营业厅日报 HTML/PDF The printable centre daily report (PAY-2)',
      querystring: dayPrintQuery,
    },
    config: { permission: [READ, REVIEW] },
    handler: async (req, reply) => {
      const nonce = req.query.format === 'html' ? randomBytes(16).toString('base64') : undefined;
      const { html, def } = await centreReportHtml(db, principalOf(req), req.query.date, req.query.orgUnitId, {
        lang: langOf(req),
        scriptNonce: nonce,
      });
      const d = req.query.date;
      return sendPrint(
        reply,
        req.query.format,
        html,
        def.paper,
        [`营业厅日报-${d}.pdf`, `centre-daily-report-${d}.pdf`],
        nonce,
      );
    },
  });
  r.get(`${base}/safe`, {
    schema: {
      operationId: 'getCashSafe',
      tags,
      summary: '保险柜现金（含备用金）与限额提醒 Cash in the safe against pay.safeLimit (PAY-3)',
      response: { 200: safeSchema },
    },
    config: { permission: [READ, REVIEW, SAFE] },
    handler: async (req) => cash.safeOf(db, principalOf(req).companyId),
  });
  r.get(`${base}/deposits`, {
    schema: {
      operationId: 'listCashDeposits',
      tags,
      summary: '银行存款记录 Bank deposits out of the safe (PAY-3)',
      querystring: listDepositsQuery,
      response: { 200: pageOf(depositSchema) },
    },
    config: { permission: [READ, REVIEW, SAFE] },
    handler: async (req) => page(await repo.listDeposits(db, principalOf(req).companyId, req.query), req.query),
  });
  r.post(`${base}/deposits`, {
    schema: {
      operationId: 'recordCashDeposit',
      tags,
      summary: '登记银行存款（减少保险柜现金）Record a bank deposit out of the safe (PAY-3)',
      body: depositBody,
      response: { 201: depositSchema.extend({ safe: safeSchema }) },
    },
    config: { permission: SAFE },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => cash.recordDeposit(tx, actorFrom(req), req.body))),
  });

  // ---------------------------------------------------------------- PAY-4 collectors
  r.post(`${base}/collector/payments`, {
    schema: {
      operationId: 'collectAtDoor',
      tags,
      summary: '走收：上门收费即时入账（渠道 collector）Record a door-to-door fee at collection time (PAY-4)',
      description: 'Header `Idempotency-Key` (8–64 of [A-Za-z0-9_-]) is required, as for POST /api/payments.',
      headers: z.object({ 'idempotency-key': z.string().optional() }),
      body: newPaymentBody,
      response: { 200: paymentSchema, 201: paymentSchema },
    },
    config: { permission: DOOR },
    handler: async (req, reply) => {
      const key = idempotencyKeyOf(req.headers['idempotency-key']);
      const { payment, created } = await handovers.collectAtDoor(db, actorFrom(req), key, req.body);
      return reply.code(created ? 201 : 200).send(payment);
    },
  });
  r.get(`${base}/collector/pending`, {
    schema: {
      operationId: 'listMyPendingCollections',
      tags,
      summary: '我待交款的走收收费 My collector payments not yet handed over (PAY-4)',
      response: { 200: pendingCollectionSchema },
    },
    config: { permission: DOOR },
    handler: async (req) => {
      const p = principalOf(req);
      return handovers.pending(db, p.companyId, p.userId);
    },
  });
  r.get(`${base}/handovers`, {
    schema: {
      operationId: 'listCashHandovers',
      tags,
      summary: '走收交款记录（本人交出或接收的；报表权限看全部）Hand-overs (PAY-4)',
      querystring: listHandoversQuery,
      response: { 200: pageOf(handoverSchema) },
    },
    config: { permission: [DOOR, OWN, READ, REVIEW] },
    handler: async (req) => {
      const p = principalOf(req);
      return page(
        await repo.listHandovers(db, p.companyId, { ...req.query, userId: canReadAll(req) ? undefined : p.userId }),
        req.query,
      );
    },
  });
  r.post(`${base}/handovers`, {
    schema: {
      operationId: 'handOverCollections',
      tags,
      summary: '走收员向前台交款 Hand the cash of my collector payments to a cashier (PAY-4)',
      body: handoverBody,
      response: { 201: handoverSchema },
    },
    config: { permission: DOOR },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => handovers.handOver(tx, actorFrom(req), req.body))),
  });
  r.post(`${base}/handovers/:id/confirm`, {
    schema: {
      operationId: 'confirmCashHandover',
      tags,
      summary: '收费员清点确认走收交款，计入本班现金 The receiving cashier confirms; the cash joins the shift (PAY-4)',
      params: idParams,
      body: confirmHandoverBody,
      response: { 200: handoverSchema },
    },
    config: { permission: OWN },
    handler: async (req) => db.tx((tx) => handovers.confirm(tx, actorFrom(req), req.params.id, req.body)),
  });
}

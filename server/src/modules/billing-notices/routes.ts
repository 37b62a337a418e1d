import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { businessToday } from '../../platform/calendar/workdays.js';
import { contentDisposition } from '../../platform/download.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { langOf } from '../../platform/http/lang.js';
import { pageOf } from '../../platform/paging.js';
import { noticeCsp } from '../../platform/print/document.js';
import { PdfPrinter } from '../../platform/print/pdf.js';
import {
  batchSchema,
  billNoticeQuery,
  ciUsageQuery,
  ciUsageSchema,
  listBatchesQuery,
  previewQuery,
  previewSchema,
  printQuery,
} from './schemas.js';
import * as notices from './service.js';
import { ciUsageReport } from './spreadsheets.js';

const tags = ['billing'];
const PRINT = 'billing.notice.print';
const readers = ['billing.read', 'billing.tariff.manage', 'billing.run'];

export function billingNoticesRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const printer = new PdfPrinter(undefined, (err) => app.log.error({ err }, 'PDF rendering failed'));
  app.addHook('onClose', () => printer.close());

  const htmlHeaders = (nonce: string) => ({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': noticeCsp(nonce),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  const pdfHeaders = (zh: string, code: string) => {
    const date = businessToday();
    return {
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(`${zh}-${date}.pdf`, `${code}-${date}.pdf`),
      'cache-control': 'no-store',
    };
  };

  r.get('/api/billing/notices', {
    schema: {
      operationId: 'previewNoticeBatch',
      tags,
      summary: '通知单批量打印：份数与预览清单 What a batch of notices would print (MTR-8)',
      querystring: previewQuery,
      response: { 200: previewSchema },
    },
    config: { permission: PRINT },
    handler: async (req) => {
      const { paper, ...filters } = req.query;
      return notices.previewBatch(db, principalOf(req).companyId, filters, paper);
    },
  });

  r.get('/api/billing/notices/print', {
    schema: {
      operationId: 'printNoticeBatch',
      tags,
      summary: '批量打印通知单（HTML 或 PDF）Print a batch of notices, one per page (MTR-8)',
      description:
        'HTML streams to the browser, which prints it; PDF is made on the server through Chromium. Every printed batch is recorded with its counts; `preview=true` renders only the first notice and records nothing.',
      querystring: printQuery,
    },
    config: { permission: PRINT },
    handler: async (req, reply) => {
      const principal = principalOf(req);
      const { paper, format, preview, autoprint, ...filters } = req.query;
      const lang = langOf(req);
      const max = format === 'pdf' ? notices.MAX_PDF_BILLS : notices.MAX_BATCH_BILLS;
      const plan = await notices.planBatch(db, principal.companyId, filters, paper, { max, preview });
      if (format === 'pdf') {
        const html = await notices.batchHtml(db, principal.companyId, plan, lang);
        // One strip per receipt only for a single notice; a batch of receipts prints on the roll's page size.
        const pdf = await printer.render(html, plan.groups.length === 1 ? paper : 'A4');
        if (!preview) await notices.recordBatch(db, actorFrom(req), plan, 'pdf');
        return reply.headers(pdfHeaders(plan.def.name.zh, plan.def.code)).send(pdf);
      }
      if (!preview) {
        const id = await notices.recordBatch(db, actorFrom(req), plan, 'html');
        reply.header('x-print-batch', id);
      }
      const nonce = randomBytes(16).toString('base64');
      return reply
        .headers({ ...htmlHeaders(nonce), 'x-notice-count': String(plan.groups.length) })
        .send(notices.batchHtmlStream(db, principal.companyId, plan, { lang, scriptNonce: nonce, autoprint }));
    },
  });

  r.get('/api/billing/notice-batches', {
    schema: {
      operationId: 'listNoticeBatches',
      tags,
      summary: '通知单打印记录 Printed batches of notices: who, when, how many (MTR-8)',
      querystring: listBatchesQuery,
      response: { 200: pageOf(batchSchema) },
    },
    config: { permission: [PRINT, 'billing.read'] },
    handler: async (req) => {
      const { items, total } = await notices.listBatches(db, principalOf(req).companyId, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.get('/api/billing/bills/:id/notice', {
    schema: {
      operationId: 'printBillNotice',
      tags,
      summary: '打印一张账单的缴费通知单 The payment (or C&I reading) notice of one bill (MTR-8)',
      params: z.object({ id: z.uuid() }),
      querystring: billNoticeQuery,
    },
    config: { permission: PRINT },
    handler: async (req, reply) => {
      const principal = principalOf(req);
      const { paper, format } = req.query;
      const nonce = format === 'html' ? randomBytes(16).toString('base64') : undefined;
      const { html, def } = await notices.billNoticeHtml(db, principal.companyId, req.params.id, paper, {
        lang: langOf(req),
        scriptNonce: nonce,
      });
      if (format === 'pdf') {
        const pdf = await printer.render(html, paper);
        return reply.headers(pdfHeaders(def.name.zh, def.code)).send(pdf);
      }
      return reply.headers(htmlHeaders(nonce!)).send(html);
    },
  });

  r.get('/api/billing/reports/ci-usage', {
    schema: {
      operationId: 'ciUsageReport',
      tags,
      summary: '工商业用户用量明细表 Month-end C&I usage detail (MTR-9)',
      querystring: ciUsageQuery,
      response: { 200: ciUsageSchema },
    },
    config: { permission: readers },
    handler: async (req) => {
      const { items, total, totals } = await ciUsageReport(db, principalOf(req).companyId, req.query);
      return { items, total, totals, page: req.query.page, pageSize: req.query.pageSize };
    },
  });
}

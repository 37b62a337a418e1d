import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { contentDisposition } from '../../platform/download.js';
import type { Lang } from '../../platform/errors.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { langOf } from '../../platform/http/lang.js';
import { pageOf } from '../../platform/paging.js';
import { noticeCsp } from '../../platform/print/document.js';
import { PdfPrinter } from '../../platform/print/pdf.js';
import { invoiceHtml } from './notices.js';
import type { Invoice } from './schemas.js';
import {
  accountInvoicingSchema,
  documentQuery,
  infoBody,
  infoSchema,
  invoiceSchema,
  issueBody,
  listInvoicesQuery,
  publicRequestBody,
  publicRequestSchema,
  reissueBody,
  voidBody,
} from './schemas.js';
import * as invoices from './service.js';
import './spreadsheets.js';

const tags = ['invoices'];
const READ = 'invoice.read';
const ISSUE = 'invoice.issue';
const VOID = 'invoice.void';
const idParams = z.object({ id: z.uuid() });
const tokenParams = z.object({ token: z.string().min(1).max(200) });
/** The public QR page: a few requests a minute from one address is plenty for a customer with a receipt. */
const PUBLIC_RATE = { max: 30, timeWindow: 60_000 };

export function invoicesRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const printer = new PdfPrinter(undefined, (err) => app.log.error({ err }, 'PDF rendering failed'));
  app.addHook('onClose', () => printer.close());

  async function sendDocument(
    reply: FastifyReply,
    q: Queryable,
    companyId: string,
    invoice: Invoice,
    format: 'html' | 'pdf',
    lang: Lang,
  ) {
    const nonce = format === 'html' ? randomBytes(16).toString('base64') : undefined;
    const { html, def } = await invoiceHtml(q, companyId, invoice, { lang, scriptNonce: nonce });
    const name = `${invoice.invoiceCode}-${invoice.invoiceNo}`;
    if (format === 'pdf') {
      const pdf = await printer.render(html, def.paper);
      return reply
        .headers({
          'content-type': 'application/pdf',
          'content-disposition': contentDisposition(`发票-${name}.pdf`, `invoice-${name}.pdf`),
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
  }

  r.get('/api/invoices/accounts/:accountId', {
    schema: {
      operationId: 'getAccountInvoicing',
      tags,
      summary: '开具发票：用户、开票信息和可开票的收费 Account, invoice info and invoiceable payments (PAY-6)',
      params: z.object({ accountId: z.uuid() }),
      response: { 200: accountInvoicingSchema },
    },
    config: { permission: [ISSUE, READ] },
    handler: async (req) => invoices.accountInvoicing(db, principalOf(req).companyId, req.params.accountId),
  });

  r.put('/api/invoices/accounts/:accountId/info', {
    schema: {
      operationId: 'saveInvoiceInfo',
      tags,
      summary:
        '修改开票信息（居民凭身份证、工商业凭纳税人识别号）Change invoice info against proof: ID (residential) or tax ID (C&I) (PAY-6)',
      params: z.object({ accountId: z.uuid() }),
      body: infoBody,
      response: { 200: infoSchema },
    },
    config: { permission: ISSUE },
    handler: async (req) => db.tx((tx) => invoices.saveInfo(tx, actorFrom(req), req.params.accountId, req.body)),
  });

  r.post('/api/invoices', {
    schema: {
      operationId: 'issueInvoice',
      tags,
      summary:
        '开具发票 Issue an invoice for payments of one account: within pay.invoiceWithinDays, never across years, once (PAY-6)',
      body: issueBody,
      response: { 201: invoiceSchema },
    },
    config: { permission: ISSUE },
    handler: async (req, reply) => {
      const invoice = await db.tx((tx) => invoices.issueInvoice(tx, actorFrom(req), req.body));
      return reply.code(201).send(invoice);
    },
  });

  r.get('/api/invoices', {
    schema: {
      operationId: 'listInvoices',
      tags,
      summary: '发票查询 Invoices by account, kind, status, dates (PAY-6)',
      querystring: listInvoicesQuery,
      response: { 200: pageOf(invoiceSchema) },
    },
    config: { permission: [READ, ISSUE, VOID] },
    handler: async (req) => invoices.listInvoices(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/invoices/:id', {
    schema: {
      operationId: 'getInvoice',
      tags,
      summary: '发票详情 An invoice with its payments (PAY-6)',
      params: idParams,
      response: { 200: invoiceSchema },
    },
    config: { permission: [READ, ISSUE, VOID] },
    handler: async (req) => invoices.getInvoice(db, principalOf(req).companyId, req.params.id),
  });

  r.get('/api/invoices/:id/document', {
    schema: {
      operationId: 'printInvoice',
      tags,
      summary: '打印/下载发票 The invoice as HTML or PDF (PAY-6)',
      params: idParams,
      querystring: documentQuery,
    },
    config: { permission: [READ, ISSUE] },
    handler: async (req, reply) => {
      const { companyId } = principalOf(req);
      const invoice = await invoices.getInvoice(db, companyId, req.params.id);
      return sendDocument(reply, db, companyId, invoice, req.query.format, langOf(req));
    },
  });

  r.post('/api/invoices/:id/void', {
    schema: {
      operationId: 'voidInvoice',
      tags,
      summary:
        '作废发票 Void an invoice: paper in its month with all parts, e-invoice by a red-letter note; its payments are freed (PAY-6)',
      params: idParams,
      body: voidBody,
      response: { 200: invoiceSchema },
    },
    config: { permission: VOID },
    handler: async (req) => db.tx((tx) => invoices.voidInvoice(tx, actorFrom(req), req.params.id, req.body.reason)),
  });

  r.post('/api/invoices/:id/reissue', {
    schema: {
      operationId: 'reissueInvoice',
      tags,
      summary: '重开发票 Re-issue a voided invoice once, for the same payments (PAY-6)',
      params: idParams,
      body: reissueBody,
      response: { 201: invoiceSchema },
    },
    config: { permission: ISSUE },
    handler: async (req, reply) => {
      const invoice = await db.tx((tx) => invoices.reissueInvoice(tx, actorFrom(req), req.params.id, req.body));
      return reply.code(201).send(invoice);
    },
  });

  // ---------------------------------------------------------------- public: the receipt's QR code

  r.get('/api/public/e-invoice/:token', {
    schema: {
      operationId: 'getEInvoiceRequest',
      tags,
      summary: '扫码开票：收费与已开发票（凭二维码令牌，无需登录）The QR page: the payment and its e-invoice (PAY-6)',
      params: tokenParams,
      response: { 200: publicRequestSchema },
      security: [],
    },
    config: { permission: 'public', rateLimit: PUBLIC_RATE },
    handler: async (req) => invoices.publicRequest(db, req.params.token),
  });

  r.post('/api/public/e-invoice/:token', {
    schema: {
      operationId: 'requestEInvoice',
      tags,
      summary: '扫码开具电子发票 The customer asks for the e-invoice of the payment (token only, no login) (PAY-6)',
      params: tokenParams,
      body: publicRequestBody,
      response: { 201: publicRequestSchema },
      security: [],
    },
    config: { permission: 'public', rateLimit: { ...PUBLIC_RATE, max: 10 } },
    handler: async (req, reply) => {
      await db.tx((tx) =>
        invoices.publicIssue(tx, req.params.token, req.body, { ip: req.ip, requestId: String(req.id) }),
      );
      return reply.code(201).send(await invoices.publicRequest(db, req.params.token));
    },
  });

  r.get('/api/public/e-invoice/:token/document', {
    schema: {
      operationId: 'downloadEInvoice',
      tags,
      summary: '下载电子发票 The e-invoice of the token’s payment as PDF or HTML (PAY-6)',
      params: tokenParams,
      querystring: documentQuery,
      security: [],
    },
    config: { permission: 'public', rateLimit: PUBLIC_RATE },
    handler: async (req, reply) => {
      const { companyId, invoice } = await invoices.publicInvoice(db, req.params.token);
      return sendDocument(reply, db, companyId, invoice, req.query.format, langOf(req));
    },
  });
}

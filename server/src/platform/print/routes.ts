import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { businessToday } from '../calendar/workdays.js';
import { contentDisposition } from '../download.js';
import { PlatformError } from '../errors.js';
import type { AppDeps } from '../http/deps.js';
import { actorFrom, principalOf } from '../http/guard.js';
import { langOf } from '../http/lang.js';
import { noticeCsp } from './document.js';
import { PdfPrinter } from './pdf.js';
import * as print from './service.js';
import './notices.js';

const tags = ['print'];
const USE = 'print.use';
const MANAGE = 'print.manage';

const codeParams = z.object({ code: z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/) });
const noticeSchema = z.object({
  code: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  paper: z.enum(['A4', 'receipt80']),
  variables: z.array(z.object({ path: z.string(), kind: z.string(), description: z.string() })),
  sample: z.record(z.string(), z.unknown()),
  defaultTemplate: z.string(),
  printableFromRecord: z.boolean(),
  override: z
    .object({
      body: z.string(),
      updatedAt: z.string(),
      updatedBy: z.uuid().nullable(),
      updatedByName: z.string().nullable(),
      problem: z.string().nullable(),
    })
    .nullable(),
});

export function printRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const printer = new PdfPrinter(undefined, (err) => app.log.error({ err }, 'PDF rendering failed'));
  app.addHook('onClose', () => printer.close());

  r.get('/api/print/notices', {
    schema: {
      operationId: 'listPrintNotices',
      tags,
      summary: '通知书与单据的种类及模板 Notice kinds and their templates',
      response: { 200: z.object({ items: z.array(noticeSchema), pdfAvailable: z.boolean() }) },
    },
    config: { permission: USE },
    handler: async (req) => ({
      items: await print.listNotices(db, principalOf(req).companyId, langOf(req)),
      pdfAvailable: printer.available,
    }),
  });

  r.get('/api/print/notices/:code/html', {
    schema: {
      operationId: 'renderNoticeHtml',
      tags,
      summary: '通知书网页（浏览器打印）The notice as a page to print from the browser',
      description:
        'Without subjectId or variables the sample is shown, watermarked. `variables` is the JSON of the notice variables.',
      params: codeParams,
      querystring: z.object({ subjectId: z.uuid().optional(), variables: z.string().max(64_000).optional() }),
    },
    config: { permission: USE },
    handler: async (req, reply) => {
      const principal = principalOf(req);
      const def = print.requireNotice(req.params.code);
      const input = { subjectId: req.query.subjectId, variables: jsonOf(req.query.variables) };
      const printing = await print.noticeVariables(db, principal, def, input);
      const nonce = randomBytes(16).toString('base64');
      const html = await print.renderNotice(db, principal.companyId, def, printing, {
        lang: langOf(req),
        scriptNonce: nonce,
      });
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', noticeCsp(nonce))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(html);
    },
  });

  r.post('/api/print/notices/:code/pdf', {
    schema: {
      operationId: 'renderNoticePdf',
      tags,
      summary: '通知书 PDF（服务器端 Chromium）The notice as a PDF, when Chromium is installed',
      params: codeParams,
      body: z.object({
        subjectId: z.uuid().optional(),
        variables: z.record(z.string(), z.unknown()).optional(),
      }),
    },
    config: { permission: USE },
    handler: async (req, reply) => {
      const principal = principalOf(req);
      const def = print.requireNotice(req.params.code);
      const printing = await print.noticeVariables(db, principal, def, req.body);
      const html = await print.renderNotice(db, principal.companyId, def, printing, { lang: langOf(req) });
      const pdf = await printer.render(html, def.paper);
      const date = businessToday();
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(`${def.name.zh}-${date}.pdf`, `${def.code}-${date}.pdf`))
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  });

  r.put('/api/print/templates/:code', {
    schema: {
      operationId: 'savePrintTemplate',
      tags,
      summary: '保存本公司的通知书模板 Save the company’s own template of a notice',
      params: codeParams,
      body: z.object({ body: z.string().min(1).max(print.MAX_TEMPLATE_CHARS) }),
      response: { 200: noticeSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) =>
      db.tx((tx) => print.saveOverride(tx, actorFrom(req), req.params.code, req.body.body, langOf(req))),
  });

  r.delete('/api/print/templates/:code', {
    schema: {
      operationId: 'resetPrintTemplate',
      tags,
      summary: '恢复默认模板 Go back to the default template',
      params: codeParams,
      response: { 200: noticeSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => print.resetOverride(tx, actorFrom(req), req.params.code, langOf(req))),
  });
}

function jsonOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw PlatformError('INVALID_JSON', { field: 'variables' });
  }
}

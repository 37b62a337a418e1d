import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { businessToday } from '../calendar/workdays.js';
import type { Principal } from '../context.js';
import { contentDisposition } from '../download.js';
import { type Lang, PlatformError, type Text } from '../errors.js';
import type { AppDeps } from '../http/deps.js';
import { actorFrom, principalOf } from '../http/guard.js';
import { langOf } from '../http/lang.js';
import { SpreadsheetError } from './errors.js';
import { listExports, listGrants, runExport } from './export-service.js';
import {
  importResultFile,
  importTemplate,
  listImports,
  MAX_FILE_BYTES,
  requireImport,
  runImport,
} from './import-service.js';
import { XLSX_TYPE } from './xlsx.js';
import './approval.js';
import './jobs.js';

const tags = ['spreadsheets'];
const text = z.object({ zh: z.string(), en: z.string() });
const nameParams = z.object({ name: z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/) });
const reportSchema = z.object({
  mode: z.enum(['check', 'all', 'valid']),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejectedRows: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), field: z.string(), column: z.string(), message: z.string() })),
  rejectedFileId: z.uuid().nullable(),
  imported: z.number().int(),
  shownOnce: z.array(
    z.object({
      row: z.number().int(),
      label: z.string(),
      secret: z.string(),
      notice: z.object({ code: z.string(), subjectId: z.uuid() }).optional(),
    }),
  ),
});

/** 用户列表-2026-11-23.xlsx, with an ASCII name for old clients. */
function xlsxName(title: Text, fallback: string, lang: Lang, suffix = ''): [string, string] {
  const date = businessToday();
  return [`${lang === 'en' ? title.en : title.zh}${suffix}-${date}.xlsx`, `${fallback}-${date}.xlsx`];
}

export function spreadsheetsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/exports', {
    schema: {
      operationId: 'listExports',
      tags,
      summary: '我可以导出的列表 The lists the caller may export',
      response: {
        200: z.object({ items: z.array(z.object({ name: z.string(), title: text, sensitive: z.boolean() })) }),
      },
    },
    config: { permission: 'authenticated' },
    handler: async (req) => ({ items: listExports(principalOf(req)) }),
  });

  r.get('/api/exports/grants', {
    schema: {
      operationId: 'listExportGrants',
      tags,
      summary: '我的已批准、未使用的数据导出 My approved, unused data exports (IAM-5)',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.uuid(),
              requestId: z.uuid(),
              exportName: z.string(),
              title: text,
              filters: z.record(z.string(), z.unknown()),
              createdAt: z.string(),
              expiresAt: z.string(),
            }),
          ),
        }),
      },
    },
    config: { permission: 'authenticated' },
    handler: async (req) => ({ items: await listGrants(db, principalOf(req)) }),
  });

  r.get('/api/exports/:name', {
    schema: {
      operationId: 'downloadExport',
      tags,
      summary: '导出列表为 Excel Export a list to .xlsx with the list’s own filters',
      description:
        'The query string holds the list’s filters. Lists with personal data need `grantId`, an approved, unused data-export grant of the caller for exactly these filters; without it the answer is 403 EXPORT_APPROVAL_REQUIRED with `details.filters` to file the request with.',
      params: nameParams,
      querystring: z.object({ grantId: z.uuid().optional() }).catchall(z.string()),
    },
    // The list's own permission is checked by the export: each list has its own.
    config: { permission: 'authenticated' },
    handler: async (req, reply) => {
      const lang = langOf(req);
      const name = req.params.name;
      const done = await runExport(db, principalOf(req), actorFrom(req), name, req.query, lang);
      const [file, ascii] = xlsxName(done.title, name, lang);
      const stream = fs.createReadStream(done.path);
      stream.on('close', () => fs.rm(done.path, { force: true }, () => {}));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition(file, ascii))
        .header('cache-control', 'no-store')
        .header('x-export-rows', String(done.rows))
        .send(stream);
    },
  });

  r.get('/api/imports', {
    schema: {
      operationId: 'listImports',
      tags,
      summary: '我可以使用的导入 The imports the caller may run',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              name: z.string(),
              title: text,
              maxRows: z.number().int(),
              columns: z.array(
                z.object({ key: z.string(), header: text, required: z.boolean(), hint: text.nullable() }),
              ),
            }),
          ),
        }),
      },
    },
    config: { permission: 'authenticated' },
    handler: async (req) => ({ items: listImports(principalOf(req)) }),
  });

  r.get('/api/imports/:name/template', {
    schema: {
      operationId: 'downloadImportTemplate',
      tags,
      summary: '下载导入模板 The import’s template: headers and an example row',
      params: nameParams,
    },
    config: { permission: 'authenticated' },
    handler: async (req, reply) => {
      const lang = langOf(req);
      const def = requireImport(req.params.name, principalOf(req));
      const suffix = lang === 'en' ? ' template' : '导入模板';
      const [file, ascii] = xlsxName(def.title, `${def.name}-template`, lang, suffix);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition(file, ascii))
        .send(await importTemplate(def, lang));
    },
  });

  r.get('/api/imports/results/:id', {
    schema: {
      operationId: 'downloadImportResult',
      tags,
      summary: '下载未通过校验的行 The rejected rows of an import, with the reasons',
      params: z.object({ id: z.uuid() }),
    },
    config: { permission: 'authenticated' },
    handler: async (req, reply) => {
      const lang = langOf(req);
      const result = await importResultFile(db, principalOf(req), req.params.id);
      const suffix = lang === 'en' ? ' rejected rows' : '未通过的行';
      const [file, ascii] = xlsxName(result.title, `${result.name}-rejected`, lang, suffix);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition(file, ascii))
        .header('cache-control', 'no-store')
        .send(result.file);
    },
  });

  // The upload route alone takes a raw .xlsx body, up to MAX_FILE_BYTES.
  app.register(async (scope) => {
    scope.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post('/api/imports/:name', {
      schema: {
        operationId: 'runImport',
        tags,
        summary: '导入 Excel 文件 Check and import an .xlsx (the raw file is the body)',
        description: `The body is the .xlsx itself (Content-Type ${XLSX_TYPE}, at most 10 MB and 20,000 rows). mode=check only checks; mode=all imports nothing unless every row passes (else 422 IMPORT_REJECTED_ROWS with the report in details); mode=valid imports the rows that pass.`,
        params: nameParams,
        querystring: z.object({ mode: z.enum(['check', 'all', 'valid']).default('all') }),
        response: { 200: reportSchema },
      },
      bodyLimit: MAX_FILE_BYTES,
      config: { permission: 'authenticated' },
      // Refuse an announced oversize upload before reading it, with the limit in the message.
      onRequest: async (req: FastifyRequest) => {
        if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES) {
          throw SpreadsheetError('IMPORT_FILE_TOO_LARGE', { vars: { limit: '10 MB' } });
        }
      },
      handler: async (req) => {
        const principal: Principal = principalOf(req);
        if (!Buffer.isBuffer(req.body)) {
          if (req.body === undefined || req.body === null) throw SpreadsheetError('IMPORT_UNREADABLE');
          throw PlatformError('UNSUPPORTED_MEDIA_TYPE');
        }
        return runImport(db, principal, actorFrom(req), req.params.name, req.body, req.query.mode, langOf(req));
      },
    });
  });
}

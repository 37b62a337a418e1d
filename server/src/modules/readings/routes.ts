import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { approvalSchema } from '../../platform/approvals/routes.js';
import { contentDisposition } from '../../platform/download.js';
import { PlatformError } from '../../platform/errors.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { langOf } from '../../platform/http/lang.js';
import { pageOf } from '../../platform/paging.js';
import { XLSX_TYPE } from '../../platform/spreadsheets/xlsx.js';
import { parseUpload, sheetCsv, sheetXlsx } from './exchange.js';
import { importReadings, MAX_IMPORT_ROWS } from './import.js';
import {
  bookAccountsBody,
  bookSchema,
  correctBody,
  generatePlansBody,
  idParams,
  importSummarySchema,
  listBooksQuery,
  listPlansQuery,
  listReadingsQuery,
  newBookBody,
  newPlanBody,
  planSchema,
  readingSchema,
  rereadBody,
  reviewQuery,
  sheetQuery,
  sheetRowSchema,
  updateBookBody,
  updatePlanBody,
  uploadBody,
} from './schemas.js';
import * as readings from './service.js';
import './approval-kinds.js';
import './spreadsheets.js';

const tags = ['readings'];
const MAX_UPLOAD_BYTES = 64 * 2 ** 20;
const member = z.object({ accountNo: z.string(), seq: z.number().int() });
const bookDetail = bookSchema.extend({ members: z.array(member) });

export function readingsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- Books (MTR-3) ----
  r.get('/api/reading-books', {
    schema: {
      operationId: 'listReadingBooks',
      tags,
      summary: '抄表册 Reading books (MTR-3)',
      querystring: listBooksQuery,
      response: { 200: pageOf(bookSchema) },
    },
    config: { permission: 'reading.read' },
    handler: async (req) => readings.listBooks(db, principalOf(req).companyId, req.query),
  });

  r.post('/api/reading-books', {
    schema: {
      operationId: 'createReadingBook',
      tags,
      summary: '新建抄表册 Create a reading book',
      body: newBookBody,
      response: { 201: bookSchema },
    },
    config: { permission: 'reading.book.manage' },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => readings.createBook(tx, actorFrom(req), req.body))),
  });

  r.get('/api/reading-books/:id', {
    schema: {
      operationId: 'getReadingBook',
      tags,
      summary: '抄表册及其抄表顺序 A reading book and its walking order',
      params: idParams,
      response: { 200: bookDetail },
    },
    config: { permission: 'reading.read' },
    handler: async (req) => readings.getBook(db, principalOf(req).companyId, req.params.id),
  });

  r.patch('/api/reading-books/:id', {
    schema: {
      operationId: 'updateReadingBook',
      tags,
      summary: '修改抄表册 Change a reading book (its reader, day, area)',
      params: idParams,
      body: updateBookBody,
      response: { 200: bookSchema },
    },
    config: { permission: 'reading.book.manage' },
    handler: async (req) => db.tx((tx) => readings.updateBook(tx, actorFrom(req), req.params.id, req.body)),
  });

  r.put('/api/reading-books/:id/accounts', {
    schema: {
      operationId: 'setReadingBookAccounts',
      tags,
      summary: '设置抄表册的用户和抄表顺序 Set the accounts of a book in walking order',
      params: idParams,
      body: bookAccountsBody,
      response: { 200: bookDetail },
    },
    config: { permission: 'reading.book.manage' },
    handler: async (req) => db.tx((tx) => readings.setBookAccounts(tx, actorFrom(req), req.params.id, req.body)),
  });

  // ---- Plans (MTR-1/2) ----
  r.get('/api/reading-plans', {
    schema: {
      operationId: 'listReadingPlans',
      tags,
      summary: '抄表计划 Reading plans (MTR-1)',
      querystring: listPlansQuery,
      response: { 200: pageOf(planSchema) },
    },
    config: { permission: 'reading.read' },
    handler: async (req) => readings.listPlans(db, principalOf(req).companyId, req.query),
  });

  r.post('/api/reading-plans', {
    schema: {
      operationId: 'createReadingPlan',
      tags,
      summary: '新建一个抄表计划 Plan a book for a period (MTR-2 cycle checked)',
      body: newPlanBody,
      response: { 201: planSchema },
    },
    config: { permission: 'reading.book.manage' },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => readings.createPlan(tx, actorFrom(req), req.body))),
  });

  r.post('/api/reading-plans/generate', {
    schema: {
      operationId: 'generateReadingPlans',
      tags,
      summary: '生成某期间的抄表计划 Plan every book read in a period (MTR-2)',
      body: generatePlansBody,
      response: { 200: z.object({ period: z.string(), created: z.number().int() }) },
    },
    config: { permission: 'reading.book.manage' },
    handler: async (req) => db.tx((tx) => readings.generatePlans(tx, actorFrom(req), req.body.period)),
  });

  r.get('/api/reading-plans/:id', {
    schema: {
      operationId: 'getReadingPlan',
      tags,
      summary: '抄表计划 A reading plan',
      params: idParams,
      response: { 200: planSchema },
    },
    config: { permission: 'reading.read' },
    handler: async (req) => readings.requirePlan(db, principalOf(req).companyId, req.params.id),
  });

  r.patch('/api/reading-plans/:id', {
    schema: {
      operationId: 'requestReadingPlanChange',
      tags,
      summary: '申请变更抄表计划 Request a change of a plan’s date or reader, applied on approval (MTR-1)',
      params: idParams,
      body: updatePlanBody,
      response: { 202: approvalSchema },
    },
    config: { permission: 'reading.book.manage' },
    handler: async (req, reply) =>
      reply
        .code(202)
        .send(
          await db.tx((tx) =>
            readings.requestPlanChange(tx, actorFrom(req), principalOf(req), req.params.id, req.body),
          ),
        ),
  });

  r.get('/api/reading-plans/:id/sheet', {
    schema: {
      operationId: 'downloadReadingSheet',
      tags,
      summary: '下载抄表册（抄表机接口）A plan’s round for the handheld, as JSON (MTR-3)',
      params: idParams,
      response: { 200: z.object({ plan: planSchema, rows: z.array(sheetRowSchema) }) },
    },
    config: { permission: 'reading.upload' },
    handler: async (req) => db.tx((tx) => readings.planSheet(tx, actorFrom(req), req.params.id)),
  });

  r.get('/api/reading-plans/:id/sheet/file', {
    schema: {
      operationId: 'downloadReadingSheetFile',
      tags,
      summary: '下载抄表册文件 A plan’s round as CSV or XLSX for the handheld (MTR-3)',
      params: idParams,
      querystring: sheetQuery,
    },
    config: { permission: 'reading.upload' },
    handler: async (req, reply) => {
      const sheet = await db.tx((tx) => readings.planSheet(tx, actorFrom(req), req.params.id));
      const lang = langOf(req);
      const base = `${sheet.plan.bookCode}-${sheet.plan.period}`;
      const title = lang === 'en' ? `Reading book ${base}` : `抄表册${base}`;
      if (req.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', contentDisposition(`${title}.csv`, `reading-book-${base}.csv`))
          .send(sheetCsv(sheet.rows, lang));
      }
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition(`${title}.xlsx`, `reading-book-${base}.xlsx`))
        .send(await sheetXlsx(sheet.rows, lang, title));
    },
  });

  // ---- Readings (MTR-3 upload, MTR-4 review) ----
  r.post('/api/readings/upload', {
    schema: {
      operationId: 'uploadReadings',
      tags,
      summary: '上传抄表数据（接口）Upload readings as JSON (handheld or device API)',
      description:
        'All or nothing: any bad row refuses the upload (422 REJECTED_ROWS with details.rows). The same meter, period and reading as before changes nothing.',
      body: uploadBody,
      response: { 200: importSummarySchema },
    },
    bodyLimit: MAX_UPLOAD_BYTES,
    config: { permission: 'reading.upload' },
    handler: async (req) => {
      const actor = actorFrom(req);
      return db.tx((tx) => importReadings(tx, actor, actor.companyId, req.body.readings, req.body.source));
    },
  });

  // The file upload alone takes a raw CSV or XLSX body.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['text/csv', XLSX_TYPE],
      { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post('/api/readings/upload-file', {
      schema: {
        operationId: 'uploadReadingsFile',
        tags,
        summary: '上传抄表文件 Upload a readings file (CSV or XLSX as the raw body)',
        description: `The body is the file (Content-Type text/csv or ${XLSX_TYPE}) with the columns of the download. Rows with neither reading nor date were not read and are counted as notRead.`,
        response: { 200: importSummarySchema.extend({ notRead: z.number().int() }) },
      },
      bodyLimit: MAX_UPLOAD_BYTES,
      config: { permission: 'reading.upload' },
      handler: async (req) => {
        if (!Buffer.isBuffer(req.body)) throw PlatformError('UNSUPPORTED_MEDIA_TYPE');
        const kind = String(req.headers['content-type'] ?? '').startsWith('text/csv') ? 'csv' : 'xlsx';
        const { rows, notRead } = await parseUpload(req.body, kind, MAX_IMPORT_ROWS);
        const actor = actorFrom(req);
        const summary = await db.tx((tx) => importReadings(tx, actor, actor.companyId, rows, 'file'));
        return { ...summary, notRead };
      },
    });
  });

  r.get('/api/readings', {
    schema: {
      operationId: 'listReadings',
      tags,
      summary: '抄表数据 Readings by period, book, account, status',
      querystring: listReadingsQuery,
      response: { 200: pageOf(readingSchema) },
    },
    config: { permission: 'reading.read' },
    handler: async (req) => readings.listReadings(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/readings/review', {
    schema: {
      operationId: 'listReadingReview',
      tags,
      summary: '待审核的异常抄表 The review queue of flagged readings (MTR-4)',
      querystring: reviewQuery,
      response: { 200: pageOf(readingSchema) },
    },
    config: { permission: ['reading.review', 'reading.read'] },
    handler: async (req) => readings.listReadings(db, principalOf(req).companyId, { ...req.query, status: 'flagged' }),
  });

  r.get('/api/readings/:id', {
    schema: {
      operationId: 'getReading',
      tags,
      summary: '一条抄表记录 A reading',
      params: idParams,
      response: { 200: readingSchema },
    },
    config: { permission: 'reading.read' },
    handler: async (req) => readings.getReading(db, principalOf(req).companyId, req.params.id),
  });

  r.post('/api/readings/:id/accept', {
    schema: {
      operationId: 'acceptReading',
      tags,
      summary: '审核通过 Accept a flagged reading (MTR-4)',
      params: idParams,
      response: { 200: readingSchema },
    },
    config: { permission: 'reading.review' },
    handler: async (req) => db.tx((tx) => readings.acceptReading(tx, actorFrom(req), req.params.id)),
  });

  r.post('/api/readings/:id/correct', {
    schema: {
      operationId: 'correctReading',
      tags,
      summary: '更正读数（须填原因）Correct a reading, the reason required (MTR-4)',
      params: idParams,
      body: correctBody,
      response: { 200: readingSchema },
    },
    config: { permission: 'reading.review' },
    handler: async (req) => db.tx((tx) => readings.correctReading(tx, actorFrom(req), req.params.id, req.body)),
  });

  r.post('/api/readings/:id/reread', {
    schema: {
      operationId: 'orderReread',
      tags,
      summary: '安排复抄 Order a re-read (MTR-4)',
      params: idParams,
      body: rereadBody,
      response: { 200: readingSchema },
    },
    config: { permission: 'reading.review' },
    handler: async (req) => db.tx((tx) => readings.orderReread(tx, actorFrom(req), req.params.id, req.body.reason)),
  });
}

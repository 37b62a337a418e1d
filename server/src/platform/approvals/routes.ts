import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../http/deps.js';
import { actorFrom, principalOf } from '../http/guard.js';
import { pageOf, pagingQuery } from '../paging.js';
import { writeReportXlsx } from './report-xlsx.js';
import * as approvals from './service.js';

const tags = ['approvals'];
const ref = z.object({ id: z.uuid(), fullName: z.string() });
const text = z.object({ zh: z.string(), en: z.string() });
const stepSchema = z.object({
  stepNo: z.number().int(),
  label: z.string(),
  roles: z.array(z.string()),
  roleNames: z.array(text),
  status: z.enum(['waiting', 'pending', 'approved', 'rejected', 'skipped']),
  actedBy: ref.nullable(),
  actedAt: z.string().nullable(),
  comment: z.string().nullable(),
});
export const approvalSchema = z.object({
  id: z.uuid(),
  no: z.string(),
  kind: z.string(),
  kindName: text,
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  amount: z.string().nullable(),
  reason: z.string(),
  payload: z.unknown(),
  summary: text,
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  currentStep: z.number().int().nullable(),
  requestedBy: ref,
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  steps: z.array(stepSchema),
});
const detailSchema = approvalSchema.extend({
  events: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: ref.nullable(),
      action: z.string(),
      stepNo: z.number().int().nullable(),
      comment: z.string().nullable(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.uuid(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      uploadedAt: z.string(),
      uploadedBy: ref,
    }),
  ),
  canApprove: z.boolean(),
  canWithdraw: z.boolean(),
  canAttach: z.boolean(),
});
const idParams = z.object({ id: z.uuid() });
const amount = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, { error: '金额格式应为 0.00 / a decimal amount' })
  .nullish();
const listQuery = {
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  kind: z.string().max(60).optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional(),
};
/** The register's filters; the register's export (spreadsheets.ts) takes the same. */
export const approvalRegisterQuery = z.object({
  ...listQuery,
  requestedBy: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().max(80).optional(),
});
const reportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  kind: z.string().max(60).optional(),
});
const ATTACHMENT_LIMIT = 5 * 1024 * 1024;

export function approvalsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const READ = 'approvals.read';

  r.get('/api/approvals/kinds', {
    schema: {
      operationId: 'listApprovalKinds',
      tags,
      summary: '审批类型 Approval kinds',
      response: {
        200: z.object({ items: z.array(z.object({ kind: z.string(), name: text, canRequest: z.boolean() })) }),
      },
    },
    config: { permission: READ },
    handler: async (req) => ({ items: approvals.kindsFor(principalOf(req)) }),
  });

  r.get('/api/approvals/chain-preview', {
    schema: {
      operationId: 'previewApprovalChain',
      tags,
      summary: '审批链预览 Who will sign, by kind and amount',
      querystring: z.object({ kind: z.string().max(60), amount }),
      response: {
        200: z.object({
          steps: z.array(
            z.object({
              stepNo: z.number().int(),
              label: z.string(),
              roles: z.array(z.string()),
              roleNames: z.array(text),
            }),
          ),
        }),
      },
    },
    config: { permission: READ },
    handler: async (req) =>
      approvals.chainPreview(db, principalOf(req).companyId, req.query.kind, req.query.amount ?? null),
  });

  r.post('/api/approvals', {
    schema: {
      operationId: 'createApprovalRequest',
      tags,
      summary: '提交审批 File a request',
      body: z.object({
        kind: z.string().trim().min(1).max(60),
        subjectType: z.string().trim().min(1).max(60),
        subjectId: z.string().trim().max(100).nullish(),
        amount,
        reason: z.string().trim().min(1).max(2000),
        payload: z.unknown().default({}),
      }),
      response: { 201: approvalSchema },
    },
    config: { permission: READ },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => approvals.fileRequest(tx, actorFrom(req), principalOf(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/approvals/inbox', {
    schema: {
      operationId: 'listApprovalInbox',
      tags,
      summary: '我的待办 Requests waiting for me',
      response: { 200: z.object({ items: z.array(approvalSchema) }) },
    },
    config: { permission: READ },
    handler: async (req) => ({ items: await approvals.inbox(db, principalOf(req)) }),
  });

  r.get('/api/approvals/mine', {
    schema: {
      operationId: 'listMyApprovalRequests',
      tags,
      summary: '我的申请 Requests I filed',
      querystring: z.object(listQuery),
      response: { 200: pageOf(approvalSchema) },
    },
    config: { permission: READ },
    handler: async (req) => {
      const p = principalOf(req);
      return approvals.listRequests(db, p.companyId, { ...req.query, requestedBy: p.userId });
    },
  });

  r.get('/api/approvals', {
    schema: {
      operationId: 'listApprovalRegister',
      tags,
      summary: '审批登记簿 The register of all requests',
      querystring: approvalRegisterQuery,
      response: { 200: pageOf(approvalSchema) },
    },
    config: { permission: 'approvals.register' },
    handler: async (req) => approvals.listRequests(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/approvals/report', {
    schema: {
      operationId: 'getApprovalReport',
      tags,
      summary: '审批月报 Monthly report per kind',
      querystring: reportQuery,
      response: {
        200: z.object({
          year: z.number().int(),
          items: z.array(
            z.object({
              month: z.string(),
              kind: z.string(),
              kindName: text,
              submitted: z.number().int(),
              approved: z.number().int(),
              rejected: z.number().int(),
              withdrawn: z.number().int(),
              pending: z.number().int(),
              approvedAmount: z.string(),
            }),
          ),
        }),
      },
    },
    config: { permission: 'approvals.register' },
    handler: async (req) => approvals.report(db, principalOf(req).companyId, req.query.year, req.query.kind),
  });

  r.get('/api/approvals/report.xlsx', {
    schema: {
      operationId: 'exportApprovalReport',
      tags,
      summary: '审批月报导出 The monthly report as XLSX',
      querystring: reportQuery,
    },
    config: { permission: 'approvals.register' },
    handler: async (req, reply) => {
      const report = await approvals.report(db, principalOf(req).companyId, req.query.year, req.query.kind);
      const file = await writeReportXlsx(report);
      const name = encodeURIComponent(`审批月报-${req.query.year}.xlsx`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="approvals-${req.query.year}.xlsx"; filename*=UTF-8''${name}`,
        )
        .send(file);
    },
  });

  r.get('/api/approvals/:id', {
    schema: {
      operationId: 'getApprovalRequest',
      tags,
      summary: '审批详情 A request with its timeline',
      params: idParams,
      response: { 200: detailSchema },
    },
    config: { permission: READ },
    handler: async (req) => approvals.getRequestDetail(db, principalOf(req), req.params.id),
  });

  r.post('/api/approvals/:id/approve', {
    schema: {
      operationId: 'approveApprovalRequest',
      tags,
      summary: '同意 Approve the current step',
      params: idParams,
      body: z.object({ comment: z.string().trim().max(2000).nullish() }),
      response: { 200: z.object({ request: approvalSchema, outcome: z.record(z.string(), z.unknown()).nullable() }) },
    },
    config: { permission: READ },
    handler: async (req) =>
      db.tx((tx) => approvals.approve(tx, actorFrom(req), req.params.id, req.body.comment ?? null)),
  });

  r.post('/api/approvals/:id/reject', {
    schema: {
      operationId: 'rejectApprovalRequest',
      tags,
      summary: '驳回 Reject (a comment is required)',
      params: idParams,
      body: z.object({ comment: z.string().trim().min(1).max(2000) }),
      response: { 200: approvalSchema },
    },
    config: { permission: READ },
    handler: async (req) => db.tx((tx) => approvals.reject(tx, actorFrom(req), req.params.id, req.body.comment)),
  });

  r.post('/api/approvals/:id/withdraw', {
    schema: {
      operationId: 'withdrawApprovalRequest',
      tags,
      summary: '撤回 Withdraw my pending request',
      params: idParams,
      body: z.object({ comment: z.string().trim().max(2000).nullish() }),
      response: { 200: approvalSchema },
    },
    config: { permission: READ },
    handler: async (req) =>
      db.tx((tx) => approvals.withdraw(tx, actorFrom(req), req.params.id, req.body.comment ?? null)),
  });

  r.get('/api/approvals/:id/attachments/:attachmentId', {
    schema: {
      operationId: 'downloadApprovalAttachment',
      tags,
      summary: '下载附件 Download an attachment',
      params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
    },
    config: { permission: READ },
    handler: async (req, reply) => {
      const file = await approvals.readAttachment(db, principalOf(req), req.params.id, req.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.data);
    },
  });

  // Uploads are raw bodies of their own type, parsed only in this scope.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: ATTACHMENT_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post('/api/approvals/:id/attachments', {
      schema: {
        operationId: 'uploadApprovalAttachment',
        tags,
        summary: '上传附件 Attach a PDF, JPEG or PNG (≤ 5 MB) to my pending request',
        params: idParams,
        querystring: z.object({ fileName: z.string().trim().min(1).max(200) }),
        response: {
          201: detailSchema.shape.attachments.element,
        },
      },
      config: { permission: READ },
      handler: async (req, reply) => {
        const data = req.body as Buffer;
        const contentType = String(req.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim();
        const created = await db.tx((tx) =>
          approvals.attach(tx, actorFrom(req), req.params.id, { fileName: req.query.fileName, contentType, data }),
        );
        return reply.code(201).send(created);
      },
    });
  });
}

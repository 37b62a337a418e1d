import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../http/deps.js';
import { actorFrom, principalOf } from '../http/guard.js';
import { pageOf, pagingQuery } from '../paging.js';
import { messageStatuses } from './messages-repo.js';
import * as messages from './messages-service.js';
import { providerFromConfig, setNotificationProvider } from './providers.js';
import { applyReceipt, assertSigned, SIGNATURE_HEADER } from './receipts.js';
import {
  idParams,
  kindSchema,
  messageDetailSchema,
  messageSchema,
  previewBody,
  previewSchema,
  receiptBody,
  sendBody,
  templateSchema,
  templateUpdateBody,
} from './schemas.js';
import * as templates from './templates-service.js';

const tags = ['notify'];
const READ = 'notify.read';
const SEND = 'notify.send';
const MANAGE = 'notify.manage';

/** The outbox's filters; the outbox's export (spreadsheets.ts) takes the same. */
export const messageListQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  customerRef: z.string().trim().max(64).optional(),
  recipient: z.string().trim().max(64).optional(),
  status: z.enum(messageStatuses).optional(),
  templateCode: z.string().trim().max(40).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export function notifyRoutes(app: FastifyInstance, { db, config }: AppDeps): void {
  // One provider for the life of the server, from the configuration.
  setNotificationProvider(providerFromConfig(config));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const company = (req: FastifyRequest) => principalOf(req).companyId;

  r.get('/api/notify/kinds', {
    schema: {
      operationId: 'listNotifyKinds',
      tags,
      summary: '消息类型及其变量 Message kinds and their variables',
      response: { 200: z.object({ items: z.array(kindSchema) }) },
    },
    config: { permission: READ },
    handler: async () => ({ items: templates.listKinds() }),
  });

  r.get('/api/notify/templates', {
    schema: {
      operationId: 'listNotifyTemplates',
      tags,
      summary: '消息模板 The company’s message templates',
      response: { 200: z.object({ items: z.array(templateSchema) }) },
    },
    config: { permission: READ },
    handler: async (req) => ({ items: await templates.listTemplates(db, company(req)) }),
  });

  r.put('/api/notify/templates/:id', {
    schema: {
      operationId: 'updateNotifyTemplate',
      tags,
      summary: '修改消息模板 Change a template (refused when it lacks a required variable)',
      params: idParams,
      body: templateUpdateBody,
      response: { 200: templateSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => templates.updateTemplate(tx, actorFrom(req), req.params.id, req.body)),
  });

  r.post('/api/notify/templates/:id/preview', {
    schema: {
      operationId: 'previewNotifyTemplate',
      tags,
      summary: '模板预览 Render a template (or the text being edited) with sample values',
      params: idParams,
      body: previewBody,
      response: { 200: previewSchema },
    },
    config: { permission: READ },
    handler: async (req) => templates.previewTemplate(db, company(req), req.params.id, req.body),
  });

  r.get('/api/notify/messages', {
    schema: {
      operationId: 'listNotifyMessages',
      tags,
      summary: '消息记录 The outbox, newest first, by customer, recipient, status and time',
      querystring: messageListQuery,
      response: { 200: pageOf(messageSchema) },
    },
    config: { permission: READ },
    handler: async (req) => messages.listMessages(db, company(req), req.query),
  });

  r.get('/api/notify/messages/:id', {
    schema: {
      operationId: 'getNotifyMessage',
      tags,
      summary: '消息详情及各次发送 A message with its delivery attempts',
      params: idParams,
      response: { 200: messageDetailSchema },
    },
    config: { permission: READ },
    handler: async (req) => messages.getMessage(db, company(req), req.params.id),
  });

  r.post('/api/notify/messages', {
    schema: {
      operationId: 'sendNotifyMessage',
      tags,
      summary: '发送消息 Queue one message with the company’s template',
      body: sendBody,
      response: { 201: messageSchema },
    },
    config: { permission: SEND },
    handler: async (req, reply) => {
      const sent = await db.tx((tx) => messages.sendMessage(tx, actorFrom(req), req.body));
      return reply.code(201).send(sent);
    },
  });

  r.post('/api/notify/messages/:id/retry', {
    schema: {
      operationId: 'retryNotifyMessage',
      tags,
      summary: '重发失败的消息 Send a failed message again',
      params: idParams,
      response: { 200: messageSchema },
    },
    config: { permission: SEND },
    handler: async (req) => db.tx((tx) => messages.retryMessage(tx, actorFrom(req), req.params.id)),
  });

  app.register(async (scope) => receiptRoute(scope, { db, config }));
}

/**
 * The HTTP gateway's delivery receipts. The signature covers the raw body, so this route
 * keeps it: its own scope with a JSON parser that remembers the text it parsed.
 */
function receiptRoute(scope: FastifyInstance, { db, config }: AppDeps): void {
  const raw = new WeakMap<FastifyRequest, string>();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    raw.set(req, body as string);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      // Not JSON: the signature is checked first all the same, then validation refuses it.
      done(null, body);
    }
  });
  scope.withTypeProvider<ZodTypeProvider>().post('/api/notify/callbacks/http', {
    schema: {
      operationId: 'receiveSmsReceipt',
      tags,
      summary: '短信网关送达回执 Delivery receipt of the HTTP SMS gateway (HMAC-SHA256 signed)',
      security: [],
      headers: z.object({ [SIGNATURE_HEADER]: z.string().optional() }),
      body: receiptBody,
      response: { 200: z.object({ id: z.uuid(), status: z.string(), changed: z.boolean() }) },
    },
    config: { permission: 'public' },
    // Before validation: an unsigned caller learns nothing about the body's shape.
    preValidation: async (req) => assertSigned(config.smsCallbackSecret, raw.get(req), req.headers[SIGNATURE_HEADER]),
    handler: async (req) => db.tx((tx) => applyReceipt(tx, 'http', req.body)),
  });
}

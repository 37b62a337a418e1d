import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import {
  affectingQuery,
  announceBody,
  cancelBody,
  listQuery,
  outageBody,
  outageDetailSchema,
  outageSchema,
  updateBody,
} from './schemas.js';
import * as outages from './service.js';
import './spreadsheets.js';

const tags = ['outages'];
const idParams = z.object({ id: z.uuid() });
const READ = ['outage.read', 'outage.manage'];

export function outagesRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/outages', {
    schema: {
      operationId: 'listOutages',
      tags,
      summary: '停气通知登记表 The register of outage notices (SVC-10)',
      querystring: listQuery,
      response: { 200: pageOf(outageSchema) },
    },
    config: { permission: READ },
    handler: async (req) => outages.listOutages(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/outages/affecting', {
    schema: {
      operationId: 'outagesAffectingAccount',
      tags,
      summary: '影响该用户的当前及即将停气 Current and upcoming outages covering an account (SVC-10)',
      querystring: affectingQuery,
      response: { 200: z.object({ items: z.array(outageSchema) }) },
    },
    config: { permission: [...READ, 'contact.record', 'workorder.create'] },
    handler: async (req) => outages.outagesAffecting(db, principalOf(req).companyId, req.query.accountId),
  });

  r.post('/api/outages', {
    schema: {
      operationId: 'createOutage',
      tags,
      summary: '登记计划或紧急停气 Register a planned or emergency outage (SVC-10)',
      body: outageBody,
      response: { 201: outageDetailSchema },
    },
    config: { permission: 'outage.manage' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => outages.createOutage(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/outages/:id', {
    schema: {
      operationId: 'getOutage',
      tags,
      summary: '停气通知详情及受影响户数 An outage notice and the accounts it covers',
      params: idParams,
      response: { 200: outageDetailSchema },
    },
    config: { permission: READ },
    handler: async (req) => outages.getOutage(db, principalOf(req).companyId, req.params.id),
  });

  r.put('/api/outages/:id', {
    schema: {
      operationId: 'updateOutage',
      tags,
      summary: '修改未发布的停气通知 Change an outage notice not yet announced',
      params: idParams,
      body: updateBody,
      response: { 200: outageDetailSchema },
    },
    config: { permission: 'outage.manage' },
    handler: async (req) => db.tx((tx) => outages.updateOutage(tx, actorFrom(req), req.params.id, req.body)),
  });

  r.post('/api/outages/:id/announce', {
    schema: {
      operationId: 'announceOutage',
      tags,
      summary: '发布停气通知并短信告知受影响用户 Announce an outage and text every covered account (SVC-10)',
      params: idParams,
      body: announceBody,
      response: { 200: outageDetailSchema },
    },
    config: { permission: 'outage.manage' },
    handler: async (req) => db.tx((tx) => outages.announceOutage(tx, actorFrom(req), req.params.id, req.body.version)),
  });

  r.post('/api/outages/:id/cancel', {
    schema: {
      operationId: 'cancelOutage',
      tags,
      summary: '取消停气通知 Cancel an outage notice',
      params: idParams,
      body: cancelBody,
      response: { 200: outageDetailSchema },
    },
    config: { permission: 'outage.manage' },
    handler: async (req) => db.tx((tx) => outages.cancelOutage(tx, actorFrom(req), req.params.id, req.body)),
  });
}

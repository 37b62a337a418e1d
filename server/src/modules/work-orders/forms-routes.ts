import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/types.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { readAttachment } from './attachments.js';
import { completeWorkOrder } from './completion.js';
import * as forms from './forms.js';
import {
  addHazardBody,
  attachmentParams,
  completeBody,
  fixHazardBody,
  formParams,
  hazardParams,
  noAccessBody,
  noAccessResultSchema,
  recordSchema,
  repeatedNoAccessSchema,
  saveFormBody,
} from './forms-schemas.js';
import { recordNoAccess, repeatedNoAccess } from './no-access.js';
import * as repo from './repo.js';
import { workOrderDetailSchema, workOrderSchema } from './schemas.js';
import { toDto } from './service.js';
import './gas-in-register.js';

const tags = ['work-orders'];
const idParams = z.object({ id: z.uuid() });
const READ = ['workorder.read', 'workorder.create', 'workorder.dispatch', 'workorder.work'];
const WORK = ['workorder.work', 'workorder.dispatch'];
/** Room for a signature and six downscaled photos as data URLs. */
const COMPLETE_BODY_LIMIT = 24 * 1024 * 1024;
const mayDispatch = (req: FastifyRequest) => ({ mayDispatch: principalOf(req).permissions.has('workorder.dispatch') });

/** Forms, hazards, completion, no-access and attachments of work orders; "my orders" for the technician. */
export function formsRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/work-orders/mine', {
    schema: {
      operationId: 'myWorkOrders',
      tags,
      summary: '我的工单：未完成的，按时限排序 My open orders, nearest deadline first',
      response: { 200: z.object({ items: z.array(workOrderSchema) }) },
    },
    config: { permission: 'workorder.work' },
    handler: async (req) => {
      const p = principalOf(req);
      const now = new Date();
      const rows = await repo.listOfTechnician(db, p.companyId, p.userId, 200);
      return { items: rows.map((o) => toDto(o, now, true)) };
    },
  });

  r.get('/api/work-orders/no-access', {
    schema: {
      operationId: 'repeatedNoAccess',
      tags,
      summary: '多次到访不遇的工单 Orders nobody was home for repeatedly (SVC-5)',
      response: { 200: repeatedNoAccessSchema },
    },
    config: { permission: ['workorder.dispatch', 'workorder.read'] },
    handler: async (req) => repeatedNoAccess(db, principalOf(req).companyId),
  });

  r.get('/api/work-orders/:id/record', {
    schema: {
      operationId: 'workOrderRecord',
      tags,
      summary: '工单现场记录：表单、隐患、收费、签字与照片、到访 The on-site record of an order',
      params: idParams,
      response: { 200: recordSchema },
    },
    config: { permission: READ },
    handler: async (req) => forms.getRecord(db, principalOf(req).companyId, req.params.id),
  });

  r.put('/api/work-orders/:id/forms/:form', {
    schema: {
      operationId: 'saveWorkOrderForm',
      tags,
      summary: '保存工单表单（置换登记、维修收费、换表、检测）Save a form of the order (SVC-7, SVC-8, SVC-9)',
      params: formParams,
      body: saveFormBody,
      response: { 200: recordSchema },
    },
    config: { permission: WORK },
    handler: async (req) =>
      db.tx((tx) =>
        forms.saveOrderForm(tx, actorFrom(req), req.params.id, req.params.form, req.body, mayDispatch(req)),
      ),
  });

  r.post('/api/work-orders/:id/hazards', {
    schema: {
      operationId: 'addWorkOrderHazard',
      tags,
      summary: '登记安全隐患（整改前不予通气）List a hazard found on site (SVC-8)',
      params: idParams,
      body: addHazardBody,
      response: { 200: recordSchema },
    },
    config: { permission: WORK },
    handler: async (req) =>
      db.tx((tx) => forms.addHazard(tx, actorFrom(req), req.params.id, req.body, mayDispatch(req))),
  });

  r.post('/api/work-orders/:id/hazards/:hazardId/fix', {
    schema: {
      operationId: 'fixWorkOrderHazard',
      tags,
      summary: '隐患整改合格 Mark a hazard fixed (SVC-8)',
      params: hazardParams,
      body: fixHazardBody,
      response: { 200: recordSchema },
    },
    config: { permission: WORK },
    handler: async (req) =>
      db.tx((tx) =>
        forms.fixHazard(tx, actorFrom(req), req.params.id, req.params.hazardId, req.body, mayDispatch(req)),
      ),
  });

  r.post('/api/work-orders/:id/complete', {
    bodyLimit: COMPLETE_BODY_LIMIT,
    schema: {
      operationId: 'completeWorkOrder',
      tags,
      summary: '完工：客户签字、照片，校验类型规则 Complete an order with the signature and photos',
      params: idParams,
      body: completeBody,
      response: { 200: workOrderDetailSchema },
    },
    config: { permission: WORK },
    handler: async (req) =>
      db.tx((tx) => completeWorkOrder(tx, actorFrom(req), req.params.id, req.body, mayDispatch(req))),
  });

  r.post('/api/work-orders/:id/no-access', {
    schema: {
      operationId: 'recordNoAccess',
      tags,
      summary: '到访不遇：登记、约定再次上门、打印告知卡 Nobody home: record, revisit, card (SVC-5)',
      params: idParams,
      body: noAccessBody,
      response: { 200: noAccessResultSchema(workOrderDetailSchema) },
    },
    config: { permission: WORK },
    handler: async (req) =>
      db.tx((tx) => recordNoAccess(tx, actorFrom(req), req.params.id, req.body, mayDispatch(req))),
  });

  r.get('/api/work-orders/:id/attachments/:attachmentId', {
    schema: {
      operationId: 'workOrderAttachment',
      tags,
      summary: '工单附件（签字、照片）An attachment of the order: signature or photo',
      params: attachmentParams,
    },
    config: { permission: READ },
    handler: async (req, reply) => {
      const file = await readAttachment(db, principalOf(req).companyId, req.params.id, req.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `inline; filename="${file.kind}"`)
        .send(file.data);
    },
  });
}

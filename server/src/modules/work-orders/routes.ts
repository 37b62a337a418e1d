import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import { formsRoutes } from './forms-routes.js';
import { myContactsRoutes } from './my-contacts.js';
import { promisesRoutes } from './promises-routes.js';
import { registerRoutes } from './register-routes.js';
import {
  assignBody,
  boardQuery,
  newWorkOrderBody,
  pauseBody,
  resumeBody,
  takeBody,
  transitionBody,
  typeSchema,
  workOrderDetailSchema,
  workOrderSchema,
} from './schemas.js';
import * as orders from './service.js';

const tags = ['work-orders'];
const idParams = z.object({ id: z.uuid() });
const READ = ['workorder.read', 'workorder.create', 'workorder.dispatch', 'workorder.work'];
const mayDispatch = (req: FastifyRequest) => ({ mayDispatch: principalOf(req).permissions.has('workorder.dispatch') });

export function workOrdersRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  promisesRoutes(app, db);
  formsRoutes(app, db);
  myContactsRoutes(app, db);
  registerRoutes(app, db);

  r.get('/api/work-order-types', {
    schema: {
      operationId: 'listWorkOrderTypes',
      tags,
      summary: '工单类型及其服务承诺 Work-order types and their promises (SVC-2, SVC-6)',
      response: { 200: z.object({ items: z.array(typeSchema) }) },
    },
    config: { permission: READ },
    handler: async (req) => ({ items: await orders.listTypes(db, principalOf(req).companyId) }),
  });

  r.post('/api/work-orders', {
    schema: {
      operationId: 'createWorkOrder',
      tags,
      summary: '受理工单 Take a request as a work order (SVC-1, SVC-3, SVC-6)',
      body: newWorkOrderBody,
      response: { 201: workOrderDetailSchema },
    },
    config: { permission: 'workorder.create' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => orders.createWorkOrder(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/work-orders/board', {
    schema: {
      operationId: 'dispatchBoard',
      tags,
      summary: '派单看板：中心的未结工单，按时限排序 The dispatch board of a centre',
      querystring: boardQuery,
      response: { 200: pageOf(workOrderSchema) },
    },
    config: { permission: ['workorder.dispatch', 'workorder.read'] },
    handler: async (req) => orders.dispatchBoard(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/work-orders/:id', {
    schema: {
      operationId: 'getWorkOrder',
      tags,
      summary: '工单详情、过程记录与剩余时间 A work order, its events and the time left',
      params: idParams,
      response: { 200: workOrderDetailSchema },
    },
    config: { permission: READ },
    handler: async (req) => orders.getWorkOrder(db, principalOf(req).companyId, req.params.id),
  });

  r.post('/api/work-orders/:id/assign', {
    schema: {
      operationId: 'assignWorkOrder',
      tags,
      summary: '派单或改派 Assign or reassign a work order',
      params: idParams,
      body: assignBody,
      response: { 200: workOrderDetailSchema },
    },
    config: { permission: 'workorder.dispatch' },
    handler: async (req) => db.tx((tx) => orders.assignWorkOrder(tx, actorFrom(req), req.params.id, req.body)),
  });

  r.post('/api/work-orders/:id/take', {
    schema: {
      operationId: 'takeWorkOrder',
      tags,
      summary: '接单 Take an unassigned work order',
      params: idParams,
      body: takeBody,
      response: { 200: workOrderDetailSchema },
    },
    config: { permission: 'workorder.work' },
    handler: async (req) => db.tx((tx) => orders.takeWorkOrder(tx, actorFrom(req), req.params.id, req.body.version)),
  });

  r.post('/api/work-orders/:id/pause', {
    schema: {
      operationId: 'pauseWorkOrder',
      tags,
      summary: '暂停计时（等待客户）Pause the promise clock, with a reason (SVC-6)',
      params: idParams,
      body: pauseBody,
      response: { 200: workOrderDetailSchema },
    },
    config: { permission: ['workorder.work', 'workorder.dispatch'] },
    handler: async (req) =>
      db.tx((tx) => orders.pauseWorkOrder(tx, actorFrom(req), req.params.id, req.body, mayDispatch(req))),
  });

  r.post('/api/work-orders/:id/resume', {
    schema: {
      operationId: 'resumeWorkOrder',
      tags,
      summary: '恢复计时 Resume the promise clock (SVC-6)',
      params: idParams,
      body: resumeBody,
      response: { 200: workOrderDetailSchema },
    },
    config: { permission: ['workorder.work', 'workorder.dispatch'] },
    handler: async (req) =>
      db.tx((tx) => orders.resumeWorkOrder(tx, actorFrom(req), req.params.id, req.body, mayDispatch(req))),
  });

  r.post('/api/work-orders/:id/status', {
    schema: {
      operationId: 'transitionWorkOrder',
      tags,
      summary: '更新工单状态：预约、到场、完成、未完成、归档、撤销 Move a work order along its life (SVC-4)',
      params: idParams,
      body: transitionBody,
      response: { 200: workOrderDetailSchema },
    },
    config: { permission: ['workorder.work', 'workorder.dispatch'] },
    handler: async (req) =>
      db.tx((tx) => orders.transitionWorkOrder(tx, actorFrom(req), req.params.id, req.body, mayDispatch(req))),
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import * as callbacks from './callbacks.js';
import {
  assignBody,
  callbackDetailSchema,
  callbackSchema,
  closeBody,
  complaintDetailSchema,
  complaintSchema,
  decideBody,
  escalateBody,
  extendBody,
  handlerSchema,
  listCallbacksQuery,
  listComplaintsQuery,
  newComplaintBody,
  recordCallBody,
  recuseBody,
} from './schemas.js';
import * as complaints from './service.js';
import './spreadsheets.js';

const tags = ['complaints'];
const idParams = z.object({ id: z.uuid() });
const READ = ['complaint.read', 'complaint.create', 'complaint.handle'];
const CALLBACK_READ = ['callback.work', 'complaint.read'];

/** CMP-2: who may see a confidential complainant. */
export function viewerOf(req: FastifyRequest): complaints.Viewer {
  const p = principalOf(req);
  return { userId: p.userId, seeConfidential: p.permissions.has('complaint.confidential') };
}

export function complaintsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const company = (req: FastifyRequest) => principalOf(req).companyId;

  r.post('/api/complaints', {
    schema: {
      operationId: 'createComplaint',
      tags,
      summary: '受理投诉 Take a complaint (CMP-1, CMP-2, SVC-3, SVC-6)',
      body: newComplaintBody,
      response: { 201: complaintDetailSchema },
    },
    config: { permission: 'complaint.create' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => complaints.createComplaint(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/complaints', {
    schema: {
      operationId: 'listComplaints',
      tags,
      summary: '投诉登记簿 The complaints register',
      querystring: listComplaintsQuery,
      response: { 200: pageOf(complaintSchema) },
    },
    config: { permission: READ },
    handler: async (req) => complaints.listComplaints(db, company(req), viewerOf(req), req.query),
  });

  r.get('/api/complaints/staff', {
    schema: {
      operationId: 'searchComplaintStaff',
      tags,
      summary: '查找员工（被投诉人、处理人）Find staff: the person complained about, a handler',
      querystring: z.object({ q: z.string().trim().max(50).optional() }),
      response: { 200: z.object({ items: z.array(handlerSchema) }) },
    },
    config: { permission: ['complaint.create', 'complaint.handle'] },
    handler: async (req) => ({ items: await complaints.searchStaff(db, company(req), req.query.q) }),
  });

  r.get('/api/complaints/:id', {
    schema: {
      operationId: 'getComplaint',
      tags,
      summary: '投诉详情、剩余时间与处理过程 A complaint, its time left and its trail',
      params: idParams,
      response: { 200: complaintDetailSchema },
    },
    config: { permission: READ },
    handler: async (req) => complaints.getComplaint(db, company(req), viewerOf(req), req.params.id),
  });

  r.get('/api/complaints/:id/handlers', {
    schema: {
      operationId: 'listComplaintHandlers',
      tags,
      summary: '可处理本投诉的人员（本层级或上一层级）Who may handle the complaint at its level, or the next',
      params: idParams,
      querystring: z.object({ level: z.string().trim().max(32).optional() }),
      response: { 200: z.object({ items: z.array(handlerSchema) }) },
    },
    config: { permission: ['complaint.handle', 'complaint.create'] },
    handler: async (req) => ({
      items: await complaints.eligibleHandlers(db, company(req), req.params.id, req.query.level),
    }),
  });

  const write = <B>(
    name: string,
    summary: string,
    body: z.ZodType<B>,
    fn: (
      tx: Parameters<Parameters<typeof db.tx>[0]>[0],
      req: FastifyRequest,
      id: string,
      b: B,
    ) => Promise<z.infer<typeof complaintDetailSchema>>,
  ) =>
    r.post(`/api/complaints/:id/${name}`, {
      schema: {
        operationId: `${name}Complaint`,
        tags,
        summary,
        params: idParams,
        body,
        response: { 200: complaintDetailSchema },
      },
      config: { permission: 'complaint.handle' },
      handler: async (req) => db.tx((tx) => fn(tx, req, req.params.id, req.body as B)),
    });

  write('assign', '指派或接手投诉 Give the complaint to a handler of its level', assignBody, (tx, req, id, b) =>
    complaints.assignComplaint(tx, actorFrom(req), viewerOf(req), id, b),
  );
  write('escalate', '超出权限，上报上一层级 Escalate beyond authority (CMP-1)', escalateBody, (tx, req, id, b) =>
    complaints.escalateComplaint(tx, actorFrom(req), viewerOf(req), id, b),
  );
  write(
    'extend',
    '经投诉人同意延期答复 Extend with a reason and the agreed date (CMP-2)',
    extendBody,
    (tx, req, id, b) => complaints.extendComplaint(tx, actorFrom(req), viewerOf(req), id, b),
  );
  write('recuse', '利益冲突回避 Step aside for a conflict of interest (CMP-2)', recuseBody, (tx, req, id, b) =>
    complaints.recuseFromComplaint(tx, actorFrom(req), viewerOf(req), id, b),
  );
  write('decide', '处理意见及答复投诉人 The decision, communicated (SVC-6)', decideBody, (tx, req, id, b) =>
    complaints.decideComplaint(tx, actorFrom(req), viewerOf(req), id, b),
  );
  write('close', '办结投诉（安排回访）Close the complaint (queues a callback)', closeBody, (tx, req, id, b) =>
    complaints.closeComplaint(tx, actorFrom(req), viewerOf(req), id, b),
  );

  r.get('/api/callbacks', {
    schema: {
      operationId: 'listCallbacks',
      tags,
      summary: '回访队列 The callback queue, due first (CMP-3)',
      querystring: listCallbacksQuery,
      response: { 200: pageOf(callbackSchema) },
    },
    config: { permission: CALLBACK_READ },
    handler: async (req) => callbacks.listCallbacks(db, company(req), viewerOf(req), req.query),
  });

  r.get('/api/callbacks/:id', {
    schema: {
      operationId: 'getCallback',
      tags,
      summary: '回访任务及每次拨打记录 A callback and every call made (CMP-3)',
      params: idParams,
      response: { 200: callbackDetailSchema },
    },
    config: { permission: CALLBACK_READ },
    handler: async (req) => callbacks.getCallback(db, company(req), viewerOf(req), req.params.id),
  });

  r.post('/api/callbacks/:id/calls', {
    schema: {
      operationId: 'recordCallbackCall',
      tags,
      summary: '记录回访：是否接通、满意度、意见 Record a callback call (CMP-3)',
      params: idParams,
      body: recordCallBody,
      response: { 200: callbackDetailSchema },
    },
    config: { permission: 'callback.work' },
    handler: async (req) =>
      db.tx((tx) => callbacks.recordCall(tx, actorFrom(req), viewerOf(req), req.params.id, req.body)),
  });
}

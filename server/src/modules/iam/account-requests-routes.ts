import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf, pagingQuery } from '../../platform/paging.js';
import * as requests from './account-requests-service.js';
import { accountRequestSchema, fullName, idParams, username, userSchema } from './schemas.js';

const tags = ['account requests'];
const ANY = ['iam.accountRequest.create', 'iam.accountRequest.approve', 'iam.accountRequest.provision'];

export function accountRequestsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/account-requests', {
    schema: {
      operationId: 'listAccountRequests',
      tags,
      summary: '账号申请 Account requests (IAM-1)',
      querystring: z.object({
        ...pagingQuery,
        status: z.enum(['submitted', 'department_approved', 'provisioned', 'rejected']).optional(),
      }),
      response: { 200: pageOf(accountRequestSchema) },
    },
    config: { permission: ANY },
    handler: async (req) => requests.listRequests(db, principalOf(req), req.query),
  });

  r.get('/api/account-requests/:id', {
    schema: {
      operationId: 'getAccountRequest',
      tags,
      summary: '账号申请详情 An account request',
      params: idParams,
      response: { 200: accountRequestSchema },
    },
    config: { permission: ANY },
    handler: async (req) => requests.getRequest(db, principalOf(req), req.params.id),
  });

  r.post('/api/account-requests', {
    schema: {
      operationId: 'createAccountRequest',
      tags,
      summary: '提交账号申请 Request an account',
      body: z.object({
        fullName,
        username,
        employeeNo: z.string().trim().max(32).nullish(),
        orgUnitId: z.uuid().nullish(),
        roleIds: z.array(z.uuid()).min(1).max(50),
        reason: z.string().trim().min(1).max(1000),
      }),
      response: { 201: accountRequestSchema },
    },
    config: { permission: 'iam.accountRequest.create' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => requests.createRequest(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.post('/api/account-requests/:id/approve', {
    schema: {
      operationId: 'approveAccountRequest',
      tags,
      summary: '部门审批通过 Department approval',
      params: idParams,
      body: z.object({ comment: z.string().trim().max(1000).nullish() }).default({}),
      response: { 200: accountRequestSchema },
    },
    config: { permission: 'iam.accountRequest.approve' },
    handler: async (req) =>
      db.tx((tx) => requests.approveRequest(tx, actorFrom(req), req.params.id, req.body.comment ?? null)),
  });

  r.post('/api/account-requests/:id/reject', {
    schema: {
      operationId: 'rejectAccountRequest',
      tags,
      summary: '驳回 Reject (department or administrator, at their stage)',
      params: idParams,
      body: z.object({ comment: z.string().trim().min(1).max(1000) }),
      response: { 200: accountRequestSchema },
    },
    config: { permission: ['iam.accountRequest.approve', 'iam.accountRequest.provision'] },
    handler: async (req) =>
      db.tx((tx) => requests.rejectRequest(tx, actorFrom(req), principalOf(req), req.params.id, req.body.comment)),
  });

  r.post('/api/account-requests/:id/provision', {
    schema: {
      operationId: 'provisionAccountRequest',
      tags,
      summary: '审核并开通 Review against the conflict table and provision',
      params: idParams,
      response: { 200: z.object({ request: accountRequestSchema, user: userSchema, initialPassword: z.string() }) },
    },
    config: { permission: 'iam.accountRequest.provision' },
    handler: async (req) => db.tx((tx) => requests.provisionRequest(tx, actorFrom(req), req.params.id)),
  });
}

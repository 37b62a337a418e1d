import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { approvalSchema } from '../approvals/routes.js';
import { businessToday } from '../calendar/workdays.js';
import type { AppDeps } from '../http/deps.js';
import { actorFrom, principalOf } from '../http/guard.js';
import * as policy from './service.js';

const tags = ['policy'];
const text = z.object({ zh: z.string(), en: z.string() });

/** The date the policy is read for (today by default); the policy's export (spreadsheets.ts) takes the same. */
export const policyQuery = z.object({ asOf: z.iso.date().optional() });

export function policyRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/policy', {
    schema: {
      operationId: 'getPolicy',
      tags,
      summary: '策略参数 The company policy in force on a date',
      querystring: policyQuery,
      response: {
        200: z.object({
          asOf: z.string(),
          items: z.array(
            z.object({
              key: z.string(),
              rule: z.string(),
              name: text,
              unit: z.string(),
              value: z.unknown(),
              effectiveFrom: z.string().nullable(),
              version: z.number().int(),
              pendingRequests: z.array(
                z.object({ id: z.uuid(), no: z.string(), effectiveFrom: z.string(), value: z.unknown() }),
              ),
            }),
          ),
        }),
      },
    },
    config: { permission: 'policy.read' },
    handler: async (req) => policy.currentPolicy(db, principalOf(req).companyId, req.query.asOf ?? businessToday()),
  });

  r.get('/api/policy/:key/history', {
    schema: {
      operationId: 'getPolicyHistory',
      tags,
      summary: '参数历史 Every version of a setting',
      params: z.object({ key: z.string().max(100) }),
      response: {
        200: z.object({
          key: z.string(),
          items: z.array(
            z.object({
              effectiveFrom: z.string(),
              version: z.number().int(),
              value: z.unknown(),
              createdAt: z.string(),
              createdBy: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
              requestId: z.uuid().nullable(),
              requestNo: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    config: { permission: 'policy.read' },
    handler: async (req) => policy.history(db, principalOf(req).companyId, req.params.key),
  });

  r.post('/api/policy/changes', {
    schema: {
      operationId: 'proposePolicyChange',
      tags,
      summary: '申请修改参数 Propose a change; it takes effect when approved',
      body: z.object({
        key: z.string().trim().min(1).max(100),
        value: z.unknown(),
        effectiveFrom: z.iso.date(),
        reason: z.string().trim().min(1).max(2000),
      }),
      response: { 201: approvalSchema },
    },
    config: { permission: 'policy.propose' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => policy.proposeChange(tx, actorFrom(req), principalOf(req), req.body));
      return reply.code(201).send(created);
    },
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import {
  dueQuery,
  historyQuery,
  icCheckSchema,
  icDueSchema,
  newIcCheckBody,
  newSafetyCheckBody,
  safetyCheckSchema,
  safetyDueSchema,
} from './schemas.js';
import * as checks from './service.js';

const tags = ['meter-checks'];
const readers = ['meterCheck.read', 'meterCheck.record'];

export function meterChecksRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/meter-checks/ic-meters/due', {
    schema: {
      operationId: 'listIcMeterChecksDue',
      tags,
      summary: '工商户 IC 卡表待核查 C&I IC-card meters due for an on-site check (MTR-6)',
      querystring: dueQuery,
      response: { 200: pageOf(icDueSchema).extend({ checkEveryDays: z.number().int() }) },
    },
    config: { permission: readers },
    handler: async (req) => checks.icMetersDue(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/meter-checks/ic-meters', {
    schema: {
      operationId: 'listIcMeterChecks',
      tags,
      summary: 'IC 卡表核查记录 IC-card meter checks (MTR-6)',
      querystring: historyQuery,
      response: { 200: pageOf(icCheckSchema) },
    },
    config: { permission: readers },
    handler: async (req) => checks.icChecks(db, principalOf(req).companyId, req.query),
  });

  r.post('/api/meter-checks/ic-meters', {
    schema: {
      operationId: 'recordIcMeterCheck',
      tags,
      summary: '登记 IC 卡表现场核查 Record an on-site IC-card meter check (MTR-6)',
      body: newIcCheckBody,
      response: { 201: icCheckSchema },
    },
    config: { permission: 'meterCheck.record' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => checks.recordIcCheck(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/meter-checks/suspended/due', {
    schema: {
      operationId: 'listSuspendedSafetyChecksDue',
      tags,
      summary: '停用工商户待安检 Suspended C&I accounts due for a safety check (MTR-7)',
      querystring: dueQuery,
      response: { 200: pageOf(safetyDueSchema).extend({ checkEveryMonths: z.number().int() }) },
    },
    config: { permission: readers },
    handler: async (req) => checks.suspendedDue(db, principalOf(req).companyId, req.query),
  });

  r.get('/api/meter-checks/suspended', {
    schema: {
      operationId: 'listSuspendedSafetyChecks',
      tags,
      summary: '停用户安检记录 Safety checks of suspended C&I accounts (MTR-7)',
      querystring: historyQuery,
      response: { 200: pageOf(safetyCheckSchema) },
    },
    config: { permission: readers },
    handler: async (req) => checks.safetyChecks(db, principalOf(req).companyId, req.query),
  });

  r.post('/api/meter-checks/suspended', {
    schema: {
      operationId: 'recordSuspendedSafetyCheck',
      tags,
      summary: '登记停用户安全检查 Record the safety check of a suspended C&I account (MTR-7)',
      body: newSafetyCheckBody,
      response: { 201: safetyCheckSchema },
    },
    config: { permission: 'meterCheck.record' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => checks.recordSafetyCheck(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });
}

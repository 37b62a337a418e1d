import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import { depositSchema, listDepositsQuery, newDepositBody, releaseBody } from './schemas.js';
import * as deposits from './service.js';
import './receipt.js';
import './spreadsheets.js';

const tags = ['deposits'];
const READ = 'deposit.read';
const MANAGE = 'deposit.manage';
const idParams = z.object({ id: z.uuid() });

export function depositsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/deposits', {
    schema: {
      operationId: 'listDeposits',
      tags,
      summary:
        '押金台账 Deposits by kind, status, account and date, with the total held (PAY-8); XLSX: /api/exports/deposits',
      querystring: listDepositsQuery,
      response: { 200: pageOf(depositSchema).extend({ held: z.string() }) },
    },
    config: { permission: READ },
    handler: async (req) => deposits.listDeposits(db, principalOf(req).companyId, req.query),
  });

  r.post('/api/deposits', {
    schema: {
      operationId: 'receiveDeposit',
      tags,
      summary:
        '收取押金 Receive a deposit; print its receipt with /api/print/notices/depositReceipt/html?subjectId= (PAY-8)',
      body: newDepositBody,
      response: { 201: depositSchema },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => deposits.receiveDeposit(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/deposits/:id', {
    schema: {
      operationId: 'getDeposit',
      tags,
      summary: '押金详情及变动 A deposit and its movements (PAY-8)',
      params: idParams,
      response: { 200: depositSchema },
    },
    config: { permission: READ },
    handler: async (req) => deposits.getDeposit(db, principalOf(req).companyId, req.params.id),
  });

  r.post('/api/deposits/:id/release', {
    schema: {
      operationId: 'releaseDeposit',
      tags,
      summary: '退还 / 转预存 / 扣除押金 Refund, apply to the account or forfeit a held deposit, once (PAY-8)',
      params: idParams,
      body: releaseBody,
      response: { 200: depositSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => deposits.releaseDeposit(tx, actorFrom(req), req.params.id, req.body)),
  });
}

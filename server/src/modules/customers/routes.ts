import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { principalOf } from '../../platform/http/guard.js';
import { accountProfile, accountSearchHit, idParams, searchAccountsQuery } from './schemas.js';
import * as customers from './service.js';

const tags = ['customers'];
const READ = 'customer.read';

export function customersRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const company = (req: Parameters<typeof principalOf>[0]) => principalOf(req).companyId;

  r.get('/api/accounts/search', {
    schema: {
      operationId: 'searchAccounts',
      tags,
      summary: '用户查询（编号、姓名、电话、证件尾号、表钢号、地址） Find accounts (CUS-3)',
      querystring: searchAccountsQuery,
      response: { 200: z.object({ items: z.array(accountSearchHit) }) },
    },
    config: { permission: READ },
    handler: async (req) => ({
      items: await customers.searchAccounts(db, company(req), req.query.q, req.query.limit),
    }),
  });

  r.get('/api/accounts/:id', {
    schema: {
      operationId: 'getAccount',
      tags,
      summary: '用户基本档案 An account’s basic profile',
      params: idParams,
      response: { 200: accountProfile },
    },
    config: { permission: READ },
    handler: async (req) => customers.getAccountProfile(db, company(req), req.params.id),
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf, pagingQuery } from '../../platform/paging.js';
import { editDirect, listHistory, requestChange } from './changes.js';
import { accountOverview, revealPersonalData } from './overview.js';
import {
  accountListItem,
  accountOverview as accountOverviewSchema,
  accountProfile,
  accountSearchHit,
  changeRequestBody,
  directEditBody,
  filterOptions,
  historyItem,
  idParams,
  listAccountsQuery,
  revealed,
  searchAccountsQuery,
} from './schemas.js';
import * as customers from './service.js';
import './change-kind.js';
import './spreadsheets.js';

const tags = ['customers'];
const READ = 'customer.read';
const MANAGE = 'customer.manage';

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
    handler: async (req) => {
      const items = await customers.searchAccounts(db, company(req), req.query.q, req.query.limit);
      await customers.recordSearch(db, actorFrom(req), req.query.q, items.length);
      return { items };
    },
  });

  r.get('/api/accounts', {
    schema: {
      operationId: 'listAccounts',
      tags,
      summary: '用户档案列表 The customer register, paged, filtered and sorted',
      querystring: listAccountsQuery,
      response: { 200: pageOf(accountListItem) },
    },
    config: { permission: READ },
    handler: async (req) => customers.listAccounts(db, company(req), req.query),
  });

  r.get('/api/accounts/filter-options', {
    schema: {
      operationId: 'listAccountFilterOptions',
      tags,
      summary: '用户档案列表的筛选项（区县、用气性质） Districts and usage natures to filter by',
      response: { 200: filterOptions },
    },
    config: { permission: READ },
    handler: async (req) => customers.listFilterOptions(db, company(req)),
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

  r.get('/api/accounts/:id/overview', {
    schema: {
      operationId: 'getAccountOverview',
      tags,
      summary: '用户360视图 The 360° view of an account (CUS-3); the view is audited (IAM-5)',
      params: idParams,
      response: { 200: accountOverviewSchema },
    },
    config: { permission: READ },
    handler: async (req) => accountOverview(db, actorFrom(req), principalOf(req), req.params.id),
  });

  r.post('/api/accounts/:id/reveal', {
    schema: {
      operationId: 'revealAccountPersonalData',
      tags,
      summary: '查看完整证件号码和电话（留痕） Reveal the whole ID number and phones (audited, IAM-5)',
      params: idParams,
      response: { 200: revealed },
    },
    config: { permission: 'customer.reveal' },
    handler: async (req) => revealPersonalData(db, actorFrom(req), req.params.id),
  });

  r.patch('/api/accounts/:id', {
    schema: {
      operationId: 'editAccount',
      tags,
      summary: '直接修改非保护资料（特殊关怀、备注、短信号码、缴费方式、开票信息） Edit unprotected data (IAM-4)',
      description:
        'Each section carries the `version` of its record as the clerk saw it. A stale version is answered 409 VERSION_CONFLICT with `details.current` (the record now) and nothing is written. Protected fields need a change request.',
      params: idParams,
      body: directEditBody,
      response: { 200: accountOverviewSchema.pick({ changes: true }) },
    },
    config: { permission: MANAGE },
    handler: async (req) => {
      const actor = actorFrom(req);
      await db.tx((tx) => editDirect(tx, actor, req.params.id, req.body));
      return { changes: await listHistory(db, actor.companyId, req.params.id, { page: 1, pageSize: 20 }) };
    },
  });

  r.post('/api/accounts/:id/change-requests', {
    schema: {
      operationId: 'requestCustomerDataChange',
      tags,
      summary: '提交受保护资料变更申请（姓名、证件、电话、地址、表具、银行） File a protected-data change (IAM-4)',
      params: idParams,
      body: changeRequestBody,
      response: {
        201: z.object({
          id: z.uuid(),
          no: z.string(),
          status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
        }),
      },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => requestChange(tx, actorFrom(req), principalOf(req), req.params.id, req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/accounts/:id/changes', {
    schema: {
      operationId: 'listAccountChanges',
      tags,
      summary: '资料变更历史（谁、何时、改前、改后、原因） Change history (IAM-4)',
      params: idParams,
      querystring: z.object({ page: pagingQuery.page, pageSize: pagingQuery.pageSize }),
      response: { 200: pageOf(historyItem) },
    },
    config: { permission: READ },
    handler: async (req) => listHistory(db, company(req), req.params.id, req.query),
  });
}

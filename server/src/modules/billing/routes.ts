import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import * as repo from './repo.js';
import {
  billSchema,
  endTariffBody,
  listBillsQuery,
  listRunsQuery,
  listTariffsQuery,
  newRunBody,
  newTariffBody,
  runPreviewQuery,
  runPreviewSchema,
  runSchema,
  tariffChangeFiled,
  tariffSchema,
} from './schemas.js';
import * as billing from './service.js';
import './tasks.js';
import './spreadsheets.js';
import './approval-kinds.js';

const tags = ['billing'];
const idParams = z.object({ id: z.uuid() });
const readers = ['billing.read', 'billing.tariff.manage', 'billing.run'];

export function billingRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/billing/tariffs', {
    schema: {
      operationId: 'listTariffs',
      tags,
      summary: '气价（含阶梯气价）Tariffs by usage nature (BIL-1)',
      querystring: listTariffsQuery,
      response: { 200: pageOf(tariffSchema) },
    },
    config: { permission: readers },
    handler: async (req) => {
      const { items, total } = await repo.listTariffs(db, principalOf(req).companyId, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.post('/api/billing/tariffs', {
    schema: {
      operationId: 'createTariff',
      tags,
      summary: '新增气价（提交审批）Add a tariff or a new price version, pending approval (BIL-1)',
      body: newTariffBody,
      response: { 201: tariffSchema },
    },
    config: { permission: 'billing.tariff.manage' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => billing.requestTariff(tx, actorFrom(req), principalOf(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.post('/api/billing/tariffs/:id/end', {
    schema: {
      operationId: 'endTariff',
      tags,
      summary: '气价提前失效（提交审批）End a tariff earlier, through approval (BIL-1)',
      params: idParams,
      body: endTariffBody,
      response: { 202: tariffChangeFiled },
    },
    config: { permission: 'billing.tariff.manage' },
    handler: async (req, reply) => {
      const filed = await db.tx((tx) =>
        billing.requestTariffEnd(tx, actorFrom(req), principalOf(req), req.params.id, req.body),
      );
      return reply.code(202).send(filed);
    },
  });

  r.get('/api/billing/tariffs/:id', {
    schema: {
      operationId: 'getTariff',
      tags,
      summary: '气价详情 A tariff and its tiers (BIL-1)',
      params: idParams,
      response: { 200: tariffSchema },
    },
    config: { permission: readers },
    handler: async (req) => billing.getTariff(db, principalOf(req).companyId, req.params.id),
  });

  r.put('/api/billing/households/:id', {
    schema: {
      operationId: 'setBillingHousehold',
      tags,
      summary: '登记用户的户籍人口（阶梯气量）Household size of an account for the tiers (BIL-1)',
      params: idParams,
      body: z.object({ persons: z.number().int().min(1).max(99) }),
      response: { 200: z.object({ accountId: z.uuid(), persons: z.number().int() }) },
    },
    config: { permission: 'billing.tariff.manage' },
    handler: async (req) => db.tx((tx) => billing.setHousehold(tx, actorFrom(req), req.params.id, req.body.persons)),
  });

  r.post('/api/billing/runs', {
    schema: {
      operationId: 'startBillingRun',
      tags,
      summary: '发起计费批次 Start the billing run of a period (BIL-2)',
      body: newRunBody,
      response: { 202: runSchema },
    },
    config: { permission: 'billing.run' },
    handler: async (req, reply) => {
      const run = await db.tx((tx) => billing.startRun(tx, actorFrom(req), req.body));
      return reply.code(202).send(run);
    },
  });

  r.get('/api/billing/runs', {
    schema: {
      operationId: 'listBillingRuns',
      tags,
      summary: '计费批次 Billing runs (BIL-2)',
      querystring: listRunsQuery,
      response: { 200: pageOf(runSchema) },
    },
    config: { permission: readers },
    handler: async (req) => {
      const { items, total } = await repo.listRuns(db, principalOf(req).companyId, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.get('/api/billing/runs/preview', {
    schema: {
      operationId: 'previewBillingRun',
      tags,
      summary:
        '计费预览：将计费、估抄、跳过的户数 What a run of the period would bill, estimate and skip (BIL-2, BIL-6)',
      querystring: runPreviewQuery,
      response: { 200: runPreviewSchema },
    },
    config: { permission: ['billing.run', 'billing.read'] },
    handler: async (req) => billing.previewRun(db, principalOf(req).companyId, req.query.period),
  });

  r.get('/api/billing/runs/:id', {
    schema: {
      operationId: 'getBillingRun',
      tags,
      summary: '计费批次进度 A billing run and its progress (BIL-2)',
      params: idParams,
      response: { 200: runSchema },
    },
    config: { permission: readers },
    handler: async (req) => billing.getRun(db, principalOf(req).companyId, req.params.id),
  });

  r.get('/api/billing/bills', {
    schema: {
      operationId: 'listBills',
      tags,
      summary: '账单 Bills by account, period or run (BIL-2)',
      querystring: listBillsQuery,
      response: { 200: pageOf(billSchema) },
    },
    config: { permission: readers },
    handler: async (req) => {
      const { items, total } = await repo.listBills(db, principalOf(req).companyId, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.get('/api/billing/bills/:id', {
    schema: {
      operationId: 'getBill',
      tags,
      summary: '账单及明细 A bill and its lines (BIL-2)',
      params: idParams,
      response: { 200: billSchema },
    },
    config: { permission: readers },
    handler: async (req) => billing.getBill(db, principalOf(req).companyId, req.params.id),
  });
}

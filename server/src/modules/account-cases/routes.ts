import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { langOf } from '../../platform/http/lang.js';
import { pageOf } from '../../platform/paging.js';
import {
  accountPreview,
  cancelBody,
  caseDetailDto,
  caseDto,
  createCaseBody,
  idParams,
  listCasesQuery,
  meterRemovalBody,
  natureOption,
  updateCaseBody,
  versionBody,
} from './schemas.js';
import * as cases from './service.js';

const tags = ['account-cases'];
const CASE = 'customer.case';
const READ = ['customer.case', 'customer.read'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function accountCasesRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const company = (req: FastifyRequest) => principalOf(req).companyId;
  /** Another company's case answers 404 before its body is validated: nothing about it leaks. */
  const caseOfCompany = async (req: FastifyRequest) => {
    const { id } = req.params as { id?: string };
    if (id && UUID.test(id)) await cases.assertCaseExists(db, company(req), id);
  };

  r.post('/api/account-cases', {
    schema: {
      operationId: 'createAccountCase',
      tags,
      summary: '受理过户、报停、启封、销户或用气性质变更 Open an account-change case (CUS-9/10/11)',
      body: createCaseBody,
      response: { 200: caseDto },
    },
    config: { permission: CASE },
    handler: async (req) => db.tx((tx) => cases.createCase(tx, actorFrom(req), req.body)),
  });

  r.get('/api/account-cases', {
    schema: {
      operationId: 'listAccountCases',
      tags,
      summary: '用户变更业务登记簿 The register of account-change cases',
      querystring: listCasesQuery,
      response: { 200: pageOf(caseDto) },
    },
    config: { permission: READ },
    handler: async (req) => cases.listCases(db, company(req), req.query),
  });

  r.get('/api/account-cases/usage-natures', {
    schema: {
      operationId: 'listCaseUsageNatures',
      tags,
      summary: '可选用气性质及其价格次序 Usage natures and their price order (CUS-11)',
      response: { 200: z.object({ items: z.array(natureOption) }) },
    },
    config: { permission: READ },
    handler: async (req) => ({ items: await cases.listNatures(db, company(req)) }),
  });

  r.get('/api/account-cases/preview', {
    schema: {
      operationId: 'previewAccountCase',
      tags,
      summary: '受理前查看：可办业务、欠费、未办结业务 Before opening: allowed flows, arrears, unfinished case',
      querystring: z.object({ accountId: z.uuid() }),
      response: { 200: accountPreview },
    },
    config: { permission: CASE },
    handler: async (req) => cases.previewAccount(db, company(req), req.query.accountId),
  });

  r.get('/api/account-cases/:id', {
    schema: {
      operationId: 'getAccountCase',
      tags,
      summary: '业务单详情：资料、读数、前置条件、欠费、办理记录 One case',
      params: idParams,
      response: { 200: caseDetailDto },
    },
    config: { permission: READ },
    handler: async (req) => cases.getCase(db, company(req), req.params.id, langOf(req), principalOf(req).userId),
  });

  r.patch('/api/account-cases/:id', {
    schema: {
      operationId: 'updateAccountCase',
      tags,
      summary: '勾选资料、录入读数、填写业务信息（带版本号）Update documents, reading, details',
      params: idParams,
      body: updateCaseBody,
      response: { 200: caseDetailDto },
    },
    config: { permission: CASE },
    preValidation: caseOfCompany,
    handler: async (req) => {
      const done = await db.tx((tx) => cases.updateCase(tx, actorFrom(req), req.params.id, req.body));
      return cases.getCase(db, company(req), done.id, langOf(req), principalOf(req).userId);
    },
  });

  r.post('/api/account-cases/:id/submit', {
    schema: {
      operationId: 'submitAccountCase',
      tags,
      summary: '提交：办结，或（用气性质变更）送审批 Submit: complete, or file the approval',
      params: idParams,
      body: versionBody,
      response: { 200: caseDto },
    },
    config: { permission: CASE },
    preValidation: caseOfCompany,
    handler: async (req) =>
      db.tx((tx) => cases.submitCase(tx, actorFrom(req), principalOf(req), req.params.id, req.body.version)),
  });

  r.post('/api/account-cases/:id/cancel', {
    schema: {
      operationId: 'cancelAccountCase',
      tags,
      summary: '撤销业务单 Cancel a case',
      params: idParams,
      body: cancelBody,
      response: { 200: caseDto },
    },
    config: { permission: CASE },
    preValidation: caseOfCompany,
    handler: async (req) =>
      db.tx((tx) => cases.cancelCase(tx, actorFrom(req), req.params.id, req.body.version, req.body.reason)),
  });

  r.post('/api/account-cases/:id/meter-removal', {
    schema: {
      operationId: 'recordCaseMeterRemoval',
      tags,
      summary: '登记销户（或临时）拆表 Record the meter removal of a closure (CUS-10)',
      params: idParams,
      body: meterRemovalBody,
      response: { 200: caseDetailDto },
    },
    config: { permission: CASE },
    preValidation: caseOfCompany,
    handler: async (req) => {
      await db.tx((tx) => cases.recordMeterRemoval(tx, actorFrom(req), req.params.id, req.body));
      return cases.getCase(db, company(req), req.params.id, langOf(req), principalOf(req).userId);
    },
  });
}

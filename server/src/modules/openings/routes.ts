import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import {
  feeQuote,
  feeQuoteQuery,
  formOptions,
  idParams,
  listApplicationsQuery,
  openingBody,
  openingResult,
  serviceApplication,
  serviceApplicationRow,
} from './schemas.js';
import * as openings from './service.js';

const tags = ['customers'];
const OPEN = 'customer.open';
/** The applications are read by whoever reads customers, and by the clerks who take them. */
const READ = ['customer.read', OPEN];

export function openingsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const company = (req: Parameters<typeof principalOf>[0]) => principalOf(req).companyId;

  r.post('/api/account-openings', {
    schema: {
      operationId: 'openAccount',
      tags,
      summary: '报装受理：建档并生成待安装的报装申请 Take an account opening (CUS-7, CUS-8)',
      description:
        'Creates the customer (or uses customerId), premise, pending account(s), appliances and a pending ' +
        'installation application in one transaction. Every CUS-7 rule is refused with its field in details.fields.',
      body: openingBody,
      response: { 201: openingResult },
    },
    config: { permission: OPEN },
    handler: async (req, reply) => {
      const application = await db.tx((tx) => openings.openAccounts(tx, actorFrom(req), req.body));
      return reply.code(201).send({ application });
    },
  });

  r.get('/api/account-openings/fee-quote', {
    schema: {
      operationId: 'quoteInstallationFee',
      tags,
      summary: '报装费试算 The installation fee from the policy schedule (CUS-8)',
      querystring: feeQuoteQuery,
      response: { 200: feeQuote },
    },
    config: { permission: OPEN },
    handler: async (req) => openings.feeQuote(db, company(req), req.query),
  });

  r.get('/api/account-openings/form-options', {
    schema: {
      operationId: 'getOpeningFormOptions',
      tags,
      summary: '报装受理表单选项（用气性质、业务日期） What the opening form offers',
      response: { 200: formOptions },
    },
    config: { permission: OPEN },
    handler: async (req) => openings.formOptions(db, company(req)),
  });

  r.get('/api/service-applications', {
    schema: {
      operationId: 'listServiceApplications',
      tags,
      summary: '报装申请列表 Service applications',
      querystring: listApplicationsQuery,
      response: { 200: pageOf(serviceApplicationRow) },
    },
    config: { permission: READ },
    handler: async (req) => openings.listApplications(db, company(req), req.query),
  });

  r.get('/api/service-applications/:id', {
    schema: {
      operationId: 'getServiceApplication',
      tags,
      summary: '报装申请详情 A service application with its households',
      params: idParams,
      response: { 200: serviceApplication },
    },
    config: { permission: READ },
    handler: async (req) => openings.getApplication(db, company(req), req.params.id),
  });
}

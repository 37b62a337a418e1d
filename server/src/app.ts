import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Db } from './db/types.js';
import { accountCasesRoutes } from './modules/account-cases/routes.js';
import { adjustmentsRoutes } from './modules/adjustments/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { billingEngineRoutes } from './modules/billing/engine-routes.js';
import { billingRoutes } from './modules/billing/routes.js';
import { billingNoticesRoutes } from './modules/billing-notices/routes.js';
import { cashOfficeRoutes } from './modules/cash-office/routes.js';
import { channelPaymentsRoutes } from './modules/channel-payments/routes.js';
import { complaintsRoutes } from './modules/complaints/routes.js';
import { contactsRoutes } from './modules/contacts/routes.js';
import { customersRoutes } from './modules/customers/routes.js';
import { depositsRoutes } from './modules/deposits/routes.js';
import { fiscalStockRoutes } from './modules/fiscal-stock/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { authRoutes } from './modules/iam/auth-routes.js';
import { resolvePrincipal } from './modules/iam/auth-service.js';
import { rolesRoutes } from './modules/iam/roles-routes.js';
import { usersRoutes } from './modules/iam/users-routes.js';
import { icCardsRoutes } from './modules/ic-cards/routes.js';
import { invoicesRoutes } from './modules/invoices/routes.js';
import { lateFeesRoutes } from './modules/late-fees/routes.js';
import { meterChecksRoutes } from './modules/meter-checks/routes.js';
import { openingsRoutes } from './modules/openings/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { outagesRoutes } from './modules/outages/routes.js';
import { paymentsRoutes } from './modules/payments/routes.js';
import { readingsRoutes } from './modules/readings/routes.js';
import { refundsRoutes } from './modules/refunds/routes.js';
import { workOrdersRoutes } from './modules/work-orders/routes.js';
import './modules/iam/jobs.js';
import './modules/iam/account-request-kind.js';
import './platform/policy/kind.js';
import './modules/iam/notices.js';
import './modules/iam/spreadsheets.js';
import './modules/openings/notices.js';
import './modules/openings/spreadsheets.js';
import './modules/account-cases/approval-kinds.js';
import './modules/account-cases/notices.js';
import './modules/account-cases/spreadsheets.js';
import './modules/account-cases/jobs.js';
import './modules/work-orders/jobs.js';
import './modules/complaints/jobs.js';
import './modules/complaints/callbacks.js';
import './modules/audit/spreadsheets.js';
import './modules/adjustments/spreadsheets.js';
import './platform/approvals/spreadsheets.js';
import './platform/notify/spreadsheets.js';
import './platform/jobs/spreadsheets.js';
import './platform/policy/spreadsheets.js';
import './platform/calendar/spreadsheets.js';
import { approvalsRoutes } from './platform/approvals/routes.js';
import { calendarRoutes } from './platform/calendar/routes.js';
import { PlatformError } from './platform/errors.js';
import type { AppDeps } from './platform/http/deps.js';
import { registerErrorHandler, sendError } from './platform/http/error-handler.js';
import { registerGuard } from './platform/http/guard.js';
import { jobsRoutes } from './platform/jobs/routes.js';
import { notifyRoutes } from './platform/notify/routes.js';
import { policyRoutes } from './platform/policy/routes.js';
import { printRoutes } from './platform/print/routes.js';
import { spreadsheetsRoutes } from './platform/spreadsheets/routes.js';
import { version } from './version.js';

/** Every module's routes; a new module adds one line here. */
const modules: ((app: FastifyInstance, deps: AppDeps) => void)[] = [
  healthRoutes,
  authRoutes,
  usersRoutes,
  rolesRoutes,
  orgRoutes,
  auditRoutes,
  calendarRoutes,
  jobsRoutes,
  approvalsRoutes,
  policyRoutes,
  notifyRoutes,
  printRoutes,
  spreadsheetsRoutes,
  customersRoutes,
  accountCasesRoutes,
  contactsRoutes,
  openingsRoutes,
  workOrdersRoutes,
  complaintsRoutes,
  outagesRoutes,
  readingsRoutes,
  lateFeesRoutes,
  billingRoutes,
  billingEngineRoutes,
  billingNoticesRoutes,
  adjustmentsRoutes,
  meterChecksRoutes,
  fiscalStockRoutes,
  paymentsRoutes,
  icCardsRoutes,
  invoicesRoutes,
  cashOfficeRoutes,
  refundsRoutes,
  depositsRoutes,
  channelPaymentsRoutes,
];

export interface BuildOptions {
  config: Config;
  db: Db;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ config, db, logger = false }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: config.bodyLimitBytes, trustProxy: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, config.bodyLimitBytes);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Hearth API',
        version,
        description:
          '城市燃气/供水客户信息与客户服务系统 — customer information and service system for gas and water utilities',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hearth_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const deps: AppDeps = { db, config };
  registerGuard(app, (token) => resolvePrincipal(db, config, token));
  for (const register of modules) register(app, deps);

  const indexHtml = path.join(config.webDist, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      return sendError(reply, req, PlatformError('ROUTE_NOT_FOUND'));
    }
    if (!hasWeb)
      return reply.code(404).type('text/plain').send('The console is not built: run `npm run build -w web`.');
    // The console routes in the browser: every other page is the same index.html.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}

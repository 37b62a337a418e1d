import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf, pagingQuery } from '../../platform/paging.js';
import { idParams, newUserBody, updateUserBody, userSchema } from './schemas.js';
import * as users from './users-service.js';

const tags = ['users'];
const READ = 'iam.user.read';
const MANAGE = 'iam.user.manage';

/** The account list's filters; the users export (spreadsheets.ts) takes the same. */
export const listUsersQuery = z.object({
  ...pagingQuery,
  sort: z.enum(['username', 'fullName', 'employeeNo', 'createdAt', 'lastLoginAt']).default('username'),
  q: z.string().trim().max(64).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  roleId: z.uuid().optional(),
  orgUnitId: z.uuid().optional(),
});

export function usersRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const company = (req: Parameters<typeof principalOf>[0]) => principalOf(req).companyId;

  r.get('/api/users', {
    schema: {
      operationId: 'listUsers',
      tags,
      summary: '账号列表 List accounts',
      querystring: listUsersQuery,
      response: { 200: pageOf(userSchema) },
    },
    config: { permission: READ },
    handler: async (req) => users.listUsers(db, company(req), req.query),
  });

  r.get('/api/users/overdue-deprovisioning', {
    schema: {
      operationId: 'listOverdueDeprovisioning',
      tags,
      summary: '离岗/调岗逾期未停用的账号 Accounts overdue for disabling (IAM-3)',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              user: userSchema,
              leaveKind: z.enum(['departure', 'transfer']).nullable(),
              leaveDate: z.string(),
              dueDate: z.string(),
              overdueWorkingDays: z.number().int(),
            }),
          ),
        }),
      },
    },
    config: { permission: READ },
    handler: async (req) => ({ items: await users.overdueDeprovisioning(db, company(req)) }),
  });

  r.post('/api/users', {
    schema: {
      operationId: 'createUser',
      tags,
      summary: '新建账号 Create an account',
      body: newUserBody,
      response: { 201: z.object({ user: userSchema, initialPassword: z.string() }) },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => users.createUser(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/users/:id', {
    schema: {
      operationId: 'getUser',
      tags,
      summary: '账号详情 Get an account',
      params: idParams,
      response: { 200: userSchema },
    },
    config: { permission: READ },
    handler: async (req) => users.getUser(db, company(req), req.params.id),
  });

  r.patch('/api/users/:id', {
    schema: {
      operationId: 'updateUser',
      tags,
      summary: '修改账号资料 Update an account',
      params: idParams,
      body: updateUserBody,
      response: { 200: userSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => users.updateUser(tx, actorFrom(req), req.params.id, req.body)),
  });

  r.put('/api/users/:id/roles', {
    schema: {
      operationId: 'assignRoles',
      tags,
      summary: '分配角色 Assign roles (ORG-3 checked)',
      params: idParams,
      body: z.object({ roleIds: z.array(z.uuid()).max(50) }),
      response: { 200: userSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => users.assignRoles(tx, actorFrom(req), req.params.id, req.body.roleIds)),
  });

  r.post('/api/users/:id/disable', {
    schema: {
      operationId: 'disableUser',
      tags,
      summary: '停用账号 Disable an account',
      params: idParams,
      body: z.object({ reason: z.string().trim().min(1).max(500) }),
      response: { 200: userSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => users.disableUser(tx, actorFrom(req), req.params.id, req.body.reason)),
  });

  r.post('/api/users/:id/enable', {
    schema: {
      operationId: 'enableUser',
      tags,
      summary: '启用账号 Enable an account',
      params: idParams,
      response: { 200: userSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => users.enableUser(tx, actorFrom(req), req.params.id)),
  });

  r.post('/api/users/:id/unlock', {
    schema: {
      operationId: 'unlockUser',
      tags,
      summary: '解锁账号 Unlock an account',
      params: idParams,
      response: { 200: userSchema },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => users.unlockUser(tx, actorFrom(req), req.params.id)),
  });

  r.post('/api/users/:id/reset-password', {
    schema: {
      operationId: 'resetPassword',
      tags,
      summary: '重置密码 Reset a password (changed at next login)',
      params: idParams,
      response: { 200: z.object({ initialPassword: z.string() }) },
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => users.resetPassword(tx, actorFrom(req), req.params.id)),
  });
}

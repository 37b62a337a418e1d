import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import * as roles from './roles-service.js';
import { conflictSchema, idParams, roleRef } from './schemas.js';

const tags = ['roles'];

export function rolesRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/roles', {
    schema: {
      operationId: 'listRoles',
      tags,
      summary: '角色及其权限 Roles and their permissions',
      response: {
        200: z.object({
          items: z.array(
            roleRef.extend({ description: z.string(), permissions: z.array(z.string()), userCount: z.number().int() }),
          ),
        }),
      },
    },
    config: { permission: 'iam.role.read' },
    handler: async (req) => ({ items: await roles.listRoles(db, principalOf(req).companyId) }),
  });

  r.get('/api/permissions', {
    schema: {
      operationId: 'listPermissions',
      tags,
      summary: '权限清单 Permissions',
      response: {
        200: z.object({
          items: z.array(z.object({ code: z.string(), module: z.string(), nameZh: z.string(), nameEn: z.string() })),
        }),
      },
    },
    config: { permission: 'iam.role.read' },
    handler: async () => ({ items: await roles.listPermissions(db) }),
  });

  r.get('/api/role-conflicts', {
    schema: {
      operationId: 'listRoleConflicts',
      tags,
      summary: '岗位职责互斥表 Segregation-of-duties table (ORG-3)',
      response: { 200: z.object({ items: z.array(conflictSchema) }) },
    },
    config: { permission: 'iam.role.read' },
    handler: async (req) => ({ items: await roles.listConflicts(db, principalOf(req).companyId) }),
  });

  r.post('/api/role-conflicts', {
    schema: {
      operationId: 'createRoleConflict',
      tags,
      summary: '新增互斥角色对 Add a conflicting pair',
      body: z.object({ roleAId: z.uuid(), roleBId: z.uuid(), reason: z.string().trim().max(500).default('') }),
      response: { 201: conflictSchema },
    },
    config: { permission: 'iam.role.manage' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => roles.createConflict(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.delete('/api/role-conflicts/:id', {
    schema: {
      operationId: 'deleteRoleConflict',
      tags,
      summary: '删除互斥角色对 Remove a conflicting pair',
      params: idParams,
      response: { 204: z.null() },
    },
    config: { permission: 'iam.role.manage' },
    handler: async (req, reply) => {
      await db.tx((tx) => roles.deleteConflict(tx, actorFrom(req), req.params.id));
      return reply.code(204).send(null);
    },
  });
}

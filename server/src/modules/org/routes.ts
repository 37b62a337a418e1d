import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import * as org from './service.js';

const tags = ['organisation'];
const unitSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(['department', 'unit', 'team']),
  unitType: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
});

export function orgRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/org-units', {
    schema: {
      operationId: 'listOrgUnits',
      tags,
      summary: '组织机构 Departments, units and teams of the company (ORG-1)',
      response: { 200: z.object({ items: z.array(unitSchema) }) },
    },
    config: { permission: 'org.read' },
    handler: async (req) => ({ items: await org.listOrgUnits(db, principalOf(req).companyId) }),
  });

  r.post('/api/org-units', {
    schema: {
      operationId: 'createOrgUnit',
      tags,
      summary: '新增机构 Add a department, unit or team',
      body: z.object({
        parentId: z.uuid().nullable(),
        kind: z.enum(['department', 'unit', 'team']),
        unitType: z.string().trim().max(40).nullish(),
        code: z.string().trim().min(1).max(40),
        name: z.string().trim().min(1).max(80),
        sortOrder: z.number().int().min(0).max(100000).optional(),
      }),
      response: { 201: unitSchema },
    },
    config: { permission: 'org.manage' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => org.createOrgUnit(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });
}

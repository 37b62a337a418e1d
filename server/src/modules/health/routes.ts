import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationStatus } from '../../db/migrate.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { version } from '../../version.js';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean(), error: z.string().optional() }),
  migrations: z.object({ current: z.boolean(), applied: z.number().int(), pending: z.array(z.string()) }),
});

export function healthRoutes(app: FastifyInstance, { db }: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['health'],
      summary: '健康检查 Database reachable, migrations current, version',
      response: { 200: healthSchema, 503: healthSchema },
    },
    config: { permission: 'public' },
    handler: async (_req, reply) => {
      try {
        await db.query('SELECT 1');
        const m = await migrationStatus(db);
        const body = {
          status: m.current ? ('ok' as const) : ('degraded' as const),
          version,
          database: { kind: db.kind, reachable: true },
          migrations: { current: m.current, applied: m.applied.length, pending: m.pending },
        };
        return reply.code(m.current ? 200 : 503).send(body);
      } catch (err) {
        return reply.code(503).send({
          status: 'degraded' as const,
          version,
          database: { kind: db.kind, reachable: false, error: (err as Error).message },
          migrations: { current: false, applied: 0, pending: [] },
        });
      }
    },
  });
}

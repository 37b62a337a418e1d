import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { principalOf } from '../../platform/http/guard.js';
import { pageClause, pageOf, pagingQuery } from '../../platform/paging.js';
import * as repo from './repo.js';
import { eventSchema, workOrderSchema } from './schemas.js';
import { toDto } from './service.js';

/**
 * SVC-3 首问责任制: whoever first took a request owns it until it is closed, even after it moved on to
 * others, and sees its progress. "My contacts" are the orders the caller took (work_orders.owner_id):
 * the open ones, earliest deadline first, then those closed or cancelled in the last days.
 */
export const myContactsQuery = z.object({
  ...pagingQuery,
  /** Closed or cancelled orders are kept in the list this many days. */
  closedWithinDays: z.coerce.number().int().min(0).max(90).default(7),
  state: z.enum(['open', 'closed']).optional(),
});
export type MyContactsQuery = z.infer<typeof myContactsQuery>;

const lastEventSchema = eventSchema.pick({
  kind: true,
  fromStatus: true,
  toStatus: true,
  toUserName: true,
  reason: true,
  actorName: true,
  at: true,
});

export const myContactSchema = workOrderSchema.extend({ lastEvent: lastEventSchema.nullable() });

const ENDED = `w.status IN ('closed', 'cancelled')`;

export async function myContacts(
  db: Queryable,
  caller: { companyId: string; userId: string },
  q: MyContactsQuery,
  now: Date = new Date(),
) {
  const since = new Date(now.getTime() - q.closedWithinDays * 86_400_000);
  const where = [
    'w.company_id = $1',
    'w.owner_id = $2',
    q.state === 'open'
      ? `NOT ${ENDED}`
      : q.state === 'closed'
        ? `${ENDED} AND w.closed_at >= $3`
        : `(NOT ${ENDED} OR w.closed_at >= $3)`,
  ].join(' AND ');
  const params: unknown[] = [caller.companyId, caller.userId];
  if (q.state !== 'open') params.push(since);
  const [total, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM work_orders w WHERE ${where}`, params),
    db.query<{ id: string }>(
      `SELECT w.id FROM work_orders w WHERE ${where}
        ORDER BY (${ENDED}), CASE WHEN ${ENDED} THEN NULL ELSE w.deadline_at END, w.closed_at DESC, w.id
        ${pageClause(q)}`,
      params,
    ),
  ]);
  const ids = page.rows.map((r) => r.id);
  const [orders, events] = ids.length
    ? await Promise.all([
        repo.listWhere(db, caller.companyId, 'w.id = ANY($2::uuid[])', [ids]),
        db.query<{
          workOrderId: string;
          kind: repo.NewEvent['kind'];
          fromStatus: string | null;
          toStatus: string | null;
          toUserName: string | null;
          reason: string | null;
          actorName: string | null;
          at: Date;
        }>(
          `SELECT DISTINCT ON (e.work_order_id) e.work_order_id AS "workOrderId", e.kind, e.from_status AS "fromStatus",
                  e.to_status AS "toStatus", tu.full_name AS "toUserName", e.reason, e.actor_name AS "actorName", e.at
             FROM work_order_events e
             LEFT JOIN users tu ON tu.company_id = e.company_id AND tu.id = e.to_user_id
            WHERE e.company_id = $1 AND e.work_order_id = ANY($2::uuid[])
            ORDER BY e.work_order_id, e.id DESC`,
          [caller.companyId, ids],
        ),
      ])
    : [[], { rows: [] }];
  const byId = new Map(orders.map((o) => [o.id, o]));
  const lastOf = new Map(events.rows.map((e) => [e.workOrderId, e]));
  const items = ids.map((id) => {
    const { workOrderId: _, ...last } = lastOf.get(id) ?? { workOrderId: id, at: null };
    return {
      ...toDto(byId.get(id)!, now),
      lastEvent: last.at ? { ...(last as Omit<typeof last, 'at'>), at: new Date(last.at).toISOString() } : null,
    };
  });
  return { items, total: total.rows[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export function myContactsRoutes(app: FastifyInstance, db: Queryable): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/work-orders/my-contacts', {
    schema: {
      operationId: 'myContacts',
      tags: ['work-orders'],
      summary: '我的首问工单：我受理的工单进展，直至办结 My contacts: the progress of what I took (SVC-3)',
      querystring: myContactsQuery,
      response: { 200: pageOf(myContactSchema) },
    },
    config: { permission: ['workorder.create', 'workorder.read'] },
    handler: async (req) => {
      const p = principalOf(req);
      return myContacts(db, { companyId: p.companyId, userId: p.userId }, req.query);
    },
  });
}

import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { loadCalendarCovering } from '../../platform/calendar/service.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { deadlineOf } from '../work-orders/deadline.js';

export interface NewCallback {
  source: 'workOrder' | 'complaint';
  workOrderId?: string | null;
  complaintId?: string | null;
  sourceNo: string;
  topic: string;
  accountId: string | null;
  name: string | null;
  phone: string | null;
  address: string | null;
  confidential?: boolean;
  orgUnitId: string | null;
}

/** CMP-3: when a callback falls due — `cmp.callbackWorkingDays` working days after `from`, on the company calendar. */
export async function callbackDueAt(db: Queryable, companyId: string, from: Date): Promise<Date> {
  const day = businessToday(from);
  const amount = Number(await policyValue(db, companyId, 'cmp.callbackWorkingDays', day));
  const calendar = await loadCalendarCovering(db, companyId, [day]);
  return deadlineOf(calendar, { unit: 'workingDays', amount: Math.max(amount, 0) }, from);
}

/**
 * CMP-3: queues a callback (one per order or complaint), in the caller's transaction, audited.
 * Returns its id, or null when the source has one already.
 */
export async function queueCallback(tx: Queryable, actor: Actor, c: NewCallback, at: Date = new Date()) {
  const dueAt = await callbackDueAt(tx, actor.companyId, at);
  const r = await tx.query<{ id: string }>(
    `INSERT INTO callbacks (company_id, source, work_order_id, complaint_id, source_no, topic, account_id, name, phone,
                            address, confidential, org_unit_id, due_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      actor.companyId,
      c.source,
      c.workOrderId ?? null,
      c.complaintId ?? null,
      c.sourceNo,
      c.topic,
      c.accountId,
      c.name,
      c.phone,
      c.address,
      c.confidential ?? false,
      c.orgUnitId,
      dueAt,
      at,
    ],
  );
  const id = r.rows[0]?.id ?? null;
  if (id) {
    await recordAudit(tx, actor, {
      action: 'callback.create',
      entityType: 'callback',
      entityId: id,
      after: { source: c.source, sourceNo: c.sourceNo, topic: c.topic, dueAt },
    });
  }
  return id;
}

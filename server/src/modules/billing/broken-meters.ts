/**
 * MTR-5 broken meters (坏表): a meter is reported broken from a day; until the report is resolved the billing
 * run bills it on the average of its previous mtr.anomalyAveragePeriods periods (billing/estimates.ts), and the
 * 补气登记表 (top-up-register.ts) prints what was billed so.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { pageClause, pagingQuery } from '../../platform/paging.js';
import { BillingError } from './errors.js';

const day = z.iso.date();

export const newFaultBody = z.object({
  accountNo: z
    .string()
    .trim()
    .regex(/^[0-9]{6,18}$/),
  meterSerial: z.string().trim().min(3).max(32),
  fromOn: day,
  note: z.string().trim().max(500).nullish(),
});
export type NewFault = z.infer<typeof newFaultBody>;

export const resolveFaultBody = z.object({
  resolvedOn: day,
  note: z.string().trim().max(500).nullish(),
});

export const listFaultsQuery = z.object({
  ...pagingQuery,
  status: z.enum(['open', 'resolved']).optional(),
  accountNo: z.string().trim().max(18).optional(),
  sort: z.enum(['fromOn', 'accountNo']).default('fromOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const faultPeriodSchema = z.object({
  period: z.string(),
  readOn: z.string(),
  volume: z.string(),
  averagePeriods: z.number().int().nullable(),
  /** The share of the period's bill for this meter (null while not billed yet). */
  amount: z.string().nullable(),
});

export const faultSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  meterId: z.uuid(),
  meterSerial: z.string(),
  fromOn: z.string(),
  note: z.string().nullable(),
  reportedBy: z.string().nullable(),
  reportedAt: z.date().or(z.string()),
  resolvedOn: z.string().nullable(),
  resolvedNote: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  /** The periods billed on the average so far, with the total volume and amount. */
  periods: z.array(faultPeriodSchema),
  volume: z.string(),
  amount: z.string(),
});
export type Fault = z.infer<typeof faultSchema>;

// ---------------------------------------------------------------- repo

const columns = `
  f.id, f.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName", pr.full_address AS address,
  coalesce(a.sms_mobile, c.phone) AS phone, f.meter_id AS "meterId", m.serial AS "meterSerial", f.from_on::text AS "fromOn",
  f.note, ru.full_name AS "reportedBy", f.reported_at AS "reportedAt", f.resolved_on::text AS "resolvedOn",
  f.resolved_note AS "resolvedNote", su.full_name AS "resolvedBy",
  coalesce(p.periods, '[]'::json) AS periods, coalesce(p.volume, 0)::text AS volume, coalesce(p.amount, 0)::text AS amount`;
const from = `
  FROM meter_faults f
  JOIN accounts a ON a.company_id = f.company_id AND a.id = f.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  LEFT JOIN premises pr ON pr.company_id = a.company_id AND pr.id = a.premise_id
  JOIN meters m ON m.company_id = f.company_id AND m.id = f.meter_id
  LEFT JOIN users ru ON ru.company_id = f.company_id AND ru.id = f.reported_by
  LEFT JOIN users su ON su.company_id = f.company_id AND su.id = f.resolved_by
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('period', x.period, 'readOn', x.read_on::text, 'volume', x.volume::text,
                                      'averagePeriods', x.n, 'amount', x.amount::text) ORDER BY x.period) AS periods,
           sum(x.volume) AS volume, sum(x.amount) AS amount
      FROM (SELECT r.period, r.read_on, r.volume, (r.comparison ->> 'averagePeriods')::int AS n,
                   -- The meter's share of the account's bill of the period (by volume, when it has several).
                   CASE WHEN b.volume > 0 THEN round(b.amount * r.volume / b.volume, 2)
                        WHEN b.id IS NOT NULL THEN 0 END AS amount
              FROM meter_readings r
              LEFT JOIN bills b ON b.company_id = r.company_id AND b.account_id = r.account_id AND b.period = r.period
             WHERE r.company_id = f.company_id AND r.meter_id = f.meter_id AND r.status = 'accepted'
               AND 'brokenMeter' = ANY(r.flags) AND r.comparison ->> 'faultId' = f.id::text) x) p ON true`;

export async function findFault(db: Queryable, companyId: string, id: string): Promise<Fault | null> {
  const r = await db.query<Fault>(`SELECT ${columns} ${from} WHERE f.company_id = $1 AND f.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function listFaults(
  db: Queryable,
  companyId: string,
  q: z.infer<typeof listFaultsQuery>,
): Promise<{ items: Fault[]; total: number }> {
  const where = `WHERE f.company_id = $1
      AND ($2::text IS NULL OR ($2 = 'open') = (f.resolved_on IS NULL))
      AND ($3::text IS NULL OR a.account_no LIKE $3 || '%')`;
  const params = [companyId, q.status ?? null, q.accountNo || null];
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const order = q.sort === 'accountNo' ? `a.account_no ${dir}, f.from_on DESC` : `f.from_on ${dir}, a.account_no`;
  const [items, total] = await Promise.all([
    db.query<Fault>(`SELECT ${columns} ${from} ${where} ORDER BY ${order}, f.id ${pageClause(q)}`, params),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meter_faults f
         JOIN accounts a ON a.company_id = f.company_id AND a.id = f.account_id ${where}`,
      params,
    ),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

// ---------------------------------------------------------------- service

/** MTR-5: reports a meter broken from a day (one open report per meter; not before it was installed). */
export async function reportFault(tx: Queryable, actor: Actor, input: NewFault): Promise<Fault> {
  const m = await tx.query<{ id: string; accountId: string; installedOn: string | null }>(
    `SELECT m.id, m.account_id AS "accountId", m.installed_on::text AS "installedOn"
       FROM accounts a JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
      WHERE a.company_id = $1 AND a.account_no = $2 AND upper(m.serial) = upper($3)
      FOR UPDATE OF m`,
    [actor.companyId, input.accountNo, input.meterSerial],
  );
  const meter = m.rows[0];
  if (!meter) throw BillingError('METER_NOT_FOUND', { field: 'meterSerial', vars: { meter: input.meterSerial } });
  const earliest = meter.installedOn ?? '1900-01-01';
  if (input.fromOn < earliest || input.fromOn > businessToday())
    throw BillingError('FAULT_DATE', { field: 'fromOn', vars: { from: earliest } });
  const open = await tx.query<{ from: string }>(
    `SELECT from_on::text AS "from" FROM meter_faults WHERE company_id = $1 AND meter_id = $2 AND resolved_on IS NULL`,
    [actor.companyId, meter.id],
  );
  if (open.rows[0]) throw BillingError('FAULT_OPEN', { field: 'meterSerial', vars: { from: open.rows[0].from } });
  const r = await tx.query<{ id: string }>(
    `INSERT INTO meter_faults (company_id, account_id, meter_id, from_on, note, reported_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [actor.companyId, meter.accountId, meter.id, input.fromOn, input.note || null, actor.userId],
  );
  const created = (await findFault(tx, actor.companyId, r.rows[0]!.id))!;
  await recordAudit(tx, actor, {
    action: 'billing.meterFaultReported',
    entityType: 'meterFault',
    entityId: created.id,
    after: {
      accountNo: created.accountNo,
      meterSerial: created.meterSerial,
      fromOn: created.fromOn,
      note: created.note,
    },
  });
  return created;
}

export async function getFault(db: Queryable, companyId: string, id: string): Promise<Fault> {
  const f = await findFault(db, companyId, id);
  if (!f) throw BillingError('FAULT_NOT_FOUND');
  return f;
}

/** MTR-5: the meter is repaired or replaced; from the period it is resolved in it is billed on its readings. */
export async function resolveFault(
  tx: Queryable,
  actor: Actor,
  id: string,
  input: z.infer<typeof resolveFaultBody>,
): Promise<Fault> {
  const row = await tx.query<{ fromOn: string; resolvedOn: string | null }>(
    `SELECT from_on::text AS "fromOn", resolved_on::text AS "resolvedOn" FROM meter_faults
      WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [actor.companyId, id],
  );
  const f = row.rows[0];
  if (!f) throw BillingError('FAULT_NOT_FOUND');
  if (f.resolvedOn) throw BillingError('FAULT_RESOLVED', { vars: { on: f.resolvedOn } });
  if (input.resolvedOn < f.fromOn || input.resolvedOn > businessToday())
    throw BillingError('FAULT_DATE', { field: 'resolvedOn', vars: { from: f.fromOn } });
  await tx.query(
    `UPDATE meter_faults SET resolved_on = $3, resolved_by = $4, resolved_note = $5 WHERE company_id = $1 AND id = $2`,
    [actor.companyId, id, input.resolvedOn, actor.userId, input.note || null],
  );
  const after = (await findFault(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'billing.meterFaultResolved',
    entityType: 'meterFault',
    entityId: id,
    before: { resolvedOn: null },
    after: { resolvedOn: after.resolvedOn, note: after.resolvedNote },
  });
  return after;
}

// ---------------------------------------------------------------- MTR-4 designed flow

export const designedFlowBody = z.object({
  /** m³/h; null clears it. */
  designedFlow: z
    .string()
    .trim()
    .regex(/^\d{1,7}(\.\d{1,3})?$/, {
      error: '设计流量应为数字，最多三位小数 / The designed flow is a number with at most 3 decimals',
      abort: true,
    })
    .refine((v) => Number(v) > 0, { error: '设计流量须大于 0 / The designed flow must be above 0' })
    .nullable(),
});
export const designedFlowSchema = z.object({
  meterId: z.uuid(),
  serial: z.string(),
  designedFlow: z.string().nullable(),
});

/** MTR-4: a meter's designed flow (m³/h), which C&I readings are checked against. */
export async function setDesignedFlow(
  tx: Queryable,
  actor: Actor,
  meterId: string,
  designedFlow: string | null,
): Promise<z.infer<typeof designedFlowSchema>> {
  const before = await tx.query<{ serial: string; flow: string | null }>(
    'SELECT serial, designed_flow::text AS flow FROM meters WHERE company_id = $1 AND id = $2 FOR UPDATE',
    [actor.companyId, meterId],
  );
  const m = before.rows[0];
  if (!m) throw BillingError('NO_SUCH_METER');
  const after = await tx.query<{ flow: string | null }>(
    `UPDATE meters SET designed_flow = $3, updated_at = now(), version = version + 1 WHERE company_id = $1 AND id = $2
     RETURNING designed_flow::text AS flow`,
    [actor.companyId, meterId, designedFlow],
  );
  await recordAudit(tx, actor, {
    action: 'meter.designedFlowSet',
    entityType: 'meter',
    entityId: meterId,
    before: { designedFlow: m.flow },
    after: { designedFlow: after.rows[0]!.flow },
  });
  return { meterId, serial: m.serial, designedFlow: after.rows[0]!.flow };
}

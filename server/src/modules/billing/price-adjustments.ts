/**
 * BIL-1 调价补差 (C&I price adjustment): when a C&I tariff is changed retroactively (a new version effective
 * from a past day is approved), a run for the usage nature and a date range re-prices every C&I bill of the
 * nature whose days overlap the range at the tariffs in force now (the whole bill, split by days across
 * tariffs and placed in the tiers as the billing run does) and posts, per bill, the difference between that
 * and what the bill came to with its earlier adjustments: a ledger entry of kind `priceAdjustment` with
 * `source_id` = the line (positive: the customer pays more, due bil.commercialDueDays after the run; negative:
 * a credit). A retried chunk or a second run of the same range posts nothing twice: the line is unique per run
 * and bill, the ledger entry per line, and a second run finds no difference left.
 * A bill's BIL-6 estimate credit is kept as it was billed (only its tariff lines are re-priced).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { enqueueTask, registerTask } from '../../platform/jobs/registry.js';
import { pageClause, pagingQuery } from '../../platform/paging.js';
import { policyValue } from '../../platform/policy/policy.js';
import { BillingError } from './errors.js';

export const PRICE_ADJUSTMENT_TASK = 'billing.priceAdjustment';
const CHUNK = 5_000;
const day = z.iso.date();

export const newPriceAdjustmentBody = z.object({
  usageNature: z.string().trim().min(1).max(32),
  from: day,
  to: day,
});

export const listPriceAdjustmentsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  usageNature: z.string().trim().max(32).optional(),
});

export const listPriceAdjustmentLinesQuery = z.object({
  ...pagingQuery,
  sort: z.enum(['accountNo', 'period', 'difference']).default('accountNo'),
});

export const priceAdjustmentRunSchema = z.object({
  id: z.uuid(),
  usageNature: z.string(),
  usageNatureName: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  billsTotal: z.number().int().nullable(),
  billsDone: z.number().int(),
  linesCreated: z.number().int(),
  amountTotal: z.string(),
  error: z.string().nullable(),
  startedBy: z.string().nullable(),
  createdAt: z.date().or(z.string()),
  startedAt: z.date().or(z.string()).nullable(),
  finishedAt: z.date().or(z.string()).nullable(),
});
export type PriceAdjustmentRun = z.infer<typeof priceAdjustmentRunSchema>;

export const priceAdjustmentLineSchema = z.object({
  id: z.uuid(),
  billId: z.uuid(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  period: z.string(),
  volume: z.string(),
  billedAmount: z.string(),
  repricedAmount: z.string(),
  difference: z.string(),
  lines: z.array(z.record(z.string(), z.unknown())),
});
export type PriceAdjustmentLine = z.infer<typeof priceAdjustmentLineSchema>;

// ---------------------------------------------------------------- repo

const runColumns = `
  r.id, r.usage_nature AS "usageNature", un.name AS "usageNatureName", r.from_on::text AS "from", r.to_on::text AS "to",
  r.status, r.bills_total AS "billsTotal", r.bills_done AS "billsDone", r.lines_created AS "linesCreated",
  r.amount_total::text AS "amountTotal", r.error, u.full_name AS "startedBy", r.created_at AS "createdAt",
  r.started_at AS "startedAt", r.finished_at AS "finishedAt"`;
const runFrom = `FROM price_adjustment_runs r
  JOIN usage_natures un ON un.company_id = r.company_id AND un.code = r.usage_nature
  LEFT JOIN users u ON u.company_id = r.company_id AND u.id = r.started_by`;

export async function findRun(db: Queryable, companyId: string, id: string): Promise<PriceAdjustmentRun | null> {
  const r = await db.query<PriceAdjustmentRun>(
    `SELECT ${runColumns} ${runFrom} WHERE r.company_id = $1 AND r.id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function listRuns(
  db: Queryable,
  companyId: string,
  q: z.infer<typeof listPriceAdjustmentsQuery>,
): Promise<{ items: PriceAdjustmentRun[]; total: number }> {
  const where = 'WHERE r.company_id = $1 AND ($2::text IS NULL OR r.usage_nature = $2)';
  const params = [companyId, q.usageNature || null];
  const [items, total] = await Promise.all([
    db.query<PriceAdjustmentRun>(
      `SELECT ${runColumns} ${runFrom} ${where}
        ORDER BY r.created_at ${q.order === 'asc' ? 'ASC' : 'DESC'}, r.id ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM price_adjustment_runs r ${where}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function listLines(
  db: Queryable,
  companyId: string,
  runId: string,
  q: { page: number; pageSize: number; order: 'asc' | 'desc'; sort: 'accountNo' | 'period' | 'difference' },
): Promise<{ items: PriceAdjustmentLine[]; total: number }> {
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const order = {
    accountNo: `a.account_no ${dir}, l.period`,
    period: `l.period ${dir}, a.account_no`,
    difference: `l.difference ${dir}, a.account_no`,
  }[q.sort];
  const [items, total] = await Promise.all([
    db.query<PriceAdjustmentLine>(
      `SELECT l.id, l.bill_id AS "billId", l.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName",
              l.period, l.volume::text AS volume, l.billed_amount::text AS "billedAmount",
              l.repriced_amount::text AS "repricedAmount", l.difference::text AS difference, l.lines
         FROM price_adjustment_lines l
         JOIN accounts a ON a.company_id = l.company_id AND a.id = l.account_id
         JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
        WHERE l.company_id = $1 AND l.run_id = $2
        ORDER BY ${order}, l.id ${pageClause(q)}`,
      [companyId, runId],
    ),
    db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM price_adjustment_lines WHERE company_id = $1 AND run_id = $2',
      [companyId, runId],
    ),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

/** The bills of the run: C&I bills of the nature whose days overlap the range. */
const billsOfRun = `
  FROM bills b WHERE b.company_id = $1 AND b.usage_nature = $2 AND b.customer_kind <> 'residential'
   AND b.from_date <= $4::date AND b.read_on >= $3::date`;

const idPrefix = () => {
  const r = randomBytes(3).toString('hex');
  return `${Date.now().toString(16).padStart(12, '0')}7${r.slice(0, 3)}8${r.slice(3)}`;
};

/** One chunk of up to `size` bills after `cursor` (by id): re-priced, lines and ledger entries written. */
async function adjustChunk(
  db: Queryable,
  p: {
    companyId: string;
    runId: string;
    nature: string;
    from: string;
    to: string;
    cursor: string | null;
    size: number;
    dueOn: string;
    postedBy: string | null;
  },
): Promise<{ bills: number; last: string | null; lines: number; amount: string }> {
  await db.query('SET LOCAL enable_nestloop = off');
  const r = await db.query<{ bills: number; last: string | null; lines: number; amount: string }>(
    `WITH b AS MATERIALIZED (
       SELECT b.id, b.account_id, b.period, b.from_date AS d0, b.read_on AS d1, b.read_on - b.from_date + 1 AS days,
              b.year_volume_before AS base, b.volume - coalesce(cr.volume, 0) AS volume, coalesce(cr.amount, 0) AS credit,
              b.amount + coalesce((SELECT sum(x.difference) FROM price_adjustment_lines x
                                    WHERE x.company_id = $1 AND x.bill_id = b.id), 0) AS billed
         FROM bills b
         LEFT JOIN LATERAL (
           SELECT sum((e ->> 'volume')::numeric) AS volume, sum((e ->> 'amount')::numeric) AS amount
             FROM jsonb_array_elements(b.lines) e WHERE e ->> 'kind' = 'estimateCredit') cr ON true
        WHERE b.company_id = $1 AND b.usage_nature = $2 AND b.customer_kind <> 'residential'
          AND b.from_date <= $4::date AND b.read_on >= $3::date AND ($5::uuid IS NULL OR b.id > $5::uuid)
        ORDER BY b.id LIMIT $6),
     seg AS MATERIALIZED (
       SELECT s.*, sum(s.d) OVER (PARTITION BY s.id ORDER BY s.f) AS cumd
         FROM (SELECT b.id, t.id AS tariff_id, greatest(t.effective_from, b.d0) AS f,
                      least(coalesce(t.effective_to, b.d1), b.d1) AS e,
                      least(coalesce(t.effective_to, b.d1), b.d1) - greatest(t.effective_from, b.d0) + 1 AS d
                 FROM b JOIN tariffs t ON t.company_id = $1 AND t.usage_nature = $2 AND t.status = 'active'
                                      AND t.effective_from <= b.d1 AND (t.effective_to IS NULL OR t.effective_to >= b.d0)) s),
     priced AS (
       SELECT b.* FROM b JOIN (SELECT id, sum(d) AS covered FROM seg GROUP BY id) c ON c.id = b.id
        WHERE c.covered = b.days),
     lines AS (
       SELECT s.id, s.tariff_id, s.f, s.e, tt.tier, tt.price, x.v, round(x.v * tt.price, 2) AS amount
         FROM seg s
         JOIN priced b ON b.id = s.id
         CROSS JOIN LATERAL (SELECT b.base + round(b.volume * (s.cumd - s.d) / b.days, 3) AS p0,
                                    b.base + round(b.volume * s.cumd / b.days, 3) AS p1) p
         JOIN tariff_tiers tt ON tt.company_id = $1 AND tt.tariff_id = s.tariff_id
         CROSS JOIN LATERAL (
           SELECT greatest(0, least(coalesce(tt.upper_volume, p.p1), p.p1) - greatest(tt.lower_volume, p.p0)) AS v) x
        WHERE x.v > 0),
     agg AS (
       SELECT id, sum(amount) AS amount,
              jsonb_agg(jsonb_build_object('tariffId', tariff_id, 'tier', tier, 'from', f, 'to', e, 'volume', v::text,
                                           'price', price::text, 'amount', amount::text) ORDER BY f, tier) AS lines
         FROM lines GROUP BY id),
     diff AS (
       SELECT p.*, coalesce(g.amount, 0) + p.credit AS repriced, coalesce(g.lines, '[]'::jsonb) AS new_lines,
              coalesce(g.amount, 0) + p.credit - p.billed AS difference
         FROM priced p LEFT JOIN agg g ON g.id = p.id),
     ins AS (
       INSERT INTO price_adjustment_lines (company_id, id, run_id, bill_id, account_id, period, volume, billed_amount,
                                           repriced_amount, difference, lines)
       SELECT $1, ($9 || lpad(to_hex(row_number() OVER (ORDER BY d.id)), 12, '0'))::uuid, $7, d.id, d.account_id,
              d.period, d.volume, d.billed, d.repriced, d.difference, d.new_lines
         FROM diff d WHERE d.difference <> 0
       ON CONFLICT (company_id, run_id, bill_id) DO NOTHING
       RETURNING id, account_id, period, difference),
     led AS (
       INSERT INTO ledger_entries (company_id, account_id, kind, period, amount, due_on, memo, posted_by, source_id)
       SELECT $1, account_id, 'priceAdjustment', period, difference, CASE WHEN difference > 0 THEN $8::date END,
              '调价补差 Price adjustment', $10, id
         FROM ins
       ON CONFLICT (company_id, kind, source_id) WHERE source_id IS NOT NULL DO NOTHING
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM b) AS bills, (SELECT max(id::text) FROM b) AS last,
            (SELECT count(*)::int FROM ins) AS lines, (SELECT coalesce(sum(difference), 0)::text FROM ins) AS amount,
            (SELECT count(*)::int FROM led) AS posted`,
    [p.companyId, p.nature, p.from, p.to, p.cursor, p.size, p.runId, p.dueOn, idPrefix(), p.postedBy],
  );
  return r.rows[0]!;
}

// ---------------------------------------------------------------- service

/** BIL-1: starts the 调价补差 run of a C&I nature and date range as a background task. */
export async function startPriceAdjustment(
  tx: Queryable,
  actor: Actor,
  input: z.infer<typeof newPriceAdjustmentBody>,
): Promise<PriceAdjustmentRun> {
  const nature = await tx.query<{ kind: string }>(
    'SELECT customer_kind AS kind FROM usage_natures WHERE company_id = $1 AND code = $2',
    [actor.companyId, input.usageNature],
  );
  if (!nature.rows[0])
    throw BillingError('UNKNOWN_NATURE', { field: 'usageNature', vars: { nature: input.usageNature } });
  if (nature.rows[0].kind === 'residential')
    throw BillingError('PA_NOT_COMMERCIAL', { field: 'usageNature', vars: { nature: input.usageNature } });
  if (input.from > input.to) throw BillingError('PA_RANGE', { field: 'to' });
  const n = await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${billsOfRun}`, [
    actor.companyId,
    input.usageNature,
    input.from,
    input.to,
  ]);
  if (n.rows[0]!.n === 0)
    throw BillingError('PA_NO_BILLS', {
      field: 'from',
      vars: { nature: input.usageNature, from: input.from, to: input.to },
    });
  const ins = await tx.query<{ id: string }>(
    `INSERT INTO price_adjustment_runs (company_id, usage_nature, from_on, to_on, bills_total, started_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (company_id, usage_nature) WHERE status IN ('queued', 'running') DO NOTHING RETURNING id`,
    [actor.companyId, input.usageNature, input.from, input.to, n.rows[0]!.n, actor.userId],
  );
  const id = ins.rows[0]?.id;
  if (!id) throw BillingError('PA_IN_PROGRESS', { field: 'usageNature', vars: { nature: input.usageNature } });
  await enqueueTask(tx, {
    companyId: actor.companyId,
    kind: PRICE_ADJUSTMENT_TASK,
    payload: { runId: id, userId: actor.userId },
    dedupeKey: id,
  });
  const run = (await findRun(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'billing.priceAdjustmentStarted',
    entityType: 'priceAdjustmentRun',
    entityId: id,
    after: run,
  });
  return run;
}

export async function getPriceAdjustment(db: Queryable, companyId: string, id: string): Promise<PriceAdjustmentRun> {
  const run = await findRun(db, companyId, id);
  if (!run) throw BillingError('PA_NOT_FOUND');
  return run;
}

/** Works a run through chunk by chunk (each one transaction with its progress); a retry resumes at the cursor. */
export async function processPriceAdjustment(
  db: Db,
  companyId: string,
  runId: string,
  opts: { postedBy?: string | null; chunkSize?: number } = {},
): Promise<PriceAdjustmentRun> {
  const first = await getPriceAdjustment(db, companyId, runId);
  if (first.status === 'done') return first;
  const today = businessToday();
  const dueDays = await policyValue(db, companyId, 'bil.commercialDueDays', today);
  const due = new Date(Date.parse(`${today}T00:00:00Z`) + dueDays * 86_400_000).toISOString().slice(0, 10);
  await db.query(
    `UPDATE price_adjustment_runs SET status = 'running', started_at = coalesce(started_at, now()), error = NULL
      WHERE company_id = $1 AND id = $2`,
    [companyId, runId],
  );
  try {
    for (;;) {
      const more = await db.tx(async (tx) => {
        const run = (
          await tx.query<{ status: string; cursor: string | null }>(
            `SELECT status, cursor_bill_id AS cursor FROM price_adjustment_runs WHERE company_id = $1 AND id = $2 FOR UPDATE`,
            [companyId, runId],
          )
        ).rows[0]!;
        if (run.status !== 'running') return false;
        const c = await adjustChunk(tx, {
          companyId,
          runId,
          nature: first.usageNature,
          from: first.from,
          to: first.to,
          cursor: run.cursor,
          size: opts.chunkSize ?? CHUNK,
          dueOn: due,
          postedBy: opts.postedBy ?? null,
        });
        if (c.bills === 0) {
          await tx.query(
            `UPDATE price_adjustment_runs SET status = 'done', finished_at = now() WHERE company_id = $1 AND id = $2`,
            [companyId, runId],
          );
          await recordAudit(
            tx,
            { companyId, userId: opts.postedBy ?? null, name: 'billing' },
            {
              action: 'billing.priceAdjustmentFinished',
              entityType: 'priceAdjustmentRun',
              entityId: runId,
              after: await findRun(tx, companyId, runId),
            },
          );
          return false;
        }
        await tx.query(
          `UPDATE price_adjustment_runs
              SET cursor_bill_id = $3, bills_done = bills_done + $4, lines_created = lines_created + $5,
                  amount_total = amount_total + $6::numeric
            WHERE company_id = $1 AND id = $2`,
          [companyId, runId, c.last, c.bills, c.lines, c.amount],
        );
        return true;
      });
      if (!more) break;
    }
  } catch (err) {
    await db.query('UPDATE price_adjustment_runs SET error = $3 WHERE company_id = $1 AND id = $2', [
      companyId,
      runId,
      (err as Error).message ?? String(err),
    ]);
    throw err;
  }
  return getPriceAdjustment(db, companyId, runId);
}

registerTask<{ runId: string; userId?: string | null }>({
  kind: PRICE_ADJUSTMENT_TASK,
  maxAttempts: 10,
  backoffSeconds: 5,
  async run(ctx, payload) {
    const run = await processPriceAdjustment(ctx.db, ctx.companyId, payload.runId, {
      postedBy: payload.userId ?? null,
    });
    return { runId: run.id, lines: run.linesCreated, status: run.status };
  },
});

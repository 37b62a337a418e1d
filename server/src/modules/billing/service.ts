import { Decimal } from 'decimal.js';
import type { Db, Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { enqueueTask } from '../../platform/jobs/registry.js';
import { policyValue } from '../../platform/policy/policy.js';
import { BillingError } from './errors.js';
import * as repo from './repo.js';
import type { Bill, BillingRun, NewTariff, Tariff } from './schemas.js';

export const BILLING_RUN_TASK = 'billing.run';
const DEFAULT_CHUNK = 20_000;

// ---------------------------------------------------------------- tariffs (BIL-1)

/**
 * BIL-1: a tariff of a usage nature from its effective date, flat or tiered. Two tariffs of one nature
 * never overlap (checked under a lock of the nature). Changing a tariff in force goes through approvals
 * (a later step of issue 6).
 */
export async function createTariff(tx: Queryable, actor: Actor, input: NewTariff): Promise<Tariff> {
  const hasPrice = input.price != null;
  const hasTiers = input.tiers != null && input.tiers.length > 0;
  if (hasPrice === hasTiers) throw BillingError('PRICE_OR_TIERS', { field: 'price' });
  const raw = hasTiers ? input.tiers! : [{ upTo: null, price: input.price! }];
  const tiers: { tier: number; from: string; upTo: string | null; price: string }[] = [];
  let lower = new Decimal(0);
  raw.forEach((t, i) => {
    const last = i === raw.length - 1;
    const upTo = t.upTo == null ? null : new Decimal(t.upTo);
    if ((upTo === null) !== last || upTo?.lte(lower))
      throw BillingError('TIERS_NOT_ASCENDING', { field: `tiers.${i}.upTo` });
    tiers.push({ tier: i + 1, from: lower.toFixed(3), upTo: upTo?.toFixed(3) ?? null, price: t.price });
    if (upTo) lower = upTo;
  });
  if (!(await repo.lockNature(tx, actor.companyId, input.usageNature)))
    throw BillingError('UNKNOWN_NATURE', { field: 'usageNature', vars: { nature: input.usageNature } });
  const effectiveTo = input.effectiveTo ?? null;
  const other = await repo.overlappingTariff(tx, actor.companyId, input.usageNature, input.effectiveFrom, effectiveTo);
  if (other)
    throw BillingError('TARIFF_OVERLAP', {
      field: 'effectiveFrom',
      vars: { nature: input.usageNature, other: other.name, from: other.from, to: other.to ?? '—' },
    });
  const id = await repo.insertTariff(tx, actor.companyId, {
    usageNature: input.usageNature,
    name: input.name,
    effectiveFrom: input.effectiveFrom,
    effectiveTo,
    tiered: tiers.length > 1,
    tiers,
    createdBy: actor.userId,
  });
  const created = (await repo.findTariff(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, { action: 'billing.tariffCreated', entityType: 'tariff', entityId: id, after: created });
  return created;
}

export async function getTariff(db: Queryable, companyId: string, id: string): Promise<Tariff> {
  const t = await repo.findTariff(db, companyId, id);
  if (!t) throw BillingError('TARIFF_NOT_FOUND');
  return t;
}

/** BIL-1: the household size an account's tiers are widened for (policy bil.largeHouseholdPersons). */
export async function setHousehold(
  tx: Queryable,
  actor: Actor,
  accountId: string,
  persons: number,
): Promise<{ accountId: string; persons: number }> {
  if (!(await repo.accountExists(tx, actor.companyId, accountId))) throw BillingError('ACCOUNT_NOT_FOUND');
  const before = await repo.upsertHousehold(tx, actor.companyId, accountId, persons);
  await recordAudit(tx, actor, {
    action: 'billing.householdSet',
    entityType: 'account',
    entityId: accountId,
    before: before === null ? undefined : { persons: before },
    after: { persons },
  });
  return { accountId, persons };
}

// ---------------------------------------------------------------- runs (BIL-2)

const lastDayOf = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * BIL-2: starts the billing run of a period as a background task; one run per company and period at a
 * time (409 while one is queued or running). A later run of a billed period bills only what is new.
 */
export async function startRun(
  tx: Queryable,
  actor: Actor,
  input: { period: string; chunkSize?: number },
): Promise<BillingRun> {
  if (`${input.period}-01` > businessToday())
    throw BillingError('PERIOD_NOT_CLOSED', { field: 'period', vars: { period: input.period } });
  const id = await repo.insertRun(tx, actor.companyId, {
    period: input.period,
    chunkSize: input.chunkSize ?? DEFAULT_CHUNK,
    startedBy: actor.userId,
  });
  if (!id) throw BillingError('RUN_IN_PROGRESS', { field: 'period', vars: { period: input.period } });
  await enqueueTask(tx, {
    companyId: actor.companyId,
    kind: BILLING_RUN_TASK,
    payload: { runId: id, userId: actor.userId },
    dedupeKey: id,
  });
  const run = (await repo.findRun(tx, actor.companyId, id))!;
  const { cursor: _, ...out } = run;
  await recordAudit(tx, actor, { action: 'billing.runStarted', entityType: 'billingRun', entityId: id, after: out });
  return out;
}

export async function getRun(db: Queryable, companyId: string, id: string): Promise<BillingRun> {
  const run = await repo.findRun(db, companyId, id);
  if (!run) throw BillingError('RUN_NOT_FOUND');
  const { cursor: _, ...out } = run;
  return out;
}

/**
 * Works a run through, chunk by chunk, each chunk one transaction that also records its progress in the
 * run row; so when the process dies, calling this again (the task is retried) continues after the last
 * committed chunk. `maxChunks` stops early (a test's crash).
 */
export async function processRun(
  db: Db,
  companyId: string,
  runId: string,
  opts: { maxChunks?: number; postedBy?: string | null; onChunk?: (run: BillingRun) => void } = {},
): Promise<BillingRun> {
  const first = await repo.findRun(db, companyId, runId);
  if (!first) throw BillingError('RUN_NOT_FOUND');
  if (first.status === 'done') return getRun(db, companyId, runId);
  const asOf = lastDayOf(first.period);
  const [residentialDueDays, commercialDueDays, largeHouseholdPersons, largeHouseholdExtraVolume] = await Promise.all([
    policyValue(db, companyId, 'bil.residentialDueDays', asOf),
    policyValue(db, companyId, 'bil.commercialDueDays', asOf),
    policyValue(db, companyId, 'bil.largeHouseholdPersons', asOf),
    policyValue(db, companyId, 'bil.largeHouseholdExtraVolume', asOf),
  ]);
  await repo.startRun(db, companyId, runId, first.period);
  let chunks = 0;
  try {
    for (;;) {
      if (opts.maxChunks !== undefined && chunks >= opts.maxChunks) break;
      const more = await db.tx(async (tx) => {
        const run = (await repo.findRun(tx, companyId, runId, true))!;
        if (run.status !== 'running') return false;
        const hi = await repo.chunkEnd(tx, companyId, run.period, run.cursor, run.chunkSize);
        if (!hi) {
          await repo.finishRun(tx, companyId, runId);
          const { cursor: _, ...after } = (await repo.findRun(tx, companyId, runId))!;
          await recordAudit(
            tx,
            { companyId, userId: opts.postedBy ?? null, name: 'billing' },
            { action: 'billing.runFinished', entityType: 'billingRun', entityId: runId, after },
          );
          return false;
        }
        const result = await repo.billChunk(tx, {
          companyId,
          runId,
          period: run.period,
          lo: run.cursor,
          hi,
          residentialDueDays,
          commercialDueDays,
          largeHouseholdPersons,
          largeHouseholdExtraVolume,
          postedBy: opts.postedBy ?? null,
        });
        await repo.advanceRun(tx, companyId, runId, hi, result);
        return true;
      });
      if (!more) break;
      chunks++;
      if (opts.onChunk) opts.onChunk(await getRun(db, companyId, runId));
    }
  } catch (err) {
    await repo.recordRunError(db, companyId, runId, (err as Error).message ?? String(err));
    throw err;
  }
  return getRun(db, companyId, runId);
}

export async function getBill(db: Queryable, companyId: string, id: string): Promise<Bill> {
  const b = await repo.findBill(db, companyId, id);
  if (!b) throw BillingError('BILL_NOT_FOUND');
  return b;
}

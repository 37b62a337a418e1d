import { Decimal } from 'decimal.js';
import type { Db, Queryable, Tx } from '../../db/types.js';
import { fileRequest } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import { enqueueTask } from '../../platform/jobs/registry.js';
import { policyValue } from '../../platform/policy/policy.js';
import { BillingError } from './errors.js';
import { insertEstimates } from './estimates.js';
import * as repo from './repo.js';
import type { Bill, BillingRun, NewTariff, RunPreview, Tariff } from './schemas.js';

export const BILLING_RUN_TASK = 'billing.run';
const DEFAULT_CHUNK = 20_000;

// ---------------------------------------------------------------- tariffs (BIL-1)

type TierRow = { tier: number; from: string; upTo: string | null; price: string };

/** The tiers of a new tariff, checked: a price or tiers, bounds rising, the last unbounded. */
function tiersOf(input: NewTariff): TierRow[] {
  const hasPrice = input.price != null;
  const hasTiers = input.tiers != null && input.tiers.length > 0;
  if (hasPrice === hasTiers) throw BillingError('PRICE_OR_TIERS', { field: 'price' });
  const raw = hasTiers ? input.tiers! : [{ upTo: null, price: input.price! }];
  const tiers: TierRow[] = [];
  let lower = new Decimal(0);
  raw.forEach((t, i) => {
    const last = i === raw.length - 1;
    const upTo = t.upTo == null ? null : new Decimal(t.upTo);
    if ((upTo === null) !== last || upTo?.lte(lower))
      throw BillingError('TIERS_NOT_ASCENDING', { field: `tiers.${i}.upTo` });
    tiers.push({ tier: i + 1, from: lower.toFixed(3), upTo: upTo?.toFixed(3) ?? null, price: t.price });
    if (upTo) lower = upTo;
  });
  return tiers;
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The overlap check of a tariff of a nature (under a lock of the nature): active and pending tariffs count.
 * `supersedes` is the active tariff a new price version replaces; it must be of the nature and start before.
 */
async function checkPlacement(
  tx: Queryable,
  companyId: string,
  t: { usageNature: string; effectiveFrom: string; effectiveTo: string | null; supersedes?: string | null },
  except: string[] = [],
) {
  if (!(await repo.lockNature(tx, companyId, t.usageNature)))
    throw BillingError('UNKNOWN_NATURE', { field: 'usageNature', vars: { nature: t.usageNature } });
  let superseded: Tariff | null = null;
  if (t.supersedes) {
    superseded = await repo.findTariff(tx, companyId, t.supersedes);
    if (
      superseded?.status !== 'active' ||
      superseded.usageNature !== t.usageNature ||
      superseded.effectiveFrom >= t.effectiveFrom
    )
      throw BillingError('SUPERSEDES_INVALID', { field: 'supersedes' });
  }
  const skip = superseded ? [...except, superseded.id] : except;
  const other = await repo.overlappingTariff(tx, companyId, t.usageNature, t.effectiveFrom, t.effectiveTo, skip);
  if (other)
    throw BillingError('TARIFF_OVERLAP', {
      field: 'effectiveFrom',
      vars: { nature: t.usageNature, other: other.name, from: other.from, to: other.to ?? '—' },
    });
  return superseded;
}

/**
 * BIL-1: a tariff of a usage nature from its effective date, flat or tiered, in force at once. For set-up and
 * data brought over (the demo company, benches); the console files tariffs through `requestTariff`.
 */
export async function createTariff(tx: Queryable, actor: Actor, input: NewTariff): Promise<Tariff> {
  const tiers = tiersOf(input);
  const effectiveTo = input.effectiveTo ?? null;
  await checkPlacement(tx, actor.companyId, { ...input, effectiveTo, supersedes: null });
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

export const TARIFF_CHANGE_KIND = 'tariffChange';

export type TariffChangePayload =
  | {
      action: 'create';
      tariffId: string;
      usageNature: string;
      name: string;
      effectiveFrom: string;
      effectiveTo: string | null;
      supersedes: string | null;
      supersededName: string | null;
    }
  | {
      action: 'end';
      tariffId: string;
      usageNature: string;
      name: string;
      fromEffectiveTo: string | null;
      effectiveTo: string;
    };

/**
 * BIL-1: a new tariff (or a new price version superseding the tariff in force) is written `pending` and filed
 * for approval (kind tariffChange: department manager, then finance director). It counts for the overlap
 * check at once, is never billed while pending, and is activated by the final approval (checked again then).
 */
export async function requestTariff(tx: Tx, actor: Actor, principal: Principal, input: NewTariff): Promise<Tariff> {
  const tiers = tiersOf(input);
  const effectiveTo = input.effectiveTo ?? null;
  const superseded = await checkPlacement(tx, actor.companyId, { ...input, effectiveTo });
  const id = await repo.insertTariff(tx, actor.companyId, {
    usageNature: input.usageNature,
    name: input.name,
    effectiveFrom: input.effectiveFrom,
    effectiveTo,
    tiered: tiers.length > 1,
    tiers,
    createdBy: actor.userId,
    status: 'pending',
  });
  const payload: TariffChangePayload = {
    action: 'create',
    tariffId: id,
    usageNature: input.usageNature,
    name: input.name,
    effectiveFrom: input.effectiveFrom,
    effectiveTo,
    supersedes: superseded?.id ?? null,
    supersededName: superseded?.name ?? null,
  };
  const request = await fileRequest(tx, actor, principal, {
    kind: TARIFF_CHANGE_KIND,
    subjectType: 'tariff',
    subjectId: id,
    reason: input.reason || `新增气价「${input.name}」自 ${input.effectiveFrom} 起`,
    payload,
  });
  await repo.setTariffStatus(tx, actor.companyId, id, { approvalId: request.id });
  const created = (await repo.findTariff(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, { action: 'billing.tariffCreated', entityType: 'tariff', entityId: id, after: created });
  return created;
}

/** BIL-1: ending an active tariff earlier is a change through approval too. */
export async function requestTariffEnd(
  tx: Tx,
  actor: Actor,
  principal: Principal,
  id: string,
  input: { effectiveTo: string; reason: string },
) {
  const t = await getTariff(tx, actor.companyId, id);
  checkEnd(t, input.effectiveTo);
  const payload: TariffChangePayload = {
    action: 'end',
    tariffId: id,
    usageNature: t.usageNature,
    name: t.name,
    fromEffectiveTo: t.effectiveTo,
    effectiveTo: input.effectiveTo,
  };
  const request = await fileRequest(tx, actor, principal, {
    kind: TARIFF_CHANGE_KIND,
    subjectType: 'tariff',
    subjectId: id,
    reason: input.reason,
    payload,
  });
  return { approvalId: request.id, approvalNo: request.no, status: request.status };
}

function checkEnd(t: Tariff, effectiveTo: string) {
  if (t.status !== 'active')
    throw BillingError('TARIFF_NOT_ACTIVE', { vars: { name: t.name, status: t.status }, field: 'id' });
  if (effectiveTo < t.effectiveFrom || (t.effectiveTo !== null && effectiveTo >= t.effectiveTo))
    throw BillingError('END_NOT_EARLIER', {
      field: 'effectiveTo',
      vars: { from: t.effectiveFrom, to: t.effectiveTo ?? '—' },
    });
}

/** The final approval of a tariff change: checked again under the nature's lock, then applied. */
export async function applyTariffChange(tx: Tx, actor: Actor, p: TariffChangePayload) {
  const t = await getTariff(tx, actor.companyId, p.tariffId);
  if (p.action === 'end') {
    await repo.lockNature(tx, actor.companyId, t.usageNature);
    checkEnd(t, p.effectiveTo);
    await repo.setTariffEnd(tx, actor.companyId, t.id, p.effectiveTo);
    await recordAudit(tx, actor, {
      action: 'billing.tariffEnded',
      entityType: 'tariff',
      entityId: t.id,
      before: { effectiveTo: t.effectiveTo },
      after: { effectiveTo: p.effectiveTo },
    });
    return undefined;
  }
  if (t.status !== 'pending')
    throw BillingError('TARIFF_NOT_ACTIVE', { vars: { name: t.name, status: t.status }, field: 'id' });
  const superseded = await checkPlacement(tx, actor.companyId, { ...t, supersedes: p.supersedes }, [t.id]);
  if (superseded && (superseded.effectiveTo === null || superseded.effectiveTo >= t.effectiveFrom)) {
    const end = dayBefore(t.effectiveFrom);
    await repo.setTariffEnd(tx, actor.companyId, superseded.id, end);
    await recordAudit(tx, actor, {
      action: 'billing.tariffEnded',
      entityType: 'tariff',
      entityId: superseded.id,
      before: { effectiveTo: superseded.effectiveTo },
      after: { effectiveTo: end, supersededBy: t.id },
    });
  }
  await repo.setTariffStatus(tx, actor.companyId, t.id, { status: 'active' });
  await recordAudit(tx, actor, {
    action: 'billing.tariffActivated',
    entityType: 'tariff',
    entityId: t.id,
    before: { status: 'pending' },
    after: { status: 'active' },
  });
  return undefined;
}

/** A rejected (or withdrawn) new tariff is marked rejected: it no longer blocks the dates, and is never billed. */
export async function refuseTariffChange(tx: Tx, actor: Actor, p: TariffChangePayload) {
  if (p.action !== 'create') return;
  await repo.setTariffStatus(tx, actor.companyId, p.tariffId, { status: 'rejected' });
  await recordAudit(tx, actor, {
    action: 'billing.tariffRejected',
    entityType: 'tariff',
    entityId: p.tariffId,
    before: { status: 'pending' },
    after: { status: 'rejected' },
  });
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

/**
 * BIL-2 / BIL-6: what a run of the period would bill, estimate and skip if started now — shown before it is
 * started, so that a run is not started (and half the town estimated) before the round's uploads are in.
 * Counted at the end of the period, or today while it runs (as insertEstimates does).
 */
export async function previewRun(db: Queryable, companyId: string, period: string): Promise<RunPreview> {
  const today = businessToday();
  if (`${period}-01` > today) throw BillingError('PERIOD_NOT_CLOSED', { field: 'period', vars: { period } });
  const asOf = [lastDayOf(period), today].sort()[0]!;
  const [counts, withoutTariff] = await Promise.all([
    repo.runPreviewCounts(db, companyId, period, asOf),
    repo.accountsWithoutTariff(db, companyId, period, asOf),
  ]);
  return {
    period,
    asOf,
    ...counts,
    withoutTariffAccounts: withoutTariff.reduce((n, x) => n + x.accounts, 0),
    withoutTariff,
  };
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
  // BIL-6 / MTR-5: the estimates and broken-meter averages of the period, before the first chunk.
  if (first.cursor === null) {
    const [estimatePeriods, brokenPeriods] = await Promise.all([
      policyValue(db, companyId, 'bil.estimateAveragePeriods', asOf),
      policyValue(db, companyId, 'mtr.anomalyAveragePeriods', asOf),
    ]);
    await db.tx(async (tx) => {
      const made = await insertEstimates(tx, {
        companyId,
        period: first.period,
        estimatePeriods,
        brokenPeriods,
        userId: opts.postedBy ?? null,
      });
      if (made.estimated + made.broken > 0)
        await recordAudit(
          tx,
          { companyId, userId: opts.postedBy ?? null, name: 'billing' },
          { action: 'billing.readingsEstimated', entityType: 'billingRun', entityId: runId, after: made },
        );
    });
  }
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

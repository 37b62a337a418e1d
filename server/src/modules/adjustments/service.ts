import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { fileRequest } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, businessToday, startOfBusinessDay } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import { insertEntry } from '../ledger/repo.js';
import { AdjustmentError } from './errors.js';
import * as repo from './repo.js';
import type { Adjustment, ListAdjustmentsQuery, MeterFaultSummary, NewAdjustment } from './schemas.js';

export const ADJUSTMENT_KIND = 'adjustment';

const STATUS_ZH: Record<string, string> = {
  pending: '审批中',
  rejected: '已驳回',
  withdrawn: '已撤回',
  posted: '已入账',
  archived: '已归档',
};
export const KIND_ZH: Record<string, string> = {
  readingError: '抄表差错',
  masterDataError: '档案差错',
  meterFault: '表具故障',
  auditFinding: '稽查（窃气）',
  priceAdjustment: '调价',
  other: '其他',
};

export interface AdjustmentPayload {
  adjustmentId: string;
  adjustmentNo: string;
  accountNo: string;
  kind: string;
  direction: 'credit' | 'debit';
  amount: string;
}

function wrongStatus(status: string, action: { zh: string; en: string }) {
  return AdjustmentError('WRONG_STATUS', { vars: { status: { zh: STATUS_ZH[status] ?? status, en: status }, action } });
}

export async function getAdjustment(db: Queryable, companyId: string, id: string): Promise<Adjustment> {
  const a = await repo.findAdjustment(db, companyId, id);
  if (!a) throw AdjustmentError('NOT_FOUND');
  return a;
}

export async function listAdjustments(db: Queryable, companyId: string, q: ListAdjustmentsQuery) {
  const { items, total } = await repo.listAdjustments(db, companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** The largest amount the ledger holds (NUMERIC(14, 2)). */
const MAX_AMOUNT = new Decimal('999999999999.99');

/**
 * The amount of an application: given, or volume × price rounded half-up to 0.01 (both given: they must agree).
 * When both readings are given with a volume, the volume must be their difference.
 */
function amountOf(input: NewAdjustment): string {
  if (input.previousReading != null && input.currentReading != null && input.volume != null) {
    const diff = new Decimal(input.currentReading).minus(input.previousReading).abs();
    if (!diff.eq(input.volume))
      throw AdjustmentError('READINGS_MISMATCH', {
        field: 'volume',
        vars: { volume: input.volume, diff: diff.toFixed(3) },
      });
  }
  const computed =
    input.volume != null && input.price != null
      ? new Decimal(input.volume).times(input.price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
      : null;
  if (input.amount != null) {
    const amount = new Decimal(input.amount);
    if (computed && !computed.eq(amount))
      throw AdjustmentError('AMOUNT_MISMATCH', {
        field: 'amount',
        vars: { amount: amount.toFixed(2), computed: computed.toFixed(2) },
      });
    return amount.toFixed(2);
  }
  if (!computed || computed.lte(0)) throw AdjustmentError('AMOUNT_OR_VOLUME', { field: 'amount' });
  // The ledger holds NUMERIC(14, 2): volume × price beyond it is bad input, not a database error.
  if (computed.gt(MAX_AMOUNT))
    throw AdjustmentError('AMOUNT_TOO_LARGE', { field: 'amount', vars: { computed: computed.toFixed(2) } });
  return computed.toFixed(2);
}

/**
 * BIL-5 (000 §143): the application (退补气量气费申请单) is written `pending` and filed for approval (kind
 * `adjustment`, chain from policy); nothing reaches the ledger until the final approval.
 */
export async function applyAdjustment(
  tx: Tx,
  actor: Actor,
  principal: Principal,
  input: NewAdjustment,
): Promise<Adjustment> {
  const account = await repo.accountOf(tx, actor.companyId, input.accountId);
  if (!account) throw AdjustmentError('UNKNOWN_ACCOUNT', { field: 'accountId' });
  const amount = amountOf(input);
  const today = businessToday();
  const serial = await nextDailySerial(tx, actor.companyId, 'adjustment', today);
  const adjustmentNo = `TB-${today.replaceAll('-', '')}-${String(serial).padStart(4, '0')}`;
  const periods = [...new Set(input.periods)].sort();
  const id = await repo.insertAdjustment(tx, actor.companyId, {
    adjustmentNo,
    accountId: account.id,
    kind: input.kind,
    direction: input.direction,
    previousReading: input.previousReading ?? null,
    currentReading: input.currentReading ?? null,
    volume: input.volume ?? null,
    price: input.price ?? null,
    amount,
    periods,
    reason: input.reason,
    evidence: input.evidence ?? null,
    appliedBy: actor.userId!,
  });
  const payload: AdjustmentPayload = {
    adjustmentId: id,
    adjustmentNo,
    accountNo: account.accountNo,
    kind: input.kind,
    direction: input.direction,
    amount,
  };
  const request = await fileRequest(tx, actor, principal, {
    kind: ADJUSTMENT_KIND,
    subjectType: 'adjustment',
    subjectId: id,
    amount,
    reason: input.reason,
    payload,
  });
  await repo.setApproval(tx, actor.companyId, id, request.id);
  const created = await getAdjustment(tx, actor.companyId, id);
  await recordAudit(tx, actor, { action: 'adjustment.apply', entityType: 'adjustment', entityId: id, after: created });
  return created;
}

/** Filing an `adjustment` approval is only done by applying (the request names a pending, unfiled application). */
export async function checkFiling(tx: Tx, actor: Actor, p: AdjustmentPayload) {
  const row = await repo.lockAdjustment(tx, actor.companyId, p.adjustmentId);
  if (row?.status !== 'pending' || row.approvalId !== null) throw AdjustmentError('NOT_LINKED', { field: 'payload' });
}

/**
 * The final approval posts the adjustment to the ledger in the same transaction: kind 'adjustment', negative
 * for a credit, memo = the reason, source = the adjustment (unique: never posted twice); a debit falls due
 * bil.residentialDueDays / bil.commercialDueDays after posting.
 */
export async function postAdjustment(tx: Tx, actor: Actor, p: AdjustmentPayload) {
  const row = await repo.lockAdjustment(tx, actor.companyId, p.adjustmentId);
  if (!row) throw AdjustmentError('NOT_FOUND');
  if (row.status !== 'pending') throw wrongStatus(row.status, { zh: '入账', en: 'posted' });
  const a = await getAdjustment(tx, actor.companyId, p.adjustmentId);
  const today = businessToday();
  let dueOn: string | null = null;
  if (a.direction === 'debit') {
    const key = a.customerKind === 'residential' ? 'bil.residentialDueDays' : 'bil.commercialDueDays';
    dueOn = addDays(today, await policyValue(tx, actor.companyId, key, today));
  }
  const ledgerEntryId = await insertEntry(tx, actor.companyId, {
    accountId: a.accountId,
    kind: 'adjustment',
    period: a.periods.at(-1) ?? null,
    amount: a.signedAmount,
    dueOn,
    memo: a.reason,
    postedBy: actor.userId,
    sourceId: a.id,
  });
  await repo.markPosted(tx, actor.companyId, a.id, { ledgerEntryId, dueOn });
  await recordAudit(tx, actor, {
    action: 'adjustment.post',
    entityType: 'adjustment',
    entityId: a.id,
    before: { status: 'pending' },
    after: { status: 'posted', ledgerEntryId, amount: a.signedAmount, dueOn },
  });
  return { adjustmentNo: a.adjustmentNo, ledgerEntryId };
}

/** A rejected or withdrawn application posts nothing; it is marked so in the decision's transaction. */
export async function settleRefused(tx: Tx, actor: Actor, p: AdjustmentPayload, status: 'rejected' | 'withdrawn') {
  const row = await repo.lockAdjustment(tx, actor.companyId, p.adjustmentId);
  if (row?.status !== 'pending') return;
  await repo.setStatus(tx, actor.companyId, p.adjustmentId, status);
  await recordAudit(tx, actor, {
    action: `adjustment.${status === 'rejected' ? 'reject' : 'withdraw'}`,
    entityType: 'adjustment',
    entityId: p.adjustmentId,
    before: { status: 'pending' },
    after: { status },
  });
}

/** 000 §143: the admin team (综合管理班) reviews the posted adjustment and archives it with its archive number. */
export async function archiveAdjustment(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { archiveNo?: string | null },
): Promise<Adjustment> {
  const row = await repo.lockAdjustment(tx, actor.companyId, id);
  if (!row) throw AdjustmentError('NOT_FOUND');
  if (row.status !== 'posted') throw wrongStatus(row.status, { zh: '归档', en: 'archived' });
  let archiveNo = input.archiveNo ?? null;
  if (archiveNo) {
    if (await repo.archiveNoTaken(tx, actor.companyId, archiveNo))
      throw AdjustmentError('ARCHIVE_NO_TAKEN', { field: 'archiveNo', vars: { archiveNo } });
  } else {
    const today = businessToday();
    const serial = await nextDailySerial(tx, actor.companyId, 'adjustmentArchive', today);
    archiveNo = `GD-${today.replaceAll('-', '')}-${String(serial).padStart(3, '0')}`;
  }
  await repo.markArchived(tx, actor.companyId, id, archiveNo, actor.userId!);
  const after = await getAdjustment(tx, actor.companyId, id);
  await recordAudit(tx, actor, {
    action: 'adjustment.archive',
    entityType: 'adjustment',
    entityId: id,
    before: { status: 'posted' },
    after: { status: 'archived', archiveNo, archivedAt: after.archivedAt },
  });
  return after;
}

// ---------------------------------------------------------------- meter-fault summaries (BIL-5)

const monthOf = (day: string) => day.slice(0, 7);
const nextMonthStart = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * BIL-5 (000 §143 (三)): the 维修换表退补汇总表 of a month takes every posted meter-fault adjustment not in an
 * earlier summary, up to the end of the summary day (or now, when built earlier). One per company and
 * month: the job's rerun answers null and writes nothing; a second build on demand is 409.
 */
export async function buildMeterFaultSummary(
  tx: Tx,
  actor: Actor,
  month: string,
  opts: { now?: Date; onDemand?: boolean } = {},
): Promise<MeterFaultSummary | null> {
  const now = opts.now ?? new Date();
  const today = businessToday(now);
  if (month > monthOf(today)) throw AdjustmentError('MONTH_NOT_STARTED', { field: 'month', vars: { month } });
  const day = await policyValue(tx, actor.companyId, 'bil.meterFaultAdjustmentSummaryDay', today);
  // The end of the summary day of the month (a month shorter than the day ends at its last day).
  const lastOfMonth = addDays(nextMonthStart(month), -1);
  const summaryDay = `${month}-${String(day).padStart(2, '0')}`;
  const endDay = summaryDay > lastOfMonth ? lastOfMonth : summaryDay;
  const end = startOfBusinessDay(addDays(endDay, 1));
  const cutoff = new Date(Math.min(end.getTime(), now.getTime()));
  const id = await repo.buildSummary(tx, actor.companyId, { month, builtOn: today, cutoff, builtBy: actor.userId });
  if (!id) {
    if (opts.onDemand) throw AdjustmentError('SUMMARY_EXISTS', { field: 'month', vars: { month } });
    return null;
  }
  const summary = (await repo.findSummary(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'adjustment.meterFaultSummary',
    entityType: 'meterFaultSummary',
    entityId: id,
    after: summary,
  });
  return summary;
}

/** The scheduled check: on or after the summary day of the current month, the month's summary is built once. */
export async function summaryDue(tx: Tx, companyId: string, now: Date = new Date()) {
  const today = businessToday(now);
  const day = await policyValue(tx, companyId, 'bil.meterFaultAdjustmentSummaryDay', today);
  const lastOfMonth = addDays(nextMonthStart(monthOf(today)), -1);
  const summaryDay = `${monthOf(today)}-${String(day).padStart(2, '0')}`;
  if (today < (summaryDay > lastOfMonth ? lastOfMonth : summaryDay)) return null;
  return buildMeterFaultSummary(tx, { companyId, userId: null, name: '系统' }, monthOf(today), { now });
}

export async function getSummary(db: Queryable, companyId: string, id: string) {
  const s = await repo.findSummary(db, companyId, id);
  if (!s) throw AdjustmentError('SUMMARY_NOT_FOUND');
  return { ...s, items: await repo.summaryItems(db, companyId, id) };
}

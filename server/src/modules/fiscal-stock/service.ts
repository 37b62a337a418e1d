import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, businessToday, startOfBusinessDay } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { FiscalStockError } from './errors.js';
import type { RangeRow } from './repo.js';
import * as repo from './repo.js';
import type { CountReport, FiscalNumber, IssueInput, NewBatch, NewRequest, Range } from './schemas.js';

/** At most this many numbers in one batch, issue or loss (a sanity bound, not a rule). */
const MAX_SPAN = 1_000_000n;

const KIND_ZH: Record<string, string> = {
  receipt: '收据',
  invoiceGeneral: '增值税普通发票',
  invoiceSpecial: '增值税专用发票',
};
const STATUS_ZH: Record<string, string> = { issued: '待核对', open: '使用中', closed: '已结束' };

const pad = (n: bigint, width: number) => n.toString().padStart(width, '0');

/** A [from, to] pair of fixed-width numbers: same width, in order, bounded. */
function span(fromNo: string, toNo: string) {
  if (fromNo.length !== toNo.length)
    throw FiscalStockError('WIDTH_MISMATCH', { field: 'toNo', vars: { width: fromNo.length } });
  const from = BigInt(fromNo);
  const to = BigInt(toNo);
  if (to < from) throw FiscalStockError('RANGE_REVERSED', { field: 'toNo' });
  if (to - from + 1n > MAX_SPAN)
    throw FiscalStockError('RANGE_TOO_LARGE', { field: 'toNo', vars: { max: MAX_SPAN.toString() } });
  return { from, to, width: fromNo.length };
}

function wrongStatus(status: string, action: { zh: string; en: string }) {
  return FiscalStockError('WRONG_STATUS', {
    vars: { status: { zh: STATUS_ZH[status] ?? status, en: status }, action },
  });
}

// ---------------------------------------------------------------- requests

/**
 * PAY-5 (000 §62): stock is requested at least pay.receiptRequestLeadDays (7) before it is needed. A later request
 * is recorded all the same, marked late, and answered with a warning.
 */
export async function fileRequest(tx: Tx, actor: Actor, input: NewRequest) {
  const today = businessToday();
  const lead = await policyValue(tx, actor.companyId, 'pay.receiptRequestLeadDays', today);
  const late = input.neededBy < addDays(today, lead);
  const id = await repo.insertRequest(tx, actor.companyId, {
    kind: input.kind,
    quantity: input.quantity,
    neededBy: input.neededBy,
    requestedOn: today,
    late,
    note: input.note ?? null,
    by: actor.userId!,
  });
  const created = (await repo.findRequest(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'fiscalStock.request',
    entityType: 'fiscalStockRequest',
    entityId: id,
    after: created,
  });
  const warning = late
    ? `领用需求应至少提前 ${lead} 天上报（需用日期 ${input.neededBy}）/ Requests are due ${lead} days ahead of ${input.neededBy}`
    : null;
  return { ...created, warning };
}

// ---------------------------------------------------------------- batches

/** PAY-5: the keeper receives a batch into stock; batches of a series never overlap (checked under a lock). */
export async function receiveBatch(tx: Tx, actor: Actor, input: NewBatch) {
  const { from, to } = span(input.fromNo, input.toNo);
  await repo.lockSeries(tx, actor.companyId, input.kind, input.series);
  const clash = await repo.overlappingBatch(tx, actor.companyId, input.kind, input.series, from, to);
  if (clash)
    throw FiscalStockError('BATCH_OVERLAP', {
      field: from >= BigInt(clash.fromNo) ? 'fromNo' : 'toNo',
      vars: { from: clash.fromNo, to: clash.toNo },
    });
  if (input.requestId && !(await repo.markRequestDone(tx, actor.companyId, input.requestId)))
    throw FiscalStockError('BATCH_NOT_FOUND', { field: 'requestId' });
  const id = await repo.insertBatch(tx, actor.companyId, {
    kind: input.kind,
    series: input.series,
    fromNo: input.fromNo,
    toNo: input.toNo,
    parts: input.parts,
    receivedOn: input.receivedOn ?? businessToday(),
    by: actor.userId!,
    requestId: input.requestId ?? null,
    note: input.note ?? null,
  });
  const batch = (await repo.findBatch(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'fiscalStock.receive',
    entityType: 'fiscalBatch',
    entityId: id,
    after: batch,
  });
  return batch;
}

export async function getBatch(db: Queryable, companyId: string, id: string) {
  const batch = await repo.findBatch(db, companyId, id);
  if (!batch) throw FiscalStockError('BATCH_NOT_FOUND');
  const ranges = await repo.listRanges(db, companyId, { batchId: id, page: 1, pageSize: 200, order: 'asc' });
  return { ...batch, ranges: ranges.items };
}

// ---------------------------------------------------------------- issue

/**
 * PAY-5: a sub-range of a batch is issued to a holder (a user holding fiscal.stock.use). Ranges of a series never
 * overlap: the batch row is locked, so two issues from one batch are checked one after the other (and batches of a
 * series never overlap, so neither do ranges of different batches).
 */
export async function issueRange(tx: Tx, actor: Actor, input: IssueInput): Promise<Range> {
  const batch = await repo.lockBatch(tx, actor.companyId, input.batchId);
  if (!batch) throw FiscalStockError('BATCH_NOT_FOUND', { field: 'batchId' });
  if ((await repo.holders(tx, actor.companyId, input.holderId)).length === 0)
    throw FiscalStockError('UNKNOWN_HOLDER', { field: 'holderId' });
  if (input.fromNo.length !== batch.width)
    throw FiscalStockError('WIDTH_MISMATCH', { field: 'fromNo', vars: { width: batch.width } });
  const { from, to } = span(input.fromNo, input.toNo);
  const outside = { vars: { from: batch.fromNo, to: batch.toNo } };
  if (from < BigInt(batch.fromN) || from > BigInt(batch.toN))
    throw FiscalStockError('OUTSIDE_BATCH', { field: 'fromNo', ...outside });
  if (to > BigInt(batch.toN)) throw FiscalStockError('OUTSIDE_BATCH', { field: 'toNo', ...outside });
  const clash = await repo.overlappingRange(tx, actor.companyId, batch.kind, batch.series, from, to);
  if (clash)
    throw FiscalStockError('RANGE_OVERLAP', {
      field: from >= BigInt(clash.fromNo) ? 'fromNo' : 'toNo',
      vars: { from: clash.fromNo, to: clash.toNo, holder: clash.holder },
    });
  const id = await repo.insertRange(tx, actor.companyId, {
    batchId: batch.id,
    kind: batch.kind,
    series: batch.series,
    holderId: input.holderId,
    from,
    to,
    issuedOn: businessToday(),
    by: actor.userId!,
  });
  const range = (await repo.findRange(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, { action: 'fiscalStock.issue', entityType: 'fiscalRange', entityId: id, after: range });
  return range;
}

/** A range as its holder or a reader sees it (a holder without fiscal.stock.read sees only their own). */
export async function getRange(
  db: Queryable,
  companyId: string,
  id: string,
  viewer?: { userId: string; canRead: boolean },
) {
  const range = await repo.findRange(db, companyId, id);
  if (!range || (viewer && !viewer.canRead && range.holder.id !== viewer.userId))
    throw FiscalStockError('RANGE_NOT_FOUND');
  return range;
}

async function lockOwnRange(tx: Tx, actor: Actor, id: string): Promise<RangeRow> {
  const row = await repo.lockRange(tx, actor.companyId, id);
  if (!row) throw FiscalStockError('RANGE_NOT_FOUND');
  if (row.holderId !== actor.userId) throw FiscalStockError('NOT_HOLDER');
  return row;
}

/**
 * PAY-5 (000 §62 收据启用前，应检查有无缺联、缺号): the holder counts the copies before use and reports the missing
 * numbers; each is voided (cause `missing`) with the reason, and the range is open for use. The count must agree
 * with the range less the missing numbers.
 */
export async function checkRange(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { count: number; missing: string[]; note?: string | null },
): Promise<Range> {
  const row = await lockOwnRange(tx, actor, id);
  if (row.status !== 'issued') throw wrongStatus(row.status, { zh: '核对', en: 'checked' });
  const from = BigInt(row.fromN);
  const end = BigInt(row.endN);
  const missing = [...new Set(input.missing)];
  missing.forEach((m, i) => {
    const n = BigInt(m);
    if (m.length !== row.width || n < from || n > end)
      throw FiscalStockError('MISSING_OUTSIDE', { field: `missing.${i}`, vars: { number: m } });
  });
  const total = Number(end - from + 1n);
  if (input.count !== total - missing.length)
    throw FiscalStockError('COUNT_MISMATCH', {
      field: 'count',
      vars: { count: input.count, total, missing: missing.length },
    });
  const reason = `启用前核对缺号${input.note ? `：${input.note}` : ''}`;
  for (const m of missing) {
    const n = BigInt(m);
    await repo.voidSpan(tx, actor.companyId, row, {
      from: n,
      to: n,
      cause: 'missing',
      reason,
      lossId: null,
      by: actor.userId,
    });
  }
  await repo.markChecked(tx, actor.companyId, id, input.count, input.note ?? null);
  const after = (await repo.findRange(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'fiscalStock.check',
    entityType: 'fiscalRange',
    entityId: id,
    before: { status: 'issued' },
    after: { status: 'open', count: input.count, missing },
  });
  return after;
}

/** The lowest number of the holder's open ranges (of a kind) not used or voided. */
export async function nextNumber(db: Queryable, companyId: string, holderId: string, kind?: string) {
  const { items } = await repo.listRanges(db, companyId, {
    holderId,
    kind: kind as 'receipt' | undefined,
    status: 'open',
    page: 1,
    pageSize: 200,
    order: 'asc',
  });
  const r = items.find((x) => x.nextNo !== null);
  return r ? { kind: r.kind, series: r.series, number: r.nextNo!, rangeId: r.id } : null;
}

// ---------------------------------------------------------------- use and void

/**
 * PAY-5: a number is used once, by its holder, inside a range of theirs that was checked before use. Exported for
 * the payments module (a receipt or invoice printed for a payment): call it in the payment's transaction.
 * A number outside the holder's ranges, in an unchecked range, used or voided already → 400 naming `number`.
 */
export async function useNumber(
  tx: Tx,
  actor: Actor,
  holderId: string,
  kind: string,
  number: string,
  opts: { series?: string; reference?: string | null } = {},
): Promise<FiscalNumber> {
  // Callers outside the routes (payments) may pass what a cashier typed: not a number → 400, never a 500.
  if (!/^[0-9]{1,12}$/.test(number))
    throw FiscalStockError('NUMBER_OUTSIDE_RANGE', { field: 'number', vars: { number } });
  const n = BigInt(number);
  const ranges = await repo.rangesHolding(tx, actor.companyId, {
    kind,
    series: opts.series,
    n,
    width: number.length,
    holderId,
  });
  if (ranges.length === 0) throw FiscalStockError('NUMBER_OUTSIDE_RANGE', { field: 'number', vars: { number } });
  const open = ranges.find((r) => r.status === 'open');
  if (!open) {
    const r = ranges[0]!;
    throw FiscalStockError('RANGE_NOT_CHECKED', {
      field: 'number',
      vars: { from: pad(BigInt(r.fromN), r.width), to: pad(BigInt(r.endN), r.width) },
    });
  }
  const id = await repo.insertNumber(tx, actor.companyId, {
    rangeId: open.id,
    kind,
    series: open.series,
    n,
    number,
    status: 'used',
    reference: opts.reference ?? null,
    by: actor.userId,
  });
  if (!id) {
    const taken = await repo.findNumber(tx, actor.companyId, kind, open.series, n);
    throw FiscalStockError(taken?.status === 'voided' ? 'NUMBER_VOIDED' : 'NUMBER_USED', {
      field: 'number',
      vars: { number },
    });
  }
  const used = (await repo.findNumber(tx, actor.companyId, kind, open.series, n))!;
  await recordAudit(tx, actor, { action: 'fiscalStock.use', entityType: 'fiscalNumber', entityId: id, after: used });
  return used;
}

/**
 * PAY-5 (000 §62 收据开具错误，应将全部联次作废): a number is voided with all its parts and the reason. The holder
 * voids numbers of their own ranges; the keeper (`asKeeper`) any number issued. A used number may be voided (a
 * receipt written wrongly); a voided one cannot be voided again.
 */
export async function voidNumber(
  tx: Tx,
  actor: Actor,
  input: { kind: string; series: string; number: string; cause: string; reason: string },
  asKeeper: boolean,
): Promise<FiscalNumber> {
  const n = BigInt(input.number);
  const ranges = await repo.rangesHolding(tx, actor.companyId, {
    kind: input.kind,
    series: input.series,
    n,
    width: input.number.length,
    holderId: asKeeper ? undefined : actor.userId!,
    anyStatus: asKeeper,
  });
  const range = ranges[0];
  if (!range) throw FiscalStockError('NUMBER_OUTSIDE_RANGE', { field: 'number', vars: { number: input.number } });
  const before = await repo.findNumber(tx, actor.companyId, input.kind, input.series, n);
  if (before?.status === 'voided')
    throw FiscalStockError('NUMBER_VOIDED', { field: 'number', vars: { number: input.number } });
  const v = { cause: input.cause, reason: input.reason, parts: range.parts, by: actor.userId };
  if (before) await repo.voidUsed(tx, actor.companyId, before.id, v);
  else
    await repo.insertNumber(tx, actor.companyId, {
      rangeId: range.id,
      kind: input.kind,
      series: input.series,
      n,
      number: input.number,
      status: 'voided',
      ...v,
    });
  const after = (await repo.findNumber(tx, actor.companyId, input.kind, input.series, n))!;
  await recordAudit(tx, actor, {
    action: 'fiscalStock.void',
    entityType: 'fiscalNumber',
    entityId: after.id,
    before: before ?? undefined,
    after,
  });
  return after;
}

// ---------------------------------------------------------------- loss

/**
 * PAY-5 (000 §64): a loss is reported in writing the same day; the unused numbers of the lost span are voided
 * (cause `lost`), the report is late when filed after the day of the loss, and it stays open on the keeper's list
 * (the alert) until the keeper acknowledges it.
 */
export async function reportLoss(
  tx: Tx,
  actor: Actor,
  input: { rangeId: string; fromNo: string; toNo: string; lostOn: string; description: string },
) {
  const row = await lockOwnRange(tx, actor, input.rangeId);
  if (row.status === 'closed') throw wrongStatus(row.status, { zh: '报失', en: 'reported lost' });
  const { from, to } = span(input.fromNo, input.toNo);
  if (input.fromNo.length !== row.width || from < BigInt(row.fromN) || from > BigInt(row.endN))
    throw FiscalStockError('NUMBER_OUTSIDE_RANGE', { field: 'fromNo', vars: { number: input.fromNo } });
  if (to > BigInt(row.endN))
    throw FiscalStockError('NUMBER_OUTSIDE_RANGE', { field: 'toNo', vars: { number: input.toNo } });
  const today = businessToday();
  if (input.lostOn > today) throw FiscalStockError('LOST_IN_FUTURE', { field: 'lostOn' });
  const id = await repo.insertLoss(tx, actor.companyId, {
    range: row,
    from,
    to,
    lostOn: input.lostOn,
    reportedOn: today,
    late: input.lostOn < today,
    description: input.description,
    by: actor.userId!,
  });
  const voided = await repo.voidSpan(tx, actor.companyId, row, {
    from,
    to,
    cause: 'lost',
    reason: `丢失：${input.description}`,
    lossId: id,
    by: actor.userId,
  });
  const loss = (await repo.findLoss(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'fiscalStock.loss',
    entityType: 'fiscalLoss',
    entityId: id,
    after: { ...loss, voided },
  });
  return loss;
}

export async function acknowledgeLoss(tx: Tx, actor: Actor, id: string) {
  if (!(await repo.lossExists(tx, actor.companyId, id))) throw FiscalStockError('LOSS_NOT_FOUND');
  if (!(await repo.acknowledgeLoss(tx, actor.companyId, id, actor.userId!))) throw FiscalStockError('ACKNOWLEDGED');
  const loss = (await repo.findLoss(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'fiscalStock.lossAcknowledge',
    entityType: 'fiscalLoss',
    entityId: id,
    after: loss,
  });
  return loss;
}

// ---------------------------------------------------------------- hand-over

/**
 * PAY-5 (000 §62 调岗或离职时…进行系统上交): the unused rest of a range — every number after the last one used or
 * voided — moves to another holder (a new range, to be checked before use) or back to stock; the range keeps what
 * was used and is closed. Both sides sign the hand-over record.
 */
export async function handOver(
  tx: Tx,
  actor: Actor,
  input: {
    rangeId: string;
    toHolderId: string | null;
    reason: string;
    note?: string | null;
    fromSignature: string;
    toSignature: string;
  },
) {
  const pre = await repo.lockRange(tx, actor.companyId, input.rangeId);
  if (!pre) throw FiscalStockError('RANGE_NOT_FOUND', { field: 'rangeId' });
  // Lock order as for an issue: the batch, then the range.
  await repo.lockBatch(tx, actor.companyId, pre.batchId);
  const row = (await repo.lockRange(tx, actor.companyId, input.rangeId))!;
  if (row.status === 'closed') throw wrongStatus(row.status, { zh: '交接', en: 'handed over' });
  if (input.toHolderId) {
    if (input.toHolderId === row.holderId) throw FiscalStockError('SAME_HOLDER', { field: 'toHolderId' });
    if ((await repo.holders(tx, actor.companyId, input.toHolderId)).length === 0)
      throw FiscalStockError('UNKNOWN_HOLDER', { field: 'toHolderId' });
  }
  const last = await repo.lastTaken(tx, actor.companyId, row.id);
  const restFrom = last === null ? BigInt(row.fromN) : BigInt(last) + 1n;
  const end = BigInt(row.endN);
  const count = restFrom <= end ? Number(end - restFrom + 1n) : 0;
  const id = await repo.insertHandover(tx, actor.companyId, {
    rangeId: row.id,
    fromHolderId: row.holderId,
    toHolderId: input.toHolderId,
    from: count ? restFrom : null,
    to: count ? end : null,
    count,
    reason: input.reason,
    note: input.note ?? null,
    fromSignature: input.fromSignature,
    toSignature: input.toSignature,
    by: actor.userId!,
  });
  // Numbers skipped below the last one used (neither used nor voided) stay with the closed range: they are voided,
  // so the range and the monthly count still account for every number.
  const skipped =
    restFrom > BigInt(row.fromN)
      ? await repo.voidSpan(tx, actor.companyId, row, {
          from: BigInt(row.fromN),
          to: restFrom - 1n,
          cause: 'other',
          reason: `交接时跳号未用（${input.reason}）`,
          lossId: null,
          by: actor.userId,
        })
      : 0;
  await repo.closeRange(tx, actor.companyId, row.id, restFrom - 1n);
  let toRangeId: string | null = null;
  if (count && input.toHolderId) {
    toRangeId = await repo.insertRange(tx, actor.companyId, {
      batchId: row.batchId,
      kind: row.kind,
      series: row.series,
      holderId: input.toHolderId,
      from: restFrom,
      to: end,
      issuedOn: businessToday(),
      by: actor.userId!,
      handoverId: id,
    });
    await repo.setHandoverRange(tx, actor.companyId, id, toRangeId);
  }
  const handover = (await repo.findHandover(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'fiscalStock.handover',
    entityType: 'fiscalHandover',
    entityId: id,
    before: { rangeId: row.id, holderId: row.holderId, endNo: pad(end, row.width) },
    after: { ...handover, skippedVoided: skipped },
  });
  return handover;
}

// ---------------------------------------------------------------- monthly count

const monthOf = (day: string) => day.slice(0, 7);
const nextMonthStart = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * PAY-5 (000 §62 次月1日上报票据盘点表): the count of a month per holder and series. One per company and month:
 * the job's rerun answers null; a second build on demand is 409. Built before the month ends, remaining is as of
 * the build.
 */
export async function buildCountReport(
  tx: Tx,
  actor: Actor,
  month: string,
  opts: { now?: Date; onDemand?: boolean } = {},
): Promise<CountReport | null> {
  const now = opts.now ?? new Date();
  const today = businessToday(now);
  if (month > monthOf(today)) throw FiscalStockError('MONTH_NOT_STARTED', { field: 'month', vars: { month } });
  const start = startOfBusinessDay(`${month}-01`);
  const end = startOfBusinessDay(nextMonthStart(month));
  const cutoff = new Date(Math.min(end.getTime(), now.getTime()));
  const rows = await repo.countRows(tx, actor.companyId, start, cutoff);
  const id = await repo.insertReport(tx, actor.companyId, { month, builtOn: today, by: actor.userId, rows });
  if (!id) {
    if (opts.onDemand) throw FiscalStockError('REPORT_EXISTS', { field: 'month', vars: { month } });
    return null;
  }
  const report = (await repo.findReport(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'fiscalStock.count',
    entityType: 'fiscalCountReport',
    entityId: id,
    after: { month, rows: rows.length },
  });
  return report;
}

/** The scheduled check: from day pay.stockCountReportDay of a month, the previous month's count is built once. */
export async function countReportDue(tx: Tx, companyId: string, now: Date = new Date()) {
  const today = businessToday(now);
  const day = await policyValue(tx, companyId, 'pay.stockCountReportDay', today);
  const lastOfMonth = addDays(nextMonthStart(monthOf(today)), -1);
  const reportDay = `${monthOf(today)}-${String(day).padStart(2, '0')}`;
  if (today < (reportDay > lastOfMonth ? lastOfMonth : reportDay)) return null;
  return buildCountReport(tx, { companyId, userId: null, name: '系统' }, previousMonth(monthOf(today)), { now });
}

export async function getReport(db: Queryable, companyId: string, id: string) {
  const r = await repo.findReport(db, companyId, id);
  if (!r) throw FiscalStockError('REPORT_NOT_FOUND');
  return r;
}

export { KIND_ZH };

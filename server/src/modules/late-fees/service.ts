import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { computeChain } from '../../platform/approvals/chain.js';
import type { DecidedRequest } from '../../platform/approvals/registry.js';
import { fileRequest } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import { accountBalance } from '../ledger/service.js';
import { lateFeesOf, lateFeeWording } from './accrual.js';
import { LateFeeError } from './errors.js';
import { CATEGORY_NAMES, reasonOf, type WaiverCategory } from './reasons.js';
import * as repo from './repo.js';

export const WAIVER_KIND = 'lateFeeWaiver';

export interface WaiverPayload {
  waiverId: string;
  accountId: string;
  accountNo: string;
  category: WaiverCategory;
  reason: string;
  amount: string;
}

export interface WaiverInput {
  accountId: string;
  entryIds: string[];
  category: WaiverCategory;
  reason: string;
  amount: string;
  note?: string | null | undefined;
}

const STATUS_ZH = { pending: '审批中', approved: '已通过', rejected: '已驳回', withdrawn: '已撤回' } as const;

export function waiverDto(w: repo.WaiverRow) {
  const reason = reasonOf(w.reason);
  return {
    ...w,
    reasonName: reason ? { zh: reason.zh, en: reason.en } : { zh: w.reason, en: w.reason },
    categoryName: CATEGORY_NAMES[w.category],
  };
}
export type WaiverDto = ReturnType<typeof waiverDto>;

async function requireAccount(db: Queryable, companyId: string, accountId: string, lock = false) {
  const account = await repo.findAccount(db, companyId, accountId, lock);
  if (!account) throw LateFeeError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  return account;
}

/**
 * The late fee of each debt that a new waiver may still take off: accrued to today, less the approved and the
 * pending waivers on it (a pending one holds its amount, so two requests cannot waive the same yuan).
 */
async function waivableDebts(db: Queryable, companyId: string, accountId: string, today: string) {
  const fees = (await lateFeesOf(db, companyId, [accountId], today)).get(accountId)!;
  const reserved = await repo.reservedByEntry(
    db,
    companyId,
    fees.debts.map((d) => d.entryId),
  );
  return {
    fees,
    debts: fees.debts.map((d) => ({
      ...d,
      // The fee still due (after approved waivers and what payments already collected, PAY-1) less the pending
      // waivers: a collected fee cannot be waived again.
      waivable: Decimal.max(
        0,
        new Decimal(d.lateFee).minus(new Decimal(reserved.get(d.entryId) ?? 0).minus(d.waived)),
      ).toFixed(2),
    })),
  };
}

/**
 * BIL-4: a clerk asks to waive (or reduce) the late fee of some debts of an account. The amount is at most what
 * those debts' late fees still allow; it is spread over them oldest first. The waiver is recorded pending and
 * filed for approval (kind lateFeeWaiver); the chain — one to six levels by the amount — signs in order, and
 * only the final approval makes it count.
 */
export async function requestWaiver(
  tx: Tx,
  actor: Actor,
  principal: Principal,
  input: WaiverInput,
): Promise<WaiverDto> {
  const reason = reasonOf(input.reason);
  if (!reason || reason.category !== input.category) {
    throw LateFeeError('REASON_NOT_IN_CATEGORY', {
      field: 'reason',
      vars: { reason: reason?.zh ?? input.reason, category: CATEGORY_NAMES[input.category] },
    });
  }
  const account = await requireAccount(tx, actor.companyId, input.accountId, true);
  const today = businessToday();
  const { debts } = await waivableDebts(tx, actor.companyId, account.id, today);
  const wanted = new Set(input.entryIds);
  const chosen = debts.filter((d) => wanted.has(d.entryId));
  if (chosen.length !== wanted.size || chosen.some((d) => new Decimal(d.accrued).lte(0))) {
    throw LateFeeError('DEBT_NOT_FOUND', { field: 'entryIds' });
  }
  const amount = new Decimal(input.amount);
  const max = chosen.reduce((s, d) => s.plus(d.waivable), new Decimal(0));
  if (amount.lte(0) || amount.gt(max)) {
    throw LateFeeError('AMOUNT_ABOVE_FEE', {
      field: 'amount',
      vars: { amount: amount.toFixed(2), max: max.toFixed(2) },
      details: { max: max.toFixed(2) },
    });
  }
  // Oldest debt first, each up to what it still allows.
  let left = amount;
  const split: { entryId: string; amount: string }[] = [];
  for (const d of chosen) {
    if (left.lte(0)) break;
    const take = Decimal.min(left, d.waivable);
    if (take.gt(0)) split.push({ entryId: d.entryId, amount: take.toFixed(2) });
    left = left.minus(take);
  }
  const steps = await computeChain(tx, actor.companyId, WAIVER_KIND, amount.toFixed(2), today);
  const note = input.note?.trim() || null;
  const id = await repo.insertWaiver(tx, actor.companyId, {
    accountId: account.id,
    category: input.category,
    reason: input.reason,
    note,
    amount: amount.toFixed(2),
    accrued: max.toFixed(2),
    levels: steps.length,
    requestedBy: actor.userId!,
    requestedOn: today,
    debts: split,
  });
  const payload: WaiverPayload = {
    waiverId: id,
    accountId: account.id,
    accountNo: account.accountNo,
    category: input.category,
    reason: input.reason,
    amount: amount.toFixed(2),
  };
  const request = await fileRequest(tx, actor, principal, {
    kind: WAIVER_KIND,
    subjectType: 'account',
    subjectId: account.id,
    amount: amount.toFixed(2),
    reason: `${CATEGORY_NAMES[input.category].zh}违约金：${reason.zh}${note ? `（${note}）` : ''}`,
    payload,
  });
  await repo.setApproval(tx, actor.companyId, id, request.id);
  const created = waiverDto((await repo.findWaiver(tx, actor.companyId, id))!);
  await recordAudit(tx, actor, {
    action: 'lateFee.waiverRequested',
    entityType: 'lateFeeWaiver',
    entityId: id,
    after: created,
  });
  return created;
}

/** The approval kind's check when filing: a waiver is filed only by requestWaiver, once. */
export async function checkWaiverFiling(tx: Tx, actor: Actor, p: WaiverPayload): Promise<void> {
  const w = await repo.findWaiver(tx, actor.companyId, p.waiverId);
  if (w?.status !== 'pending' || w.approvalId !== null || w.amount !== p.amount) {
    throw LateFeeError('WAIVER_NOT_PENDING', {
      vars: { status: w ? { zh: STATUS_ZH[w.status], en: w.status } : { zh: '不存在', en: 'missing' } },
    });
  }
}

/** Final approval, rejection or withdrawal of the request decides the waiver. */
export async function decideWaiver(
  tx: Tx,
  actor: Actor,
  request: DecidedRequest<WaiverPayload>,
  status: 'approved' | 'rejected' | 'withdrawn',
) {
  const w = await repo.findWaiverByApproval(tx, actor.companyId, request.id);
  if (!w) throw LateFeeError('WAIVER_NOT_FOUND');
  if (w.status !== 'pending') {
    const s = w.status as keyof typeof STATUS_ZH;
    throw LateFeeError('WAIVER_NOT_PENDING', { vars: { status: { zh: STATUS_ZH[s], en: s } } });
  }
  const before = (await repo.findWaiver(tx, actor.companyId, w.id))!;
  await repo.decide(tx, actor.companyId, w.id, status, businessToday());
  const after = (await repo.findWaiver(tx, actor.companyId, w.id))!;
  await recordAudit(tx, actor, {
    action: `lateFee.waiver${status[0]!.toUpperCase()}${status.slice(1)}`,
    entityType: 'lateFeeWaiver',
    entityId: w.id,
    before,
    after,
  });
  return status === 'approved'
    ? { waiverId: w.id, accountNo: request.payload.accountNo, amount: request.payload.amount }
    : undefined;
}

export async function getWaiver(db: Queryable, companyId: string, id: string): Promise<WaiverDto> {
  const w = await repo.findWaiver(db, companyId, id);
  if (!w) throw LateFeeError('WAIVER_NOT_FOUND');
  return waiverDto(w);
}

export async function listWaivers(db: Queryable, companyId: string, q: repo.WaiverFilter) {
  const { items, total, totalAmount } = await repo.listWaivers(db, companyId, q);
  return { items: items.map(waiverDto), total, totalAmount, page: q.page, pageSize: q.pageSize };
}

function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01`, `${next}-01`];
}

/** BIL-4 monthly report: the waivers decided in the month, by reason and by approval tier. */
export async function monthlyReport(db: Queryable, companyId: string, month: string) {
  const [from, to] = monthRange(month);
  const [rows, head] = await Promise.all([
    repo.monthlyReport(db, companyId, from, to),
    repo.monthlyRequested(db, companyId, from, to),
  ]);
  const sum = <K extends string>(keyOf: (r: repo.ReportRow) => K) => {
    const groups = new Map<
      K,
      { approved: number; approvedAmount: Decimal; rejected: number; withdrawn: number; first: repo.ReportRow }
    >();
    for (const r of rows) {
      const k = keyOf(r);
      const g = groups.get(k) ?? { approved: 0, approvedAmount: new Decimal(0), rejected: 0, withdrawn: 0, first: r };
      g.approved += r.approved;
      g.approvedAmount = g.approvedAmount.plus(r.approvedAmount);
      g.rejected += r.rejected;
      g.withdrawn += r.withdrawn;
      groups.set(k, g);
    }
    return [...groups.values()];
  };
  const byReason = sum((r) => r.reason).map((g) => {
    const reason = reasonOf(g.first.reason);
    return {
      reason: g.first.reason,
      reasonName: reason ? { zh: reason.zh, en: reason.en } : { zh: g.first.reason, en: g.first.reason },
      category: g.first.category,
      approved: g.approved,
      approvedAmount: g.approvedAmount.toFixed(2),
      rejected: g.rejected,
      withdrawn: g.withdrawn,
    };
  });
  const byTier = sum((r) => String(r.levels))
    .sort((a, b) => a.first.levels - b.first.levels)
    .map((g) => ({
      levels: g.first.levels,
      tierLabel: g.first.tierLabel ?? '',
      approved: g.approved,
      approvedAmount: g.approvedAmount.toFixed(2),
      rejected: g.rejected,
      withdrawn: g.withdrawn,
    }));
  const approved = byReason.reduce((s, r) => s + r.approved, 0);
  const approvedAmount = byReason.reduce((s, r) => s.plus(r.approvedAmount), new Decimal(0)).toFixed(2);
  return {
    month,
    requested: head.requested,
    requestedAmount: new Decimal(head.requestedAmount).toFixed(2),
    approved,
    approvedAmount,
    rejected: byReason.reduce((s, r) => s + r.rejected, 0),
    withdrawn: byReason.reduce((s, r) => s + r.withdrawn, 0),
    byReason,
    byTier,
  };
}
export type MonthlyReport = Awaited<ReturnType<typeof monthlyReport>>;

/**
 * The account's ledger for the 360° view: balance and arrears (as accountBalance counts them), the late fee
 * accrued to today per debt (with what a new waiver may still take off), the entries, the bills with their tier
 * lines, and the waivers.
 */
export async function accountLedger(db: Queryable, companyId: string, accountId: string) {
  const account = await requireAccount(db, companyId, accountId);
  const today = businessToday();
  const [balance, waivable, bills, waivers, wording] = await Promise.all([
    accountBalance(db, companyId, accountId, today),
    waivableDebts(db, companyId, accountId, today),
    repo.billsOfAccount(db, companyId, accountId),
    repo.waiversOfAccount(db, companyId, accountId),
    lateFeeWording(db, companyId, account.customerKind, today),
  ]);
  const feeOf = new Map(waivable.debts.map((d) => [d.entryId, d]));
  return {
    accountId: account.id,
    accountNo: account.accountNo,
    customerKind: account.customerKind,
    today,
    balance: balance.balance,
    arrears: balance.arrears,
    lateFee: waivable.fees.lateFee,
    lateFeeRate: wording.rate,
    lateFeeWording: { zh: wording.zh, en: wording.en },
    arrearsByPeriod: balance.arrearsByPeriod,
    debts: waivable.debts,
    entries: [...balance.entries]
      .sort((a, b) => new Date(b.postedAt).getTime() - new Date(a.postedAt).getTime())
      .map((e) => {
        const fee = feeOf.get(e.id);
        return {
          id: e.id,
          kind: e.kind,
          period: e.period,
          amount: e.amount,
          dueOn: e.dueOn,
          memo: e.memo,
          postedAt: new Date(e.postedAt).toISOString(),
          open: fee?.open ?? null,
          days: fee?.days ?? null,
          lateFee: fee?.lateFee ?? null,
        };
      }),
    bills,
    waivers: waivers.map(waiverDto),
  };
}

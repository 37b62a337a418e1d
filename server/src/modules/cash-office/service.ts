import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { type AppError, refuseAll } from '../../platform/errors.js';
import { policyValue } from '../../platform/policy/policy.js';
import { CashOfficeError } from './errors.js';
import * as repo from './repo.js';
import {
  type CentreReport,
  CLOSE_METHODS,
  type CloseInput,
  type CloseLine,
  DENOMINATIONS,
  type Safe,
  type ShiftDetail,
  type ShiftRow,
} from './schemas.js';

export const METHOD_ZH: Record<string, string> = {
  cash: '现金',
  pos: 'POS 刷卡',
  wechat: '微信',
  alipay: '支付宝',
  bankTransfer: '银行转账',
  voucher: '代金券',
  online: '网上缴费',
  bankDebit: '银行代扣',
};
export const STATUS_ZH: Record<string, string> = {
  open: '班次中',
  submitted: '待审核',
  returned: '退回重新清点',
  signed: '已签字确认',
};
const ZERO = new Decimal(0);
const iso = (d: Date | string) => new Date(d).toISOString();

function wrongStatus(status: string, action: { zh: string; en: string }) {
  return CashOfficeError('WRONG_STATUS', { vars: { status: { zh: STATUS_ZH[status] ?? status, en: status }, action } });
}

// ---------------------------------------------------------------- shifts

/** PAY-2/PAY-3: a cashier opens a shift with a float (pay.cashierFloat unless given); one open shift each. */
export async function openShift(tx: Tx, actor: Actor, input: { float?: string }): Promise<ShiftDetail> {
  const today = businessToday();
  const existing = await repo.openShiftOf(tx, actor.companyId, actor.userId!);
  if (existing) throw CashOfficeError('SHIFT_OPEN', { vars: { date: existing.businessDate } });
  const float = input.float ?? (await policyValue(tx, actor.companyId, 'pay.cashierFloat', today));
  let id: string;
  try {
    id = await repo.insertShift(tx, actor.companyId, {
      cashierId: actor.userId!,
      businessDate: today,
      float: new Decimal(float).toFixed(2),
    });
  } catch (err) {
    // Two opens at once: the partial unique index decided.
    if ((err as { code?: string }).code === '23505') throw CashOfficeError('SHIFT_OPEN', { vars: { date: today } });
    throw err;
  }
  const shift = (await repo.findShift(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, { action: 'cashOffice.openShift', entityType: 'cashShift', entityId: id, after: shift });
  return detailOf(tx, actor.companyId, shift);
}

/** What the system expects of a shift: its drawer postings by method, + float and hand-overs for cash. */
async function summaryOf(db: Queryable, companyId: string, shift: ShiftRow) {
  const w = { cashierId: shift.cashier.id, from: shift.openedAt, to: shift.closedAt };
  const [byMethod, counts, handovers, movements] = await Promise.all([
    repo.postingsByMethod(db, companyId, w),
    repo.postingCounts(db, companyId, w),
    repo.handoversInto(db, companyId, shift.id),
    repo.depositMovementsByMethod(db, companyId, w),
  ]);
  const sums: Record<string, Decimal> = {};
  for (const m of CLOSE_METHODS) sums[m] = ZERO;
  const add = (method: string, amount: Decimal.Value) => {
    sums[method] = (sums[method] ?? ZERO).plus(amount);
  };
  for (const r of byMethod) add(r.method, r.amount);
  // Deposits taken in at the desk are in the drawer; deposits paid back out of it are not.
  for (const r of movements) add(r.method, r.kind === 'received' ? r.amount : new Decimal(r.amount).neg());
  const cash = sums.cash!.plus(shift.float).plus(handovers);
  sums.cash = cash;
  const expected = Object.fromEntries(Object.entries(sums).map(([m, v]) => [m, v.toFixed(2)]));
  const deposits = (kind: 'received' | 'refunded') =>
    movements.filter((r) => r.kind === kind).map(({ method, count, amount }) => ({ method, count, amount }));
  return {
    byMethod,
    postingCount: counts.posted,
    postedAmount: counts.postedAmount,
    reversedCount: counts.reversed,
    reversedAmount: counts.reversedAmount,
    handoversReceived: handovers,
    depositsReceived: deposits('received'),
    depositsRefunded: deposits('refunded'),
    expected,
    drawerCash: cash.toFixed(2),
  };
}

/** PAY-3: cash in the safe = floats of cashiers off shift + takings of closed shifts − bank deposits. */
export async function safeOf(db: Queryable, companyId: string): Promise<Safe> {
  const [parts, limit] = await Promise.all([
    repo.safeParts(db, companyId),
    policyValue(db, companyId, 'pay.safeLimit', businessToday()),
  ]);
  const cash = new Decimal(parts.floats).plus(parts.takings).minus(parts.deposited);
  const over = cash.gt(limit);
  return {
    cash: cash.toFixed(2),
    floats: parts.floats,
    takings: parts.takings,
    deposited: parts.deposited,
    limit: new Decimal(limit).toFixed(2),
    over,
    warning: over
      ? `保险柜现金 ${cash.toFixed(2)} 元（含备用金）超出限额 ${limit} 元，请及时存入银行 / ` +
        `Cash in the safe ${cash.toFixed(2)} yuan (floats included) is over the limit of ${limit} yuan: bank it`
      : null,
  };
}

async function detailOf(db: Queryable, companyId: string, shift: ShiftRow): Promise<ShiftDetail> {
  const w = { cashierId: shift.cashier.id, from: shift.openedAt, to: shift.closedAt };
  const [summary, postings] = await Promise.all([summaryOf(db, companyId, shift), repo.postings(db, companyId, w)]);
  const warnings: string[] = [];
  let safe: Safe | null = null;
  if (shift.status === 'open') {
    const alert = await policyValue(db, companyId, 'pay.drawerCashAlert', businessToday());
    const bound = new Decimal(shift.float).plus(alert);
    if (new Decimal(summary.drawerCash).gt(bound))
      warnings.push(
        `款箱现金 ${summary.drawerCash} 元已超过备用金加 ${alert} 元，请交主管存入保险柜或银行 / ` +
          `Drawer cash ${summary.drawerCash} yuan is more than the float plus ${alert} yuan: hand some to the supervisor`,
      );
  } else {
    safe = await safeOf(db, companyId);
    if (safe.warning) warnings.push(safe.warning);
  }
  return { ...shift, summary, postings, warnings, safe };
}

export async function getShift(
  db: Queryable,
  companyId: string,
  id: string,
  viewer?: { userId: string; canReadAll: boolean },
): Promise<ShiftDetail> {
  const shift = await repo.findShift(db, companyId, id);
  if (!shift || (viewer && !viewer.canReadAll && shift.cashier.id !== viewer.userId))
    throw CashOfficeError('SHIFT_NOT_FOUND');
  return detailOf(db, companyId, shift);
}

/** My open shift (live postings and expected amounts) and my closes returned for a recount. */
export async function myShifts(db: Queryable, actor: { companyId: string; userId: string }) {
  const open = await repo.openShiftOf(db, actor.companyId, actor.userId);
  const returned = await repo.listShifts(db, actor.companyId, {
    page: 1,
    pageSize: 50,
    order: 'desc',
    status: 'returned',
    cashierId: actor.userId,
  });
  const recent = await repo.listShifts(db, actor.companyId, {
    page: 1,
    pageSize: 10,
    order: 'desc',
    cashierId: actor.userId,
  });
  return {
    current: open ? await detailOf(db, actor.companyId, open) : null,
    returned: returned.items,
    recent: recent.items,
  };
}

/**
 * PAY-2: the cashier's close (日结). The shift row is locked, so a close is submitted once (a second gets 409);
 * the postings window ends at the first close (a recount after a return keeps it). Counted per method: the cash
 * by denomination, the POS slips, the other tenders; expected: the postings (+ float and hand-overs for cash);
 * every non-zero variance needs its explanation. The cash goes to the safe; the answer warns when the safe is
 * over pay.safeLimit.
 */
export async function closeShift(tx: Tx, actor: Actor, id: string, input: CloseInput): Promise<ShiftDetail> {
  const lock = await repo.lockShift(tx, actor.companyId, id);
  if (!lock) throw CashOfficeError('SHIFT_NOT_FOUND');
  if (lock.cashierId !== actor.userId) throw CashOfficeError('NOT_YOUR_SHIFT');
  if (lock.status !== 'open' && lock.status !== 'returned')
    throw CashOfficeError('ALREADY_CLOSED', { vars: { status: { zh: STATUS_ZH[lock.status]!, en: lock.status } } });
  const before = (await repo.findShift(tx, actor.companyId, id))!;
  const closedAt = await repo.setClosedAt(tx, actor.companyId, id);
  const shift = { ...before, closedAt: iso(closedAt) };
  const summary = await summaryOf(tx, actor.companyId, shift);

  const cash = DENOMINATIONS.reduce((s, d) => s.plus(new Decimal(d).times(input.cash[d])), ZERO);
  const counted: Record<string, Decimal> = {
    cash,
    pos: new Decimal(input.posTotal),
    wechat: new Decimal(input.other.wechat),
    alipay: new Decimal(input.other.alipay),
    bankTransfer: new Decimal(input.other.bankTransfer),
    voucher: new Decimal(input.other.voucher),
  };
  // Tenders the desk does not answer for at the close (none today) still show, counted 0.
  const methods = [...CLOSE_METHODS, ...Object.keys(summary.expected).filter((m) => !(m in counted))];
  const errors: AppError[] = [];
  const lines: CloseLine[] = methods.map((method) => {
    const expected = new Decimal(summary.expected[method] ?? 0);
    const got = counted[method] ?? ZERO;
    const variance = got.minus(expected);
    const explanation = input.explanations[method as keyof CloseInput['explanations']]?.trim() || null;
    if (!variance.isZero() && !explanation)
      errors.push(
        CashOfficeError('EXPLANATION_REQUIRED', {
          field: `explanations.${method}`,
          vars: { method: { zh: METHOD_ZH[method] ?? method, en: method }, variance: variance.toFixed(2) },
        }),
      );
    return {
      method,
      expected: expected.toFixed(2),
      counted: got.toFixed(2),
      variance: variance.toFixed(2),
      explanation: variance.isZero() ? null : explanation,
    };
  });
  if (errors.length > 0) throw refuseAll(errors);
  await repo.submitClose(tx, actor.companyId, id, {
    denominations: Object.fromEntries(DENOMINATIONS.map((d) => [d, input.cash[d]])),
    countedCash: cash.toFixed(2),
    posTotal: counted.pos!.toFixed(2),
    posCount: input.posCount,
    otherTotals: Object.fromEntries(
      ['wechat', 'alipay', 'bankTransfer', 'voucher'].map((m) => [m, counted[m]!.toFixed(2)]),
    ),
    lines,
  });
  const after = (await repo.findShift(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: lock.status === 'returned' ? 'cashOffice.recount' : 'cashOffice.close',
    entityType: 'cashShift',
    entityId: id,
    before,
    after,
  });
  return detailOf(tx, actor.companyId, after);
}

/** PAY-2 (000 §51): the supervisor signs a submitted close off (then immutable) or returns it for a recount. */
export async function reviewClose(
  tx: Tx,
  actor: Actor,
  id: string,
  decision: { signOff: true; note?: string } | { signOff: false; reason: string },
): Promise<ShiftDetail> {
  const lock = await repo.lockShift(tx, actor.companyId, id);
  if (!lock) throw CashOfficeError('SHIFT_NOT_FOUND');
  const action = decision.signOff ? { zh: '签字确认', en: 'signed off' } : { zh: '退回', en: 'returned' };
  if (lock.status !== 'submitted') throw wrongStatus(lock.status, action);
  if (lock.cashierId === actor.userId) throw CashOfficeError('OWN_CLOSE');
  const before = (await repo.findShift(tx, actor.companyId, id))!;
  await repo.review(tx, actor.companyId, id, {
    status: decision.signOff ? 'signed' : 'returned',
    by: actor.userId!,
    reason: decision.signOff ? null : decision.reason,
  });
  const after = (await repo.findShift(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: decision.signOff ? 'cashOffice.signOff' : 'cashOffice.return',
    entityType: 'cashShift',
    entityId: id,
    before,
    after: decision.signOff ? { ...after, note: decision.note ?? null } : after,
  });
  return detailOf(tx, actor.companyId, after);
}

// ---------------------------------------------------------------- safe

/** PAY-3: cash taken from the safe to the bank; at most the takings still in the safe. */
export async function recordDeposit(
  tx: Tx,
  actor: Actor,
  input: { amount: string; depositedOn?: string; slipNo: string; note?: string },
) {
  const today = businessToday();
  const on = input.depositedOn ?? today;
  if (on > today) throw CashOfficeError('DEPOSIT_IN_FUTURE', { field: 'depositedOn' });
  await repo.lockSafe(tx, actor.companyId);
  // A bank slip is one deposit: the same slip sent twice (a double click, a retry) takes the cash out once.
  if (await repo.depositSlipRecorded(tx, actor.companyId, input.slipNo))
    throw CashOfficeError('DEPOSIT_SLIP_RECORDED', { field: 'slipNo', vars: { slipNo: input.slipNo } });
  const parts = await repo.safeParts(tx, actor.companyId);
  const available = new Decimal(parts.takings).minus(parts.deposited);
  const amount = new Decimal(input.amount);
  if (amount.gt(available))
    throw CashOfficeError('DEPOSIT_EXCEEDS', { field: 'amount', vars: { available: available.toFixed(2) } });
  const deposit = await repo.insertDeposit(tx, actor.companyId, {
    depositedOn: on,
    amount: amount.toFixed(2),
    slipNo: input.slipNo,
    note: input.note ?? null,
    by: actor.userId!,
  });
  await recordAudit(tx, actor, {
    action: 'cashOffice.deposit',
    entityType: 'cashDeposit',
    entityId: deposit.id,
    after: deposit,
  });
  return { ...deposit, safe: await safeOf(tx, actor.companyId) };
}

// ---------------------------------------------------------------- centre daily report

/** PAY-2 营业厅日报: a day's person-taken payments by method and cashier, the closes and their variances, the safe. */
export async function centreReport(
  db: Queryable,
  companyId: string,
  day: string,
  orgUnitId?: string,
): Promise<CentreReport> {
  const [rows, counts, shifts, deposits, safe, movements] = await Promise.all([
    repo.dayByCashier(db, companyId, day, orgUnitId),
    repo.dayCounts(db, companyId, day, orgUnitId),
    repo.shiftsOn(db, companyId, day, orgUnitId),
    repo.depositsOn(db, companyId, day),
    safeOf(db, companyId),
    repo.dayDepositMovements(db, companyId, day, orgUnitId),
  ]);
  type Row = CentreReport['cashiers'][number];
  type Sums = Record<string, Decimal>;
  const byCashier = new Map<
    string,
    Row & { sums: Sums; tot: Decimal; coll: Decimal; dep: { received: Sums; refunded: Sums } }
  >();
  const entry = (id: string, name: string, orgUnitName: string | null) => {
    let r = byCashier.get(id);
    if (!r) {
      r = {
        cashier: { id, name },
        orgUnitName,
        byMethod: {},
        total: '0.00',
        count: 0,
        collector: '0.00',
        reversedCount: 0,
        depositsReceived: {},
        depositsRefunded: {},
        shifts: [],
        sums: {},
        dep: { received: {}, refunded: {} },
        tot: ZERO,
        coll: ZERO,
      };
      byCashier.set(id, r);
    }
    return r;
  };
  const totals: Record<string, Decimal> = {};
  for (const x of rows) {
    const r = entry(x.cashierId, x.name, x.orgUnitName);
    r.sums[x.method] = (r.sums[x.method] ?? ZERO).plus(x.amount);
    r.tot = r.tot.plus(x.amount);
    if (x.channel === 'collector') r.coll = r.coll.plus(x.amount);
    totals[x.method] = (totals[x.method] ?? ZERO).plus(x.amount);
  }
  const depTotals: { received: Sums; refunded: Sums } = { received: {}, refunded: {} };
  for (const x of movements) {
    const d = entry(x.cashierId, x.name, x.orgUnitName).dep[x.kind];
    d[x.method] = (d[x.method] ?? ZERO).plus(x.amount);
    depTotals[x.kind][x.method] = (depTotals[x.kind][x.method] ?? ZERO).plus(x.amount);
  }
  const fixed = (sums: Sums) => Object.fromEntries(Object.entries(sums).map(([m, v]) => [m, v.toFixed(2)]));
  const names = new Map(rows.map((x) => [x.cashierId, x]));
  for (const c of counts) {
    const known = names.get(c.cashierId);
    const s = shifts.find((x) => x.cashier.id === c.cashierId);
    const r = entry(c.cashierId, known?.name ?? s?.cashier.name ?? '', known?.orgUnitName ?? s?.orgUnitName ?? null);
    r.count = c.posted;
    r.reversedCount = c.reversed;
  }
  const closes = { open: 0, submitted: 0, returned: 0, signed: 0 };
  let variance = ZERO;
  for (const s of shifts) {
    const r = entry(s.cashier.id, s.cashier.name, s.orgUnitName);
    r.shifts.push({ id: s.id, status: s.status, countedCash: s.countedCash, varianceTotal: s.varianceTotal });
    closes[s.status] += 1;
    variance = variance.plus(s.varianceTotal ?? 0);
  }
  const cashiers = [...byCashier.values()]
    .map(({ sums, tot, coll, dep, ...r }) => ({
      ...r,
      byMethod: fixed(sums),
      depositsReceived: fixed(dep.received),
      depositsRefunded: fixed(dep.refunded),
      total: tot.toFixed(2),
      collector: coll.toFixed(2),
    }))
    .sort((a, b) => a.cashier.name.localeCompare(b.cashier.name, 'zh-CN'));
  const total = Object.values(totals).reduce((s, v) => s.plus(v), ZERO);
  return {
    date: day,
    orgUnitId: orgUnitId ?? null,
    totals: {
      byMethod: Object.fromEntries(Object.entries(totals).map(([m, v]) => [m, v.toFixed(2)])),
      total: total.toFixed(2),
      count: counts.reduce((s, c) => s + c.posted, 0),
      reversedCount: counts.reduce((s, c) => s + c.reversed, 0),
      reversedAmount: counts.reduce((s, c) => s.plus(c.reversedAmount), ZERO).toFixed(2),
      depositsReceived: fixed(depTotals.received),
      depositsRefunded: fixed(depTotals.refunded),
    },
    cashiers,
    closes,
    varianceTotal: variance.toFixed(2),
    deposits,
    safe,
  };
}

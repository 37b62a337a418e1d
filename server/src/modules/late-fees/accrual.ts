import { Decimal } from 'decimal.js';
import type { Queryable } from '../../db/types.js';
import type { PolicyValue } from '../../platform/policy/catalogue/index.js';
import { policyValues } from '../../platform/policy/policy.js';

export interface DebtLateFee {
  entryId: string;
  kind: string;
  period: string | null;
  dueOn: string;
  /** What is still unpaid of the debt on `today`. */
  open: string;
  /** Days the open amount is overdue on `today` (0 before it falls due). */
  days: number;
  /** The late fee of the debt up to `today`, rounded per `bil.lateFeeRounding`. */
  accrued: string;
  /** Approved waivers on this debt. */
  waived: string;
  /** accrued − waived − what payments already collected of it (PAY-1), never below 0. */
  lateFee: string;
}

export interface AccountLateFees {
  arrears: string;
  lateFee: string;
  debts: DebtLateFee[];
}

export type CustomerKind = 'residential' | 'commercial' | 'institutional';

export interface EntryRow {
  accountId: string;
  id: string;
  kind: string;
  period: string | null;
  amount: string;
  dueOn: string | null;
  postedOn: string;
  sourceId: string | null;
}

/** Whole days from a to b (YYYY-MM-DD), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export interface LateFeeRounding {
  step: string;
  mode: 'halfUp' | 'down';
  dropBelowStep: boolean;
}

/** BIL-3 rounding: to a multiple of `step` (half up or down); below one step nothing is charged when `dropBelowStep`. */
export function roundLateFee(raw: Decimal, r: LateFeeRounding): Decimal {
  const step = new Decimal(r.step);
  if (raw.lte(0) || step.lte(0)) return new Decimal(0);
  if (r.dropBelowStep && raw.lt(step)) return new Decimal(0);
  const units = raw.div(step).toDecimalPlaces(0, r.mode === 'halfUp' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_DOWN);
  return units.times(step).toDecimalPlaces(2, Decimal.ROUND_DOWN);
}

/** The policy keys of the late-fee terms (BIL-3). */
export const LATE_FEE_KEYS = ['bil.lateFeeDailyRate', 'bil.commercialLateFeeDailyRate', 'bil.lateFeeRounding'] as const;
type LateFeeKey = (typeof LATE_FEE_KEYS)[number];

export interface LateFeeTerms {
  rateOf: (kind: CustomerKind) => string;
  rounding: LateFeeRounding;
}

/** The terms from the values of `LATE_FEE_KEYS` (a caller that reads them with other rows in one statement). */
export function lateFeeTermsFrom(values: { [K in LateFeeKey]: PolicyValue<K> }): LateFeeTerms {
  const {
    'bil.lateFeeDailyRate': residential,
    'bil.commercialLateFeeDailyRate': commercial,
    'bil.lateFeeRounding': rounding,
  } = values;
  return {
    rateOf: (kind: CustomerKind) => (kind === 'residential' ? residential : commercial),
    rounding: rounding as LateFeeRounding,
  };
}

/** The daily rate and rounding in force on `today` (the rate read as of today applies to the whole overdue time). */
export async function lateFeeTerms(db: Queryable, companyId: string, today: string): Promise<LateFeeTerms> {
  return lateFeeTermsFrom(await policyValues(db, companyId, LATE_FEE_KEYS, today));
}

/**
 * Late fees accrued up to `today` (a business date) for many accounts at once (set-based; notices print thousands).
 *
 * BIL-3: every debit (bill, opening balance, adjustment or price-adjustment debit) accrues, from the day after
 * its due date, open amount × daily rate per day (residential `bil.lateFeeDailyRate`, C&I and institutional
 * `bil.commercialLateFeeDailyRate`, by the customer kind of the account's usage nature). Credits settle the
 * oldest debts first at their posting date: what a credit posted on day S paid accrues up to day S − 1, what is
 * still open accrues up to and including `today`. Each debt's fee is rounded per `bil.lateFeeRounding`, then the
 * approved waivers on it are taken off, and so is what payments already collected of it (PAY-1: crystallised
 * as a `lateFee` entry). Entries posted after `today` are not counted. A crystallised late fee and the part of
 * its payment that paid it stay out of the oldest-first order (the payment paid it before the debt's principal);
 * any other `lateFee` entry takes its place in that order but accrues nothing itself.
 */
export async function lateFeesOf(
  db: Queryable,
  companyId: string,
  accountIds: string[],
  today: string,
): Promise<Map<string, AccountLateFees>> {
  const result = new Map<string, AccountLateFees>();
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return result;
  const [entries, kinds, waivers, collected, terms] = await Promise.all([
    db.query<EntryRow>(
      `SELECT account_id AS "accountId", id, kind, period, amount::text AS amount, due_on::text AS "dueOn",
              (posted_at AT TIME ZONE 'Asia/Shanghai')::date::text AS "postedOn",
              source_id AS "sourceId"
         FROM ledger_entries
        WHERE company_id = $1 AND account_id = ANY($2::uuid[])
          AND (posted_at AT TIME ZONE 'Asia/Shanghai')::date <= $3::date
        ORDER BY account_id, due_on NULLS LAST, posted_at, id`,
      [companyId, ids, today],
    ),
    db.query<{ id: string; kind: CustomerKind }>(
      `SELECT a.id, u.customer_kind AS kind
         FROM accounts a JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature
        WHERE a.company_id = $1 AND a.id = ANY($2::uuid[])`,
      [companyId, ids],
    ),
    db.query<{ entryId: string; amount: string }>(
      `SELECT d.entry_id AS "entryId", sum(d.amount)::text AS amount
         FROM late_fee_waiver_debts d
         JOIN late_fee_waivers w ON w.company_id = d.company_id AND w.id = d.waiver_id
        WHERE d.company_id = $1 AND w.account_id = ANY($2::uuid[]) AND w.status = 'approved'
        GROUP BY d.entry_id`,
      [companyId, ids],
    ),
    // PAY-1: the late fee a payment collected was crystallised (a 'lateFee' entry): not charged again.
    db.query<CollectedRow>(
      `SELECT l.entry_id AS "entryId", l.late_fee_entry_id AS "feeEntryId", l.payment_id AS "paymentId",
              p.ledger_entry_id AS "paymentEntryId",
              l.late_fee::text AS amount
         FROM payment_allocations l
         JOIN payments p ON p.company_id = l.company_id AND p.id = l.payment_id
        WHERE l.company_id = $1 AND l.account_id = ANY($2::uuid[]) AND l.late_fee > 0 AND p.received_on <= $3::date`,
      [companyId, ids, today],
    ),
    lateFeeTerms(db, companyId, today),
  ]);
  const kindOf = new Map(kinds.rows.map((r) => [r.id, r.kind]));
  const waivedOf = new Map(waivers.rows.map((r) => [r.entryId, new Decimal(r.amount)]));
  const { collectedOf, crystallised } = collectedFees(collected.rows);
  const byAccount = new Map<string, EntryRow[]>();
  for (const e of entries.rows) {
    const list = byAccount.get(e.accountId) ?? [];
    list.push(e);
    byAccount.set(e.accountId, list);
  }
  for (const accountId of ids) {
    const rate = new Decimal(terms.rateOf(kindOf.get(accountId) ?? 'residential'));
    result.set(
      accountId,
      accrue(byAccount.get(accountId) ?? [], rate, terms.rounding, waivedOf, collectedOf, crystallised, today),
    );
  }
  return result;
}

/** A payment's allocation that collected a late fee (PAY-1), with its payment's credit entry. */
export interface CollectedRow {
  entryId: string;
  feeEntryId: string | null;
  paymentId: string;
  paymentEntryId: string;
  amount: string;
}

/** What `lateFeesOf` reads of one account, for a caller that reads it with other rows in one statement. */
export interface AccountLateFeeRows {
  /** All the account's entries ordered by due_on NULLS LAST, posted_at, id (any posted after `today` do not count). */
  entries: EntryRow[];
  customerKind: CustomerKind | null;
  /** Approved waivers, summed per debt. */
  waivers: { entryId: string; amount: string }[];
  /** Its allocations with a late fee > 0 (any whose payment was received after `today` do not count). */
  collected: (CollectedRow & { receivedOn: string })[];
}

/** One account's late fees to `today` from rows already read: the same rule as `lateFeesOf`. */
export function accountLateFees(rows: AccountLateFeeRows, terms: LateFeeTerms, today: string): AccountLateFees {
  const entries = rows.entries.filter((e) => e.postedOn <= today);
  const waivedOf = new Map(rows.waivers.map((r) => [r.entryId, new Decimal(r.amount)]));
  const { collectedOf, crystallised } = collectedFees(rows.collected.filter((r) => r.receivedOn <= today));
  const rate = new Decimal(terms.rateOf(rows.customerKind ?? 'residential'));
  return accrue(entries, rate, terms.rounding, waivedOf, collectedOf, crystallised, today);
}

function collectedFees(rows: CollectedRow[]) {
  const collectedOf = new Map<string, Decimal>();
  for (const r of rows) collectedOf.set(r.entryId, (collectedOf.get(r.entryId) ?? new Decimal(0)).plus(r.amount));
  const crystallised: CrystallisedFee[] = rows.map((r) => ({
    feeEntryId: r.feeEntryId,
    paymentId: r.paymentId,
    paymentEntryId: r.paymentEntryId,
    amount: new Decimal(r.amount),
  }));
  return { collectedOf, crystallised };
}

/** PAY-1: a late fee a payment crystallised (its `lateFee` entry) and the payment's credit that paid it. */
interface CrystallisedFee {
  feeEntryId: string | null;
  paymentId: string;
  paymentEntryId: string;
  amount: Decimal;
}

function accrue(
  entries: EntryRow[],
  rate: Decimal,
  rounding: LateFeeRounding,
  waivedOf: Map<string, Decimal>,
  collectedOf: Map<string, Decimal>,
  crystallised: CrystallisedFee[],
  today: string,
): AccountLateFees {
  // A reversed payment and its reversal cancel out: neither settles nor is a debt, so what the payment had paid
  // is open again from its own due date; the late fees it crystallised stay charged (open debts of their own).
  const reversed = new Set(entries.flatMap((e) => (e.kind === 'paymentReversal' && e.sourceId ? [e.sourceId] : [])));
  const cancelled = (e: EntryRow) =>
    (e.kind === 'payment' || e.kind === 'paymentReversal') && e.sourceId !== null && reversed.has(e.sourceId);
  const feeEntries = new Set<string>();
  const paidOf = new Map<string, Decimal>();
  for (const c of crystallised) {
    if (reversed.has(c.paymentId)) continue;
    if (c.feeEntryId) feeEntries.add(c.feeEntryId);
    paidOf.set(c.paymentEntryId, (paidOf.get(c.paymentEntryId) ?? new Decimal(0)).plus(c.amount));
  }
  // Debits oldest due first (as accountBalance orders them); credits in the order they were posted. A late fee
  // a payment crystallised was paid by that payment before the debt's principal: both leave the oldest-first
  // order (it would otherwise come after later debts, due on the day of payment, and the principal it stands
  // before would look paid by it).
  const debits = entries
    .filter((e) => new Decimal(e.amount).gt(0) && e.dueOn !== null && !feeEntries.has(e.id) && !cancelled(e))
    .map((e) => ({ e, open: new Decimal(e.amount), dayAmount: new Decimal(0) }));
  const credits = entries
    .filter((e) => new Decimal(e.amount).lt(0) && !cancelled(e))
    .sort((a, b) => (a.postedOn < b.postedOn ? -1 : a.postedOn > b.postedOn ? 1 : 0));
  let i = 0;
  for (const c of credits) {
    let left = new Decimal(c.amount).neg().minus(paidOf.get(c.id) ?? 0);
    while (left.gt(0) && i < debits.length) {
      const d = debits[i]!;
      const paid = Decimal.min(left, d.open);
      // Paid on the later of the credit's and the debit's posting date: an advance settles a debt when it is posted.
      const paidOn = [c.postedOn, d.e.postedOn].sort()[1]!;
      const days = Math.max(0, daysBetween(d.e.dueOn!, paidOn) - 1);
      d.dayAmount = d.dayAmount.plus(paid.times(days));
      d.open = d.open.minus(paid);
      left = left.minus(paid);
      if (d.open.lte(0)) i++;
    }
  }
  let arrears = new Decimal(0);
  let lateFee = new Decimal(0);
  const debts: DebtLateFee[] = [];
  for (const d of debits) {
    const overdue = Math.max(0, daysBetween(d.e.dueOn!, today));
    if (d.open.gt(0)) d.dayAmount = d.dayAmount.plus(d.open.times(overdue));
    const accrues = d.e.kind !== 'lateFee';
    const accrued = accrues ? roundLateFee(d.dayAmount.times(rate), rounding) : new Decimal(0);
    const waived = waivedOf.get(d.e.id) ?? new Decimal(0);
    const paid = collectedOf.get(d.e.id) ?? new Decimal(0);
    const fee = Decimal.max(0, accrued.minus(waived).minus(paid));
    const inArrears = d.open.gt(0) && overdue > 0;
    if (inArrears) arrears = arrears.plus(d.open);
    if (!inArrears && accrued.eq(0) && waived.eq(0)) continue;
    lateFee = lateFee.plus(fee);
    debts.push({
      entryId: d.e.id,
      kind: d.e.kind,
      period: d.e.period,
      dueOn: d.e.dueOn!,
      open: d.open.toFixed(2),
      days: d.open.gt(0) ? overdue : 0,
      accrued: accrued.toFixed(2),
      waived: waived.toFixed(2),
      lateFee: fee.toFixed(2),
    });
  }
  return { arrears: arrears.toFixed(2), lateFee: lateFee.toFixed(2), debts };
}

/** 3‰ from '0.003', 0.5% style for English. */
function permille(rate: string): { zh: string; en: string } {
  const r = new Decimal(rate);
  return { zh: `${r.times(1000).toString()}‰`, en: `${r.times(100).toString()}%` };
}

/** The wording printed on notices, e.g. 逾期未缴，自逾期之日起每日按欠费金额的3‰加收违约金. */
export async function lateFeeWording(
  db: Queryable,
  companyId: string,
  customerKind: CustomerKind,
  today: string,
): Promise<{ zh: string; en: string; rate: string }> {
  const terms = await lateFeeTerms(db, companyId, today);
  const rate = terms.rateOf(customerKind);
  const p = permille(rate);
  return {
    zh: `逾期未缴，自逾期之日起每日按欠费金额的${p.zh}加收违约金`,
    en: `If not paid when due, a late fee of ${p.en} of the amount owed is added for every day overdue`,
    rate,
  };
}

import { createHash, randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Db, Queryable, Tx } from '../../db/types.js';
import { fileRequest } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { accountLateFees, daysBetween, type EntryRow, LATE_FEE_KEYS, lateFeeTermsFrom } from '../late-fees/accrual.js';
import * as ledger from '../ledger/repo.js';
import { PaymentError } from './errors.js';
import * as repo from './repo.js';
import {
  type AccountDebts,
  IDEMPOTENCY_KEY,
  type ListPaymentsQuery,
  type NewPayment,
  type Payment,
  type PaymentChannel,
} from './schemas.js';

export const REVERSAL_KIND = 'paymentReversal';
const MAX_AMOUNT = new Decimal('9999999999.99');
const KIND_ZH: Record<string, string> = {
  openingBalance: '期初欠费',
  bill: '气费',
  lateFee: '违约金',
  adjustment: '退补',
  priceAdjustment: '调价补差',
  paymentReversal: '收费冲正',
};

/** The Idempotency-Key header, required: 8–64 of [A-Za-z0-9_-]. */
export function idempotencyKeyOf(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !IDEMPOTENCY_KEY.test(key)) throw PaymentError('IDEMPOTENCY_KEY_REQUIRED', { field: 'idempotencyKey' });
  return key;
}

interface OpenDebt {
  entryId: string;
  kind: string;
  period: string | null;
  dueOn: string | null;
  open: Decimal;
  lateFee: Decimal;
  overdueDays: number;
}

/** The late-fee terms among the policy values a posting state carries (as `policyValues` would refuse a gap). */
function termsOf(state: repo.PostingState, companyId: string) {
  for (const key of LATE_FEE_KEYS) {
    if (!(key in state.policy)) throw new Error(`Policy ${key} is not set for company ${companyId}`);
  }
  return lateFeeTermsFrom(state.policy as Parameters<typeof lateFeeTermsFrom>[0]);
}

/**
 * What the account owes on `today`: credits settle the debits oldest due first (as `accountBalance`); each
 * debt with something open or a late fee not yet collected is listed with its late fee to today (`lateFeesOf`'s
 * rule, from the same rows).
 */
function openDebts(state: repo.PostingState, companyId: string, today: string) {
  const { entries } = state;
  const fees = accountLateFees(state, termsOf(state, companyId), today);
  const feeOf = new Map(fees.debts.map((d) => [d.entryId, d]));
  // As in `lateFeesOf`: a crystallised late fee was paid by its payment before the debt's principal, so neither
  // it nor that part of the payment takes part in settling the debts oldest first; a reversed payment and its
  // reversal cancel out (what it paid is open again, the fees it crystallised stay charged).
  const reversed = new Set(entries.flatMap((e) => (e.kind === 'paymentReversal' && e.sourceId ? [e.sourceId] : [])));
  const cancelled = (e: EntryRow) =>
    (e.kind === 'payment' || e.kind === 'paymentReversal') && e.sourceId !== null && reversed.has(e.sourceId);
  const standing = state.collected.filter((c) => c.feeEntryId !== null && !reversed.has(c.paymentId));
  const paidFees = new Set(standing.map((c) => c.feeEntryId));
  let credit = standing.reduce((s, c) => s.minus(c.amount), new Decimal(0));
  let balance = new Decimal(0);
  for (const e of entries) {
    balance = balance.plus(e.amount);
    if (new Decimal(e.amount).lt(0) && !cancelled(e)) credit = credit.minus(e.amount);
  }
  const debts: OpenDebt[] = [];
  for (const e of entries) {
    const amount = new Decimal(e.amount);
    if (amount.lt(0) || paidFees.has(e.id) || cancelled(e)) continue;
    const settled = Decimal.min(credit, amount);
    credit = credit.minus(settled);
    const open = amount.minus(settled);
    const fee = new Decimal(feeOf.get(e.id)?.lateFee ?? 0);
    if (open.lte(0) && fee.lte(0)) continue;
    debts.push({
      entryId: e.id,
      kind: e.kind,
      period: e.period,
      dueOn: e.dueOn,
      open,
      lateFee: fee,
      overdueDays: open.gt(0) && e.dueOn ? Math.max(0, daysBetween(e.dueOn, today)) : 0,
    });
  }
  const prepayment = Decimal.max(0, balance.neg());
  return { balance, prepayment, debts };
}

/** PAY-1: the cash desk's view of an account — open debts oldest first, late fees to today, prepayment. */
export async function accountDebts(db: Queryable, companyId: string, accountId: string): Promise<AccountDebts> {
  const head = await repo.accountHead(db, companyId, accountId);
  if (!head) throw PaymentError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  const today = businessToday();
  const state = await repo.postingState(db, { companyId, accountId, today, policyKeys: LATE_FEE_KEYS });
  const { balance, prepayment, debts } = openDebts(state, companyId, today);
  const open = debts.reduce((s, d) => s.plus(d.open), new Decimal(0));
  const lateFee = debts.reduce((s, d) => s.plus(d.lateFee), new Decimal(0));
  return {
    accountId: head.id,
    accountNo: head.accountNo,
    customerName: head.customerName,
    address: head.address,
    balance: balance.toFixed(2),
    prepayment: prepayment.toFixed(2),
    lateFee: lateFee.toFixed(2),
    totalDue: Decimal.max(0, open.plus(lateFee).minus(prepayment)).toFixed(2),
    debts: debts.map((d) => ({
      entryId: d.entryId,
      kind: d.kind,
      period: d.period,
      dueOn: d.dueOn,
      open: d.open.toFixed(2),
      lateFee: d.lateFee.toFixed(2),
      overdueDays: d.overdueDays,
    })),
  };
}

function normalised(body: NewPayment, channel: PaymentChannel) {
  return {
    accountId: body.accountId,
    ...(channel === 'desk' ? {} : { channel }),
    tenders: body.tenders.map((t) => ({
      method: t.method,
      amount: new Decimal(t.amount).toFixed(2),
      reference: t.reference ? t.reference : null,
    })),
    note: body.note ? body.note : null,
  };
}

function hashOf(n: ReturnType<typeof normalised>): string {
  return createHash('sha256').update(JSON.stringify(n)).digest('hex');
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';
/** Refusals of the body that a replay of another body under the same key answers with IDEMPOTENCY_CONFLICT. */
const isBodyRefusal = (err: unknown) =>
  err instanceof AppError && (err.code === 'ACCOUNT_NOT_FOUND' || err.code === 'AMOUNT_TOO_LARGE');

/**
 * PAY-1: collects a payment in one transaction. The account is locked, so two payments of an account post one
 * after the other; the Idempotency-Key is unique per company, so the same request sent twice posts once (the
 * second gets the first's payment, `created: false`); the same key with another body is refused. The key is
 * looked up once, under the account lock; the answer of a new payment is what the transaction wrote.
 */
export async function collectPayment(
  db: Db,
  actor: Actor,
  key: string,
  body: NewPayment,
  channel: PaymentChannel = 'desk',
): Promise<{ payment: Payment; created: boolean }> {
  try {
    const posted = await db.tx((tx) => post(tx, actor, key, body, channel));
    if (posted.payment) return { payment: posted.payment, created: true };
    // A replay: read after the commit, so the account is not held while the answer is put together.
    return { payment: (await repo.findPayment(db, actor.companyId, posted.id))!, created: false };
  } catch (err) {
    // The same key at once for another account: the unique key decided; answer as a replay would. A body refused
    // before the key was looked at (no such account, too large) under a key used before is a conflict.
    if (isUniqueViolation(err) || isBodyRefusal(err)) {
      const after = await replayOf(db, actor.companyId, key, hashOf(normalised(body, channel)));
      if (after) return { payment: (await repo.findPayment(db, actor.companyId, after.id))!, created: false };
    }
    throw err;
  }
}

/** The payment posted under `key` before, if any; the same key with another body is refused. */
async function replayOf(q: Queryable, companyId: string, key: string, hash: string) {
  return replayFrom(await repo.findByKey(q, companyId, key), hash);
}

function replayFrom(found: { id: string; no: string; requestHash: string } | null, hash: string) {
  if (!found) return null;
  if (found.requestHash !== hash) {
    throw PaymentError('IDEMPOTENCY_CONFLICT', { field: 'idempotencyKey', vars: { no: found.no } });
  }
  return { id: found.id, created: false };
}

/**
 * Posts a payment inside the caller's transaction: the account is locked, the key checked again under the lock
 * (a twin request that held the lock first has committed by now), then the oldest debts are paid first. Channel
 * payments (online callbacks, bank-debit results) and IC-card purchases post through here in their own
 * transaction, so their own records and the payment commit together. An actor without a user (a channel) numbers
 * its payments per channel and day.
 */
export async function postPaymentIn(
  tx: Tx,
  actor: Actor,
  key: string,
  body: NewPayment,
  channel: PaymentChannel = 'desk',
): Promise<{ id: string; created: boolean }> {
  const { id, created } = await post(tx, actor, key, body, channel);
  return { id, created };
}

/** Number prefixes of the payments channels take without a cashier: 网上缴费 and 银行代扣. */
const CHANNEL_PREFIX: Partial<Record<PaymentChannel, string>> = { online: 'WS', bankDebit: 'DK' };

/**
 * PAY-1/PAY-2: each cashier numbers the day's payments from 1 (their daily close counts them), so the serial row
 * is the cashier's own: desks never wait for one another's commits. A channel numbers its own.
 */
const serialSeries = (actor: Actor, channel: PaymentChannel) =>
  actor.userId ? `payment:${actor.userId}` : CHANNEL_PREFIX[channel] ? `payment:${channel}` : null;

function paymentNo(actor: Actor, channel: PaymentChannel, today: string, state: repo.PostingState): string {
  const day = today.replaceAll('-', '');
  if (!actor.userId) {
    const prefix = CHANNEL_PREFIX[channel];
    if (!prefix) throw new Error(`a ${channel} payment needs a cashier`);
    return `${prefix}-${day}-${String(state.serial).padStart(6, '0')}`;
  }
  return `SK-${day}-${state.cashier!.code}-${String(state.serial).padStart(4, '0')}`;
}

/**
 * The transaction's part of a payment, in three statements: the account lock; one read of the key's payment,
 * the ledger, the late-fee inputs and policy, the cashier and the next serial; one write of the ledger entries,
 * the payment, its allocations and the audit entry. A new payment's answer is built from what was written.
 */
async function post(
  tx: Tx,
  actor: Actor,
  key: string,
  body: NewPayment,
  channel: PaymentChannel,
): Promise<{ id: string; created: boolean; payment: Payment | null }> {
  const n = normalised(body, channel);
  const hash = hashOf(n);
  const amount = n.tenders.reduce((s, t) => s.plus(t.amount), new Decimal(0));
  if (amount.gt(MAX_AMOUNT))
    throw PaymentError('AMOUNT_TOO_LARGE', { field: 'tenders', vars: { amount: amount.toFixed(2) } });
  const head = await repo.accountHead(tx, actor.companyId, n.accountId, true);
  if (!head) throw PaymentError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  const today = businessToday();
  const state = await repo.postingState(tx, {
    companyId: actor.companyId,
    accountId: head.id,
    today,
    policyKeys: LATE_FEE_KEYS,
    key,
    cashierId: actor.userId,
    series: serialSeries(actor, channel),
  });
  const again = replayFrom(state.replay, hash);
  if (again) return { ...again, payment: null };
  const payment = await postPayment(tx, actor, head, key, hash, n, amount, today, state);
  return { id: payment.id, created: true, payment };
}

async function postPayment(
  tx: Tx,
  actor: Actor,
  head: repo.AccountHead,
  key: string,
  hash: string,
  n: ReturnType<typeof normalised>,
  amount: Decimal,
  today: string,
  state: repo.PostingState,
): Promise<Payment> {
  const companyId = actor.companyId;
  const channel: PaymentChannel = n.channel ?? 'desk';
  const { debts } = openDebts(state, companyId, today);
  const paymentId = randomUUID();
  let left = amount;
  const allocations: repo.AllocationRow[] = [];
  const entries: repo.NewLedgerEntry[] = [];
  for (const d of debts) {
    if (left.lte(0)) break;
    const fee = Decimal.min(left, d.lateFee);
    left = left.minus(fee);
    const principal = Decimal.min(left, d.open);
    left = left.minus(principal);
    if (fee.lte(0) && principal.lte(0)) continue;
    const allocationId = randomUUID();
    let lateFeeEntryId: string | null = null;
    if (fee.gt(0)) {
      // The late fee to today is crystallised: charged now, and paid by this payment.
      lateFeeEntryId = randomUUID();
      entries.push({
        id: lateFeeEntryId,
        kind: 'lateFee',
        period: d.period,
        amount: fee.toFixed(2),
        dueOn: today,
        memo: `违约金：${d.period ?? ''}${KIND_ZH[d.kind] ?? d.kind}（${d.dueOn ?? ''} 到期，逾期 ${d.overdueDays} 天）`,
        sourceId: allocationId,
      });
    }
    allocations.push({
      id: allocationId,
      entryId: d.entryId,
      period: d.period,
      lateFee: fee.toFixed(2),
      principal: principal.toFixed(2),
      lateFeeEntryId,
    });
  }
  const ledgerEntryId = randomUUID();
  entries.push({
    id: ledgerEntryId,
    kind: 'payment',
    period: null,
    amount: amount.neg().toFixed(2),
    dueOn: null,
    memo: null,
    sourceId: paymentId,
  });
  const no = paymentNo(actor, channel, today, state);
  const write = repo.writeBatch();
  await repo.insertLedgerEntries(write.q, companyId, head.id, actor.userId, entries);
  await repo.insertPayment(write.q, companyId, {
    id: paymentId,
    no,
    accountId: head.id,
    amount: amount.toFixed(2),
    tenders: n.tenders,
    prepayment: left.toFixed(2),
    note: n.note,
    idempotencyKey: key,
    requestHash: hash,
    channel,
    cashierId: actor.userId,
    receivedOn: today,
    ledgerEntryId,
  });
  await repo.insertAllocations(write.q, companyId, paymentId, head.id, allocations);
  await recordAudit(write.q, actor, {
    action: 'payment.collect',
    entityType: 'payment',
    entityId: paymentId,
    after: {
      no,
      accountId: head.id,
      accountNo: head.accountNo,
      channel,
      amount: amount.toFixed(2),
      tenders: n.tenders,
      allocations: allocations.map((a) => ({ entryId: a.entryId, lateFee: a.lateFee, principal: a.principal })),
      prepayment: left.toFixed(2),
    },
  });
  await write.run(tx);
  // What `findPayment` would read back: the same row, its allocations in order, the cashier's name.
  return {
    id: paymentId,
    no,
    accountId: head.id,
    accountNo: head.accountNo,
    customerName: head.customerName,
    amount: amount.toFixed(2),
    tenders: n.tenders,
    prepayment: left.toFixed(2),
    note: n.note,
    receivedAt: state.now,
    status: 'posted',
    channel,
    cashierId: actor.userId,
    cashierName: actor.userId ? (state.cashier?.name ?? null) : null,
    reversalApprovalId: null,
    reversedAt: null,
    allocations: allocations.map((a) => ({
      entryId: a.entryId,
      period: a.period,
      lateFee: a.lateFee,
      principal: a.principal,
    })),
  };
}

export async function getPayment(db: Queryable, companyId: string, id: string): Promise<Payment> {
  const p = await repo.findPayment(db, companyId, id);
  if (!p) throw PaymentError('NOT_FOUND');
  return p;
}

export async function listPayments(db: Queryable, companyId: string, q: ListPaymentsQuery) {
  const { items, total } = await repo.listPayments(db, companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export interface ReversalPayload {
  paymentId: string;
  paymentNo: string;
  accountNo: string;
  amount: string;
}

/** PAY-1: a reversal (冲正) is filed for approval; nothing reaches the ledger before the final approval. */
export async function requestReversal(tx: Tx, actor: Actor, principal: Principal, id: string, reason: string) {
  const p = await repo.lockPayment(tx, actor.companyId, id);
  if (!p) throw PaymentError('NOT_FOUND');
  const payload: ReversalPayload = { paymentId: p.id, paymentNo: p.no, accountNo: p.accountNo, amount: p.amount };
  // The reason marks the request as filed from here (checkReversalFiling refuses requests filed elsewhere).
  if (p.status === 'posted' && !(p.reversalApprovalId && p.approvalStatus === 'pending')) {
    await repo.setReversal(tx, actor.companyId, p.id, { reason });
  }
  const approval = await fileRequest(tx, actor, principal, {
    kind: REVERSAL_KIND,
    subjectType: 'payment',
    subjectId: p.id,
    amount: p.amount,
    reason,
    payload,
  });
  await repo.setReversal(tx, actor.companyId, p.id, { approvalId: approval.id });
  await recordAudit(tx, actor, {
    action: 'payment.reversalRequested',
    entityType: 'payment',
    entityId: p.id,
    after: { approvalId: approval.id, approvalNo: approval.no, reason },
  });
  return { paymentId: p.id, status: 'posted' as const, approvalId: approval.id, approvalNo: approval.no };
}

/** Filing checks (the payment is posted and has no reversal pending). */
export async function checkReversalFiling(tx: Tx, actor: Actor, payload: ReversalPayload): Promise<void> {
  const p = await repo.lockPayment(tx, actor.companyId, payload.paymentId);
  if (!p) throw PaymentError('NOT_FOUND', { field: 'payload' });
  if (p.status !== 'posted') {
    throw PaymentError('WRONG_STATUS', { vars: { no: p.no, status: { zh: '已冲正', en: 'reversed' } } });
  }
  if (p.reversalApprovalId && p.approvalStatus === 'pending') {
    throw PaymentError('REVERSAL_PENDING', { vars: { no: p.no, approvalNo: p.approvalNo ?? '' } });
  }
  if (p.reversalReason === null) throw PaymentError('NOT_LINKED', { field: 'payload', vars: { id: p.id } });
  refuseUnreversible(p);
}

/**
 * A payment with a live invoice is reversed only after the invoice is voided (PAY-6: the tax books would keep an
 * invoice for money given back); an IC-card sale never is — its gas is on the card (ICC-1), so the money goes back
 * through a refund or the gas through a replenishment. Checked when filed and again when the approval posts.
 */
function refuseUnreversible(p: repo.PaymentLock): void {
  if (p.invoiceNo) throw PaymentError('INVOICED', { vars: { no: p.no, invoiceNo: p.invoiceNo } });
  if (p.channel === 'icCard') throw PaymentError('IC_SALE', { vars: { no: p.no } });
}

/**
 * The final approval posts the reversal in the same transaction: one debit `paymentReversal` of the payment's
 * total, due today. Late fees the payment crystallised stay charged (they were owed on the day of payment)
 * and are open again; accrual does not charge them twice.
 */
export async function postReversal(tx: Tx, actor: Actor, payload: ReversalPayload, approvalId: string) {
  const found = await repo.findPayment(tx, actor.companyId, payload.paymentId);
  if (!found) throw PaymentError('NOT_FOUND');
  // The account first, as a payment takes it: postings of one account go one at a time.
  await repo.accountHead(tx, actor.companyId, found.accountId, true);
  const p = await repo.lockPayment(tx, actor.companyId, payload.paymentId);
  if (!p) throw PaymentError('NOT_FOUND');
  if (p.status !== 'posted' || p.reversalApprovalId !== approvalId) {
    throw PaymentError('WRONG_STATUS', { vars: { no: p.no, status: { zh: '已冲正', en: 'reversed' } } });
  }
  refuseUnreversible(p);
  const entryId = await ledger.insertEntry(tx, actor.companyId, {
    accountId: p.accountId,
    kind: 'paymentReversal',
    period: null,
    amount: p.amount,
    dueOn: businessToday(),
    memo: `收费冲正 ${p.no}`,
    postedBy: actor.userId,
    sourceId: p.id,
  });
  await repo.setReversal(tx, actor.companyId, p.id, { reversed: true });
  await recordAudit(tx, actor, {
    action: 'payment.reversed',
    entityType: 'payment',
    entityId: p.id,
    before: { status: 'posted' },
    after: { status: 'reversed', ledgerEntryId: entryId, approvalId },
  });
  return { paymentNo: p.no, ledgerEntryId: entryId };
}

/** A rejected or withdrawn reversal frees the payment for another request. */
export async function settleRefusedReversal(tx: Tx, actor: Actor, payload: ReversalPayload): Promise<void> {
  const p = await repo.lockPayment(tx, actor.companyId, payload.paymentId);
  if (p?.status !== 'posted') return;
  await repo.setReversal(tx, actor.companyId, p.id, { approvalId: null, reason: null });
}

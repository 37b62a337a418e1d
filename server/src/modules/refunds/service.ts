import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { roleCodesOf } from '../../platform/approvals/repo.js';
import { fileRequest } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import { insertEntry } from '../ledger/repo.js';
import type { RefundCase } from './documents.js';
import { RefundError } from './errors.js';
import * as repo from './repo.js';
import type { ListRefundsQuery, NewRefund, PayoutBody, Refund, RefundStatus, ReviewBody } from './schemas.js';

export const REFUND_KIND = 'refund';

export const CASE_ZH: Record<RefundCase, string> = {
  readingError: '抄表差错',
  wrongAccount: '交错账户',
  wrongAmount: '交错金额',
  stoppedUse: '停用气',
  demolition: '拆迁',
  commercial: '工商户退费',
  other: '其他',
};
export const STATUS_ZH: Record<RefundStatus, string> = {
  submitted: '待审核',
  refused: '已拒绝',
  transferred: '已转户',
  approving: '财务审批中',
  approved: '待付款',
  rejected: '审批驳回',
  withdrawn: '已撤回',
  paidOut: '已退款',
};

export interface RefundPayload {
  refundId: string;
  refundNo: string;
  accountNo: string;
  caseKind: string;
  amount: string;
}

function wrongStatus(status: RefundStatus, action: { zh: string; en: string }) {
  return RefundError('WRONG_STATUS', { vars: { status: { zh: STATUS_ZH[status] ?? status, en: status }, action } });
}

export async function getRefund(db: Queryable, companyId: string, id: string): Promise<Refund> {
  const f = await repo.findRefund(db, companyId, id);
  if (!f) throw RefundError('NOT_FOUND');
  return f;
}

export async function listRefunds(db: Queryable, companyId: string, q: ListRefundsQuery) {
  const { items, total } = await repo.listRefunds(db, companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** The prepayment (credit balance) of an account, what filed refunds hold of it and what is left to refund. */
async function availableOf(q: Queryable, companyId: string, accountId: string, except: string | null = null) {
  const { balance, pending } = await repo.balanceOf(q, companyId, accountId, except);
  const prepayment = Decimal.max(0, new Decimal(balance).neg());
  return { prepayment, pending: new Decimal(pending), available: Decimal.max(0, prepayment.minus(pending)) };
}

function aboveRefundable(amount: Decimal, available: Decimal) {
  return RefundError('ABOVE_PREPAYMENT', {
    field: 'amount',
    vars: { amount: amount.toFixed(2), available: available.toFixed(2) },
  });
}

/** The checklist of a case and what the account can have refunded, for the filing form. */
export async function checklist(db: Queryable, companyId: string, accountId: string, caseKind: RefundCase) {
  const account = await repo.accountOf(db, companyId, accountId);
  if (!account) throw RefundError('UNKNOWN_ACCOUNT', { field: 'accountId' });
  const [docs, a] = await Promise.all([
    policyValue(db, companyId, 'pay.refundDocuments', businessToday()),
    availableOf(db, companyId, accountId),
  ]);
  return {
    accountId: account.id,
    accountNo: account.accountNo,
    customerName: account.customerName,
    customerKind: account.customerKind,
    prepayment: a.prepayment.toFixed(2),
    pending: a.pending.toFixed(2),
    available: a.available.toFixed(2),
    documents: docs[caseKind],
  };
}

const GROUP = {
  reading: { zh: '抄表差错', en: 'reading-error cases' },
  hall: { zh: '居民用户', en: 'residential accounts' },
  ci: { zh: '工商户', en: 'C&I accounts' },
} as const;

/**
 * 000 §108–§111: a residential reading-error refund is filed by the reading centre, other residential ones by
 * the service centre (the hall), a C&I account's by the C&I team (roles from `pay.refundFilers`).
 */
async function checkFiler(tx: Tx, actor: Actor, customerKind: string, caseKind: RefundCase) {
  const residential = customerKind === 'residential';
  if (residential === (caseKind === 'commercial')) throw RefundError('CASE_KIND_MISMATCH', { field: 'caseKind' });
  const group = !residential ? 'ci' : caseKind === 'readingError' ? 'reading' : 'hall';
  const filers = await policyValue(tx, actor.companyId, 'pay.refundFilers', businessToday());
  const mine = await roleCodesOf(tx, actor.companyId, actor.userId!);
  if (filers[group].some((r) => mine.includes(r))) return;
  const names = await tx.query<{ zh: string; en: string }>(
    'SELECT name_zh AS zh, name_en AS en FROM roles WHERE company_id = $1 AND code = ANY($2) ORDER BY code',
    [actor.companyId, filers[group]],
  );
  throw RefundError('NOT_YOUR_CASE', {
    field: 'caseKind',
    vars: {
      group: GROUP[group],
      roles: { zh: names.rows.map((n) => n.zh).join('、'), en: names.rows.map((n) => n.en).join(', ') },
    },
  });
}

/**
 * PAY-7: a refund request is filed with the case's documents checked (all required ones), for at most the
 * account's prepayment less what refunds filed before still hold of it (the account is locked meanwhile).
 */
export async function fileRefund(tx: Tx, actor: Actor, input: NewRefund): Promise<Refund> {
  const account = await repo.accountOf(tx, actor.companyId, input.accountId, true);
  if (!account) throw RefundError('UNKNOWN_ACCOUNT', { field: 'accountId' });
  await checkFiler(tx, actor, account.customerKind, input.caseKind);
  const list = (await policyValue(tx, actor.companyId, 'pay.refundDocuments', businessToday()))[input.caseKind];
  const checked = new Set(input.documents);
  for (const code of checked) {
    if (!list.some((d) => d.code === code))
      throw RefundError('UNKNOWN_DOCUMENT', { field: 'documents', vars: { code } });
  }
  const missing = list.filter((d) => d.required && !checked.has(d.code));
  if (missing.length > 0) {
    throw RefundError('DOCUMENTS_MISSING', {
      field: 'documents',
      vars: { missing: missing.map((d) => d.label).join('；') },
    });
  }
  const amount = new Decimal(input.amount);
  const { available } = await availableOf(tx, actor.companyId, account.id);
  if (amount.gt(available)) throw aboveRefundable(amount, available);
  const today = businessToday();
  const serial = await nextDailySerial(tx, actor.companyId, 'refund', today);
  const no = `TF-${today.replaceAll('-', '')}-${String(serial).padStart(4, '0')}`;
  const id = await repo.insertRefund(tx, actor.companyId, {
    no,
    accountId: account.id,
    caseKind: input.caseKind,
    amount: amount.toFixed(2),
    documents: list.map((d) => ({ ...d, checked: checked.has(d.code) })),
    notes: input.notes || null,
    payeeName: input.payeeName || null,
    bankName: input.bankName || null,
    bankAccountNo: input.bankAccountNo || null,
    filedBy: actor.userId!,
  });
  const created = await getRefund(tx, actor.companyId, id);
  await recordAudit(tx, actor, { action: 'refund.file', entityType: 'refund', entityId: id, after: created });
  return created;
}

/**
 * 000 §113–§114: the review refuses the request (the reason is told to the customer), moves the amount to
 * another account's prepayment at once, or sends the payout for the `refund` approval chain (finance).
 */
export async function reviewRefund(
  tx: Tx,
  actor: Actor,
  principal: Principal,
  id: string,
  body: ReviewBody,
): Promise<Refund> {
  const head = await repo.lockRefund(tx, actor.companyId, id);
  if (!head) throw RefundError('NOT_FOUND');
  if (head.status !== 'submitted') throw wrongStatus(head.status, { zh: '审核', en: 'reviewed' });
  // Four eyes (000 §112): the one who took the request in does not decide it.
  if (head.filedBy === actor.userId) throw RefundError('SELF_REVIEW');
  const reviewed = { reviewedBy: actor.userId, reviewedAt: new Date() };
  if (body.decision === 'refuse') {
    await repo.updateRefund(tx, actor.companyId, id, { ...reviewed, status: 'refused', refusalReason: body.reason });
    await recordAudit(tx, actor, {
      action: 'refund.refuse',
      entityType: 'refund',
      entityId: id,
      before: { status: 'submitted' },
      after: { status: 'refused', reason: body.reason },
    });
  } else if (body.decision === 'transfer') {
    await transfer(tx, actor, head, body.targetAccountId, body.comment ?? null);
    await repo.updateRefund(tx, actor.companyId, id, reviewed);
  } else {
    const full = await getRefund(tx, actor.companyId, id);
    if (full.customerKind !== 'residential' && (!full.payeeName || !full.bankAccountNo)) {
      // C&I refunds go to the company's bank account (000 §114(二)).
      throw RefundError('BANK_DETAILS', { field: 'bankAccountNo' });
    }
    await repo.updateRefund(tx, actor.companyId, id, { ...reviewed, disposition: 'payout' });
    const payload: RefundPayload = {
      refundId: id,
      refundNo: head.no,
      accountNo: full.accountNo,
      caseKind: full.caseKind,
      amount: head.amount,
    };
    const approval = await fileRequest(tx, actor, principal, {
      kind: REFUND_KIND,
      subjectType: 'refund',
      subjectId: id,
      amount: head.amount,
      reason: body.comment || `${CASE_ZH[full.caseKind]}退费 ${head.amount} 元`,
      payload,
    });
    await repo.updateRefund(tx, actor.companyId, id, { status: 'approving', approvalId: approval.id });
    await recordAudit(tx, actor, {
      action: 'refund.sendForApproval',
      entityType: 'refund',
      entityId: id,
      before: { status: 'submitted' },
      after: { status: 'approving', approvalId: approval.id, approvalNo: approval.no },
    });
  }
  return getRefund(tx, actor.companyId, id);
}

/**
 * 预收款互转: a debit 'prepaymentTransfer' on this account (source = the refund) and a credit on the other
 * (source = the refund's transfer leg), in the caller's transaction. Both accounts are locked, in id order (two
 * transfers between the same accounts never wait on each other crosswise); the amount is checked again.
 */
async function transfer(tx: Tx, actor: Actor, head: repo.RefundLock, targetId: string, comment: string | null) {
  if (targetId === head.accountId) throw RefundError('SAME_ACCOUNT', { field: 'targetAccountId' });
  const [first, second] = [head.accountId, targetId].sort();
  const locked = [
    await repo.accountOf(tx, actor.companyId, first!, true),
    await repo.accountOf(tx, actor.companyId, second!, true),
  ];
  const source = locked.find((a) => a?.id === head.accountId);
  const target = locked.find((a) => a?.id === targetId);
  if (!target) throw RefundError('UNKNOWN_ACCOUNT', { field: 'targetAccountId' });
  if (!source) throw RefundError('UNKNOWN_ACCOUNT', { field: 'accountId' });
  const amount = new Decimal(head.amount);
  const { available } = await availableOf(tx, actor.companyId, source.id, head.id);
  if (amount.gt(available)) throw aboveRefundable(amount, available);
  const creditId = randomUUID();
  const memo = `预收款转户 ${head.no}：${source.accountNo} → ${target.accountNo}${comment ? `（${comment}）` : ''}`;
  const ledgerEntryId = await insertEntry(tx, actor.companyId, {
    accountId: source.id,
    kind: 'prepaymentTransfer',
    period: null,
    amount: amount.toFixed(2),
    // A debit falls due (the ledger's rule); the prepayment it leaves covers it today.
    dueOn: businessToday(),
    memo,
    postedBy: actor.userId,
    sourceId: head.id,
  });
  const targetEntryId = await insertEntry(tx, actor.companyId, {
    accountId: target.id,
    kind: 'prepaymentTransfer',
    period: null,
    amount: amount.neg().toFixed(2),
    dueOn: null,
    memo,
    postedBy: actor.userId,
    sourceId: creditId,
  });
  await repo.updateRefund(tx, actor.companyId, head.id, {
    status: 'transferred',
    disposition: 'transfer',
    targetAccountId: target.id,
    transferCreditId: creditId,
    ledgerEntryId,
    targetEntryId,
  });
  await recordAudit(tx, actor, {
    action: 'refund.transfer',
    entityType: 'refund',
    entityId: head.id,
    before: { status: 'submitted' },
    after: {
      status: 'transferred',
      amount: amount.toFixed(2),
      from: source.accountNo,
      to: target.accountNo,
      ledgerEntryId,
      targetEntryId,
    },
  });
}

/** Filing a `refund` approval is only done by the review (the request names a refund being sent for approval). */
export async function checkFiling(tx: Tx, actor: Actor, p: RefundPayload) {
  const head = await repo.lockRefund(tx, actor.companyId, p.refundId);
  if (head?.status !== 'submitted' || head.disposition !== 'payout' || head.approvalId !== null) {
    throw RefundError('NOT_LINKED', { field: 'payload', vars: { id: p.refundId } });
  }
}

/**
 * The final approval posts the refund in the same transaction: one debit 'refund' (source = the refund: never
 * twice) on the locked account, when the prepayment still covers it; finance then records the payout.
 */
export async function postRefund(tx: Tx, actor: Actor, p: RefundPayload, approvalId: string) {
  const found = await repo.findRefund(tx, actor.companyId, p.refundId);
  if (!found) throw RefundError('NOT_FOUND');
  await repo.accountOf(tx, actor.companyId, found.accountId, true);
  const head = await repo.lockRefund(tx, actor.companyId, p.refundId);
  if (!head) throw RefundError('NOT_FOUND');
  if (head.status !== 'approving' || head.approvalId !== approvalId) {
    throw wrongStatus(head.status, { zh: '入账', en: 'posted' });
  }
  const amount = new Decimal(head.amount);
  const { available } = await availableOf(tx, actor.companyId, head.accountId, head.id);
  if (amount.gt(available)) throw aboveRefundable(amount, available);
  const ledgerEntryId = await insertEntry(tx, actor.companyId, {
    accountId: head.accountId,
    kind: 'refund',
    period: null,
    amount: amount.toFixed(2),
    dueOn: businessToday(),
    memo: `退费 ${head.no}（${CASE_ZH[found.caseKind]}）`,
    postedBy: actor.userId,
    sourceId: head.id,
  });
  await repo.updateRefund(tx, actor.companyId, head.id, { status: 'approved', ledgerEntryId });
  await recordAudit(tx, actor, {
    action: 'refund.post',
    entityType: 'refund',
    entityId: head.id,
    before: { status: 'approving' },
    after: { status: 'approved', ledgerEntryId, amount: amount.toFixed(2) },
  });
  return { refundNo: head.no, ledgerEntryId };
}

/** A rejected or withdrawn approval posts nothing; the refund is marked so in the decision's transaction. */
export async function settleRefused(tx: Tx, actor: Actor, p: RefundPayload, status: 'rejected' | 'withdrawn') {
  const head = await repo.lockRefund(tx, actor.companyId, p.refundId);
  if (head?.status !== 'approving') return;
  await repo.updateRefund(tx, actor.companyId, head.id, { status });
  await recordAudit(tx, actor, {
    action: `refund.${status === 'rejected' ? 'reject' : 'withdraw'}`,
    entityType: 'refund',
    entityId: head.id,
    before: { status: 'approving' },
    after: { status },
  });
}

/** 000 §114: finance records the payout of an approved refund (cash, or a bank transfer with its reference), once. */
export async function recordPayout(tx: Tx, actor: Actor, id: string, body: PayoutBody): Promise<Refund> {
  const head = await repo.lockRefund(tx, actor.companyId, id);
  if (!head) throw RefundError('NOT_FOUND');
  if (head.status !== 'approved') throw wrongStatus(head.status, { zh: '登记付款', en: 'paid out' });
  await repo.updateRefund(tx, actor.companyId, id, {
    status: 'paidOut',
    payoutMethod: body.method,
    payoutReference: body.reference || null,
    paidBy: actor.userId,
    paidAt: new Date(),
  });
  await recordAudit(tx, actor, {
    action: 'refund.payout',
    entityType: 'refund',
    entityId: id,
    before: { status: 'approved' },
    after: { status: 'paidOut', method: body.method, reference: body.reference ?? null, note: body.note ?? null },
  });
  return getRefund(tx, actor.companyId, id);
}

import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import { insertEntry } from '../ledger/repo.js';
import { accountOf as lockAccount } from '../refunds/repo.js';
import { DepositError } from './errors.js';
import * as repo from './repo.js';
import type { Deposit, DepositKind, ListDepositsQuery, NewDeposit, ReleaseBody } from './schemas.js';

export const KIND_ZH: Record<DepositKind, string> = {
  meter: '验表押金',
  prepayment: '工商户预付押金',
  waterConnection: '水表接水押金',
  other: '其他押金',
};
const STATUS: Record<string, { zh: string; en: string }> = {
  held: { zh: '在押', en: 'held' },
  refunded: { zh: '退还', en: 'refunded' },
  transferred: { zh: '随过户转移', en: 'transferred' },
  applied: { zh: '转入预存', en: 'applied' },
  forfeited: { zh: '扣除', en: 'forfeited' },
};
export const METHOD_ZH: Record<string, string> = {
  cash: '现金',
  pos: '银行卡（POS）',
  wechat: '微信',
  alipay: '支付宝',
  bankTransfer: '银行转账',
};

export async function getDeposit(db: Queryable, companyId: string, id: string): Promise<Deposit> {
  const d = await repo.findDeposit(db, companyId, id);
  if (!d) throw DepositError('NOT_FOUND');
  return d;
}

export async function listDeposits(db: Queryable, companyId: string, q: ListDepositsQuery) {
  const { items, total, held } = await repo.listDeposits(db, companyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize, held };
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/**
 * PAY-8: a deposit is received (tender and, when written, the paper receipt's number) and held outside the gas
 * account: it is not in the ledger until it is applied. A meter-test deposit defaults to `svc.meterTestDeposit`.
 */
export async function receiveDeposit(tx: Tx, actor: Actor, input: NewDeposit): Promise<Deposit> {
  const account = await repo.accountOf(tx, actor.companyId, input.accountId);
  if (!account) throw DepositError('UNKNOWN_ACCOUNT', { field: 'accountId' });
  const today = businessToday();
  let amount = input.amount ?? null;
  if (!amount && input.kind === 'meter') amount = await policyValue(tx, actor.companyId, 'svc.meterTestDeposit', today);
  if (!amount) throw DepositError('AMOUNT_REQUIRED', { field: 'amount' });
  if (input.method === 'bankTransfer' && !input.reference)
    throw DepositError('REFERENCE_REQUIRED', { field: 'reference' });
  const receiptNo = input.receiptNo || null;
  if (receiptNo && (await repo.receiptNoTaken(tx, actor.companyId, receiptNo)))
    throw DepositError('RECEIPT_NO_TAKEN', { field: 'receiptNo', vars: { receiptNo } });
  const serial = await nextDailySerial(tx, actor.companyId, 'deposit', today);
  const no = `YJ-${today.replaceAll('-', '')}-${String(serial).padStart(4, '0')}`;
  const fixed = new Decimal(amount).toFixed(2);
  let id: string;
  try {
    id = await repo.insertDeposit(tx, actor.companyId, {
      no,
      accountId: account.id,
      kind: input.kind,
      amount: fixed,
      method: input.method,
      reference: input.reference || null,
      receiptNo,
      note: input.note || null,
      receivedBy: actor.userId!,
      receivedOn: today,
    });
  } catch (err) {
    if (isUniqueViolation(err) && receiptNo)
      throw DepositError('RECEIPT_NO_TAKEN', { field: 'receiptNo', vars: { receiptNo } });
    throw err;
  }
  await repo.insertMovement(tx, actor.companyId, {
    depositId: id,
    kind: 'received',
    amount: fixed,
    method: input.method,
    reference: input.reference || null,
    note: input.note || null,
    by: actor.userId!,
  });
  const created = await getDeposit(tx, actor.companyId, id);
  await recordAudit(tx, actor, { action: 'deposit.receive', entityType: 'deposit', entityId: id, after: created });
  return created;
}

/**
 * What a meter-test deposit keeps (003 §11(四)): the meter tested accurate ⇒ the test and refitting fee (given,
 * or its work order's fee); inaccurate ⇒ nothing. The result is the work order's when not given.
 */
function meterTestKeeps(d: Deposit, body: ReleaseBody): { result: 'accurate' | 'inaccurate'; keep: Decimal } {
  const fromOrder = d.workOrder?.result === 'pass' ? 'accurate' : d.workOrder?.result === 'fail' ? 'inaccurate' : null;
  // The work order's recorded result is the test's: a desk cannot say 'inaccurate' (everything back, no fee kept)
  // for a meter its work order found accurate, nor the reverse.
  if (fromOrder && body.meterTestResult && body.meterTestResult !== fromOrder)
    throw DepositError('TEST_RESULT_MISMATCH', {
      field: 'meterTestResult',
      vars: { orderNo: d.workOrder?.orderNo ?? '' },
    });
  const result = body.meterTestResult ?? fromOrder;
  if (!result) throw DepositError('TEST_RESULT_REQUIRED', { field: 'meterTestResult' });
  if (result === 'inaccurate') return { result, keep: new Decimal(0) };
  const fee = body.forfeitAmount ?? d.workOrder?.fee ?? null;
  if (fee === null) throw DepositError('TEST_FEE_REQUIRED', { field: 'forfeitAmount' });
  return { result, keep: new Decimal(fee) };
}

/**
 * PAY-8: a held deposit is released once, in one transaction: refunded, applied to the gas account (ledger
 * 'depositApplied' credit, source = the deposit) or forfeited — each less what is kept, which is forfeited.
 */
export async function releaseDeposit(tx: Tx, actor: Actor, id: string, body: ReleaseBody): Promise<Deposit> {
  // The account first, then the deposit: the order of payments and of CUS-9 transfers (account, then its held
  // deposits). Locking the deposit first and the account for 'apply' could deadlock with a transfer.
  const pre = await repo.accountIdOf(tx, actor.companyId, id);
  if (!pre) throw DepositError('NOT_FOUND');
  await lockAccount(tx, actor.companyId, pre, true);
  const d = await repo.lockDeposit(tx, actor.companyId, id);
  if (!d) throw DepositError('NOT_FOUND');
  if (d.status !== 'held') {
    const s = STATUS[d.status] ?? { zh: d.status, en: d.status };
    throw DepositError('NOT_HELD', { vars: { no: d.no, status: s.zh, statusEn: s.en } });
  }
  const amount = new Decimal(d.amount);
  let note = body.note || null;
  let keep = new Decimal(body.forfeitAmount ?? 0);
  let meterTestResult: 'accurate' | 'inaccurate' | null = null;
  if (d.kind === 'meter' && body.action !== 'forfeit') {
    const full = await getDeposit(tx, actor.companyId, d.id);
    ({ result: meterTestResult, keep } = meterTestKeeps(full, body));
  }
  if (body.action === 'forfeit') keep = amount;
  if (keep.gt(amount))
    throw DepositError('FORFEIT_ABOVE_AMOUNT', {
      field: 'forfeitAmount',
      vars: { forfeit: keep.toFixed(2), amount: amount.toFixed(2) },
    });
  if (keep.gt(0) && !note) {
    if (meterTestResult === 'accurate') note = '验表合格：收取检测费和拆装费';
    else throw DepositError('FORFEIT_REASON', { field: 'note' });
  }
  const rest = amount.minus(keep);
  const method = body.action === 'refund' ? (body.method ?? 'cash') : null;
  if (method === 'bankTransfer' && !body.reference) throw DepositError('REFERENCE_REQUIRED', { field: 'reference' });
  let ledgerEntryId: string | null = null;
  if (body.action === 'apply' && rest.gt(0)) {
    ledgerEntryId = await insertEntry(tx, actor.companyId, {
      accountId: d.accountId,
      kind: 'depositApplied',
      period: null,
      amount: rest.neg().toFixed(2),
      dueOn: null,
      memo: `押金转预存 ${d.no}（${KIND_ZH[d.kind as DepositKind] ?? d.kind}）`,
      postedBy: actor.userId,
      sourceId: d.id,
    });
  }
  const out = body.action === 'forfeit' ? 'forfeited' : body.action === 'apply' ? 'applied' : 'refunded';
  if (rest.gt(0)) {
    await repo.insertMovement(tx, actor.companyId, {
      depositId: d.id,
      kind: out,
      amount: rest.toFixed(2),
      method,
      reference: body.action === 'refund' ? body.reference || null : null,
      note,
      by: actor.userId!,
    });
  }
  if (keep.gt(0)) {
    await repo.insertMovement(tx, actor.companyId, {
      depositId: d.id,
      kind: 'forfeited',
      amount: keep.toFixed(2),
      method: null,
      reference: null,
      note,
      by: actor.userId!,
    });
  }
  const status = rest.gt(0) ? out : 'forfeited';
  await repo.markReleased(tx, actor.companyId, d.id, {
    status,
    refunded: out === 'refunded' ? rest.toFixed(2) : '0',
    applied: out === 'applied' ? rest.toFixed(2) : '0',
    forfeited: keep.toFixed(2),
    meterTestResult,
    note,
    ledgerEntryId,
    by: actor.userId!,
    on: businessToday(),
  });
  const after = await getDeposit(tx, actor.companyId, d.id);
  await recordAudit(tx, actor, {
    action: `deposit.${body.action}`,
    entityType: 'deposit',
    entityId: d.id,
    before: { status: 'held' },
    after: {
      status,
      refunded: after.refundedAmount,
      applied: after.appliedAmount,
      forfeited: after.forfeitedAmount,
      meterTestResult: after.meterTestResult,
      ledgerEntryId,
    },
  });
  return after;
}

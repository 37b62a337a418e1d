import { Decimal } from 'decimal.js';
import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import * as repo from './repo.js';

export interface PeriodArrears {
  period: string | null;
  dueOn: string;
  amount: string;
}

export interface AccountBalance {
  /** Sum of all entries: positive = the customer owes, negative = paid in advance. */
  balance: string;
  /** What is past due today, after credits are applied to the oldest debts first. */
  arrears: string;
  arrearsByPeriod: PeriodArrears[];
  entries: repo.LedgerEntryRow[];
}

/**
 * The balance and the arrears of an account on `today` (a business date). Credits settle the oldest
 * debts first, so what remains unpaid of a debt due before today is in arrears.
 */
export async function accountBalance(
  db: Queryable,
  companyId: string,
  accountId: string,
  today: string = businessToday(),
): Promise<AccountBalance> {
  const entries = await repo.entriesOf(db, companyId, accountId);
  let credit = new Decimal(0);
  let balance = new Decimal(0);
  for (const e of entries) {
    balance = balance.plus(e.amount);
    if (new Decimal(e.amount).lt(0)) credit = credit.minus(e.amount);
  }
  const arrearsByPeriod: PeriodArrears[] = [];
  let arrears = new Decimal(0);
  for (const e of entries) {
    const amount = new Decimal(e.amount);
    if (amount.lt(0)) continue;
    const settled = Decimal.min(credit, amount);
    credit = credit.minus(settled);
    const open = amount.minus(settled);
    if (open.gt(0) && e.dueOn !== null && e.dueOn < today) {
      arrears = arrears.plus(open);
      arrearsByPeriod.push({ period: e.period, dueOn: e.dueOn, amount: open.toFixed(2) });
    }
  }
  return { balance: balance.toFixed(2), arrears: arrears.toFixed(2), arrearsByPeriod, entries };
}

/** True when nothing is past due: the precondition of a transfer (CUS-9) and a closure (CUS-10). */
export async function hasArrears(db: Queryable, companyId: string, accountId: string, today?: string) {
  const { arrears } = await accountBalance(db, companyId, accountId, today);
  return new Decimal(arrears).gt(0);
}

/**
 * 期初欠费: an amount owed under the company's old system, brought over when it moved to Hearth.
 * Call inside the caller's transaction; the entry and its audit commit together.
 */
export async function postOpeningBalance(
  tx: Queryable,
  actor: Actor,
  e: { accountId: string; period: string | null; amount: string; dueOn: string; memo?: string | null },
): Promise<string> {
  const amount = new Decimal(e.amount).toFixed(2);
  const id = await repo.insertEntry(tx, actor.companyId, {
    accountId: e.accountId,
    kind: 'openingBalance',
    period: e.period,
    amount,
    dueOn: e.dueOn,
    memo: e.memo ?? null,
    postedBy: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'ledger.openingBalance',
    entityType: 'account',
    entityId: e.accountId,
    after: { entryId: id, period: e.period, amount, dueOn: e.dueOn },
  });
  return id;
}

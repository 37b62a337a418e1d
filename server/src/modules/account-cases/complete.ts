/**
 * What completing a case does to the account, in the transaction of the completion (the clerk's
 * submit, or the final approval of a nature change). The caller has locked the case and the account
 * and checked the preconditions; each change here is audited with its before and after.
 */
import type { Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { loadCalendarCovering } from '../../platform/calendar/service.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { insertHistory } from '../customers/changes-repo.js';
import { insertCustomer } from '../customers/records.js';
import { KIND_TEXT } from './checks.js';
import { resignContract, voidActiveContract } from './contracts.js';
import { CaseError } from './errors.js';
import * as repo from './repo.js';
import type { ClosureDetails, NatureChangeDetails, TransferDetails } from './schemas.js';

type Change = repo.CaseChange;

const camel = (column: string) => column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

/**
 * Changes the account, audited, and kept in the account's IAM-4 history (customer_changes, shown on the
 * 360° view) with the case as the reason; a nature change is the approved kind with its request.
 */
async function changeAccount(tx: Tx, actor: Actor, c: repo.CaseRow, action: string, change: Record<string, unknown>) {
  const { before, after } = await repo.updateAccount(tx, actor.companyId, c.accountId, change);
  await recordAudit(tx, actor, {
    action,
    entityType: 'account',
    entityId: c.accountId,
    before: { ...before, caseNo: c.caseNo },
    after: { ...after, caseNo: c.caseNo },
  });
  const changes = Object.keys(change)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ field: camel(k), before: before[k] ?? null, after: after[k] ?? null }));
  if (!changes.length) return;
  const reason = (c.details as { reason?: string }).reason;
  const approved = c.kind === 'natureChange' && c.approvalRequestId !== null;
  await insertHistory(tx, actor.companyId, {
    accountId: c.accountId,
    entityType: 'account',
    entityId: c.accountId,
    mode: approved ? 'approved' : 'direct',
    changes,
    versionBefore: Number(before.version),
    versionAfter: Number(after.version),
    reason: `${KIND_TEXT[c.kind].zh}（${c.caseNo}）${reason ? `：${reason}` : ''}`,
    changedBy: actor.userId,
    changedByName: actor.name,
    requestedBy: approved ? c.approvalRequestedBy : null,
    requestedByName: approved ? c.approvalRequestedByName : null,
    approvalRequestId: approved ? c.approvalRequestId : null,
  });
}

/**
 * CUS-9: the new holder (a new customer or an existing one), the contract re-signed, the account's
 * customer changed, the old holder's bank debit, SMS number and invoice title taken off the account,
 * and a C&I holder's prepayment deposits moved to the new holder.
 */
async function completeTransfer(tx: Tx, actor: Actor, c: repo.CaseRow, today: string): Promise<Change> {
  const owner = (c.details as TransferDetails).newOwner!;
  let newCustomerId: string;
  if (owner.mode === 'new') {
    newCustomerId = await insertCustomer(tx, actor.companyId, { ...owner.customer });
    await recordAudit(tx, actor, {
      action: 'customer.create',
      entityType: 'customer',
      entityId: newCustomerId,
      after: { ...owner.customer, caseNo: c.caseNo },
    });
  } else newCustomerId = owner.customerId;
  const newCustomer = (await repo.findCustomer(tx, actor.companyId, newCustomerId))!;

  const contract = await resignContract(tx, actor, {
    accountId: c.accountId,
    accountNo: c.accountNo,
    customerId: newCustomerId,
    on: today,
    reason: `过户（${c.caseNo}）：${c.customerName} → ${newCustomer.name}`,
  });

  const account: Record<string, unknown> = { customer_id: newCustomerId, sms_mobile: null, sms_carrier: null };
  const current = await repo.findAccount(tx, actor.companyId, c.accountId);
  // The old holder's bank account must never pay the new holder's gas.
  if (current?.paymentMethod === 'bankDebit') {
    Object.assign(account, {
      payment_method: 'counter',
      bank_name: null,
      bank_account_no: null,
      bank_account_holder: null,
    });
  }
  await changeAccount(tx, actor, c, 'account.transfer', account);

  const invoice = await repo.resetInvoiceDetails(tx, actor.companyId, c.accountId, {
    title: newCustomer.name,
    taxNo: newCustomer.taxNo,
  });
  if (invoice) {
    await recordAudit(tx, actor, {
      action: 'invoiceDetails.reset',
      entityType: 'account',
      entityId: c.accountId,
      before: invoice.before,
      after: { ...invoice.after, caseNo: c.caseNo },
    });
  }

  if (c.customerKind !== 'residential') {
    for (const d of await repo.heldPrepayments(tx, actor.companyId, c.accountId)) {
      const newId = await repo.transferDeposit(tx, actor.companyId, {
        id: d.id,
        accountId: c.accountId,
        amount: d.amount,
        on: today,
        toCustomerId: newCustomerId,
        note: `过户（${c.caseNo}）由「${c.customerName}」转入${d.receiptNo ? `，原收据 ${d.receiptNo}` : ''}`,
      });
      await recordAudit(tx, actor, {
        action: 'deposit.transfer',
        entityType: 'deposit',
        entityId: d.id,
        before: { ...d, status: 'held' },
        after: {
          status: 'transferred',
          settledOn: today,
          newDepositId: newId,
          holder: newCustomerId,
          amount: d.amount,
        },
      });
    }
  }
  return { newCustomerId, oldContractId: contract.old?.id ?? null, newContractId: contract.newId };
}

async function completeSuspension(tx: Tx, actor: Actor, c: repo.CaseRow): Promise<Change> {
  await changeAccount(tx, actor, c, 'account.suspend', { status: 'suspended' });
  return {};
}

/**
 * CUS-10: back in use. A meter taken away under a temporary removal is put back (with the reading
 * of the case) if that is still within the restore period; past it the account is a new connection.
 */
async function completeReactivation(tx: Tx, actor: Actor, c: repo.CaseRow, today: string): Promise<Change> {
  const removal = await repo.pendingTemporaryRemoval(tx, actor.companyId, c.accountId);
  if (removal) {
    if (removal.restoreBy && removal.restoreBy < today) {
      throw CaseError('RESTORE_EXPIRED', { field: 'accountId', vars: { date: removal.restoreBy } });
    }
    if (removal.meterRemovedOn && removal.meterId) {
      const eventId = await repo.reinstallMeter(tx, actor.companyId, {
        accountId: c.accountId,
        meterId: removal.meterId,
        on: today,
        reading: c.reading ?? '0',
        reason: `启封复装（${c.caseNo}）`,
        by: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'meter.reinstall',
        entityType: 'meter',
        entityId: removal.meterId,
        after: { accountId: c.accountId, installedOn: today, reading: c.reading, eventId, caseNo: c.caseNo },
      });
    }
    await repo.updateCase(tx, actor.companyId, removal.id, { restoredOn: today });
    await repo.insertEvent(tx, actor.companyId, {
      caseId: removal.id,
      action: 'restored',
      actorId: actor.userId,
      actorName: actor.name,
      after: { restoredOn: today, byCase: c.caseNo },
    });
  }
  await changeAccount(tx, actor, c, 'account.reactivate', { status: 'active' });
  return {};
}

/**
 * CUS-10: a closure closes the account and voids its contract; a temporary removal keeps both and
 * suspends the account. Either way the meter must come off within the policy's working days.
 */
async function completeClosure(tx: Tx, actor: Actor, c: repo.CaseRow, today: string): Promise<Change> {
  const temporary = (c.details as ClosureDetails).temporary === true;
  const days = await policyValue(tx, actor.companyId, 'cus.closureMeterRemovalWorkingDays', today);
  const calendar = await loadCalendarCovering(tx, actor.companyId, [today]);
  const dueOn = c.meterId ? calendar.addWorkingDays(today, days) : null;
  if (temporary) {
    await changeAccount(tx, actor, c, 'account.suspend', { status: 'suspended' });
    return { dueOn };
  }
  const old = await voidActiveContract(tx, actor, c.accountId, today, `销户（${c.caseNo}）`);
  await changeAccount(tx, actor, c, 'account.close', { status: 'closed', closed_on: today });
  return { dueOn, oldContractId: old?.id ?? null };
}

/** CUS-11: the new nature takes effect and a new contract is signed (in the final approval's transaction). */
async function completeNatureChange(tx: Tx, actor: Actor, c: repo.CaseRow, today: string): Promise<Change> {
  const d = c.details as NatureChangeDetails;
  if (d.fromNature && d.fromNature !== c.usageNature) {
    throw CaseError('NATURE_CHANGED_SINCE', { field: 'details.newNature', vars: { nature: c.usageNatureName } });
  }
  await changeAccount(tx, actor, c, 'account.natureChange', { usage_nature: d.newNature });
  const contract = await resignContract(tx, actor, {
    accountId: c.accountId,
    accountNo: c.accountNo,
    customerId: c.customerId,
    on: today,
    reason: `用气性质变更（${c.caseNo}）：${c.usageNature} → ${d.newNature}`,
  });
  return { oldContractId: contract.old?.id ?? null, newContractId: contract.newId };
}

export function applyCompletion(tx: Tx, actor: Actor, c: repo.CaseRow, today: string): Promise<Change> {
  switch (c.kind) {
    case 'transfer':
      return completeTransfer(tx, actor, c, today);
    case 'suspension':
      return completeSuspension(tx, actor, c);
    case 'reactivation':
      return completeReactivation(tx, actor, c, today);
    case 'closure':
      return completeClosure(tx, actor, c, today);
    case 'natureChange':
      return completeNatureChange(tx, actor, c, today);
  }
}

/**
 * CUS-6: one supply contract in force per account. A change of holder or of usage nature voids the
 * contract in force (with the reason) and signs a new one that replaces it.
 *
 * Numbering: the contract signed when the account opened is GYHT-<account no>; each later one adds the
 * account's contract count, GYHT-<account no>-02, -03, … Unique per company because account numbers
 * are; a number already taken (a contract typed in by hand) moves to the next.
 */
import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import * as repo from './repo.js';

export async function nextContractNo(db: Queryable, companyId: string, accountId: string, accountNo: string) {
  let n = (await repo.countContracts(db, companyId, accountId)) + 1;
  for (;;) {
    const no = `GYHT-${accountNo}-${String(n).padStart(2, '0')}`;
    if (!(await repo.contractNoTaken(db, companyId, no))) return no;
    n += 1;
  }
}

/** Voids the contract in force (if any) with the reason; returns it. */
export async function voidActiveContract(
  tx: Queryable,
  actor: Actor,
  accountId: string,
  on: string,
  reason: string,
): Promise<repo.ContractRow | null> {
  const old = await repo.activeContract(tx, actor.companyId, accountId);
  if (!old) return null;
  await repo.voidContract(tx, actor.companyId, old.id, { voidedOn: on, reason });
  await recordAudit(tx, actor, {
    action: 'supplyContract.void',
    entityType: 'supplyContract',
    entityId: old.id,
    before: { ...old, status: 'active' },
    after: { status: 'voided', voidedOn: on, voidReason: reason },
  });
  return old;
}

/** Voids the contract in force and signs a new one with `customerId`; returns both. */
export async function resignContract(
  tx: Queryable,
  actor: Actor,
  a: { accountId: string; accountNo: string; customerId: string; on: string; reason: string },
): Promise<{ old: repo.ContractRow | null; newId: string; newNo: string }> {
  const old = await voidActiveContract(tx, actor, a.accountId, a.on, a.reason);
  const newNo = await nextContractNo(tx, actor.companyId, a.accountId, a.accountNo);
  const newId = await repo.insertContract(tx, actor.companyId, {
    contractNo: newNo,
    accountId: a.accountId,
    customerId: a.customerId,
    signedOn: a.on,
  });
  if (old) await repo.setContractReplacedBy(tx, actor.companyId, old.id, newId);
  await recordAudit(tx, actor, {
    action: 'supplyContract.sign',
    entityType: 'supplyContract',
    entityId: newId,
    after: {
      contractNo: newNo,
      accountId: a.accountId,
      customerId: a.customerId,
      signedOn: a.on,
      replaces: old?.id ?? null,
    },
  });
  return { old, newId, newNo };
}

import { Decimal } from 'decimal.js';
import type { Db, Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import type { NewPayment } from '../payments/schemas.js';
import { collectPayment } from '../payments/service.js';
import { CashOfficeError } from './errors.js';
import * as repo from './repo.js';
import type { Handover } from './schemas.js';

/**
 * PAY-4 (000 §53): a door-to-door collector records the fee in the system at collection time — a payment on
 * the 'collector' channel, numbered and idempotent like a desk payment, outside any cash shift.
 */
export function collectAtDoor(db: Db, actor: Actor, key: string, body: NewPayment) {
  return collectPayment(db, actor, key, body, 'collector');
}

export async function pending(db: Queryable, companyId: string, collectorId: string) {
  const items = await repo.pendingCollections(db, companyId, collectorId);
  return { items, cashTotal: items.reduce((s, p) => s.plus(p.cash), new Decimal(0)).toFixed(2) };
}

/**
 * PAY-4: the collector hands the cash of their collector payments not yet handed over (all, or those named) to
 * a cashier. Each payment is handed over once (its key is unique); expected = the cash tenders of the payments.
 */
export async function handOver(
  tx: Tx,
  actor: Actor,
  input: { receiverId: string; paymentIds?: string[]; handed: string; note?: string },
): Promise<Handover> {
  if (input.receiverId === actor.userId) throw CashOfficeError('SAME_PERSON', { field: 'receiverId' });
  if ((await repo.cashiers(tx, actor.companyId, input.receiverId)).length === 0)
    throw CashOfficeError('UNKNOWN_RECEIVER', { field: 'receiverId' });
  const open = await repo.pendingCollections(tx, actor.companyId, actor.userId!);
  const byId = new Map(open.map((p) => [p.id, p]));
  let chosen = open;
  if (input.paymentIds) {
    chosen = [];
    for (const [i, id] of [...new Set(input.paymentIds)].entries()) {
      const p = byId.get(id);
      if (!p) throw CashOfficeError('PAYMENT_NOT_PENDING', { field: `paymentIds.${i}`, vars: { no: id } });
      chosen.push(p);
    }
  }
  if (chosen.length === 0) throw CashOfficeError('NOTHING_TO_HAND_OVER', { field: 'paymentIds' });
  const expected = chosen.reduce((s, p) => s.plus(p.cash), new Decimal(0));
  let id: string;
  try {
    id = await repo.insertHandover(
      tx,
      actor.companyId,
      {
        collectorId: actor.userId!,
        receiverId: input.receiverId,
        expected: expected.toFixed(2),
        handed: new Decimal(input.handed).toFixed(2),
        note: input.note ?? null,
      },
      chosen.map((p) => p.id),
    );
  } catch (err) {
    // The same payments handed over twice at once: the unique key decided.
    if ((err as { code?: string }).code === '23505')
      throw CashOfficeError('PAYMENT_NOT_PENDING', { field: 'paymentIds', vars: { no: chosen[0]!.no } });
    throw err;
  }
  const created = (await repo.findHandover(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'cashOffice.handOver',
    entityType: 'cashHandover',
    entityId: id,
    after: { ...created, payments: chosen.map((p) => p.no) },
  });
  return created;
}

/**
 * PAY-4: the receiving cashier counts the cash and confirms; it goes into their open shift's cash (expected at
 * the close). A difference from the expected cash needs an explanation.
 */
export async function confirm(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { received: string; explanation?: string },
): Promise<Handover> {
  const lock = await repo.lockHandover(tx, actor.companyId, id);
  if (!lock) throw CashOfficeError('HANDOVER_NOT_FOUND');
  if (lock.receiverId !== actor.userId) throw CashOfficeError('NOT_RECEIVER');
  if (lock.status !== 'pending') throw CashOfficeError('HANDOVER_CONFIRMED');
  const shift = await repo.openShiftOf(tx, actor.companyId, actor.userId!);
  // The shift row is locked and read again: a close of it running at once either waits for this hand-over (and
  // counts it in the cash expected) or has closed it first (NO_OPEN_SHIFT) — never a hand-over confirmed into a
  // shift whose close did not count it.
  const locked = shift ? await repo.lockShift(tx, actor.companyId, shift.id) : null;
  if (!shift || locked?.status !== 'open') throw CashOfficeError('NO_OPEN_SHIFT');
  const received = new Decimal(input.received);
  const variance = received.minus(lock.expected);
  const explanation = input.explanation?.trim() || null;
  if (!variance.isZero() && !explanation)
    throw CashOfficeError('EXPLANATION_REQUIRED', {
      field: 'explanation',
      vars: { method: { zh: '走收交款', en: 'The hand-over' }, variance: variance.toFixed(2) },
    });
  const before = (await repo.findHandover(tx, actor.companyId, id))!;
  await repo.confirmHandover(tx, actor.companyId, id, {
    received: received.toFixed(2),
    explanation: variance.isZero() ? null : explanation,
    shiftId: shift.id,
  });
  const after = (await repo.findHandover(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'cashOffice.confirmHandOver',
    entityType: 'cashHandover',
    entityId: id,
    before,
    after,
  });
  return after;
}

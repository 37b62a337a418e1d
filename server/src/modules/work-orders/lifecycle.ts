import type { Tx } from '../../db/types.js';
import type { Actor } from '../../platform/context.js';
import type { getWorkOrder } from './service.js';

/** A work order as the service returns it (with its events). */
export type WorkOrderDetail = Awaited<ReturnType<typeof getWorkOrder>>;

/**
 * Other modules act on a work order's life without the work-order module knowing them: callbacks
 * (CMP-3) are created when an order is completed, "my contacts" (SVC-3) follow it. A listener runs
 * inside the transaction of the change, so its writes commit with it or not at all.
 */
type Listener = (tx: Tx, actor: Actor, order: WorkOrderDetail) => Promise<void>;

const completedListeners: Listener[] = [];

/** Runs `fn` whenever an order reaches `completed` (SVC-4), in the same transaction. */
export function onWorkOrderCompleted(fn: Listener): void {
  completedListeners.push(fn);
}

export async function workOrderCompleted(tx: Tx, actor: Actor, order: WorkOrderDetail): Promise<void> {
  for (const fn of completedListeners) await fn(tx, actor, order);
}

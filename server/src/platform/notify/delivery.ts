import { registerTask, type TaskContext } from '../jobs/registry.js';
import { PermanentTaskError } from '../jobs/worker.js';
import * as repo from './messages-repo.js';
import { notificationProvider, type SendResult } from './providers.js';

export const DELIVER_TASK = 'notify.deliver';

/** How often a message is tried before it counts as failed, and the first wait (doubling each time). */
export const DELIVERY_MAX_ATTEMPTS = 5;
export const DELIVERY_BACKOFF_SECONDS = 30;

/**
 * One try at delivering one message. The provider is called outside any transaction (it may
 * take seconds); what it answered is recorded afterwards. A crash in between sends the message
 * again when the task's lease lapses: at least once, with the message id as the gateway's reference.
 */
export async function deliverMessage(ctx: TaskContext, payload: { messageId: string }) {
  const { db, companyId } = ctx;
  const provider = notificationProvider();
  const msg = await db.tx(async (tx) => {
    const m = await repo.findMessage(tx, companyId, payload.messageId, { lock: true });
    // Sent already (a task run twice) or gone: nothing to do.
    if (!m || m.status === 'sent' || m.status === 'delivered') return null;
    await repo.setStatus(tx, companyId, m.id, { status: 'sending', attemptsPlusOne: true, provider: provider.name });
    return { ...m, attempts: m.attempts + 1 };
  });
  if (!msg) return { skipped: true };

  let result: SendResult;
  try {
    result = await provider.send({
      companyId,
      id: msg.id,
      channel: msg.channel,
      recipient: msg.recipient,
      text: msg.rendered,
    });
  } catch (err) {
    result = { ok: false, retryable: true, error: (err as Error).message };
  }

  const lastTry = ctx.attempt >= DELIVERY_MAX_ATTEMPTS;
  await db.tx(async (tx) => {
    await repo.insertDelivery(tx, {
      companyId,
      messageId: msg.id,
      attempt: msg.attempts,
      provider: provider.name,
      ok: result.ok,
      response: result.ok
        ? (result.response ?? null)
        : { error: result.error, ...(result.response ? { response: result.response } : {}) },
    });
    if (result.ok) {
      await repo.setStatus(tx, companyId, msg.id, {
        status: result.delivered ? 'delivered' : 'sent',
        providerMessageId: result.providerMessageId,
        lastError: null,
        sentNow: true,
        ...(result.delivered ? { deliveredAt: 'now' as const } : {}),
      });
    } else {
      const failed = !result.retryable || lastTry;
      await repo.setStatus(tx, companyId, msg.id, { status: failed ? 'failed' : 'queued', lastError: result.error });
    }
  });
  if (result.ok)
    return { status: result.delivered ? 'delivered' : 'sent', providerMessageId: result.providerMessageId };
  // The worker retries with back-off, or stops at once when retrying cannot help.
  if (!result.retryable) throw new PermanentTaskError(result.error);
  throw new Error(result.error);
}

registerTask<{ messageId: string }>({
  kind: DELIVER_TASK,
  maxAttempts: DELIVERY_MAX_ATTEMPTS,
  backoffSeconds: DELIVERY_BACKOFF_SECONDS,
  run: deliverMessage,
});

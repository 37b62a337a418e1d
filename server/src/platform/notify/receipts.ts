import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Tx } from '../../db/types.js';
import { NotifyError } from './errors.js';
import * as repo from './messages-repo.js';

export const SIGNATURE_HEADER = 'x-hearth-signature';

export function signReceipt(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** The gateway signs the raw body with the shared secret; no secret configured means no receipt is trusted. */
export function assertSigned(secret: string | undefined, rawBody: string | undefined, header: unknown): void {
  if (!secret || rawBody === undefined || typeof header !== 'string') throw NotifyError('CALLBACK_UNAUTHORIZED');
  const given = Buffer.from(
    header
      .trim()
      .replace(/^sha256=/i, '')
      .toLowerCase(),
    'utf8',
  );
  const expected = Buffer.from(signReceipt(secret, rawBody).slice('sha256='.length), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw NotifyError('CALLBACK_UNAUTHORIZED');
}

export interface Receipt {
  providerMessageId: string;
  status: 'delivered' | 'failed';
  error?: string;
  at?: string;
}

/**
 * A delivery receipt settles a sent message. Gateways repeat receipts, and a late one may
 * follow a newer outcome: only a message still waiting ('sent') changes.
 */
export async function applyReceipt(tx: Tx, provider: string, r: Receipt) {
  const m = await repo.findByProviderId(tx, provider, r.providerMessageId);
  if (!m) throw NotifyError('CALLBACK_UNKNOWN_MESSAGE');
  if (m.status !== 'sent') return { id: m.id, status: m.status, changed: false };
  if (r.status === 'delivered') {
    await repo.setStatus(tx, m.companyId, m.id, {
      status: 'delivered',
      deliveredAt: r.at ? new Date(r.at) : 'now',
    });
  } else {
    await repo.setStatus(tx, m.companyId, m.id, { status: 'failed', lastError: r.error ?? 'not delivered' });
  }
  return { id: m.id, status: r.status, changed: true };
}

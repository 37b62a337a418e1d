/**
 * PAY-6 (000 §68 用户客服中心前台缴费后，可以扫描缴费票据上二维码开票): the receipt's QR code holds a URL with a token
 * that binds the company, the payment and the last day it is good for (the payment's invoicing deadline), signed with
 * the company's key (HMAC-SHA256, `invoice_request_keys`). The public page is authenticated by the token alone.
 *
 *   v1.<company id, base64url>.<payment id, base64url>.<yyyymmdd>.<mac, 16 bytes base64url>
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/types.js';
import { InvoiceError } from './errors.js';
import * as repo from './repo.js';

const uuidToB64 = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url');
function b64ToUuid(s: string): string | null {
  const hex = Buffer.from(s, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function keyOf(db: Queryable, companyId: string) {
  return repo.requestKey(db, companyId, randomBytes(32).toString('base64url'));
}

const mac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest().subarray(0, 16).toString('base64url');

export async function signRequestToken(db: Queryable, companyId: string, paymentId: string, expiresOn: string) {
  const body = `v1.${uuidToB64(companyId)}.${uuidToB64(paymentId)}.${expiresOn.replaceAll('-', '')}`;
  return `${body}.${mac(await keyOf(db, companyId), body)}`;
}

export interface RequestToken {
  companyId: string;
  paymentId: string;
  expiresOn: string;
}

/** The token's company, payment and last day; a token not signed by the company's key → 403 TOKEN_INVALID. */
export async function verifyRequestToken(db: Queryable, token: string): Promise<RequestToken> {
  const m = /^v1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})\.(\d{8})\.([A-Za-z0-9_-]{22})$/.exec(token);
  const companyId = m ? b64ToUuid(m[1]!) : null;
  const paymentId = m ? b64ToUuid(m[2]!) : null;
  if (!m || !companyId || !paymentId) throw InvoiceError('TOKEN_INVALID');
  // Read the key, never make one: an anonymous request must not write (a company without a key signed nothing).
  const secret = await repo.findRequestKey(db, companyId);
  if (!secret) throw InvoiceError('TOKEN_INVALID');
  const body = token.slice(0, token.lastIndexOf('.'));
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(m[4]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw InvoiceError('TOKEN_INVALID');
  const d = m[3]!;
  return { companyId, paymentId, expiresOn: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` };
}

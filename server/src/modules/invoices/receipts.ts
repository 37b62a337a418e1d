/**
 * What the payment receipt (payments/receipt.ts) prints from this module:
 * - PAY-5 the receipt number (收据号): the first print at the desk by someone who collects payments takes the next
 *   number of their receipt stock (fiscal-stock useNumber, kind `receipt`); reprints show the same number. Without
 *   receipt stock the receipt still prints and says 无票据号 — recorded, so reprints say so too (no number is
 *   made up later for a receipt already handed out). Prints by readers (finance, audit) never take a number.
 * - PAY-6 the e-invoice QR code: a signed URL (token.ts) to the public request page, good until the payment's
 *   invoicing deadline; none for reversed or invoiced payments, or past the deadline. SVG, as a data: URL (notices
 *   cannot carry markup; the print CSP allows data: images, and the PDF renderer draws it offline).
 */
import QRCode from 'qrcode';
import type { Db, Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Principal } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextNumber, useNumber } from '../fiscal-stock/service.js';
import * as repo from './repo.js';
import { invoiceDeadline } from './service.js';
import { signRequestToken } from './token.js';

export const NO_RECEIPT_NUMBER = '无票据号';

const show = (r: repo.ReceiptNumber | null) => (r?.number ? `${r.series} ${r.number}` : NO_RECEIPT_NUMBER);

/** The receipt number of a payment, taken from the printer's receipt stock on the first print at the desk. */
export async function receiptNumberOnPrint(db: Db, principal: Principal, paymentId: string): Promise<string> {
  const known = await repo.findReceiptNumber(db, principal.companyId, paymentId);
  if (known || !principal.permissions.has('payment.collect')) return show(known);
  return db.tx(async (tx) => {
    if (!(await repo.lockPayment(tx, principal.companyId, paymentId))) return NO_RECEIPT_NUMBER;
    const again = await repo.findReceiptNumber(tx, principal.companyId, paymentId);
    if (again) return show(again);
    const actor = { companyId: principal.companyId, userId: principal.userId, name: principal.fullName };
    // Two first prints of different payments by one cashier at once see the same next number: the loser of the
    // unique (kind, series, n) takes the one after (as invoices do) instead of failing the print with NUMBER_USED.
    let used: Awaited<ReturnType<typeof useNumber>> | null = null;
    for (let attempt = 0; ; attempt++) {
      const next = await nextNumber(tx, principal.companyId, principal.userId, 'receipt');
      if (!next) break;
      try {
        used = await useNumber(tx, actor, principal.userId, 'receipt', next.number, {
          series: next.series,
          reference: `payment:${paymentId}`,
        });
        break;
      } catch (err) {
        const taken = err instanceof AppError && (err.code === 'NUMBER_USED' || err.code === 'NUMBER_VOIDED');
        if (!taken || attempt >= 3) throw err;
      }
    }
    const row = { series: used?.series ?? null, number: used?.number ?? null };
    await repo.insertReceiptNumber(tx, principal.companyId, {
      paymentId,
      ...row,
      fiscalNumberId: used?.id ?? null,
      by: principal.userId,
    });
    await recordAudit(tx, actor, {
      action: 'payment.receiptNumber',
      entityType: 'payment',
      entityId: paymentId,
      after: row,
    });
    return show(row);
  });
}

/** The number a receipt already has (any print but the desk's first). */
export async function receiptNumberOf(db: Queryable, companyId: string, paymentId: string): Promise<string> {
  return show(await repo.findReceiptNumber(db, companyId, paymentId));
}

/** The receipt's e-invoice QR code (an SVG data: URL) and its last day; null when it cannot be used. */
export async function invoiceQr(
  db: Queryable,
  companyId: string,
  paymentId: string,
  today = businessToday(),
): Promise<{ qr: string; url: string; expiresOn: string } | null> {
  const [p] = await repo.paymentsById(db, companyId, [paymentId]);
  if (p?.status !== 'posted' || p.invoiceId) return null;
  const receivedOn = p.receivedOn;
  const [withinDays, base] = await Promise.all([
    policyValue(db, companyId, 'pay.invoiceWithinDays', today),
    policyValue(db, companyId, 'pay.eInvoicePortalUrl', today),
  ]);
  const expiresOn = invoiceDeadline(receivedOn, withinDays);
  if (today > expiresOn) return null;
  const token = await signRequestToken(db, companyId, paymentId, expiresOn);
  const url = `${String(base).replace(/\/+$/, '')}/e-invoice/${token}`;
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, url, expiresOn };
}

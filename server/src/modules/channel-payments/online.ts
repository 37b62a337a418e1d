import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import QRCode from 'qrcode';
import type { Db, Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import * as payRepo from '../payments/repo.js';
import { accountDebts, postPaymentIn } from '../payments/service.js';
import { ChannelPaymentError } from './errors.js';
import { gatewayOf, HEADER, type Headers, type Refusal, simulatorGateway } from './gateway.js';
import * as repo from './repo.js';
import type { ListOrdersQuery, NewOrder, OnlineOrder } from './schemas.js';

const MAX_AMOUNT = new Decimal('9999999999.99');

/** The actor of what the gateway's callback does: the channel, no user. */
export const onlineActor = (companyId: string, requestId?: string | null, ip?: string | null): Actor => ({
  companyId,
  userId: null,
  name: '网上缴费网关',
  ip: ip ?? null,
  requestId: requestId ?? null,
});

function toDto(o: repo.OrderRow, provider: string): OnlineOrder {
  return {
    ...o,
    provider,
    expiresAt: o.expiresAt.toISOString(),
    createdAt: o.createdAt.toISOString(),
    paidAt: o.paidAt ? o.paidAt.toISOString() : null,
  };
}

async function withQr(o: OnlineOrder): Promise<OnlineOrder> {
  return { ...o, qrImage: await QRCode.toDataURL(o.qrPayload, { margin: 1, width: 240 }) };
}

/**
 * PAY-1: a pay order for an account — by default what it owes today (late fees included) — sent to the company's
 * gateway, which answers with the pay URL and QR code the customer pays with. It expires after the policy's minutes.
 */
export async function createOrder(tx: Tx, actor: Actor, body: NewOrder): Promise<OnlineOrder> {
  const head = await payRepo.accountHead(tx, actor.companyId, body.accountId);
  if (!head) throw ChannelPaymentError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  const amount = new Decimal(body.amount ?? (await accountDebts(tx, actor.companyId, head.id)).totalDue);
  if (amount.lte(0)) throw ChannelPaymentError('NOTHING_DUE', { field: 'amount', vars: { accountNo: head.accountNo } });
  if (amount.gt(MAX_AMOUNT))
    throw ChannelPaymentError('AMOUNT_TOO_LARGE', { field: 'amount', vars: { amount: amount.toFixed(2) } });
  const today = businessToday();
  const minutes = await policyValue(tx, actor.companyId, 'pay.online.orderExpiryMinutes', today);
  const account = await repo.gatewayAccount(tx, actor.companyId);
  const serial = await nextDailySerial(tx, actor.companyId, 'onlineOrder', today);
  const no = `WO-${today.replaceAll('-', '')}-${String(serial).padStart(6, '0')}`;
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  const { payUrl, qrPayload } = await gatewayOf(account.provider).createOrder(account, {
    no,
    amount: amount.toFixed(2),
    subject: `燃气费 ${head.accountNo}`,
    expiresAt,
  });
  const id = randomUUID();
  await repo.insertOrder(tx, actor.companyId, {
    id,
    no,
    accountId: head.id,
    amount: amount.toFixed(2),
    payUrl,
    qrPayload,
    expiresAt,
    createdBy: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'channelPayment.order.create',
    entityType: 'onlineOrder',
    entityId: id,
    after: { no, accountId: head.id, accountNo: head.accountNo, amount: amount.toFixed(2), expiresAt },
  });
  return withQr(toDto((await repo.findOrder(tx, actor.companyId, { id }))!, account.provider));
}

export async function getOrder(
  db: Queryable,
  companyId: string,
  by: { id: string } | { no: string },
): Promise<OnlineOrder> {
  const o = await repo.findOrder(db, companyId, by);
  if (!o) throw ChannelPaymentError('ORDER_NOT_FOUND');
  const account = await repo.gatewayAccount(db, companyId);
  return withQr(toDto(o, account.provider));
}

export async function listOrders(db: Queryable, companyId: string, q: ListOrdersQuery) {
  const account = await repo.gatewayAccount(db, companyId);
  const { items, total } = await repo.listOrders(db, companyId, q);
  return { items: items.map((o) => toDto(o, account.provider)), total, page: q.page, pageSize: q.pageSize };
}

const one = (h: Headers, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

function refuse(r: Refusal, window: number): never {
  if (r === 'unsigned') throw ChannelPaymentError('CALLBACK_UNSIGNED');
  if (r === 'badSignature') throw ChannelPaymentError('CALLBACK_BAD_SIGNATURE');
  if (r === 'stale') throw ChannelPaymentError('CALLBACK_STALE', { vars: { window } });
  throw ChannelPaymentError('CALLBACK_MALFORMED', { field: r.malformed, vars: { problem: r.malformed } });
}

/**
 * PAY-1: the gateway's callback, authenticated by its signature alone. The signature (constant-time), the
 * timestamp window and the body are checked first; then, in one transaction with the order locked: the nonce is
 * used once (a replay is refused), a notification already processed answers success and posts nothing (the
 * gateway retries), the amount must be the order's; the payment is posted and the order marked paid together.
 */
export async function handleCallback(
  db: Db,
  headers: Headers,
  rawBody: Buffer,
  meta: { requestId?: string; ip?: string } = {},
): Promise<{ code: 'SUCCESS'; message: string }> {
  const merchant = one(headers, HEADER.merchant);
  if (!merchant) throw ChannelPaymentError('CALLBACK_UNSIGNED');
  const account = await repo.gatewayByMerchant(db, merchant);
  // An unknown merchant reads as a bad signature: nothing tells a prober which merchants exist.
  if (!account) throw ChannelPaymentError('CALLBACK_BAD_SIGNATURE');
  const window = await policyValue(db, account.companyId, 'pay.online.callbackWindowSeconds', businessToday());
  const verified = gatewayOf(account.provider).verifyCallback(account, headers, rawBody, new Date(), window);
  if (typeof verified === 'string' || 'malformed' in verified) refuse(verified, window);
  const actor = onlineActor(account.companyId, meta.requestId, meta.ip);
  return db.tx(async (tx) => {
    const order = await repo.findOrder(tx, actor.companyId, { no: verified.orderNo }, true);
    if (!order) throw ChannelPaymentError('ORDER_NOT_FOUND', { field: 'orderNo' });
    await repo.pruneNonces(tx, actor.companyId, 2 * window + 60);
    if (!(await repo.useNonce(tx, actor.companyId, verified.nonce))) throw ChannelPaymentError('CALLBACK_REPLAYED');
    if (!new Decimal(verified.amount).eq(order.amount)) {
      throw ChannelPaymentError('CALLBACK_AMOUNT_MISMATCH', {
        field: 'amount',
        vars: { amount: verified.amount, no: order.no, expected: order.amount },
      });
    }
    const fresh = await repo.recordNotification(tx, actor.companyId, {
      notificationId: verified.notificationId,
      nonce: verified.nonce,
      orderId: order.id,
      amount: verified.amount,
      tradeNo: verified.tradeNo,
    });
    if (!fresh || order.status === 'paid') {
      // A retry of a processed notification; or another one for a paid order, kept for the reconciliation.
      return { code: 'SUCCESS' as const, message: `order ${order.no} is paid` };
    }
    if (verified.paidAt > order.expiresAt) {
      throw ChannelPaymentError('CALLBACK_ORDER_EXPIRED', {
        vars: { no: order.no, at: order.expiresAt.toISOString() },
      });
    }
    const posted = await postPaymentIn(
      tx,
      actor,
      `online-${order.no}`,
      {
        accountId: order.accountId,
        tenders: [{ method: 'online', amount: order.amount, reference: verified.tradeNo }],
        note: `网上缴费订单 ${order.no}`,
      },
      'online',
    );
    await repo.markOrderPaid(tx, actor.companyId, order.id, {
      paymentId: posted.id,
      tradeNo: verified.tradeNo,
      paidAt: verified.paidAt,
    });
    await recordAudit(tx, actor, {
      action: 'channelPayment.order.paid',
      entityType: 'onlineOrder',
      entityId: order.id,
      before: { status: order.status },
      after: {
        status: 'paid',
        paymentId: posted.id,
        notificationId: verified.notificationId,
        tradeNo: verified.tradeNo,
        amount: order.amount,
      },
    });
    return { code: 'SUCCESS' as const, message: `order ${order.no} paid` };
  });
}

/**
 * The simulator's "the customer paid": the signed notification the gateway would send for the order. Refused
 * unless the company's gateway is the simulator and the order can still be paid.
 */
export async function simulatedPayment(db: Queryable, actor: Actor, no: string) {
  const companyId = actor.companyId;
  const account = await repo.gatewayAccount(db, companyId);
  if (account.provider !== simulatorGateway.provider) throw ChannelPaymentError('GATEWAY_NOT_SIMULATOR');
  const o = await repo.findOrder(db, companyId, { no });
  if (!o) throw ChannelPaymentError('ORDER_NOT_FOUND');
  if (o.status !== 'pending') {
    const status = o.status === 'paid' ? { zh: '已支付', en: 'paid' } : { zh: '已过期', en: 'expired' };
    throw ChannelPaymentError('ORDER_NOT_PENDING', { vars: { no: o.no, status } });
  }
  // The payment the callback posts is the gateway's (no user): this entry names the person who made it happen.
  await recordAudit(db, actor, {
    action: 'channelPayment.order.simulatedPay',
    entityType: 'onlineOrder',
    entityId: o.id,
    after: { no: o.no, amount: o.amount },
  });
  return simulatorGateway.notification(account, { no: o.no, amount: o.amount });
}

/** What the gateway says of an order (a lost callback is found this way). */
export async function queryOrder(db: Queryable, companyId: string, no: string) {
  const o = await repo.findOrder(db, companyId, { no });
  if (!o) throw ChannelPaymentError('ORDER_NOT_FOUND');
  const account = await repo.gatewayAccount(db, companyId);
  const gateway = await gatewayOf(account.provider).queryOrder(account, o.no);
  return {
    merchantId: account.merchantId,
    provider: account.provider,
    orderNo: o.no,
    amount: o.amount,
    status: o.status,
    gatewayStatus: gateway.status,
  };
}

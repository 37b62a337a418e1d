import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** The company's account at its gateway (payment_gateway_accounts); the secret never leaves the server. */
export interface GatewayAccount {
  companyId: string;
  provider: string;
  merchantId: string;
  secret: string;
}

export interface GatewayOrder {
  no: string;
  amount: string;
  subject: string;
  expiresAt: Date;
}

/** A callback whose signature, timestamp and shape were checked: what the gateway says was paid. */
export interface VerifiedNotification {
  notificationId: string;
  nonce: string;
  orderNo: string;
  tradeNo: string;
  amount: string;
  paidAt: Date;
}

export type Refusal = 'unsigned' | 'badSignature' | 'stale' | { malformed: string };

export type Headers = Record<string, string | string[] | undefined>;

/**
 * A payment gateway (WeChat Pay, Alipay, UnionPay, an aggregator …). Hearth asks it for a pay order, shows its
 * pay URL or QR code to the customer, and posts the payment when the gateway's signed callback arrives.
 */
export interface PaymentGateway {
  readonly provider: string;
  createOrder(account: GatewayAccount, order: GatewayOrder): Promise<{ payUrl: string; qrPayload: string }>;
  /** The callback's raw body and headers checked: a verified notification, or why it is refused. */
  verifyCallback(
    account: GatewayAccount,
    headers: Headers,
    rawBody: Buffer,
    now: Date,
    windowSeconds: number,
  ): VerifiedNotification | Refusal;
  /** What the gateway knows of an order (for a lost callback). */
  queryOrder(account: GatewayAccount, orderNo: string): Promise<{ status: 'pending' | 'paid' | 'unknown' }>;
}

export const HEADER = {
  merchant: 'x-gateway-merchant',
  timestamp: 'x-gateway-timestamp',
  nonce: 'x-gateway-nonce',
  signature: 'x-gateway-signature',
} as const;

const one = (h: Headers, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** HMAC-SHA256 (hex) over `timestamp \n nonce \n raw body`. */
export function signatureOf(secret: string, timestamp: string, nonce: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n`).update(rawBody).digest('hex');
}

const NONCE = /^[A-Za-z0-9_-]{8,64}$/;
const MONEY = /^\d{1,10}(\.\d{1,2})?$/;

/**
 * The signed-callback check every gateway of this shape shares: headers present, signature compared in constant
 * time, timestamp (Unix seconds) within the window, then the body's fields.
 */
export function verifySigned(
  account: GatewayAccount,
  headers: Headers,
  rawBody: Buffer,
  now: Date,
  windowSeconds: number,
): VerifiedNotification | Refusal {
  const timestamp = one(headers, HEADER.timestamp);
  const nonce = one(headers, HEADER.nonce);
  const signature = one(headers, HEADER.signature);
  if (!timestamp || !nonce || !signature || !/^\d{1,12}$/.test(timestamp) || !NONCE.test(nonce)) return 'unsigned';
  const expected = Buffer.from(signatureOf(account.secret, timestamp, nonce, rawBody), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'badSignature';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > windowSeconds) return 'stale';
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { malformed: 'JSON' };
  }
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  if (str('status') !== 'SUCCESS') return { malformed: 'status' };
  if (!NONCE.test(str('notificationId'))) return { malformed: 'notificationId' };
  if (!str('orderNo') || str('orderNo').length > 64) return { malformed: 'orderNo' };
  if (!str('tradeNo') || str('tradeNo').length > 64) return { malformed: 'tradeNo' };
  if (!MONEY.test(str('amount'))) return { malformed: 'amount' };
  const paidAt = new Date(str('paidAt'));
  if (Number.isNaN(paidAt.getTime())) return { malformed: 'paidAt' };
  return {
    notificationId: str('notificationId'),
    nonce,
    orderNo: str('orderNo'),
    tradeNo: str('tradeNo'),
    amount: str('amount'),
    paidAt,
  };
}

/** What the simulated customer did: the simulator's own record of the orders it was asked to collect. */
const simPaid = new Map<string, string>();

/**
 * The local gateway shipped with Hearth. Its pay URL and QR payload point at the simulator; "paying" there
 * (POST /api/sim/gateway/orders/:no/pay) builds the notification a real gateway would send, signs it with the
 * company's secret and delivers it to the public callback route — the same route, the same checks.
 */
export const simulatorGateway: PaymentGateway & {
  notification(account: GatewayAccount, order: { no: string; amount: string }, now?: Date): SignedCallback;
} = {
  provider: 'simulator',
  async createOrder(account, order) {
    const q = new URLSearchParams({ merchant: account.merchantId, order: order.no, amount: order.amount });
    return {
      payUrl: `/api/sim/gateway/orders/${encodeURIComponent(order.no)}`,
      qrPayload: `hearthsim://pay?${q.toString()}`,
    };
  },
  verifyCallback: verifySigned,
  async queryOrder(account, orderNo) {
    return { status: simPaid.has(`${account.merchantId}/${orderNo}`) ? 'paid' : 'pending' };
  },
  notification(account, order, now = new Date()) {
    const tradeNo =
      simPaid.get(`${account.merchantId}/${order.no}`) ?? `SIM${now.getTime()}${randomBytes(3).toString('hex')}`;
    simPaid.set(`${account.merchantId}/${order.no}`, tradeNo);
    const body = Buffer.from(
      JSON.stringify({
        notificationId: `N${tradeNo}`,
        status: 'SUCCESS',
        orderNo: order.no,
        tradeNo,
        amount: order.amount,
        paidAt: now.toISOString(),
      }),
    );
    return signedCallback(account, body, now);
  },
};

export interface SignedCallback {
  headers: Record<string, string>;
  body: Buffer;
}

/** Signs a callback body as the gateway does (the simulator, and tests). */
export function signedCallback(
  account: GatewayAccount,
  body: Buffer,
  now = new Date(),
  nonce?: string,
): SignedCallback {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const n = nonce ?? randomUUID().replaceAll('-', '');
  return {
    headers: {
      'content-type': 'application/json',
      [HEADER.merchant]: account.merchantId,
      [HEADER.timestamp]: timestamp,
      [HEADER.nonce]: n,
      [HEADER.signature]: signatureOf(account.secret, timestamp, n, body),
    },
    body,
  };
}

const gateways = new Map<string, PaymentGateway>([[simulatorGateway.provider, simulatorGateway]]);

/** A real gateway plugs in here (see docs/channel-payments.md). */
export function registerGateway(g: PaymentGateway): void {
  gateways.set(g.provider, g);
}

export function gatewayOf(provider: string): PaymentGateway {
  const g = gateways.get(provider);
  if (!g) throw new Error(`payment gateway ${provider} is not registered`);
  return g;
}

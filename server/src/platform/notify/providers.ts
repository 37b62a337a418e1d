import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Channel } from './kinds.js';

/** What a provider is handed: one rendered message. */
export interface OutgoingMessage {
  companyId: string;
  id: string;
  channel: Channel;
  recipient: string;
  text: string;
}

export type SendResult =
  | {
      ok: true;
      providerMessageId: string;
      /** A provider that knows at once that the message arrived; others report it by callback. */
      delivered?: boolean;
      response?: unknown;
    }
  | { ok: false; retryable: boolean; error: string; response?: unknown };

export interface NotificationProvider {
  readonly name: string;
  send(msg: OutgoingMessage): Promise<SendResult>;
}

/**
 * The default: nothing leaves the server. The delivery is recorded (notification_deliveries)
 * and the message counts as delivered, so everything upstream can be built and tried without a gateway.
 */
export class LocalProvider implements NotificationProvider {
  readonly name = 'local';

  async send(msg: OutgoingMessage): Promise<SendResult> {
    return {
      ok: true,
      providerMessageId: `local-${randomUUID()}`,
      delivered: true,
      response: { recorded: true, to: msg.recipient, length: [...msg.text].length },
    };
  }
}

export interface HttpSmsOptions {
  url: string;
  token?: string;
  timeoutMs: number;
}

/** The body of a provider's answer, cut short: it goes into the delivery record. */
async function answerOf(res: Response): Promise<unknown> {
  const text = (await res.text()).slice(0, 2000);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function idFrom(answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const a = answer as Record<string, unknown>;
  const id = a.messageId ?? a.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/**
 * An SMS gateway over HTTP: POST `{ to, text, reference }` as JSON with a bearer token.
 * 2xx is sent (the gateway's `messageId` or `id` names it for delivery receipts); 4xx is the
 * gateway refusing this message, so retrying cannot help, except 408 and 429, which are about
 * timing; 5xx, timeouts and network errors are retried.
 */
export class HttpSmsProvider implements NotificationProvider {
  readonly name = 'http';

  constructor(private readonly opts: HttpSmsOptions) {}

  async send(msg: OutgoingMessage): Promise<SendResult> {
    let res: Response;
    try {
      res = await fetch(this.opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {}),
        },
        body: JSON.stringify({ to: msg.recipient, text: msg.text, reference: msg.id }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      const error = timedOut ? `timeout after ${this.opts.timeoutMs} ms` : `network: ${(err as Error).message}`;
      return { ok: false, retryable: true, error };
    }
    const answer = await answerOf(res).catch(() => null);
    const response = { status: res.status, body: answer };
    if (res.ok) return { ok: true, providerMessageId: idFrom(answer) ?? msg.id, response };
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    return { ok: false, retryable, error: `HTTP ${res.status}`, response };
  }
}

export function providerFromConfig(config: Config): NotificationProvider {
  if (config.smsProvider === 'http') {
    if (!config.smsHttpUrl) throw new Error('HEARTH_SMS_PROVIDER=http needs HEARTH_SMS_HTTP_URL');
    return new HttpSmsProvider({
      url: config.smsHttpUrl,
      token: config.smsHttpToken,
      timeoutMs: config.smsHttpTimeoutMs,
    });
  }
  return new LocalProvider();
}

let current: NotificationProvider = new LocalProvider();

/** Chosen once when the app is built (from the configuration); tests swap it. */
export function setNotificationProvider(provider: NotificationProvider): void {
  current = provider;
}

export function notificationProvider(): NotificationProvider {
  return current;
}

import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../audit.js';
import type { Actor } from '../context.js';
import type { Text } from '../errors.js';
import { enqueueTask } from '../jobs/registry.js';
import { DELIVER_TASK } from './delivery.js';
import { NotifyError } from './errors.js';
import { type Channel, masked, render, type Variables } from './kinds.js';
import * as repo from './messages-repo.js';
import { requireSendableTemplate } from './templates-service.js';

export const statusText: Record<repo.MessageStatus, Text> = {
  queued: { zh: '排队中', en: 'queued' },
  sending: { zh: '发送中', en: 'sending' },
  sent: { zh: '已发送', en: 'sent' },
  delivered: { zh: '已送达', en: 'delivered' },
  failed: { zh: '失败', en: 'failed' },
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toDto(m: repo.MessageRow) {
  const shown = masked(m.templateCode, m.rendered, m.variables);
  return {
    id: m.id,
    channel: m.channel,
    templateCode: m.templateCode,
    recipient: m.recipient,
    customerRef: m.customerRef,
    variables: shown.variables,
    rendered: shown.rendered,
    status: m.status,
    attempts: m.attempts,
    provider: m.provider,
    providerMessageId: m.providerMessageId,
    lastError: m.lastError,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
    createdBy: m.createdBy,
    createdByName: m.createdByName,
  };
}
export type MessageDto = ReturnType<typeof toDto>;

const MOBILE = /^1[3-9]\d{9}$/;
const OPENID = /^[A-Za-z0-9_-]{16,64}$/;

/** A mainland mobile as staff type it (spaces, dashes, +86) becomes its 11 digits. */
function normaliseRecipient(channel: Channel, raw: string): string {
  const value = raw.trim();
  if (channel === 'wechat') {
    if (!OPENID.test(value)) throw NotifyError('BAD_OPENID', { vars: { recipient: value }, field: 'recipient' });
    return value;
  }
  const digits = value.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (!MOBILE.test(digits)) throw NotifyError('BAD_RECIPIENT', { vars: { recipient: value }, field: 'recipient' });
  return digits;
}

export interface SendInput {
  channel: Channel;
  templateCode: string;
  recipient: string;
  /** The customer or account the message is about, for the console's list by customer. */
  customerRef?: string | null;
  variables: Variables;
}

/**
 * Puts one message in the outbox: rendered now with the company's template, delivered by a
 * background task queued in the same transaction (so it goes out only if the caller's change commits).
 */
export async function sendMessage(tx: Tx, actor: Actor, input: SendInput): Promise<MessageDto> {
  const recipient = normaliseRecipient(input.channel, input.recipient);
  const { kind, template } = await requireSendableTemplate(tx, actor.companyId, input.templateCode, input.channel);
  const rendered = render(template.body, input.variables, kind.variables);
  const variables = Object.fromEntries(kind.variables.map((v) => [v, String(input.variables[v])]));
  const customerRef = input.customerRef?.trim() || null;
  const id = await repo.insertMessage(tx, {
    companyId: actor.companyId,
    channel: input.channel,
    templateCode: kind.code,
    recipient,
    customerRef,
    variables,
    rendered,
    createdBy: actor.userId,
  });
  await enqueueTask(tx, { companyId: actor.companyId, kind: DELIVER_TASK, payload: { messageId: id }, dedupeKey: id });
  // The text itself stays out of the audit log: it may hold a verification code.
  await recordAudit(tx, actor, {
    action: 'notify.message.send',
    entityType: 'notificationMessage',
    entityId: id,
    after: { channel: input.channel, templateCode: kind.code, recipient, customerRef },
  });
  return toDto((await repo.findMessage(tx, actor.companyId, id))!);
}

async function requireMessage(db: Queryable, companyId: string, id: string, lock = false) {
  const m = await repo.findMessage(db, companyId, id, { lock });
  if (!m) throw NotifyError('MESSAGE_NOT_FOUND');
  return m;
}

export async function getMessage(db: Queryable, companyId: string, id: string) {
  const m = await requireMessage(db, companyId, id);
  const deliveries = await repo.listDeliveries(db, companyId, id);
  return {
    ...toDto(m),
    deliveries: deliveries.map((d) => ({ ...d, at: d.at.toISOString() })),
  };
}

export async function listMessages(db: Queryable, companyId: string, q: repo.MessageListQuery) {
  const { rows, total } = await repo.listMessages(db, companyId, q);
  return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
}

/** A failed message goes out again with the text it was rendered with. */
export async function retryMessage(tx: Tx, actor: Actor, id: string): Promise<MessageDto> {
  const m = await requireMessage(tx, actor.companyId, id, true);
  if (m.status !== 'failed') throw NotifyError('NOT_RETRYABLE', { vars: { status: statusText[m.status] } });
  await repo.setStatus(tx, actor.companyId, id, { status: 'queued' });
  // The first task of the message is spent (dead, or done before a failed receipt): a new one per retry.
  await enqueueTask(tx, {
    companyId: actor.companyId,
    kind: DELIVER_TASK,
    payload: { messageId: id },
    dedupeKey: `${id}:${m.attempts}`,
  });
  await recordAudit(tx, actor, {
    action: 'notify.message.retry',
    entityType: 'notificationMessage',
    entityId: id,
    before: { status: m.status, attempts: m.attempts, lastError: m.lastError },
    after: { status: 'queued' },
  });
  return toDto(await requireMessage(tx, actor.companyId, id));
}

import type { Queryable } from '../../db/types.js';
import { pageClause } from '../paging.js';
import type { Channel, Variables } from './kinds.js';

export const messageStatuses = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export interface MessageRow {
  companyId: string;
  id: string;
  channel: Channel;
  templateCode: string;
  recipient: string;
  customerRef: string | null;
  variables: Variables;
  rendered: string;
  status: MessageStatus;
  attempts: number;
  provider: string | null;
  providerMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  createdBy: string | null;
  createdByName: string | null;
}

const SELECT = `
  SELECT m.company_id AS "companyId", m.id, m.channel, m.template_code AS "templateCode", m.recipient,
         m.customer_ref AS "customerRef", m.variables, m.rendered, m.status, m.attempts, m.provider,
         m.provider_message_id AS "providerMessageId", m.last_error AS "lastError", m.created_at AS "createdAt",
         m.sent_at AS "sentAt", m.delivered_at AS "deliveredAt", m.created_by AS "createdBy",
         u.full_name AS "createdByName"
    FROM notification_messages m
    LEFT JOIN users u ON u.company_id = m.company_id AND u.id = m.created_by`;

export async function insertMessage(
  db: Queryable,
  m: {
    companyId: string;
    channel: Channel;
    templateCode: string;
    recipient: string;
    customerRef: string | null;
    variables: Variables;
    rendered: string;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO notification_messages (company_id, channel, template_code, recipient, customer_ref, variables,
                                        rendered, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      m.companyId,
      m.channel,
      m.templateCode,
      m.recipient,
      m.customerRef,
      JSON.stringify(m.variables),
      m.rendered,
      m.createdBy,
    ],
  );
  return r.rows[0]!.id;
}

export async function findMessage(
  db: Queryable,
  companyId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<MessageRow | null> {
  const r = await db.query<MessageRow>(
    `${SELECT} WHERE m.company_id = $1 AND m.id = $2${opts.lock ? ' FOR UPDATE OF m' : ''}`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** Delivery receipts name only the provider's id; the message may be any company's. */
export async function findByProviderId(
  db: Queryable,
  provider: string,
  providerMessageId: string,
): Promise<MessageRow | null> {
  const r = await db.query<MessageRow>(
    `${SELECT} WHERE m.provider = $1 AND m.provider_message_id = $2 ORDER BY m.created_at DESC LIMIT 1 FOR UPDATE OF m`,
    [provider, providerMessageId],
  );
  return r.rows[0] ?? null;
}

export interface MessageListQuery {
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
  customerRef?: string;
  recipient?: string;
  status?: MessageStatus;
  templateCode?: string;
  from?: string;
  to?: string;
}

export async function listMessages(
  db: Queryable,
  companyId: string,
  q: MessageListQuery,
): Promise<{ rows: MessageRow[]; total: number }> {
  const where = ['m.company_id = $1'];
  const params: unknown[] = [companyId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.customerRef) add('m.customer_ref = ?', q.customerRef);
  if (q.recipient) add('m.recipient = ?', q.recipient);
  if (q.status) add('m.status = ?', q.status);
  if (q.templateCode) add('m.template_code = ?', q.templateCode);
  if (q.from) add('m.created_at >= ?', q.from);
  if (q.to) add('m.created_at <= ?', q.to);
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notification_messages m WHERE ${w}`,
    params,
  );
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const rows = await db.query<MessageRow>(
    `${SELECT} WHERE ${w} ORDER BY m.created_at ${dir}, m.id ${dir}
      ${pageClause(q)}`,
    params,
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function setStatus(
  db: Queryable,
  companyId: string,
  id: string,
  patch: {
    status: MessageStatus;
    attemptsPlusOne?: boolean;
    provider?: string;
    providerMessageId?: string;
    lastError?: string | null;
    sentNow?: boolean;
    deliveredAt?: Date | 'now';
  },
): Promise<void> {
  const sets = ['status = $3'];
  const params: unknown[] = [companyId, id, patch.status];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (patch.attemptsPlusOne) sets.push('attempts = attempts + 1');
  if (patch.provider !== undefined) set('provider', patch.provider);
  if (patch.providerMessageId !== undefined) set('provider_message_id', patch.providerMessageId);
  if (patch.lastError !== undefined) set('last_error', patch.lastError);
  if (patch.sentNow) sets.push('sent_at = now()');
  if (patch.deliveredAt === 'now') sets.push('delivered_at = now()');
  else if (patch.deliveredAt) set('delivered_at', patch.deliveredAt);
  await db.query(`UPDATE notification_messages SET ${sets.join(', ')} WHERE company_id = $1 AND id = $2`, params);
}

export interface DeliveryRow {
  id: string;
  attempt: number;
  at: Date;
  provider: string;
  ok: boolean;
  response: unknown;
}

export async function insertDelivery(
  db: Queryable,
  d: { companyId: string; messageId: string; attempt: number; provider: string; ok: boolean; response: unknown },
): Promise<void> {
  await db.query(
    `INSERT INTO notification_deliveries (company_id, message_id, attempt, provider, ok, response)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [d.companyId, d.messageId, d.attempt, d.provider, d.ok, JSON.stringify(d.response ?? null)],
  );
}

export async function listDeliveries(db: Queryable, companyId: string, messageId: string): Promise<DeliveryRow[]> {
  const r = await db.query<DeliveryRow>(
    `SELECT id, attempt, at, provider, ok, response FROM notification_deliveries
      WHERE company_id = $1 AND message_id = $2 ORDER BY attempt, at`,
    [companyId, messageId],
  );
  return r.rows;
}

import { z } from 'zod';
import { channels } from './kinds.js';
import { messageStatuses } from './messages-repo.js';

export const idParams = z.object({ id: z.uuid() });

const text = z.object({ zh: z.string(), en: z.string() });
const variableValue = z.union([z.string().max(200), z.number()]);
export const variables = z.record(z.string().max(40), variableValue);

export const kindSchema = z.object({
  code: z.string(),
  name: text,
  variables: z.array(z.string()),
  sample: z.record(z.string(), z.string()),
  channels: z.array(z.enum(channels)),
});

export const templateSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  channel: z.enum(channels),
  name: z.string(),
  body: z.string(),
  variables: z.array(z.string()),
  enabled: z.boolean(),
  kindName: text,
  required: z.array(z.string()),
  updatedAt: z.string(),
  updatedBy: z.uuid().nullable(),
  updatedByName: z.string().nullable(),
});

/** Fields left out keep their value. */
export const templateUpdateBody = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  body: z.string().trim().min(1).max(500).optional(),
  enabled: z.boolean().optional(),
});

export const previewBody = z.object({
  /** The body being edited; left out, the saved one. */
  body: z.string().trim().min(1).max(500).optional(),
  variables: variables.optional(),
});

export const previewSchema = z.object({ rendered: z.string(), length: z.number().int(), parts: z.number().int() });

export const messageSchema = z.object({
  id: z.uuid(),
  channel: z.enum(channels),
  templateCode: z.string(),
  recipient: z.string(),
  customerRef: z.string().nullable(),
  variables: z.record(z.string(), variableValue),
  rendered: z.string(),
  status: z.enum(messageStatuses),
  attempts: z.number().int(),
  provider: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdByName: z.string().nullable(),
});

export const messageDetailSchema = messageSchema.extend({
  deliveries: z.array(
    z.object({
      id: z.uuid(),
      attempt: z.number().int(),
      at: z.string(),
      provider: z.string(),
      ok: z.boolean(),
      response: z.unknown(),
    }),
  ),
});

export const sendBody = z.object({
  channel: z.enum(channels).default('sms'),
  templateCode: z.string().trim().min(1).max(40),
  recipient: z.string().trim().min(1).max(64),
  customerRef: z.string().trim().max(64).nullish(),
  variables,
});

export const receiptBody = z.object({
  providerMessageId: z.string().min(1).max(200),
  status: z.enum(['delivered', 'failed']),
  error: z.string().max(500).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

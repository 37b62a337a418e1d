import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

/** SVC-1: 热线 / 营业厅 / 网上 / 上门 / 抄表或安检发现. */
export const channel = z.enum(['hotline', 'hall', 'online', 'doorToDoor', 'finding']);
export type Channel = z.infer<typeof channel>;

export const newContactBody = z.object({
  channel,
  /** A code of the policy svc.contactCategories (SVC-2). */
  category: z
    .string()
    .trim()
    .regex(/^[a-z][A-Za-z0-9]{0,31}$/),
  accountId: z.uuid().nullish(),
  callerName: z.string().trim().max(50).nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{3,32}$/, { error: '电话号码只能包含数字和 + - ( ) / digits and + - ( ) only' })
    .nullish(),
  summary: z.string().trim().min(1).max(1000),
  /** When the contact happened, if not now (a call written down afterwards). */
  contactedAt: z.iso.datetime({ offset: true }).nullish(),
  /** The hall or centre that took it; by default the taker's. */
  orgUnitId: z.uuid().nullish(),
});
export type NewContact = z.infer<typeof newContactBody>;

export const listContactsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['contactedAt', 'accountNo', 'channel', 'category']).default('contactedAt'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  channel: channel.optional(),
  category: z.string().trim().max(32).optional(),
  /** The unit and the units under it. */
  orgUnitId: z.uuid().optional(),
  takenBy: z.uuid().optional(),
  accountId: z.uuid().optional(),
});
export type ContactListQuery = z.infer<typeof listContactsQuery>;

export const contactSchema = z.object({
  id: z.uuid(),
  contactedAt: z.string(),
  channel,
  category: z.string(),
  categoryName: z.object({ zh: z.string(), en: z.string() }),
  accountId: z.uuid().nullable(),
  accountNo: z.string().nullable(),
  /** The customer's name, or the caller's when no account was found. */
  name: z.string().nullable(),
  callerName: z.string().nullable(),
  address: z.string().nullable(),
  /** Masked in lists; the export (approved, IAM-5) has it whole. */
  phone: z.string().nullable(),
  summary: z.string(),
  takenBy: z.uuid(),
  takenByName: z.string(),
  orgUnitId: z.uuid().nullable(),
  orgUnitName: z.string().nullable(),
});

export const categorySchema = z.object({ code: z.string(), zh: z.string(), en: z.string() });

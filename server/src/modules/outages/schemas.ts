import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

export const outageKind = z.enum(['planned', 'emergency']);
export const outageStatus = z.enum(['draft', 'announced', 'cancelled']);

const place = z.string().trim().max(40);

/** One part of the affected area: a district, optionally narrowed to a street and/or a community. */
export const areaEntry = z.object({
  district: z.string().trim().min(1, { error: '请填写区县 / give the district' }).max(40),
  street: place.nullish(),
  community: place.nullish(),
});
export type AreaEntry = z.infer<typeof areaEntry>;

/** Dates outside 2000–2099 are refused with the field named (the database takes no year 0, nor 10000). */
const inCentury = (s: string) => s >= '2000' && s < '2100';
const centuryError = { error: '时间应在 2000–2099 年 / a time in 2000–2099' };
const when = z.iso
  .datetime({ offset: true, error: '请填写有效的时间 / give a valid time' })
  .refine(inCentury, centuryError);

export const outageBody = z.object({
  kind: outageKind,
  area: z.array(areaEntry).min(1, { error: '请至少填写一个停气区域 / give at least one area' }).max(50),
  startsAt: when,
  endsAt: when,
  reason: z.string().trim().min(1, { error: '请填写停气原因 / give the reason' }).max(200),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{3,32}$/, { error: '联系电话只能包含数字和 + - ( ) / digits and + - ( ) only' }),
  note: z.string().trim().max(1000).nullish(),
});
export type OutageInput = z.infer<typeof outageBody>;

export const updateBody = outageBody.extend({ version: z.number().int().min(1) });
export type OutageUpdate = z.infer<typeof updateBody>;

export const announceBody = z.object({ version: z.number().int().min(1) });
export const cancelBody = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1, { error: '请填写取消原因 / give a reason' }).max(500),
});

export const listQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['startsAt', 'outageNo', 'createdAt']).default('startsAt'),
  kind: outageKind.optional(),
  status: outageStatus.optional(),
  /** current: announced and not yet over; upcoming: announced, starting later; past: over. */
  when: z.enum(['current', 'upcoming', 'past']).optional(),
  district: z.string().trim().max(40).optional(),
  /** Not announced (nor cancelled) past their time to notify (SVC-10). */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Outages overlapping the time range. */
  from: when.optional(),
  to: when.optional(),
  /** Text in the outage number, reason or area. */
  q: z.string().trim().max(50).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const affectingQuery = z.object({ accountId: z.uuid() });

export const outageSchema = z.object({
  id: z.uuid(),
  outageNo: z.string(),
  kind: outageKind,
  status: outageStatus,
  area: z.array(z.object({ district: z.string(), street: z.string().nullable(), community: z.string().nullable() })),
  /** The area as one line: 城东区幸福路幸福小区、城西区. */
  areaText: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string(),
  note: z.string().nullable(),
  /** SVC-10: a planned outage is announced by this time, an emergency one notified by it. */
  notifyBy: z.string(),
  announcedAt: z.string().nullable(),
  announcedByName: z.string().nullable(),
  announcedLate: z.boolean(),
  /** Derived: not yet announced and past notifyBy. */
  notifyOverdue: z.boolean(),
  affectedCount: z.number().int().nullable(),
  smsQueued: z.number().int().nullable(),
  smsSkipped: z.number().int().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** SVC-10: cancellation SMS queued to those told of it (null when it was cancelled unannounced or ended). */
  cancelSmsQueued: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  /** Derived: upcoming, current or ended (announced ones), by the time now. */
  phase: z.enum(['upcoming', 'current', 'ended']),
  version: z.number().int(),
});

export const outageDetailSchema = outageSchema.extend({
  /** Accounts (not closed) whose premise the area covers now. */
  affectedNow: z.number().int(),
});

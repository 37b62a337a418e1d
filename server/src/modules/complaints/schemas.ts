import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';
import { GRADES } from './levels.js';

/** SVC-1 channels, and the ways a complaint is forwarded: 12345 hotline, consumer council, media, a callback. */
export const channel = z.enum([
  'hotline',
  'hall',
  'online',
  'doorToDoor',
  'letter',
  'hotline12345',
  'consumerCouncil',
  'media',
  'callback',
]);
export type Channel = z.infer<typeof channel>;
export const grade = z.enum(GRADES);
export const status = z.enum(['received', 'handling', 'decided', 'closed']);
export type Status = z.infer<typeof status>;
export const communicatedVia = z.enum(['phone', 'sms', 'visit', 'letter', 'inPerson', 'wechat']);

const reason = z.string().trim().min(1, { error: '请填写原因 / give a reason' }).max(500);
const version = z.number().int().min(1);
/** Dates outside 2000–2099 are refused with the field named (the database takes no year 0, nor 10000). */
const inCentury = (s: string) => s >= '2000' && s < '2100';
const centuryError = { error: '日期应在 2000–2099 年 / a date in 2000–2099' };
const ymd = z.iso.date().refine(inCentury, centuryError);
const instant = z.iso.datetime({ offset: true }).refine(inCentury, centuryError);

export const newComplaintBody = z.object({
  channel,
  accountId: z.uuid().nullish(),
  complainantName: z.string().trim().max(50).nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{3,32}$/, { error: '电话号码只能包含数字和 + - ( ) / digits and + - ( ) only' })
    .nullish(),
  address: z.string().trim().max(200).nullish(),
  contactId: z.uuid().nullish(),
  subject: z.string().trim().min(1, { error: '请填写投诉主题 / give the subject' }).max(100),
  description: z.string().trim().min(1, { error: '请填写投诉内容 / describe the complaint' }).max(4000),
  subjectUserId: z.uuid().nullish(),
  subjectOrgUnitId: z.uuid().nullish(),
  grade,
  /** When the complaint was first received; earlier than now for one forwarded by 12345 or the consumer council. */
  receivedAt: instant.nullish(),
  confidential: z.boolean().default(false),
  /** By default the taker, when they may handle the grade's level. */
  handlerId: z.uuid().nullish(),
});
export type NewComplaint = z.infer<typeof newComplaintBody>;

export const assignBody = z.object({ handlerId: z.uuid(), version, reason: z.string().trim().max(500).nullish() });
export const escalateBody = z.object({ reason, version, handlerId: z.uuid().nullish() });
export const extendBody = z.object({
  reason: z.string().trim().max(500).nullish(),
  /** The new date the complainant agreed to (a business date): the decision is due by its end. */
  agreedDate: ymd.nullish(),
  version,
});
export const recuseBody = z.object({ reason, version });
export const decideBody = z.object({
  decision: z.string().trim().min(1, { error: '请填写处理意见 / give the decision' }).max(4000),
  communicatedVia,
  communicatedAt: instant,
  version,
});
export const closeBody = z.object({ version, note: z.string().trim().max(500).nullish() });

export const listComplaintsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['receivedAt', 'deadlineAt', 'complaintNo', 'grade', 'status']).default('receivedAt'),
  status: status.optional(),
  /** Received or handling. */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  grade: grade.optional(),
  level: z.string().trim().max(32).optional(),
  channel: channel.optional(),
  source: z.enum(['intake', 'callback']).optional(),
  from: instant.optional(),
  to: instant.optional(),
  handlerId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  /** owner: the complaints the caller took first (SVC-3); handler: those the caller handles. */
  mine: z.enum(['owner', 'handler']).optional(),
  /** Past the deadline and not yet answered. */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(50).optional(),
});
export type ComplaintListQuery = z.infer<typeof listComplaintsQuery>;

const text = z.object({ zh: z.string(), en: z.string() });

export const complaintSchema = z.object({
  id: z.uuid(),
  complaintNo: z.string(),
  source: z.enum(['intake', 'callback']),
  channel,
  accountId: z.uuid().nullable(),
  accountNo: z.string().nullable(),
  /** Masked for a confidential complaint unless the caller holds complaint.confidential or handles it. */
  complainantName: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  confidential: z.boolean(),
  /** Whether the complainant's details above are hidden from the caller. */
  masked: z.boolean(),
  contactId: z.uuid().nullable(),
  subject: z.string(),
  description: z.string(),
  subjectUserId: z.uuid().nullable(),
  subjectUserName: z.string().nullable(),
  subjectOrgUnitId: z.uuid().nullable(),
  subjectOrgUnitName: z.string().nullable(),
  grade,
  level: z.string(),
  levelName: text,
  handlerId: z.uuid().nullable(),
  handlerName: z.string().nullable(),
  orgUnitId: z.uuid().nullable(),
  orgUnitName: z.string().nullable(),
  ownerId: z.uuid(),
  ownerName: z.string().nullable(),
  receivedAt: z.string(),
  deadlineAt: z.string(),
  extended: z.boolean(),
  status,
  /** SVC-6: milliseconds left to communicate the decision; negative once breached; null once communicated. */
  timeLeftMs: z.number().nullable(),
  breached: z.boolean(),
  decision: z.string().nullable(),
  communicatedVia: communicatedVia.nullable(),
  communicatedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  callbackId: z.uuid().nullable(),
  version: z.number().int(),
});

export const complaintEventSchema = z.object({
  id: z.string(),
  kind: z.enum(['created', 'assigned', 'escalated', 'breached', 'extended', 'recused', 'decided', 'closed']),
  fromLevel: z.string().nullable(),
  toLevel: z.string().nullable(),
  fromUserId: z.uuid().nullable(),
  fromUserName: z.string().nullable(),
  toUserId: z.uuid().nullable(),
  toUserName: z.string().nullable(),
  fromDeadline: z.string().nullable(),
  toDeadline: z.string().nullable(),
  reason: z.string().nullable(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  /** CMP-1 / CMP-2: the SMS queued to the new handler, or why none was (noRecipient, self, noPhone, badPhone, templateDisabled). */
  smsMessageId: z.uuid().nullable(),
  smsSkipped: z.enum(['noRecipient', 'self', 'noPhone', 'badPhone', 'templateDisabled']).nullable(),
});

export const complaintDetailSchema = complaintSchema.extend({
  events: z.array(complaintEventSchema),
  recusedUserIds: z.array(z.uuid()),
  levels: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
});

export const handlerSchema = z.object({ id: z.uuid(), fullName: z.string(), username: z.string() });

// CMP-3 callbacks
export const callbackStatus = z.enum(['pending', 'done', 'unreachable']);

export const listCallbacksQuery = z.object({
  ...pagingQuery,
  sort: z.enum(['dueAt', 'createdAt', 'completedAt', 'score']).default('dueAt'),
  status: callbackStatus.optional(),
  source: z.enum(['workOrder', 'complaint']).optional(),
  /** Past due and still pending. */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  maxScore: z.coerce.number().int().min(1).max(5).optional(),
  from: instant.optional(),
  to: instant.optional(),
});
export type CallbackListQuery = z.infer<typeof listCallbacksQuery>;

export const recordCallBody = z.object({
  reached: z.boolean(),
  score: z.number().int().min(1).max(5).nullish(),
  comments: z.string().trim().max(2000).nullish(),
  version,
});
export type RecordCallInput = z.infer<typeof recordCallBody>;

export const callbackAttemptSchema = z.object({
  id: z.string(),
  reached: z.boolean(),
  score: z.number().int().nullable(),
  comments: z.string().nullable(),
  byUserId: z.uuid(),
  byName: z.string().nullable(),
  at: z.string(),
});

export const callbackSchema = z.object({
  id: z.uuid(),
  source: z.enum(['workOrder', 'complaint']),
  workOrderId: z.uuid().nullable(),
  complaintId: z.uuid().nullable(),
  sourceNo: z.string(),
  topic: z.string(),
  accountId: z.uuid().nullable(),
  accountNo: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  masked: z.boolean(),
  orgUnitId: z.uuid().nullable(),
  orgUnitName: z.string().nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  status: callbackStatus,
  attempts: z.number().int(),
  score: z.number().int().nullable(),
  comments: z.string().nullable(),
  followUpComplaintId: z.uuid().nullable(),
  followUpComplaintNo: z.string().nullable(),
  completedBy: z.uuid().nullable(),
  completedByName: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export const callbackDetailSchema = callbackSchema.extend({ attemptsLog: z.array(callbackAttemptSchema) });

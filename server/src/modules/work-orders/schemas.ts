import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

/** SVC-1: 热线 / 营业厅 / 网上 / 上门 / 抄表或安检发现. */
export const channel = z.enum(['hotline', 'hall', 'online', 'doorToDoor', 'finding']);
export const priority = z.enum(['low', 'normal', 'high', 'urgent']);
/** SVC-4. */
export const status = z.enum([
  'created',
  'dispatched',
  'appointed',
  'arrived',
  'completed',
  'notCompleted',
  'closed',
  'cancelled',
]);
export type Status = z.infer<typeof status>;
export const promiseUnit = z.enum(['minutes', 'hours', 'workingHours', 'days', 'workingDays']);

const text = (max: number) => z.string().trim().min(1).max(max);
const reason = z.string().trim().min(1, { error: '请填写原因 / give a reason' }).max(500);
const version = z.number().int().min(1);

export const newWorkOrderBody = z.object({
  typeCode: z
    .string()
    .trim()
    .regex(/^[a-z][A-Za-z0-9]{0,31}$/),
  channel,
  accountId: z.uuid().nullish(),
  callerName: z.string().trim().max(50).nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{3,32}$/, { error: '电话号码只能包含数字和 + - ( ) / digits and + - ( ) only' })
    .nullish(),
  address: z.string().trim().max(200).nullish(),
  contactId: z.uuid().nullish(),
  serviceApplicationId: z.uuid().nullish(),
  description: text(2000),
  /** By default the type's. */
  priority: priority.nullish(),
  /** The centre (or hall) that does the work. */
  orgUnitId: z.uuid(),
});
export type NewWorkOrder = z.infer<typeof newWorkOrderBody>;

export const assignBody = z.object({
  teamId: z.uuid().nullish(),
  technicianId: z.uuid().nullish(),
  version,
  /** Why, when it moves from one team or person to another. */
  reason: z.string().trim().max(500).nullish(),
});
export type AssignInput = z.infer<typeof assignBody>;

export const takeBody = z.object({ version: version.optional() });
export const pauseBody = z.object({ reason, version });
export const resumeBody = z.object({ reason, version });

export const transitionBody = z.object({
  to: z.enum(['appointed', 'arrived', 'completed', 'notCompleted', 'closed', 'cancelled']),
  version,
  /** Required for notCompleted and cancelled. */
  reason: z.string().trim().max(500).nullish(),
  /** Required for appointed: the time agreed with the customer. */
  appointmentAt: z.iso.datetime({ offset: true }).nullish(),
});
export type TransitionInput = z.infer<typeof transitionBody>;

export const boardQuery = z.object({
  ...pagingQuery,
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  orgUnitId: z.uuid(),
  teamId: z.uuid().optional(),
  technicianId: z.uuid().optional(),
  /** Only the orders no one has been assigned to yet. */
  unassigned: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  status: status.optional(),
});
export type BoardQuery = z.infer<typeof boardQuery>;

const name = z.object({ zh: z.string(), en: z.string() });

export const typeSchema = z.object({
  code: z.string(),
  name,
  category: z.string(),
  promiseKey: z.string(),
  promiseUnit,
  defaultPriority: priority,
  steps: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  active: z.boolean(),
});

export const workOrderSchema = z.object({
  id: z.uuid(),
  orderNo: z.string(),
  typeCode: z.string(),
  typeName: name,
  channel,
  accountId: z.uuid().nullable(),
  accountNo: z.string().nullable(),
  callerName: z.string().nullable(),
  /** Masked outside the order's own page. */
  phone: z.string().nullable(),
  address: z.string().nullable(),
  contactId: z.uuid().nullable(),
  serviceApplicationId: z.uuid().nullable(),
  description: z.string(),
  priority,
  status,
  orgUnitId: z.uuid(),
  orgUnitName: z.string().nullable(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  technicianId: z.uuid().nullable(),
  technicianName: z.string().nullable(),
  ownerId: z.uuid(),
  ownerName: z.string().nullable(),
  reportedAt: z.string(),
  deadlineAt: z.string(),
  promise: z.object({ key: z.string(), unit: promiseUnit, amount: z.number() }),
  paused: z.boolean(),
  pausedSince: z.string().nullable(),
  pauseReason: z.string().nullable(),
  pausedMs: z.number(),
  /** SVC-6: milliseconds left, waiting time excluded; negative once breached. Null once the work is done. */
  timeLeftMs: z.number().nullable(),
  breached: z.boolean(),
  dispatchedAt: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcomeReason: z.string().nullable(),
  version: z.number().int(),
});

export const eventSchema = z.object({
  id: z.string(),
  kind: z.enum(['created', 'assigned', 'reassigned', 'taken', 'status', 'paused', 'resumed', 'warned', 'escalated']),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  fromTeamId: z.uuid().nullable(),
  toTeamId: z.uuid().nullable(),
  fromUserId: z.uuid().nullable(),
  fromUserName: z.string().nullable(),
  toUserId: z.uuid().nullable(),
  toUserName: z.string().nullable(),
  reason: z.string().nullable(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const workOrderDetailSchema = workOrderSchema.extend({ events: z.array(eventSchema) });

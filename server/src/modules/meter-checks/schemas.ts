import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

const reading = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, { error: '须为数字，最多三位小数 / A number with at most 3 decimals' });

/** MTR-6: an on-site check of a C&I IC-card meter: base reading and remaining volume. */
export const newIcCheckBody = z.object({
  meterId: z.uuid({ error: '请选择表具 / Choose the meter' }),
  checkedOn: z.iso.date(),
  baseReading: reading,
  remainingVolume: reading,
  note: z.string().trim().max(500).nullish(),
});
export type NewIcCheck = z.infer<typeof newIcCheckBody>;

/** MTR-7: the safety check of a suspended C&I account. */
export const newSafetyCheckBody = z.object({
  accountId: z.uuid({ error: '请选择用户 / Choose the account' }),
  checkedOn: z.iso.date(),
  result: z.enum(['ok', 'hazard']),
  note: z.string().trim().max(500).nullish(),
});
export type NewSafetyCheck = z.infer<typeof newSafetyCheckBody>;

export const dueQuery = z.object({
  ...pagingQuery,
  /** Also those falling due within this many days. */
  withinDays: z.coerce.number().int().min(0).max(366).default(0),
  q: z.string().trim().max(50).optional(),
});
export type DueQuery = z.infer<typeof dueQuery>;

export const historyQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  accountId: z.uuid().optional(),
  meterId: z.uuid().optional(),
});
export type HistoryQuery = z.infer<typeof historyQuery>;

const byUser = z.object({ id: z.uuid(), name: z.string() });

export const icDueSchema = z.object({
  meterId: z.uuid(),
  meterSerial: z.string(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  address: z.string(),
  installedOn: z.string().nullable(),
  lastCheckedOn: z.string().nullable(),
  lastBaseReading: z.string().nullable(),
  lastRemainingVolume: z.string().nullable(),
  /** The last check + mtr.icMeterCheckDays; null: never checked (due now). */
  dueOn: z.string().nullable(),
  overdueDays: z.number().int().nullable(),
});
export const icCheckSchema = z.object({
  id: z.uuid(),
  meterId: z.uuid(),
  meterSerial: z.string(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  checkedOn: z.string(),
  baseReading: z.string(),
  remainingVolume: z.string(),
  note: z.string().nullable(),
  checkedBy: byUser,
  createdAt: z.string(),
});

export const safetyDueSchema = z.object({
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  address: z.string(),
  /** When the suspension case completed, if the account was suspended in Hearth. */
  suspendedOn: z.string().nullable(),
  lastCheckedOn: z.string().nullable(),
  lastResult: z.string().nullable(),
  /** The last check + mtr.suspendedSafetyCheckMonths; null: never checked (due now). */
  dueOn: z.string().nullable(),
  overdueDays: z.number().int().nullable(),
});
export const safetyCheckSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  checkedOn: z.string(),
  result: z.enum(['ok', 'hazard']),
  note: z.string().nullable(),
  checkedBy: byUser,
  createdAt: z.string(),
});
export type IcDue = z.infer<typeof icDueSchema>;
export type IcCheck = z.infer<typeof icCheckSchema>;
export type SafetyDue = z.infer<typeof safetyDueSchema>;
export type SafetyCheck = z.infer<typeof safetyCheckSchema>;

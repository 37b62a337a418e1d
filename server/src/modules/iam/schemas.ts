import { z } from 'zod';

export const roleRef = z.object({ id: z.uuid(), code: z.string(), nameZh: z.string(), nameEn: z.string() });

const ymd = z.iso.date();
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  employeeNo: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  orgUnitId: z.uuid().nullable(),
  orgUnitName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleRef),
  leaveDate: z.string().nullable(),
  leaveKind: z.enum(['departure', 'transfer']).nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const currentUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  employeeNo: z.string().nullable(),
  company: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  orgUnit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  roles: z.array(roleRef),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
});

export const username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/, { error: '只能包含字母、数字、点、下划线和连字符 / letters, digits, . _ - only' });
// CUS-7 spirit for staff too: a name is stored as typed, but not blank.
export const fullName = z.string().trim().min(1).max(64);
export const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, { error: '手机号应为 11 位数字 / an 11-digit mobile number' })
  .nullish();

export const newUserBody = z.object({
  username,
  fullName,
  employeeNo: optionalText(32),
  phone,
  email: z.email().nullish(),
  orgUnitId: z.uuid().nullish(),
  roleIds: z.array(z.uuid()).max(50).default([]),
});

export const updateUserBody = z
  .object({
    fullName: fullName.optional(),
    employeeNo: optionalText(32),
    phone,
    email: z.email().nullish(),
    orgUnitId: z.uuid().nullish(),
    leaveDate: ymd.nullish(),
    leaveKind: z.enum(['departure', 'transfer']).nullish(),
  })
  .refine((v) => !v.leaveDate === !v.leaveKind, {
    error: '离岗日期与离岗类型须同时填写 / leaveDate and leaveKind go together',
    path: ['leaveKind'],
  });

export const idParams = z.object({ id: z.uuid() });

export const conflictSchema = z.object({ id: z.uuid(), roleA: roleRef, roleB: roleRef, reason: z.string() });

export const accountRequestSchema = z.object({
  id: z.uuid(),
  requestedBy: z.object({ id: z.uuid(), fullName: z.string() }),
  fullName: z.string(),
  username: z.string(),
  employeeNo: z.string().nullable(),
  orgUnitId: z.uuid().nullable(),
  orgUnitName: z.string().nullable(),
  roles: z.array(roleRef),
  reason: z.string(),
  status: z.enum(['submitted', 'department_approved', 'provisioned', 'rejected']),
  approvedBy: z.uuid().nullable(),
  approvedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  userId: z.uuid().nullable(),
  createdAt: z.string(),
});

import { z } from 'zod';

export type PolicyUnit =
  | 'minutes'
  | 'hours'
  | 'days'
  | 'workingDays'
  | 'months'
  | 'yuan'
  | 'rate'
  | 'count'
  | 'dayOfMonth'
  | 'percent'
  | 'seconds'
  | 'text'
  | 'table';

/** One setting of the per-company policy: its rule, what it means, its unit, its shape and default. */
export interface PolicyDef<S extends z.ZodType = z.ZodType> {
  rule: string;
  zh: string;
  en: string;
  unit: PolicyUnit;
  schema: S;
  default: z.output<S>;
}

export function policy<S extends z.ZodType>(def: PolicyDef<S>): PolicyDef<S> {
  return def;
}

// Shapes shared by many settings. Money and rates are decimal strings (decimal.js), never floats.
export const count = (max = 100_000) => z.number().int().min(0).max(max);
export const money = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, { error: '金额格式应为 0.00 / a decimal amount' });
export const rate = z
  .string()
  .regex(/^0(\.\d{1,6})?$|^1(\.0{1,6})?$/, { error: '比率应在 0 到 1 之间 / a rate between 0 and 1' });
export const dayOfMonth = z.number().int().min(1).max(31);
/**
 * A list of named codes a company may extend (contact categories, hazards…): a camelCase code each, its
 * Chinese and English names, at least one, no code twice. `what` names the codes in the duplicate message.
 */
export const codedList = (what: { zh: string; en: string }, max = { zh: 20, en: 40 }) =>
  z
    .array(
      z.object({
        code: z
          .string()
          .regex(/^[a-z][A-Za-z0-9]{0,31}$/, { error: '编码为小写字母开头的字母数字 / a camelCase code' }),
        zh: z.string().trim().min(1).max(max.zh),
        en: z.string().trim().min(1).max(max.en),
      }),
    )
    .min(1)
    .refine((items) => new Set(items.map((i) => i.code)).size === items.length, {
      error: `${what.zh}编码不能重复 / ${what.en} codes must be unique`,
    });
export const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:mm / HH:mm' });

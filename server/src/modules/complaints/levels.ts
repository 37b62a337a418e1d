import { z } from 'zod';

/** CMP-1: the four grades of 003 篇6 §9 (一般性 / 有影响 / 严重 / 新闻媒体或消委会参与). */
export const GRADES = ['ordinary', 'withImpact', 'serious', 'media'] as const;
export type Grade = (typeof GRADES)[number];

const code = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]{0,31}$/, { error: '层级编码为小写字母开头的字母数字 / a camelCase code' });

/**
 * CMP-1: the handler levels, lowest first (an escalation goes one level up), each with the roles whose
 * holders may handle a complaint at it, and the level each grade starts at. Kept in the policy
 * `cmp.complaintHandlerLevels`; only this schema lives here, so the catalogue can import it.
 */
export const complaintHandlerLevelsSchema = z
  .object({
    levels: z
      .array(
        z.object({
          code,
          zh: z.string().trim().min(1).max(30),
          en: z.string().trim().min(1).max(60),
          roles: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/)).min(1),
        }),
      )
      .min(1)
      .max(10),
    grades: z.object({ ordinary: code, withImpact: code, serious: code, media: code }),
  })
  .refine((v) => new Set(v.levels.map((l) => l.code)).size === v.levels.length, {
    error: '层级编码不能重复 / level codes must be unique',
  })
  .refine((v) => Object.values(v.grades).every((g) => v.levels.some((l) => l.code === g)), {
    error: '每种投诉性质须对应一个已定义的层级 / every grade must name a defined level',
  });
export type HandlerLevels = z.infer<typeof complaintHandlerLevelsSchema>;
export type Level = HandlerLevels['levels'][number];

/** The index of a level (−1 when the policy no longer has it). */
export function levelIndex(levels: HandlerLevels, code: string): number {
  return levels.levels.findIndex((l) => l.code === code);
}

/** The level above `code`, or null at the top. A level the policy dropped goes to the grade's. */
export function nextLevel(levels: HandlerLevels, code: string): Level | null {
  const i = levelIndex(levels, code);
  return levels.levels[i + 1] ?? null;
}

export function levelOf(levels: HandlerLevels, code: string): Level | null {
  return levels.levels.find((l) => l.code === code) ?? null;
}

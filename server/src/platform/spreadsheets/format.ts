import type { Lang } from '../errors.js';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** An instant as staff read it: Asia/Shanghai wall time, 2026-11-23 09:30:00. */
export function shanghaiTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const t = new Date(value as string | Date).getTime();
  if (Number.isNaN(t)) return null;
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function yesNo(value: unknown, lang: Lang): string {
  if (lang === 'en') return value ? 'yes' : 'no';
  return value ? '是' : '否';
}

import { z } from 'zod';

/** Shapes the forms share, with their messages in Chinese and English. */
export const reading = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, { error: '读数应为数字，最多三位小数 / a reading with up to 3 decimals' });
export const quantity = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,3})?$/, { error: '数量应为数字 / a number' })
  .refine((v) => Number(v) > 0, { error: '数量须大于 0 / more than 0' });
export const day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD / a date YYYY-MM-DD' });
export const text = (max: number) => z.string().trim().min(1, { error: '必填 / required' }).max(max);
export const optText = (max: number) => z.string().trim().max(max).nullish();
export const serial = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{3,32}$/, { error: '表号为 3–32 位字母、数字或横线 / 3–32 letters, digits or dashes' });
export const meterType = z.enum(['diaphragm', 'icCard', 'remoteRead', 'iot']);
export const direction = z.enum(['left', 'right']);
export const location = z.enum(['indoor', 'outdoor']);
export const paymentMethod = z.enum(['wechat', 'alipay', 'hall']);

/** The business date `n` months before `ymd` (the month's last day when it is shorter: 08-31 − 6 → 02-28). */
export function monthsBefore(ymd: string, n: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

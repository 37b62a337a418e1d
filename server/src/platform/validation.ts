import { type ZodType, z } from 'zod';
import { AppError, PlatformError } from './errors.js';

const zhMap = z.locales.zhCN().localeError;
const enMap = z.locales.en().localeError;

/** The messages of a failed parse in Chinese and English, one per issue (empty when the value passes). */
export function issueTexts(schema: ZodType, value: unknown): { path: string[]; zh: string; en: string }[] {
  const en = schema.safeParse(value, { error: enMap });
  if (en.success) return [];
  const zh = schema.safeParse(value, { error: zhMap });
  return en.error.issues.map((issue, i) => ({
    path: issue.path.map(String),
    en: issue.message,
    zh: zh.success ? issue.message : (zh.error.issues[i]?.message ?? issue.message),
  }));
}

/**
 * Parses what a route could not type in its own schema (an export's filters, a notice's variables):
 * the same 400 as the central mapper's, naming each field, in the caller's language.
 */
export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, where: string, prefix: string[] = []): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = issueTexts(schema, value).map((t) => ({
    path: [...prefix, ...t.path].join('.'),
    text: { zh: t.zh, en: t.en },
  }));
  const summary = (lang: 'zh' | 'en') =>
    fields.map((f) => (f.path ? `${f.path}: ${f.text[lang]}` : f.text[lang])).join('; ');
  const spec = PlatformError.catalog.VALIDATION_FAILED;
  const texts = { zh: spec.zh.replace('{summary}', summary('zh')), en: spec.en.replace('{summary}', summary('en')) };
  throw new AppError('VALIDATION_FAILED', spec.status, texts, { in: where }, fields);
}

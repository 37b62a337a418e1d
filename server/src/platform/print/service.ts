import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../audit.js';
import type { Actor, Principal } from '../context.js';
import { AppError, type Lang, PlatformError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { noticeDocument } from './document.js';
import { PrintError } from './errors.js';
import { noticeDef, noticeDefs, type RegisteredNotice } from './registry.js';
import * as repo from './repo.js';
import { checkTemplate, type Node, parseTemplate, renderTemplate, variableList } from './template.js';

export const MAX_TEMPLATE_CHARS = 100_000;

export function requireNotice(code: string): RegisteredNotice {
  const def = noticeDef(code);
  if (!def) throw PrintError('NOTICE_NOT_FOUND', { vars: { code } });
  return def;
}

/** A company's template for a notice: its own when it still fits the notice's variables, else the default. */
export function effectiveTemplate(
  def: RegisteredNotice,
  override: repo.OverrideRow | null,
): { nodes: Node[]; problem: unknown } {
  if (!override) return { nodes: def.parsed, problem: null };
  try {
    const nodes = parseTemplate(override.body);
    checkTemplate(nodes, def.shape);
    return { nodes, problem: null };
  } catch (err) {
    // The notice's variables changed in a release after the override was saved: print the default
    // rather than blanks, and show the administrator why.
    return { nodes: def.parsed, problem: err };
  }
}

function toNoticeDto(def: RegisteredNotice, override: repo.OverrideRow | null, lang: Lang) {
  const { problem } = effectiveTemplate(def, override);
  return {
    code: def.code,
    name: def.name,
    paper: def.paper,
    variables: variableList(def.shape),
    sample: def.sample as Record<string, unknown>,
    defaultTemplate: def.template,
    printableFromRecord: Boolean(def.subject),
    override: override
      ? {
          body: override.body,
          updatedAt: new Date(override.updatedAt).toISOString(),
          updatedBy: override.updatedBy,
          updatedByName: override.updatedByName,
          problem: problem instanceof AppError ? problem.messageIn(lang) : null,
        }
      : null,
  };
}

export type NoticeDto = ReturnType<typeof toNoticeDto>;

export async function listNotices(db: Queryable, companyId: string, lang: Lang): Promise<NoticeDto[]> {
  const overrides = new Map((await repo.listOverrides(db, companyId)).map((o) => [o.code, o]));
  return noticeDefs().map((def) => toNoticeDto(def, overrides.get(def.code) ?? null, lang));
}

export interface PrintInput {
  /** Print for one record of the notice's subject (e.g. a user): the variables are loaded. */
  subjectId?: string;
  variables?: unknown;
}

/** The variables to print with: a record's, the caller's (checked), or the sample. */
export async function noticeVariables(
  db: Queryable,
  principal: Principal,
  def: RegisteredNotice,
  input: PrintInput,
): Promise<{ variables: unknown; sample: boolean }> {
  if (input.subjectId) {
    if (!def.subject) throw PrintError('NO_SUBJECT', { vars: { code: def.code } });
    const permission = def.subject.permission;
    if (!principal.permissions.has(permission)) {
      throw PlatformError('FORBIDDEN', { vars: { permission }, details: { permission: [permission] } });
    }
    const loaded = await def.subject.load(db, principal, input.subjectId);
    return { variables: parseOrThrow(def.variables, loaded, 'subject'), sample: false };
  }
  if (input.variables !== undefined) {
    return { variables: parseOrThrow(def.variables, input.variables, 'body', ['variables']), sample: false };
  }
  return { variables: def.sample, sample: true };
}

export async function renderNotice(
  db: Queryable,
  companyId: string,
  def: RegisteredNotice,
  printing: { variables: unknown; sample: boolean },
  options: { lang: Lang; scriptNonce?: string },
): Promise<string> {
  const { nodes } = effectiveTemplate(def, await repo.findOverride(db, companyId, def.code));
  return noticeDocument({
    title: options.lang === 'en' ? def.name.en : def.name.zh,
    paper: def.paper,
    body: renderTemplate(nodes, printing.variables),
    lang: options.lang,
    sample: printing.sample,
    scriptNonce: options.scriptNonce,
  });
}

// A notice is paper: it has no business running code or pulling anything in from elsewhere.
const UNSAFE: [RegExp, string][] = [
  [
    /<\s*\/?\s*(script|iframe|frame|frameset|object|embed|applet|link|meta|base|form|input|button|svg|math|template)\b/i,
    '<$1>',
  ],
  [/<[^>]*\son[a-z]+\s*=/i, 'on…='],
  [/<[^>]*\s(src|href|srcset|action|formaction|poster|background|xlink:href)\s*=\s*["']?\s*(?!data:)/i, '$1='],
  [/javascript\s*:/i, 'javascript:'],
  [/@import/i, '@import'],
  [/url\s*\(\s*["']?\s*(?!data:)/i, 'url()'],
];

function assertSafe(body: string): void {
  for (const [pattern, what] of UNSAFE) {
    const m = pattern.exec(body);
    if (m) {
      const named = what.replace(/\$1/, (m[1] ?? '').toLowerCase());
      throw PrintError('TEMPLATE_UNSAFE', { field: 'body', vars: { what: named } });
    }
  }
}

/** Checks a company's own template for a notice (syntax, variables, safety) and saves it. */
export async function saveOverride(tx: Tx, actor: Actor, code: string, body: string, lang: Lang): Promise<NoticeDto> {
  const def = requireNotice(code);
  if (body.length > MAX_TEMPLATE_CHARS) {
    throw PrintError('TEMPLATE_TOO_LONG', { field: 'body', vars: { max: MAX_TEMPLATE_CHARS } });
  }
  assertSafe(body);
  checkTemplate(parseTemplate(body), def.shape);
  const before = await repo.findOverride(tx, actor.companyId, code);
  await repo.upsertOverride(tx, actor.companyId, code, body, actor.userId);
  await recordAudit(tx, actor, {
    action: 'printTemplate.update',
    entityType: 'printTemplate',
    entityId: code,
    before: before ? { body: before.body } : null,
    after: { body },
  });
  return toNoticeDto(def, await repo.findOverride(tx, actor.companyId, code), lang);
}

/** Drops the company's own template: the notice prints with the default again. */
export async function resetOverride(tx: Tx, actor: Actor, code: string, lang: Lang): Promise<NoticeDto> {
  const def = requireNotice(code);
  const before = await repo.findOverride(tx, actor.companyId, code);
  if (!before) throw PrintError('NO_OVERRIDE', { vars: { code } });
  await repo.deleteOverride(tx, actor.companyId, code);
  await recordAudit(tx, actor, {
    action: 'printTemplate.reset',
    entityType: 'printTemplate',
    entityId: code,
    before: { body: before.body },
  });
  return toNoticeDto(def, null, lang);
}

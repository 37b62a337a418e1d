import type { Text } from '../errors.js';
import { NotifyError } from './errors.js';

export const channels = ['sms', 'wechat'] as const;
export type Channel = (typeof channels)[number];

/**
 * An event the code sends messages for. A company words its own template for it, which must
 * use every one of these variables and no other.
 */
export interface MessageKind {
  code: string;
  name: Text;
  /** What the sending module supplies, in the order the editor shows them. */
  variables: string[];
  /** Example values for previews and test messages. */
  sample: Record<string, string>;
  /** Variables staff must not read back from the outbox (a verification code): shown masked. */
  secret?: string[];
  /** The default wording per channel, without the SMS signature (seeding puts it in front). */
  defaults: Partial<Record<Channel, { name: string; body: string }>>;
}

const kinds = new Map<string, MessageKind>();

export function registerMessageKind(kind: MessageKind): void {
  for (const [channel, d] of Object.entries(kind.defaults)) {
    // A default that breaks its own kind's rule would only be found when a company edits it.
    const problem = templateProblem(kind, channel as Channel, channel === 'sms' ? `【X】${d.body}` : d.body);
    if (problem) throw new Error(`message kind ${kind.code}: default ${channel} template: ${problem.message}`);
  }
  kinds.set(kind.code, kind);
}

export function messageKinds(): MessageKind[] {
  return [...kinds.values()];
}

export function requireKind(code: string): MessageKind {
  const kind = kinds.get(code);
  if (!kind) throw NotifyError('UNKNOWN_KIND', { vars: { code }, field: 'templateCode' });
  return kind;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The variables a body uses, once each, in order of appearance. */
export function placeholdersOf(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

const braced = (names: string[]) => names.map((n) => `{${n}}`).join('、');

/** A brace that is not part of a `{name}`: `{客户名}`, `{amount`, a stray `}`. */
function strayBrace(body: string): string | null {
  const rest = body.replace(PLACEHOLDER, '');
  const at = rest.search(/[{}]/);
  if (at < 0) return null;
  const m = /\{[^{}]{0,20}\}?|\}/.exec(rest.slice(at));
  return m ? m[0] : rest.slice(at, at + 1);
}

/** Why a body cannot be saved for a kind, or null when it can. */
export function templateProblem(kind: MessageKind, channel: Channel, body: string) {
  const stray = strayBrace(body);
  if (stray)
    return NotifyError('TEMPLATE_BAD_PLACEHOLDER', { vars: { text: stray, example: '{amount}' }, field: 'body' });
  if (channel === 'sms' && !/^【[^【】]+】/.test(body))
    return NotifyError('TEMPLATE_SIGNATURE_REQUIRED', { field: 'body' });
  const used = placeholdersOf(body);
  const missing = kind.variables.filter((v) => !used.includes(v));
  const unknown = used.filter((v) => !kind.variables.includes(v));
  const details = { missing, unknown, required: kind.variables };
  if (missing.length) {
    return NotifyError('TEMPLATE_MISSING_VARIABLES', { vars: { names: braced(missing) }, details, field: 'body' });
  }
  if (unknown.length) {
    return NotifyError('TEMPLATE_UNKNOWN_VARIABLES', {
      vars: { names: braced(unknown), allowed: braced(kind.variables) },
      details,
      field: 'body',
    });
  }
  return null;
}

export type Variables = Record<string, string | number>;

/** The text of a message; every variable required (by default, every one the body uses) must be given. */
export function render(body: string, variables: Variables, required = placeholdersOf(body)): string {
  const needed = [...new Set([...required, ...placeholdersOf(body)])];
  const missing = needed.filter((v) => variables[v] === undefined || String(variables[v]).trim() === '');
  if (missing.length) {
    throw NotifyError('MISSING_VARIABLES', {
      vars: { names: braced(missing) },
      details: { missing },
      field: 'variables',
    });
  }
  return body.replace(PLACEHOLDER, (_, name: string) => String(variables[name]));
}

/** The text and variables as the console shows them: secret values masked. */
export function masked(
  code: string,
  rendered: string,
  variables: Variables,
): { rendered: string; variables: Variables } {
  const secret = kinds.get(code)?.secret ?? [];
  let text = rendered;
  const vars: Variables = { ...variables };
  for (const name of secret) {
    const value = variables[name];
    if (value === undefined || String(value) === '') continue;
    const stars = '*'.repeat([...String(value)].length);
    text = text.split(String(value)).join(stars);
    vars[name] = stars;
  }
  return { rendered: text, variables: vars };
}

/** How many SMS a text is billed as: 70 characters fit one, a longer text goes in parts of 67. */
export function smsParts(text: string): number {
  const length = [...text].length;
  return length <= 70 ? 1 : Math.ceil(length / 67);
}

/** The SMS signature of a company: its name without the legal form (演示市燃气有限公司 → 演示市燃气). */
export function smsSignature(companyName: string): string {
  return companyName.replace(/(股份)?有限(责任)?公司$/, '');
}

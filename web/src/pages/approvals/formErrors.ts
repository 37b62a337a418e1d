import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

/**
 * Puts the server's `details.fields` on form fields when the body the form sends is shaped
 * differently from the form (e.g. `payload.username` → `username`). `toField` returns the form
 * field for a server path, or null when no field shows it. A path deeper than its field
 * (`value.0.upTo`) keeps the rest as a prefix of the message, so the user knows where to look.
 */
export function applyMappedFieldErrors(
  form: FormInstance,
  err: unknown,
  toField: (path: string[]) => { name: string; rest: string[] } | null,
): void {
  if (!(err instanceof ApiError)) return;
  const byField = new Map<string, string[]>();
  for (const field of err.details?.fields ?? []) {
    const target = toField(field.path.split('.').filter(Boolean));
    if (!target) continue;
    const text = target.rest.length ? `${target.rest.join('.')}: ${field.message}` : field.message;
    byField.set(target.name, [...(byField.get(target.name) ?? []), text]);
  }
  if (byField.size === 0) return;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
}

/** The usual mapping: strip a leading prefix (like `payload`) and keep only the known fields. */
export function fieldsUnder(prefix: string | null, known: readonly string[]) {
  return (path: string[]) => {
    const parts = prefix && path[0] === prefix ? path.slice(1) : path;
    const [head, ...rest] = parts;
    return head && known.includes(head) ? { name: head, rest } : null;
  };
}

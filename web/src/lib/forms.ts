import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

type NamePath = (string | number)[];

function toNamePath(path: string): NamePath {
  return path
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's `details.fields` on the matching form fields. A path deeper than a
 * field (e.g. `roleIds.0`) lands on the field itself (`roleIds`).
 */
export function applyServerFieldErrors(form: FormInstance, err: unknown, extra: NamePath[] = []): void {
  if (!(err instanceof ApiError)) return;
  const fields = err.details?.fields ?? [];
  const byField = new Map<string, string[]>();
  for (const field of fields) {
    const [head] = toNamePath(field.path);
    if (head === undefined) continue;
    const key = String(head);
    byField.set(key, [...(byField.get(key) ?? []), field.message]);
  }
  for (const name of extra) byField.set(String(name[0]), [err.message]);
  if (byField.size === 0) return;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
}

import type { FormInstance } from 'antd';
import { useEffect, useRef } from 'react';

type NamePath = (string | number)[];

function paths(value: unknown, prefix: NamePath = []): NamePath[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]));
  }
  return [prefix];
}

function at(value: unknown, path: NamePath): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    value,
  );
}

/**
 * When the record is reloaded (say after "changed by someone else"), the fields the clerk has not
 * touched follow the latest values, and what they typed stays: saving again then changes only that.
 */
// biome-ignore lint/suspicious/noExplicitAny: any form's values
export function useKeepUntouchedCurrent(form: FormInstance<any>, current: object): void {
  const key = JSON.stringify(current);
  const first = useRef(key);
  useEffect(() => {
    if (key === first.current) return;
    first.current = key;
    const latest = JSON.parse(key) as object;
    for (const path of paths(latest)) {
      if (!form.isFieldTouched(path)) form.setFieldValue(path, at(latest, path));
    }
  }, [form, key]);
}

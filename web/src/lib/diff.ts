export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

type Snapshot = Record<string, unknown> | null | undefined;

/** One row per key present on either side, in first-seen order. */
export function diffSnapshots(before: Snapshot, after: Snapshot): DiffRow[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.map((key) => {
    const b = before?.[key];
    const a = after?.[key];
    return { key, before: b, after: a, changed: JSON.stringify(b) !== JSON.stringify(a) };
  });
}

export function displayValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

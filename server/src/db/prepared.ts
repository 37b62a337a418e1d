/**
 * SQL texts of the hot paths that PostgreSQL keeps prepared on each connection: parsed and planned once per
 * connection instead of on every call (the posting read of a payment spent more time being planned than run).
 * Mark a constant SQL text with `prepared(sql)`; the PostgreSQL adapter sends it as a named statement, PGlite
 * runs it as before. Only for texts that are constants of the code (never built from input), so the set stays
 * small.
 */
const names = new Map<string, string>();

export function prepared(sql: string): string {
  if (!names.has(sql)) names.set(sql, `hearth_${names.size + 1}`);
  return sql;
}

/** The statement name of a text marked with `prepared`, or undefined. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}

import type { Queryable } from '../../db/types.js';
import { type PolicyKey, type PolicyValue, policyCatalogue } from './catalogue/index.js';

// The catalogue defaults hold from before any business date a company will record.
export const POLICY_SINCE = '2000-01-01';

/** The value of a policy key in force for a company on a business date (the latest version of the latest date). */
export async function policyValue<K extends PolicyKey>(
  db: Queryable,
  companyId: string,
  key: K,
  asOf: string,
): Promise<PolicyValue<K>> {
  const r = await db.query<{ value: PolicyValue<K> }>(
    `SELECT value FROM policy_values WHERE company_id = $1 AND key = $2 AND effective_from <= $3
     ORDER BY effective_from DESC, version DESC LIMIT 1`,
    [companyId, key, asOf],
  );
  if (!r.rows[0]) throw new Error(`Policy ${key} is not set for company ${companyId}`);
  return r.rows[0].value;
}

/** Several keys in force on one date, in one query (hot paths read a handful of keys per request). */
export async function policyValues<K extends PolicyKey>(
  db: Queryable,
  companyId: string,
  keys: readonly K[],
  asOf: string,
): Promise<{ [P in K]: PolicyValue<P> }> {
  const r = await db.query<{ key: K; value: unknown }>(
    `SELECT DISTINCT ON (key) key, value FROM policy_values
      WHERE company_id = $1 AND key = ANY($2::text[]) AND effective_from <= $3
      ORDER BY key, effective_from DESC, version DESC`,
    [companyId, keys, asOf],
  );
  const found = new Map(r.rows.map((row) => [row.key, row.value]));
  const out = {} as { [P in K]: PolicyValue<P> };
  for (const key of keys) {
    if (!found.has(key)) throw new Error(`Policy ${key} is not set for company ${companyId}`);
    out[key] = found.get(key) as PolicyValue<K>;
  }
  return out;
}

/**
 * Seeds the catalogue default of every key a company does not have yet: for a new company, and
 * at start-up for keys a newer version of Hearth added.
 */
export async function seedPolicyDefaults(db: Queryable, companyId?: string): Promise<void> {
  for (const [key, def] of Object.entries(policyCatalogue)) {
    await db.query(
      `INSERT INTO policy_values (company_id, key, effective_from, value)
       SELECT c.id, $1, $2, $3 FROM companies c
        WHERE ($4::uuid IS NULL OR c.id = $4)
          AND NOT EXISTS (SELECT 1 FROM policy_values v WHERE v.company_id = c.id AND v.key = $1)`,
      [key, POLICY_SINCE, JSON.stringify(def.default), companyId ?? null],
    );
  }
}

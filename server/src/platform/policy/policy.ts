import type { Queryable } from '../../db/types.js';
import { type PolicyKey, type PolicyValue, policyCatalogue } from './catalogue/index.js';

/** The value of a policy key in force for a company on a business date. */
export async function policyValue<K extends PolicyKey>(
  db: Queryable,
  companyId: string,
  key: K,
  asOf: string,
): Promise<PolicyValue<K>> {
  const r = await db.query<{ value: PolicyValue<K> }>(
    `SELECT value FROM policy_values WHERE company_id = $1 AND key = $2 AND effective_from <= $3
     ORDER BY effective_from DESC LIMIT 1`,
    [companyId, key, asOf],
  );
  if (!r.rows[0]) throw new Error(`Policy ${key} is not set for company ${companyId}`);
  return r.rows[0].value;
}

/** Seeds every default for a new company, effective from the given date. */
export async function seedPolicyDefaults(db: Queryable, companyId: string, effectiveFrom: string): Promise<void> {
  for (const [key, def] of Object.entries(policyCatalogue)) {
    await db.query(
      `INSERT INTO policy_values (company_id, key, effective_from, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [companyId, key, effectiveFrom, JSON.stringify(def.default)],
    );
  }
}

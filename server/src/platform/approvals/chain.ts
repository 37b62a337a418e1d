import { Decimal } from 'decimal.js';
import type { Queryable } from '../../db/types.js';
import { platformPolicies } from '../policy/catalogue/platform.js';
import { policyValue } from '../policy/policy.js';
import { ApprovalError } from './errors.js';

export interface ChainStep {
  stepNo: number;
  roles: string[];
  label: string;
}

/**
 * The steps a request must pass, from the company's policy in force on `asOf`: the tier is the
 * first whose upper bound covers the amount (BIL-4: 1–50, 51–100, 101–300, 301–500, > 500),
 * and its levels sign in order.
 */
export async function computeChain(
  db: Queryable,
  companyId: string,
  kind: string,
  amount: string | null,
  asOf: string,
): Promise<ChainStep[]> {
  const chains = await policyValue(db, companyId, 'approvals.chains', asOf);
  // A kind the company's chains do not name yet (one added by an upgrade after the company set its
  // chains) follows the catalogue's default chain until the company changes it by a policy change.
  const tiers = chains[kind] ?? platformPolicies['approvals.chains'].default[kind];
  if (!tiers?.length) throw ApprovalError('NO_CHAIN', { vars: { kind } });
  if (tiers.length > 1 && amount === null) throw ApprovalError('AMOUNT_REQUIRED', { field: 'amount' });
  const value = amount === null ? null : new Decimal(amount);
  const tier = value === null ? tiers[0]! : (tiers.find((t) => t.upTo === null || value.lte(t.upTo)) ?? tiers.at(-1)!);
  return tier.steps.map((s, i) => ({ stepNo: i + 1, roles: s.roles, label: s.label }));
}

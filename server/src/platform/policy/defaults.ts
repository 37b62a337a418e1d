/**
 * Defaults of the per-company policy, from the requirements catalogue. Seeded into
 * policy_values for every new company; a company changes its own values, never these.
 */
export const policyDefaults = {
  /** IAM-3: an account is adjusted or disabled within this many working days of a transfer or departure. */
  'iam.deprovisionWorkingDays': 3,
} as const;

export type PolicyKey = keyof typeof policyDefaults;

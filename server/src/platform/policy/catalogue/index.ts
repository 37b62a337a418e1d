import type { z } from 'zod';
import type { PolicyDef } from '../define.js';
import { businessPolicies } from './business.js';
import { platformPolicies } from './platform.js';

/** Every setting of the per-company policy, seeded with the requirements catalogue's defaults. */
export const policyCatalogue = { ...platformPolicies, ...businessPolicies };

export type PolicyKey = keyof typeof policyCatalogue;
export type PolicyValue<K extends PolicyKey> = z.output<(typeof policyCatalogue)[K]['schema']>;

export function policyDef(key: string): PolicyDef | undefined {
  return (policyCatalogue as Record<string, PolicyDef>)[key];
}

import { useQuery } from '@tanstack/react-query';
import type { ApprovalRequest, Bilingual, PersonRef } from './approvals';
import { http } from './client';

export type PolicyUnit =
  | 'minutes'
  | 'hours'
  | 'days'
  | 'workingDays'
  | 'months'
  | 'yuan'
  | 'rate'
  | 'count'
  | 'dayOfMonth'
  | 'percent'
  | 'seconds'
  | 'text'
  | 'table';

export interface PendingPolicyRequest {
  id: string;
  no: string;
  effectiveFrom: string;
  value: unknown;
}

export interface PolicyItem {
  key: string;
  /** The rule(s) of the requirements catalogue, e.g. 'BIL-3'. */
  rule: string;
  name: Bilingual;
  unit: PolicyUnit;
  value: unknown;
  /** Null while the catalogue default applies (never changed for this company). */
  effectiveFrom: string | null;
  version: number;
  pendingRequests: PendingPolicyRequest[];
}

export interface PolicySnapshot {
  asOf: string;
  items: PolicyItem[];
}

export interface PolicyVersion {
  effectiveFrom: string;
  version: number;
  value: unknown;
  createdAt: string;
  createdBy: PersonRef | null;
  requestId: string | null;
  requestNo: string | null;
}

export interface PolicyHistory {
  key: string;
  items: PolicyVersion[];
}

export interface PolicyChangeBody {
  key: string;
  value: unknown;
  /** YYYY-MM-DD, today or later */
  effectiveFrom: string;
  reason: string;
}

/** The payload of an approval request of kind `policyChange`. */
export interface PolicyChangePayload {
  key: string;
  value: unknown;
  effectiveFrom: string;
}

export const policyKey = ['policy'] as const;

export const getPolicy = (asOf?: string) => http.get<PolicySnapshot>('/api/policy', { asOf });
export const getPolicyHistory = (key: string) =>
  http.get<PolicyHistory>(`/api/policy/${encodeURIComponent(key)}/history`);
export const proposePolicyChange = (body: PolicyChangeBody) => http.post<ApprovalRequest>('/api/policy/changes', body);

export function usePolicy(asOf: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...policyKey, 'asOf', asOf ?? 'today'],
    queryFn: () => getPolicy(asOf),
    enabled,
  });
}

export function usePolicyHistory(key: string | null) {
  return useQuery({
    queryKey: [...policyKey, 'history', key],
    queryFn: () => getPolicyHistory(key ?? ''),
    enabled: key !== null,
  });
}

import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import type { Items, OrgUnit } from './types';

export const orgUnitsKey = ['org-units'] as const;

export const listOrgUnits = () => http.get<Items<OrgUnit>>('/api/org-units');

export function useOrgUnits() {
  return useQuery({
    queryKey: orgUnitsKey,
    queryFn: listOrgUnits,
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

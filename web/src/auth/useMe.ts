import { useQuery } from '@tanstack/react-query';
import { fetchMe, meKey } from '../api/auth';

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
}

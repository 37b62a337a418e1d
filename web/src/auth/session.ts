import type { QueryClient } from '@tanstack/react-query';
import { meKey } from '../api/auth';
import type { CurrentUser } from '../api/types';

// Keep the `me` query itself (mounted observers stay attached to it); drop everything
// else so no data of one user is ever shown to the next.
function dropUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
}

export function startSession(queryClient: QueryClient, user: CurrentUser): void {
  dropUserData(queryClient);
  queryClient.setQueryData(meKey, user);
}

export function endSession(queryClient: QueryClient): void {
  dropUserData(queryClient);
  queryClient.setQueryData(meKey, null);
}

import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { notifyError } from '../lib/feedback';
import { meKey } from './auth';
import { ApiError } from './client';
import type { CurrentUser } from './types';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The caller shows the error itself (in a form Alert or on fields). */
      handlesErrors?: boolean;
    };
  }
}

/**
 * Session problems are answered by changing the cached current user: the route guard
 * then sends the user to /login (no session) or /change-password (forced change).
 */
function handleSessionError(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.status === 401) {
    queryClient.setQueryData(meKey, null);
    return true;
  }
  if (err.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') {
    queryClient.setQueryData<CurrentUser | null>(meKey, (me) => (me ? { ...me, mustChangePassword: true } : me));
    return true;
  }
  return false;
}

function shouldRetry(failureCount: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
  return failureCount < 2;
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err) => {
      if (!handleSessionError(err)) notifyError(err);
    },
  }),
  mutationCache: new MutationCache({
    onError: (err, _variables, _result, mutation) => {
      if (handleSessionError(err)) return;
      if (!mutation.meta?.handlesErrors) notifyError(err);
    },
  }),
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

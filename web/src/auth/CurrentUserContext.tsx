import { createContext, useContext } from 'react';
import type { CurrentUser } from '../api/types';

export const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in user; only valid below <RequireAuth>. */
export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used below RequireAuth');
  return user;
}

/** True when the user holds any of the given permissions. */
export function useCan(): (...permissions: string[]) => boolean {
  const user = useCurrentUser();
  return (...permissions) => permissions.some((p) => user.permissions.includes(p));
}

import { ApiError, http } from './client';
import type { CurrentUser } from './types';

export const meKey = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<CurrentUser | null> {
  try {
    return await http.get<CurrentUser>('/api/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function login(body: { username: string; password: string }) {
  return http.post<{ user: CurrentUser }>('/api/auth/login', body);
}

export function logout() {
  return http.post<void>('/api/auth/logout');
}

export function changePassword(body: { currentPassword: string; newPassword: string }) {
  return http.post<void>('/api/auth/password', body);
}

/** Who is acting, for which company: every service call takes one. */
export interface Actor {
  companyId: string;
  userId: string | null;
  name: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface Principal {
  sessionId: string;
  userId: string;
  companyId: string;
  username: string;
  fullName: string;
  mustChangePassword: boolean;
  permissions: Set<string>;
}

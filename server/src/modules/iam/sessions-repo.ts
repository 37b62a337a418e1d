import { prepared } from '../../db/prepared.js';
import type { Queryable } from '../../db/types.js';

export interface SessionPrincipalRow {
  sessionId: string;
  companyId: string;
  userId: string;
  username: string;
  fullName: string;
  mustChangePassword: boolean;
  permissions: string[];
}

export async function insertSession(
  db: Queryable,
  s: {
    companyId: string;
    userId: string;
    tokenHash: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO sessions (company_id, user_id, token_hash, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [s.companyId, s.userId, s.tokenHash, s.expiresAt, s.ip, s.userAgent],
  );
  return r.rows[0]!.id;
}

/**
 * A live session of an active user, touched in the same statement; null when it is unknown,
 * revoked, past its absolute expiry or idle for longer than allowed. The touch is written at most once a
 * minute: a busy desk's every request would otherwise be a write and a commit (idle time is a minute coarser).
 */
export async function touchSession(
  db: Queryable,
  tokenHash: string,
  idleMinutes: number,
): Promise<SessionPrincipalRow | null> {
  const r = await db.query<SessionPrincipalRow>(TOUCH_SESSION, [tokenHash, idleMinutes]);
  return r.rows[0] ?? null;
}

// Every request's first statement: kept prepared on each PostgreSQL connection.
const TOUCH_SESSION = prepared(
  `WITH s AS (
       SELECT company_id, id, user_id, last_seen_at FROM sessions
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          AND last_seen_at > now() - make_interval(mins => $2)),
     touched AS (
       UPDATE sessions t SET last_seen_at = now() FROM s
        WHERE t.company_id = s.company_id AND t.id = s.id AND s.last_seen_at < now() - interval '1 minute')
     SELECT s.id AS "sessionId", s.company_id AS "companyId", u.id AS "userId", u.username, u.full_name AS "fullName",
            u.must_change_password AS "mustChangePassword",
            COALESCE((SELECT array_agg(DISTINCT rp.permission_code) FROM user_roles ur
                        JOIN role_permissions rp ON rp.company_id = ur.company_id AND rp.role_id = ur.role_id
                       WHERE ur.company_id = u.company_id AND ur.user_id = u.id), '{}') AS permissions
       FROM s JOIN users u ON u.company_id = s.company_id AND u.id = s.user_id
      WHERE u.status = 'active'`,
);

export async function revokeSession(db: Queryable, companyId: string, sessionId: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE company_id = $1 AND id = $2 AND revoked_at IS NULL', [
    companyId,
    sessionId,
  ]);
}

/** Ends every session of a user (disabled, password reset), optionally keeping one. */
export async function revokeUserSessions(
  db: Queryable,
  companyId: string,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  await db.query(
    `UPDATE sessions SET revoked_at = now()
      WHERE company_id = $1 AND user_id = $2 AND revoked_at IS NULL AND id IS DISTINCT FROM $3::uuid`,
    [companyId, userId, exceptSessionId ?? null],
  );
}

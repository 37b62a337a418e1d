import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, Principal } from '../../platform/context.js';
import { findCompany } from '../org/service.js';
import { IamError } from './errors.js';
import { hashPassword, isStrongEnough, verifyPassword } from './passwords.js';
import * as sessions from './sessions-repo.js';
import * as users from './users-repo.js';

export type AuthConfig = Pick<
  Config,
  'loginMaxFailures' | 'loginLockMinutes' | 'sessionIdleMinutes' | 'sessionMaxHours' | 'passwordMinLength'
>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// Verifying against a real hash when the user does not exist keeps the timing of both answers alike.
let decoyHash: Promise<string> | null = null;

function shanghaiTime(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(d);
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export async function login(db: Db, config: AuthConfig, input: LoginInput) {
  const user = await users.findUserByUsername(db, input.username);
  if (!user) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(await decoyHash, input.password);
    throw IamError('INVALID_CREDENTIALS');
  }
  const actor: Actor = { companyId: user.companyId, userId: user.id, name: user.fullName, ip: input.ip };
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
    throw IamError('ACCOUNT_LOCKED', { vars: { until: shanghaiTime(new Date(user.lockedUntil)) } });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockedUntil = await db.tx(async (tx) => {
      const r = await tx.query<{ failed: number; lockedUntil: Date | null; locked: boolean }>(
        `UPDATE users
            SET failed_logins = CASE WHEN failed_logins + 1 >= $3 THEN 0 ELSE failed_logins + 1 END,
                locked_until = CASE WHEN failed_logins + 1 >= $3 THEN now() + make_interval(mins => $4) ELSE locked_until END
          WHERE company_id = $1 AND id = $2
      RETURNING failed_logins AS failed, locked_until AS "lockedUntil", failed_logins = 0 AS locked`,
        [user.companyId, user.id, config.loginMaxFailures, config.loginLockMinutes],
      );
      const row = r.rows[0]!;
      await recordAudit(tx, actor, { action: 'auth.loginFailed', entityType: 'user', entityId: user.id });
      if (!row.locked) return null;
      await recordAudit(tx, actor, {
        action: 'user.lock',
        entityType: 'user',
        entityId: user.id,
        after: { lockedUntil: row.lockedUntil, reason: 'too many failed logins' },
      });
      return row.lockedUntil;
    });
    if (lockedUntil) throw IamError('ACCOUNT_LOCKED', { vars: { until: shanghaiTime(new Date(lockedUntil)) } });
    throw IamError('INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') throw IamError('ACCOUNT_DISABLED');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config.sessionMaxHours * 3_600_000);
  await db.tx(async (tx) => {
    await users.updateUser(tx, user.companyId, user.id, {
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: new Date(),
    });
    const sessionId = await sessions.insertSession(tx, {
      companyId: user.companyId,
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'session', entityId: sessionId });
  });
  return { token, expiresAt };
}

export async function resolvePrincipal(db: Db, config: AuthConfig, token: string): Promise<Principal | null> {
  const row = await sessions.touchSession(db, hashToken(token), config.sessionIdleMinutes);
  if (!row) return null;
  return { ...row, permissions: new Set(row.permissions) };
}

export async function logout(db: Db, actor: Actor, sessionId: string): Promise<void> {
  await db.tx(async (tx) => {
    await sessions.revokeSession(tx, actor.companyId, sessionId);
    await recordAudit(tx, actor, { action: 'auth.logout', entityType: 'session', entityId: sessionId });
  });
}

export async function currentUser(db: Db, p: Principal) {
  const user = await users.findUserById(db, p.companyId, p.userId);
  if (!user) throw IamError('USER_NOT_FOUND');
  const company = await findCompany(db, p.companyId);
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    employeeNo: user.employeeNo,
    company: { id: company!.id, code: company!.code, name: company!.name },
    orgUnit: user.orgUnitId ? { id: user.orgUnitId, name: user.orgUnitName ?? '' } : null,
    roles: user.roles,
    permissions: [...p.permissions].sort(),
    mustChangePassword: user.mustChangePassword,
  };
}

export async function changePassword(
  db: Db,
  config: AuthConfig,
  actor: Actor,
  p: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await users.findUserById(db, p.companyId, p.userId);
  if (!user) throw IamError('USER_NOT_FOUND');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw IamError('WRONG_PASSWORD', { field: 'currentPassword' });
  }
  if (!isStrongEnough(input.newPassword, config.passwordMinLength, user.username, input.currentPassword)) {
    throw IamError('WEAK_PASSWORD', { field: 'newPassword', vars: { min: config.passwordMinLength } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.tx(async (tx) => {
    await users.updateUser(tx, p.companyId, p.userId, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedNow: true,
    });
    // Other sessions of this account end: whoever else knew the old password is out.
    await sessions.revokeUserSessions(tx, p.companyId, p.userId, p.sessionId);
    await recordAudit(tx, actor, {
      action: 'user.changePassword',
      entityType: 'user',
      entityId: p.userId,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false },
    });
  });
}

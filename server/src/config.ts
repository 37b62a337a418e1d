import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** Runtime configuration, read from the environment once. Rulebook numbers live in the policy, not here. */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  webDist: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRatePerMinute: number;
  passwordMinLength: number;
  bodyLimitBytes: number;
  cookieSecure: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.HEARTH_DATA_DIR || path.join(repoRoot, 'data')),
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 3000),
    webDist: path.resolve(env.HEARTH_WEB_DIST || path.join(repoRoot, 'web', 'dist')),
    sessionIdleMinutes: int('HEARTH_SESSION_IDLE_MINUTES', 480),
    sessionMaxHours: int('HEARTH_SESSION_MAX_HOURS', 24),
    loginMaxFailures: int('HEARTH_LOGIN_MAX_FAILURES', 5),
    loginLockMinutes: int('HEARTH_LOGIN_LOCK_MINUTES', 30),
    loginRatePerMinute: int('HEARTH_LOGIN_RATE_PER_MINUTE', 20),
    passwordMinLength: int('HEARTH_PASSWORD_MIN_LENGTH', 8),
    bodyLimitBytes: int('HEARTH_BODY_LIMIT_BYTES', 1024 * 1024),
    cookieSecure: env.HEARTH_COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL || 'info',
  };
}

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

function smsProvider(raw: string | undefined): 'local' | 'http' {
  if (!raw || raw === 'local') return 'local';
  if (raw === 'http') return 'http';
  throw new Error(`HEARTH_SMS_PROVIDER must be local or http, got "${raw}"`);
}

/** Runtime configuration, read from the environment once. Rulebook numbers live in the policy, not here. */
export interface Config {
  databaseUrl: string | undefined;
  /** Connections to PostgreSQL this instance holds at most (PGlite has one). */
  databasePoolSize: number;
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
  /** Where SMS go: `local` records them in the database only; `http` posts them to a gateway. */
  smsProvider: 'local' | 'http';
  smsHttpUrl: string | undefined;
  smsHttpToken: string | undefined;
  smsHttpTimeoutMs: number;
  /** Signs the gateway's delivery receipts (HMAC-SHA256); unset, every receipt is refused. */
  smsCallbackSecret: string | undefined;
  /** Run the scheduler and the task worker in this instance. */
  background: boolean;
  schedulerTickMs: number;
  taskPollMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: int('HEARTH_DB_POOL_SIZE', 20),
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
    smsProvider: smsProvider(env.HEARTH_SMS_PROVIDER),
    smsHttpUrl: env.HEARTH_SMS_HTTP_URL || undefined,
    smsHttpToken: env.HEARTH_SMS_HTTP_TOKEN || undefined,
    smsHttpTimeoutMs: int('HEARTH_SMS_HTTP_TIMEOUT_MS', 5000),
    smsCallbackSecret: env.HEARTH_SMS_CALLBACK_SECRET || undefined,
    background: env.HEARTH_BACKGROUND !== 'false',
    schedulerTickMs: int('HEARTH_SCHEDULER_TICK_MS', 5000),
    taskPollMs: int('HEARTH_TASK_POLL_MS', 1000),
  };
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.js';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every Hearth process.
const MIGRATION_LOCK = 4_715_001;

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(migrationsDir, f), 'utf8');
      return { version: f.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

async function ensureTable(db: Db): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  current: boolean;
}

export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  const applied = exists.rows[0]?.t
    ? (await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map(
        (r) => r.version,
      )
    : [];
  const pending = listMigrations()
    .map((m) => m.version)
    .filter((v) => !applied.includes(v));
  return { applied, pending, current: pending.length === 0 };
}

/**
 * Applies pending migrations, each in its own transaction. An advisory lock serialises
 * several server instances starting together on one PostgreSQL.
 */
export async function migrate(db: Db, log: (msg: string) => void = () => {}): Promise<string[]> {
  await ensureTable(db);
  return db.tx(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const done = new Map(
      (
        await tx.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations')
      ).rows.map((r) => [r.version, r.checksum]),
    );
    const applied: string[] = [];
    for (const m of listMigrations()) {
      const had = done.get(m.version);
      if (had) {
        if (had !== m.checksum) throw new Error(`Migration ${m.version} was changed after it was applied`);
        continue;
      }
      log(`applying migration ${m.version}`);
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [m.version, m.checksum]);
      applied.push(m.version);
    }
    return applied;
  });
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPgliteDb } from '../src/db/pglite.js';
import { createPostgresDb } from '../src/db/postgres.js';
import type { Db } from '../src/db/types.js';

export type DbKind = 'pglite' | 'postgres';

/** Every database test runs on PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set. */
export const dbKinds: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDb {
  db: Db;
  /** The connection string, for a second process (PostgreSQL only). */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: PGlite in memory, or a new database on the PostgreSQL server. */
export async function createTestDb(kind: DbKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const db = await createPgliteDb();
    return { db, drop: () => db.close() };
  }
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `hearth_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = createPostgresDb(url.toString(), 5);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

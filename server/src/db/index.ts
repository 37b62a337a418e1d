import type { Config } from '../config.js';
import { createPgliteDb } from './pglite.js';
import { createPostgresDb } from './postgres.js';
import type { Db } from './types.js';

export type { Db, Queryable, Tx } from './types.js';

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded database in the data directory. */
export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'databasePoolSize'>>,
): Promise<Db> {
  if (config.databaseUrl) return createPostgresDb(config.databaseUrl, config.databasePoolSize);
  return createPgliteDb(config.dataDir);
}

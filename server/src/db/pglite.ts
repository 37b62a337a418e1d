import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db, Tx } from './types.js';

const parsers = {
  [types.DATE]: (v: string) => v,
  [types.INT8]: (v: string) => Number(v),
};

/** Embedded PostgreSQL. `dataDir` undefined means in memory (tests). */
export async function createPgliteDb(dataDir?: string): Promise<Db> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  let pglite: PGlite;
  try {
    // pg_trgm: trigram indexes for fuzzy Chinese address and name search (PostgreSQL ships it in contrib).
    pglite = await PGlite.create(dataDir ? path.join(dataDir, 'pgdata') : undefined, {
      parsers,
      extensions: { pg_trgm },
    });
  } catch (err) {
    release();
    throw err;
  }
  const wrap = (c: Pick<PGlite, 'query' | 'exec'>): Tx => ({
    async query(sql, params) {
      const r = await c.query(sql, params as unknown[]);
      return { rows: r.rows as never[], rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql) {
      await c.exec(sql);
    },
  });
  const root = wrap(pglite);
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    tx: (fn) => pglite.transaction((t) => fn(wrap(t))),
    async close() {
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * PGlite is one process's database: a pid file keeps a second process out.
 * A pid file whose process is gone is stale and taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, 'hearth.pid');
  try {
    const fd = fs.openSync(pidFile, 'wx');
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const other = Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (other && other !== process.pid && isAlive(other)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${other}. Stop it first, or set DATABASE_URL to use PostgreSQL.`,
      );
    }
    fs.writeFileSync(pidFile, String(process.pid));
  }
  return () => {
    try {
      if (fs.readFileSync(pidFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(pidFile);
    } catch {
      // already gone
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import pg from 'pg';
import { preparedName } from './prepared.js';
import type { Db, Tx } from './types.js';

// Same shapes as PGlite: dates stay 'YYYY-MM-DD' strings (business dates have no time zone),
// NUMERIC stays a string for decimal.js, int8 becomes a number (counts and sequence ids).
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createPostgresDb(url: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const wrap = (c: pg.Pool | pg.PoolClient): Tx => ({
    async query(sql, params) {
      const name = preparedName(sql);
      const r = name
        ? await c.query({ name, text: sql, values: params as unknown[] })
        : await c.query(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
    async exec(sql) {
      await c.query(sql);
    },
  });
  /**
   * A transaction's statements go one after another on its one connection. Services may start several
   * reads at once (`Promise.all`); pg queues them itself today but deprecates that (pg 9 drops it), so
   * the queue is kept here: each statement waits for the one before, whether that failed or not.
   */
  const serial = (c: pg.PoolClient): Tx => {
    const inner = wrap(c);
    let last: Promise<unknown> = Promise.resolve();
    const queued = <T>(run: () => Promise<T>): Promise<T> => {
      const next = last.then(run, run);
      last = next.catch(() => undefined);
      return next;
    };
    return {
      query: (sql, params) => queued(() => inner.query(sql, params)),
      exec: (sql) => queued(() => inner.exec(sql)),
    };
  };
  const root = wrap(pool);
  return {
    kind: 'postgres',
    query: root.query,
    exec: root.exec,
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(serial(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrationStatus } from '../src/db/migrate.js';
import { createPgliteDb } from '../src/db/pglite.js';
import { createTestDb, dbKinds } from './db.js';

describe.each(dbKinds)('migrations on %s', (kind) => {
  it('migrations apply once and report current; a second run applies nothing', async () => {
    const { db, drop } = await createTestDb(kind);
    try {
      expect((await migrationStatus(db)).current).toBe(false);
      const first = await migrate(db);
      expect(first.length).toBeGreaterThan(0);
      expect(await migrate(db)).toEqual([]);
      expect(await migrationStatus(db)).toMatchObject({ current: true, pending: [] });
    } finally {
      await drop();
    }
  });

  it('every business table carries company_id and leads its primary key with it', async () => {
    const { db, drop } = await createTestDb(kind);
    try {
      await migrate(db);
      // Reference tables: the same for every company (replicated, not sharded, under Citus).
      const shared = new Set([
        'company_groups',
        'companies',
        'permissions',
        'default_role_permissions',
        'job_runs',
        'schema_migrations',
        'calendar_days',
      ]);
      const tables = await db.query<{ table_name: string; pk: string }>(
        `SELECT c.relname AS table_name,
                (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                  WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r'`,
      );
      const business = tables.rows.filter((r) => !shared.has(r.table_name));
      expect(business.length).toBeGreaterThan(5);
      for (const t of business) expect(t.pk, t.table_name).toBe('company_id');
    } finally {
      await drop();
    }
  });
});

describe('embedded database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-pglite-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a data directory is locked by a pid file while open and released on close', async () => {
    const db = await createPgliteDb(dir);
    expect(fs.readFileSync(path.join(dir, 'hearth.pid'), 'utf8')).toBe(String(process.pid));
    // Another live process holding the lock keeps us out.
    fs.writeFileSync(path.join(dir, 'hearth.pid'), String(process.ppid));
    await expect(createPgliteDb(dir)).rejects.toThrow(/in use by process/);
    fs.writeFileSync(path.join(dir, 'hearth.pid'), String(process.pid));
    await migrate(db);
    await db.close();
    expect(fs.existsSync(path.join(dir, 'hearth.pid'))).toBe(false);
    // The data survives a restart.
    const again = await createPgliteDb(dir);
    expect((await migrationStatus(again)).current).toBe(true);
    await again.close();
  });

  it('a stale pid file of a dead process is taken over', async () => {
    fs.writeFileSync(path.join(dir, 'hearth.pid'), '999999');
    const db = await createPgliteDb(dir);
    expect(fs.readFileSync(path.join(dir, 'hearth.pid'), 'utf8')).toBe(String(process.pid));
    await db.close();
  });
});

/**
 * `npm run bench -- NAME [--size N]`: runs bench/NAME against DATABASE_URL (the embedded
 * database in bench/data/NAME when unset), prints its figures, and ends with one line
 * `RESULT NAME key=value …`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { BenchContext, BenchModule } from './lib.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { size: { type: 'string' } },
});
const name = positionals[0];
const available = fs.readdirSync(here).filter((d) => fs.existsSync(path.join(here, d, 'index.ts')));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME [--size N]   (NAME: ${available.join(', ')})`);
  process.exit(2);
}

/** The bench owns its database: created when missing. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (exists.rowCount === 0) await c.query(`CREATE DATABASE "${dbName.replaceAll('"', '""')}"`);
  } finally {
    await c.end();
  }
}

const databaseUrl = process.env.DATABASE_URL || undefined;
if (databaseUrl) await ensurePostgresDatabase(databaseUrl);
const ctx: BenchContext = {
  name,
  size: values.size ? Number(values.size) : undefined,
  databaseUrl,
  dataDir: path.join(here, 'data', name),
  machine: `${os.cpus().length} cores ${os.cpus()[0]?.model ?? ''}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
};
const mod: BenchModule = await import(pathToFileURL(path.join(here, name, 'index.ts')).href);
const result = await mod.run(ctx);
console.log(`machine: ${ctx.machine}; database: ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`);
console.log(
  `RESULT ${name} ${Object.entries(result)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`,
);
process.exit(0);

import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDb } from './db/index.js';
import { migrate } from './db/migrate.js';
import { startBackground } from './platform/jobs/runner.js';
import { seedPolicyDefaults } from './platform/policy/policy.js';
import { describeFirstStart, firstStart } from './setup/first-start.js';

const started = performance.now();
const config = loadConfig();
const db = await openDb(config);
const applied = await migrate(db);
if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
// Settings a newer Hearth added get their catalogue default; a company's own values stay.
await seedPolicyDefaults(db);
const first = await firstStart(db);
if (first) console.log(describeFirstStart(first));

const app = await buildApp({ config, db, logger: { level: config.logLevel } });
await app.listen({ host: config.host, port: config.port });
const background = config.background
  ? startBackground(db, {
      schedulerTickMs: config.schedulerTickMs,
      taskPollMs: config.taskPollMs,
      log: (msg) => app.log.info(msg),
    })
  : null;
const where = config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`;
console.log(
  `Hearth is ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ (${where}; started in ${Math.round(performance.now() - started)} ms)`,
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing`);
  try {
    await background?.stop();
    await app.close();
  } finally {
    await db.close();
  }
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { openDb } from './db/index.js';
import { migrate, migrationStatus } from './db/migrate.js';
import { generateAccounts } from './modules/customers/generate.js';
import { listRoles } from './modules/iam/roles-service.js';
import { createUser } from './modules/iam/users-service.js';
import { findCompanyByCode } from './modules/org/service.js';
import { createRng, person } from './platform/demo/generator.js';
import { seedDemoCompany } from './setup/demo.js';

const USAGE = `hearth <command> [options]

  migrate                 apply pending database migrations
  status                  show applied and pending migrations
  create-user             --username U --name N --company CODE [--roles a,b] [--password P]
                          (without --password a random one is printed and must be changed at first login)
  seed-demo               [--code DEMO2 --name 第二演示燃气公司] a demo company with one user per role
  demo-data               [--count 10 --seed 1 --format csv|json] realistic people and addresses
  demo-data               --accounts N --company CODE [--seed 1] N customers with premises, accounts,
                          meters and appliances in the company's database (set-based: 1,000,000 in about a minute)

DATABASE_URL selects PostgreSQL; without it the embedded database in ./data is used.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      company: { type: 'string' },
      roles: { type: 'string' },
      password: { type: 'string' },
      code: { type: 'string' },
      count: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      format: { type: 'string', default: 'csv' },
      accounts: { type: 'string' },
    },
  });

  if (command === 'demo-data' && values.accounts === undefined) {
    const rng = createRng(Number(values.seed));
    const people = Array.from({ length: Number(values.count) }, () => person(rng));
    if (values.format === 'json') for (const p of people) console.log(JSON.stringify(p));
    else {
      console.log('name,mobile,address');
      for (const p of people) console.log(`${p.name},${p.mobile},${p.address.text}`);
    }
    return 0;
  }
  if (!command || !['migrate', 'status', 'create-user', 'seed-demo', 'demo-data'].includes(command)) {
    console.log(USAGE);
    return command ? 2 : 0;
  }

  const db = await openDb(loadConfig());
  try {
    if (command === 'status') {
      const s = await migrationStatus(db);
      console.log(`applied: ${s.applied.join(', ') || '-'}\npending: ${s.pending.join(', ') || '-'}`);
      return 0;
    }
    const applied = await migrate(db, console.log);
    if (command === 'migrate') {
      console.log(applied.length ? `applied ${applied.length} migration(s)` : 'database is current');
      return 0;
    }
    if (command === 'seed-demo') {
      const seeded = await seedDemoCompany(
        db,
        values.code
          ? {
              groupCode: 'DEMO',
              groupName: '演示燃气集团',
              companyCode: values.code,
              companyName: values.name ?? values.code,
            }
          : undefined,
      );
      console.log(`demo company ${seeded.companyId}; users: ${seeded.usernames.join(', ')}`);
      if (seeded.generatedPassword) console.log(`password (changed at first login): ${seeded.generatedPassword}`);
      return 0;
    }
    if (command === 'demo-data') {
      const count = Number(values.accounts);
      const company = values.company ? await findCompanyByCode(db, values.company) : null;
      if (!company || !Number.isInteger(count) || count < 1) {
        console.error('demo-data --accounts needs a positive count and --company with an existing company code');
        return 2;
      }
      const { created, ms } = await generateAccounts(db, company.id, {
        count,
        seed: Number(values.seed),
        onProgress: (done, total) => console.log(`${done} / ${total}`),
      });
      console.log(`generated ${created} accounts for ${values.company} in ${ms} ms`);
      return 0;
    }
    // create-user
    if (!values.username || !values.name || !values.company) {
      console.error('create-user needs --username, --name and --company');
      return 2;
    }
    const company = await findCompanyByCode(db, values.company);
    if (!company) {
      console.error(`no company with code ${values.company}`);
      return 2;
    }
    const wanted = (values.roles ?? '').split(',').filter(Boolean);
    const roles = (await listRoles(db, company.id)).filter((r) => wanted.includes(r.code));
    const missing = wanted.filter((code) => !roles.some((r) => r.code === code));
    if (missing.length) {
      console.error(`unknown role(s): ${missing.join(', ')}`);
      return 2;
    }
    const created = await db.tx((tx) =>
      createUser(
        tx,
        { companyId: company.id, userId: null, name: 'hearth CLI' },
        {
          username: values.username!,
          fullName: values.name!,
          roleIds: roles.map((r) => r.id),
          password: values.password,
        },
      ),
    );
    console.log(`created ${created.user.username} (${created.user.id})`);
    if (!values.password) console.log(`password (changed at first login): ${created.initialPassword}`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

import type { Db } from '../db/types.js';
import { generateAccounts } from '../modules/customers/generate.js';
import { listRoles } from '../modules/iam/roles-service.js';
import { countUsers } from '../modules/iam/users-repo.js';
import { createUser } from '../modules/iam/users-service.js';
import { seedDemoIcCards } from '../modules/ic-cards/demo.js';
import type { Actor } from '../platform/context.js';
import { seedDemoBilling } from '../platform/demo/billing.js';
import { setUpCompany } from './company.js';
import { DEMO_COMPANY, seedDemoCompany } from './demo.js';

export interface FirstStartResult {
  adminPassword: string | null;
  demo: { usernames: string[]; generatedPassword: string | null; accounts: number } | null;
}

/**
 * With no users at all: the company (the demo company unless HEARTH_DEMO=false), its roles,
 * and `admin`. A generated admin password is printed once and must be changed at first login.
 */
export async function firstStart(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<FirstStartResult | null> {
  if ((await countUsers(db)) > 0) return null;
  const withDemo = env.HEARTH_DEMO !== 'false';
  let companyId: string;
  let demo: FirstStartResult['demo'] = null;
  if (withDemo) {
    const seeded = await seedDemoCompany(db, DEMO_COMPANY, env.HEARTH_DEMO_PASSWORD || undefined);
    companyId = seeded.companyId;
    // Item 8 of the customers issue: the demo starts with realistic accounts (2,000 unless told otherwise).
    const accounts = Number(env.HEARTH_DEMO_ACCOUNTS ?? 2000);
    if (!Number.isInteger(accounts) || accounts < 0) throw new Error('HEARTH_DEMO_ACCOUNTS must be a whole number');
    await generateAccounts(db, companyId, { count: accounts, seed: 2026 });
    // Issue 6: tariffs, a few reading books and this period's plans, so billing has something to show.
    await seedDemoBilling(db, companyId);
    // Issue 7: a few IC-meter accounts with simulated cards (ICC-1).
    await seedDemoIcCards(db, companyId);
    demo = { usernames: seeded.usernames, generatedPassword: seeded.generatedPassword, accounts };
  } else {
    companyId = await db.tx(
      async (tx) =>
        (
          await setUpCompany(tx, {
            groupCode: env.HEARTH_GROUP_CODE || 'GROUP',
            groupName: env.HEARTH_GROUP_NAME || '燃气集团',
            companyCode: env.HEARTH_COMPANY_CODE || 'CITY',
            companyName: env.HEARTH_COMPANY_NAME || '市燃气有限公司',
          })
        ).companyId,
    );
  }
  const adminRole = (await listRoles(db, companyId)).find((r) => r.code === 'system_admin');
  const system: Actor = { companyId, userId: null, name: '系统初始化' };
  const given = env.HEARTH_ADMIN_PASSWORD || undefined;
  const admin = await db.tx((tx) =>
    createUser(tx, system, {
      username: 'admin',
      fullName: '系统管理员',
      roleIds: adminRole ? [adminRole.id] : [],
      password: given,
    }),
  );
  return { adminPassword: given ? null : admin.initialPassword, demo };
}

export function describeFirstStart(r: FirstStartResult): string {
  const lines = ['', '==== Hearth first start ===='];
  lines.push(
    r.adminPassword
      ? `Administrator: admin / ${r.adminPassword}   (shown once; you must change it at first login)`
      : 'Administrator: admin / the password in HEARTH_ADMIN_PASSWORD',
  );
  if (r.demo) {
    lines.push(`Demo users (one per role): ${r.demo.usernames.join(', ')}`);
    lines.push(`Demo accounts: ${r.demo.accounts} customers with premises, meters, appliances and contracts`);
    lines.push(
      r.demo.generatedPassword
        ? `Demo users' password: ${r.demo.generatedPassword}   (shown once; changed at first login)`
        : "Demo users' password: the one in HEARTH_DEMO_PASSWORD",
    );
  }
  lines.push('============================', '');
  return lines.join('\n');
}

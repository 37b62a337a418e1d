import type { Db } from '../db/types.js';
import { generatePassword } from '../modules/iam/passwords.js';
import { roleCatalogue } from '../modules/iam/role-catalogue.js';
import { usernameExists } from '../modules/iam/users-repo.js';
import { createUser } from '../modules/iam/users-service.js';
import { findCompanyByCode } from '../modules/org/service.js';
import type { Actor } from '../platform/context.js';
import { createRng, mobile, personName } from '../platform/demo/generator.js';
import { type CompanySetup, setUpCompany } from './company.js';

/** Where each seeded role sits in the demo company. */
const HOME_UNIT: Record<string, string> = {
  hotline_agent: 'CS-CALL-T1',
  hall_clerk: 'CS-HALL-E-T1',
  cashier: 'CS-HALL-E-T2',
  archivist: 'CS-ADM',
  gas_in_technician: 'CS-SVC-T2',
  repair_technician: 'CS-SVC-T1',
  installer: 'ENG-INST-T1',
  meter_reader: 'CS-IRC-T3',
  safety_inspector: 'CS-IRC-T1',
  team_leader: 'CS-IRC-T1',
  centre_director: 'CS-HALL-E',
  centre_supervisor: 'CS-IRC',
  department_manager: 'CS',
  safety_officer: 'SAFE',
  receipt_keeper: 'CS-ADM',
  materials_keeper: 'CS-ADM',
  adjustment_approver: 'CS',
  system_admin: 'IT',
  auditor: 'GMO',
  general_manager: 'GMO',
  deputy_general_manager: 'GMO',
  finance_director: 'FIN',
  finance: 'FIN',
};

export const DEMO_COMPANY: CompanySetup = {
  groupCode: 'DEMO',
  groupName: '演示燃气集团',
  companyCode: 'DEMO-CITY',
  companyName: '演示市燃气有限公司',
};

export interface SeededDemo {
  companyId: string;
  usernames: string[];
  /** Set when no password was given: it was generated, and must be changed at first login. */
  generatedPassword: string | null;
}

/** A demo company with one user per seeded role (IAM-2: one person, one account). */
export async function seedDemoCompany(
  db: Db,
  setup: CompanySetup = DEMO_COMPANY,
  password: string | undefined = process.env.HEARTH_DEMO_PASSWORD || undefined,
): Promise<SeededDemo> {
  if (await findCompanyByCode(db, setup.companyCode)) {
    throw new Error(`A company with code ${setup.companyCode} exists already`);
  }
  const generatedPassword = password ? null : generatePassword();
  const rng = createRng(20_261_123);
  return db.tx(async (tx) => {
    const company = await setUpCompany(tx, setup);
    const system: Actor = { companyId: company.companyId, userId: null, name: '系统初始化' };
    const usernames: string[] = [];
    for (const [i, role] of roleCatalogue.entries()) {
      let username = role.code.replaceAll('_', '.');
      if (await usernameExists(tx, username)) username = `${setup.companyCode.toLowerCase()}.${username}`;
      await createUser(tx, system, {
        username,
        fullName: personName(rng),
        employeeNo: `D${String(i + 1).padStart(4, '0')}`,
        phone: mobile(rng),
        orgUnitId: company.units[HOME_UNIT[role.code] ?? 'CS'] ?? null,
        roleIds: [company.roleIds[role.code]!],
        password: password ?? generatedPassword!,
        mustChangePassword: generatedPassword !== null,
      });
      usernames.push(username);
    }
    return { companyId: company.companyId, usernames, generatedPassword };
  });
}

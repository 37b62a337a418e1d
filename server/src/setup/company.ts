import type { Tx } from '../db/types.js';
import { seedUsageNatures } from '../modules/customers/repo.js';
import { conflictCatalogue, roleCatalogue } from '../modules/iam/role-catalogue.js';
import { grantDefaultPermissions, insertConflict, insertRole } from '../modules/iam/roles-repo.js';
import { createCompany, createOrgUnit, ensureGroup } from '../modules/org/service.js';
import { seedWorkOrderTypes } from '../modules/work-orders/repo.js';
import { recordAudit } from '../platform/audit.js';

import type { Actor } from '../platform/context.js';
import { seedDefaultTemplates } from '../platform/notify/templates-service.js';
import { POLICY_SINCE, seedPolicyDefaults } from '../platform/policy/policy.js';

/** ORG-1 as the rulebooks draw a city gas company's customer side. */
const STRUCTURE: {
  code: string;
  name: string;
  units?: { code: string; name: string; type: string; teams?: string[] }[];
}[] = [
  {
    code: 'CS',
    name: '客户服务部',
    units: [
      { code: 'CS-HALL-E', name: '城东营业厅', type: 'hall', teams: ['受理班', '收费班'] },
      { code: 'CS-HALL-W', name: '城西营业厅', type: 'hall', teams: ['受理班', '收费班'] },
      {
        code: 'CS-IRC',
        name: '安抄中心',
        type: 'inspection_reading_centre',
        teams: ['安检一班', '安检二班', '抄表班'],
      },
      { code: 'CS-CALL', name: '呼叫中心', type: 'call_centre', teams: ['热线一班', '热线二班'] },
      { code: 'CS-SVC', name: '客服中心', type: 'service_centre', teams: ['维修班', '置换通气班'] },
      { code: 'CS-CI', name: '工商户管理班', type: 'ci_team' },
      { code: 'CS-ADM', name: '综合管理班', type: 'admin_team' },
    ],
  },
  { code: 'MKT', name: '市场部' },
  {
    code: 'ENG',
    name: '工程部',
    units: [{ code: 'ENG-INST', name: '安装队', type: 'installation', teams: ['安装一班'] }],
  },
  { code: 'SAFE', name: '安全技术部' },
  { code: 'FIN', name: '计划财务部' },
  { code: 'GMO', name: '总经理办公室' },
  { code: 'IT', name: '信息中心' },
];

export interface CompanySetup {
  groupCode: string;
  groupName: string;
  companyCode: string;
  companyName: string;
}

export interface CreatedCompany {
  companyId: string;
  roleIds: Record<string, string>;
  units: Record<string, string>;
}

/** A new company with its departments, units and teams, the seeded roles, the conflict table and the policy defaults. */
export async function setUpCompany(tx: Tx, setup: CompanySetup): Promise<CreatedCompany> {
  const groupId = await ensureGroup(tx, setup.groupCode, setup.groupName);
  const companyId = await createCompany(tx, { groupId, code: setup.companyCode, name: setup.companyName });
  const system: Actor = { companyId, userId: null, name: '系统初始化' };
  await recordAudit(tx, system, { action: 'company.create', entityType: 'company', entityId: companyId, after: setup });

  const units: Record<string, string> = {};
  let order = 0;
  for (const dept of STRUCTURE) {
    const d = await createOrgUnit(tx, system, {
      parentId: null,
      kind: 'department',
      code: dept.code,
      name: dept.name,
      sortOrder: order++,
    });
    units[dept.code] = d.id;
    for (const unit of dept.units ?? []) {
      const u = await createOrgUnit(tx, system, {
        parentId: d.id,
        kind: 'unit',
        unitType: unit.type,
        code: unit.code,
        name: unit.name,
        sortOrder: order++,
      });
      units[unit.code] = u.id;
      for (const [i, team] of (unit.teams ?? []).entries()) {
        const code = `${unit.code}-T${i + 1}`;
        const t = await createOrgUnit(tx, system, {
          parentId: u.id,
          kind: 'team',
          code,
          name: team,
          sortOrder: order++,
        });
        units[code] = t.id;
      }
    }
  }

  const roleIds: Record<string, string> = {};
  for (const role of roleCatalogue) {
    roleIds[role.code] = await insertRole(tx, companyId, role);
  }
  await grantDefaultPermissions(tx, companyId);
  await recordAudit(tx, system, { action: 'role.seed', entityType: 'role', after: { roles: Object.keys(roleIds) } });
  for (const c of conflictCatalogue) {
    await insertConflict(tx, companyId, roleIds[c.a]!, roleIds[c.b]!, c.reason);
  }
  await recordAudit(tx, system, { action: 'role.conflict.seed', entityType: 'roleConflict', after: conflictCatalogue });
  await seedPolicyDefaults(tx, companyId);
  await recordAudit(tx, system, {
    action: 'policy.seed',
    entityType: 'policy',
    after: { effectiveFrom: POLICY_SINCE },
  });
  await seedDefaultTemplates(tx, system, setup.companyName);
  await seedUsageNatures(tx, companyId);
  await seedWorkOrderTypes(tx, companyId);
  return { companyId, roleIds, units };
}

/**
 * The roles the rulebooks name (ORG-2), seeded for every new company. They are data: a company
 * renames, adds or removes its own.
 */
export interface RoleSeed {
  code: string;
  nameZh: string;
  nameEn: string;
}

// Their default permissions are data too: default_role_permissions, filled by each module's migration.
export const roleCatalogue: RoleSeed[] = [
  { code: 'hotline_agent', nameZh: '热线坐席', nameEn: 'Hotline agent' },
  { code: 'hall_clerk', nameZh: '营业厅受理员', nameEn: 'Hall clerk' },
  { code: 'cashier', nameZh: '收费员', nameEn: 'Cashier' },
  { code: 'archivist', nameZh: '建档员', nameEn: 'Archivist' },
  { code: 'gas_in_technician', nameZh: '置换通气员', nameEn: 'Gas-in technician' },
  { code: 'repair_technician', nameZh: '维修员', nameEn: 'Repair technician' },
  { code: 'installer', nameZh: '安装员', nameEn: 'Installer' },
  { code: 'meter_reader', nameZh: '抄表员', nameEn: 'Meter reader' },
  { code: 'safety_inspector', nameZh: '安检员', nameEn: 'Safety inspector' },
  { code: 'team_leader', nameZh: '班长', nameEn: 'Team leader' },
  { code: 'centre_director', nameZh: '营业厅/中心主任', nameEn: 'Hall or centre director' },
  { code: 'centre_supervisor', nameZh: '中心主管', nameEn: 'Centre supervisor' },
  { code: 'department_manager', nameZh: '部门经理', nameEn: 'Department manager' },
  { code: 'safety_officer', nameZh: '安全员', nameEn: 'Safety officer' },
  { code: 'receipt_keeper', nameZh: '票据管理员', nameEn: 'Receipt and invoice keeper' },
  { code: 'materials_keeper', nameZh: '物资管理员', nameEn: 'Materials keeper' },
  { code: 'adjustment_approver', nameZh: '退补审批人', nameEn: 'Adjustment approver' },
  { code: 'system_admin', nameZh: '系统管理员', nameEn: 'System administrator' },
  { code: 'auditor', nameZh: '审计员', nameEn: 'Auditor' },
  { code: 'general_manager', nameZh: '总经理', nameEn: 'General manager' },
  { code: 'deputy_general_manager', nameZh: '副总经理', nameEn: 'Deputy general manager' },
  { code: 'finance_director', nameZh: '财务总监', nameEn: 'Finance director' },
  { code: 'finance', nameZh: '财务', nameEn: 'Finance' },
];

/** ORG-3 defaults (000 §36): pairs of duties one account may not hold together. */
export const conflictCatalogue: { a: string; b: string; reason: string }[] = [
  { a: 'cashier', b: 'adjustment_approver', reason: '收款与退补审批不得由同一人办理' },
  { a: 'system_admin', b: 'cashier', reason: '系统管理员不得兼任收费员' },
  { a: 'system_admin', b: 'auditor', reason: '系统管理与审计监督应当分离' },
  { a: 'cashier', b: 'receipt_keeper', reason: '收费员不得兼管票据' },
];

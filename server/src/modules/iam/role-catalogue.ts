/**
 * The roles the rulebooks name (ORG-2), seeded for every new company. They are data: a company
 * renames, adds or removes its own. Later modules grant their permissions to these roles in
 * their migrations.
 */
export interface RoleSeed {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
}

const selfService = ['org.read', 'iam.accountRequest.create'];

export const roleCatalogue: RoleSeed[] = [
  { code: 'hotline_agent', nameZh: '热线坐席', nameEn: 'Hotline agent', permissions: selfService },
  { code: 'hall_clerk', nameZh: '营业厅受理员', nameEn: 'Hall clerk', permissions: selfService },
  { code: 'cashier', nameZh: '收费员', nameEn: 'Cashier', permissions: selfService },
  { code: 'archivist', nameZh: '建档员', nameEn: 'Archivist', permissions: selfService },
  { code: 'gas_in_technician', nameZh: '置换通气员', nameEn: 'Gas-in technician', permissions: selfService },
  { code: 'repair_technician', nameZh: '维修员', nameEn: 'Repair technician', permissions: selfService },
  { code: 'installer', nameZh: '安装员', nameEn: 'Installer', permissions: selfService },
  { code: 'meter_reader', nameZh: '抄表员', nameEn: 'Meter reader', permissions: selfService },
  { code: 'safety_inspector', nameZh: '安检员', nameEn: 'Safety inspector', permissions: selfService },
  {
    code: 'team_leader',
    nameZh: '班长',
    nameEn: 'Team leader',
    permissions: [...selfService, 'iam.user.read', 'iam.role.read'],
  },
  {
    code: 'centre_director',
    nameZh: '营业厅/中心主任',
    nameEn: 'Hall or centre director',
    permissions: [...selfService, 'iam.user.read', 'iam.role.read', 'iam.accountRequest.approve'],
  },
  {
    code: 'centre_supervisor',
    nameZh: '中心主管',
    nameEn: 'Centre supervisor',
    permissions: [...selfService, 'iam.user.read', 'iam.role.read', 'iam.accountRequest.approve'],
  },
  {
    code: 'department_manager',
    nameZh: '部门经理',
    nameEn: 'Department manager',
    permissions: [...selfService, 'iam.user.read', 'iam.role.read', 'iam.accountRequest.approve', 'audit.read'],
  },
  { code: 'safety_officer', nameZh: '安全员', nameEn: 'Safety officer', permissions: selfService },
  { code: 'receipt_keeper', nameZh: '票据管理员', nameEn: 'Receipt and invoice keeper', permissions: selfService },
  { code: 'materials_keeper', nameZh: '物资管理员', nameEn: 'Materials keeper', permissions: selfService },
  {
    code: 'adjustment_approver',
    nameZh: '退补审批人',
    nameEn: 'Adjustment approver',
    permissions: selfService,
  },
  {
    code: 'system_admin',
    nameZh: '系统管理员',
    nameEn: 'System administrator',
    permissions: [
      'org.read',
      'org.manage',
      'iam.user.read',
      'iam.user.manage',
      'iam.role.read',
      'iam.role.manage',
      'iam.accountRequest.create',
      'iam.accountRequest.provision',
      'audit.read',
    ],
  },
  {
    code: 'auditor',
    nameZh: '审计员',
    nameEn: 'Auditor',
    permissions: ['org.read', 'iam.user.read', 'iam.role.read', 'audit.read'],
  },
  {
    code: 'general_manager',
    nameZh: '总经理',
    nameEn: 'General manager',
    permissions: [...selfService, 'iam.user.read', 'iam.role.read', 'audit.read'],
  },
  { code: 'finance', nameZh: '财务', nameEn: 'Finance', permissions: selfService },
];

/** ORG-3 defaults (000 §36): pairs of duties one account may not hold together. */
export const conflictCatalogue: { a: string; b: string; reason: string }[] = [
  { a: 'cashier', b: 'adjustment_approver', reason: '收款与退补审批不得由同一人办理' },
  { a: 'system_admin', b: 'cashier', reason: '系统管理员不得兼任收费员' },
  { a: 'system_admin', b: 'auditor', reason: '系统管理与审计监督应当分离' },
  { a: 'cashier', b: 'receipt_keeper', reason: '收费员不得兼管票据' },
];

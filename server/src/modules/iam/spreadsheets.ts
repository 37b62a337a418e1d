import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../platform/context.js';
import { AppError, type Lang } from '../../platform/errors.js';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime, yesNo } from '../../platform/spreadsheets/format.js';
import { type RowProblem, registerExport, registerImport } from '../../platform/spreadsheets/registry.js';
import { listOrgUnits } from '../org/service.js';
import type { UserDto } from './dto.js';
import { IamError } from './errors.js';
import type { ConflictRow, RoleRow } from './roles-repo.js';
import { assertNoConflict, listConflicts, listPermissions, listRoles } from './roles-service.js';
import { fullName, username } from './schemas.js';
import { employeeNoExists, usernameExists } from './users-repo.js';
import { listUsersQuery } from './users-routes.js';
import { createUser, listUsers, overdueDeprovisioning } from './users-service.js';

const usersQuery = listUsersQuery.omit({ page: true, pageSize: true });

// Staff phones and e-mails are personal data: exporting the list needs an approved request (IAM-5).
registerExport<z.infer<typeof usersQuery>, UserDto & Record<string, unknown>>({
  name: 'users',
  title: { zh: '用户列表', en: 'Users' },
  permission: 'iam.user.read',
  sensitive: true,
  query: usersQuery,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) =>
        (await listUsers(db, principal.companyId, { ...q, page, pageSize })).items as (UserDto &
          Record<string, unknown>)[],
    ),
  columns: [
    { key: 'username', header: { zh: '用户名', en: 'User name' }, width: 20 },
    { key: 'fullName', header: { zh: '姓名', en: 'Full name' }, width: 12 },
    { key: 'employeeNo', header: { zh: '工号', en: 'Employee number' }, width: 12 },
    { key: 'phone', header: { zh: '手机号', en: 'Mobile' }, width: 14 },
    { key: 'email', header: { zh: '邮箱', en: 'E-mail' }, width: 24 },
    { key: 'orgUnitName', header: { zh: '所属机构', en: 'Organisation unit' }, width: 18 },
    {
      key: 'roles',
      header: { zh: '角色', en: 'Roles' },
      width: 24,
      format: (_, u, lang) =>
        u.roles.map((r) => (lang === 'en' ? r.nameEn : r.nameZh)).join(lang === 'en' ? ', ' : '、'),
    },
    {
      key: 'roleCodes',
      header: { zh: '角色编码', en: 'Role codes' },
      width: 24,
      format: (_, u) => u.roles.map((r) => r.code).join(','),
    },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 8,
      format: (v, _, lang) =>
        v === 'active' ? (lang === 'en' ? 'active' : '启用') : lang === 'en' ? 'disabled' : '停用',
    },
    { key: 'locked', header: { zh: '已锁定', en: 'Locked' }, width: 8, format: (v, _, lang) => yesNo(v, lang) },
    { key: 'lastLoginAt', header: { zh: '最近登录', en: 'Last login' }, width: 20, format: shanghaiTime },
    { key: 'createdAt', header: { zh: '创建时间', en: 'Created' }, width: 20, format: shanghaiTime },
  ],
});

type Overdue = Awaited<ReturnType<typeof overdueDeprovisioning>>[number];
/** The lists below take no filters: the whole list, as the page shows it. */
const noFilters = z.object({});
const listSeparator = (lang: Lang) => (lang === 'en' ? ', ' : '、');

async function* all<R>(rows: Promise<R[]>): AsyncIterable<R> {
  yield* await rows;
}

// IAM-3: who left or moved and still has an account. Staff names and dates only, no phones: no approval needed.
registerExport<z.infer<typeof noFilters>, Overdue & Record<string, unknown>>({
  name: 'overdueAccounts',
  title: { zh: '逾期未停用账号', en: 'Accounts overdue for disabling' },
  permission: 'iam.user.read',
  sensitive: false,
  query: noFilters,
  rows: (db, principal) =>
    all(overdueDeprovisioning(db, principal.companyId) as Promise<(Overdue & Record<string, unknown>)[]>),
  columns: [
    { key: 'username', header: { zh: '用户名', en: 'User name' }, width: 20, format: (_, r) => r.user.username },
    { key: 'fullName', header: { zh: '姓名', en: 'Full name' }, width: 12, format: (_, r) => r.user.fullName },
    {
      key: 'employeeNo',
      header: { zh: '工号', en: 'Employee number' },
      width: 12,
      format: (_, r) => r.user.employeeNo,
    },
    {
      key: 'orgUnitName',
      header: { zh: '所属机构', en: 'Organisation unit' },
      width: 18,
      format: (_, r) => r.user.orgUnitName,
    },
    {
      key: 'leaveKind',
      header: { zh: '离岗类型', en: 'Leave' },
      width: 10,
      format: (v, _, lang) =>
        v === 'departure'
          ? lang === 'en'
            ? 'departure'
            : '离职'
          : v === 'transfer'
            ? lang === 'en'
              ? 'transfer'
              : '调岗'
            : null,
    },
    { key: 'leaveDate', header: { zh: '离岗日期', en: 'Leave date' }, width: 12 },
    { key: 'dueDate', header: { zh: '应处理截止日', en: 'Due' }, width: 14 },
    { key: 'overdueWorkingDays', header: { zh: '逾期工作日', en: 'Working days overdue' }, width: 12 },
    {
      key: 'status',
      header: { zh: '账号状态', en: 'Account status' },
      width: 10,
      format: (_, r, lang) =>
        r.user.status === 'active' ? (lang === 'en' ? 'active' : '启用') : lang === 'en' ? 'disabled' : '停用',
    },
  ],
});

interface RoleExportRow extends RoleRow, Record<string, unknown> {
  permissionNames: { zh: string; en: string }[];
}

registerExport<z.infer<typeof noFilters>, RoleExportRow>({
  name: 'roles',
  title: { zh: '角色及权限', en: 'Roles and permissions' },
  permission: 'iam.role.read',
  sensitive: false,
  query: noFilters,
  async *rows(db, principal) {
    const [roles, permissions] = await Promise.all([listRoles(db, principal.companyId), listPermissions(db)]);
    const names = new Map(permissions.map((p) => [p.code, { zh: p.nameZh, en: p.nameEn }]));
    for (const role of roles) {
      yield { ...role, permissionNames: role.permissions.map((code) => names.get(code) ?? { zh: code, en: code }) };
    }
  },
  columns: [
    { key: 'code', header: { zh: '代码', en: 'Code' }, width: 24 },
    {
      key: 'name',
      header: { zh: '名称', en: 'Name' },
      width: 16,
      format: (_, r, lang) => (lang === 'en' ? r.nameEn : r.nameZh),
    },
    { key: 'description', header: { zh: '说明', en: 'Description' }, width: 30 },
    { key: 'userCount', header: { zh: '用户数', en: 'Users' }, width: 8 },
    {
      key: 'permissionCount',
      header: { zh: '权限数', en: 'Permissions' },
      width: 8,
      format: (_, r) => r.permissions.length,
    },
    {
      key: 'permissionNames',
      header: { zh: '权限', en: 'Permission names' },
      width: 60,
      format: (_, r, lang) => r.permissionNames.map((n) => (lang === 'en' ? n.en : n.zh)).join(listSeparator(lang)),
    },
    {
      key: 'permissions',
      header: { zh: '权限编码', en: 'Permission codes' },
      width: 60,
      format: (_, r) => r.permissions.join(','),
    },
  ],
});

// ORG-3: the segregation-of-duties table.
registerExport<z.infer<typeof noFilters>, ConflictRow & Record<string, unknown>>({
  name: 'roleConflicts',
  title: { zh: '岗位职责互斥表', en: 'Segregation of duties' },
  permission: 'iam.role.read',
  sensitive: false,
  query: noFilters,
  rows: (db, principal) =>
    all(listConflicts(db, principal.companyId) as Promise<(ConflictRow & Record<string, unknown>)[]>),
  columns: [
    {
      key: 'roleA',
      header: { zh: '角色A', en: 'Role A' },
      width: 16,
      format: (_, r, lang) => (lang === 'en' ? r.roleA.nameEn : r.roleA.nameZh),
    },
    { key: 'roleACode', header: { zh: '角色A代码', en: 'Role A code' }, width: 22, format: (_, r) => r.roleA.code },
    {
      key: 'roleB',
      header: { zh: '角色B', en: 'Role B' },
      width: 16,
      format: (_, r, lang) => (lang === 'en' ? r.roleB.nameEn : r.roleB.nameZh),
    },
    { key: 'roleBCode', header: { zh: '角色B代码', en: 'Role B code' }, width: 22, format: (_, r) => r.roleB.code },
    { key: 'reason', header: { zh: '原因', en: 'Reason' }, width: 40 },
  ],
});

const codeList = z
  .string()
  .transform((s) => [...new Set(s.split(/[,，、;；\s]+/).filter(Boolean))])
  .pipe(z.array(z.string().max(64)).max(50));

interface StaffRow extends Record<string, unknown> {
  username: string;
  fullName: string;
  employeeNo?: string;
  phone?: string;
  email?: string;
  orgUnitCode?: string;
  roleCodes?: string[];
}

interface Lookups {
  units: Map<string, string>;
  roles: Map<string, string>;
}

function unknownCodes(kind: 'unit' | 'role', codes: string[]): RowProblem {
  const list = codes.join('、');
  return kind === 'unit'
    ? {
        field: 'orgUnitCode',
        message: { zh: `找不到机构编码「${list}」`, en: `No organisation unit with code "${list}"` },
      }
    : {
        field: 'roleCodes',
        message: { zh: `找不到角色编码「${list}」`, en: `No role with code "${codes.join(', ')}"` },
      };
}

/** IAM-1 in bulk: staff accounts from a spreadsheet, checked row by row like the account form. */
registerImport<StaffRow, Lookups>({
  name: 'users',
  title: { zh: '员工账号', en: 'Staff accounts' },
  permission: 'iam.user.manage',
  columns: [
    {
      key: 'username',
      header: { zh: '用户名', en: 'User name' },
      required: true,
      schema: username,
      unique: 'ignoreCase',
      example: 'zhang.san',
      hint: { zh: '3–32 位字母、数字、点、下划线或连字符，全系统唯一', en: '3–32 letters, digits, . _ -; unique' },
    },
    { key: 'fullName', header: { zh: '姓名', en: 'Full name' }, required: true, schema: fullName, example: '张三' },
    {
      key: 'employeeNo',
      header: { zh: '工号', en: 'Employee number' },
      required: false,
      schema: z.string().trim().max(32),
      unique: true,
      example: 'D0101',
      hint: { zh: '本公司内唯一', en: 'unique in the company' },
    },
    {
      key: 'phone',
      header: { zh: '手机号', en: 'Mobile' },
      required: false,
      schema: z
        .string()
        .trim()
        .regex(/^1\d{10}$/, { error: '手机号应为 11 位数字 / an 11-digit mobile number' }),
      example: '13800000000',
    },
    { key: 'email', header: { zh: '邮箱', en: 'E-mail' }, required: false, schema: z.email(), example: '' },
    {
      key: 'orgUnitCode',
      header: { zh: '所属机构编码', en: 'Org unit code' },
      required: false,
      schema: z.string().trim().max(64),
      example: 'CS-HALL-E',
      hint: { zh: '见“组织机构”页面的编码', en: 'the code shown on the Organisation page' },
    },
    {
      key: 'roleCodes',
      header: { zh: '角色编码', en: 'Role codes' },
      required: false,
      schema: codeList,
      example: 'hall_clerk',
      hint: {
        zh: '多个角色用逗号分隔，如 hall_clerk,cashier；互斥的角色不能同时授予',
        en: 'several roles separated by commas, e.g. hall_clerk,cashier; segregated duties cannot be combined',
      },
    },
  ],
  async prepare(db: Queryable, actor: Actor) {
    const [units, roles] = await Promise.all([listOrgUnits(db, actor.companyId), listRoles(db, actor.companyId)]);
    return { units: new Map(units.map((u) => [u.code, u.id])), roles: new Map(roles.map((r) => [r.code, r.id])) };
  },
  async validateRow(db, actor, row, { units, roles }) {
    const problems: RowProblem[] = [];
    if (await usernameExists(db, row.username)) {
      problems.push({
        field: 'username',
        message: IamError('USERNAME_TAKEN', { vars: { username: row.username } }).texts,
      });
    }
    if (row.employeeNo && (await employeeNoExists(db, actor.companyId, row.employeeNo))) {
      const err = IamError('EMPLOYEE_NO_TAKEN', { vars: { employeeNo: row.employeeNo } });
      problems.push({ field: 'employeeNo', message: err.texts });
    }
    if (row.orgUnitCode && !units.has(row.orgUnitCode)) problems.push(unknownCodes('unit', [row.orgUnitCode]));
    const codes = row.roleCodes ?? [];
    const missing = codes.filter((c) => !roles.has(c));
    if (missing.length) {
      problems.push(unknownCodes('role', missing));
    } else {
      // ORG-3: the same segregation-of-duties table as the account form, naming both roles.
      try {
        await assertNoConflict(
          db,
          actor.companyId,
          codes.map((c) => roles.get(c)!),
          'roleCodes',
        );
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        problems.push({ field: 'roleCodes', message: err.texts });
      }
    }
    return problems;
  },
  async commit(tx, actor, rows, { units, roles }) {
    const shownOnce = [];
    for (const { row, values } of rows) {
      // A generated password, to be changed at first login; shown once in the answer, never stored.
      const { user, initialPassword } = await createUser(tx, actor, {
        username: values.username,
        fullName: values.fullName,
        employeeNo: values.employeeNo ?? null,
        phone: values.phone ?? null,
        email: values.email ?? null,
        orgUnitId: values.orgUnitCode ? units.get(values.orgUnitCode)! : null,
        roleIds: (values.roleCodes ?? []).map((c) => roles.get(c)!),
      });
      shownOnce.push({
        row,
        label: user.username,
        secret: initialPassword,
        notice: { code: 'accountOpening', subjectId: user.id },
      });
    }
    return { shownOnce };
  },
});

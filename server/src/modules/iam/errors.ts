import { defineErrors } from '../../platform/errors.js';

export const IamError = defineErrors({
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong user name or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '密码连续错误次数过多，账号已锁定至 {until}',
    en: 'Too many wrong passwords: the account is locked until {until}',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  WEAK_PASSWORD: {
    status: 400,
    zh: '新密码至少 {min} 位，须同时包含字母和数字，且不能与用户名或当前密码相同',
    en: 'The new password needs at least {min} characters with letters and digits, and must differ from the user name and the current password',
  },
  USER_NOT_FOUND: { status: 404, zh: '找不到该账号', en: 'No such account' },
  ROLE_NOT_FOUND: { status: 404, zh: '找不到角色', en: 'No such role' },
  ORG_UNIT_NOT_FOUND: { status: 404, zh: '找不到该组织机构', en: 'No such organisation unit' },
  USERNAME_TAKEN: { status: 409, zh: '用户名「{username}」已被使用', en: 'The user name "{username}" is taken' },
  EMPLOYEE_NO_TAKEN: {
    status: 409,
    zh: '工号「{employeeNo}」已被使用',
    en: 'The employee number "{employeeNo}" is taken',
  },
  ROLE_CONFLICT: {
    status: 409,
    zh: '角色「{a}」与「{b}」岗位职责互斥，不能授予同一账号',
    en: 'The roles "{a}" and "{b}" are segregated duties and cannot be held by one account',
  },
  CONFLICT_SAME_ROLE: { status: 400, zh: '互斥的两个角色不能相同', en: 'A conflict needs two different roles' },
  CONFLICT_EXISTS: { status: 409, zh: '这两个角色已设为互斥', en: 'These two roles are already in conflict' },
  CONFLICT_NOT_FOUND: { status: 404, zh: '找不到该互斥规则', en: 'No such duty conflict' },
  CANNOT_DISABLE_SELF: { status: 409, zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  REQUEST_NOT_FOUND: { status: 404, zh: '找不到该账号申请', en: 'No such account request' },
  REQUEST_WRONG_STATE: {
    status: 409,
    zh: '该申请当前状态为「{status}」，不能执行此操作',
    en: 'The request is "{status}"; this action is not possible now',
  },
  OWN_REQUEST: {
    status: 403,
    zh: '不能审批或开通自己提交的申请',
    en: 'You cannot approve or provision your own request',
  },
});

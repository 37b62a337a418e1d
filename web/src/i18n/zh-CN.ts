import { zh as accountCasesZh } from './areas/accountCases';
import { zh as adjustmentsZh } from './areas/adjustments';
import { zh as billingZh } from './areas/billing';
import { zh as billingExtrasZh } from './areas/billingExtras';
import { zh as billingNoticesZh } from './areas/billingNotices';
import { zh as calendarZh } from './areas/calendar';
import { zh as cashOfficeZh } from './areas/cashOffice';
import { zh as channelPaymentsZh } from './areas/channelPayments';
import { zh as complaintsZh } from './areas/complaints';
import { zh as customersZh } from './areas/customers';
import { zh as fiscalStockZh } from './areas/fiscalStock';
import { zh as icCardsZh } from './areas/icCards';
import { zh as intakeZh } from './areas/intake';
import { zh as invoicesZh } from './areas/invoices';
import { zh as lateFeesZh } from './areas/lateFees';
import { zh as notifyZh } from './areas/notify';
import { zh as openingZh } from './areas/opening';
import { zh as paymentsZh } from './areas/payments';
import { zh as platformZh } from './areas/platform';
import { zh as printZh } from './areas/print';
import { zh as readingsZh } from './areas/readings';
import { zh as refundsZh } from './areas/refunds';
import { zh as spreadsheetsZh } from './areas/spreadsheets';
import { zh as technicianZh } from './areas/technician';
import { zh as workOrdersZh } from './areas/workOrders';

/** The source dictionary: every key the UI uses, in Simplified Chinese. Areas keep their own files. */
export const zhCN = {
  ...platformZh,
  ...calendarZh,
  ...notifyZh,
  ...printZh,
  ...spreadsheetsZh,
  ...customersZh,
  ...openingZh,
  ...accountCasesZh,
  ...workOrdersZh,
  ...technicianZh,
  ...intakeZh,
  ...complaintsZh,
  ...readingsZh,
  ...billingZh,
  ...billingNoticesZh,
  ...lateFeesZh,
  ...billingExtrasZh,
  ...adjustmentsZh,
  ...paymentsZh,
  ...cashOfficeZh,
  ...fiscalStockZh,
  ...icCardsZh,
  ...invoicesZh,
  ...channelPaymentsZh,
  ...refundsZh,

  'app.name': 'Hearth 燃气客服系统',
  'app.title': 'Hearth 燃气客服系统',
  'app.shortName': 'H',

  'common.actions': '操作',
  'common.cancel': '取消',
  'common.delete': '删除',
  'common.edit': '编辑',
  'common.reset': '重置',
  'common.retry': '重试',
  'common.save': '保存',
  'common.searchUsers': '搜索用户',
  'common.userOption': '{name}（{username}）',
  'common.search': '查询',
  'common.submit': '提交',
  'common.total': '共 {total} 条',

  'error.http': '服务器返回错误（HTTP {status}），请稍后重试',
  'error.network': '无法连接服务器，请检查网络后重试',
  'error.unexpected': '发生意外错误，请刷新页面后重试',
  'error.loadSession': '无法获取登录状态',
  'error.noPermission': '您没有访问此页面的权限',
  'error.notFound': '页面不存在',
  'error.roleConflictTitle': '岗位职责冲突',

  'layout.language': '界面语言',
  'layout.changePassword': '修改密码',
  'layout.logout': '退出登录',

  'menu.home': '首页',
  'menu.system': '系统管理',
  'menu.users': '用户与角色',
  'menu.roles': '角色',
  'menu.roleConflicts': '岗位互斥',
  'menu.org': '组织机构',
  'menu.accountRequests': '账号申请',
  'menu.overdueAccounts': '待停用账号',
  'menu.audit': '审计日志',

  'login.subtitle': '员工登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',

  'password.changeTitle': '修改密码',
  'password.mustChange': '首次登录或密码已被重置，请先修改密码后再继续使用系统。',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.confirm': '确认新密码',
  'password.submit': '确认修改',
  'password.changed': '密码已修改',
  'password.oneTimeTitle': '初始密码（仅显示一次）',
  'password.oneTimeHint': '请将账号 {username} 的初始密码安全地告知本人，首次登录时须修改密码。',
  'password.oneTimeWarning': '关闭此窗口后将无法再次查看该密码。',
  'password.noted': '我已记下',

  'validation.required': '请输入{field}',
  'validation.select': '请选择{field}',
  'validation.usernameLength': '用户名长度为 3–32 个字符',
  'validation.usernameChars': '用户名只能包含字母、数字和 . _ -',
  'validation.phone': '请输入 11 位手机号（以 1 开头）',
  'validation.email': '邮箱格式不正确',
  'validation.passwordMin': '密码至少 {min} 个字符',
  'validation.passwordMismatch': '两次输入的新密码不一致',
  'validation.passwordSameAsCurrent': '新密码不能与当前密码相同',
  'validation.leaveKindRequired': '填写离岗日期时须选择离岗类型',
  'validation.sameRole': '两个角色不能相同',

  'dashboard.welcome': '欢迎，{name}',
  'dashboard.company': '公司',
  'dashboard.orgUnit': '部门/班组',
  'dashboard.roles': '我的角色',
  'dashboard.noRoles': '暂未分配角色',

  'user.username': '用户名',
  'user.fullName': '姓名',
  'user.employeeNo': '工号',
  'user.phone': '手机号',
  'user.email': '邮箱',
  'user.orgUnit': '部门/班组',
  'user.roles': '角色',
  'user.status': '状态',
  'user.lastLoginAt': '最近登录',
  'user.leaveDate': '离岗日期',
  'user.leaveKind': '离岗类型',

  'status.active': '正常',
  'status.disabled': '已停用',
  'status.locked': '已锁定',

  'leaveKind.departure': '离职',
  'leaveKind.transfer': '调岗',

  'users.create': '新建用户',
  'users.createTitle': '新建用户',
  'users.editTitle': '编辑用户 {username}',
  'users.assignRoles': '分配角色',
  'users.assignRolesTitle': '分配角色：{username}',
  'users.searchPlaceholder': '用户名/姓名/工号',
  'users.usernameHint': '3–32 个字符：字母、数字和 . _ -',
  'users.selectOrgUnit': '选择所属机构',
  'users.selectRoles': '选择角色',
  'users.leaveHint': '员工离职或调岗时填写，系统会在到期后提醒停用账号。',
  'users.disable': '停用',
  'users.disableConfirm': '确定停用账号 {username}？',
  'users.disableReason': '停用原因（必填）',
  'users.enable': '启用',
  'users.enableConfirm': '确定启用账号 {username}？',
  'users.unlock': '解锁',
  'users.resetPassword': '重置密码',
  'users.resetPasswordConfirm': '确定重置账号 {username} 的密码？原密码将立即失效。',

  'roles.code': '代码',
  'roles.name': '名称',
  'roles.description': '说明',
  'roles.permissionCount': '权限数',
  'roles.userCount': '用户数',
  'roles.noPermissions': '该角色没有任何权限',

  'module.iam': '用户与权限',
  'module.org': '组织机构',
  'module.audit': '审计',

  'roleConflicts.roleA': '角色A',
  'roleConflicts.roleB': '角色B',
  'roleConflicts.reason': '原因',
  'roleConflicts.add': '新增互斥',
  'roleConflicts.addTitle': '新增岗位互斥',
  'roleConflicts.deleteConfirm': '确定删除「{a}」与「{b}」的互斥规则？',

  'orgKind.department': '部门',
  'orgKind.unit': '中心',
  'orgKind.team': '班组',

  'accountRequests.create': '新建申请',
  'accountRequests.createTitle': '新建账号申请',
  'accountRequests.requestedBy': '申请人',
  'accountRequests.status': '状态',
  'accountRequests.createdAt': '申请时间',
  'accountRequests.reason': '申请事由',

  'overdue.dueDate': '应处理截止日',
  'overdue.overdueWorkingDays': '逾期工作日',

  'audit.range': '时间范围',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.actorIdPlaceholder': '操作人ID',
  'audit.ip': 'IP',
  'audit.action': '操作',
  'audit.entityType': '对象类型',
  'audit.entityId': '对象ID',
  'audit.keyword': '关键字',
  'audit.detailTitle': '审计详情',
  'audit.field': '字段',
  'audit.before': '变更前',
  'audit.after': '变更后',
  'audit.changed': '已变更',
  'audit.noSnapshot': '无数据快照',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof zhCN;

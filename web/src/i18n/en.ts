import { en as accountCasesEn } from './areas/accountCases';
import { en as adjustmentsEn } from './areas/adjustments';
import { en as billingEn } from './areas/billing';
import { en as billingExtrasEn } from './areas/billingExtras';
import { en as billingNoticesEn } from './areas/billingNotices';
import { en as calendarEn } from './areas/calendar';
import { en as cashOfficeEn } from './areas/cashOffice';
import { en as channelPaymentsEn } from './areas/channelPayments';
import { en as complaintsEn } from './areas/complaints';
import { en as customersEn } from './areas/customers';
import { en as fiscalStockEn } from './areas/fiscalStock';
import { en as icCardsEn } from './areas/icCards';
import { en as intakeEn } from './areas/intake';
import { en as invoicesEn } from './areas/invoices';
import { en as lateFeesEn } from './areas/lateFees';
import { en as notifyEn } from './areas/notify';
import { en as openingEn } from './areas/opening';
import { en as paymentsEn } from './areas/payments';
import { en as platformEn } from './areas/platform';
import { en as printEn } from './areas/print';
import { en as readingsEn } from './areas/readings';
import { en as refundsEn } from './areas/refunds';
import { en as spreadsheetsEn } from './areas/spreadsheets';
import { en as technicianEn } from './areas/technician';
import { en as workOrdersEn } from './areas/workOrders';
import type { MessageKey } from './zh-CN';

export const en: Record<MessageKey, string> = {
  ...platformEn,
  ...calendarEn,
  ...notifyEn,
  ...printEn,
  ...spreadsheetsEn,
  ...customersEn,
  ...openingEn,
  ...accountCasesEn,
  ...workOrdersEn,
  ...technicianEn,
  ...intakeEn,
  ...complaintsEn,
  ...readingsEn,
  ...billingEn,
  ...billingNoticesEn,
  ...lateFeesEn,
  ...billingExtrasEn,
  ...adjustmentsEn,
  ...paymentsEn,
  ...cashOfficeEn,
  ...fiscalStockEn,
  ...icCardsEn,
  ...invoicesEn,
  ...channelPaymentsEn,
  ...refundsEn,

  'app.name': 'Hearth Gas CIS',
  'app.title': 'Hearth Gas CIS',
  'app.shortName': 'H',

  'common.actions': 'Actions',
  'common.cancel': 'Cancel',
  'common.delete': 'Delete',
  'common.edit': 'Edit',
  'common.reset': 'Reset',
  'common.retry': 'Retry',
  'common.save': 'Save',
  'common.searchUsers': 'Search users',
  'common.userOption': '{name} ({username})',
  'common.search': 'Search',
  'common.submit': 'Submit',
  'common.total': '{total} in total',

  'error.http': 'The server returned an error (HTTP {status}). Please try again later.',
  'error.network': 'Cannot reach the server. Check the network and try again.',
  'error.unexpected': 'Something went wrong. Reload the page and try again.',
  'error.loadSession': 'Could not load your session',
  'error.noPermission': 'You do not have permission to open this page',
  'error.notFound': 'Page not found',
  'error.roleConflictTitle': 'Segregation of duties conflict',

  'layout.language': 'Language',
  'layout.changePassword': 'Change password',
  'layout.logout': 'Log out',

  'menu.home': 'Home',
  'menu.system': 'System',
  'menu.users': 'Users & roles',
  'menu.roles': 'Roles',
  'menu.roleConflicts': 'Role conflicts',
  'menu.org': 'Organisation',
  'menu.accountRequests': 'Account requests',
  'menu.overdueAccounts': 'Accounts to disable',
  'menu.audit': 'Audit log',

  'login.subtitle': 'Staff sign-in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'login.submit': 'Log in',

  'password.changeTitle': 'Change password',
  'password.mustChange': 'This is your first login or your password was reset. Change it before you continue.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.submit': 'Change password',
  'password.changed': 'Password changed',
  'password.oneTimeTitle': 'Initial password (shown only once)',
  'password.oneTimeHint':
    'Pass the initial password of {username} to its owner securely. It must be changed at first login.',
  'password.oneTimeWarning': 'Once this window is closed the password cannot be shown again.',
  'password.noted': 'I have noted it',

  'validation.required': 'Enter {field}',
  'validation.select': 'Select {field}',
  'validation.usernameLength': 'Username must be 3–32 characters',
  'validation.usernameChars': 'Username may contain only letters, digits and . _ -',
  'validation.phone': 'Enter an 11-digit mobile number starting with 1',
  'validation.email': 'Not a valid email address',
  'validation.passwordMin': 'Password must be at least {min} characters',
  'validation.passwordMismatch': 'The new passwords do not match',
  'validation.passwordSameAsCurrent': 'The new password must differ from the current one',
  'validation.leaveKindRequired': 'Choose the leave type when a leave date is set',
  'validation.sameRole': 'The two roles must be different',

  'dashboard.welcome': 'Welcome, {name}',
  'dashboard.company': 'Company',
  'dashboard.orgUnit': 'Department / team',
  'dashboard.roles': 'My roles',
  'dashboard.noRoles': 'No roles assigned yet',

  'user.username': 'Username',
  'user.fullName': 'Full name',
  'user.employeeNo': 'Employee no.',
  'user.phone': 'Mobile',
  'user.email': 'Email',
  'user.orgUnit': 'Department / team',
  'user.roles': 'Roles',
  'user.status': 'Status',
  'user.lastLoginAt': 'Last login',
  'user.leaveDate': 'Leave date',
  'user.leaveKind': 'Leave type',

  'status.active': 'Active',
  'status.disabled': 'Disabled',
  'status.locked': 'Locked',

  'leaveKind.departure': 'Departure',
  'leaveKind.transfer': 'Transfer',

  'users.create': 'New user',
  'users.createTitle': 'New user',
  'users.editTitle': 'Edit user {username}',
  'users.assignRoles': 'Assign roles',
  'users.assignRolesTitle': 'Assign roles: {username}',
  'users.searchPlaceholder': 'Username / name / employee no.',
  'users.usernameHint': '3–32 characters: letters, digits and . _ -',
  'users.selectOrgUnit': 'Select the department or team',
  'users.selectRoles': 'Select roles',
  'users.leaveHint': 'Set when the employee leaves or transfers; the account is flagged for disabling when due.',
  'users.disable': 'Disable',
  'users.disableConfirm': 'Disable account {username}?',
  'users.disableReason': 'Reason (required)',
  'users.enable': 'Enable',
  'users.enableConfirm': 'Enable account {username}?',
  'users.unlock': 'Unlock',
  'users.resetPassword': 'Reset password',
  'users.resetPasswordConfirm': 'Reset the password of {username}? The old password stops working at once.',

  'roles.code': 'Code',
  'roles.name': 'Name',
  'roles.description': 'Description',
  'roles.permissionCount': 'Permissions',
  'roles.userCount': 'Users',
  'roles.noPermissions': 'This role has no permissions',

  'module.iam': 'Users & access',
  'module.org': 'Organisation',
  'module.audit': 'Audit',

  'roleConflicts.roleA': 'Role A',
  'roleConflicts.roleB': 'Role B',
  'roleConflicts.reason': 'Reason',
  'roleConflicts.add': 'Add conflict',
  'roleConflicts.addTitle': 'Add role conflict',
  'roleConflicts.deleteConfirm': 'Delete the conflict between "{a}" and "{b}"?',

  'orgKind.department': 'Department',
  'orgKind.unit': 'Centre',
  'orgKind.team': 'Team',

  'accountRequests.create': 'New request',
  'accountRequests.createTitle': 'New account request',
  'accountRequests.requestedBy': 'Requested by',
  'accountRequests.status': 'Status',
  'accountRequests.createdAt': 'Requested at',
  'accountRequests.reason': 'Reason',

  'overdue.dueDate': 'Due date',
  'overdue.overdueWorkingDays': 'Working days overdue',

  'audit.range': 'Time range',
  'audit.at': 'Time',
  'audit.actor': 'Actor',
  'audit.actorIdPlaceholder': 'Actor ID',
  'audit.ip': 'IP',
  'audit.action': 'Action',
  'audit.entityType': 'Entity type',
  'audit.entityId': 'Entity ID',
  'audit.keyword': 'Keyword',
  'audit.detailTitle': 'Audit entry',
  'audit.field': 'Field',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.changed': 'changed',
  'audit.noSnapshot': 'No data snapshot',
};

import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { MessageKey } from './i18n/translate';

export interface PageDef {
  path: string;
  labelKey: MessageKey;
  /** Shown (and reachable) when the user holds any of these; empty means everyone. */
  anyOf: string[];
  Component: LazyExoticComponent<ComponentType>;
}

export interface ModuleDef {
  key: string;
  labelKey: MessageKey;
  pages: PageDef[];
}

function lazyNamed<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

export const homePage: PageDef = {
  path: '/',
  labelKey: 'menu.home',
  anyOf: [],
  Component: lazyNamed(() => import('./pages/dashboard/DashboardPage'), 'DashboardPage'),
};

export const changePasswordPage: PageDef = {
  path: '/change-password',
  labelKey: 'password.changeTitle',
  anyOf: [],
  Component: lazyNamed(() => import('./pages/account/ChangePasswordPage'), 'ChangePasswordPage'),
};

export const modules: ModuleDef[] = [
  {
    key: 'system',
    labelKey: 'menu.system',
    pages: [
      {
        path: '/system/users',
        labelKey: 'menu.users',
        anyOf: ['iam.user.read'],
        Component: lazyNamed(() => import('./pages/system/users/UsersPage'), 'UsersPage'),
      },
      {
        path: '/system/roles',
        labelKey: 'menu.roles',
        anyOf: ['iam.role.read'],
        Component: lazyNamed(() => import('./pages/system/roles/RolesPage'), 'RolesPage'),
      },
      {
        path: '/system/role-conflicts',
        labelKey: 'menu.roleConflicts',
        anyOf: ['iam.role.read'],
        Component: lazyNamed(() => import('./pages/system/role-conflicts/RoleConflictsPage'), 'RoleConflictsPage'),
      },
      {
        path: '/system/org',
        labelKey: 'menu.org',
        anyOf: ['org.read'],
        Component: lazyNamed(() => import('./pages/system/org/OrgPage'), 'OrgPage'),
      },
      {
        path: '/system/account-requests',
        labelKey: 'menu.accountRequests',
        anyOf: ['iam.accountRequest.create', 'iam.accountRequest.approve', 'iam.accountRequest.provision'],
        Component: lazyNamed(
          () => import('./pages/system/account-requests/AccountRequestsPage'),
          'AccountRequestsPage',
        ),
      },
      {
        path: '/system/overdue-accounts',
        labelKey: 'menu.overdueAccounts',
        anyOf: ['iam.user.read'],
        Component: lazyNamed(
          () => import('./pages/system/overdue-accounts/OverdueAccountsPage'),
          'OverdueAccountsPage',
        ),
      },
      {
        path: '/system/audit',
        labelKey: 'menu.audit',
        anyOf: ['audit.read'],
        Component: lazyNamed(() => import('./pages/system/audit/AuditPage'), 'AuditPage'),
      },
    ],
  },
];

import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { MessageKey } from './i18n/translate';

export interface PageDef {
  path: string;
  labelKey: MessageKey;
  /** Shown (and reachable) when the user holds any of these; empty means everyone. */
  anyOf: string[];
  /** Reachable but not listed in the menu (detail pages opened from links, e.g. `/approvals/:id`). */
  hidden?: boolean;
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
    key: 'customers',
    labelKey: 'menu.customers',
    pages: [
      {
        path: '/customers/search',
        labelKey: 'menu.customerSearch',
        anyOf: ['customer.read'],
        Component: lazyNamed(() => import('./pages/customers/AccountSearchPage'), 'AccountSearchPage'),
      },
      {
        path: '/customers/accounts',
        labelKey: 'menu.customerAccounts',
        anyOf: ['customer.read'],
        Component: lazyNamed(() => import('./pages/customers/AccountsPage'), 'AccountsPage'),
      },
      {
        path: '/customers/accounts/:id',
        labelKey: 'menu.accountView',
        anyOf: ['customer.read'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/customers/AccountViewPage'), 'AccountViewPage'),
      },
      {
        path: '/customers/intake-register',
        labelKey: 'menu.intakeRegister',
        anyOf: ['contact.read'],
        Component: lazyNamed(() => import('./pages/customers/IntakeRegisterPage'), 'IntakeRegisterPage'),
      },
      {
        path: '/customers/opening/new',
        labelKey: 'menu.accountOpening',
        anyOf: ['customer.open'],
        Component: lazyNamed(() => import('./pages/customers/opening/OpeningPage'), 'OpeningPage'),
      },
      {
        path: '/customers/applications',
        labelKey: 'menu.serviceApplications',
        anyOf: ['customer.read', 'customer.open'],
        Component: lazyNamed(() => import('./pages/customers/opening/ApplicationsPage'), 'ApplicationsPage'),
      },
      {
        path: '/customers/cases',
        labelKey: 'menu.accountCases',
        anyOf: ['customer.case', 'customer.read'],
        Component: lazyNamed(() => import('./pages/customers/flows/CaseRegisterPage'), 'CaseRegisterPage'),
      },
      {
        path: '/customers/cases/:id',
        labelKey: 'menu.accountCaseDetail',
        anyOf: ['customer.case', 'customer.read'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/customers/flows/CaseDetailPage'), 'CaseDetailPage'),
      },
    ],
  },
  {
    // SVC / CMP: intake, work orders, dispatch, the technician's phone view, complaints, callbacks, outages.
    key: 'service',
    labelKey: 'menu.service',
    pages: [
      // intake and outages
      {
        path: '/service/intake',
        labelKey: 'menu.intake',
        anyOf: ['contact.record'],
        Component: lazyNamed(() => import('./pages/service/intake/IntakePage'), 'IntakePage'),
      },
      {
        path: '/service/my-contacts',
        labelKey: 'menu.myContacts',
        anyOf: ['workorder.create', 'workorder.read'],
        Component: lazyNamed(() => import('./pages/service/contacts/MyContactsPage'), 'MyContactsPage'),
      },
      {
        path: '/service/outages',
        labelKey: 'menu.outages',
        anyOf: ['outage.read', 'outage.manage'],
        Component: lazyNamed(() => import('./pages/service/outages/OutagesPage'), 'OutagesPage'),
      },
      // work orders, dispatch board, reports
      {
        path: '/service/board',
        labelKey: 'menu.dispatchBoard',
        anyOf: ['workorder.dispatch'],
        Component: lazyNamed(() => import('./pages/service/orders/DispatchBoardPage'), 'DispatchBoardPage'),
      },
      {
        path: '/service/orders',
        labelKey: 'menu.workOrders',
        anyOf: ['workorder.read', 'workorder.dispatch', 'workorder.create', 'workorder.work'],
        Component: lazyNamed(() => import('./pages/service/orders/OrderRegisterPage'), 'OrderRegisterPage'),
      },
      {
        path: '/service/orders/:id',
        labelKey: 'menu.workOrderDetail',
        anyOf: ['workorder.read', 'workorder.dispatch', 'workorder.create', 'workorder.work'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/service/orders/OrderDetailPage'), 'OrderDetailPage'),
      },
      {
        path: '/service/escalations',
        labelKey: 'menu.escalations',
        anyOf: ['workorder.dispatch', 'workorder.read'],
        Component: lazyNamed(() => import('./pages/service/orders/EscalationsPage'), 'EscalationsPage'),
      },
      {
        path: '/service/compliance',
        labelKey: 'menu.compliance',
        anyOf: ['workorder.dispatch', 'workorder.read'],
        Component: lazyNamed(() => import('./pages/service/orders/CompliancePage'), 'CompliancePage'),
      },
      {
        path: '/service/types',
        labelKey: 'menu.workOrderTypes',
        anyOf: ['workorder.read', 'workorder.dispatch', 'workorder.create', 'workorder.work'],
        Component: lazyNamed(() => import('./pages/service/orders/TypesPage'), 'TypesPage'),
      },
      // technician
      {
        path: '/service/my-orders',
        labelKey: 'menu.myOrders',
        anyOf: ['workorder.work'],
        Component: lazyNamed(() => import('./pages/service/technician/MyOrdersPage'), 'MyOrdersPage'),
      },
      {
        path: '/service/my-orders/:id',
        labelKey: 'menu.myOrder',
        anyOf: ['workorder.work', 'workorder.dispatch'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/service/technician/TechOrderPage'), 'TechOrderPage'),
      },
      {
        path: '/service/no-access',
        labelKey: 'menu.noAccessReport',
        anyOf: ['workorder.dispatch', 'workorder.read'],
        Component: lazyNamed(() => import('./pages/service/technician/NoAccessReportPage'), 'NoAccessReportPage'),
      },
      // complaints and callbacks
      {
        path: '/service/complaints',
        labelKey: 'menu.complaints',
        anyOf: ['complaint.read', 'complaint.create', 'complaint.handle'],
        Component: lazyNamed(() => import('./pages/service/complaints/ComplaintsPage'), 'ComplaintsPage'),
      },
      {
        path: '/service/complaints/new',
        labelKey: 'menu.complaintNew',
        anyOf: ['complaint.create'],
        Component: lazyNamed(() => import('./pages/service/complaints/NewComplaintPage'), 'NewComplaintPage'),
      },
      {
        path: '/service/complaints/:id',
        labelKey: 'menu.complaintDetail',
        anyOf: ['complaint.read', 'complaint.create', 'complaint.handle'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/service/complaints/ComplaintDetailPage'), 'ComplaintDetailPage'),
      },
      {
        path: '/service/callbacks',
        labelKey: 'menu.callbacks',
        anyOf: ['callback.work', 'complaint.read'],
        Component: lazyNamed(() => import('./pages/service/callbacks/CallbacksPage'), 'CallbacksPage'),
      },
    ],
  },
  {
    // Issue 6: meter reading and billing. Each screen's entry goes in its slice's place below.
    key: 'billing',
    labelKey: 'menu.billing',
    pages: [
      // readings: books, plans, upload, review queue
      {
        path: '/billing/reading-books',
        labelKey: 'menu.readingBooks',
        anyOf: ['reading.read'],
        Component: lazyNamed(() => import('./pages/billing/readings/BooksPage'), 'BooksPage'),
      },
      {
        path: '/billing/reading-books/:id',
        labelKey: 'menu.readingBookDetail',
        anyOf: ['reading.read'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/billing/readings/BookDetailPage'), 'BookDetailPage'),
      },
      {
        path: '/billing/reading-plans',
        labelKey: 'menu.readingPlans',
        anyOf: ['reading.read'],
        Component: lazyNamed(() => import('./pages/billing/readings/PlansPage'), 'PlansPage'),
      },
      {
        path: '/billing/reading-upload',
        labelKey: 'menu.readingUpload',
        anyOf: ['reading.upload'],
        Component: lazyNamed(() => import('./pages/billing/readings/UploadPage'), 'UploadPage'),
      },
      {
        path: '/billing/reading-review',
        labelKey: 'menu.readingReview',
        anyOf: ['reading.review', 'reading.read'],
        Component: lazyNamed(() => import('./pages/billing/readings/ReviewPage'), 'ReviewPage'),
      },
      // billing: tariffs, runs, bills
      {
        path: '/billing/tariffs',
        labelKey: 'menu.tariffs',
        anyOf: ['billing.read', 'billing.tariff.manage', 'billing.run'],
        Component: lazyNamed(() => import('./pages/billing/tariffs/TariffsPage'), 'TariffsPage'),
      },
      {
        path: '/billing/runs',
        labelKey: 'menu.billingRuns',
        anyOf: ['billing.read', 'billing.tariff.manage', 'billing.run'],
        Component: lazyNamed(() => import('./pages/billing/runs/RunsPage'), 'RunsPage'),
      },
      {
        path: '/billing/bills',
        labelKey: 'menu.bills',
        anyOf: ['billing.read', 'billing.tariff.manage', 'billing.run'],
        Component: lazyNamed(() => import('./pages/billing/bills/BillsPage'), 'BillsPage'),
      },
      {
        path: '/billing/bills/:id',
        labelKey: 'menu.billDetail',
        anyOf: ['billing.read', 'billing.tariff.manage', 'billing.run'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/billing/bills/BillDetailPage'), 'BillDetailPage'),
      },
      // notices: payment / area / C&I reading notices, batch print, MTR-9 report
      {
        path: '/billing/notices',
        labelKey: 'menu.billingNotices',
        anyOf: ['billing.notice.print'],
        Component: lazyNamed(() => import('./pages/billing/notices/NoticesPage'), 'NoticesPage'),
      },
      {
        path: '/billing/reports/ci-usage',
        labelKey: 'menu.ciUsageReport',
        anyOf: ['billing.read', 'billing.tariff.manage', 'billing.run'],
        Component: lazyNamed(() => import('./pages/billing/reports/CiUsagePage'), 'CiUsagePage'),
      },
      // late fees and waivers
      {
        path: '/billing/late-fee-waivers',
        labelKey: 'menu.lateFeeWaivers',
        anyOf: ['lateFee.read'],
        Component: lazyNamed(() => import('./pages/billing/late-fees/WaiversPage'), 'WaiversPage'),
      },
      {
        path: '/billing/late-fee-waivers/report',
        labelKey: 'menu.lateFeeWaiverReport',
        anyOf: ['lateFee.read'],
        Component: lazyNamed(() => import('./pages/billing/late-fees/WaiverReportPage'), 'WaiverReportPage'),
      },
      // broken meters (MTR-5) and the C&I price adjustment (BIL-1 调价补差)
      {
        path: '/billing/meter-faults',
        labelKey: 'menu.meterFaults',
        anyOf: ['reading.read', 'reading.meterFault.manage', 'billing.read'],
        Component: lazyNamed(() => import('./pages/billing/broken-meters/MeterFaultsPage'), 'MeterFaultsPage'),
      },
      {
        path: '/billing/price-adjustments',
        labelKey: 'menu.priceAdjustments',
        anyOf: ['billing.read', 'billing.priceAdjustment.run'],
        Component: lazyNamed(
          () => import('./pages/billing/price-adjustments/PriceAdjustmentsPage'),
          'PriceAdjustmentsPage',
        ),
      },
      // adjustments, meter-fault summary, IC-meter checks (MTR-6/7)
      {
        path: '/billing/adjustments',
        labelKey: 'menu.adjustments',
        anyOf: ['adjustment.read', 'adjustment.apply', 'adjustment.archive'],
        Component: lazyNamed(() => import('./pages/billing/adjustments/AdjustmentsPage'), 'AdjustmentsPage'),
      },
      {
        path: '/billing/adjustments/:id',
        labelKey: 'menu.adjustmentDetail',
        anyOf: ['adjustment.read', 'adjustment.apply', 'adjustment.archive'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/billing/adjustments/AdjustmentDetailPage'), 'AdjustmentDetailPage'),
      },
      {
        path: '/billing/meter-fault-summaries',
        labelKey: 'menu.meterFaultSummaries',
        anyOf: ['adjustment.read', 'adjustment.archive'],
        Component: lazyNamed(
          () => import('./pages/billing/adjustments/MeterFaultSummariesPage'),
          'MeterFaultSummariesPage',
        ),
      },
      {
        path: '/billing/meter-checks',
        labelKey: 'menu.meterChecks',
        anyOf: ['meterCheck.read', 'meterCheck.record'],
        Component: lazyNamed(() => import('./pages/billing/adjustments/MeterChecksPage'), 'MeterChecksPage'),
      },
    ],
  },
  {
    // Issue 7: payments, cash desk, fiscal documents, IC cards. Each screen's entry goes in its slice's place.
    key: 'payments',
    labelKey: 'menu.payments',
    pages: [
      // cash desk and payments
      {
        path: '/payments/desk',
        labelKey: 'menu.cashDesk',
        anyOf: ['payment.collect'],
        Component: lazyNamed(() => import('./pages/payments/desk/DeskPage'), 'DeskPage'),
      },
      // daily close (日清日结), safe, collectors' hand-overs
      {
        path: '/payments/close/mine',
        labelKey: 'menu.cashMyShift',
        anyOf: ['cash.shift.own'],
        Component: lazyNamed(() => import('./pages/payments/close/MyShiftPage'), 'MyShiftPage'),
      },
      {
        path: '/payments/close/review',
        labelKey: 'menu.cashCloseReview',
        anyOf: ['cash.close.review', 'cash.report.read'],
        Component: lazyNamed(() => import('./pages/payments/close/CloseReviewPage'), 'CloseReviewPage'),
      },
      {
        path: '/payments/close/centre-report',
        labelKey: 'menu.cashCentreReport',
        anyOf: ['cash.report.read', 'cash.close.review'],
        Component: lazyNamed(() => import('./pages/payments/close/CentreReportPage'), 'CentreReportPage'),
      },
      {
        path: '/payments/close/handovers',
        labelKey: 'menu.cashHandovers',
        anyOf: ['cash.collect.door', 'cash.shift.own', 'cash.report.read'],
        Component: lazyNamed(() => import('./pages/payments/close/HandoversPage'), 'HandoversPage'),
      },
      // fiscal documents: receipt books and invoice stock
      {
        path: '/payments/fiscal-stock',
        labelKey: 'menu.fiscalStock',
        anyOf: ['fiscal.stock.manage', 'fiscal.stock.read'],
        Component: lazyNamed(() => import('./pages/payments/fiscal-stock/FiscalStockPage'), 'FiscalStockPage'),
      },
      {
        path: '/payments/my-fiscal-stock',
        labelKey: 'menu.myFiscalStock',
        anyOf: ['fiscal.stock.use'],
        Component: lazyNamed(() => import('./pages/payments/fiscal-stock/MyStockPage'), 'MyStockPage'),
      },
      {
        path: '/payments/fiscal-count-reports',
        labelKey: 'menu.fiscalCountReports',
        anyOf: ['fiscal.stock.manage', 'fiscal.stock.read'],
        Component: lazyNamed(() => import('./pages/payments/fiscal-stock/CountReportsPage'), 'CountReportsPage'),
      },
      // invoices (PAY-6); the public e-invoice page (/e-invoice/:token) is in AppRoutes, outside the console
      {
        path: '/payments/invoices/issue',
        labelKey: 'menu.issueInvoice',
        anyOf: ['invoice.issue'],
        Component: lazyNamed(() => import('./pages/payments/invoices/IssueInvoicePage'), 'IssueInvoicePage'),
      },
      {
        path: '/payments/invoices',
        labelKey: 'menu.invoices',
        anyOf: ['invoice.read', 'invoice.issue', 'invoice.void'],
        Component: lazyNamed(() => import('./pages/payments/invoices/InvoicesPage'), 'InvoicesPage'),
      },
      // IC cards: purchases, replenishments, card management, the device simulator (ICC-1..3)
      {
        path: '/payments/ic/purchase',
        labelKey: 'menu.icPurchase',
        anyOf: ['ic.card.sell'],
        Component: lazyNamed(() => import('./pages/payments/ic-cards/IcPurchasePage'), 'IcPurchasePage'),
      },
      {
        path: '/payments/ic/replenishments',
        labelKey: 'menu.icReplenishments',
        anyOf: ['ic.replenishment.request', 'ic.read'],
        Component: lazyNamed(() => import('./pages/payments/ic-cards/ReplenishmentsPage'), 'ReplenishmentsPage'),
      },
      {
        path: '/payments/ic/cards',
        labelKey: 'menu.icCards',
        anyOf: ['ic.card.manage', 'ic.read'],
        Component: lazyNamed(() => import('./pages/payments/ic-cards/CardsPage'), 'CardsPage'),
      },
      {
        path: '/payments/ic/simulator',
        labelKey: 'menu.icSimulator',
        anyOf: ['ic.card.sell', 'ic.card.manage'],
        Component: lazyNamed(() => import('./pages/payments/ic-cards/SimulatorPage'), 'SimulatorPage'),
      },
      // channel payments: online pay orders and bank batch debit
      {
        path: '/payments/online-orders',
        labelKey: 'menu.onlineOrders',
        anyOf: ['payment.channel.manage', 'payment.channel.read'],
        Component: lazyNamed(() => import('./pages/payments/channels/OnlineOrdersPage'), 'OnlineOrdersPage'),
      },
      {
        path: '/payments/bank-debit',
        labelKey: 'menu.bankDebit',
        anyOf: ['payment.channel.manage', 'payment.channel.read'],
        Component: lazyNamed(() => import('./pages/payments/channels/BankDebitPage'), 'BankDebitPage'),
      },
      // refunds and deposits (PAY-7/PAY-8)
      {
        path: '/payments/refunds',
        labelKey: 'menu.refunds',
        anyOf: ['refund.read', 'refund.request'],
        Component: lazyNamed(() => import('./pages/payments/refunds/RefundsPage'), 'RefundsPage'),
      },
      {
        path: '/payments/refunds/:id',
        labelKey: 'menu.refundDetail',
        anyOf: ['refund.read', 'refund.request'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/payments/refunds/RefundDetailPage'), 'RefundDetailPage'),
      },
      {
        path: '/payments/deposits',
        labelKey: 'menu.deposits',
        anyOf: ['deposit.read', 'deposit.manage'],
        Component: lazyNamed(() => import('./pages/payments/deposits/DepositsPage'), 'DepositsPage'),
      },
    ],
  },
  {
    key: 'approvals',
    labelKey: 'menu.approvals',
    pages: [
      {
        path: '/approvals/inbox',
        labelKey: 'menu.approvalInbox',
        anyOf: ['approvals.read'],
        Component: lazyNamed(() => import('./pages/approvals/ApprovalInboxPage'), 'ApprovalInboxPage'),
      },
      {
        path: '/approvals/mine',
        labelKey: 'menu.approvalMine',
        anyOf: ['approvals.read'],
        Component: lazyNamed(() => import('./pages/approvals/MyApprovalsPage'), 'MyApprovalsPage'),
      },
      {
        path: '/approvals/register',
        labelKey: 'menu.approvalRegister',
        anyOf: ['approvals.register'],
        Component: lazyNamed(() => import('./pages/approvals/ApprovalRegisterPage'), 'ApprovalRegisterPage'),
      },
      {
        path: '/approvals/report',
        labelKey: 'menu.approvalReport',
        anyOf: ['approvals.register'],
        Component: lazyNamed(() => import('./pages/approvals/ApprovalReportPage'), 'ApprovalReportPage'),
      },
      {
        path: '/approvals/:id',
        labelKey: 'menu.approvalDetail',
        anyOf: ['approvals.read'],
        hidden: true,
        Component: lazyNamed(() => import('./pages/approvals/ApprovalDetailPage'), 'ApprovalDetailPage'),
      },
    ],
  },
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
        anyOf: ['iam.accountRequest.create', 'approvals.register'],
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
        path: '/system/calendar',
        labelKey: 'menu.calendar',
        anyOf: ['calendar.read'],
        Component: lazyNamed(() => import('./pages/system/calendar/CalendarPage'), 'CalendarPage'),
      },
      {
        path: '/system/messages',
        labelKey: 'menu.messages',
        anyOf: ['notify.read'],
        Component: lazyNamed(() => import('./pages/system/messages/MessagesPage'), 'MessagesPage'),
      },
      {
        path: '/system/message-templates',
        labelKey: 'menu.messageTemplates',
        anyOf: ['notify.read'],
        Component: lazyNamed(
          () => import('./pages/system/message-templates/MessageTemplatesPage'),
          'MessageTemplatesPage',
        ),
      },
      {
        path: '/system/audit',
        labelKey: 'menu.audit',
        anyOf: ['audit.read'],
        Component: lazyNamed(() => import('./pages/system/audit/AuditPage'), 'AuditPage'),
      },
      {
        path: '/system/imports',
        labelKey: 'menu.imports',
        // Each import has its own permission; staff accounts are the first.
        anyOf: ['iam.user.manage'],
        Component: lazyNamed(() => import('./pages/system/imports/ImportsPage'), 'ImportsPage'),
      },
      {
        path: '/system/print',
        labelKey: 'menu.print',
        anyOf: ['print.use'],
        Component: lazyNamed(() => import('./pages/system/print/PrintPage'), 'PrintPage'),
      },
      {
        path: '/system/policy',
        labelKey: 'menu.policy',
        anyOf: ['policy.read'],
        Component: lazyNamed(() => import('./pages/system/policy/PolicyPage'), 'PolicyPage'),
      },
      {
        path: '/system/jobs',
        labelKey: 'menu.jobs',
        anyOf: ['platform.jobs.read'],
        Component: lazyNamed(() => import('./pages/system/jobs/JobsPage'), 'JobsPage'),
      },
    ],
  },
];

/**
 * CUS-3: the 360° view of an account — everything a clerk needs at the counter in one answer.
 * Personal data is masked (IAM-5); opening the view is recorded in the audit log.
 */
import type { Queryable } from '../../db/types.js';
import { listRequests } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, Principal } from '../../platform/context.js';
import { listMessages } from '../../platform/notify/messages-service.js';
import { recentContacts } from '../contacts/service.js';
import { accountBalance } from '../ledger/service.js';
import { openApplicationsOfAccount } from '../openings/repo.js';
import { type ChangePayload, historyDto, requestChangesDto } from './changes.js';
import * as changesRepo from './changes-repo.js';
import { CustomerError } from './errors.js';
import { mask } from './fields.js';
import * as repo from './repo.js';

const RECENT = 20;

async function requireProfile(db: Queryable, companyId: string, accountId: string) {
  const profile = await repo.findAccountProfile(db, companyId, accountId);
  if (!profile) throw CustomerError('ACCOUNT_NOT_FOUND');
  return profile;
}

/** The SMS and WeChat messages sent about the account or to its customer's numbers, newest first. */
async function noticesOf(db: Queryable, companyId: string, profile: repo.AccountProfileRow) {
  const base = { page: 1, pageSize: RECENT, order: 'desc' as const };
  const refs = [profile.account.accountNo, profile.account.id];
  const recipients = [profile.customer.mobile, profile.account.smsMobile].filter((x): x is string => !!x);
  const pages = await Promise.all([
    ...refs.map((customerRef) => listMessages(db, companyId, { ...base, customerRef })),
    ...[...new Set(recipients)].map((recipient) => listMessages(db, companyId, { ...base, recipient })),
  ]);
  const byId = new Map(pages.flatMap((p) => p.items).map((m) => [m.id, m]));
  return [...byId.values()]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, RECENT)
    .map((m) => ({
      id: m.id,
      channel: m.channel,
      templateCode: m.templateCode,
      recipient: m.channel === 'sms' ? mask(m.recipient) : m.recipient,
      rendered: m.rendered,
      status: m.status,
      createdAt: m.createdAt,
    }));
}

async function changeRequestsOf(db: Queryable, companyId: string, accountId: string) {
  const page = await listRequests(db, companyId, {
    page: 1,
    pageSize: RECENT,
    order: 'desc',
    kind: 'customerDataChange',
    subjectType: 'account',
    subjectId: accountId,
  });
  return page.items.map((r) => ({
    id: r.id,
    no: r.no,
    status: r.status,
    reason: r.reason,
    requestedByName: r.requestedBy.fullName ?? null,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    changes: requestChangesDto(r.payload as ChangePayload),
  }));
}

export async function accountOverview(db: Queryable, actor: Actor, principal: Principal, accountId: string) {
  const companyId = actor.companyId;
  const profile = await requireProfile(db, companyId, accountId);
  const [meters, meterEvents, contracts, appliances, invoiceDetails, deposits, balance, natureKind] = await Promise.all(
    [
      repo.metersOfAccount(db, companyId, accountId),
      repo.meterEventsOfAccount(db, companyId, accountId),
      repo.contractsOfAccount(db, companyId, accountId),
      repo.appliancesOfAccount(db, companyId, accountId),
      repo.invoiceDetailsOf(db, companyId, accountId),
      repo.depositsOfAccount(db, companyId, accountId),
      accountBalance(db, companyId, accountId),
      repo.usageNatureKind(db, companyId, profile.account.usageNature),
    ],
  );
  const [notices, contacts, history, changeRequests] = await Promise.all([
    noticesOf(db, companyId, profile),
    principal.permissions.has('contact.read') ? recentContacts(db, companyId, accountId, RECENT) : null,
    changesRepo.listHistory(
      db,
      companyId,
      { accountId, customerId: profile.customer.id, premiseId: profile.premise.id },
      { page: 1, pageSize: RECENT },
    ),
    changeRequestsOf(db, companyId, accountId),
  ]);

  // IAM-5: who looked at whose personal data, one row per view.
  await recordAudit(db, actor, {
    action: 'customer.view',
    entityType: 'account',
    entityId: accountId,
    after: { accountNo: profile.account.accountNo },
  });

  return {
    account: {
      ...profile.account,
      bankAccountNo: mask(profile.account.bankAccountNo),
      smsMobile: mask(profile.account.smsMobile),
      natureCustomerKind: natureKind ?? profile.customer.kind,
    },
    customer: {
      ...profile.customer,
      idNo: mask(profile.customer.idNo),
      mobile: mask(profile.customer.mobile),
      phone: mask(profile.customer.phone),
    },
    premise: profile.premise,
    meter: profile.meter,
    meters,
    meterEvents,
    contracts,
    appliances,
    invoiceDetails,
    deposits,
    balance: { balance: balance.balance, arrears: balance.arrears, arrearsByPeriod: balance.arrearsByPeriod },
    // Bills and payments arrive with the billing module; until then the view says so rather than show nothing.
    billing: { available: false as const },
    // Open work: the service applications of account opening not yet done (work orders join them later).
    serviceApplications: await openApplicationsOfAccount(db, actor.companyId, accountId),
    notices,
    contacts: contacts ?? { items: [], total: 0 },
    canReadContacts: contacts !== null,
    changes: { items: history.rows.map(historyDto), total: history.total },
    changeRequests,
    canReveal: principal.permissions.has('customer.reveal'),
    canEdit: principal.permissions.has('customer.manage'),
  };
}

/** IAM-5: the whole ID number and phones, for a holder of customer.reveal; each reveal is audited. */
export async function revealPersonalData(db: Queryable, actor: Actor, accountId: string) {
  const profile = await requireProfile(db, actor.companyId, accountId);
  const revealed = {
    idNo: profile.customer.idNo,
    mobile: profile.customer.mobile,
    phone: profile.customer.phone,
    smsMobile: profile.account.smsMobile,
    bankAccountNo: profile.account.bankAccountNo,
  };
  await recordAudit(db, actor, {
    action: 'customer.reveal',
    entityType: 'account',
    entityId: accountId,
    after: {
      accountNo: profile.account.accountNo,
      fields: Object.keys(revealed).filter((k) => revealed[k as keyof typeof revealed]),
    },
  });
  return revealed;
}

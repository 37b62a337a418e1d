import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import type { Text } from '../../platform/errors.js';
import { policyValue } from '../../platform/policy/policy.js';
import { mask } from '../customers/fields.js';
import { getAccountProfile } from '../customers/service.js';
import { requireUser } from '../iam/users-service.js';
import { listOrgUnits, type OrgUnitRow, requireOrgUnit } from '../org/service.js';
import { ContactError } from './errors.js';
import * as repo from './repo.js';
import type { ContactListQuery, NewContact } from './schemas.js';

/** A clock a few minutes ahead of the server's is not "the future". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface Category {
  code: string;
  zh: string;
  en: string;
}

/** SVC-2: the categories in force today, from the company's policy. */
export function contactCategories(db: Queryable, companyId: string): Promise<Category[]> {
  return policyValue(db, companyId, 'svc.contactCategories', businessToday());
}

/** The hall or centre a person works in: the nearest unit at or above their team. */
function unitOf(units: OrgUnitRow[], orgUnitId: string | null): string | null {
  const byId = new Map(units.map((u) => [u.id, u]));
  let at = orgUnitId ? byId.get(orgUnitId) : undefined;
  while (at && at.kind === 'team' && at.parentId) at = byId.get(at.parentId);
  return at?.id ?? orgUnitId;
}

function descendantsOf(units: OrgUnitRow[], id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const u of units) if (u.parentId === out[i]) out.push(u.id);
  return out;
}

type ContactDto = ReturnType<typeof toDto>;

function toDto(c: repo.ContactRow, categories: Category[], units: Map<string, string>, whole = false) {
  const category = categories.find((x) => x.code === c.category);
  const categoryName: Text = category ? { zh: category.zh, en: category.en } : { zh: c.category, en: c.category };
  return {
    id: c.id,
    contactedAt: new Date(c.contactedAt).toISOString(),
    channel: c.channel,
    category: c.category,
    categoryName,
    accountId: c.accountId,
    accountNo: c.accountNo,
    name: c.customerName ?? c.callerName,
    callerName: c.callerName,
    address: c.address,
    phone: whole ? c.phone : mask(c.phone),
    summary: c.summary,
    takenBy: c.takenBy,
    takenByName: c.takenByName,
    orgUnitId: c.orgUnitId,
    orgUnitName: c.orgUnitId ? (units.get(c.orgUnitId) ?? null) : null,
  };
}

/**
 * SVC-1: records a visit, call or other contact. With an account, its number, name, address and
 * phone are written into the register as they are now; without one, the caller's name or phone.
 */
export async function recordContact(tx: Tx, actor: Actor, input: NewContact): Promise<ContactDto> {
  const categories = await contactCategories(tx, actor.companyId);
  if (!categories.some((c) => c.code === input.category)) {
    throw ContactError('UNKNOWN_CATEGORY', { field: 'category', vars: { category: input.category } });
  }
  if (input.contactedAt && new Date(input.contactedAt).getTime() > Date.now() + CLOCK_SKEW_MS) {
    throw ContactError('IN_FUTURE', { field: 'contactedAt' });
  }
  let account: Awaited<ReturnType<typeof getAccountProfile>> | null = null;
  if (input.accountId) {
    account = await getAccountProfile(tx, actor.companyId, input.accountId, 'accountId');
  } else if (!input.callerName && !input.phone) {
    throw ContactError('WHO_REQUIRED', { field: 'callerName' });
  }
  const units = await listOrgUnits(tx, actor.companyId);
  const taker = await requireUser(tx, actor.companyId, actor.userId!);
  const orgUnitId = input.orgUnitId
    ? (await requireOrgUnit(tx, actor.companyId, input.orgUnitId)).id
    : unitOf(units, taker.orgUnitId);

  const row = {
    channel: input.channel,
    category: input.category,
    accountId: account?.account.id ?? null,
    accountNo: account?.account.accountNo ?? null,
    customerName: account?.customer.name ?? null,
    callerName: input.callerName || null,
    address: account?.premise.fullAddress ?? null,
    phone: input.phone || account?.customer.mobile || account?.customer.phone || null,
    summary: input.summary,
    takenBy: taker.id,
    takenByName: taker.fullName,
    orgUnitId,
    contactedAt: input.contactedAt ?? null,
  };
  const id = await repo.insertContact(tx, actor.companyId, row);
  const created = (await repo.findContact(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: 'contact.record',
    entityType: 'contact',
    entityId: id,
    after: { ...row, contactedAt: created.contactedAt },
  });
  return toDto(created, categories, new Map(units.map((u) => [u.id, u.name])));
}

/** The contact log and intake register, a page at a time; phones are masked unless `whole` (the export). */
export async function listContacts(db: Queryable, companyId: string, q: ContactListQuery, whole = false) {
  const [categories, units] = await Promise.all([contactCategories(db, companyId), listOrgUnits(db, companyId)]);
  const { orgUnitId, ...rest } = q;
  const { rows, total } = await repo.listContacts(db, companyId, {
    ...rest,
    orgUnitIds: orgUnitId ? descendantsOf(units, orgUnitId) : undefined,
  });
  const names = new Map(units.map((u) => [u.id, u.name]));
  return {
    items: rows.map((r) => toDto(r, categories, names, whole)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The latest contacts about an account, for its 360° view. */
export async function recentContacts(db: Queryable, companyId: string, accountId: string, limit = 20) {
  const page = await listContacts(db, companyId, {
    page: 1,
    pageSize: limit,
    order: 'desc',
    sort: 'contactedAt',
    accountId,
  });
  return { items: page.items, total: page.total };
}

/**
 * IAM-4 (000 §38): customer data changes. Unprotected fields (special care, note, SMS number, invoice
 * details, a payment method that touches no bank details) are edited directly under an optimistic lock;
 * protected ones (name, ID, phones, address, meter, bank details) go through a customerDataChange
 * approval and apply in the final approval's transaction, only if nothing changed in between. Every
 * edit leaves a history row — who, when, before, after, why — that is never changed.
 */
import type { ZodType } from 'zod';
import type { Queryable, Tx } from '../../db/types.js';
import { fileRequest } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, Principal } from '../../platform/context.js';
import type { Text } from '../../platform/errors.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { parseOrThrow } from '../../platform/validation.js';
import * as repo from './changes-repo.js';
import { CustomerError, entityNames } from './errors.js';
import { type Entity, type FieldProblem, fieldDef, fieldErrors, fieldsOf, mask, sameValue, shown } from './fields.js';
import {
  bankGroup,
  type ChangeRequestBody,
  customerGroup,
  type DirectEditBody,
  meterGroup,
  premiseGroup,
} from './schemas.js';

export type Group = 'customer' | 'premise' | 'meter' | 'bank';
const GROUP_ENTITY: Record<Group, Exclude<Entity, 'invoiceDetails'>> = {
  customer: 'customer',
  premise: 'premise',
  meter: 'meter',
  bank: 'account',
};
const GROUP_SCHEMA = { customer: customerGroup, premise: premiseGroup, meter: meterGroup, bank: bankGroup };
const BANK_FIELDS = ['bankName', 'bankAccountNo', 'bankAccountHolder'] as const;
/** Fields stored as '' rather than null when empty. */
const EMPTY_STRING_FIELDS = new Set(['premise.street']);
/** Numbers and codes: full-width digits and dashes typed on a Chinese keyboard become ASCII (free text stays as typed). */
const CODE_FIELDS = new Set([
  'customer.idNo',
  'customer.taxNo',
  'customer.mobile',
  'customer.phone',
  'premise.building',
  'premise.unit',
  'premise.room',
  'premise.rowNo',
  'premise.houseNo',
  'meter.serial',
  'meter.sealInlet',
  'meter.sealOutlet',
  'account.bankAccountNo',
  'account.smsMobile',
  'invoiceDetails.taxNo',
  'invoiceDetails.bankAccountNo',
]);

/** One field of a change, as a request carries it. */
export interface PayloadChange {
  entity: Entity;
  entityId: string;
  field: string;
  before: unknown;
  after: unknown;
}

export interface ChangePayload {
  accountId: string;
  accountNo: string;
  changes: PayloadChange[];
  /** The version of each record the change was based on. */
  versions: Partial<Record<Entity, number>>;
}

const problem = (path: string, zh: string, en: string): FieldProblem => ({ path, text: { zh, en } });

function normalise(entity: Entity, field: string, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const v = (CODE_FIELDS.has(`${entity}.${field}`) ? value.normalize('NFKC') : value).trim();
    if (v === '') return EMPTY_STRING_FIELDS.has(`${entity}.${field}`) ? '' : null;
    // Search looks up building numbers in capitals (3A, not 3a); ID numbers end in X, not x.
    if ((entity === 'premise' && field === 'building') || (entity === 'customer' && field === 'idNo')) {
      return v.toUpperCase();
    }
    return v;
  }
  if (value === null && EMPTY_STRING_FIELDS.has(`${entity}.${field}`)) return '';
  return value;
}

function merged(entity: Entity, current: repo.Values, given: repo.Values | undefined): repo.Values {
  const out = { ...current };
  for (const [field, value] of Object.entries(given ?? {})) {
    const v = normalise(entity, field, value);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

async function requireSnapshot(db: Queryable, companyId: string, accountId: string, lock = false) {
  const s = await repo.loadSnapshot(db, companyId, accountId, lock);
  if (!s) throw CustomerError('ACCOUNT_NOT_FOUND');
  return s;
}

/** CUS-7 on the payment method: an IC-card meter is paid by top-up, a metered one never is. */
function paymentProblems(meterType: string | null, method: unknown, path: string): FieldProblem[] {
  if (meterType === 'icCard' && method !== 'icTopUp') {
    return [problem(path, 'IC 卡表的缴费方式必须是“预付费充值”', 'An IC-card meter must be paid by top-up')];
  }
  if (meterType && meterType !== 'icCard' && method === 'icTopUp') {
    return [
      problem(
        path,
        '机械表（非 IC 卡表）不能选择“预付费充值”',
        'A metered (non IC-card) meter cannot be paid by top-up',
      ),
    ];
  }
  return [];
}

// ---- Protected changes: prepared, filed, approved ----

/**
 * The fields a proposal changes, with their values now and after, checked as the records would be
 * after it (address shape, CUS-7 bank rules, a free meter serial). Throws a 400 naming each field.
 */
export async function prepareChange(
  db: Queryable,
  companyId: string,
  s: repo.Snapshot,
  proposal: Partial<Record<Group, repo.Values>>,
): Promise<{ changes: PayloadChange[]; versions: Partial<Record<Entity, number>> }> {
  const problems: FieldProblem[] = [];
  const after: Partial<Record<Group, repo.Values>> = {};

  if (proposal.customer) {
    const c = merged('customer', s.customer.values, proposal.customer);
    if ((c.idType === null) !== (c.idNo === null)) {
      const path = c.idType === null ? 'customer.idType' : 'customer.idNo';
      problems.push(problem(path, '证件类型和证件号码须同时填写或同时为空', 'ID type and number go together'));
    }
    if (c.idType === 'residentId' && typeof c.idNo === 'string' && !/^\d{17}[\dX]$/.test(c.idNo)) {
      problems.push(problem('customer.idNo', '居民身份证号码应为 18 位', 'A resident ID number has 18 characters'));
    }
    after.customer = c;
  }

  if (proposal.premise) {
    const p = merged('premise', s.premise.values, proposal.premise);
    const [own, other] =
      p.addressKind === 'apartment'
        ? [
            ['community', 'building', 'unit', 'room'],
            ['lane', 'rowNo', 'houseNo'],
          ]
        : [
            ['lane', 'rowNo', 'houseNo'],
            ['community', 'building', 'unit', 'room'],
          ];
    // CUS-2: a premise is one shape or the other; switching clears the other shape's parts.
    for (const field of other!) p[field] = null;
    for (const field of own!) {
      if (!p[field]) {
        const label = fieldDef('premise', field)!.label;
        problems.push(
          problem(
            `premise.${field}`,
            `${p.addressKind === 'apartment' ? '楼房' : '平房'}地址须填写${label.zh}`,
            `An ${p.addressKind} address needs its ${label.en.toLowerCase()}`,
          ),
        );
      }
    }
    after.premise = p;
  }

  if (proposal.meter) {
    if (!s.meter) throw CustomerError('NO_METER', { field: 'meter' });
    const m = merged('meter', s.meter.values, proposal.meter);
    const moved = m.serial !== s.meter.values.serial || m.manufacturer !== s.meter.values.manufacturer;
    if (moved && (await repo.meterSerialTaken(db, companyId, s.meter.id, String(m.manufacturer), String(m.serial)))) {
      throw CustomerError('DUPLICATE_METER', {
        field: 'meter.serial',
        vars: { manufacturer: String(m.manufacturer), serial: String(m.serial) },
      });
    }
    after.meter = m;
  }

  if (proposal.bank) {
    const b = merged('account', s.account.values, proposal.bank);
    const debit = b.paymentMethod === 'bankDebit';
    // Leaving bank debit drops the bank details unless the clerk typed them in (then they are refused).
    if (!debit) for (const k of BANK_FIELDS) if (proposal.bank[k] === undefined) b[k] = null;
    problems.push(...paymentProblems(s.meterType, b.paymentMethod, 'bank.paymentMethod'));
    for (const k of BANK_FIELDS) {
      const label = fieldDef('account', k)!.label;
      if (debit && !b[k]) {
        problems.push(
          problem(`bank.${k}`, `银行代扣须填写${label.zh}`, `Bank debit needs the ${label.en.toLowerCase()}`),
        );
      }
      if (!debit && b[k]) {
        problems.push(problem(`bank.${k}`, `非银行代扣不能填写${label.zh}`, `${label.en} is only for bank debit`));
      }
    }
    after.bank = b;
  }
  if (problems.length) throw fieldErrors(problems);

  const changes: PayloadChange[] = [];
  const versions: Partial<Record<Entity, number>> = {};
  for (const group of Object.keys(after) as Group[]) {
    const entity = GROUP_ENTITY[group];
    const record = s[entity]!;
    const fields = Object.keys(GROUP_SCHEMA[group].shape);
    for (const field of fields) {
      const before = record.values[field] ?? null;
      const value = after[group]![field] ?? null;
      if (!sameValue(before, value)) changes.push({ entity, entityId: record.id, field, before, after: value });
    }
    if (changes.some((c) => c.entity === entity)) versions[entity] = record.version;
  }
  if (!changes.length) throw CustomerError('NO_CHANGES');
  return { changes, versions };
}

/** The proposal a payload's changes make, read back through the same group schemas as the route's. */
function proposalOf(payload: ChangePayload): Partial<Record<Group, repo.Values>> {
  const proposal: Partial<Record<Group, repo.Values>> = {};
  for (const c of payload.changes) {
    const group = (Object.keys(GROUP_ENTITY) as Group[]).find((g) => GROUP_ENTITY[g] === c.entity);
    if (!group || !(c.field in GROUP_SCHEMA[group].shape)) {
      throw fieldErrors([
        problem(
          'payload.changes',
          `不能通过变更申请修改 ${c.entity}.${c.field}`,
          `${c.entity}.${c.field} is not changed by request`,
        ),
      ]);
    }
    proposal[group] = { ...proposal[group], [c.field]: c.after };
  }
  for (const group of Object.keys(proposal) as Group[]) {
    const schema: ZodType = GROUP_SCHEMA[group];
    proposal[group] = parseOrThrow(schema, proposal[group], 'body', ['payload', group]) as repo.Values;
  }
  return proposal;
}

const canonicalChanges = (changes: PayloadChange[]) =>
  JSON.stringify(
    [...changes]
      .map((c) => ({
        entity: c.entity,
        entityId: c.entityId,
        field: c.field,
        before: c.before ?? null,
        after: c.after ?? null,
      }))
      .sort((a, b) => `${a.entity}.${a.field}`.localeCompare(`${b.entity}.${b.field}`)),
  );

/**
 * Checks a filed payload against the account as it is: the same changes, from the same values, on
 * the same records and versions — so a request says truthfully what it will do.
 */
export async function checkPayload(db: Queryable, companyId: string, payload: ChangePayload): Promise<void> {
  const s = await requireSnapshot(db, companyId, payload.accountId);
  const again = await prepareChange(db, companyId, s, proposalOf(payload));
  const same =
    canonicalChanges(again.changes) === canonicalChanges(payload.changes) &&
    JSON.stringify(again.versions) === JSON.stringify(payload.versions) &&
    payload.accountNo === s.accountNo;
  if (!same) throw CustomerError('STALE_REQUEST');
}

/** IAM-4: files a change of protected fields as a customerDataChange request. */
export async function requestChange(
  tx: Tx,
  actor: Actor,
  principal: Principal,
  accountId: string,
  body: ChangeRequestBody,
) {
  const s = await requireSnapshot(tx, actor.companyId, accountId);
  const { reason, ...groups } = body;
  const { changes, versions } = await prepareChange(tx, actor.companyId, s, groups);
  const payload: ChangePayload = { accountId, accountNo: s.accountNo, changes, versions };
  const request = await fileRequest(tx, actor, principal, {
    kind: 'customerDataChange',
    subjectType: 'account',
    subjectId: accountId,
    reason,
    payload,
  });
  return { id: request.id, no: request.no, status: request.status };
}

/**
 * The final approval's effect: in its transaction, with the records locked, and only if each is the
 * version the request was based on — otherwise the approval fails and nothing is written.
 */
export async function applyApprovedChange(
  tx: Tx,
  actor: Actor,
  request: { id: string; reason: string; requestedBy: string; requestedByName: string | null; payload: ChangePayload },
) {
  const { payload } = request;
  const s = await requireSnapshot(tx, actor.companyId, payload.accountId, true);
  for (const [entity, base] of Object.entries(payload.versions) as [Entity, number][]) {
    const record = s[entity];
    const entityId = payload.changes.find((c) => c.entity === entity)?.entityId;
    if (!record || record.id !== entityId || record.version !== base) {
      throw CustomerError('CHANGED_SINCE', {
        vars: { entity: entityNames[entity], current: record?.version ?? '—', base },
        details: { entity, base, current: record?.version ?? null },
      });
    }
  }
  // The same checks as when it was filed (a meter serial may have been taken since).
  const { changes } = await prepareChange(tx, actor.companyId, s, proposalOf(payload));
  const history = await writeChanges(tx, actor, s, payload.accountId, changes, {
    mode: 'approved',
    reason: request.reason,
    requestedBy: request.requestedBy,
    requestedByName: request.requestedByName,
    approvalRequestId: request.id,
  });
  await recordAudit(tx, actor, {
    action: 'customer.change.apply',
    entityType: 'account',
    entityId: payload.accountId,
    before: Object.fromEntries(changes.map((c) => [`${c.entity}.${c.field}`, c.before])),
    after: { ...Object.fromEntries(changes.map((c) => [`${c.entity}.${c.field}`, c.after])), requestId: request.id },
  });
  return { accountId: payload.accountId, accountNo: payload.accountNo, applied: changes.length, history };
}

async function writeChanges(
  tx: Tx,
  actor: Actor,
  s: repo.Snapshot,
  accountId: string,
  changes: PayloadChange[],
  how: Omit<
    repo.NewHistoryRow,
    | 'accountId'
    | 'entityType'
    | 'entityId'
    | 'changes'
    | 'versionBefore'
    | 'versionAfter'
    | 'changedBy'
    | 'changedByName'
  >,
): Promise<string[]> {
  const ids: string[] = [];
  for (const entity of [...new Set(changes.map((c) => c.entity))]) {
    const mine = changes.filter((c) => c.entity === entity);
    const entityId = entity === 'invoiceDetails' ? accountId : s[entity]!.id;
    const versionAfter = await repo.updateRecord(
      tx,
      actor.companyId,
      entity,
      entityId,
      Object.fromEntries(mine.map((c) => [c.field, c.after])),
    );
    ids.push(
      await repo.insertHistory(tx, actor.companyId, {
        ...how,
        accountId,
        entityType: entity,
        entityId,
        changes: mine.map(({ field, before, after }) => ({ field, before, after })),
        versionBefore: s[entity]?.version ?? null,
        versionAfter,
        changedBy: actor.userId,
        changedByName: actor.name,
      }),
    );
  }
  return ids;
}

export function describeChange(p: ChangePayload): Text {
  const labels = p.changes.map((c) => fieldDef(c.entity, c.field)?.label ?? { zh: c.field, en: c.field });
  return {
    zh: `修改用户 ${p.accountNo} 的受保护资料：${labels.map((l) => l.zh).join('、')}`,
    en: `Change protected data of account ${p.accountNo}: ${labels.map((l) => l.en).join(', ')}`,
  };
}

// ---- Direct edits of unprotected fields ----

/** The record as the second clerk is shown it: values (personal data masked) and version. */
function currentOf(entity: Entity, record: repo.Versioned | null) {
  if (!record) return { version: 0, values: null };
  const values = Object.fromEntries(Object.entries(record.values).map(([k, v]) => [k, shown(entity, k, v)]));
  return { version: record.version, values };
}

async function assertVersion(
  db: Queryable,
  companyId: string,
  entity: Entity,
  record: repo.Versioned | null,
  expected: number,
): Promise<void> {
  const current = record?.version ?? 0;
  if (current === expected) return;
  const last = record ? await repo.lastChange(db, companyId, entity, record.id) : null;
  const at = last?.changedAt ?? record?.updatedAt ?? null;
  throw CustomerError('VERSION_CONFLICT', {
    field: `${entity}.version`,
    vars: {
      entity: entityNames[entity],
      by: last?.changedByName ?? { zh: '其他用户', en: 'another user' },
      at: shanghaiTime(at) ?? '—',
    },
    details: { entity, yourVersion: expected, current: currentOf(entity, record) },
  });
}

/**
 * Edits unprotected fields under optimistic locking: each record's `version` must be the one the
 * clerk saw, or the answer is 409 VERSION_CONFLICT with the record as it is now and nothing is written.
 */
export async function editDirect(tx: Tx, actor: Actor, accountId: string, body: DirectEditBody) {
  const s = await requireSnapshot(tx, actor.companyId, accountId, true);
  for (const entity of ['customer', 'account'] as const) {
    for (const field of Object.keys(body[entity] ?? {})) {
      const def = fieldDef(entity, field);
      if (def?.protected) {
        throw CustomerError('PROTECTED_FIELD', { field: `${entity}.${field}`, vars: { field: def.label } });
      }
    }
  }
  const changes: PayloadChange[] = [];
  const problems: FieldProblem[] = [];
  const diff = (entity: Entity, record: repo.Versioned | null, after: repo.Values, entityId: string) => {
    for (const def of fieldsOf(entity)) {
      if (!(def.field in after) || def.protected) continue;
      const before = record?.values[def.field] ?? null;
      const value = after[def.field] ?? null;
      if (!sameValue(before, value)) changes.push({ entity, entityId, field: def.field, before, after: value });
    }
  };

  if (body.customer) {
    await assertVersion(tx, actor.companyId, 'customer', s.customer, body.customer.version);
    const after = merged('customer', s.customer.values, {
      specialCare: body.customer.specialCare,
      note: body.customer.note,
    });
    // One order for the flags, so re-ticking the same ones is no change.
    const order = ['elderly', 'ill', 'disabled', 'martyr_family', 'widowed'];
    if (Array.isArray(after.specialCare)) {
      after.specialCare = order.filter((f) => (after.specialCare as string[]).includes(f));
    }
    diff('customer', s.customer, after, s.customer.id);
  }

  if (body.account) {
    await assertVersion(tx, actor.companyId, 'account', s.account, body.account.version);
    const after = merged('account', s.account.values, {
      paymentMethod: body.account.paymentMethod,
      smsMobile: body.account.smsMobile,
      smsCarrier: body.account.smsCarrier,
    });
    if (after.paymentMethod !== s.account.values.paymentMethod) {
      // Bank debit brings bank details with it: that is a protected change.
      if (after.paymentMethod === 'bankDebit' || s.account.values.paymentMethod === 'bankDebit') {
        throw CustomerError('PROTECTED_FIELD', {
          field: 'account.paymentMethod',
          vars: { field: { zh: '缴费方式（银行代扣）', en: 'payment method (bank debit)' } },
        });
      }
      problems.push(...paymentProblems(s.meterType, after.paymentMethod, 'account.paymentMethod'));
    }
    if (after.smsMobile && !after.smsCarrier) {
      problems.push(problem('account.smsCarrier', '填写短信号码时须选择运营商', 'An SMS number needs its carrier'));
    }
    if (!after.smsMobile) after.smsCarrier = null;
    diff('account', s.account, after, s.account.id);
  }

  if (body.invoiceDetails) {
    await assertVersion(tx, actor.companyId, 'invoiceDetails', s.invoiceDetails, body.invoiceDetails.version);
    const { version: _, ...given } = body.invoiceDetails;
    const after: repo.Values = {};
    for (const def of fieldsOf('invoiceDetails'))
      after[def.field] = normalise('invoiceDetails', def.field, given[def.field as keyof typeof given] ?? null);
    if (after.invoiceKind === 'special') {
      for (const field of ['taxNo', 'address', 'bankAccountNo']) {
        if (!after[field]) {
          const label = fieldDef('invoiceDetails', field)!.label;
          problems.push(
            problem(
              `invoiceDetails.${field}`,
              `增值税专用发票须填写${label.zh}`,
              `A special VAT invoice needs the ${label.en.toLowerCase()}`,
            ),
          );
        }
      }
    }
    diff('invoiceDetails', s.invoiceDetails, after, accountId);
  }
  if (problems.length) throw fieldErrors(problems);
  if (!changes.length) throw CustomerError('NO_CHANGES');

  const history = await writeChanges(tx, actor, s, accountId, changes, { mode: 'direct', reason: body.reason ?? null });
  await recordAudit(tx, actor, {
    action: 'customer.edit',
    entityType: 'account',
    entityId: accountId,
    before: Object.fromEntries(changes.map((c) => [`${c.entity}.${c.field}`, c.before])),
    after: {
      ...Object.fromEntries(changes.map((c) => [`${c.entity}.${c.field}`, c.after])),
      reason: body.reason ?? null,
    },
  });
  return { history };
}

// ---- History ----

export function historyDto(h: repo.HistoryRow) {
  return {
    id: h.id,
    entityType: h.entityType,
    entityId: h.entityId,
    mode: h.mode,
    changes: h.changes.map((c) => ({
      field: c.field,
      label: fieldDef(h.entityType, c.field)?.label ?? { zh: c.field, en: c.field },
      before: shown(h.entityType, c.field, c.before),
      after: shown(h.entityType, c.field, c.after),
    })),
    versionBefore: h.versionBefore,
    versionAfter: h.versionAfter,
    reason: h.reason,
    changedBy: h.changedBy,
    changedByName: h.changedByName,
    requestedByName: h.requestedByName,
    approvalRequestId: h.approvalRequestId,
    approvalNo: h.approvalNo,
    changedAt: new Date(h.changedAt).toISOString(),
  };
}

export async function listHistory(
  db: Queryable,
  companyId: string,
  accountId: string,
  page: { page: number; pageSize: number },
) {
  const s = await requireSnapshot(db, companyId, accountId);
  const { rows, total } = await repo.listHistory(
    db,
    companyId,
    { accountId, customerId: s.customer.id, premiseId: s.premise.id },
    page,
  );
  return { items: rows.map(historyDto), total, ...page };
}

/** A change request's fields as the view shows them (personal data masked). */
export function requestChangesDto(payload: ChangePayload) {
  return payload.changes.map((c) => ({
    entity: c.entity,
    field: c.field,
    label: fieldDef(c.entity, c.field)?.label ?? { zh: c.field, en: c.field },
    before: shown(c.entity, c.field, c.before),
    after: shown(c.entity, c.field, c.after),
  }));
}

export { mask };

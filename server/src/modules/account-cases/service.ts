/**
 * CUS-9, CUS-10, CUS-11: the life of an account-change case. A clerk opens it from the account
 * (the on-site clock starts), ticks the documents, records the meter reading the customer confirms
 * and signs, fills in the details and submits: the case completes at once, or — a usage-nature
 * change — goes to approval and completes in the final approval's transaction.
 */
import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import type { DecidedRequest } from '../../platform/approvals/registry.js';
import { fileRequest, withdraw } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import { loadCalendarCovering } from '../../platform/calendar/service.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import { type AppError, type Lang, refuseAll } from '../../platform/errors.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import { parseOrThrow } from '../../platform/validation.js';
import { accountBalance } from '../ledger/service.js';
import { ALLOWED_FROM, KIND_TEXT, natureProblem, newOwnerProblem, problemsOf, statusProblem } from './checks.js';
import { applyCompletion } from './complete.js';
import { type CaseKind, caseKinds } from './documents.js';
import { CaseError } from './errors.js';
import * as repo from './repo.js';
import { detailsByKind, type NatureChangeDetails } from './schemas.js';

const CASE_PREFIX: Record<CaseKind, string> = {
  transfer: 'GH',
  suspension: 'BT',
  reactivation: 'QF',
  closure: 'XH',
  natureChange: 'XZ',
};

const STATUS_TEXT: Record<repo.CaseStatus, { zh: string; en: string }> = {
  open: { zh: '办理中', en: 'open' },
  pendingApproval: { zh: '审批中', en: 'awaiting approval' },
  completed: { zh: '已办结', en: 'completed' },
  cancelled: { zh: '已撤销', en: 'cancelled' },
  refused: { zh: '审批未通过', en: 'refused' },
};

const iso = (d: Date | string) => new Date(d).toISOString();

/** The date `n` calendar months after `ymd`, the day clamped to the month's end (CUS-10 restore period). */
export function addMonths(ymd: string, n: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function overdueOf(r: repo.CaseRow, today: string): 'siteCheck' | 'meterRemoval' | 'restore' | null {
  if (r.kind === 'natureChange' && (r.status === 'open' || r.status === 'pendingApproval')) {
    return !('siteCheck' in r.details) && r.dueOn !== null && r.dueOn < today ? 'siteCheck' : null;
  }
  if (r.kind !== 'closure' || r.status !== 'completed' || r.restoredOn) return null;
  if (!r.meterRemovedOn && r.dueOn !== null && r.dueOn < today) return 'meterRemoval';
  if (r.restoreBy !== null && r.restoreBy < today && r.accountStatus !== 'closed') return 'restore';
  return null;
}

export function toDto(r: repo.CaseRow, today = businessToday(), now = new Date()) {
  const running = r.status === 'open' || r.status === 'pendingApproval';
  const end = r.completedAt ? new Date(r.completedAt) : running ? now : new Date(r.updatedAt);
  const elapsedSeconds = Math.max(0, Math.floor((end.getTime() - new Date(r.startedAt).getTime()) / 1000));
  const person = (id: string | null, fullName: string | null) => (id ? { id, fullName: fullName ?? '' } : null);
  return {
    id: r.id,
    caseNo: r.caseNo,
    kind: r.kind,
    status: r.status,
    account: {
      id: r.accountId,
      accountNo: r.accountNo,
      status: r.accountStatus,
      commodity: r.commodity,
      usageNature: r.usageNature,
      usageNatureName: r.usageNatureName,
      address: r.address,
    },
    customer: { id: r.customerId, name: r.customerName, kind: r.customerKind },
    documents: r.documents,
    meter: r.meterId ? { id: r.meterId, serial: r.meterSerial ?? '', meterType: r.meterType ?? 'diaphragm' } : null,
    reading:
      r.reading !== null && r.readOn !== null
        ? {
            value: r.reading,
            kind: r.readingKind ?? 'register',
            readOn: r.readOn,
            confirmed: r.readingConfirmed,
            signedBy: r.readingSignedBy,
          }
        : null,
    readingKind: r.readingKind,
    details: r.details,
    timeLimitMinutes: r.timeLimitMinutes,
    elapsedSeconds,
    overrun: r.timeLimitMinutes !== null && elapsedSeconds > r.timeLimitMinutes * 60,
    dueOn: r.dueOn,
    meterRemovedOn: r.meterRemovedOn,
    restoreBy: r.restoreBy,
    restoredOn: r.restoredOn,
    overdue: overdueOf(r, today),
    approval:
      r.approvalRequestId && r.approvalNo
        ? { id: r.approvalRequestId, no: r.approvalNo, kind: r.approvalKind ?? '', status: r.approvalStatus ?? '' }
        : null,
    newCustomer: r.newCustomerId ? { id: r.newCustomerId, name: r.newCustomerName ?? '' } : null,
    oldContractNo: r.oldContractNo,
    newContractNo: r.newContractNo,
    cancelReason: r.cancelReason,
    startedAt: iso(r.startedAt),
    completedAt: r.completedAt ? iso(r.completedAt) : null,
    completedBy: person(r.completedById, r.completedByName),
    createdBy: person(r.createdById, r.createdByName),
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}
export type CaseDto = ReturnType<typeof toDto>;

async function requireCase(db: Queryable, companyId: string, id: string): Promise<repo.CaseRow> {
  const row = await repo.findCase(db, companyId, id);
  if (!row) throw CaseError('CASE_NOT_FOUND');
  return row;
}

/** For the routes' pre-check: another company's (or no) case is a 404 before the body is even read. */
export async function assertCaseExists(db: Queryable, companyId: string, id: string): Promise<void> {
  if (!(await repo.caseExists(db, companyId, id))) throw CaseError('CASE_NOT_FOUND');
}

/** Locks the case for the transaction and reads it. */
async function lockCase(tx: Tx, actor: Actor, id: string): Promise<repo.CaseRow> {
  if (!(await repo.lockCase(tx, actor.companyId, id))) throw CaseError('CASE_NOT_FOUND');
  return requireCase(tx, actor.companyId, id);
}

/** Account first, then the case: every path that takes both locks them in this order. */
async function lockAccountAndCase(tx: Tx, actor: Actor, id: string) {
  const { accountId } = await requireCase(tx, actor.companyId, id);
  await repo.findAccount(tx, actor.companyId, accountId, true);
  return lockCase(tx, actor, id);
}

function assertVersion(row: repo.CaseRow, version: number) {
  if (row.version !== version) {
    throw CaseError('VERSION_CONFLICT', { vars: { version: row.version }, details: { currentVersion: row.version } });
  }
}

function assertState(row: repo.CaseRow, allowed: repo.CaseStatus[], action: { zh: string; en: string }) {
  if (!allowed.includes(row.status))
    throw CaseError('WRONG_STATE', { vars: { status: STATUS_TEXT[row.status], action } });
}

async function event(tx: Tx, actor: Actor, caseId: string, action: string, before?: unknown, after?: unknown) {
  await repo.insertEvent(tx, actor.companyId, {
    caseId,
    action,
    actorId: actor.userId,
    actorName: actor.name,
    before,
    after,
  });
}

/** A kind's details, checked against its schema and the database (new owner, new nature). */
async function parseDetails(tx: Queryable, actor: Actor, kind: CaseKind, raw: unknown, a: repo.AccountForCase) {
  const details = parseOrThrow(detailsByKind[kind] as never, raw ?? {}, 'body', ['details']) as Record<string, unknown>;
  const problems: AppError[] = [];
  if (kind === 'transfer' && details.newOwner) {
    const p = await newOwnerProblem(tx, actor.companyId, a, details.newOwner as never);
    if (p) problems.push(p);
  }
  if (kind === 'natureChange' && details.newNature) {
    const p = await natureProblem(tx, actor.companyId, a, details.newNature as string);
    if (p) problems.push(p);
  }
  if (problems.length) throw refuseAll(problems);
  return details;
}

export interface NewCaseInput {
  kind: CaseKind;
  accountId: string;
  details?: Record<string, unknown>;
}

/** Opens a case on an account: the checklist of the day's policy, the clock started, the meter to read. */
export async function createCase(tx: Tx, actor: Actor, input: NewCaseInput) {
  const today = businessToday();
  const account = await repo.findAccount(tx, actor.companyId, input.accountId, true);
  if (!account) throw CaseError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  const status = statusProblem(input.kind, account.status);
  if (status) throw refuseAll([status]);
  const open = await repo.openCaseOf(tx, actor.companyId, account.id);
  if (open) {
    throw CaseError('CASE_ALREADY_OPEN', {
      field: 'accountId',
      vars: { kind: KIND_TEXT[open.kind], caseNo: open.caseNo },
    });
  }
  const details = await parseDetails(tx, actor, input.kind, input.details, account);

  let meterId = account.meterId;
  let meterType = account.meterType;
  if (!meterId && input.kind === 'reactivation') {
    // The meter a temporary removal took away is the one read when it goes back.
    const removal = await repo.pendingTemporaryRemoval(tx, actor.companyId, account.id);
    const meter =
      removal?.meterRemovedOn && removal.meterId ? await repo.findMeter(tx, actor.companyId, removal.meterId) : null;
    if (meter) [meterId, meterType] = [meter.id, meter.meterType];
  }

  const lists = await policyValue(tx, actor.companyId, 'cus.caseDocuments', today);
  const documents = lists[input.kind][account.customerKind].map((d) => ({ ...d, received: false }));
  const timeLimitMinutes =
    input.kind === 'transfer' ? await policyValue(tx, actor.companyId, 'cus.transferMinutes', today) : null;
  let dueOn: string | null = null;
  if (input.kind === 'natureChange') {
    const days = await policyValue(tx, actor.companyId, 'cus.usageNatureCheckWorkingDays', today);
    dueOn = (await loadCalendarCovering(tx, actor.companyId, [today])).addWorkingDays(today, days);
  }
  const serial = await nextDailySerial(tx, actor.companyId, 'accountCase', today);
  const caseNo = `${CASE_PREFIX[input.kind]}${today.replaceAll('-', '')}${String(serial).padStart(4, '0')}`;
  const id = await repo.insertCase(tx, actor.companyId, {
    caseNo,
    kind: input.kind,
    accountId: account.id,
    customerId: account.customerId,
    customerKind: account.customerKind,
    documents,
    meterId,
    readingKind: meterId ? (meterType === 'icCard' ? 'icCumulative' : 'register') : null,
    details,
    timeLimitMinutes,
    dueOn,
    createdBy: actor.userId!,
  });
  await event(tx, actor, id, 'created', undefined, { caseNo, kind: input.kind, accountNo: account.accountNo, details });
  const created = toDto(await requireCase(tx, actor.companyId, id), today);
  await recordAudit(tx, actor, {
    action: 'accountCase.create',
    entityType: 'accountCase',
    entityId: id,
    after: created,
  });
  return created;
}

export interface UpdateCaseInput {
  version: number;
  documents?: { code: string; received: boolean }[];
  reading?: { value: string; readOn: string; confirmed: boolean; signedBy?: string | null } | null;
  details?: Record<string, unknown>;
}

/** Ticks documents, records the reading, fills in details: only while the case is open, on its version. */
export async function updateCase(tx: Tx, actor: Actor, id: string, input: UpdateCaseInput) {
  const today = businessToday();
  const row = await lockCase(tx, actor, id);
  assertState(row, ['open'], { zh: '修改', en: 'changed' });
  assertVersion(row, input.version);
  const change: repo.CaseChange = {};
  const problems: AppError[] = [];
  const fail = (code: Parameters<typeof CaseError>[0], field: string, vars?: Record<string, string>) =>
    problems.push(CaseError(code, { field, vars }));

  if (input.documents) {
    const byCode = new Map(input.documents.map((d) => [d.code, d.received]));
    input.documents.forEach((d, i) => {
      if (!row.documents.some((x) => x.code === d.code))
        fail('UNKNOWN_DOCUMENT', `documents.${i}.code`, { code: d.code });
    });
    change.documents = row.documents.map((d) => ({ ...d, received: byCode.get(d.code) ?? d.received }));
  }

  if (input.reading === null) {
    Object.assign(change, { reading: null, readOn: null, readingConfirmed: false, readingSignedBy: null });
  } else if (input.reading) {
    const r = input.reading;
    if (!row.meterId) fail('NO_METER', 'reading.value');
    else if (row.readingKind === 'register') {
      const last = await repo.lastReadingOf(tx, actor.companyId, row.meterId);
      if (new Decimal(r.value).lt(last)) {
        fail('READING_BELOW_LAST', 'reading.value', { value: r.value, last: new Decimal(last).toString() });
      }
    }
    if (r.readOn > today) fail('READING_IN_FUTURE', 'reading.readOn');
    if (r.confirmed && !r.signedBy) fail('READING_SIGNER_REQUIRED', 'reading.signedBy');
    Object.assign(change, {
      reading: r.value,
      readOn: r.readOn,
      readingConfirmed: r.confirmed,
      readingSignedBy: r.signedBy || null,
    });
  }
  if (problems.length) throw refuseAll(problems);

  if (input.details) {
    const account = (await repo.findAccount(tx, actor.companyId, row.accountId))!;
    change.details = await parseDetails(tx, actor, row.kind, input.details, account);
  }
  if (!Object.keys(change).length) return toDto(await requireCase(tx, actor.companyId, id), today);

  const before = Object.fromEntries(
    Object.keys(change).map((k) => [k, (row as unknown as Record<string, unknown>)[k]]),
  );
  await repo.updateCase(tx, actor.companyId, id, change);
  await event(tx, actor, id, 'updated', before, change);
  await recordAudit(tx, actor, {
    action: 'accountCase.update',
    entityType: 'accountCase',
    entityId: id,
    before: { ...before, version: row.version },
    after: { ...change, caseNo: row.caseNo, version: row.version + 1 },
  });
  return toDto(await requireCase(tx, actor.companyId, id), today);
}

/** Completion in the caller's transaction: the kind's effects, then the case closed with what they made. */
async function complete(tx: Tx, actor: Actor, row: repo.CaseRow, today: string) {
  const made = await applyCompletion(tx, actor, row, today);
  const change: repo.CaseChange = {
    ...made,
    status: 'completed',
    completedAt: new Date().toISOString(),
    completedBy: actor.userId,
  };
  await repo.updateCase(tx, actor.companyId, row.id, change);
  const done = toDto(await requireCase(tx, actor.companyId, row.id), today);
  await event(
    tx,
    actor,
    row.id,
    'completed',
    { status: row.status },
    {
      status: 'completed',
      ...made,
      elapsedSeconds: done.elapsedSeconds,
      overrun: done.overrun,
    },
  );
  await recordAudit(tx, actor, {
    action: 'accountCase.complete',
    entityType: 'accountCase',
    entityId: row.id,
    before: toDto(row, today),
    after: done,
  });
  return done;
}

/** Cheap → dear (or an equal rank) is the office manager's; dear → cheap the deputy GM's (CUS-11). */
export function natureDirection(fromRank: number, toRank: number): 'up' | 'down' {
  return toRank >= fromRank ? 'up' : 'down';
}

export const APPROVAL_KIND = { up: 'usageNatureChangeUp', down: 'usageNatureChangeDown' } as const;

/**
 * Submits an open case: every precondition must hold. A nature change goes to approval (the kind by
 * direction of price); the others complete now.
 */
export async function submitCase(tx: Tx, actor: Actor, principal: Principal, id: string, version: number) {
  const today = businessToday();
  const row = await lockAccountAndCase(tx, actor, id);
  assertState(row, ['open'], { zh: '提交', en: 'submitted' });
  assertVersion(row, version);
  const problems = await problemsOf(tx, actor.companyId, row, today);
  if (problems.length) throw refuseAll(problems);
  if (row.kind !== 'natureChange') return complete(tx, actor, row, today);

  const d = row.details as NatureChangeDetails;
  const account = (await repo.findAccount(tx, actor.companyId, row.accountId))!;
  const to = (await repo.findNature(tx, actor.companyId, d.newNature!))!;
  const direction = natureDirection(account.natureRank, to.priceRank);
  const request = await fileRequest(tx, actor, principal, {
    kind: APPROVAL_KIND[direction],
    subjectType: 'account',
    subjectId: row.accountId,
    reason: d.reason!,
    payload: {
      caseId: row.id,
      caseNo: row.caseNo,
      accountId: row.accountId,
      accountNo: row.accountNo,
      fromNature: account.usageNature,
      fromNatureName: account.usageNatureName,
      toNature: to.code,
      toNatureName: to.name,
    },
  });
  const change: repo.CaseChange = {
    status: 'pendingApproval',
    approvalRequestId: request.id,
    details: { ...d, fromNature: account.usageNature },
  };
  await repo.updateCase(tx, actor.companyId, id, change);
  await event(
    tx,
    actor,
    id,
    'submitted',
    { status: 'open' },
    { status: 'pendingApproval', approvalNo: request.no, direction },
  );
  const after = toDto(await requireCase(tx, actor.companyId, id), today);
  await recordAudit(tx, actor, {
    action: 'accountCase.submit',
    entityType: 'accountCase',
    entityId: id,
    before: toDto(row, today),
    after,
  });
  return after;
}

/** The approvals engine's check when a nature-change request is filed. */
export async function checkNatureFiling(
  tx: Tx,
  actor: Actor,
  p: { caseId: string; fromNature: string; toNature: string },
  direction: 'up' | 'down',
) {
  const row = await repo.findCase(tx, actor.companyId, p.caseId);
  if (row?.kind !== 'natureChange') throw CaseError('CASE_NOT_FOUND', { field: 'payload.caseId' });
  assertState(row, ['open'], { zh: '提交审批', en: 'submitted for approval' });
  const d = row.details as NatureChangeDetails;
  const [from, to] = await Promise.all([
    repo.findNature(tx, actor.companyId, row.usageNature),
    repo.findNature(tx, actor.companyId, p.toNature),
  ]);
  if (!to || d.newNature !== p.toNature)
    throw CaseError('NATURE_NOT_FOUND', { field: 'payload.toNature', vars: { code: p.toNature } });
  if (row.usageNature !== p.fromNature || !from) {
    throw CaseError('NATURE_CHANGED_SINCE', { field: 'payload.fromNature', vars: { nature: row.usageNatureName } });
  }
  const actual = natureDirection(from.priceRank, to.priceRank);
  if (actual !== direction) {
    throw CaseError('APPROVAL_DIRECTION', {
      field: 'kind',
      vars: {
        from: from.name,
        to: to.name,
        direction:
          actual === 'up' ? { zh: '低改高', en: 'cheaper to dearer' } : { zh: '高改低', en: 'dearer to cheaper' },
      },
    });
  }
}

/** CUS-11: the final approval makes the change, in its own transaction; a failure fails the approval. */
export async function applyApprovedNatureChange(tx: Tx, actor: Actor, request: DecidedRequest<{ caseId: string }>) {
  const today = businessToday();
  const row = await lockAccountAndCase(tx, actor, request.payload.caseId);
  if (row.status !== 'pendingApproval' || row.approvalRequestId !== request.id) {
    throw CaseError('APPROVAL_MISMATCH', { vars: { caseNo: row.caseNo } });
  }
  const status = statusProblem(row.kind, row.accountStatus);
  if (status) throw refuseAll([status]);
  const done = await complete(tx, actor, row, today);
  return { caseNo: done.caseNo, accountNo: done.account.accountNo, usageNature: done.account.usageNatureName };
}

/**
 * CUS-11: a rejected request refuses its case, a withdrawn one opens it again to be changed and
 * resubmitted, in the transaction that records the decision. A case no longer awaiting this request
 * (cancelled by its submitter, who withdrew the request with it) is left as it is.
 */
export async function settleNatureChange(
  tx: Tx,
  actor: Actor,
  request: DecidedRequest<{ caseId: string }>,
  outcome: 'rejected' | 'withdrawn',
) {
  const today = businessToday();
  const row = await lockCase(tx, actor, request.payload.caseId);
  if (row.status !== 'pendingApproval' || row.approvalRequestId !== request.id) return;
  const [status, action] = outcome === 'rejected' ? (['refused', 'refused'] as const) : (['open', 'reopened'] as const);
  await repo.updateCase(tx, actor.companyId, row.id, { status });
  await event(
    tx,
    actor,
    row.id,
    action,
    { status: row.status },
    { status, approvalNo: row.approvalNo, approvalStatus: outcome },
  );
  await recordAudit(tx, actor, {
    action: `accountCase.${action === 'refused' ? 'refuse' : 'reopen'}`,
    entityType: 'accountCase',
    entityId: row.id,
    before: toDto(row, today),
    after: toDto(await requireCase(tx, actor.companyId, row.id), today),
  });
}

/** Cancels an open case; one awaiting approval has its request withdrawn with it, by its submitter only. */
export async function cancelCase(tx: Tx, actor: Actor, id: string, version: number, reason: string) {
  const today = businessToday();
  const row = await lockAccountAndCase(tx, actor, id);
  assertState(row, ['open', 'pendingApproval'], { zh: '撤销', en: 'cancelled' });
  assertVersion(row, version);
  if (row.status === 'pendingApproval' && row.approvalRequestedBy !== actor.userId) throw CaseError('NOT_REQUESTER');
  await repo.updateCase(tx, actor.companyId, id, { status: 'cancelled', cancelReason: reason });
  // Withdrawn after the case is written cancelled, so the withdrawal's hook leaves it so.
  if (row.status === 'pendingApproval') await withdraw(tx, actor, row.approvalRequestId!, reason);
  await event(tx, actor, id, 'cancelled', { status: row.status }, { status: 'cancelled', reason });
  const after = toDto(await requireCase(tx, actor.companyId, id), today);
  await recordAudit(tx, actor, {
    action: 'accountCase.cancel',
    entityType: 'accountCase',
    entityId: id,
    before: toDto(row, today),
    after,
  });
  return after;
}

/**
 * CUS-10: the meter of a completed closure (or temporary removal) comes off: the removal is a meter
 * event with its reading; a temporary one must be restored within the policy's months.
 */
export async function recordMeterRemoval(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { version: number; removedOn: string; reading: string },
) {
  const today = businessToday();
  const row = await lockCase(tx, actor, id);
  const meter = row.meterId ? await repo.findMeter(tx, actor.companyId, row.meterId) : null;
  const applicable =
    row.kind === 'closure' &&
    row.status === 'completed' &&
    !row.meterRemovedOn &&
    !row.restoredOn &&
    meter?.status === 'installed' &&
    meter.accountId === row.accountId;
  if (!applicable) throw CaseError('REMOVAL_NOT_APPLICABLE');
  assertVersion(row, input.version);
  const completedOn = businessToday(new Date(row.completedAt!));
  if (input.removedOn < completedOn || input.removedOn > today) {
    throw CaseError('REMOVAL_DATE', { field: 'removedOn', vars: { from: completedOn } });
  }
  if (row.readingKind === 'register' && row.reading && new Decimal(input.reading).lt(row.reading)) {
    throw CaseError('READING_BELOW_LAST', { field: 'reading', vars: { value: input.reading, last: row.reading } });
  }
  const temporary = (row.details as { temporary?: boolean }).temporary === true;
  const eventId = await repo.removeMeter(tx, actor.companyId, {
    accountId: row.accountId,
    meterId: meter!.id,
    on: input.removedOn,
    reading: input.reading,
    temporary,
    reason: `${temporary ? '临时拆表' : '销户拆表'}（${row.caseNo}）`,
    by: actor.userId,
  });
  const restoreBy = temporary
    ? addMonths(input.removedOn, await policyValue(tx, actor.companyId, 'cus.temporaryRemovalMonths', input.removedOn))
    : null;
  await repo.updateCase(tx, actor.companyId, id, { meterRemovedOn: input.removedOn, restoreBy });
  await event(tx, actor, id, 'meterRemoved', undefined, {
    removedOn: input.removedOn,
    reading: input.reading,
    restoreBy,
  });
  await recordAudit(tx, actor, {
    action: 'meter.remove',
    entityType: 'meter',
    entityId: meter!.id,
    before: { status: 'installed', accountId: row.accountId },
    after: {
      status: 'removed',
      removedOn: input.removedOn,
      reading: input.reading,
      temporary,
      restoreBy,
      eventId,
      caseNo: row.caseNo,
    },
  });
  return toDto(await requireCase(tx, actor.companyId, id), today);
}

/** One case with its timeline, what still stands in its way, and the account's balance. */
export async function getCase(db: Queryable, companyId: string, id: string, lang: Lang, userId?: string) {
  const today = businessToday();
  const row = await requireCase(db, companyId, id);
  const [events, balance, problems] = await Promise.all([
    repo.listEvents(db, companyId, id),
    accountBalance(db, companyId, row.accountId, today),
    row.status === 'open' ? problemsOf(db, companyId, row, today) : Promise.resolve([]),
  ]);
  return {
    ...toDto(row, today),
    problems: problems.map((p) => ({ code: p.code, field: p.fieldTexts[0]?.path ?? '', message: p.messageIn(lang) })),
    balance: { balance: balance.balance, arrears: balance.arrears, arrearsByPeriod: balance.arrearsByPeriod },
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      actor: e.actorId ? { id: e.actorId, fullName: e.actorName ?? '' } : null,
      at: iso(e.at),
      before: e.before,
      after: e.after,
    })),
    canCancel:
      row.status === 'open' ||
      (row.status === 'pendingApproval' && userId !== undefined && row.approvalRequestedBy === userId),
  };
}

export async function listCases(db: Queryable, companyId: string, q: repo.ListQuery) {
  const today = businessToday();
  const { rows, total } = await repo.listCases(db, companyId, q, today);
  return { items: rows.map((r) => toDto(r, today)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * What the hall sees before opening a case on an account: which flows its status allows, its arrears
 * (CUS-9/10: to be cleared first) and the unfinished case, if any, to continue instead.
 */
export async function previewAccount(db: Queryable, companyId: string, accountId: string) {
  const today = businessToday();
  const account = await repo.findAccount(db, companyId, accountId);
  if (!account) throw CaseError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  const [balance, open] = await Promise.all([
    accountBalance(db, companyId, accountId, today),
    repo.openCaseOf(db, companyId, accountId),
  ]);
  return {
    accountId,
    accountNo: account.accountNo,
    status: account.status,
    customerName: account.customerName,
    customerKind: account.customerKind,
    usageNatureName: account.usageNatureName,
    address: account.address,
    allowedKinds: caseKinds.filter((k) => ALLOWED_FROM[k].includes(account.status)),
    balance: balance.balance,
    arrears: balance.arrears,
    openCase: open ? { id: open.id, caseNo: open.caseNo, kind: open.kind } : null,
  };
}

/** The company's active natures with their price order, for the nature-change form. */
export async function listNatures(db: Queryable, companyId: string) {
  const r = await db.query<{
    code: string;
    name: string;
    commodity: 'gas' | 'water';
    customerKind: repo.CustomerKind;
    priceRank: number;
  }>(
    `SELECT code, name, commodity, customer_kind AS "customerKind", price_rank AS "priceRank"
       FROM usage_natures WHERE company_id = $1 AND active ORDER BY commodity, sort_order, code`,
    [companyId],
  );
  return r.rows;
}

/** The daily job's work for one company: count the deadlines passed. */
export async function dailyCheck(db: Queryable, companyId: string) {
  const overdue = await repo.countOverdue(db, companyId, businessToday());
  return { overdue: Object.fromEntries(overdue.map((o) => [o.kind, o.n])) };
}

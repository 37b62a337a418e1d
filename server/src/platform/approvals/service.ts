import { randomBytes } from 'node:crypto';
import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../audit.js';
import { businessToday } from '../calendar/workdays.js';
import type { Actor, Principal } from '../context.js';
import { type AppError, PlatformError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { computeChain } from './chain.js';
import { ApprovalError } from './errors.js';
import { type ApprovalKind, approvalKind, approvalKinds, type DecidedRequest } from './registry.js';
import * as repo from './repo.js';

const STATUS_ZH = { pending: '审批中', approved: '已通过', rejected: '已驳回', withdrawn: '已撤回' } as const;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The request as the owning module's hooks see it. */
function decided(r: repo.RequestRow): DecidedRequest {
  return {
    id: r.id,
    companyId: r.companyId,
    kind: r.kind,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    amount: r.amount,
    reason: r.reason,
    payload: r.payload,
    requestedBy: r.requestedBy.id,
  };
}

function requireKind(kind: string): ApprovalKind<unknown> {
  const def = approvalKind(kind);
  if (!def) throw ApprovalError('KIND_NOT_FOUND', { field: 'kind', vars: { kind } });
  return def;
}

export function toDto(r: repo.RequestRow) {
  const def = approvalKind(r.kind);
  return {
    id: r.id,
    no: r.no,
    kind: r.kind,
    kindName: def?.name ?? { zh: r.kind, en: r.kind },
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    amount: r.amount,
    reason: r.reason,
    payload: r.payload,
    summary: def?.describe?.(r.payload) ?? { zh: r.reason, en: r.reason },
    status: r.status,
    currentStep: r.currentStep,
    requestedBy: r.requestedBy,
    createdAt: iso(r.createdAt)!,
    decidedAt: iso(r.decidedAt),
    steps: r.steps ?? [],
  };
}

export type ApprovalDto = ReturnType<typeof toDto>;

export interface NewApproval {
  kind: string;
  subjectType: string;
  subjectId?: string | null;
  amount?: string | null;
  reason: string;
  payload: unknown;
}

/** Files a request: the chain is fixed now, from the policy in force today. */
export async function fileRequest(tx: Tx, actor: Actor, p: Principal, input: NewApproval): Promise<ApprovalDto> {
  const def = requireKind(input.kind);
  if (!p.permissions.has(def.requestPermission)) {
    throw PlatformError('FORBIDDEN', {
      vars: { permission: def.requestPermission },
      details: { permission: [def.requestPermission] },
    });
  }
  const payload = parseOrThrow(def.payload, input.payload, 'body', ['payload']);
  await def.validate?.(tx, actor, payload, p);
  const steps = await computeChain(tx, actor.companyId, input.kind, input.amount ?? null, businessToday());
  const today = businessToday().replaceAll('-', '');
  const no = `AP-${today}-${randomBytes(3).toString('hex').toUpperCase()}`;
  const id = await repo.insertRequest(
    tx,
    {
      companyId: actor.companyId,
      no,
      kind: input.kind,
      subjectType: input.subjectType,
      subjectId: input.subjectId ?? null,
      amount: input.amount ?? null,
      reason: input.reason,
      payload,
      requestedBy: actor.userId!,
    },
    steps,
  );
  await repo.insertEvent(tx, actor.companyId, {
    requestId: id,
    actorId: actor.userId,
    actorName: actor.name,
    action: 'submitted',
  });
  const created = toDto((await repo.findRequest(tx, actor.companyId, id))!);
  await recordAudit(tx, actor, { action: 'approval.submit', entityType: 'approval', entityId: id, after: created });
  return created;
}

async function requireRequest(db: Queryable, companyId: string, id: string, forUpdate = false) {
  const r = await repo.findRequest(db, companyId, id, forUpdate);
  if (!r) throw ApprovalError('REQUEST_NOT_FOUND');
  return r;
}

function wrongState(r: repo.RequestRow, action: { zh: string; en: string }) {
  return ApprovalError('WRONG_STATE', { vars: { status: { zh: STATUS_ZH[r.status], en: r.status }, action } });
}

/**
 * Whether the actor may sign the current step: never the requester (four eyes), never the
 * person the request is about, never someone who signed an earlier step, and only a holder of
 * one of the step's roles. Returns the error, or null when allowed.
 */
async function signingError(db: Queryable, r: repo.RequestRow, actor: Actor): Promise<AppError | null> {
  const step = r.steps.find((s) => s.stepNo === r.currentStep);
  if (r.status !== 'pending' || !step) return wrongState(r, { zh: '审批', en: 'approved' });
  if (r.requestedBy.id === actor.userId) return ApprovalError('SELF_APPROVAL');
  if (r.subjectType === 'user' && r.subjectId === actor.userId) return ApprovalError('SUBJECT_APPROVAL');
  if (r.steps.some((s) => s.actedBy?.id === actor.userId)) {
    return ApprovalError('SAME_APPROVER', { vars: { step: step.label } });
  }
  const mine = await repo.roleCodesOf(db, actor.companyId, actor.userId!);
  if (!step.roles.some((code) => mine.includes(code))) {
    const zh = step.roleNames.map((n) => n.zh).join('或') || step.roles.join('/');
    const en = step.roleNames.map((n) => n.en).join(' or ') || step.roles.join('/');
    return ApprovalError('NOT_YOUR_STEP', { vars: { step: step.label, roles: { zh, en } } });
  }
  return null;
}

export async function approve(
  tx: Tx,
  actor: Actor,
  id: string,
  comment: string | null,
): Promise<{ request: ApprovalDto; outcome: Record<string, unknown> | null }> {
  const r = await requireRequest(tx, actor.companyId, id, true);
  const refusal = await signingError(tx, r, actor);
  if (refusal) throw refusal;
  const stepNo = r.currentStep!;
  const before = toDto(r);
  await repo.setStep(tx, actor.companyId, id, stepNo, { status: 'approved', actedBy: actor.userId, comment });
  await repo.insertEvent(tx, actor.companyId, {
    requestId: id,
    actorId: actor.userId,
    actorName: actor.name,
    action: 'approved',
    stepNo,
    comment,
  });
  const last = stepNo === r.steps.length;
  let outcome: Record<string, unknown> | null = null;
  if (last) {
    await repo.setRequest(tx, actor.companyId, id, { status: 'approved', currentStep: null, decided: true });
    // The owning module's action, in this same transaction: if it fails, the approval does too.
    outcome = (await requireKind(r.kind).onApproved(tx, actor, decided(r))) ?? null;
    await repo.insertEvent(tx, actor.companyId, { requestId: id, actorId: null, actorName: null, action: 'completed' });
  } else {
    await repo.setStep(tx, actor.companyId, id, stepNo + 1, { status: 'pending' });
    await repo.setRequest(tx, actor.companyId, id, { status: 'pending', currentStep: stepNo + 1, decided: false });
  }
  const after = toDto((await repo.findRequest(tx, actor.companyId, id))!);
  await recordAudit(tx, actor, {
    action: last ? 'approval.complete' : 'approval.approve',
    entityType: 'approval',
    entityId: id,
    before,
    after,
  });
  return { request: after, outcome };
}

export async function reject(tx: Tx, actor: Actor, id: string, comment: string): Promise<ApprovalDto> {
  const r = await requireRequest(tx, actor.companyId, id, true);
  const refusal = await signingError(tx, r, actor);
  if (refusal) throw refusal;
  const before = toDto(r);
  const stepNo = r.currentStep!;
  await repo.setStep(tx, actor.companyId, id, stepNo, { status: 'rejected', actedBy: actor.userId, comment });
  await repo.setRequest(tx, actor.companyId, id, { status: 'rejected', currentStep: null, decided: true });
  await repo.insertEvent(tx, actor.companyId, {
    requestId: id,
    actorId: actor.userId,
    actorName: actor.name,
    action: 'rejected',
    stepNo,
    comment,
  });
  // The owning module's follow-up, in this same transaction: if it fails, the rejection does too.
  await approvalKind(r.kind)?.onRejected?.(tx, actor, decided(r));
  const after = toDto((await repo.findRequest(tx, actor.companyId, id))!);
  await recordAudit(tx, actor, { action: 'approval.reject', entityType: 'approval', entityId: id, before, after });
  return after;
}

export async function withdraw(tx: Tx, actor: Actor, id: string, comment: string | null): Promise<ApprovalDto> {
  const r = await requireRequest(tx, actor.companyId, id, true);
  if (r.requestedBy.id !== actor.userId) throw ApprovalError('NOT_REQUESTER');
  if (r.status !== 'pending') throw wrongState(r, { zh: '撤回', en: 'withdrawn' });
  const before = toDto(r);
  await repo.setRequest(tx, actor.companyId, id, { status: 'withdrawn', currentStep: null, decided: true });
  await repo.insertEvent(tx, actor.companyId, {
    requestId: id,
    actorId: actor.userId,
    actorName: actor.name,
    action: 'withdrawn',
    comment,
  });
  // The owning module's follow-up, in this same transaction: if it fails, the withdrawal does too.
  await approvalKind(r.kind)?.onWithdrawn?.(tx, actor, decided(r));
  const after = toDto((await repo.findRequest(tx, actor.companyId, id))!);
  await recordAudit(tx, actor, { action: 'approval.withdraw', entityType: 'approval', entityId: id, before, after });
  return after;
}

/** Who may see a request: its requester, anyone on its chain, and holders of the register permission. */
async function assertCanSee(db: Queryable, r: repo.RequestRow, p: Principal): Promise<void> {
  if (r.requestedBy.id === p.userId || p.permissions.has('approvals.register')) return;
  if (r.steps.some((s) => s.actedBy?.id === p.userId)) return;
  const mine = await repo.roleCodesOf(db, p.companyId, p.userId);
  if (r.steps.some((s) => s.roles.some((code) => mine.includes(code)))) return;
  throw ApprovalError('REQUEST_NOT_FOUND');
}

export async function getRequestDetail(db: Queryable, p: Principal, id: string) {
  const r = await requireRequest(db, p.companyId, id);
  await assertCanSee(db, r, p);
  const actor: Actor = { companyId: p.companyId, userId: p.userId, name: p.fullName };
  const [events, attachments, refusal] = await Promise.all([
    repo.listEvents(db, p.companyId, id),
    repo.listAttachments(db, p.companyId, id),
    signingError(db, r, actor),
  ]);
  return {
    ...toDto(r),
    events: events.map((e) => ({ ...e, at: iso(e.at)! })),
    attachments: attachments.map((a) => ({ ...a, uploadedAt: iso(a.uploadedAt)! })),
    canApprove: refusal === null,
    canWithdraw: r.status === 'pending' && r.requestedBy.id === p.userId,
    canAttach: r.status === 'pending' && r.requestedBy.id === p.userId,
  };
}

export async function inbox(db: Queryable, p: Principal): Promise<ApprovalDto[]> {
  const roles = await repo.roleCodesOf(db, p.companyId, p.userId);
  if (!roles.length) return [];
  return (await repo.listInbox(db, p.companyId, p.userId, roles)).map(toDto);
}

export async function listRequests(db: Queryable, companyId: string, q: repo.ListQuery) {
  const { rows, total } = await repo.listRequests(db, companyId, q);
  return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
}

export async function report(db: Queryable, companyId: string, year: number, kind?: string) {
  const rows = await repo.monthlyReport(db, companyId, year, kind);
  return {
    year,
    items: rows.map((r) => ({ ...r, kindName: approvalKind(r.kind)?.name ?? { zh: r.kind, en: r.kind } })),
  };
}

export function kindsFor(p: Principal) {
  return approvalKinds().map((k) => ({
    kind: k.kind,
    name: k.name,
    canRequest: p.permissions.has(k.requestPermission),
  }));
}

const ATTACHMENT_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export async function attach(
  tx: Tx,
  actor: Actor,
  id: string,
  file: { fileName: string; contentType: string; data: Buffer },
) {
  const r = await requireRequest(tx, actor.companyId, id, true);
  if (r.requestedBy.id !== actor.userId) throw ApprovalError('NOT_REQUESTER');
  if (r.status !== 'pending') throw wrongState(r, { zh: '添加附件', en: 'given attachments' });
  if (!ATTACHMENT_TYPES.has(file.contentType)) throw ApprovalError('ATTACHMENT_TYPE');
  const attachmentId = await repo.insertAttachment(tx, actor.companyId, {
    requestId: id,
    ...file,
    uploadedBy: actor.userId!,
  });
  await repo.insertEvent(tx, actor.companyId, {
    requestId: id,
    actorId: actor.userId,
    actorName: actor.name,
    action: 'attached',
    comment: file.fileName,
  });
  await recordAudit(tx, actor, {
    action: 'approval.attach',
    entityType: 'approval',
    entityId: id,
    after: { attachmentId, fileName: file.fileName, contentType: file.contentType, size: file.data.length },
  });
  const [created] = (await repo.listAttachments(tx, actor.companyId, id)).filter((a) => a.id === attachmentId);
  return { ...created!, uploadedAt: iso(created!.uploadedAt)! };
}

export async function readAttachment(db: Queryable, p: Principal, id: string, attachmentId: string) {
  const r = await requireRequest(db, p.companyId, id);
  await assertCanSee(db, r, p);
  const file = await repo.readAttachment(db, p.companyId, id, attachmentId);
  if (!file) throw ApprovalError('ATTACHMENT_NOT_FOUND');
  return file;
}

export async function chainPreview(db: Queryable, companyId: string, kind: string, amount: string | null) {
  requireKind(kind);
  const steps = await computeChain(db, companyId, kind, amount, businessToday());
  const names = await db.query<{ code: string; zh: string; en: string }>(
    'SELECT code, name_zh AS zh, name_en AS en FROM roles WHERE company_id = $1',
    [companyId],
  );
  const byCode = new Map(names.rows.map((n) => [n.code, { zh: n.zh, en: n.en }]));
  return {
    steps: steps.map((s) => ({ ...s, roleNames: s.roles.map((c) => byCode.get(c)).filter((x) => x !== undefined) })),
  };
}

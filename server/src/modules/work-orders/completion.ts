/**
 * Completion (SVC-4, SVC-7, SVC-8, SVC-9): the one way an order becomes completed. In one transaction: the
 * customer's signature (required when the type's steps include `sign`) and photos, checked to be images;
 * the generic rules (the type's required forms filled, no hazard open) and the type's beforeComplete;
 * the status; the type's onComplete (meter history, deposit, application); then the completed listeners
 * (callbacks, my contacts) through workOrderCompleted.
 */
import type { Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import { decodeImage, MAX_PHOTOS, PHOTO_MAX_BYTES, SIGNATURE_MAX_BYTES } from './attachments.js';
import { WorkOrderError } from './errors.js';
import { hookContext, requireMine, type WorkOpts } from './forms.js';
import * as formsRepo from './forms-repo.js';
import { workOrderCompleted } from './lifecycle.js';
import * as repo from './repo.js';
import { finish, requireOrder, requireVersion, STATUS_TEXT } from './service.js';
import { refusal, typeHooks } from './type-hooks.js';

export interface CompleteInput {
  version: number;
  signature?: string | null;
  photos?: string[] | null;
  note?: string | null;
}

export async function completeWorkOrder(tx: Tx, actor: Actor, id: string, input: CompleteInput, opts: WorkOpts) {
  const { companyId } = actor;
  const o = await requireOrder(tx, companyId, id);
  requireMine(o, actor, opts);
  requireVersion(o, input.version);
  if (o.status !== 'arrived') {
    throw WorkOrderError('BAD_TRANSITION', {
      field: 'version',
      vars: { from: STATUS_TEXT[o.status], to: STATUS_TEXT.completed },
    });
  }
  if (o.pausedSince) throw WorkOrderError('PAUSED', { vars: { reason: o.pauseReason ?? '' } });
  const type = await repo.findType(tx, companyId, o.typeCode);
  const steps = type?.steps.map((s) => s.code) ?? [];

  // What was sent is checked before any rule of the type: a bad image is the caller's input to fix.
  const signature = input.signature?.trim() ? decodeImage(input.signature, 'signature', SIGNATURE_MAX_BYTES) : null;
  if (steps.includes('sign') && !signature) throw WorkOrderError('SIGNATURE_REQUIRED', { field: 'signature' });
  const photos = (input.photos ?? [])
    .slice(0, MAX_PHOTOS)
    .map((p, i) => decodeImage(p, `photos.${i}`, PHOTO_MAX_BYTES));

  const ctx = await hookContext(tx, actor, o);
  const hooks = typeHooks(o.typeCode);
  const missing = (hooks.forms ?? []).filter((f) => f.required && !ctx.forms[f.code]);
  if (missing.length) {
    const forms = {
      zh: missing.map((f) => `「${f.name.zh}」`).join('、'),
      en: missing.map((f) => f.name.en).join(', '),
    };
    const base = WorkOrderError('FORMS_MISSING', { vars: { forms } });
    throw refusal(
      () => base,
      missing.map((f) => ({ path: `forms.${f.code}`, text: f.name })),
    );
  }
  const open = (await formsRepo.listHazards(tx, companyId, id)).filter((h) => !h.fixedAt);
  if (open.length) {
    throw refusal(
      (opt) => WorkOrderError('HAZARD_OPEN', opt),
      open.map((h) => ({ path: `hazards.${h.code}`, text: { zh: h.nameZh, en: h.nameEn } })),
    );
  }
  await hooks.beforeComplete?.(tx, ctx);

  const uploaded: { id: string; kind: string; contentType: string; sizeBytes: number }[] = [];
  const keep = async (kind: 'signature' | 'photo', img: { contentType: string; data: Buffer }) => {
    const attachmentId = await formsRepo.insertAttachment(tx, companyId, id, {
      kind,
      ...img,
      uploadedBy: actor.userId!,
    });
    uploaded.push({ id: attachmentId, kind, contentType: img.contentType, sizeBytes: img.data.length });
  };
  if (signature) await keep('signature', signature);
  for (const p of photos) await keep('photo', p);

  const note = input.note?.trim() || null;
  const change: repo.WorkOrderChange = { status: 'completed', completed_at: new Date(), outcome_reason: null };
  if (!(await repo.updateWorkOrder(tx, companyId, id, o.version, change))) {
    throw WorkOrderError('VERSION_CONFLICT', { field: 'version' });
  }
  await formsRepo.setCompletionNote(tx, companyId, id, note);
  await repo.insertEvent(tx, companyId, id, {
    kind: 'status',
    fromStatus: o.status,
    toStatus: 'completed',
    reason: note,
    actorId: actor.userId,
    actorName: actor.name,
  });
  await hooks.onComplete?.(tx, ctx);
  if (uploaded.length) {
    await recordAudit(tx, actor, {
      action: 'workOrder.attachments',
      entityType: 'workOrder',
      entityId: id,
      after: { attachments: uploaded },
    });
  }
  const after = await finish(tx, actor, id, o, 'workOrder.completed');
  await workOrderCompleted(tx, actor, after);
  return after;
}

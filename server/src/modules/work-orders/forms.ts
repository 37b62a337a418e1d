/**
 * What the technician records on an order: the type's forms (validated by the type's schema, versioned,
 * audited), the hazards of a gas-in (SVC-8), and the order's record as the technician and the console read it.
 */
import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { parseOrThrow } from '../../platform/validation.js';
import { WorkOrderError } from './errors.js';
import { priceListOf } from './forms/repair.js';
import * as formsRepo from './forms-repo.js';
import * as repo from './repo.js';
import { requireOpen, requireOrder } from './service.js';
import { formDef, type HookContext, type SavedForm, typeHooks } from './type-hooks.js';
import './forms/index.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export interface WorkOpts {
  mayDispatch: boolean;
}

/** Only the order's technician works on it, or a dispatcher on their behalf. */
export function requireMine(o: repo.WorkOrderRow, actor: Actor, opts: WorkOpts) {
  if (!opts.mayDispatch && o.technicianId !== actor.userId) throw WorkOrderError('NOT_YOURS');
}

export async function loadForms(db: Queryable, companyId: string, orderId: string): Promise<Record<string, SavedForm>> {
  const out: Record<string, SavedForm> = {};
  for (const f of await formsRepo.listForms(db, companyId, orderId))
    out[f.formCode] = { data: f.data, version: f.version };
  return out;
}

export async function hookContext(db: Queryable, actor: Actor, order: repo.WorkOrderRow): Promise<HookContext> {
  return { db, actor, order, forms: await loadForms(db, actor.companyId, order.id), today: businessToday() };
}

async function stepsOf(db: Queryable, companyId: string, typeCode: string) {
  return (await repo.findType(db, companyId, typeCode))?.steps.map((s) => s.code) ?? [];
}

/** The order's record: the type's forms (filled or not), hazards, fees, signature and photos, visits. */
export async function getRecord(db: Queryable, companyId: string, id: string) {
  const o = await requireOrder(db, companyId, id);
  const steps = await stepsOf(db, companyId, o.typeCode);
  const saved = await formsRepo.listForms(db, companyId, id);
  const defs = typeHooks(o.typeCode).forms ?? [];
  const forms = defs.map((d) => {
    const s = saved.find((f) => f.formCode === d.code);
    return {
      code: d.code,
      name: d.name,
      required: d.required,
      data: s?.data ?? null,
      version: s?.version ?? 0,
      updatedAt: iso(s?.updatedAt ?? null),
      updatedByName: s?.updatedByName ?? null,
    };
  });
  const hasHazards = steps.includes('hazards');
  const today = businessToday();
  const extras = await formsRepo.orderExtras(db, companyId, id);
  return {
    orderId: o.id,
    typeCode: o.typeCode,
    status: o.status,
    signatureRequired: steps.includes('sign'),
    forms,
    hazardsApply: hasHazards,
    hazardList: hasHazards ? await policyValue(db, companyId, 'svc.gasInHazards', today) : [],
    hazards: (await formsRepo.listHazards(db, companyId, id)).map((h) => ({
      id: h.id,
      code: h.code,
      name: { zh: h.nameZh, en: h.nameEn },
      note: h.note,
      foundAt: iso(h.foundAt)!,
      foundByName: h.foundByName,
      fixed: h.fixedAt !== null,
      fixedAt: iso(h.fixedAt),
      fixedByName: h.fixedByName,
      fixNote: h.fixNote,
    })),
    priceList: await priceListOf(db, companyId, o),
    feeTotal: extras.feeTotal,
    paymentMethod: extras.paymentMethod,
    completionNote: extras.completionNote,
    noAccessCount: extras.noAccessCount,
    attachments: (await formsRepo.listAttachments(db, companyId, id)).map((a) => ({
      id: a.id,
      kind: a.kind,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      uploadedAt: iso(a.uploadedAt)!,
      uploadedByName: a.uploadedByName,
      url: `/api/work-orders/${id}/attachments/${a.id}`,
    })),
    visits: (await formsRepo.listVisits(db, companyId, id)).map((v) => ({
      id: v.id,
      outcome: v.outcome,
      visitedAt: iso(v.visitedAt)!,
      technicianName: v.technicianName,
      employeeNo: v.employeeNo,
      revisitAt: iso(v.revisitAt)!,
      note: v.note,
    })),
  };
}

/**
 * Saves one form of the order: validated by the type's schema (each field named on failure), worked out by
 * the form's `prepare` (prices, the deposit), written at the expected version (0 for a new form), audited.
 */
export async function saveOrderForm(
  tx: Tx,
  actor: Actor,
  id: string,
  formCode: string,
  input: { version: number; data: unknown },
  opts: WorkOpts,
) {
  const { companyId } = actor;
  const o = await requireOrder(tx, companyId, id);
  const def = formDef(o.typeCode, formCode);
  if (!def) throw WorkOrderError('FORM_UNKNOWN', { vars: { type: o.typeNameZh, form: formCode } });
  requireMine(o, actor, opts);
  requireOpen(o);
  const data = parseOrThrow(def.schema, input.data, 'form', ['data']) as Record<string, unknown>;
  const ctx = await hookContext(tx, actor, o);
  const current = ctx.forms[formCode];
  const conflict = () => WorkOrderError('FORM_VERSION_CONFLICT', { field: 'version', vars: { form: def.name } });
  if ((current?.version ?? 0) !== input.version) throw conflict();
  const final = def.prepare ? await def.prepare(tx, ctx, data) : data;
  if (!(await formsRepo.saveForm(tx, companyId, id, formCode, input.version, final, actor.userId!))) throw conflict();
  await recordAudit(tx, actor, {
    action: 'workOrder.form',
    entityType: 'workOrder',
    entityId: id,
    before: current ? { form: formCode, version: current.version, data: current.data } : null,
    after: { form: formCode, version: input.version + 1, data: final },
  });
  return getRecord(tx, companyId, id);
}

async function requireHazardOrder(tx: Tx, actor: Actor, id: string, opts: WorkOpts) {
  const o = await requireOrder(tx, actor.companyId, id);
  requireMine(o, actor, opts);
  requireOpen(o);
  if (!(await stepsOf(tx, actor.companyId, o.typeCode)).includes('hazards')) {
    throw WorkOrderError('HAZARDS_GAS_IN_ONLY');
  }
  return o;
}

/** SVC-8: lists a hazard found on site, from the company's list; it blocks gas-in until fixed. */
export async function addHazard(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { code: string; note?: string | null },
  opts: WorkOpts,
) {
  await requireHazardOrder(tx, actor, id, opts);
  const list = await policyValue(tx, actor.companyId, 'svc.gasInHazards', businessToday());
  const item = list.find((h) => h.code === input.code);
  if (!item) throw WorkOrderError('HAZARD_UNKNOWN', { field: 'code', vars: { code: input.code } });
  const hazardId = await formsRepo.insertHazard(tx, actor.companyId, id, {
    code: item.code,
    nameZh: item.zh,
    nameEn: item.en,
    note: input.note?.trim() || null,
    foundBy: actor.userId!,
  });
  if (!hazardId) throw WorkOrderError('HAZARD_LISTED', { field: 'code', vars: { name: { zh: item.zh, en: item.en } } });
  await recordAudit(tx, actor, {
    action: 'workOrder.hazard.add',
    entityType: 'workOrder',
    entityId: id,
    after: { hazardId, code: item.code, note: input.note ?? null },
  });
  return getRecord(tx, actor.companyId, id);
}

/** SVC-8: marks a hazard fixed (整改合格). */
export async function fixHazard(
  tx: Tx,
  actor: Actor,
  id: string,
  hazardId: string,
  input: { note?: string | null },
  opts: WorkOpts,
) {
  await requireHazardOrder(tx, actor, id, opts);
  const h = await formsRepo.findHazard(tx, actor.companyId, id, hazardId);
  if (!h) throw WorkOrderError('HAZARD_NOT_FOUND');
  const name = { zh: h.nameZh, en: h.nameEn };
  if (h.fixedAt) throw WorkOrderError('HAZARD_FIXED', { vars: { name } });
  if (!(await formsRepo.fixHazard(tx, actor.companyId, hazardId, actor.userId!, input.note?.trim() || null))) {
    throw WorkOrderError('HAZARD_FIXED', { vars: { name } });
  }
  await recordAudit(tx, actor, {
    action: 'workOrder.hazard.fix',
    entityType: 'workOrder',
    entityId: id,
    before: { hazardId, code: h.code, fixed: false },
    after: { hazardId, code: h.code, fixed: true, note: input.note ?? null },
  });
  return getRecord(tx, actor.companyId, id);
}

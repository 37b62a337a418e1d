import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import { applyPlanChange, PLAN_CHANGE_KIND, type PlanChangePayload } from './service.js';

const payload: z.ZodType<PlanChangePayload> = z.object({
  planId: z.uuid(),
  version: z.number().int().min(1),
  bookCode: z.string().max(32),
  period: z.string().max(7),
  fromPlannedOn: z.iso.date(),
  plannedOn: z.iso.date(),
  fromReaderId: z.uuid().nullable(),
  readerId: z.uuid().nullable(),
});

/** MTR-1: a change of a reading plan (its date or reader) needs a written request and the manager's approval. */
registerApprovalKind({
  kind: PLAN_CHANGE_KIND,
  name: { zh: '抄表计划变更', en: 'Reading plan change' },
  requestPermission: 'reading.book.manage',
  payload,
  onApproved: (tx, actor, request) => applyPlanChange(tx, actor, request.payload),
  describe: (p) => ({
    zh: `抄表册 ${p.bookCode} ${p.period} 计划日期 ${p.fromPlannedOn} → ${p.plannedOn}`,
    en: `Book ${p.bookCode} ${p.period}: planned ${p.fromPlannedOn} → ${p.plannedOn}`,
  }),
});

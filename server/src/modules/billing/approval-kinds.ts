import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import { applyTariffChange, refuseTariffChange, TARIFF_CHANGE_KIND, type TariffChangePayload } from './service.js';

const day = z.iso.date();
const payload: z.ZodType<TariffChangePayload> = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('create'),
    tariffId: z.uuid(),
    usageNature: z.string().max(32),
    name: z.string().max(100),
    effectiveFrom: day,
    effectiveTo: day.nullable(),
    supersedes: z.uuid().nullable(),
    supersededName: z.string().max(100).nullable(),
  }),
  z.object({
    action: z.literal('end'),
    tariffId: z.uuid(),
    usageNature: z.string().max(32),
    name: z.string().max(100),
    fromEffectiveTo: day.nullable(),
    effectiveTo: day,
  }),
]);

/** BIL-1: a new tariff, a new price version, or ending a tariff takes effect on final approval. */
registerApprovalKind({
  kind: TARIFF_CHANGE_KIND,
  name: { zh: '气价变更', en: 'Tariff change' },
  requestPermission: 'billing.tariff.manage',
  payload,
  onApproved: (tx, actor, request) => applyTariffChange(tx, actor, request.payload),
  onRejected: (tx, actor, request) => refuseTariffChange(tx, actor, request.payload),
  onWithdrawn: (tx, actor, request) => refuseTariffChange(tx, actor, request.payload),
  describe: (p) =>
    p.action === 'create'
      ? {
          zh: `新增气价「${p.name}」（${p.usageNature}）${p.effectiveFrom} 起${p.supersededName ? `，替代「${p.supersededName}」` : ''}`,
          en: `New tariff "${p.name}" (${p.usageNature}) from ${p.effectiveFrom}${p.supersededName ? `, superseding "${p.supersededName}"` : ''}`,
        }
      : {
          zh: `气价「${p.name}」失效日期 ${p.fromEffectiveTo ?? '无'} → ${p.effectiveTo}`,
          en: `Tariff "${p.name}" ends ${p.fromEffectiveTo ?? 'never'} → ${p.effectiveTo}`,
        },
});

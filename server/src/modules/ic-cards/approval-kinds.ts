import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import {
  approveReplenishment,
  checkReplenishmentFiling,
  REASON_ZH,
  REPLENISHMENT_KIND,
  type ReplenishmentPayload,
  settleRefusedReplenishment,
} from './replenishment.js';

const payload: z.ZodType<ReplenishmentPayload> = z.object({
  replenishmentId: z.uuid(),
  no: z.string().max(40),
  accountNo: z.string().max(18),
  volume: z.string().max(20),
  reason: z.string().max(40),
});

/** ICC-2: a positive replenishment (补气) is written to the card after the final approval (chain `replenishment`). */
registerApprovalKind({
  kind: REPLENISHMENT_KIND,
  name: { zh: 'IC 卡补气', en: 'IC-card replenishment' },
  requestPermission: 'ic.replenishment.request',
  payload,
  validate: (tx, actor, p) => checkReplenishmentFiling(tx, actor, p),
  onApproved: (tx, actor, request) => approveReplenishment(tx, actor, request.payload, request.id),
  onRejected: (tx, actor, request) => settleRefusedReplenishment(tx, actor, request.payload, 'rejected'),
  onWithdrawn: (tx, actor, request) => settleRefusedReplenishment(tx, actor, request.payload, 'withdrawn'),
  describe: (p) => ({
    zh: `补气 ${p.no} 用户 ${p.accountNo} ${p.volume} 立方米（${REASON_ZH[p.reason] ?? p.reason}）`,
    en: `Replenishment ${p.no} of account ${p.accountNo}, ${p.volume} m³`,
  }),
});

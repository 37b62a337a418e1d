import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import {
  ADJUSTMENT_KIND,
  type AdjustmentPayload,
  checkFiling,
  KIND_ZH,
  postAdjustment,
  settleRefused,
} from './service.js';

const payload: z.ZodType<AdjustmentPayload> = z.object({
  adjustmentId: z.uuid(),
  adjustmentNo: z.string().max(40),
  accountNo: z.string().max(18),
  kind: z.string().max(40),
  direction: z.enum(['credit', 'debit']),
  amount: z.string().max(20),
});

/** BIL-5: an adjustment (退补) is posted to the ledger by its final approval. */
registerApprovalKind({
  kind: ADJUSTMENT_KIND,
  name: { zh: '退补', en: 'Adjustment' },
  requestPermission: 'adjustment.apply',
  payload,
  validate: (tx, actor, p) => checkFiling(tx, actor, p),
  onApproved: (tx, actor, request) => postAdjustment(tx, actor, request.payload),
  onRejected: (tx, actor, request) => settleRefused(tx, actor, request.payload, 'rejected'),
  onWithdrawn: (tx, actor, request) => settleRefused(tx, actor, request.payload, 'withdrawn'),
  describe: (p) => ({
    zh: `${p.adjustmentNo} 用户 ${p.accountNo} ${KIND_ZH[p.kind] ?? p.kind}${p.direction === 'credit' ? '退' : '补'} ${p.amount} 元`,
    en: `${p.adjustmentNo} account ${p.accountNo} ${p.kind} ${p.direction} ${p.amount} yuan`,
  }),
});

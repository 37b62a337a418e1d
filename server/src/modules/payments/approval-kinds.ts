import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import {
  checkReversalFiling,
  postReversal,
  REVERSAL_KIND,
  type ReversalPayload,
  settleRefusedReversal,
} from './service.js';

const payload: z.ZodType<ReversalPayload> = z.object({
  paymentId: z.uuid(),
  paymentNo: z.string().max(40),
  accountNo: z.string().max(18),
  amount: z.string().max(20),
});

/** PAY-1: a payment is reversed (冲正) by the final approval of its reversal request. */
registerApprovalKind({
  kind: REVERSAL_KIND,
  name: { zh: '收费冲正', en: 'Payment reversal' },
  requestPermission: 'payment.reverse',
  payload,
  validate: (tx, actor, p) => checkReversalFiling(tx, actor, p),
  onApproved: (tx, actor, request) => postReversal(tx, actor, request.payload, request.id),
  onRejected: (tx, actor, request) => settleRefusedReversal(tx, actor, request.payload),
  onWithdrawn: (tx, actor, request) => settleRefusedReversal(tx, actor, request.payload),
  describe: (p) => ({
    zh: `收费冲正 ${p.paymentNo} 用户 ${p.accountNo} ${p.amount} 元`,
    en: `Reverse payment ${p.paymentNo} of account ${p.accountNo}, ${p.amount} yuan`,
  }),
});

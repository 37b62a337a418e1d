import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import { CASE_ZH, checkFiling, postRefund, REFUND_KIND, type RefundPayload, settleRefused } from './service.js';

const payload: z.ZodType<RefundPayload> = z.object({
  refundId: z.uuid(),
  refundNo: z.string().max(40),
  accountNo: z.string().max(18),
  caseKind: z.string().max(40),
  amount: z.string().max(20),
});

/** PAY-7: an accepted refund is paid out after the `refund` chain (finance); the final approval posts it. */
registerApprovalKind({
  kind: REFUND_KIND,
  name: { zh: '退费', en: 'Refund' },
  requestPermission: 'refund.review',
  payload,
  validate: (tx, actor, p) => checkFiling(tx, actor, p),
  onApproved: (tx, actor, request) => postRefund(tx, actor, request.payload, request.id),
  onRejected: (tx, actor, request) => settleRefused(tx, actor, request.payload, 'rejected'),
  onWithdrawn: (tx, actor, request) => settleRefused(tx, actor, request.payload, 'withdrawn'),
  describe: (p) => ({
    zh: `退费 ${p.refundNo} 用户 ${p.accountNo} ${CASE_ZH[p.caseKind as keyof typeof CASE_ZH] ?? p.caseKind} ${p.amount} 元`,
    en: `Refund ${p.refundNo} of account ${p.accountNo} (${p.caseKind}), ${p.amount} yuan`,
  }),
});

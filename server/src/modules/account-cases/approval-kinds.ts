import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import { APPROVAL_KIND, applyApprovedNatureChange, checkNatureFiling, settleNatureChange } from './service.js';

const payload = z.object({
  caseId: z.uuid(),
  caseNo: z.string().max(40),
  accountId: z.uuid(),
  accountNo: z.string().max(18),
  fromNature: z.string().max(32),
  fromNatureName: z.string().max(100),
  toNature: z.string().max(32),
  toNatureName: z.string().max(100),
});

/**
 * CUS-11 (004): a usage-nature change is approved by price direction — cheaper to dearer by the office
 * manager, dearer to cheaper by the deputy general manager (chains in the policy approvals.chains).
 * The case files the request on submit; the final approval changes the nature in its transaction, a
 * rejection refuses the case and a withdrawal opens it again, each in the transaction of the decision.
 */
for (const direction of ['up', 'down'] as const) {
  registerApprovalKind({
    kind: APPROVAL_KIND[direction],
    name:
      direction === 'up'
        ? { zh: '用气性质变更（低改高）', en: 'Usage-nature change, cheaper to dearer' }
        : { zh: '用气性质变更（高改低）', en: 'Usage-nature change, dearer to cheaper' },
    requestPermission: 'customer.case',
    payload,
    validate: (tx, actor, p) => checkNatureFiling(tx, actor, p, direction),
    onApproved: (tx, actor, request) => applyApprovedNatureChange(tx, actor, request),
    onRejected: (tx, actor, request) => settleNatureChange(tx, actor, request, 'rejected'),
    onWithdrawn: (tx, actor, request) => settleNatureChange(tx, actor, request, 'withdrawn'),
    describe: (p) => ({
      zh: `用户 ${p.accountNo} 用气性质「${p.fromNatureName}」改为「${p.toNatureName}」（${p.caseNo}）`,
      en: `Account ${p.accountNo}: usage nature ${p.fromNature} → ${p.toNature} (${p.caseNo})`,
    }),
  });
}

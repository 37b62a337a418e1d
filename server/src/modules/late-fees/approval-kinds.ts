import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import { CATEGORY_NAMES, reasonOf } from './reasons.js';
import { checkWaiverFiling, decideWaiver, WAIVER_KIND, type WaiverPayload } from './service.js';

const payload: z.ZodType<WaiverPayload> = z.object({
  waiverId: z.uuid(),
  accountId: z.uuid(),
  accountNo: z.string().max(18),
  category: z.enum(['waive', 'reduce']),
  reason: z.string().max(32),
  amount: z.string().max(16),
});

/** BIL-4: a late-fee waiver counts once the chain of its amount tier has signed, level by level. */
registerApprovalKind({
  kind: WAIVER_KIND,
  name: { zh: '违约金减免', en: 'Late-fee waiver' },
  requestPermission: 'lateFee.waive.request',
  payload,
  validate: (tx, actor, p) => checkWaiverFiling(tx, actor, p),
  onApproved: (tx, actor, request) => decideWaiver(tx, actor, request, 'approved'),
  onRejected: async (tx, actor, request) => {
    await decideWaiver(tx, actor, request, 'rejected');
  },
  onWithdrawn: async (tx, actor, request) => {
    await decideWaiver(tx, actor, request, 'withdrawn');
  },
  describe: (p) => {
    const reason = reasonOf(p.reason);
    return {
      zh: `户号 ${p.accountNo} ${CATEGORY_NAMES[p.category].zh}违约金 ${p.amount} 元（${reason?.zh ?? p.reason}）`,
      en: `Account ${p.accountNo}: ${CATEGORY_NAMES[p.category].en.toLowerCase()} late fee ${p.amount} (${reason?.en ?? p.reason})`,
    };
  },
});

import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import { requireUser } from '../iam/users-service.js';
import { applyApprovedChange, type ChangePayload, checkPayload, describeChange } from './changes.js';
import { entity } from './schemas.js';

const payload: z.ZodType<ChangePayload> = z.object({
  accountId: z.uuid(),
  accountNo: z.string().min(1).max(18),
  changes: z
    .array(
      z.object({
        entity,
        entityId: z.uuid(),
        field: z.string().min(1).max(32),
        before: z.unknown(),
        after: z.unknown(),
      }),
    )
    .min(1)
    .max(40),
  versions: z.partialRecord(entity, z.number().int().min(1)),
});

/**
 * IAM-4: a change of protected customer data is a request of kind customerDataChange, approved along
 * the chain the company's policy sets (approvals.chains.customerDataChange). The request carries each
 * field's value before and after and the versions it was based on; the final approval applies it.
 */
registerApprovalKind<ChangePayload>({
  kind: 'customerDataChange',
  name: { zh: '用户资料变更', en: 'Customer data change' },
  requestPermission: 'customer.manage',
  payload,
  async validate(tx, actor, p) {
    await checkPayload(tx, actor.companyId, p);
  },
  async onApproved(tx, actor, request) {
    const requester = await requireUser(tx, request.companyId, request.requestedBy);
    const done = await applyApprovedChange(tx, actor, {
      id: request.id,
      reason: request.reason,
      requestedBy: request.requestedBy,
      requestedByName: requester.fullName,
      payload: request.payload,
    });
    return { accountId: done.accountId, accountNo: done.accountNo, applied: done.applied };
  },
  describe: describeChange,
});

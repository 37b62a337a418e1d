import { z } from 'zod';
import { registerApprovalKind } from '../../platform/approvals/registry.js';
import { requireOrgUnit } from '../org/service.js';
import { IamError } from './errors.js';
import { assertNoConflict, requireRoles } from './roles-service.js';
import { fullName, username } from './schemas.js';
import { usernameExists } from './users-repo.js';
import { createUser } from './users-service.js';

const payload = z.object({
  fullName,
  username,
  employeeNo: z.string().trim().max(32).nullish(),
  orgUnitId: z.uuid().nullish(),
  roleIds: z.array(z.uuid()).min(1).max(50),
});

/**
 * IAM-1: an account request is an approval: the department approves, the administrator reviews
 * it against the segregation-of-duties table, and the final approval opens the account.
 */
registerApprovalKind({
  kind: 'accountRequest',
  name: { zh: '账号开通申请', en: 'Account request' },
  requestPermission: 'iam.accountRequest.create',
  payload,
  async validate(tx, actor, p) {
    if (await usernameExists(tx, p.username)) {
      throw IamError('USERNAME_TAKEN', { field: 'payload.username', vars: { username: p.username } });
    }
    if (p.orgUnitId) await requireOrgUnit(tx, actor.companyId, p.orgUnitId, 'payload.orgUnitId');
    await requireRoles(tx, actor.companyId, p.roleIds, 'payload.roleIds');
    await assertNoConflict(tx, actor.companyId, p.roleIds, 'payload.roleIds');
  },
  // The account opens in the approval's transaction; its one-time password goes to the approver only.
  async onApproved(tx, actor, request) {
    const { user, initialPassword } = await createUser(tx, actor, { ...request.payload });
    return { userId: user.id, username: user.username, initialPassword };
  },
  describe: (p) => ({
    zh: `开通账号 ${p.username}（${p.fullName}）`,
    en: `Open account ${p.username} (${p.fullName})`,
  }),
});

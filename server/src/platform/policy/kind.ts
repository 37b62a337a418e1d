import { registerApprovalKind } from '../approvals/registry.js';
import { applyChange, changePayload, checkChange, describeChange } from './service.js';

registerApprovalKind({
  kind: 'policyChange',
  name: { zh: '策略参数变更', en: 'Policy change' },
  requestPermission: 'policy.propose',
  payload: changePayload,
  async validate(_tx, _actor, payload) {
    checkChange(payload, ['payload']);
  },
  // Approved: the new value becomes a new version from its effective date.
  onApproved: (tx, actor, request) => applyChange(tx, actor, request.payload, request.id, request.requestedBy),
  describe: describeChange,
});

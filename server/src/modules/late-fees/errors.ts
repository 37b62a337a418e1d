import { defineErrors } from '../../platform/errors.js';

export const LateFeeError = defineErrors({
  ACCOUNT_NOT_FOUND: { status: 404, zh: '没有这个用户', en: 'No such account' },
  WAIVER_NOT_FOUND: { status: 404, zh: '没有这笔违约金减免', en: 'No such late-fee waiver' },
  DEBT_NOT_FOUND: {
    status: 400,
    zh: '所选欠费不是该用户的欠费，或没有违约金',
    en: 'A chosen debt is not a debt of this account, or it carries no late fee',
  },
  REASON_NOT_IN_CATEGORY: {
    status: 400,
    zh: '减免原因「{reason}」不属于「{category}」',
    en: 'The reason "{reason}" is not a reason to {category}',
  },
  AMOUNT_ABOVE_FEE: {
    status: 400,
    zh: '减免金额 {amount} 元超过可减免的违约金 {max} 元（已扣除此前的减免和审批中的申请）',
    en: 'The amount {amount} exceeds the late fee that may be waived, {max} (after earlier and pending waivers)',
  },
  WAIVER_NOT_PENDING: {
    status: 409,
    zh: '这笔违约金减免已不在审批中（{status}）',
    en: 'The late-fee waiver is no longer pending ({status})',
  },
});

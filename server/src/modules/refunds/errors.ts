import { defineErrors } from '../../platform/errors.js';

export const RefundError = defineErrors({
  NOT_FOUND: { status: 404, zh: '没有这张退费申请', en: 'No such refund' },
  UNKNOWN_ACCOUNT: { status: 400, zh: '没有这个用户', en: 'No such account' },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '没有这个用户', en: 'No such account' },
  ABOVE_PREPAYMENT: {
    status: 400,
    zh: '退费金额 {amount} 元超出该户可退预收款 {available} 元',
    en: 'The refund of {amount} yuan is above the prepayment that can be refunded, {available} yuan',
  },
  DOCUMENTS_MISSING: {
    status: 400,
    zh: '请核对以下资料：{missing}',
    en: 'Check these documents first: {missing}',
  },
  UNKNOWN_DOCUMENT: { status: 400, zh: '资料 {code} 不在该情形的清单中', en: 'The document {code} is not on the list' },
  NOT_YOUR_CASE: {
    status: 403,
    zh: '{group}的退费须由{roles}受理',
    en: 'Refunds of the {group} are filed by {roles}',
  },
  CASE_KIND_MISMATCH: {
    status: 400,
    zh: '工商户的退费请选择「工商户退费」，居民用户不能选择该情形',
    en: 'A C&I account’s refund is of case “commercial”, and only a C&I account’s',
  },
  BANK_DETAILS: {
    status: 400,
    zh: '请填写收款户名、开户行和账号',
    en: 'Give the payee, the bank and the account number',
  },
  WRONG_STATUS: {
    status: 409,
    zh: '退费申请当前为「{status}」，不能{action}',
    en: 'The refund is {status}; it cannot be {action}',
  },
  SELF_REVIEW: {
    status: 403,
    zh: '受理人不能审核自己受理的退费申请',
    en: 'The one who filed a refund does not review it',
  },
  SAME_ACCOUNT: { status: 400, zh: '不能转入同一户', en: 'The prepayment cannot move to the same account' },
  NOT_LINKED: {
    status: 400,
    zh: '退费审批须由退费审核发起（POST /api/refunds/{id}/review）',
    en: 'A refund approval is filed by reviewing the refund (POST /api/refunds/{id}/review)',
  },
});

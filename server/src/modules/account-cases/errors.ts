import { defineErrors } from '../../platform/errors.js';

export const CaseError = defineErrors({
  CASE_NOT_FOUND: { status: 404, zh: '找不到该业务单', en: 'No such account case' },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '找不到该用户编号', en: 'No such account' },
  STATUS_NOT_ALLOWED: {
    status: 409,
    zh: '用户当前状态为「{status}」，不能办理{kind}',
    en: 'The account is {status}: {kind} is not possible',
  },
  CASE_ALREADY_OPEN: {
    status: 409,
    zh: '该用户已有未办结的{kind}业务（{caseNo}），请先办结或撤销',
    en: 'The account already has an unfinished {kind} case ({caseNo}); finish or cancel it first',
  },
  VERSION_CONFLICT: {
    status: 409,
    zh: '该业务单已被他人修改（当前第 {version} 版），请刷新后再试',
    en: 'Someone else changed this case (now version {version}); reload and try again',
  },
  WRONG_STATE: {
    status: 409,
    zh: '业务单当前为「{status}」，不能{action}',
    en: 'The case is {status}; it cannot be {action}',
  },
  ARREARS_OUTSTANDING: {
    status: 409,
    zh: '用户尚有欠费 {amount} 元，请先结清欠费再办理',
    en: 'The account owes {amount} yuan past due: clear the arrears first',
  },
  DOCUMENTS_MISSING: {
    status: 409,
    zh: '以下资料尚未收齐：{items}',
    en: 'Documents not yet received: {items}',
  },
  UNKNOWN_DOCUMENT: {
    status: 400,
    zh: '资料清单中没有「{code}」',
    en: 'The checklist has no item "{code}"',
  },
  READING_REQUIRED: {
    status: 409,
    zh: '请录入表读数（IC卡表录入累计购气量）',
    en: 'Enter the meter reading (for an IC-card meter, the cumulative volume purchased)',
  },
  FINAL_READING_REQUIRED: {
    status: 409,
    zh: '销户须录入最终表读数',
    en: 'A closure needs the final meter reading',
  },
  READING_NOT_CONFIRMED: {
    status: 409,
    zh: '表读数须经用户（或经办人）确认并签字',
    en: 'The customer (or their agent) must confirm and sign the reading',
  },
  READING_SIGNER_REQUIRED: {
    status: 400,
    zh: '确认表读数时请填写签字人',
    en: 'Name who signed the reading',
  },
  READING_BELOW_LAST: {
    status: 400,
    zh: '表读数 {value} 小于该表上次记录的读数 {last}',
    en: 'The reading {value} is below the meter’s last recorded reading {last}',
  },
  READING_IN_FUTURE: { status: 400, zh: '抄表日期不能晚于今天', en: 'The reading date cannot be after today' },
  NO_METER: {
    status: 409,
    zh: '该用户名下没有在装的燃气表，无法录入读数',
    en: 'The account has no installed meter to read',
  },
  DETAIL_REQUIRED: { status: 409, zh: '请填写{field}', en: 'Fill in {field}' },
  NEW_OWNER_SAME: { status: 400, zh: '新户与原户是同一用户', en: 'The new owner is the current holder' },
  NEW_OWNER_KIND: {
    status: 400,
    zh: '新户类别为「{kind}」，与用气性质「{nature}」不符，请先办理用气性质变更',
    en: 'The new owner is {kind}, which does not fit the usage nature {nature}: change the nature first',
  },
  NEW_OWNER_ID_REQUIRED: {
    status: 400,
    zh: '居民新户须提供身份证件号码',
    en: 'A residential new owner needs an identity document number',
  },
  NEW_OWNER_TAX_REQUIRED: {
    status: 400,
    zh: '单位新户须提供统一社会信用代码',
    en: 'An organisation as new owner needs its unified social credit code',
  },
  CUSTOMER_NOT_FOUND: { status: 404, zh: '找不到该用户（客户）', en: 'No such customer' },
  NATURE_NOT_FOUND: {
    status: 404,
    zh: '没有可用的用气性质「{code}」',
    en: 'No active usage nature "{code}"',
  },
  NATURE_SAME: { status: 400, zh: '新用气性质与现用气性质相同', en: 'The new usage nature is the current one' },
  NATURE_CHANGED_SINCE: {
    status: 409,
    zh: '申请提交后用户的用气性质已变为「{nature}」，本次变更不能生效，请重新受理',
    en: 'The account’s usage nature changed to {nature} after the request was filed; file a new case',
  },
  SITE_CHECK_REQUIRED: {
    status: 409,
    zh: '请先录入现场核查结果（核查日期、核查人、核查意见）',
    en: 'Record the on-site check first (date, inspector, opinion)',
  },
  APPROVAL_MISMATCH: {
    status: 409,
    zh: '该审批申请与业务单 {caseNo} 不对应',
    en: 'The approval request does not belong to case {caseNo}',
  },
  APPROVAL_DIRECTION: {
    status: 400,
    zh: '用气性质由「{from}」改为「{to}」属于{direction}，审批类型不符',
    en: 'Changing the nature from {from} to {to} is {direction}; wrong approval kind',
  },
  NOT_REQUESTER: {
    status: 403,
    zh: '该业务单在审批中，只有提交人可以撤销',
    en: 'The case is awaiting approval: only who submitted it can cancel it',
  },
  REMOVAL_NOT_APPLICABLE: {
    status: 409,
    zh: '只有已办结、尚未拆表的销户（或临时拆表）业务单可以登记拆表',
    en: 'Only a completed closure (or temporary removal) whose meter is still in place takes a removal',
  },
  REMOVAL_DATE: {
    status: 400,
    zh: '拆表日期应在办结日 {from} 至今天之间',
    en: 'The removal date must be between the completion date {from} and today',
  },
  RESTORE_EXPIRED: {
    status: 409,
    zh: '临时拆表已超过复装期限（{date}），须按新装办理',
    en: 'The temporary removal was due to be restored by {date}: apply for a new connection',
  },
  RENAME_NOTICE_RESIDENTIAL: {
    status: 409,
    zh: '更名通知书只发给工商业和公建用户',
    en: 'The change-of-name notice is for commercial and institutional accounts only',
  },
  NOTICE_KIND: {
    status: 409,
    zh: '业务单 {caseNo} 是{kind}业务，不能打印此表单',
    en: 'Case {caseNo} is a {kind} case: this form does not apply',
  },
});

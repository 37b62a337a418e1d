import { defineErrors } from '../../platform/errors.js';

export const ComplaintError = defineErrors({
  NOT_FOUND: { status: 404, zh: '投诉不存在', en: 'No such complaint' },
  WHO_REQUIRED: {
    status: 400,
    zh: '未关联用户编号时，请填写投诉人姓名或电话',
    en: 'Without an account, give the complainant’s name or phone',
  },
  RECEIVED_IN_FUTURE: { status: 400, zh: '受理时间不能晚于现在', en: 'The receipt time cannot be in the future' },
  RECEIVED_TOO_EARLY: {
    status: 400,
    zh: '原受理时间最早只能追溯 {days} 天（策略 cmp.complaintReceivedMaxDaysBack）',
    en: 'The original receipt time may lie at most {days} days back (policy cmp.complaintReceivedMaxDaysBack)',
  },
  CONTACT_NOT_FOUND: { status: 400, zh: '来访来电记录不存在', en: 'No such contact' },
  SUBJECT_USER_NOT_FOUND: { status: 400, zh: '本公司没有被投诉的这名员工', en: 'No such employee in this company' },
  SUBJECT_UNIT_NOT_FOUND: { status: 400, zh: '本公司没有被投诉的这个部门', en: 'No such department in this company' },
  USER_NOT_FOUND: { status: 400, zh: '本公司没有这名员工', en: 'No such employee in this company' },
  USER_INACTIVE: { status: 400, zh: '员工「{name}」已停用', en: 'Employee "{name}" is disabled' },
  HANDLER_WRONG_LEVEL: {
    status: 400,
    zh: '「{name}」不是「{level}」层级的处理人（策略 cmp.complaintHandlerLevels）',
    en: '"{name}" is not a handler of the level "{level}" (policy cmp.complaintHandlerLevels)',
  },
  HANDLER_IS_SUBJECT: {
    status: 400,
    zh: '被投诉的员工「{name}」不能处理这件投诉',
    en: '"{name}" is the person complained about and cannot handle the complaint',
  },
  HANDLER_RECUSED: {
    status: 400,
    zh: '「{name}」已因利益冲突回避这件投诉，不能再指派',
    en: '"{name}" stepped aside from this complaint for a conflict of interest and cannot be given it again',
  },
  SAME_HANDLER: { status: 409, zh: '投诉已由「{name}」处理', en: 'The complaint is already handled by {name}' },
  NOT_HANDLER: {
    status: 403,
    zh: '只有这件投诉的处理人可以这样做',
    en: 'Only the complaint’s handler may do this',
  },
  MAY_NOT_ESCALATE: {
    status: 403,
    zh: '只有处理人或本层级的处理人员可以上报',
    en: 'Only the handler, or a handler of the complaint’s level, may escalate it',
  },
  TOP_LEVEL: {
    status: 409,
    zh: '投诉已在最高层级「{level}」，无法再上报',
    en: 'The complaint is at the top level "{level}" already',
  },
  NOT_OPEN: {
    status: 409,
    zh: '投诉已{status}，不能再这样操作',
    en: 'The complaint is {status}: this can no longer be done',
  },
  NOT_DECIDED: {
    status: 409,
    zh: '处理意见尚未答复投诉人，不能办结',
    en: 'The decision has not been communicated to the complainant yet: the complaint cannot be closed',
  },
  VERSION_CONFLICT: {
    status: 409,
    zh: '投诉已被他人修改，请刷新后重试',
    en: 'The complaint was changed by someone else: reload and try again',
  },
  REASON_REQUIRED: { status: 400, zh: '请填写原因', en: 'Give a reason' },
  EXTENSION_DATE_REQUIRED: {
    status: 400,
    zh: '请填写与投诉人商定的新答复日期',
    en: 'Give the new date agreed with the complainant',
  },
  EXTENSION_NOT_LATER: {
    status: 400,
    zh: '商定的新答复日期须晚于现在的时限（{deadline}）',
    en: 'The agreed date must be later than the current deadline ({deadline})',
  },
  COMMUNICATED_BEFORE_RECEIPT: {
    status: 400,
    zh: '答复时间不能早于受理时间',
    en: 'The decision cannot have been communicated before the complaint was received',
  },
  COMMUNICATED_IN_FUTURE: {
    status: 400,
    zh: '答复时间不能晚于现在',
    en: 'The communication time cannot be in the future',
  },
});

export const CallbackError = defineErrors({
  NOT_FOUND: { status: 404, zh: '回访任务不存在', en: 'No such callback' },
  NOT_PENDING: { status: 409, zh: '回访已{status}', en: 'The callback is {status} already' },
  SCORE_REQUIRED: {
    status: 400,
    zh: '接通后请记录满意度评分（1–5 分）',
    en: 'When reached, record the satisfaction score (1–5)',
  },
  SCORE_WITHOUT_REACH: {
    status: 400,
    zh: '未接通不能记录满意度评分',
    en: 'A call that did not reach the customer has no score',
  },
  VERSION_CONFLICT: {
    status: 409,
    zh: '回访任务已被他人更新，请刷新后重试',
    en: 'The callback was changed by someone else: reload and try again',
  },
});

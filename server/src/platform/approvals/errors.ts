import { defineErrors } from '../errors.js';

export const ApprovalError = defineErrors({
  KIND_NOT_FOUND: { status: 400, zh: '没有「{kind}」这种审批类型', en: 'No approval kind "{kind}"' },
  NO_CHAIN: {
    status: 409,
    zh: '策略中没有「{kind}」的审批链，请先配置',
    en: 'The policy has no approval chain for "{kind}"',
  },
  AMOUNT_REQUIRED: {
    status: 400,
    zh: '该审批按金额分级，请填写金额',
    en: 'This approval is tiered by amount: give the amount',
  },
  REQUEST_NOT_FOUND: { status: 404, zh: '找不到该审批申请', en: 'No such approval request' },
  WRONG_STATE: {
    status: 409,
    zh: '该申请当前为「{status}」，不能{action}',
    en: 'The request is {status}; it cannot be {action}',
  },
  SELF_APPROVAL: {
    status: 403,
    zh: '申请人不能审批自己提交的申请',
    en: 'A requester can never approve their own request',
  },
  SUBJECT_APPROVAL: { status: 403, zh: '不能审批与本人有关的申请', en: 'You cannot approve a request about yourself' },
  SAME_APPROVER: {
    status: 403,
    zh: '同一人只能签批一个环节，请由其他人审批「{step}」',
    en: 'One person signs one step only: someone else must sign "{step}"',
  },
  NOT_YOUR_STEP: {
    status: 403,
    zh: '当前环节「{step}」须由{roles}审批',
    en: 'The current step "{step}" is for: {roles}',
  },
  NOT_REQUESTER: { status: 403, zh: '只有申请人可以撤回', en: 'Only the requester can withdraw' },
  ATTACHMENT_NOT_FOUND: { status: 404, zh: '找不到该附件', en: 'No such attachment' },
  ATTACHMENT_TYPE: {
    status: 415,
    zh: '附件只能是 PDF、JPEG 或 PNG 文件',
    en: 'Attachments must be PDF, JPEG or PNG files',
  },
});

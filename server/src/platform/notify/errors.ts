import { defineErrors } from '../errors.js';

export const NotifyError = defineErrors({
  UNKNOWN_KIND: { status: 400, zh: '没有这种消息类型：{code}', en: 'No such message kind: {code}' },
  CHANNEL_NOT_SUPPORTED: {
    status: 400,
    zh: '消息类型「{kind}」不支持该渠道（{channel}）',
    en: 'The message kind "{kind}" cannot be sent by {channel}',
  },
  TEMPLATE_NOT_FOUND: { status: 404, zh: '找不到该消息模板', en: 'No such message template' },
  TEMPLATE_DISABLED: {
    status: 409,
    zh: '消息模板「{name}」已停用，不能发送',
    en: 'The message template "{name}" is disabled',
  },
  TEMPLATE_MISSING_VARIABLES: {
    status: 400,
    zh: '模板缺少变量 {names}',
    en: 'The template lacks the variable(s) {names}',
  },
  TEMPLATE_UNKNOWN_VARIABLES: {
    status: 400,
    zh: '模板含有未定义的变量 {names}，可用变量：{allowed}',
    en: 'The template uses unknown variable(s) {names}; the kind has {allowed}',
  },
  TEMPLATE_BAD_PLACEHOLDER: {
    status: 400,
    zh: '模板中的「{text}」不是有效的变量，变量须写作 {example}',
    en: '"{text}" in the template is not a valid variable; write variables as {example}',
  },
  TEMPLATE_SIGNATURE_REQUIRED: {
    status: 400,
    zh: '短信模板须以【公司简称】签名开头',
    en: 'An SMS template must begin with the company signature in 【】',
  },
  MISSING_VARIABLES: {
    status: 400,
    zh: '缺少消息变量 {names}',
    en: 'The message lacks the variable(s) {names}',
  },
  BAD_RECIPIENT: {
    status: 400,
    zh: '接收号码「{recipient}」不是有效的手机号',
    en: '"{recipient}" is not a valid mainland mobile number',
  },
  BAD_OPENID: {
    status: 400,
    zh: '「{recipient}」不是有效的微信 openid',
    en: '"{recipient}" is not a valid WeChat openid',
  },
  MESSAGE_NOT_FOUND: { status: 404, zh: '找不到该消息', en: 'No such message' },
  NOT_RETRYABLE: {
    status: 409,
    zh: '只有发送失败的消息可以重发（当前状态：{status}）',
    en: 'Only a failed message can be resent (it is {status})',
  },
  CALLBACK_UNAUTHORIZED: {
    status: 401,
    zh: '回执签名无效',
    en: 'The delivery receipt is not signed correctly',
  },
  CALLBACK_UNKNOWN_MESSAGE: {
    status: 404,
    zh: '找不到回执对应的消息',
    en: 'No message has this provider message id',
  },
});

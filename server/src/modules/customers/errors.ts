import { defineErrors } from '../../platform/errors.js';

export const CustomerError = defineErrors({
  ACCOUNT_NOT_FOUND: { status: 404, zh: '找不到该用户编号', en: 'No such account' },
  ACCOUNT_NO_EXHAUSTED: {
    status: 409,
    zh: '用户编号流水号已用完（前缀 {prefix}，{digits} 位），请调整编号规则',
    en: 'Account numbers are exhausted (prefix {prefix}, {digits} digits); change the numbering policy',
  },
  VERSION_CONFLICT: {
    status: 409,
    zh: '{entity}已被他人修改（{by}，{at}），您的修改未保存。请查看最新资料后重新修改',
    en: 'Someone else changed the {entity} ({by}, {at}); your edit was not saved. Check the latest data and edit again',
  },
  NO_CHANGES: { status: 400, zh: '没有修改任何内容', en: 'Nothing was changed' },
  PROTECTED_FIELD: {
    status: 400,
    zh: '「{field}」是受保护资料，须提交资料变更申请并经审批后生效（IAM-4）',
    en: '"{field}" is protected: file a change request to be approved (IAM-4)',
  },
  NO_METER: { status: 400, zh: '该用户当前没有在装的表具', en: 'The account has no meter installed' },
  INVALID_FIELD: { status: 400, zh: '{message}', en: '{message}' },
  DUPLICATE_METER: {
    status: 409,
    zh: '厂家「{manufacturer}」下已有表钢号 {serial} 的表具',
    en: 'Manufacturer "{manufacturer}" already has a meter with serial {serial}',
  },
  STALE_REQUEST: {
    status: 409,
    zh: '申请中的原值与用户当前资料不一致，请刷新后重新提交',
    en: 'The request’s "before" values no longer match the account’s data; reload and file it again',
  },
  CHANGED_SINCE: {
    status: 409,
    zh: '该申请提交后，{entity}已被修改（当前版本 {current}，申请基于版本 {base}）。为免覆盖他人的修改，本申请不能执行，请驳回后按最新资料重新申请',
    en: 'The {entity} changed after this request was filed (now version {current}, the request was based on {base}). To avoid overwriting that change it cannot be applied: reject it and file a new one',
  },
});

export const entityNames = {
  customer: { zh: '用户资料', en: 'customer' },
  premise: { zh: '用气地址', en: 'premise' },
  account: { zh: '账户资料', en: 'account' },
  meter: { zh: '表具资料', en: 'meter' },
  invoiceDetails: { zh: '开票信息', en: 'invoice details' },
} as const;

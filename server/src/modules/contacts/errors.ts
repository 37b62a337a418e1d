import { defineErrors } from '../../platform/errors.js';

export const ContactError = defineErrors({
  UNKNOWN_CATEGORY: {
    status: 400,
    zh: '没有「{category}」这个业务类别（见策略 svc.contactCategories）',
    en: 'No contact category "{category}" (see the policy svc.contactCategories)',
  },
  WHO_REQUIRED: {
    status: 400,
    zh: '未关联用户编号时，请填写来访/来电人的姓名或电话',
    en: 'Without an account, give the caller’s name or phone',
  },
  IN_FUTURE: { status: 400, zh: '受理时间不能晚于现在', en: 'The contact time cannot be in the future' },
});

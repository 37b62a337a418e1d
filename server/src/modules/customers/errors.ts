import { defineErrors } from '../../platform/errors.js';

export const CustomerError = defineErrors({
  ACCOUNT_NOT_FOUND: { status: 404, zh: '找不到该用户编号', en: 'No such account' },
  ACCOUNT_NO_EXHAUSTED: {
    status: 409,
    zh: '用户编号流水号已用完（前缀 {prefix}，{digits} 位），请调整编号规则',
    en: 'Account numbers are exhausted (prefix {prefix}, {digits} digits); change the numbering policy',
  },
});

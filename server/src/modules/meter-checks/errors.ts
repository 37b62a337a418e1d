import { defineErrors } from '../../platform/errors.js';

export const MeterCheckError = defineErrors({
  NOT_IC_METER: {
    status: 400,
    zh: '该表不是工商户在用的 IC 卡表',
    en: 'The meter is not an IC-card meter installed at a C&I account',
  },
  NOT_SUSPENDED_CI: {
    status: 400,
    zh: '该用户不是停用的工商户',
    en: 'The account is not a suspended C&I account',
  },
  FUTURE_DATE: { status: 400, zh: '核查日期不能晚于今天', en: 'The check date cannot be after today' },
  HAZARD_NOTE: {
    status: 400,
    zh: '发现隐患时请填写隐患说明',
    en: 'Describe the hazard found',
  },
});

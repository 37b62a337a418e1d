import { defineErrors } from '../errors.js';

export const PolicyError = defineErrors({
  UNKNOWN_KEY: { status: 404, zh: '没有名为「{key}」的策略参数', en: 'No policy setting "{key}"' },
  BACKDATED: {
    status: 400,
    zh: '生效日期不能早于今天（{today}）：已发生的业务按当时的参数计算',
    en: 'A change cannot take effect before today ({today}): past business stays on the values of its time',
  },
});

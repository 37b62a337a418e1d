import { defineErrors } from '../../platform/errors.js';

export const AdjustmentError = defineErrors({
  NOT_FOUND: { status: 404, zh: '没有这张退补申请', en: 'No such adjustment' },
  SUMMARY_NOT_FOUND: { status: 404, zh: '没有这张表具故障退补汇总表', en: 'No such meter-fault summary' },
  UNKNOWN_ACCOUNT: { status: 400, zh: '没有这个用户', en: 'No such account' },
  AMOUNT_OR_VOLUME: {
    status: 400,
    zh: '请填写退补金额，或者退补气量和单价',
    en: 'Give the amount, or the volume and the price',
  },
  AMOUNT_MISMATCH: {
    status: 400,
    zh: '退补金额 {amount} 与气量 × 单价 = {computed} 不符',
    en: 'The amount {amount} does not match volume × price = {computed}',
  },
  AMOUNT_TOO_LARGE: {
    status: 400,
    zh: '气量 × 单价 = {computed} 元，超出退补金额上限 999999999999.99 元',
    en: 'Volume × price = {computed} yuan, above the largest adjustment of 999999999999.99 yuan',
  },
  READINGS_MISMATCH: {
    status: 400,
    zh: '退补气量 {volume} 与表码差 {diff} 不符',
    en: 'The volume {volume} does not match the difference of the readings {diff}',
  },
  WRONG_STATUS: {
    status: 409,
    zh: '退补申请当前为「{status}」，不能{action}',
    en: 'The adjustment is {status}; it cannot be {action}',
  },
  NOT_LINKED: {
    status: 400,
    zh: '退补审批须由退补申请发起（POST /api/adjustments）',
    en: 'An adjustment approval is filed by applying for the adjustment (POST /api/adjustments)',
  },
  ARCHIVE_NO_TAKEN: { status: 409, zh: '归档编号 {archiveNo} 已被使用', en: 'The archive number {archiveNo} is taken' },
  MONTH_NOT_STARTED: {
    status: 400,
    zh: '{month} 还没有开始，不能汇总',
    en: 'The month {month} has not begun and cannot be summarised',
  },
  SUMMARY_EXISTS: {
    status: 409,
    zh: '{month} 的表具故障退补汇总表已经生成',
    en: 'The meter-fault summary of {month} exists already',
  },
});

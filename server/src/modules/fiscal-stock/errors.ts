import { defineErrors } from '../../platform/errors.js';

export const FiscalStockError = defineErrors({
  BATCH_NOT_FOUND: { status: 404, zh: '没有这批票据', en: 'No such batch' },
  RANGE_NOT_FOUND: { status: 404, zh: '没有这段票号', en: 'No such number range' },
  REPORT_NOT_FOUND: { status: 404, zh: '没有这张票据盘点表', en: 'No such stock count report' },
  LOSS_NOT_FOUND: { status: 404, zh: '没有这条票据丢失报告', en: 'No such loss report' },
  UNKNOWN_HOLDER: {
    status: 400,
    zh: '领用人不存在或不能领用票据',
    en: 'No such holder, or the user may not hold stock',
  },
  WIDTH_MISMATCH: {
    status: 400,
    zh: '起止号码位数须相同（{width} 位）',
    en: 'The first and last numbers must have the same width ({width} digits)',
  },
  RANGE_REVERSED: { status: 400, zh: '止号不能小于起号', en: 'The last number cannot be below the first' },
  RANGE_TOO_LARGE: {
    status: 400,
    zh: '一次最多 {max} 个号码',
    en: 'At most {max} numbers at a time',
  },
  BATCH_OVERLAP: {
    status: 400,
    zh: '号段与已入库的批次 {from}–{to} 重叠',
    en: 'The range overlaps the batch {from}–{to} already in stock',
  },
  OUTSIDE_BATCH: {
    status: 400,
    zh: '号段须在本批次 {from}–{to} 之内',
    en: 'The range must lie within the batch {from}–{to}',
  },
  RANGE_OVERLAP: {
    status: 400,
    zh: '号段与已发放给 {holder} 的 {from}–{to} 重叠',
    en: 'The range overlaps {from}–{to} issued to {holder}',
  },
  NUMBER_OUTSIDE_RANGE: {
    status: 400,
    zh: '票号 {number} 不在您领用的号段内',
    en: 'The number {number} is not in a range you hold',
  },
  RANGE_NOT_CHECKED: {
    status: 400,
    zh: '号段 {from}–{to} 尚未启用前核对，不能使用',
    en: 'The range {from}–{to} has not been checked before use',
  },
  NUMBER_USED: { status: 400, zh: '票号 {number} 已使用', en: 'The number {number} has been used' },
  NUMBER_VOIDED: { status: 400, zh: '票号 {number} 已作废', en: 'The number {number} has been voided' },
  NOT_HOLDER: { status: 403, zh: '这段票号不是您领用的', en: 'You do not hold this range' },
  WRONG_STATUS: {
    status: 409,
    zh: '号段当前为「{status}」，不能{action}',
    en: 'The range is {status}; it cannot be {action}',
  },
  COUNT_MISMATCH: {
    status: 400,
    zh: '核对份数 {count} 与号段 {total} 份减缺号 {missing} 个不符',
    en: 'The count {count} does not match {total} numbers less {missing} missing',
  },
  MISSING_OUTSIDE: {
    status: 400,
    zh: '缺号 {number} 不在号段内',
    en: 'The missing number {number} is not in the range',
  },
  NOTHING_LEFT: { status: 409, zh: '号段已没有可用号码', en: 'No unused numbers are left in the range' },
  SAME_HOLDER: { status: 400, zh: '不能交接给原领用人', en: 'The range cannot be handed over to its holder' },
  LOST_IN_FUTURE: { status: 400, zh: '丢失日期不能晚于今天', en: 'The day of the loss cannot be after today' },
  MONTH_NOT_STARTED: {
    status: 400,
    zh: '{month} 还没有开始，不能盘点',
    en: 'The month {month} has not begun and cannot be counted',
  },
  REPORT_EXISTS: { status: 409, zh: '{month} 的票据盘点表已经生成', en: 'The stock count of {month} exists already' },
  ACKNOWLEDGED: { status: 409, zh: '这条丢失报告已确认', en: 'The loss report has been acknowledged' },
});

import { defineErrors } from '../../platform/errors.js';

export const BillingError = defineErrors({
  UNKNOWN_NATURE: {
    status: 400,
    zh: '没有「{nature}」这个用气性质',
    en: 'No usage nature "{nature}"',
  },
  TARIFF_OVERLAP: {
    status: 400,
    zh: '用气性质「{nature}」已有气价「{other}」在 {from} 至 {to} 生效，与新气价的生效期重叠',
    en: 'Usage nature "{nature}" already has the tariff "{other}" in force from {from} to {to}, overlapping the new one',
  },
  TIERS_NOT_ASCENDING: {
    status: 400,
    zh: '阶梯上限须逐档递增，最后一档不设上限',
    en: 'Tier upper bounds must rise tier by tier, and only the last tier is unbounded',
  },
  PRICE_OR_TIERS: {
    status: 400,
    zh: '请填写单价或阶梯（二者选一）',
    en: 'Give either a price or tiers, not both',
  },
  TARIFF_NOT_ACTIVE: {
    status: 409,
    zh: '气价「{name}」不是生效状态（{status}），不能变更',
    en: 'The tariff "{name}" is not active ({status}) and cannot be changed',
  },
  SUPERSEDES_INVALID: {
    status: 400,
    zh: '被替代的气价须是同一用气性质、已生效、且早于新气价开始的气价',
    en: 'The superseded tariff must be an active tariff of the same usage nature starting before the new one',
  },
  END_NOT_EARLIER: {
    status: 400,
    zh: '新的失效日期须不早于生效日期 {from}，且早于现在的失效日期 {to}',
    en: 'The new end date must be on or after the start {from} and before the current end {to}',
  },
  TARIFF_NOT_FOUND: { status: 404, zh: '没有这个气价', en: 'No such tariff' },
  RUN_NOT_FOUND: { status: 404, zh: '没有这个计费批次', en: 'No such billing run' },
  BILL_NOT_FOUND: { status: 404, zh: '没有这张账单', en: 'No such bill' },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '没有这个用户', en: 'No such account' },
  RUN_IN_PROGRESS: {
    status: 409,
    zh: '{period} 的计费批次正在进行中，请等它完成',
    en: 'A billing run of {period} is in progress; wait for it to finish',
  },
  PERIOD_NOT_CLOSED: {
    status: 400,
    zh: '计费期间 {period} 还未开始，不能计费',
    en: 'The period {period} has not started yet and cannot be billed',
  },
  // MTR-5 broken meters
  METER_NOT_FOUND: {
    status: 400,
    zh: '没有这块在用的表（表号 {meter}）',
    en: 'No installed meter {meter}',
  },
  NO_SUCH_METER: { status: 404, zh: '没有这块表', en: 'No such meter' },
  FAULT_NOT_FOUND: { status: 404, zh: '没有这条坏表登记', en: 'No such broken-meter report' },
  FAULT_OPEN: {
    status: 409,
    zh: '这块表已登记为坏表（自 {from} 起），请先处理完上一条登记',
    en: 'This meter is already reported broken since {from}; resolve that report first',
  },
  FAULT_RESOLVED: { status: 409, zh: '这条坏表登记已于 {on} 处理完毕', en: 'This report was resolved on {on}' },
  FAULT_DATE: {
    status: 400,
    zh: '日期须在 {from} 至今天之间',
    en: 'The date must be between {from} and today',
  },
  // BIL-1 调价补差
  PA_NOT_FOUND: { status: 404, zh: '没有这个调价补差批次', en: 'No such price-adjustment run' },
  PA_NOT_COMMERCIAL: {
    status: 400,
    zh: '调价补差只用于工商户用气性质，「{nature}」是居民用气',
    en: 'Price adjustments are for C&I usage natures; "{nature}" is residential',
  },
  PA_RANGE: {
    status: 400,
    zh: '开始日期须不晚于结束日期',
    en: 'The start date must not be after the end date',
  },
  PA_NO_BILLS: {
    status: 400,
    zh: '{from} 至 {to} 没有「{nature}」的账单，无需调价补差',
    en: 'No bills of "{nature}" cover {from} to {to}; nothing to adjust',
  },
  PA_IN_PROGRESS: {
    status: 409,
    zh: '「{nature}」的调价补差正在进行中，请等它完成',
    en: 'A price adjustment of "{nature}" is in progress; wait for it to finish',
  },
});

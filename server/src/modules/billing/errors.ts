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
});

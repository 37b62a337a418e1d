import type { Text } from '../../platform/errors.js';

/** BIL-4 (000 ch.18): a late fee is waived when the cause is verified, or reduced on these grounds. */
export type WaiverCategory = 'waive' | 'reduce';

export const CATEGORY_NAMES: Record<WaiverCategory, Text> = {
  waive: { zh: '免收', en: 'Waive' },
  reduce: { zh: '减收', en: 'Reduce' },
};

export interface WaiverReason {
  code: string;
  category: WaiverCategory;
  zh: string;
  en: string;
}

export const WAIVER_REASONS: readonly WaiverReason[] = [
  { code: 'priceAdjustment', category: 'waive', zh: '调价补差', en: 'Price-adjustment top-up' },
  { code: 'meterFault', category: 'waive', zh: '表具故障', en: 'Meter fault' },
  { code: 'meterReplacement', category: 'waive', zh: '换表', en: 'Meter replacement' },
  { code: 'estimatedReading', category: 'waive', zh: '估抄', en: 'Estimated reading' },
  { code: 'misread', category: 'waive', zh: '错抄', en: 'Misread' },
  { code: 'misKeyed', category: 'waive', zh: '错录', en: 'Mis-keyed reading' },
  {
    code: 'noPhoneOrWrongInfo',
    category: 'waive',
    zh: '系统无电话或信息错误',
    en: 'No phone or wrong info in the system',
  },
  { code: 'bankDebitFailed', category: 'waive', zh: '银行代扣失败', en: 'Bank debit failed' },
  { code: 'severalDebts', category: 'reduce', zh: '多笔欠费', en: 'Several debts' },
  { code: 'hardship', category: 'reduce', zh: '生活困难', en: 'Hardship' },
  { code: 'propertySaleOrRental', category: 'reduce', zh: '房屋买卖或出租', en: 'Property sale or rental' },
];

export const REASON_CODES = WAIVER_REASONS.map((r) => r.code) as [string, ...string[]];

export function reasonOf(code: string): WaiverReason | undefined {
  return WAIVER_REASONS.find((r) => r.code === code);
}

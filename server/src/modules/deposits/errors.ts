import { defineErrors } from '../../platform/errors.js';

export const DepositError = defineErrors({
  NOT_FOUND: { status: 404, zh: '没有这笔押金', en: 'No such deposit' },
  AMOUNT_REQUIRED: { status: 400, zh: '请填写押金金额', en: 'Give the amount of the deposit' },
  UNKNOWN_ACCOUNT: { status: 400, zh: '没有这个用户', en: 'No such account' },
  RECEIPT_NO_TAKEN: { status: 409, zh: '收据号 {receiptNo} 已被使用', en: 'The receipt number {receiptNo} is taken' },
  NOT_HELD: {
    status: 409,
    zh: '押金 {no} 已{status}，不能再次退还或转入',
    en: 'The deposit {no} is {statusEn} already; it cannot be released again',
  },
  FORFEIT_ABOVE_AMOUNT: {
    status: 400,
    zh: '扣除金额 {forfeit} 元超出押金 {amount} 元',
    en: 'The amount kept, {forfeit} yuan, is above the deposit of {amount} yuan',
  },
  TEST_RESULT_REQUIRED: {
    status: 400,
    zh: '验表押金请填写检测结果（合格 / 不合格）',
    en: 'A meter-test deposit is released with the test result (accurate or not)',
  },
  TEST_RESULT_MISMATCH: {
    status: 400,
    zh: '检测结果与工单 {orderNo} 记录的不符，以工单为准',
    en: 'The test result differs from the one work order {orderNo} recorded; the work order’s stands',
  },
  TEST_FEE_REQUIRED: {
    status: 400,
    zh: '验表合格：请填写从押金中扣除的检测费和拆装费（已另行缴纳的填 0）',
    en: 'The meter tested accurate: give the test and refitting fee kept from the deposit (0 when paid apart)',
  },
  FORFEIT_REASON: { status: 400, zh: '扣除押金须说明原因', en: 'Give the reason the deposit is kept' },
  REFERENCE_REQUIRED: { status: 400, zh: '银行转账请填写转账凭证号', en: 'Give the transfer reference' },
});

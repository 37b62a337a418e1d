import { defineErrors } from '../../platform/errors.js';

export const PaymentError = defineErrors({
  NOT_FOUND: { status: 404, zh: '没有这笔收费', en: 'No such payment' },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '没有这个用户', en: 'No such account' },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    zh: '请求头 Idempotency-Key 必填，8–64 位字母、数字、_ 或 -',
    en: 'The Idempotency-Key header is required: 8–64 letters, digits, _ or -',
  },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    zh: '这个 Idempotency-Key 已用于另一笔内容不同的收费 {no}',
    en: 'This Idempotency-Key was used for a different payment {no}',
  },
  AMOUNT_TOO_LARGE: {
    status: 400,
    zh: '收费合计 {amount} 元超出上限 9999999999.99 元',
    en: 'The total {amount} yuan is above the largest payment of 9999999999.99 yuan',
  },
  WRONG_STATUS: {
    status: 409,
    zh: '收费 {no} 当前为「{status}」，不能冲正',
    en: 'Payment {no} is {status}; it cannot be reversed',
  },
  REVERSAL_PENDING: {
    status: 409,
    zh: '收费 {no} 已有待审批的冲正申请 {approvalNo}',
    en: 'Payment {no} has a reversal awaiting approval: {approvalNo}',
  },
  INVOICED: {
    status: 409,
    zh: '收费 {no} 已开具发票 {invoiceNo}，请先作废发票再冲正',
    en: 'Payment {no} has invoice {invoiceNo}; void the invoice before reversing the payment',
  },
  IC_SALE: {
    status: 409,
    zh: '收费 {no} 是 IC 卡购气，气量已写卡，不能冲正；请按退费或补气办理',
    en: 'Payment {no} bought gas written to an IC card; it cannot be reversed — file a refund or a replenishment',
  },
  NOT_LINKED: {
    status: 400,
    zh: '收费冲正审批须由冲正申请发起（POST /api/payments/{id}/reversal）',
    en: 'A payment reversal is filed with POST /api/payments/{id}/reversal',
  },
});

import { defineErrors } from '../../platform/errors.js';

export const InvoiceError = defineErrors({
  NOT_FOUND: { status: 404, zh: '没有这张发票', en: 'No such invoice' },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '没有这个用户', en: 'No such account' },
  PAYMENT_NOT_FOUND: {
    status: 400,
    zh: '收费 {id} 不存在或不属于该用户',
    en: 'Payment {id} does not exist or is not of this account',
  },
  PAYMENTS_OF_SEVERAL_ACCOUNTS: {
    status: 400,
    zh: '一张发票只能开具同一用户的收费',
    en: 'One invoice covers the payments of one account',
  },
  PAYMENT_REVERSED: {
    status: 400,
    zh: '收费 {no} 已冲正，不能开具发票',
    en: 'Payment {no} was reversed: it cannot be invoiced',
  },
  ALREADY_INVOICED: {
    status: 409,
    zh: '收费 {no} 已开具发票 {invoiceNo}，不能重复开具',
    en: 'Payment {no} is already invoiced ({invoiceNo})',
  },
  OUTSIDE_WINDOW: {
    status: 400,
    zh: '收费 {no}（{receivedOn}）已超过缴费后 {days} 天的开票期限，逾期不予开具',
    en: 'Payment {no} ({receivedOn}) is past the {days}-day invoicing window',
  },
  CROSS_YEAR: {
    status: 400,
    zh: '收费 {no} 缴费于 {year} 年，不开具跨年度发票',
    en: 'Payment {no} was made in {year}: invoices are never issued across years',
  },
  TAX_NO_REQUIRED: {
    status: 400,
    zh: '工商业用户开具发票须填写纳税人识别号',
    en: 'Invoices of C&I accounts need the buyer’s tax ID',
  },
  SPECIAL_FIELD_REQUIRED: {
    status: 400,
    zh: '增值税专用发票须填写{what}',
    en: 'A special VAT invoice needs the buyer’s {what}',
  },
  RESIDENTIAL_TITLE: {
    status: 400,
    zh: '居民用户发票抬头须为户名「{name}」',
    en: 'A residential invoice is made out to the customer, {name}',
  },
  SPECIAL_NOT_RESIDENTIAL: {
    status: 400,
    zh: '居民用户不能开具增值税专用发票',
    en: 'Residential accounts cannot get special VAT invoices',
  },
  NO_INVOICE_STOCK: {
    status: 400,
    zh: '您没有可用的{kind}（请先领用并核对发票）',
    en: 'You hold no {kind} numbers in use (hold and check invoice stock first)',
  },
  EMAIL_REQUIRED: {
    status: 400,
    zh: '电子发票须填写接收邮箱',
    en: 'An e-invoice needs an e-mail address to send it to',
  },
  WRONG_STATUS: {
    status: 409,
    zh: '发票 {no} 当前为「{status}」，不能{action}',
    en: 'Invoice {no} is {status}; it cannot be {action}',
  },
  VOID_MONTH_PASSED: {
    status: 400,
    zh: '纸质发票只能在开具当月（{month}）作废',
    en: 'A paper invoice can be voided only in the month it was issued ({month})',
  },
  ALREADY_REISSUED: {
    status: 409,
    zh: '发票 {no} 已重开过一次（{newNo}），不能再次重开',
    en: 'Invoice {no} was already re-issued once ({newNo})',
  },
  PROOF_MISMATCH: {
    status: 400,
    zh: '{what}与用户档案不符，不能修改开票信息',
    en: 'The {what} does not match the customer’s record',
  },
  PROOF_KIND: {
    status: 400,
    zh: '{kind}修改开票信息须凭{proof}',
    en: '{kind} accounts change invoice info against the {proof}',
  },
  TOKEN_INVALID: {
    status: 403,
    zh: '二维码无效或已被篡改，请向营业厅索取发票',
    en: 'The QR code is invalid; ask the service hall for the invoice',
  },
  TOKEN_EXPIRED: {
    status: 410,
    zh: '二维码已过期（{expiresOn} 前有效），逾期不予开具发票',
    en: 'The QR code expired on {expiresOn}',
  },
  E_INVOICE_FAILED: {
    status: 502,
    zh: '电子发票服务开具失败：{message}，请稍后再试或到营业厅办理',
    en: 'The e-invoice service failed: {message}',
  },
});

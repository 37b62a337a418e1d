import { defineErrors } from '../../platform/errors.js';

export const ChannelPaymentError = defineErrors({
  ACCOUNT_NOT_FOUND: { status: 404, zh: '没有这个用户', en: 'No such account' },
  ORDER_NOT_FOUND: { status: 404, zh: '没有这个网上缴费订单', en: 'No such online pay order' },
  NOTHING_DUE: {
    status: 400,
    zh: '用户 {accountNo} 当前没有欠费，请填写预存金额',
    en: 'Account {accountNo} owes nothing: give the amount to prepay',
  },
  AMOUNT_TOO_LARGE: {
    status: 400,
    zh: '金额 {amount} 元超出上限 9999999999.99 元',
    en: 'The amount {amount} yuan is above 9999999999.99 yuan',
  },
  GATEWAY_NOT_SIMULATOR: {
    status: 409,
    zh: '本公司的支付网关不是模拟网关，不能模拟支付',
    en: 'This company’s payment gateway is not the simulator: nothing to pay by simulation',
  },
  ORDER_NOT_PENDING: {
    status: 409,
    zh: '订单 {no} 当前为「{status}」，不能支付',
    en: 'Order {no} is {status}; it cannot be paid',
  },
  // The callback's refusals: the gateway reads the code; nothing is posted.
  CALLBACK_UNSIGNED: {
    status: 401,
    zh: '支付回调缺少签名请求头（X-Gateway-Merchant/Timestamp/Nonce/Signature）',
    en: 'The callback lacks its signature headers (X-Gateway-Merchant/Timestamp/Nonce/Signature)',
  },
  CALLBACK_BAD_SIGNATURE: { status: 401, zh: '支付回调签名无效', en: 'The callback’s signature is not valid' },
  CALLBACK_STALE: {
    status: 401,
    zh: '支付回调时间戳超出允许偏差 {window} 秒',
    en: 'The callback’s timestamp is more than {window} seconds away from now',
  },
  CALLBACK_REPLAYED: {
    status: 409,
    zh: '支付回调随机串已用过（重放）',
    en: 'The callback’s nonce was used before (a replay)',
  },
  CALLBACK_MALFORMED: {
    status: 400,
    zh: '支付回调内容格式不对：{problem}',
    en: 'The callback body is malformed: {problem}',
  },
  CALLBACK_AMOUNT_MISMATCH: {
    status: 400,
    zh: '支付回调金额 {amount} 元与订单 {no} 金额 {expected} 元不符',
    en: 'The callback’s amount {amount} yuan differs from order {no}’s {expected} yuan',
  },
  CALLBACK_ORDER_EXPIRED: {
    status: 409,
    zh: '订单 {no} 已于 {at} 过期',
    en: 'Order {no} expired at {at}',
  },
  MANDATE_NOT_FOUND: { status: 404, zh: '没有这个代扣协议', en: 'No such debit mandate' },
  MANDATE_EXISTS: {
    status: 409,
    zh: '用户 {accountNo} 已有有效的代扣协议（{bankName}）',
    en: 'Account {accountNo} already has an active debit mandate ({bankName})',
  },
  MANDATE_CANCELLED: { status: 409, zh: '代扣协议已撤销', en: 'The debit mandate is cancelled already' },
  BATCH_NOT_FOUND: { status: 404, zh: '没有这个代扣批次', en: 'No such debit batch' },
  BATCH_EXISTS: {
    status: 409,
    zh: '{bank} {date} 的代扣批次 {no} 已生成',
    en: 'The debit batch {no} for {bank} on {date} exists already',
  },
  BATCH_BUILDING: {
    status: 409,
    zh: '代扣批次 {no} 正在生成，请稍后',
    en: 'Debit batch {no} is still being built',
  },
  NO_MANDATES: {
    status: 400,
    zh: '没有有效的代扣协议',
    en: 'No active debit mandate',
  },
  RESULTS_EMPTY: { status: 400, zh: '结果文件没有数据行', en: 'The results file has no rows' },
  RESULTS_COLUMNS: {
    status: 400,
    zh: '结果文件缺少列：{columns}',
    en: 'The results file lacks the columns: {columns}',
  },
  RESULTS_REJECTED: {
    status: 400,
    zh: '结果文件有 {rows} 行未通过校验，本次未导入任何数据',
    en: '{rows} rows of the results file failed the checks, so nothing was imported',
  },
});

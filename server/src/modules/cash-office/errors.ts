import { defineErrors } from '../../platform/errors.js';

export const CashOfficeError = defineErrors({
  SHIFT_NOT_FOUND: { status: 404, zh: '没有这个班次', en: 'No such shift' },
  HANDOVER_NOT_FOUND: { status: 404, zh: '没有这条走收交款记录', en: 'No such hand-over' },
  SHIFT_OPEN: {
    status: 409,
    zh: '您已有未日结的班次（{date} 开班），请先日结',
    en: 'You have a shift open since {date}; close it first',
  },
  NOT_YOUR_SHIFT: { status: 403, zh: '这不是您的班次', en: 'This is not your shift' },
  ALREADY_CLOSED: {
    status: 409,
    zh: '班次已日结（{status}），不能再次提交',
    en: 'The shift has been closed ({status}); it cannot be closed again',
  },
  WRONG_STATUS: {
    status: 409,
    zh: '日结当前为「{status}」，不能{action}',
    en: 'The close is {status}; it cannot be {action}',
  },
  OWN_CLOSE: { status: 403, zh: '不能审核本人的日结', en: 'You cannot review your own close' },
  EXPLANATION_REQUIRED: {
    status: 400,
    zh: '{method}差额 {variance} 元，请说明原因',
    en: '{method} differs by {variance} yuan; explain the variance',
  },
  DEPOSIT_EXCEEDS: {
    status: 400,
    zh: '存款金额超出保险柜内待存营业款 {available} 元',
    en: 'The deposit exceeds the takings in the safe ({available} yuan)',
  },
  DEPOSIT_SLIP_RECORDED: {
    status: 409,
    zh: '进账单 {slipNo} 已登记，不能重复登记',
    en: 'Bank slip {slipNo} has been recorded already',
  },
  DEPOSIT_IN_FUTURE: { status: 400, zh: '存款日期不能晚于今天', en: 'The deposit date cannot be after today' },
  UNKNOWN_RECEIVER: {
    status: 400,
    zh: '接收人不存在或不是收费员',
    en: 'No such user, or the user does not keep a cash shift',
  },
  SAME_PERSON: { status: 400, zh: '不能交给自己', en: 'You cannot hand over to yourself' },
  NOTHING_TO_HAND_OVER: {
    status: 400,
    zh: '没有待交款的走收收费',
    en: 'No collector payments are waiting to be handed over',
  },
  PAYMENT_NOT_PENDING: {
    status: 400,
    zh: '收费 {no} 不是您待交款的走收收费',
    en: 'Payment {no} is not one of your collector payments waiting to be handed over',
  },
  NOT_RECEIVER: { status: 403, zh: '这笔交款不是交给您的', en: 'This hand-over is not addressed to you' },
  HANDOVER_CONFIRMED: { status: 409, zh: '这笔交款已确认', en: 'The hand-over has been confirmed' },
  NO_OPEN_SHIFT: {
    status: 409,
    zh: '请先开班，交款将计入您当前班次的现金',
    en: 'Open a shift first: the cash goes into your current shift',
  },
});

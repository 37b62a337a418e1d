import { registerMessageKind } from './kinds.js';

// The messages the rulebooks call for. Their default wording is also in migration 0014_notify.sql
// for the companies that existed before it; a test keeps the two the same.

/** COL-1: arrears SMS after the monthly accounts close. */
registerMessageKind({
  code: 'arrears',
  name: { zh: '欠费提醒', en: 'Arrears reminder' },
  variables: ['customerName', 'accountNo', 'amount', 'dueDate'],
  sample: { customerName: '张三', accountNo: '0102003456', amount: '128.50', dueDate: '2026年3月31日' },
  defaults: {
    sms: {
      name: '欠费提醒',
      body: '尊敬的{customerName}，您的燃气账户{accountNo}截至{dueDate}欠费{amount}元，请及时缴纳。咨询热线95777。',
    },
  },
});

/** PAY-1: a payment was posted. */
registerMessageKind({
  code: 'paymentReceived',
  name: { zh: '缴费成功', en: 'Payment received' },
  variables: ['customerName', 'accountNo', 'amount', 'paidAt', 'balance'],
  sample: {
    customerName: '张三',
    accountNo: '0102003456',
    amount: '200.00',
    paidAt: '3月26日 10:15',
    balance: '71.50',
  },
  defaults: {
    sms: {
      name: '缴费成功',
      body: '尊敬的{customerName}，您的燃气账户{accountNo}于{paidAt}缴费{amount}元成功，当前余额{balance}元。感谢您的支持。',
    },
  },
});

/** SVC-7 and the visits of the service centre: who comes when. */
registerMessageKind({
  code: 'appointment',
  name: { zh: '上门预约提醒', en: 'Appointment reminder' },
  variables: ['customerName', 'date', 'timeWindow', 'technician', 'phone'],
  sample: {
    customerName: '张三',
    date: '3月28日',
    timeWindow: '9:00-12:00',
    technician: '李师傅',
    phone: '13800138000',
  },
  defaults: {
    sms: {
      name: '上门预约提醒',
      body: '尊敬的{customerName}，我司工作人员{technician}将于{date} {timeWindow}上门服务，联系电话{phone}，请您届时在家。',
    },
  },
});

/** SVC-10: planned and emergency outages. */
registerMessageKind({
  code: 'outageNotice',
  name: { zh: '停气通知', en: 'Outage notice' },
  variables: ['area', 'start', 'end', 'reason'],
  sample: { area: '幸福路1-20号', start: '3月30日8:00', end: '3月30日18:00', reason: '管网检修' },
  defaults: {
    sms: {
      name: '停气通知',
      body: '因{reason}，{area}将于{start}至{end}停止供气，请提前做好准备，停气期间请关闭燃气阀门。咨询热线95777。',
    },
  },
});

/** Identity checks of the customer portal and the hall. */
registerMessageKind({
  code: 'verificationCode',
  name: { zh: '验证码', en: 'Verification code' },
  variables: ['code', 'minutes'],
  sample: { code: '386514', minutes: '5' },
  secret: ['code'],
  defaults: {
    sms: { name: '验证码', body: '您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。' },
  },
});

/** SVC-6: a work order about to breach its promise, or breached: the staff member warned or escalated to. */
registerMessageKind({
  code: 'workOrderEscalation',
  name: { zh: '工单超时预警与升级', en: 'Work-order warning and escalation' },
  variables: ['staffName', 'orderNo', 'orderType', 'address', 'level', 'deadline'],
  sample: {
    staffName: '李班长',
    orderNo: 'GD20261204-0001',
    orderType: '漏气抢险',
    address: '城东区幸福路幸福小区3号楼2单元501室',
    level: '已超时，升级至班组长',
    deadline: '12月4日 10:40',
  },
  defaults: {
    sms: {
      name: '工单超时预警与升级',
      body: '{staffName}您好：工单{orderNo}（{orderType}，{address}）{level}，承诺时限{deadline}，请及时督办。',
    },
  },
});

/** CMP-1 / CMP-2: a complaint given to a new handler (assigned, or escalated to them); never the complainant. */
registerMessageKind({
  code: 'complaintAssigned',
  name: { zh: '投诉待处理', en: 'Complaint to handle' },
  variables: ['staffName', 'complaintNo', 'grade', 'level', 'via', 'deadline'],
  sample: {
    staffName: '李班长',
    complaintNo: 'TS20261204-0001',
    grade: '有影响的投诉',
    level: '营业厅/班组负责人',
    via: '升级转交您',
    deadline: '12月10日 00:00',
  },
  defaults: {
    sms: {
      name: '投诉待处理',
      body: '{staffName}您好：投诉{complaintNo}（{grade}，{level}）已{via}处理，答复时限{deadline}，请及时处理。',
    },
  },
});

/** SVC-10: an announced outage was cancelled: the customers told of it are told so. */
registerMessageKind({
  code: 'outageCancelled',
  name: { zh: '停气取消通知', en: 'Outage cancelled' },
  variables: ['area', 'start', 'end'],
  sample: { area: '幸福路1-20号', start: '3月30日 08:00', end: '3月30日 18:00' },
  defaults: {
    sms: {
      name: '停气取消通知',
      body: '原定{start}至{end}{area}的停气已取消，届时正常供气。如已关闭燃气阀门，恢复用气前请先确认灶具开关均已关闭。咨询热线95777。',
    },
  },
});

/** PAY-1: a bank batch debit came back failed: the customer is asked to pay another way. */
registerMessageKind({
  code: 'bankDebitFailed',
  name: { zh: '银行代扣未成功', en: 'Bank debit failed' },
  variables: ['customerName', 'accountNo', 'amount', 'reason'],
  sample: { customerName: '张三', accountNo: '0100012345', amount: '86.40', reason: '余额不足' },
  defaults: {
    sms: {
      name: '银行代扣未成功',
      body: '尊敬的{customerName}，您的燃气账户{accountNo}燃气费{amount}元银行代扣未成功（{reason}），请及时缴费。咨询热线95777。',
    },
  },
});

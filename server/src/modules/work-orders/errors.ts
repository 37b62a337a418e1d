import { defineErrors } from '../../platform/errors.js';

export const WorkOrderError = defineErrors({
  NOT_FOUND: { status: 404, zh: '工单不存在', en: 'No such work order' },
  UNKNOWN_TYPE: {
    status: 400,
    zh: '没有「{type}」这个工单类型，或已停用',
    en: 'No active work-order type "{type}"',
  },
  WHO_REQUIRED: {
    status: 400,
    zh: '未关联用户编号时，请填写来电人的姓名或电话',
    en: 'Without an account, give the caller’s name or phone',
  },
  ADDRESS_REQUIRED: {
    status: 400,
    zh: '未关联用户编号时，请填写地址',
    en: 'Without an account, give the address',
  },
  NOT_A_CENTRE: {
    status: 400,
    zh: '「{name}」不是中心或营业厅，工单须派往中心',
    en: '"{name}" is not a centre: an order goes to a centre',
  },
  CONTACT_NOT_FOUND: { status: 400, zh: '来访来电记录不存在', en: 'No such contact' },
  APPLICATION_NOT_FOUND: { status: 400, zh: '报装申请不存在', en: 'No such service application' },
  APPLICATION_NOT_INSTALLATION: {
    status: 400,
    zh: '只有新装/改装工单可以关联报装申请',
    en: 'Only an installation order picks up a service application',
  },
  APPLICATION_CLOSED: {
    status: 409,
    zh: '报装申请 {no} 已{status}，不能再派工',
    en: 'Service application {no} is {status}: it cannot be scheduled',
  },
  TEAM_NOT_IN_CENTRE: {
    status: 400,
    zh: '班组「{name}」不属于本工单的中心',
    en: 'Team "{name}" is not a team of the order’s centre',
  },
  USER_NOT_FOUND: {
    status: 400,
    zh: '本公司没有这个员工',
    en: 'No such employee in this company',
  },
  USER_INACTIVE: {
    status: 400,
    zh: '员工「{name}」已停用，不能派单',
    en: 'Employee "{name}" is disabled and cannot be assigned',
  },
  USER_NOT_IN_CENTRE: {
    status: 400,
    zh: '员工「{name}」不在本工单的中心',
    en: 'Employee "{name}" does not work in the order’s centre',
  },
  USER_NOT_IN_TEAM: {
    status: 400,
    zh: '员工「{name}」不在所选班组',
    en: 'Employee "{name}" is not in the chosen team',
  },
  USER_CANNOT_WORK: {
    status: 400,
    zh: '员工「{name}」没有处理工单的权限',
    en: 'Employee "{name}" may not work on orders',
  },
  ASSIGNEE_REQUIRED: {
    status: 400,
    zh: '请选择班组或处理人',
    en: 'Choose a team or a technician',
  },
  SAME_ASSIGNMENT: {
    status: 409,
    zh: '工单已派给该班组和处理人',
    en: 'The order is already assigned so',
  },
  VERSION_CONFLICT: {
    status: 409,
    zh: '工单已被他人修改，请刷新后重试',
    en: 'The order was changed by someone else: reload and try again',
  },
  ALREADY_TAKEN: {
    status: 409,
    zh: '工单已被「{name}」接单',
    en: 'The order was taken by {name}',
  },
  NOT_OPEN: {
    status: 409,
    zh: '工单已{status}，不能再操作',
    en: 'The order is {status}: nothing more can be done to it',
  },
  BAD_TRANSITION: {
    status: 409,
    zh: '工单状态为「{from}」，不能改为「{to}」',
    en: 'An order that is {from} cannot become {to}',
  },
  PAUSED: {
    status: 409,
    zh: '工单暂停中（{reason}），请先恢复',
    en: 'The order is paused ({reason}): resume it first',
  },
  NOT_PAUSED: { status: 409, zh: '工单未暂停', en: 'The order is not paused' },
  REASON_REQUIRED: { status: 400, zh: '请填写原因', en: 'Give a reason' },
  APPOINTMENT_REQUIRED: {
    status: 400,
    zh: '请填写预约上门时间',
    en: 'Give the agreed appointment time',
  },
  APPOINTMENT_PAST: {
    status: 400,
    zh: '预约时间不能早于受理时间',
    en: 'The appointment cannot be before the order was reported',
  },
  NOT_YOURS: {
    status: 403,
    zh: '只有接单的处理人或调度人员可以更新这张工单',
    en: 'Only the order’s technician or a dispatcher may update it',
  },
  DISPATCH_ONLY: {
    status: 403,
    zh: '只有调度人员可以撤销或归档关闭工单',
    en: 'Only a dispatcher may cancel or close an order',
  },
  NOT_ASSIGNED: {
    status: 409,
    zh: '工单尚未派给处理人',
    en: 'The order has no technician yet',
  },
  // Forms, hazards, attachments, completion and no-access (SVC-5, SVC-7, SVC-8, SVC-9).
  USE_COMPLETE: {
    status: 409,
    zh: '完工须通过「完工提交」办理（客户签字、照片）',
    en: 'Complete an order through its completion (signature, photos), not a status change',
  },
  FORM_UNKNOWN: {
    status: 404,
    zh: '「{type}」工单没有「{form}」表单',
    en: 'A {type} order has no form "{form}"',
  },
  FORM_VERSION_CONFLICT: {
    status: 409,
    zh: '表单「{form}」已被他人修改，请刷新后重试',
    en: 'Form "{form}" was changed by someone else: reload and try again',
  },
  FORMS_MISSING: {
    status: 409,
    zh: '请先填写：{forms}',
    en: 'Fill in first: {forms}',
  },
  PRECONDITIONS_NOT_MET: {
    status: 409,
    zh: '不具备置换通气条件：{list}',
    en: 'The area is not ready for gas-in: {list}',
  },
  HAZARD_OPEN: {
    status: 409,
    zh: '存在未整改的安全隐患：{list}，整改合格前不予通气',
    en: 'Hazards still open: {list}. No gas-in until they are fixed',
  },
  HAZARD_UNKNOWN: {
    status: 400,
    zh: '隐患清单中没有「{code}」',
    en: 'No hazard "{code}" in the list',
  },
  HAZARD_LISTED: {
    status: 409,
    zh: '隐患「{name}」已登记',
    en: 'Hazard "{name}" is already listed',
  },
  HAZARD_NOT_FOUND: { status: 404, zh: '隐患记录不存在', en: 'No such hazard' },
  HAZARD_FIXED: {
    status: 409,
    zh: '隐患「{name}」已整改',
    en: 'Hazard "{name}" is already fixed',
  },
  HAZARDS_GAS_IN_ONLY: {
    status: 409,
    zh: '只有置换通气工单登记隐患',
    en: 'Hazards are listed on gas-in orders only',
  },
  REGISTER_NOT_SAVED: {
    status: 409,
    zh: '工单 {orderNo} 尚未填写置换登记表，无法打印',
    en: 'Order {orderNo} has no on-site register yet: there is nothing to print',
  },
  PRICE_ITEM_UNKNOWN: {
    status: 400,
    zh: '收费标准中没有「{code}」',
    en: 'No item "{code}" in the price list',
  },
  PRICE_LIST_MISSING: {
    status: 409,
    zh: '收费标准中没有「{code}」项目，请先在策略中维护',
    en: 'The price list has no item "{code}": add it to the policy first',
  },
  SIGNATURE_REQUIRED: {
    status: 400,
    zh: '请客户签字',
    en: 'The customer must sign',
  },
  NOT_AN_IMAGE: {
    status: 400,
    zh: '不是图片（仅支持 PNG、JPEG、WebP）',
    en: 'Not an image (PNG, JPEG or WebP only)',
  },
  IMAGE_TOO_LARGE: {
    status: 400,
    zh: '图片过大（不超过 {limit}）',
    en: 'Image too large (at most {limit})',
  },
  ATTACHMENT_NOT_FOUND: { status: 404, zh: '附件不存在', en: 'No such attachment' },
  ACCOUNT_REQUIRED: {
    status: 409,
    zh: '工单未关联用户编号，不能{what}',
    en: 'The order has no account: cannot {what}',
  },
  NO_INSTALLED_METER: {
    status: 409,
    zh: '用户 {accountNo} 没有在用的气表',
    en: 'Account {accountNo} has no installed meter',
  },
  METER_SERIAL_TAKEN: {
    status: 409,
    zh: '表号 {serial}（{maker}）已在档案中',
    en: 'Meter {serial} ({maker}) is already on record',
  },
  TEMP_METER_IC: {
    status: 400,
    zh: '检测期间的临时表不能是IC卡表',
    en: 'The temporary meter during a test cannot be an IC-card meter',
  },
  NO_ACCESS_STATUS: {
    status: 409,
    zh: '工单状态为「{status}」，不能登记到访不遇',
    en: 'An order that is {status} cannot record a no-access visit',
  },
  REGISTER_INCOMPLETE: {
    status: 409,
    zh: '置换登记表未完成：{list}',
    en: 'The on-site register is not complete: {list}',
  },
  TEST_RESULT_REQUIRED: {
    status: 409,
    zh: '请先填写气表检测结果（合格或不合格）',
    en: 'Record the test result (pass or fail) first',
  },
  READING_BELOW_BASE: {
    status: 400,
    zh: '旧表止码 {reading} 小于装表时的起码 {base}',
    en: 'The final reading {reading} is below the meter’s base reading {base}',
  },
  PAYMENT_METHOD_REQUIRED: {
    status: 400,
    zh: '有收费时请选择缴费方式（微信、支付宝或到营业厅缴费）',
    en: 'Choose how the customer pays (WeChat, Alipay or at the hall)',
  },
  REVISIT_PAST: {
    status: 400,
    zh: '再次上门时间须晚于现在',
    en: 'The revisit must be later than now',
  },
});

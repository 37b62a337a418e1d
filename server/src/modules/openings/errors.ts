import { defineErrors } from '../../platform/errors.js';

/** Account opening (报装受理): the CUS-7 form rules, each its own code, and the rest. */
export const OpeningError = defineErrors({
  // CUS-7, one code per rule of 001 §1.2.1.17.
  IC_CARD_NEEDS_TOP_UP: {
    status: 400,
    zh: 'IC卡表用户的缴费方式应为“充值”',
    en: 'An IC-card meter is paid by prepaid top-up',
  },
  METERED_NOT_TOP_UP: {
    status: 400,
    zh: '抄表类用户的缴费方式不能选择“充值”',
    en: 'A metered account cannot be paid by top-up',
  },
  BANK_ALL_OR_NONE: {
    status: 400,
    zh: '银行卡号、银行名称、持卡人须同时填写（已填写其中一项）',
    en: 'Bank account number, bank name and holder go together: fill in all three',
  },
  BANK_DEBIT_NEEDS_BANK: {
    status: 400,
    zh: '抄表用户选择银行代扣时，银行卡号、银行名称、持卡人不能为空',
    en: 'A metered account paid by bank debit needs the bank account number, bank name and holder',
  },
  BANK_ONLY_FOR_DEBIT: {
    status: 400,
    zh: '抄表用户未选择银行代扣时，银行卡号、银行名称、持卡人应为空',
    en: 'A metered account not paid by bank debit has no bank account details',
  },
  SMS_NEEDS_CARRIER: {
    status: 400,
    zh: '填写了短信号码，须选择短信公司',
    en: 'An SMS number needs its carrier',
  },
  COLLECTIVE_INVOICE_DATE: {
    status: 400,
    zh: '集体报装的开票日期应为报装费发票上的开票日期，不能是录入当天（{today}）',
    en: 'A collective application takes the date on the installation-fee invoice, not today ({today})',
  },
  LOST_INVOICE_DATE: {
    status: 400,
    zh: '报装费发票遗失的，开票日期统一填写 {date}',
    en: 'When the fee invoice is lost the invoice date is {date}',
  },
  INVOICE_AFTER_APPLICATION: {
    status: 400,
    zh: '开票日期应早于或等于报装日期（{applicationDate}）',
    en: 'The invoice date must be on or before the application date ({applicationDate})',
  },
  NAME_HAS_SPACES: {
    status: 400,
    zh: '用户姓名不得含空格（姓名不详时填“用户”）',
    en: 'A name has no spaces (write 用户 when unknown)',
  },
  FORM_RULES_BROKEN: {
    status: 400,
    zh: '报装单有 {count} 处填写不符合规范：{summary}',
    en: 'The application breaks {count} form rules: {summary}',
  },

  // The rest of the form.
  REQUIRED: { status: 400, zh: '请填写{label}', en: '{label} is required' },
  NOT_ALLOWED: { status: 400, zh: '{label}不适用于此报装，请留空', en: '{label} does not apply here: leave it empty' },
  APPLICATION_IN_FUTURE: {
    status: 400,
    zh: '报装日期不能晚于今天（{today}）',
    en: 'The application date cannot be after today ({today})',
  },
  BAD_RESIDENT_ID: {
    status: 400,
    zh: '居民身份证号码不正确（18 位，末位校验码）',
    en: 'Not a valid resident ID number (18 characters with its check digit)',
  },
  ADDRESS_PART_MISSING: {
    status: 400,
    zh: '{shape}地址须填写{label}',
    en: '{shape} addresses need the {label}',
  },
  ADDRESS_PART_NOT_ALLOWED: {
    status: 400,
    zh: '{shape}地址不填写{label}',
    en: '{shape} addresses have no {label}',
  },
  PART_PER_HOUSEHOLD: {
    status: 400,
    zh: '集体报装的{label}在各户中分别填写',
    en: 'In a collective application the {label} is given for each household',
  },
  DATE_TOO_EARLY: { status: 400, zh: '日期不能早于 {min}', en: 'The date cannot be before {min}' },
  UNKNOWN_USAGE_NATURE: {
    status: 400,
    zh: '用气性质 {code} 不存在或已停用',
    en: 'Usage nature {code} does not exist or is inactive',
  },
  NATURE_KIND_MISMATCH: {
    status: 400,
    zh: '用气性质“{nature}”不适用于{kind}用户',
    en: 'Usage nature "{nature}" is not for {kind} customers',
  },
  COLLECTIVE_RESIDENTIAL_ONLY: {
    status: 400,
    zh: '集体报装仅适用于居民用户',
    en: 'Collective applications are for residential households',
  },
  POWER_NOT_POSITIVE: { status: 400, zh: '燃气具功率应大于 0', en: 'An appliance’s power is more than 0 kW' },
  APPLIANCES_NEEDED: {
    status: 400,
    zh: '非居民报装须填写燃气具及其功率（千瓦），安装费按功率计算',
    en: 'A non-residential application lists its appliances and their kW: the fee is by power',
  },
  CUSTOMER_NOT_FOUND: { status: 400, zh: '所选用户不存在', en: 'The chosen customer does not exist' },
  ACCOUNT_NO_TAKEN: {
    status: 409,
    zh: '用户编号 {accountNo} 已被使用',
    en: 'Account number {accountNo} is already in use',
  },
  ACCOUNT_NO_REPEATED: {
    status: 400,
    zh: '用户编号 {accountNo} 在本次报装中重复',
    en: 'Account number {accountNo} is given twice in this application',
  },
  PREMISE_HAS_ACCOUNT: {
    status: 409,
    zh: '该地址已有用户（{accountNo}），不能重复报装',
    en: 'This address already has an account ({accountNo})',
  },
  HOUSEHOLD_REPEATED: {
    status: 400,
    zh: '地址 {address} 在本次报装中重复',
    en: 'The address {address} is listed twice in this application',
  },
  APPLICATION_NOT_FOUND: { status: 404, zh: '找不到该报装申请', en: 'No such service application' },
});

export type OpeningErrorCode = (typeof OpeningError.codes)[number];

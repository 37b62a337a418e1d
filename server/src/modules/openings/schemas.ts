import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';
import { customerKind, meterType } from '../customers/schemas.js';

/**
 * The opening form (用气申请表 / 普通用户登记). Shapes are checked here; the CUS-7 rules between
 * fields are the service's, so each comes back as its own field error with the rule's words.
 * Empty strings mean "not filled in", as on the paper form.
 */
const ymd = z.iso.date();
const text = (max: number) => z.string().trim().max(max).nullish();
const pattern = (re: RegExp, error: string) => z.string().trim().regex(re, { error }).nullish();

const MOBILE = pattern(/^(1\d{10})?$/, '手机号应为 11 位数字 / an 11-digit mobile number');
const ACCOUNT_NO = pattern(/^(\d{6,18})?$/, '用户编号应为 6–18 位数字 / 6 to 18 digits');
const BANK_ACCOUNT_NO = pattern(/^(\d{8,30})?$/, '银行卡号应为 8–30 位数字 / 8 to 30 digits');

export const paymentMethod = z.enum(['counter', 'bankDebit', 'icTopUp', 'online']);
export const smsCarrier = z.enum(['chinaMobile', 'chinaUnicom', 'chinaTelecom', 'chinaBroadnet']);
export const buildingType = z.enum(['multiStorey', 'highRise', 'villa']);
export const installationPriority = z.enum(['waiting', 'asAgreed', 'soon', 'urgent']);
export const applicationMode = z.enum(['individual', 'collective']);
export const applicationStatus = z.enum(['pending', 'scheduled', 'done', 'cancelled']);
export const applicationKind = z.enum(['installation']);
export const idType = z.enum(['residentId', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermit', 'other']);
export const specialCare = z.enum(['elderly', 'ill', 'disabled', 'martyr_family', 'widowed']);
export const applianceKind = z.enum(['stove', 'waterHeater', 'boiler', 'other']);
export const feeCategory = z.enum([
  'multiStorey',
  'highRise',
  'villa',
  'commercialCatering',
  'nonProfitCatering',
  'boiler',
]);

export const applicantInput = z.object({
  kind: customerKind,
  // CUS-7: spaces inside the name are the service's rule (NAME_HAS_SPACES), not a shape error.
  name: z.string().trim().min(1).max(64),
  idType: idType.nullish(),
  idNo: pattern(/^([0-9A-Za-z]{4,32})?$/, '证件号码应为 4–32 位字母或数字 / 4 to 32 letters or digits'),
  taxNo: pattern(/^([0-9A-Z]{15,20})?$/, '纳税人识别号应为 15–20 位大写字母或数字 / 15 to 20 capitals or digits'),
  mobile: MOBILE,
  phone: pattern(/^([0-9-]{7,20})?$/, '电话应为 7–20 位数字或连字符 / 7 to 20 digits or hyphens'),
  specialCare: z.array(specialCare).max(5).default([]),
});

/** CUS-2: apartment 小区/楼/单元/室 or bungalow 巷/排/号; a collective application gives the shared part. */
export const premiseInput = z.object({
  district: z.string().trim().min(1).max(32),
  street: text(64),
  addressKind: z.enum(['apartment', 'bungalow']),
  community: text(64),
  building: text(16),
  unit: text(16),
  room: text(16),
  lane: text(64),
  rowNo: text(16),
  houseNo: text(16),
});

export const accountInput = z.object({
  /** A legacy number migrated by hand; empty: the next number of the policy pattern. */
  accountNo: ACCOUNT_NO,
  paymentMethod,
  bankName: text(64),
  bankAccountNo: BANK_ACCOUNT_NO,
  bankAccountHolder: text(64),
  smsMobile: MOBILE,
  smsCarrier: smsCarrier.nullish(),
});

export const applianceInput = z.object({
  kind: applianceKind,
  brand: text(64),
  model: text(64),
  stoveMount: z.enum(['table', 'builtIn']).nullish(),
  flueType: z.enum(['forcedExhaust', 'balanced']).nullish(),
  flameFailureProtection: z.boolean().nullish(),
  /** kW, a decimal string. */
  powerKw: pattern(/^(\d{1,6}(\.\d{1,2})?)?$/, '功率应为数字，最多两位小数 / kW with up to 2 decimals'),
});

/** One household of a collective application: its own room (or row/number) and, if known, its people. */
export const householdInput = z.object({
  unit: text(16),
  room: text(16),
  rowNo: text(16),
  houseNo: text(16),
  name: z.string().trim().max(64).nullish(),
  mobile: MOBILE,
  accountNo: ACCOUNT_NO,
  bankName: text(64),
  bankAccountNo: BANK_ACCOUNT_NO,
  bankAccountHolder: text(64),
  smsMobile: MOBILE,
  smsCarrier: smsCarrier.nullish(),
});

export const openingBody = z.object({
  mode: applicationMode,
  /** An existing customer (已建档用户); otherwise `applicant` is created. Individual only. */
  customerId: z.uuid().nullish(),
  applicant: applicantInput.nullish(),
  collective: z
    .object({
      applicantOrg: z.string().trim().max(100).nullish(),
      batchRef: text(64),
      contactName: text(32),
      contactPhone: pattern(/^([0-9-]{7,20})?$/, '电话应为 7–20 位数字或连字符 / 7 to 20 digits or hyphens'),
    })
    .nullish(),
  premise: premiseInput,
  commodity: z.enum(['gas', 'water']).default('gas'),
  usageNature: z.string().trim().min(1).max(32),
  meterType,
  buildingType: buildingType.nullish(),
  account: accountInput,
  appliances: z.array(applianceInput).max(50).default([]),
  households: z.array(householdInput).max(500).default([]),
  priority: installationPriority.default('waiting'),
  applicationDate: ymd,
  invoiceDate: ymd,
  feeInvoiceNo: text(32),
  feeInvoiceLost: z.boolean().default(false),
  installationRequest: text(500),
});
export type OpeningBody = z.infer<typeof openingBody>;

export const feeLine = z.object({
  category: feeCategory,
  policyKey: z.string(),
  /** Households, or kW. */
  quantity: z.string(),
  unit: z.enum(['household', 'kW']),
  rate: z.string(),
  amount: z.string(),
  applianceKind: applianceKind.nullable(),
});

export const feeQuote = z.object({
  asOf: z.string(),
  customerKind,
  lines: z.array(feeLine),
  perHousehold: z.string(),
  households: z.number().int(),
  total: z.string(),
});
export type FeeQuote = z.infer<typeof feeQuote>;

export const feeQuoteQuery = z.object({
  usageNature: z.string().trim().min(1).max(32),
  commodity: z.enum(['gas', 'water']).default('gas'),
  buildingType: buildingType.optional(),
  households: z.coerce.number().int().min(1).max(500).default(1),
  /** Appliances as `kind:kW` pairs, comma-separated: `stove:21.5,boiler:120`. */
  appliances: z
    .string()
    .trim()
    .max(2000)
    .regex(
      /^((stove|waterHeater|boiler|other):\d{1,6}(\.\d{1,2})?(,(stove|waterHeater|boiler|other):\d{1,6}(\.\d{1,2})?)*)?$/,
      {
        error: '燃气具格式应为 种类:千瓦，以逗号分隔 / kind:kW pairs, comma-separated',
      },
    )
    .optional(),
  /** The business date whose fee schedule applies: the fee invoice's date. */
  asOf: ymd.optional(),
});

const householdOut = z.object({
  position: z.number().int(),
  accountId: z.uuid(),
  accountNo: z.string(),
  accountStatus: z.string(),
  customerId: z.uuid(),
  customerName: z.string(),
  address: z.string(),
  feeAmount: z.string(),
});

export const serviceApplicationRow = z.object({
  id: z.uuid(),
  applicationNo: z.string(),
  kind: applicationKind,
  mode: applicationMode,
  applicantName: z.string(),
  applicantMobile: z.string().nullable(),
  applicantOrg: z.string().nullable(),
  batchRef: z.string().nullable(),
  address: z.string(),
  commodity: z.enum(['gas', 'water']),
  usageNature: z.string(),
  usageNatureName: z.string(),
  customerKind,
  meterType,
  paymentMethod,
  buildingType: buildingType.nullable(),
  priority: installationPriority,
  status: applicationStatus,
  householdCount: z.number().int(),
  feeAmount: z.string(),
  applicationDate: z.string(),
  invoiceDate: z.string(),
  firstAccountId: z.uuid().nullable(),
  firstAccountNo: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ServiceApplicationRow = z.infer<typeof serviceApplicationRow>;

export const serviceApplication = serviceApplicationRow.extend({
  feeBreakdown: feeQuote,
  feeInvoiceNo: z.string().nullable(),
  feeInvoiceLost: z.boolean(),
  installationRequest: z.string().nullable(),
  version: z.number().int(),
  households: z.array(householdOut),
  appliances: z.array(
    z.object({
      kind: applianceKind,
      brand: z.string().nullable(),
      model: z.string().nullable(),
      stoveMount: z.string().nullable(),
      flueType: z.string().nullable(),
      flameFailureProtection: z.boolean().nullable(),
      powerKw: z.string().nullable(),
    }),
  ),
});
export type ServiceApplication = z.infer<typeof serviceApplication>;

export const openingResult = z.object({
  application: serviceApplication,
});

export const listApplicationsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['applicationNo', 'applicationDate', 'priority', 'feeAmount', 'createdAt']).default('createdAt'),
  q: z.string().trim().max(64).optional(),
  status: applicationStatus.optional(),
  priority: installationPriority.optional(),
  kind: applicationKind.optional(),
  mode: applicationMode.optional(),
  from: ymd.optional(),
  to: ymd.optional(),
});
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;

export const formOptions = z.object({
  /** The business date (Asia/Shanghai) the form defaults its dates to. */
  today: z.string(),
  /** CUS-7: the invoice date written when a collective application's fee invoice was lost. */
  lostFeeInvoiceDate: z.string(),
  usageNatures: z.array(
    z.object({ code: z.string(), name: z.string(), commodity: z.enum(['gas', 'water']), customerKind }),
  ),
});

export const idParams = z.object({ id: z.uuid() });

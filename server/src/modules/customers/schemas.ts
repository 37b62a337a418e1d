import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';
import { contactSchema } from '../contacts/schemas.js';

export const customerKind = z.enum(['residential', 'commercial', 'institutional']);
export const accountStatus = z.enum(['pending', 'active', 'suspended', 'closed']);
export const meterType = z.enum(['diaphragm', 'icCard', 'remoteRead', 'iot']);
export const commodity = z.enum(['gas', 'water']);
export const paymentMethod = z.enum(['counter', 'bankDebit', 'icTopUp', 'online']);
export const idType = z.enum(['residentId', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermit', 'other']);
export const specialCareFlag = z.enum(['elderly', 'ill', 'disabled', 'martyr_family', 'widowed']);
export const smsCarrier = z.enum(['chinaMobile', 'chinaUnicom', 'chinaTelecom', 'chinaBroadnet']);
export const addressKind = z.enum(['apartment', 'bungalow']);

export const searchAccountsQuery = z.object({
  q: z.string().trim().min(2).max(64),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const accountSearchHit = z.object({
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  customerKind,
  maskedMobile: z.string().nullable(),
  address: z.string(),
  status: accountStatus,
  meterSerial: z.string().nullable(),
  matchedBy: z.enum(['accountNo', 'name', 'mobile', 'idNo', 'meterSerial', 'address']),
});

export const accountProfile = z.object({
  account: z.object({
    id: z.uuid(),
    accountNo: z.string(),
    commodity: z.enum(['gas', 'water']),
    usageNature: z.string(),
    usageNatureName: z.string(),
    status: accountStatus,
    paymentMethod: z.enum(['counter', 'bankDebit', 'icTopUp', 'online']),
    bankName: z.string().nullable(),
    bankAccountNo: z.string().nullable(),
    bankAccountHolder: z.string().nullable(),
    smsMobile: z.string().nullable(),
    smsCarrier: z.string().nullable(),
    openedOn: z.string().nullable(),
    closedOn: z.string().nullable(),
    version: z.number().int(),
  }),
  customer: z.object({
    id: z.uuid(),
    kind: customerKind,
    name: z.string(),
    idType: z.string().nullable(),
    /** Masked: the first and last four characters. */
    idNo: z.string().nullable(),
    taxNo: z.string().nullable(),
    mobile: z.string().nullable(),
    phone: z.string().nullable(),
    specialCare: z.array(z.string()),
    note: z.string().nullable(),
    version: z.number().int(),
  }),
  premise: z.object({
    id: z.uuid(),
    district: z.string(),
    street: z.string(),
    addressKind: z.enum(['apartment', 'bungalow']),
    community: z.string().nullable(),
    building: z.string().nullable(),
    unit: z.string().nullable(),
    room: z.string().nullable(),
    lane: z.string().nullable(),
    rowNo: z.string().nullable(),
    houseNo: z.string().nullable(),
    fullAddress: z.string(),
    version: z.number().int(),
  }),
  meter: z
    .object({
      id: z.uuid(),
      serial: z.string(),
      manufacturer: z.string(),
      model: z.string().nullable(),
      meterType,
      inletDirection: z.enum(['left', 'right']).nullable(),
      baseReading: z.string(),
      sealInlet: z.string().nullable(),
      sealOutlet: z.string().nullable(),
      location: z.enum(['indoor', 'outdoor']).nullable(),
      metalHose: z.boolean(),
      status: z.string(),
      installedOn: z.string().nullable(),
      version: z.number().int(),
    })
    .nullable(),
});

export const idParams = z.object({ id: z.uuid() });

// ---- IAM-4: edits of customer data ----

/** Field shapes mirror the database checks, so a bad value is a 400 naming the field, never a 500. */
export const fieldShapes = {
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^\S+$/, { error: '名称中不能有空格（不详时填“用户”） / no spaces in a name ("用户" if unknown)' }),
  idNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{4,32}$/, { error: '证件号码为 4–32 位字母或数字 / 4–32 letters or digits' }),
  taxNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{15,20}$/, { error: '纳税人识别号为 15–20 位数字或大写字母 / 15–20 digits or capitals' }),
  mobile: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, { error: '请输入 11 位手机号（以 1 开头） / an 11-digit mobile' }),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,32}$/, { error: '电话号码只能包含数字和 + - ( ) / digits and + - ( ) only' }),
  shortCode: z.string().trim().max(16),
  bankAccountNo: z
    .string()
    .trim()
    .regex(/^\d{8,30}$/, { error: '银行账号为 8–30 位数字 / 8–30 digits' }),
  meterSerial: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{3,32}$/, { error: '表钢号为 3–32 位字母、数字或 - / 3–32 letters, digits or -' }),
};

const nullableText = (max: number) => z.string().trim().max(max).nullish();
const version = z.number().int().min(1);

export const directEditBody = z.object({
  /** Why (optional for unprotected fields); kept in the history. */
  reason: nullableText(500),
  customer: z
    .object({
      version,
      specialCare: z.array(specialCareFlag).max(5).optional(),
      note: nullableText(500),
    })
    // Protected fields sent here are answered with PROTECTED_FIELD rather than dropped in silence.
    .loose()
    .optional(),
  account: z
    .object({
      version,
      paymentMethod: paymentMethod.optional(),
      smsMobile: fieldShapes.mobile.nullish(),
      smsCarrier: smsCarrier.nullish(),
    })
    .loose()
    .optional(),
  invoiceDetails: z
    .object({
      /** 0 when the account has no invoice details yet. */
      version: z.number().int().min(0),
      invoiceKind: z.enum(['ordinary', 'special']),
      title: z.string().trim().min(1).max(100),
      taxNo: fieldShapes.taxNo.nullish(),
      address: nullableText(200),
      phone: fieldShapes.phone.nullish(),
      bankName: nullableText(64),
      bankAccountNo: z.string().trim().max(40).nullish(),
      email: z.email().nullish(),
    })
    .optional(),
});

export const customerGroup = z.object({
  name: fieldShapes.name.optional(),
  idType: idType.nullish(),
  idNo: fieldShapes.idNo.nullish(),
  taxNo: fieldShapes.taxNo.nullish(),
  mobile: fieldShapes.mobile.nullish(),
  phone: fieldShapes.phone.nullish(),
});
export const premiseGroup = z.object({
  district: z.string().trim().min(1).max(32).optional(),
  street: nullableText(64),
  addressKind: addressKind.optional(),
  community: nullableText(64),
  building: fieldShapes.shortCode.nullish(),
  unit: fieldShapes.shortCode.nullish(),
  room: fieldShapes.shortCode.nullish(),
  lane: nullableText(64),
  rowNo: fieldShapes.shortCode.nullish(),
  houseNo: fieldShapes.shortCode.nullish(),
});
export const meterGroup = z.object({
  serial: fieldShapes.meterSerial.optional(),
  manufacturer: z.string().trim().min(1).max(64).optional(),
  model: nullableText(64),
  sealInlet: nullableText(32),
  sealOutlet: nullableText(32),
  location: z.enum(['indoor', 'outdoor']).nullish(),
  inletDirection: z.enum(['left', 'right']).nullish(),
});
export const bankGroup = z.object({
  paymentMethod: paymentMethod.optional(),
  bankName: nullableText(64),
  bankAccountNo: fieldShapes.bankAccountNo.nullish(),
  bankAccountHolder: nullableText(64),
});

/** IAM-4: a change of protected fields, by group; only what is given changes. */
export const changeRequestBody = z.object({
  reason: z.string().trim().min(1).max(500),
  customer: customerGroup.optional(),
  premise: premiseGroup.optional(),
  meter: meterGroup.optional(),
  bank: bankGroup.optional(),
});
export type ChangeRequestBody = z.infer<typeof changeRequestBody>;
export type DirectEditBody = z.infer<typeof directEditBody>;

export const entity = z.enum(['customer', 'premise', 'account', 'meter', 'invoiceDetails']);

export const fieldChange = z.object({
  field: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
  before: z.unknown(),
  after: z.unknown(),
});

export const historyItem = z.object({
  id: z.uuid(),
  entityType: entity,
  entityId: z.uuid(),
  mode: z.enum(['direct', 'approved']),
  changes: z.array(fieldChange),
  versionBefore: z.number().int().nullable(),
  versionAfter: z.number().int(),
  reason: z.string().nullable(),
  changedBy: z.uuid().nullable(),
  changedByName: z.string().nullable(),
  requestedByName: z.string().nullable(),
  approvalRequestId: z.uuid().nullable(),
  approvalNo: z.string().nullable(),
  changedAt: z.string(),
});

export const changeRequestItem = z.object({
  id: z.uuid(),
  no: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  reason: z.string(),
  requestedByName: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  changes: z.array(fieldChange.extend({ entity })),
});

// ---- The customer register and the 360° view ----

export const listAccountsQuery = z.object({
  ...pagingQuery,
  // Only what an index can page at a million accounts; a name or an address is found with the search box.
  sort: z.enum(['accountNo', 'openedOn']).default('accountNo'),
  district: z.string().trim().min(1).max(32).optional(),
  status: accountStatus.optional(),
  usageNature: z.string().trim().max(32).optional(),
  customerKind: customerKind.optional(),
  commodity: commodity.optional(),
});

export const accountListItem = z.object({
  id: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  customerKind,
  /** Masked (138****5678). */
  mobile: z.string().nullable(),
  address: z.string(),
  district: z.string(),
  usageNature: z.string(),
  usageNatureName: z.string(),
  commodity,
  status: accountStatus,
  paymentMethod,
  openedOn: z.string().nullable(),
  meterSerial: z.string().nullable(),
});

export const filterOptions = z.object({
  districts: z.array(z.string()),
  usageNatures: z.array(z.object({ code: z.string(), name: z.string(), commodity, customerKind, active: z.boolean() })),
});

const meterOfAccount = accountProfile.shape.meter
  .unwrap()
  .omit({ version: true })
  .extend({ current: z.boolean(), /** MTR-4: m³/h. */ designedFlow: z.string().nullable() });

export const revealed = z.object({
  idNo: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  smsMobile: z.string().nullable(),
  bankAccountNo: z.string().nullable(),
});

export const accountOverview = z.object({
  /** natureCustomerKind: the usage nature's customer kind (not residential: C&I, MTR-4). */
  account: accountProfile.shape.account.extend({ natureCustomerKind: customerKind }),
  customer: accountProfile.shape.customer,
  premise: accountProfile.shape.premise,
  meter: accountProfile.shape.meter,
  meters: z.array(meterOfAccount),
  meterEvents: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['install', 'replace', 'remove']),
      happenedOn: z.string(),
      meterId: z.uuid(),
      meterSerial: z.string(),
      reading: z.string(),
      oldMeterId: z.uuid().nullable(),
      oldMeterSerial: z.string().nullable(),
      oldReading: z.string().nullable(),
      temporary: z.boolean(),
      reason: z.string().nullable(),
      recordedByName: z.string().nullable(),
    }),
  ),
  contracts: z.array(
    z.object({
      id: z.uuid(),
      contractNo: z.string(),
      status: z.enum(['active', 'voided']),
      customerName: z.string(),
      signedOn: z.string(),
      voidedOn: z.string().nullable(),
      voidReason: z.string().nullable(),
    }),
  ),
  appliances: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['stove', 'waterHeater', 'boiler', 'other']),
      brand: z.string().nullable(),
      model: z.string().nullable(),
      stoveMount: z.enum(['table', 'builtIn']).nullable(),
      flueType: z.enum(['forcedExhaust', 'balanced']).nullable(),
      flameFailureProtection: z.boolean().nullable(),
      safetyPledgeSigned: z.boolean(),
      powerKw: z.string().nullable(),
      installedOn: z.string().nullable(),
      removedOn: z.string().nullable(),
    }),
  ),
  invoiceDetails: z
    .object({
      invoiceKind: z.enum(['ordinary', 'special']),
      title: z.string(),
      taxNo: z.string().nullable(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
      bankName: z.string().nullable(),
      bankAccountNo: z.string().nullable(),
      email: z.string().nullable(),
      version: z.number().int(),
    })
    .nullable(),
  deposits: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['prepayment', 'meter', 'waterConnection', 'other']),
      amount: z.string(),
      status: z.enum(['held', 'refunded', 'transferred', 'applied', 'forfeited']),
      receivedOn: z.string(),
      settledOn: z.string().nullable(),
      receiptNo: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  balance: z.object({
    balance: z.string(),
    arrears: z.string(),
    arrearsByPeriod: z.array(z.object({ period: z.string().nullable(), dueOn: z.string(), amount: z.string() })),
  }),
  billing: z.object({ available: z.literal(false) }),
  serviceApplications: z.array(
    z.object({
      id: z.uuid(),
      applicationNo: z.string(),
      kind: z.string(),
      mode: z.string(),
      priority: z.string(),
      status: z.string(),
      applicationDate: z.string(),
      feeAmount: z.string(),
    }),
  ),
  notices: z.array(
    z.object({
      id: z.uuid(),
      channel: z.string(),
      templateCode: z.string(),
      recipient: z.string().nullable(),
      rendered: z.string(),
      status: z.string(),
      createdAt: z.string(),
    }),
  ),
  contacts: z.object({ items: z.array(contactSchema), total: z.number().int() }),
  canReadContacts: z.boolean(),
  changes: z.object({ items: z.array(historyItem), total: z.number().int() }),
  changeRequests: z.array(changeRequestItem),
  canReveal: z.boolean(),
  canEdit: z.boolean(),
});

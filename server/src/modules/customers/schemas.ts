import { z } from 'zod';

export const customerKind = z.enum(['residential', 'commercial', 'institutional']);
export const accountStatus = z.enum(['pending', 'active', 'suspended', 'closed']);
export const meterType = z.enum(['diaphragm', 'icCard', 'remoteRead', 'iot']);

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
    })
    .nullable(),
});

export const idParams = z.object({ id: z.uuid() });

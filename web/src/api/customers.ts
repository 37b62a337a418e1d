import { http } from './client';
import type { Contact } from './contacts';
import type { Page, PageParams } from './types';

export const customersKey = ['customers'] as const;
export const accountKey = (id: string) => [...customersKey, 'account', id] as const;

export interface Bilingual {
  zh: string;
  en: string;
}

export type CustomerKind = 'residential' | 'commercial' | 'institutional';
export type AccountStatus = 'pending' | 'active' | 'suspended' | 'closed';
export type Commodity = 'gas' | 'water';
export type PaymentMethod = 'counter' | 'bankDebit' | 'icTopUp' | 'online';
export type MeterType = 'diaphragm' | 'icCard' | 'remoteRead' | 'iot';
export type MatchedBy = 'accountNo' | 'name' | 'mobile' | 'idNo' | 'meterSerial' | 'address';
export type SpecialCare = 'elderly' | 'ill' | 'disabled' | 'martyr_family' | 'widowed';
export type IdType = 'residentId' | 'passport' | 'hkMacaoPermit' | 'taiwanPermit' | 'foreignPermit' | 'other';
export type SmsCarrier = 'chinaMobile' | 'chinaUnicom' | 'chinaTelecom' | 'chinaBroadnet';
export type Entity = 'customer' | 'premise' | 'account' | 'meter' | 'invoiceDetails';

export interface SearchHit {
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: CustomerKind;
  maskedMobile: string | null;
  address: string;
  status: AccountStatus;
  meterSerial: string | null;
  matchedBy: MatchedBy;
}

export interface AccountListItem {
  id: string;
  accountNo: string;
  customerName: string;
  customerKind: CustomerKind;
  mobile: string | null;
  address: string;
  district: string;
  usageNature: string;
  usageNatureName: string;
  commodity: Commodity;
  status: AccountStatus;
  paymentMethod: PaymentMethod;
  openedOn: string | null;
  meterSerial: string | null;
}

export type AccountSort = 'accountNo' | 'openedOn';

export interface AccountFilters {
  district?: string;
  status?: AccountStatus;
  usageNature?: string;
  customerKind?: CustomerKind;
  commodity?: Commodity;
}

export interface AccountListParams extends PageParams, AccountFilters {
  sort?: AccountSort;
}

export interface FilterOptions {
  districts: string[];
  usageNatures: { code: string; name: string; commodity: Commodity; customerKind: CustomerKind; active: boolean }[];
}

export interface Meter {
  id: string;
  serial: string;
  manufacturer: string;
  model: string | null;
  meterType: MeterType;
  inletDirection: 'left' | 'right' | null;
  baseReading: string;
  sealInlet: string | null;
  sealOutlet: string | null;
  location: 'indoor' | 'outdoor' | null;
  metalHose: boolean;
  status: string;
  installedOn: string | null;
}

export interface FieldChange {
  field: string;
  label: Bilingual;
  before: unknown;
  after: unknown;
}

export interface HistoryItem {
  id: string;
  entityType: Entity;
  entityId: string;
  mode: 'direct' | 'approved';
  changes: FieldChange[];
  versionBefore: number | null;
  versionAfter: number;
  reason: string | null;
  changedBy: string | null;
  changedByName: string | null;
  requestedByName: string | null;
  approvalRequestId: string | null;
  approvalNo: string | null;
  changedAt: string;
}

export interface ChangeRequestItem {
  id: string;
  no: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  reason: string;
  requestedByName: string | null;
  createdAt: string;
  decidedAt: string | null;
  changes: (FieldChange & { entity: Entity })[];
}

export interface InvoiceDetails {
  invoiceKind: 'ordinary' | 'special';
  title: string;
  taxNo: string | null;
  address: string | null;
  phone: string | null;
  bankName: string | null;
  bankAccountNo: string | null;
  email: string | null;
  version: number;
}

export interface AccountOverview {
  account: {
    id: string;
    accountNo: string;
    commodity: Commodity;
    usageNature: string;
    usageNatureName: string;
    status: AccountStatus;
    paymentMethod: PaymentMethod;
    bankName: string | null;
    bankAccountNo: string | null;
    bankAccountHolder: string | null;
    smsMobile: string | null;
    smsCarrier: SmsCarrier | null;
    openedOn: string | null;
    closedOn: string | null;
    version: number;
    /** The usage nature's customer kind: anything but residential is C&I (MTR-4). */
    natureCustomerKind?: CustomerKind;
  };
  customer: {
    id: string;
    kind: CustomerKind;
    name: string;
    idType: IdType | null;
    idNo: string | null;
    taxNo: string | null;
    mobile: string | null;
    phone: string | null;
    specialCare: SpecialCare[];
    note: string | null;
    version: number;
  };
  premise: {
    id: string;
    district: string;
    street: string;
    addressKind: 'apartment' | 'bungalow';
    community: string | null;
    building: string | null;
    unit: string | null;
    room: string | null;
    lane: string | null;
    rowNo: string | null;
    houseNo: string | null;
    fullAddress: string;
    version: number;
  };
  meter: (Meter & { version: number }) | null;
  /** designedFlow: MTR-4, m³/h (null: not set). */
  meters: (Meter & { current: boolean; designedFlow?: string | null })[];
  meterEvents: {
    id: string;
    kind: 'install' | 'replace' | 'remove';
    happenedOn: string;
    meterId: string;
    meterSerial: string;
    reading: string;
    oldMeterId: string | null;
    oldMeterSerial: string | null;
    oldReading: string | null;
    temporary: boolean;
    reason: string | null;
    recordedByName: string | null;
  }[];
  contracts: {
    id: string;
    contractNo: string;
    status: 'active' | 'voided';
    customerName: string;
    signedOn: string;
    voidedOn: string | null;
    voidReason: string | null;
  }[];
  appliances: {
    id: string;
    kind: 'stove' | 'waterHeater' | 'boiler' | 'other';
    brand: string | null;
    model: string | null;
    stoveMount: 'table' | 'builtIn' | null;
    flueType: 'forcedExhaust' | 'balanced' | null;
    flameFailureProtection: boolean | null;
    safetyPledgeSigned: boolean;
    powerKw: string | null;
    installedOn: string | null;
    removedOn: string | null;
  }[];
  invoiceDetails: InvoiceDetails | null;
  deposits: {
    id: string;
    kind: 'prepayment' | 'meter' | 'waterConnection' | 'other';
    amount: string;
    status: 'held' | 'refunded' | 'transferred' | 'applied' | 'forfeited';
    receivedOn: string;
    settledOn: string | null;
    receiptNo: string | null;
    note: string | null;
  }[];
  balance: {
    balance: string;
    arrears: string;
    arrearsByPeriod: { period: string | null; dueOn: string; amount: string }[];
  };
  billing: { available: false };
  serviceApplications: {
    id: string;
    applicationNo: string;
    kind: string;
    mode: 'individual' | 'collective';
    priority: 'waiting' | 'asAgreed' | 'soon' | 'urgent';
    status: 'pending' | 'scheduled' | 'done' | 'cancelled';
    applicationDate: string;
    feeAmount: string;
  }[];
  notices: {
    id: string;
    channel: string;
    templateCode: string;
    recipient: string | null;
    rendered: string;
    status: string;
    createdAt: string;
  }[];
  contacts: { items: Contact[]; total: number };
  canReadContacts: boolean;
  changes: { items: HistoryItem[]; total: number };
  changeRequests: ChangeRequestItem[];
  canReveal: boolean;
  canEdit: boolean;
}

export interface Revealed {
  idNo: string | null;
  mobile: string | null;
  phone: string | null;
  smsMobile: string | null;
  bankAccountNo: string | null;
}

export interface DirectEditBody {
  reason?: string | null;
  customer?: { version: number; specialCare?: SpecialCare[]; note?: string | null };
  account?: {
    version: number;
    paymentMethod?: PaymentMethod;
    smsMobile?: string | null;
    smsCarrier?: SmsCarrier | null;
  };
  invoiceDetails?: Omit<InvoiceDetails, 'version'> & { version: number };
}

export interface ChangeRequestBody {
  reason: string;
  customer?: Partial<{
    name: string;
    idType: IdType | null;
    idNo: string | null;
    taxNo: string | null;
    mobile: string | null;
    phone: string | null;
  }>;
  premise?: Partial<{
    district: string;
    street: string | null;
    addressKind: 'apartment' | 'bungalow';
    community: string | null;
    building: string | null;
    unit: string | null;
    room: string | null;
    lane: string | null;
    rowNo: string | null;
    houseNo: string | null;
  }>;
  meter?: Partial<{
    serial: string;
    manufacturer: string;
    model: string | null;
    sealInlet: string | null;
    sealOutlet: string | null;
    location: 'indoor' | 'outdoor' | null;
    inletDirection: 'left' | 'right' | null;
  }>;
  bank?: Partial<{
    paymentMethod: PaymentMethod;
    bankName: string | null;
    bankAccountNo: string | null;
    bankAccountHolder: string | null;
  }>;
}

/** The answer to a stale edit: the record as it is now (personal data masked). */
export interface VersionConflictDetails {
  entity: Entity;
  yourVersion: number;
  current: { version: number; values: Record<string, unknown> | null };
}

const accountPath = (id: string) => `/api/accounts/${encodeURIComponent(id)}`;

export const searchAccounts = (q: string, limit = 20) =>
  http.get<{ items: SearchHit[] }>('/api/accounts/search', { q, limit });
export const listAccounts = (params: AccountListParams) =>
  http.get<Page<AccountListItem>>('/api/accounts', { ...params });
export const getFilterOptions = () => http.get<FilterOptions>('/api/accounts/filter-options');
export const getOverview = (id: string) => http.get<AccountOverview>(`${accountPath(id)}/overview`);
export const revealPersonalData = (id: string) => http.post<Revealed>(`${accountPath(id)}/reveal`);
export const editAccount = (id: string, body: DirectEditBody) =>
  http.patch<{ changes: { items: HistoryItem[]; total: number } }>(accountPath(id), body);
export const requestChange = (id: string, body: ChangeRequestBody) =>
  http.post<{ id: string; no: string; status: string }>(`${accountPath(id)}/change-requests`, body);
export const listChanges = (id: string, page: { page: number; pageSize: number }) =>
  http.get<Page<HistoryItem>>(`${accountPath(id)}/changes`, page);

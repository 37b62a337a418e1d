import { http } from './client';
import type { Page, PageParams } from './types';

export type CustomerKind = 'residential' | 'commercial' | 'institutional';
export type MeterType = 'diaphragm' | 'icCard' | 'remoteRead' | 'iot';
export type PaymentMethod = 'counter' | 'bankDebit' | 'icTopUp' | 'online';
export type SmsCarrier = 'chinaMobile' | 'chinaUnicom' | 'chinaTelecom' | 'chinaBroadnet';
export type BuildingType = 'multiStorey' | 'highRise' | 'villa';
export type InstallationPriority = 'waiting' | 'asAgreed' | 'soon' | 'urgent';
export type ApplicationMode = 'individual' | 'collective';
export type ApplicationStatus = 'pending' | 'scheduled' | 'done' | 'cancelled';
export type IdType = 'residentId' | 'passport' | 'hkMacaoPermit' | 'taiwanPermit' | 'foreignPermit' | 'other';
export type SpecialCare = 'elderly' | 'ill' | 'disabled' | 'martyr_family' | 'widowed';
export type ApplianceKind = 'stove' | 'waterHeater' | 'boiler' | 'other';
export type AddressKind = 'apartment' | 'bungalow';
export type FeeCategory = BuildingType | 'commercialCatering' | 'nonProfitCatering' | 'boiler';

export interface ApplicantInput {
  kind: CustomerKind;
  name: string;
  idType?: IdType | null;
  idNo?: string | null;
  taxNo?: string | null;
  mobile?: string | null;
  phone?: string | null;
  specialCare?: SpecialCare[];
}

export interface PremiseInput {
  district: string;
  street?: string | null;
  addressKind: AddressKind;
  community?: string | null;
  building?: string | null;
  unit?: string | null;
  room?: string | null;
  lane?: string | null;
  rowNo?: string | null;
  houseNo?: string | null;
}

export interface BankAndSms {
  bankName?: string | null;
  bankAccountNo?: string | null;
  bankAccountHolder?: string | null;
  smsMobile?: string | null;
  smsCarrier?: SmsCarrier | null;
}

export interface AccountInput extends BankAndSms {
  accountNo?: string | null;
  paymentMethod: PaymentMethod;
}

export interface ApplianceInput {
  kind: ApplianceKind;
  brand?: string | null;
  model?: string | null;
  stoveMount?: 'table' | 'builtIn' | null;
  flueType?: 'forcedExhaust' | 'balanced' | null;
  flameFailureProtection?: boolean | null;
  powerKw?: string | null;
}

export interface HouseholdInput extends BankAndSms {
  unit?: string | null;
  room?: string | null;
  rowNo?: string | null;
  houseNo?: string | null;
  name?: string | null;
  mobile?: string | null;
  accountNo?: string | null;
}

export interface OpeningBody {
  mode: ApplicationMode;
  customerId?: string | null;
  applicant?: ApplicantInput | null;
  collective?: {
    applicantOrg?: string | null;
    batchRef?: string | null;
    contactName?: string | null;
    contactPhone?: string | null;
  } | null;
  premise: PremiseInput;
  commodity?: 'gas' | 'water';
  usageNature: string;
  meterType: MeterType;
  buildingType?: BuildingType | null;
  account: AccountInput;
  appliances?: ApplianceInput[];
  households?: HouseholdInput[];
  priority: InstallationPriority;
  applicationDate: string;
  invoiceDate: string;
  feeInvoiceNo?: string | null;
  feeInvoiceLost?: boolean;
  installationRequest?: string | null;
}

export interface FeeLine {
  category: FeeCategory;
  policyKey: string;
  quantity: string;
  unit: 'household' | 'kW';
  rate: string;
  amount: string;
  applianceKind: ApplianceKind | null;
}

export interface FeeQuote {
  asOf: string;
  customerKind: CustomerKind;
  lines: FeeLine[];
  perHousehold: string;
  households: number;
  total: string;
}

export interface FeeQuoteParams {
  usageNature: string;
  commodity?: 'gas' | 'water';
  buildingType?: BuildingType;
  households?: number;
  /** `kind:kW` pairs, comma-separated. */
  appliances?: string;
  asOf?: string;
}

export interface UsageNatureOption {
  code: string;
  name: string;
  commodity: 'gas' | 'water';
  customerKind: CustomerKind;
}

export interface FormOptions {
  today: string;
  lostFeeInvoiceDate: string;
  usageNatures: UsageNatureOption[];
}

export interface ServiceApplicationRow {
  id: string;
  applicationNo: string;
  kind: 'installation';
  mode: ApplicationMode;
  applicantName: string;
  applicantMobile: string | null;
  applicantOrg: string | null;
  batchRef: string | null;
  address: string;
  commodity: 'gas' | 'water';
  usageNature: string;
  usageNatureName: string;
  customerKind: CustomerKind;
  meterType: MeterType;
  paymentMethod: PaymentMethod;
  buildingType: BuildingType | null;
  priority: InstallationPriority;
  status: ApplicationStatus;
  householdCount: number;
  feeAmount: string;
  applicationDate: string;
  invoiceDate: string;
  firstAccountId: string | null;
  firstAccountNo: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface ServiceApplication extends ServiceApplicationRow {
  feeBreakdown: FeeQuote;
  feeInvoiceNo: string | null;
  feeInvoiceLost: boolean;
  installationRequest: string | null;
  version: number;
  households: {
    position: number;
    accountId: string;
    accountNo: string;
    accountStatus: string;
    customerId: string;
    customerName: string;
    address: string;
    feeAmount: string;
  }[];
  appliances: {
    kind: ApplianceKind;
    brand: string | null;
    model: string | null;
    stoveMount: string | null;
    flueType: string | null;
    flameFailureProtection: boolean | null;
    powerKw: string | null;
  }[];
}

export type ApplicationSort = 'applicationNo' | 'applicationDate' | 'priority' | 'feeAmount' | 'createdAt';

export interface ApplicationListParams extends PageParams {
  sort?: ApplicationSort;
  q?: string;
  status?: ApplicationStatus;
  priority?: InstallationPriority;
  kind?: 'installation';
  mode?: ApplicationMode;
  from?: string;
  to?: string;
}

export const openingsKey = ['openings'] as const;
export const applicationsKey = ['service-applications'] as const;

export const getFormOptions = () => http.get<FormOptions>('/api/account-openings/form-options');
export const quoteFee = (params: FeeQuoteParams) =>
  http.get<FeeQuote>('/api/account-openings/fee-quote', { ...params });
export const openAccount = (body: OpeningBody) =>
  http.post<{ application: ServiceApplication }>('/api/account-openings', body);
export const listApplications = (params: ApplicationListParams) =>
  http.get<Page<ServiceApplicationRow>>('/api/service-applications', { ...params });
export const getApplication = (id: string) =>
  http.get<ServiceApplication>(`/api/service-applications/${encodeURIComponent(id)}`);

/** The 360° view of an account (built by the customers screens). */
export const accountViewPath = (accountId: string) => `/customers/accounts/${encodeURIComponent(accountId)}`;

/** The one-box account search (CUS-3), to pick the customer of an existing account (已建档用户). */
export interface AccountHit {
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: CustomerKind;
  maskedMobile: string | null;
  address: string;
}
export const searchAccounts = (q: string) =>
  http.get<{ items: AccountHit[] }>('/api/accounts/search', { q, limit: 10 });
export const getAccountCustomer = (accountId: string) =>
  http.get<{ customer: { id: string; kind: CustomerKind; name: string } }>(
    `/api/accounts/${encodeURIComponent(accountId)}`,
  );

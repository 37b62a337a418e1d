import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../api/client';
import type {
  AccountInput,
  ApplianceInput,
  ApplicantInput,
  ApplicationMode,
  BuildingType,
  HouseholdInput,
  InstallationPriority,
  MeterType,
  OpeningBody,
  PremiseInput,
} from '../../../api/openings';

/** The opening form as antd holds it: the API body's shape, dates as Dayjs. */
export interface OpeningForm {
  mode: ApplicationMode;
  useExisting?: boolean;
  customerId?: string;
  applicant: ApplicantInput;
  collective?: { applicantOrg?: string; batchRef?: string; contactName?: string; contactPhone?: string };
  premise: PremiseInput;
  usageNature?: string;
  meterType?: MeterType;
  buildingType?: BuildingType;
  account: AccountInput;
  appliances?: ApplianceInput[];
  households?: HouseholdInput[];
  priority: InstallationPriority;
  applicationDate?: Dayjs;
  invoiceDate?: Dayjs;
  feeInvoiceNo?: string;
  feeInvoiceLost?: boolean;
  installationRequest?: string;
}

export function initialValues(today: string): Partial<OpeningForm> {
  const day = dayjs(today, 'YYYY-MM-DD');
  return {
    mode: 'individual',
    useExisting: false,
    applicant: { kind: 'residential', name: '', idType: 'residentId', specialCare: [] },
    premise: { district: '', addressKind: 'apartment' },
    account: { paymentMethod: 'icTopUp' },
    meterType: 'icCard',
    priority: 'waiting',
    appliances: [],
    households: [],
    applicationDate: day,
    invoiceDate: day,
    feeInvoiceLost: false,
  };
}

const text = (v: string | null | undefined): string | null => {
  const s = v?.trim();
  return s ? s : null;
};

const APARTMENT_OWN = ['unit', 'room'] as const;
const BUNGALOW_OWN = ['rowNo', 'houseNo'] as const;

/** What the form sends: blanks as null, only the address parts of the chosen shape. */
export function toBody(v: OpeningForm): OpeningBody {
  const collective = v.mode === 'collective';
  const apartment = v.premise.addressKind === 'apartment';
  const own: readonly string[] = apartment ? APARTMENT_OWN : BUNGALOW_OWN;
  const part = (name: keyof PremiseInput) => {
    const isShape = apartment
      ? ['community', 'building', 'unit', 'room'].includes(name)
      : ['lane', 'rowNo', 'houseNo'].includes(name);
    if (!isShape || (collective && own.includes(name))) return null;
    return text(v.premise[name] as string | undefined);
  };
  const premise: PremiseInput = {
    district: v.premise.district?.trim() ?? '',
    street: text(v.premise.street),
    addressKind: v.premise.addressKind,
    community: part('community'),
    building: part('building'),
    unit: part('unit'),
    room: part('room'),
    lane: part('lane'),
    rowNo: part('rowNo'),
    houseNo: part('houseNo'),
  };
  const a = v.account;
  const account: AccountInput = collective
    ? { paymentMethod: a.paymentMethod }
    : {
        paymentMethod: a.paymentMethod,
        accountNo: text(a.accountNo),
        bankName: text(a.bankName),
        bankAccountNo: text(a.bankAccountNo),
        bankAccountHolder: text(a.bankAccountHolder),
        smsMobile: text(a.smsMobile),
        smsCarrier: a.smsCarrier ?? null,
      };
  const applicant: ApplicantInput | null =
    collective || v.useExisting
      ? null
      : {
          kind: v.applicant.kind,
          name: v.applicant.name?.trim() ?? '',
          idType: v.applicant.kind === 'residential' ? (v.applicant.idType ?? null) : null,
          idNo: v.applicant.kind === 'residential' ? text(v.applicant.idNo)?.toUpperCase() : null,
          taxNo: v.applicant.kind === 'residential' ? null : text(v.applicant.taxNo)?.toUpperCase(),
          mobile: text(v.applicant.mobile),
          phone: text(v.applicant.phone),
          specialCare: v.applicant.specialCare ?? [],
        };
  return {
    mode: v.mode,
    customerId: !collective && v.useExisting ? (v.customerId ?? null) : null,
    applicant,
    collective: collective
      ? {
          applicantOrg: text(v.collective?.applicantOrg),
          batchRef: text(v.collective?.batchRef),
          contactName: text(v.collective?.contactName),
          contactPhone: text(v.collective?.contactPhone),
        }
      : null,
    premise,
    usageNature: v.usageNature ?? '',
    meterType: v.meterType ?? 'icCard',
    buildingType: v.applicant.kind === 'residential' ? (v.buildingType ?? null) : null,
    account,
    appliances: (v.appliances ?? []).map((ap) => ({
      kind: ap.kind,
      brand: text(ap.brand),
      model: text(ap.model),
      stoveMount: ap.kind === 'stove' ? (ap.stoveMount ?? null) : null,
      flueType: ap.kind === 'waterHeater' || ap.kind === 'boiler' ? (ap.flueType ?? null) : null,
      flameFailureProtection: ap.kind === 'stove' ? (ap.flameFailureProtection ?? null) : null,
      powerKw: text(ap.powerKw),
    })),
    households: collective
      ? (v.households ?? []).map((h) => ({
          unit: apartment ? text(h.unit) : null,
          room: apartment ? text(h.room) : null,
          rowNo: apartment ? null : text(h.rowNo),
          houseNo: apartment ? null : text(h.houseNo),
          name: text(h.name),
          mobile: text(h.mobile),
          accountNo: text(h.accountNo),
          bankName: text(h.bankName),
          bankAccountNo: text(h.bankAccountNo),
          bankAccountHolder: text(h.bankAccountHolder),
          smsMobile: text(h.smsMobile),
          smsCarrier: h.smsCarrier ?? null,
        }))
      : [],
    priority: v.priority,
    applicationDate: v.applicationDate?.format('YYYY-MM-DD') ?? '',
    invoiceDate: v.invoiceDate?.format('YYYY-MM-DD') ?? '',
    feeInvoiceNo: text(v.feeInvoiceNo),
    feeInvoiceLost: !!v.feeInvoiceLost,
    installationRequest: text(v.installationRequest),
  };
}

/**
 * The server's field errors on the form's fields by their whole path
 * (`households.2.room` → ['households', 2, 'room']); paths that are no field show in the alert only.
 */
// biome-ignore lint/suspicious/noExplicitAny: the paths come from the server, not from the form's type
export function applyFieldErrors(form: FormInstance<any>, err: unknown): void {
  if (!(err instanceof ApiError)) return;
  const byPath = new Map<string, string[]>();
  for (const f of err.details?.fields ?? []) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f.message]);
  form.setFields(
    [...byPath].map(([path, errors]) => ({
      name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors,
    })),
  );
}

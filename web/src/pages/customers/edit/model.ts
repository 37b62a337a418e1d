import type { FormInstance } from 'antd';
import { ApiError } from '../../../api/client';
import type {
  AccountOverview,
  ChangeRequestBody,
  DirectEditBody,
  IdType,
  InvoiceDetails,
  PaymentMethod,
  SmsCarrier,
  SpecialCare,
  VersionConflictDetails,
} from '../../../api/customers';

/** Form values: text inputs hold '' when empty; the API wants null. */
const blank = (v: unknown): unknown => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null));
const same = (a: unknown, b: unknown) => JSON.stringify(blank(a)) === JSON.stringify(blank(b));

/** Only the fields that differ from the record as loaded (so history and audit show the real edit). */
function changed<T extends Record<string, unknown>>(values: T, current: Record<string, unknown>): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (!same(v, current[k])) out[k] = blank(v);
  return out as Partial<T>;
}

// ---- Direct edits (unprotected fields) ----

export interface DirectForm {
  customer: { specialCare: SpecialCare[]; note?: string };
  account: { paymentMethod: PaymentMethod; smsMobile?: string; smsCarrier?: SmsCarrier };
  reason?: string;
}

export function directInitial(o: AccountOverview): DirectForm {
  return {
    customer: { specialCare: o.customer.specialCare, note: o.customer.note ?? '' },
    // The SMS number is masked in the view: it is typed anew to change it.
    account: { paymentMethod: o.account.paymentMethod, smsMobile: '', smsCarrier: o.account.smsCarrier ?? undefined },
    reason: '',
  };
}

export function directBody(values: DirectForm, o: AccountOverview): DirectEditBody | null {
  const body: DirectEditBody = {};
  const order = ['elderly', 'ill', 'disabled', 'martyr_family', 'widowed'];
  const care = order.filter((c) => values.customer.specialCare.includes(c as SpecialCare)) as SpecialCare[];
  const customer = changed({ specialCare: care, note: values.customer.note }, { ...o.customer });
  if (Object.keys(customer).length) body.customer = { version: o.customer.version, ...customer };
  const accountValues: Record<string, unknown> = { paymentMethod: values.account.paymentMethod };
  if (blank(values.account.smsMobile)) {
    accountValues.smsMobile = values.account.smsMobile;
    accountValues.smsCarrier = values.account.smsCarrier;
  } else if (!same(values.account.smsCarrier, o.account.smsCarrier) && o.account.smsMobile) {
    accountValues.smsCarrier = values.account.smsCarrier;
  }
  const account = changed(accountValues, { ...o.account, smsMobile: null });
  if (Object.keys(account).length) body.account = { version: o.account.version, ...account };
  if (!body.customer && !body.account) return null;
  if (blank(values.reason)) body.reason = values.reason!.trim();
  return body;
}

// ---- Invoice details ----

export type InvoiceForm = Omit<InvoiceDetails, 'version'>;

export function invoiceInitial(o: AccountOverview): Partial<InvoiceForm> {
  const i = o.invoiceDetails;
  if (!i) return { invoiceKind: 'ordinary', title: o.customer.name };
  const { version: _, ...rest } = i;
  return rest;
}

export function invoiceBody(values: InvoiceForm, o: AccountOverview): DirectEditBody | null {
  const current = (o.invoiceDetails ?? {}) as Record<string, unknown>;
  if (o.invoiceDetails && Object.keys(changed(values, current)).length === 0) return null;
  const clean = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, blank(v)])) as unknown as InvoiceForm;
  return { invoiceDetails: { ...clean, version: o.invoiceDetails?.version ?? 0 } };
}

// ---- Protected changes (by request) ----

export interface ProtectedForm {
  reason: string;
  customer: { name: string; idType?: IdType; idNo?: string; taxNo?: string; mobile?: string; phone?: string };
  premise: Record<string, string | undefined> & { addressKind: 'apartment' | 'bungalow' };
  meter: Record<string, string | undefined>;
  bank: { paymentMethod: PaymentMethod; bankName?: string; bankAccountNo?: string; bankAccountHolder?: string };
}

/** Personal data the view shows masked: typed anew to change, left empty to keep. */
export const MASKED_FIELDS = {
  customer: ['idNo', 'mobile', 'phone'],
  bank: ['bankAccountNo'],
} as const;

export function protectedInitial(o: AccountOverview): ProtectedForm {
  const p = o.premise;
  const m = o.meter;
  return {
    reason: '',
    customer: { name: o.customer.name, idType: o.customer.idType ?? undefined, taxNo: o.customer.taxNo ?? '' },
    premise: {
      addressKind: p.addressKind,
      district: p.district,
      street: p.street,
      community: p.community ?? '',
      building: p.building ?? '',
      unit: p.unit ?? '',
      room: p.room ?? '',
      lane: p.lane ?? '',
      rowNo: p.rowNo ?? '',
      houseNo: p.houseNo ?? '',
    },
    meter: m
      ? {
          serial: m.serial,
          manufacturer: m.manufacturer,
          model: m.model ?? '',
          sealInlet: m.sealInlet ?? '',
          sealOutlet: m.sealOutlet ?? '',
          location: m.location ?? undefined,
          inletDirection: m.inletDirection ?? undefined,
        }
      : {},
    bank: {
      paymentMethod: o.account.paymentMethod,
      bankName: o.account.bankName ?? '',
      bankAccountHolder: o.account.bankAccountHolder ?? '',
    },
  };
}

const APARTMENT = ['community', 'building', 'unit', 'room'];
const BUNGALOW = ['lane', 'rowNo', 'houseNo'];

export function protectedBody(values: ProtectedForm, o: AccountOverview): ChangeRequestBody | null {
  const body: ChangeRequestBody = { reason: values.reason.trim() };
  const skipBlank = (group: Record<string, unknown>, keys: readonly string[]) => {
    const out = { ...group };
    for (const k of keys) if (!blank(out[k])) delete out[k];
    return out;
  };

  const customerCurrent = { ...o.customer } as Record<string, unknown>;
  const customer = changed(skipBlank(values.customer, MASKED_FIELDS.customer), customerCurrent);
  if (Object.keys(customer).length) body.customer = customer;

  // Only the parts of the chosen address shape; the server clears the other shape's.
  const kind = values.premise.addressKind;
  const own = kind === 'apartment' ? APARTMENT : BUNGALOW;
  const premiseValues = Object.fromEntries(
    Object.entries(values.premise).filter(([k]) => !(kind === 'apartment' ? BUNGALOW : APARTMENT).includes(k)),
  );
  const premise = changed(premiseValues, { ...o.premise, street: o.premise.street });
  if (Object.keys(premise).length) {
    body.premise = premise;
    if ('addressKind' in premise)
      for (const k of own) body.premise[k as keyof typeof body.premise] = blank(values.premise[k]) as never;
  }

  if (o.meter) {
    const meter = changed(values.meter, { ...o.meter });
    if (Object.keys(meter).length) body.meter = meter;
  }

  const debit = values.bank.paymentMethod === 'bankDebit';
  const bankValues: Record<string, unknown> = { paymentMethod: values.bank.paymentMethod };
  if (debit) {
    bankValues.bankName = values.bank.bankName;
    bankValues.bankAccountHolder = values.bank.bankAccountHolder;
    if (blank(values.bank.bankAccountNo)) bankValues.bankAccountNo = values.bank.bankAccountNo;
  }
  const bank = changed(bankValues, { ...o.account });
  if (Object.keys(bank).length) body.bank = bank;

  return body.customer || body.premise || body.meter || body.bank ? body : null;
}

// ---- Errors ----

/** Puts `details.fields` paths such as `premise.room` on the nested form fields of the same name. */
export function applyNestedFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  const fields = err.details?.fields ?? [];
  const byPath = new Map<string, string[]>();
  for (const f of fields) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f.message]);
  if (!byPath.size) return false;
  form.setFields([...byPath].map(([path, errors]) => ({ name: path.split('.'), errors })));
  return true;
}

export function conflictOf(err: unknown): VersionConflictDetails | null {
  if (err instanceof ApiError && err.code === 'VERSION_CONFLICT')
    return err.details as unknown as VersionConflictDetails;
  return null;
}

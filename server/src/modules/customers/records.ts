/**
 * Plain inserts of the customer records (CUS-1..5), shared by every module that creates them
 * (account opening, ownership transfer, imports). They only write: the caller validates, runs them
 * in its transaction and audits. Every row is the caller's company's.
 */
import type { Queryable } from '../../db/types.js';
import type { CustomerKind } from './repo.js';
import { allocateAccountNos, formatAccountNo } from './service.js';

export type IdType = 'residentId' | 'passport' | 'hkMacaoPermit' | 'taiwanPermit' | 'foreignPermit' | 'other';
export type SpecialCare = 'elderly' | 'ill' | 'disabled' | 'martyr_family' | 'widowed';
export type PaymentMethod = 'counter' | 'bankDebit' | 'icTopUp' | 'online';
export type SmsCarrier = 'chinaMobile' | 'chinaUnicom' | 'chinaTelecom' | 'chinaBroadnet';
export type ApplianceKind = 'stove' | 'waterHeater' | 'boiler' | 'other';

export interface CustomerFields {
  kind: CustomerKind;
  name: string;
  idType?: IdType | null;
  idNo?: string | null;
  taxNo?: string | null;
  mobile?: string | null;
  phone?: string | null;
  specialCare?: SpecialCare[];
  note?: string | null;
}

export async function insertCustomer(tx: Queryable, companyId: string, f: CustomerFields): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO customers (company_id, kind, name, id_type, id_no, tax_no, mobile, phone, special_care, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10) RETURNING id`,
    [
      companyId,
      f.kind,
      f.name,
      f.idType ?? null,
      f.idNo ?? null,
      f.taxNo ?? null,
      f.mobile ?? null,
      f.phone ?? null,
      f.specialCare ?? [],
      f.note ?? null,
    ],
  );
  return r.rows[0]!.id;
}

/** CUS-2: an apartment fills community/building/unit/room, a bungalow lane/row/house number. */
export interface PremiseFields {
  district: string;
  street?: string | null;
  addressKind: 'apartment' | 'bungalow';
  community?: string | null;
  building?: string | null;
  unit?: string | null;
  room?: string | null;
  lane?: string | null;
  rowNo?: string | null;
  houseNo?: string | null;
}

export async function insertPremise(tx: Queryable, companyId: string, f: PremiseFields): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO premises (company_id, district, street, address_kind, community, building, unit, room, lane, row_no, house_no)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      companyId,
      f.district,
      f.street ?? '',
      f.addressKind,
      f.community ?? null,
      f.building ?? null,
      f.unit ?? null,
      f.room ?? null,
      f.lane ?? null,
      f.rowNo ?? null,
      f.houseNo ?? null,
    ],
  );
  return r.rows[0]!.id;
}

export interface AccountFields {
  /** A legacy number typed by hand; otherwise the next one of the policy pattern (CUS-3). */
  accountNo?: string | null;
  customerId: string;
  premiseId: string;
  commodity?: 'gas' | 'water';
  usageNature: string;
  status?: 'pending' | 'active' | 'suspended';
  paymentMethod: PaymentMethod;
  bankName?: string | null;
  bankAccountNo?: string | null;
  bankAccountHolder?: string | null;
  smsMobile?: string | null;
  smsCarrier?: SmsCarrier | null;
  openedOn?: string | null;
}

/**
 * Inserts an account; `asOf` is the business date whose numbering policy applies when no number is
 * given. A duplicate number fails on the unique index `accounts_account_no` (the caller maps it).
 */
export async function insertAccount(
  tx: Queryable,
  companyId: string,
  f: AccountFields,
  asOf: string,
): Promise<{ id: string; accountNo: string }> {
  let accountNo = f.accountNo ?? null;
  if (!accountNo) {
    const { pattern, firstSerial } = await allocateAccountNos(tx, companyId, 1, asOf);
    accountNo = formatAccountNo(pattern, firstSerial);
  }
  const r = await tx.query<{ id: string }>(
    `INSERT INTO accounts (company_id, account_no, customer_id, premise_id, commodity, usage_nature, status,
                           payment_method, bank_name, bank_account_no, bank_account_holder, sms_mobile, sms_carrier,
                           opened_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      companyId,
      accountNo,
      f.customerId,
      f.premiseId,
      f.commodity ?? 'gas',
      f.usageNature,
      f.status ?? 'pending',
      f.paymentMethod,
      f.bankName ?? null,
      f.bankAccountNo ?? null,
      f.bankAccountHolder ?? null,
      f.smsMobile ?? null,
      f.smsCarrier ?? null,
      f.openedOn ?? null,
    ],
  );
  return { id: r.rows[0]!.id, accountNo };
}

export interface ApplianceFields {
  accountId: string;
  kind: ApplianceKind;
  brand?: string | null;
  model?: string | null;
  stoveMount?: 'table' | 'builtIn' | null;
  flueType?: 'forcedExhaust' | 'balanced' | null;
  flameFailureProtection?: boolean | null;
  safetyPledgeSigned?: boolean;
  /** Decimal string (kW). */
  powerKw?: string | null;
  installedOn?: string | null;
}

export async function insertAppliance(tx: Queryable, companyId: string, f: ApplianceFields): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO appliances (company_id, account_id, kind, brand, model, stove_mount, flue_type,
                             flame_failure_protection, safety_pledge_signed, power_kw, installed_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::numeric, $11) RETURNING id`,
    [
      companyId,
      f.accountId,
      f.kind,
      f.brand ?? null,
      f.model ?? null,
      f.stoveMount ?? null,
      f.flueType ?? null,
      f.flameFailureProtection ?? null,
      f.safetyPledgeSigned ?? false,
      f.powerKw ?? null,
      f.installedOn ?? null,
    ],
  );
  return r.rows[0]!.id;
}

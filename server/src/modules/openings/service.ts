import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { AppError, joinedTexts, refuseAll, type Text, type Vars } from '../../platform/errors.js';
import { POLICY_SINCE, policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import {
  type CustomerFields,
  insertAccount,
  insertAppliance,
  insertCustomer,
  insertPremise,
  type PremiseFields,
} from '../customers/records.js';
import type { CustomerKind } from '../customers/repo.js';
import { OpeningError, type OpeningErrorCode } from './errors.js';
import { quoteFee } from './fees.js';
import * as repo from './repo.js';
import type { FeeQuote, ListApplicationsQuery, OpeningBody, ServiceApplication } from './schemas.js';
import { KIND_TEXT } from './texts.js';

interface Problem {
  code: OpeningErrorCode;
  field: string;
  vars?: Vars;
}

/**
 * Refuses with every problem found, each on its field (details.fields, details.problems): one
 * rule broken is that rule's code; several are FORM_RULES_BROKEN, so the clerk fixes the form in one go.
 */
function refuse(problems: Problem[]): never {
  const errors = problems.map((p) => OpeningError(p.code, { field: p.field, vars: p.vars }));
  throw refuseAll(errors, {
    combined: (several) => {
      // One rule, on several fields (the three bank fields): the rule's own code.
      if (new Set(several.map((e) => e.code)).size === 1) return several[0]!;
      const combined = OpeningError('FORM_RULES_BROKEN', {
        vars: { count: several.length, summary: joinedTexts(several, 5) },
      });
      return new AppError(combined.code, Math.max(...several.map((e) => e.status)), combined.texts);
    },
  });
}

const LABELS: Record<string, Text> = {
  applicant: { zh: '申请人信息', en: 'the applicant' },
  'applicant.idType': { zh: '证件类型', en: 'ID type' },
  'applicant.idNo': { zh: '证件号码', en: 'ID number' },
  'applicant.taxNo': { zh: '纳税人识别号', en: 'tax number' },
  'applicant.mobile': { zh: '手机或电话', en: 'a mobile or phone number' },
  customerId: { zh: '已建档用户', en: 'the existing customer' },
  collective: { zh: '集体报装信息', en: 'the collective details' },
  'collective.applicantOrg': { zh: '报装单位', en: 'applying organisation' },
  households: { zh: '报装户', en: 'households' },
  buildingType: { zh: '建筑类型', en: 'building type' },
  'account.accountNo': { zh: '用户编号', en: 'account number' },
  'account.bankName': { zh: '银行名称', en: 'bank name' },
  'account.bankAccountNo': { zh: '银行卡号', en: 'bank account number' },
  'account.bankAccountHolder': { zh: '持卡人', en: 'account holder' },
  'account.smsMobile': { zh: '短信号码', en: 'SMS number' },
  'account.smsCarrier': { zh: '短信公司', en: 'SMS carrier' },
  'appliances.powerKw': { zh: '燃气具功率', en: 'appliance power' },
  'appliances.stoveMount': { zh: '灶具安装方式（仅灶具）', en: 'stove mounting (stoves only)' },
  'appliances.flueType': { zh: '排烟方式（仅热水器、锅炉）', en: 'flue type (water heaters and boilers only)' },
  feeInvoiceLost: { zh: '发票遗失', en: 'invoice lost' },
  community: { zh: '小区', en: 'community' },
  building: { zh: '楼号', en: 'building' },
  unit: { zh: '单元', en: 'unit' },
  room: { zh: '室号', en: 'room' },
  lane: { zh: '巷', en: 'lane' },
  rowNo: { zh: '排', en: 'row' },
  houseNo: { zh: '号', en: 'house number' },
};
const labelOf = (path: string): Text => LABELS[path.replace(/\.\d+(\.|$)/g, '$1')] ?? { zh: path, en: path };
const required = (field: string): Problem => ({ code: 'REQUIRED', field, vars: { label: labelOf(field) } });
const notAllowed = (field: string): Problem => ({ code: 'NOT_ALLOWED', field, vars: { label: labelOf(field) } });

const SHAPES: Record<'apartment' | 'bungalow', { parts: AddressPart[]; text: Text }> = {
  apartment: {
    parts: ['community', 'building', 'unit', 'room'],
    text: { zh: '楼房（小区/楼/单元/室）', en: 'Apartment (community/building/unit/room)' },
  },
  bungalow: {
    parts: ['lane', 'rowNo', 'houseNo'],
    text: { zh: '平房（巷/排/号）', en: 'Bungalow (lane/row/number)' },
  },
};
type AddressPart = 'community' | 'building' | 'unit' | 'room' | 'lane' | 'rowNo' | 'houseNo';
/** The parts each household of a collective application gives; the rest is the shared premise. */
const PER_HOUSEHOLD: Record<'apartment' | 'bungalow', AddressPart[]> = {
  apartment: ['unit', 'room'],
  bungalow: ['rowNo', 'houseNo'],
};

/** Empty means not filled in, as on the paper form. */
const blank = (v: string | null | undefined): string | null => {
  const s = v?.trim();
  return s ? s : null;
};

/** GB 11643: 17 digits and a check character. */
export function isResidentId(no: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(no)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(no[i]), 0);
  return '10X98765432'[sum % 11] === no[17]!.toUpperCase();
}

/** A household's account fields and where each lives in the body. */
interface HouseholdAccount {
  accountNo: string | null;
  bankName: string | null;
  bankAccountNo: string | null;
  bankAccountHolder: string | null;
  smsMobile: string | null;
  smsCarrier: OpeningBody['account']['smsCarrier'] | null;
}

/** One account the application opens, with the body path of each of its fields. */
interface Household {
  customerId: string | null;
  customer: CustomerFields | null;
  premise: PremiseFields;
  account: HouseholdAccount;
  /** `account.bankName` for an individual application, `households.3.bankName` for a collective one. */
  accountPath: (field: keyof HouseholdAccount) => string;
  addressPath: (part: AddressPart) => string;
}

const METERED = new Set(['diaphragm', 'remoteRead', 'iot']);
const BANK_FIELDS = ['bankName', 'bankAccountNo', 'bankAccountHolder'] as const;

/** CUS-7 rules ⑴ ⑷ ⑸ ⑹ ⑺ for one account: payment, bank details and SMS. */
function checkAccountRules(body: OpeningBody, h: Household, problems: Problem[]): void {
  const method = body.account.paymentMethod;
  const filled = BANK_FIELDS.filter((f) => h.account[f] !== null);
  const empty = BANK_FIELDS.filter((f) => h.account[f] === null);
  if (method === 'bankDebit') {
    if (filled.length === 0 && METERED.has(body.meterType)) {
      for (const f of BANK_FIELDS) problems.push({ code: 'BANK_DEBIT_NEEDS_BANK', field: h.accountPath(f) });
    } else if (filled.length > 0 && empty.length > 0) {
      for (const f of empty) problems.push({ code: 'BANK_ALL_OR_NONE', field: h.accountPath(f) });
    }
  } else if (filled.length > 0) {
    // Bank details belong to bank debit only; typed in with another method they are to be cleared.
    for (const f of filled) problems.push({ code: 'BANK_ONLY_FOR_DEBIT', field: h.accountPath(f) });
  }
  if (h.account.smsMobile && !h.account.smsCarrier) {
    problems.push({ code: 'SMS_NEEDS_CARRIER', field: h.accountPath('smsCarrier') });
  }
}

function checkAddress(
  kind: 'apartment' | 'bungalow',
  parts: Partial<Record<AddressPart, string | null>>,
  needed: AddressPart[],
  pathOf: (part: AddressPart) => string,
  problems: Problem[],
): void {
  const other = SHAPES[kind === 'apartment' ? 'bungalow' : 'apartment'].parts;
  const shape = SHAPES[kind].text;
  for (const part of needed) {
    if (!parts[part])
      problems.push({ code: 'ADDRESS_PART_MISSING', field: pathOf(part), vars: { shape, label: LABELS[part]! } });
  }
  for (const part of other) {
    if (parts[part]) {
      problems.push({ code: 'ADDRESS_PART_NOT_ALLOWED', field: pathOf(part), vars: { shape, label: LABELS[part]! } });
    }
  }
}

function customerName(name: string | null | undefined, field: string, problems: Problem[]): string {
  const n = blank(name) ?? '用户';
  if (/\s/.test(n)) problems.push({ code: 'NAME_HAS_SPACES', field });
  return n;
}

/** The households of the body, with the shape problems of the form (no database reads). */
function householdsOf(body: OpeningBody, nature: repo.UsageNatureRow, problems: Problem[]): Household[] {
  const natureKind = nature.customerKind;
  const p = body.premise;
  const kind = p.addressKind;
  const premiseBase = {
    district: p.district,
    street: blank(p.street) ?? '',
    addressKind: kind,
  };
  const shared: Partial<Record<AddressPart, string | null>> = {};
  for (const part of [...SHAPES.apartment.parts, ...SHAPES.bungalow.parts]) shared[part] = blank(p[part]);

  if (body.mode === 'individual') {
    if (body.households.length) problems.push(notAllowed('households'));
    if (body.collective) problems.push(notAllowed('collective'));
    checkAddress(kind, shared, SHAPES[kind].parts, (part) => `premise.${part}`, problems);
    let customer: CustomerFields | null = null;
    if (body.customerId && body.applicant) problems.push(notAllowed('applicant'));
    else if (!body.customerId && !body.applicant) problems.push(required('applicant'));
    else if (body.applicant) {
      const a = body.applicant;
      const name = customerName(a.name, 'applicant.name', problems);
      if (a.kind !== natureKind) {
        problems.push({
          code: 'NATURE_KIND_MISMATCH',
          field: 'usageNature',
          vars: { nature: nature.name, kind: KIND_TEXT[a.kind]! },
        });
      }
      const idNo = blank(a.idNo)?.toUpperCase() ?? null;
      const idType = a.idType ?? null;
      if (a.kind === 'residential') {
        if (!idType) problems.push(required('applicant.idType'));
        if (!idNo) problems.push(required('applicant.idNo'));
        else if (idType === 'residentId' && !isResidentId(idNo)) {
          problems.push({ code: 'BAD_RESIDENT_ID', field: 'applicant.idNo' });
        }
      } else if (!blank(a.taxNo)) problems.push(required('applicant.taxNo'));
      if (!blank(a.mobile) && !blank(a.phone)) problems.push(required('applicant.mobile'));
      customer = {
        kind: a.kind,
        name,
        idType: idNo ? idType : null,
        idNo: idType ? idNo : null,
        taxNo: blank(a.taxNo),
        mobile: blank(a.mobile),
        phone: blank(a.phone),
        specialCare: a.specialCare,
      };
    }
    const account = body.account;
    return [
      {
        customerId: body.customerId ?? null,
        customer,
        premise: { ...premiseBase, ...shared },
        account: {
          accountNo: blank(account.accountNo),
          bankName: blank(account.bankName),
          bankAccountNo: blank(account.bankAccountNo),
          bankAccountHolder: blank(account.bankAccountHolder),
          smsMobile: blank(account.smsMobile),
          smsCarrier: account.smsCarrier ?? null,
        },
        accountPath: (f) => `account.${f}`,
        addressPath: (part) => `premise.${part}`,
      },
    ];
  }

  // Collective: a developer or community applies for many households of one residential building.
  if (natureKind !== 'residential') problems.push({ code: 'COLLECTIVE_RESIDENTIAL_ONLY', field: 'usageNature' });
  if (body.customerId) problems.push(notAllowed('customerId'));
  if (body.applicant) problems.push(notAllowed('applicant'));
  if (!blank(body.collective?.applicantOrg)) problems.push(required('collective.applicantOrg'));
  if (!body.households.length) problems.push(required('households'));
  for (const f of ['accountNo', ...BANK_FIELDS, 'smsMobile', 'smsCarrier'] as const) {
    if (body.account[f])
      problems.push({ code: 'PART_PER_HOUSEHOLD', field: `account.${f}`, vars: { label: labelOf(`account.${f}`) } });
  }
  const own = PER_HOUSEHOLD[kind];
  checkAddress(
    kind,
    shared,
    SHAPES[kind].parts.filter((part) => !own.includes(part)),
    (part) => `premise.${part}`,
    problems,
  );
  for (const part of own) {
    if (shared[part])
      problems.push({ code: 'PART_PER_HOUSEHOLD', field: `premise.${part}`, vars: { label: LABELS[part]! } });
  }
  return body.households.map((h, i) => {
    const parts: Partial<Record<AddressPart, string | null>> = {
      unit: blank(h.unit),
      room: blank(h.room),
      rowNo: blank(h.rowNo),
      houseNo: blank(h.houseNo),
    };
    const at = (part: string) => `households.${i}.${part}`;
    checkAddress(kind, parts, own, at, problems);
    const name = customerName(h.name, at('name'), problems);
    return {
      customerId: null,
      customer: { kind: 'residential', name, mobile: blank(h.mobile) },
      premise: { ...premiseBase, ...shared, ...Object.fromEntries(own.map((part) => [part, parts[part]])) },
      account: {
        accountNo: blank(h.accountNo),
        bankName: blank(h.bankName),
        bankAccountNo: blank(h.bankAccountNo),
        bankAccountHolder: blank(h.bankAccountHolder),
        smsMobile: blank(h.smsMobile),
        smsCarrier: h.smsCarrier ?? null,
      },
      accountPath: (f) => at(f),
      addressPath: (part) => (own.includes(part) ? at(part) : `premise.${part}`),
    };
  });
}

/** CUS-7 ⑻ ⑼ and the dates' own sense: none in the future, none before the policy's records begin. */
async function checkDates(db: Queryable, companyId: string, body: OpeningBody, today: string, problems: Problem[]) {
  for (const field of ['applicationDate', 'invoiceDate'] as const) {
    if (body[field] < POLICY_SINCE) problems.push({ code: 'DATE_TOO_EARLY', field, vars: { min: POLICY_SINCE } });
  }
  if (body.applicationDate > today)
    problems.push({ code: 'APPLICATION_IN_FUTURE', field: 'applicationDate', vars: { today } });
  if (body.invoiceDate > body.applicationDate) {
    problems.push({
      code: 'INVOICE_AFTER_APPLICATION',
      field: 'invoiceDate',
      vars: { applicationDate: body.applicationDate },
    });
  }
  if (body.feeInvoiceLost) {
    const date = await policyValue(db, companyId, 'cus.lostFeeInvoiceDate', today);
    if (body.invoiceDate !== date) problems.push({ code: 'LOST_INVOICE_DATE', field: 'invoiceDate', vars: { date } });
  } else if (body.mode === 'collective' && body.invoiceDate === today) {
    problems.push({ code: 'COLLECTIVE_INVOICE_DATE', field: 'invoiceDate', vars: { today } });
  }
}

function checkAppliances(body: OpeningBody, natureKind: CustomerKind, problems: Problem[]) {
  body.appliances.forEach((a, i) => {
    if (a.stoveMount && a.kind !== 'stove') problems.push(notAllowed(`appliances.${i}.stoveMount`));
    if (a.flueType && a.kind !== 'waterHeater' && a.kind !== 'boiler')
      problems.push(notAllowed(`appliances.${i}.flueType`));
    const power = blank(a.powerKw);
    if (power && !(Number(power) > 0)) problems.push({ code: 'POWER_NOT_POSITIVE', field: `appliances.${i}.powerKw` });
    else if (natureKind !== 'residential' && !power) problems.push(required(`appliances.${i}.powerKw`));
  });
  if (natureKind !== 'residential' && !body.appliances.length) {
    problems.push({ code: 'APPLIANCES_NEEDED', field: 'appliances' });
  }
  if (natureKind === 'residential' && !body.buildingType) problems.push(required('buildingType'));
  if (natureKind !== 'residential' && body.buildingType) problems.push(notAllowed('buildingType'));
}

function checkAccountNos(households: Household[], problems: Problem[]) {
  const seen = new Set<string>();
  for (const h of households) {
    const no = h.account.accountNo;
    if (!no) continue;
    if (seen.has(no))
      problems.push({ code: 'ACCOUNT_NO_REPEATED', field: h.accountPath('accountNo'), vars: { accountNo: no } });
    seen.add(no);
  }
  const addresses = new Set<string>();
  for (const h of households) {
    const key = [h.premise.unit, h.premise.room, h.premise.rowNo, h.premise.houseNo].join('|');
    if (addresses.has(key)) {
      const last = h.premise.addressKind === 'apartment' ? 'room' : 'houseNo';
      problems.push({
        code: 'HOUSEHOLD_REPEATED',
        field: h.addressPath(last),
        vars: {
          address: [h.premise.unit, h.premise.room, h.premise.rowNo, h.premise.houseNo].filter(Boolean).join('-'),
        },
      });
    }
    addresses.add(key);
  }
}

async function usageNatureOf(db: Queryable, companyId: string, code: string, commodity: 'gas' | 'water') {
  const nature = await repo.findActiveUsageNature(db, companyId, code, commodity);
  if (!nature) throw OpeningError('UNKNOWN_USAGE_NATURE', { field: 'usageNature', vars: { code } });
  return nature;
}

/** What the opening form offers: the active usage natures, today's business date, the lost-invoice date. */
export async function formOptions(db: Queryable, companyId: string) {
  const today = businessToday();
  const [usageNatures, lostFeeInvoiceDate] = await Promise.all([
    repo.listActiveUsageNatures(db, companyId),
    policyValue(db, companyId, 'cus.lostFeeInvoiceDate', today),
  ]);
  return { today, lostFeeInvoiceDate, usageNatures };
}

/** CUS-8: the installation fee the form shows as it is filled in. */
export async function feeQuote(
  db: Queryable,
  companyId: string,
  q: {
    usageNature: string;
    commodity: 'gas' | 'water';
    buildingType?: 'multiStorey' | 'highRise' | 'villa';
    households: number;
    appliances?: string;
    asOf?: string;
  },
): Promise<FeeQuote> {
  const today = businessToday();
  const asOf = q.asOf ?? today;
  if (asOf < POLICY_SINCE) throw OpeningError('DATE_TOO_EARLY', { field: 'asOf', vars: { min: POLICY_SINCE } });
  const nature = await usageNatureOf(db, companyId, q.usageNature, q.commodity);
  const appliances = (q.appliances ? q.appliances.split(',') : []).map((pair) => {
    const [kind, powerKw] = pair.split(':') as ['stove' | 'waterHeater' | 'boiler' | 'other', string];
    return { kind, powerKw };
  });
  return quoteFee(db, companyId, {
    customerKind: nature.customerKind,
    buildingType: q.buildingType ?? null,
    appliances,
    households: nature.customerKind === 'residential' ? q.households : 1,
    asOf,
  });
}

const isUniqueViolation = (err: unknown, constraint: string) =>
  (err as { code?: string }).code === '23505' && (err as { constraint?: string }).constraint === constraint;

/**
 * CUS-7, CUS-8: takes an opening form. Every rule is checked first and all problems come back
 * together on their fields; then, in the caller's transaction, the customers (or the chosen
 * existing one), premises, pending accounts, appliances and the pending service application are
 * written and audited. A refusal writes nothing.
 */
export async function openAccounts(tx: Tx, actor: Actor, body: OpeningBody): Promise<ServiceApplication> {
  const companyId = actor.companyId;
  const today = businessToday();
  const nature = await usageNatureOf(tx, companyId, body.usageNature, body.commodity);
  const problems: Problem[] = [];

  // CUS-7 ⑴: the meter type decides whether the account is paid by top-up.
  if (body.meterType === 'icCard' && body.account.paymentMethod !== 'icTopUp') {
    problems.push({ code: 'IC_CARD_NEEDS_TOP_UP', field: 'account.paymentMethod' });
  }
  if (METERED.has(body.meterType) && body.account.paymentMethod === 'icTopUp') {
    problems.push({ code: 'METERED_NOT_TOP_UP', field: 'account.paymentMethod' });
  }
  const households = householdsOf(body, nature, problems);
  for (const h of households) checkAccountRules(body, h, problems);
  checkAccountNos(households, problems);
  checkAppliances(body, nature.customerKind, problems);
  await checkDates(tx, companyId, body, today, problems);

  let existing: repo.ExistingCustomer | null = null;
  if (body.mode === 'individual' && body.customerId && !body.applicant) {
    existing = await repo.findCustomer(tx, companyId, body.customerId);
    if (!existing) problems.push({ code: 'CUSTOMER_NOT_FOUND', field: 'customerId' });
    else if (existing.kind !== nature.customerKind) {
      problems.push({
        code: 'NATURE_KIND_MISMATCH',
        field: 'usageNature',
        vars: { nature: nature.name, kind: KIND_TEXT[existing.kind]! },
      });
    }
  }
  if (problems.length) refuse(problems);

  // What the database knows: numbers in use, addresses already connected.
  const given = households.map((h) => h.account.accountNo).filter((no): no is string => !!no);
  const taken = new Set(await repo.takenAccountNos(tx, companyId, given));
  const premiseIds: (string | null)[] = [];
  for (const h of households) {
    if (h.account.accountNo && taken.has(h.account.accountNo)) {
      problems.push({
        code: 'ACCOUNT_NO_TAKEN',
        field: h.accountPath('accountNo'),
        vars: { accountNo: h.account.accountNo },
      });
    }
    await repo.lockAddress(tx, companyId, h.premise);
    const found = await repo.findPremise(tx, companyId, h.premise, body.commodity);
    if (found?.openAccountNo) {
      problems.push({
        code: 'PREMISE_HAS_ACCOUNT',
        field: h.addressPath(h.premise.addressKind === 'apartment' ? 'room' : 'houseNo'),
        vars: { accountNo: found.openAccountNo },
      });
    }
    premiseIds.push(found?.premiseId ?? null);
  }
  if (problems.length) refuse(problems);

  const fee = await quoteFee(tx, companyId, {
    customerKind: nature.customerKind,
    buildingType: body.buildingType ?? null,
    appliances: body.appliances,
    households: households.length,
    asOf: body.invoiceDate,
  });

  const serial = await nextDailySerial(tx, companyId, 'serviceApplication', today);
  const applicationNo = `BZ${today.replaceAll('-', '')}${String(serial).padStart(4, '0')}`;
  const opened: { accountId: string; accountNo: string; customerId: string; premiseId: string }[] = [];
  for (const [i, h] of households.entries()) {
    const customerId = existing?.id ?? (await insertCustomer(tx, companyId, h.customer!));
    const premiseId = premiseIds[i] ?? (await insertPremise(tx, companyId, h.premise));
    let account: { id: string; accountNo: string };
    try {
      account = await insertAccount(
        tx,
        companyId,
        {
          customerId,
          premiseId,
          commodity: body.commodity,
          usageNature: nature.code,
          status: 'pending',
          paymentMethod: body.account.paymentMethod,
          ...h.account,
        },
        today,
      );
    } catch (err) {
      // Another clerk took the number between our check and our insert.
      if (isUniqueViolation(err, 'accounts_account_no')) {
        throw OpeningError('ACCOUNT_NO_TAKEN', {
          field: h.accountPath('accountNo'),
          vars: { accountNo: h.account.accountNo ?? '' },
        });
      }
      throw err;
    }
    for (const a of body.appliances) {
      await insertAppliance(tx, companyId, {
        accountId: account.id,
        kind: a.kind,
        brand: blank(a.brand),
        model: blank(a.model),
        stoveMount: a.stoveMount ?? null,
        flueType: a.flueType ?? null,
        flameFailureProtection: a.flameFailureProtection ?? null,
        powerKw: blank(a.powerKw),
      });
    }
    opened.push({ accountId: account.id, accountNo: account.accountNo, customerId, premiseId });
  }

  const first = households[0]!;
  const org = blank(body.collective?.applicantOrg);
  const address =
    body.mode === 'individual'
      ? await repo.premiseAddress(tx, companyId, opened[0]!.premiseId)
      : collectiveAddress(first.premise, households.length);
  const applicationId = await repo.insertApplication(tx, companyId, {
    applicationNo,
    mode: body.mode,
    applicantOrg: body.mode === 'collective' ? org : null,
    batchRef: body.mode === 'collective' ? blank(body.collective?.batchRef) : null,
    applicantName: body.mode === 'collective' ? org! : (existing?.name ?? first.customer!.name),
    applicantMobile:
      body.mode === 'collective'
        ? blank(body.collective?.contactPhone)
        : existing
          ? (existing.mobile ?? existing.phone)
          : (first.customer!.mobile ?? first.customer!.phone ?? null),
    address,
    commodity: body.commodity,
    usageNature: nature.code,
    customerKind: nature.customerKind,
    meterType: body.meterType,
    paymentMethod: body.account.paymentMethod,
    buildingType: body.buildingType ?? null,
    priority: body.priority,
    householdCount: households.length,
    feeAmount: fee.total,
    feeBreakdown: fee,
    applicationDate: body.applicationDate,
    invoiceDate: body.invoiceDate,
    feeInvoiceNo: blank(body.feeInvoiceNo),
    feeInvoiceLost: body.feeInvoiceLost,
    installationRequest: blank(body.installationRequest),
    createdBy: actor.userId,
  });
  for (const [i, o] of opened.entries()) {
    await repo.insertApplicationAccount(tx, companyId, {
      applicationId,
      accountId: o.accountId,
      position: i + 1,
      feeAmount: fee.perHousehold,
    });
    if (!existing) {
      await recordAudit(tx, actor, {
        action: 'customer.create',
        entityType: 'customer',
        entityId: o.customerId,
        after: { ...households[i]!.customer, applicationNo },
      });
    }
    await recordAudit(tx, actor, {
      action: 'account.open',
      entityType: 'account',
      entityId: o.accountId,
      after: {
        ...households[i]!.account,
        accountNo: o.accountNo,
        status: 'pending',
        customerId: o.customerId,
        premiseId: o.premiseId,
        premise: households[i]!.premise,
        usageNature: nature.code,
        paymentMethod: body.account.paymentMethod,
        accountNoGiven: !!households[i]!.account.accountNo,
        applicationNo,
      },
    });
  }
  await recordAudit(tx, actor, {
    action: 'serviceApplication.create',
    entityType: 'serviceApplication',
    entityId: applicationId,
    after: {
      applicationNo,
      kind: 'installation',
      mode: body.mode,
      applicantOrg: org,
      priority: body.priority,
      meterType: body.meterType,
      feeAmount: fee.total,
      fee,
      applicationDate: body.applicationDate,
      invoiceDate: body.invoiceDate,
      accountNos: opened.map((o) => o.accountNo),
    },
  });
  return getApplication(tx, companyId, applicationId);
}

function collectiveAddress(p: PremiseFields, count: number): string {
  const place = p.addressKind === 'apartment' ? `${p.community ?? ''}${p.building ?? ''}号楼` : `${p.lane ?? ''}`;
  return `${p.district}${p.street ?? ''}${place}（${count}户）`;
}

export async function getApplication(db: Queryable, companyId: string, id: string): Promise<ServiceApplication> {
  const row = await repo.findApplication(db, companyId, id);
  if (!row) throw OpeningError('APPLICATION_NOT_FOUND');
  return { ...row, createdAt: row.createdAt.toISOString() };
}

export async function listApplications(db: Queryable, companyId: string, q: ListApplicationsQuery) {
  const { items, total } = await repo.listApplications(db, companyId, q);
  return {
    items: items.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

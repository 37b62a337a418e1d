import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';

export type CustomerKind = 'residential' | 'commercial' | 'institutional';
export type AccountStatus = 'pending' | 'active' | 'suspended' | 'closed';
export type MatchedBy = 'accountNo' | 'name' | 'mobile' | 'idNo' | 'meterSerial' | 'address';

/** The demo usage natures (CUS-1) for one company; the migration gave existing companies theirs. */
export async function seedUsageNatures(db: Queryable, companyId: string): Promise<void> {
  await db.query('SELECT seed_usage_natures($1)', [companyId]);
}

/**
 * CUS-3: reserves `count` serials of the company's account numbers and returns the first.
 * One row per company, bumped with an upsert, so concurrent openings never share a number.
 */
export async function reserveAccountSerials(db: Queryable, companyId: string, count: number): Promise<number> {
  const r = await db.query<{ last: number }>(
    `INSERT INTO account_no_sequences AS s (company_id, last_value) VALUES ($1, $2)
     ON CONFLICT (company_id) DO UPDATE SET last_value = s.last_value + $2
     RETURNING s.last_value::int8 AS last`,
    [companyId, count],
  );
  return Number(r.rows[0]!.last) - count + 1;
}

/** One indexed lookup of the search: a WHERE on a source table that yields account ids. */
export interface SearchProbe {
  matchedBy: MatchedBy;
  /** 0 exact, 1 suffix / structured, 2 prefix, 3 fuzzy. */
  rank: number;
  source: 'account' | 'customer' | 'premise' | 'meter';
  /** SQL condition on the source alias (a, c, p or m); `$?` marks each parameter in order. */
  where: string;
  params: unknown[];
}

export interface SearchRow {
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: CustomerKind;
  mobile: string | null;
  address: string;
  status: AccountStatus;
  meterSerial: string | null;
  matchedBy: MatchedBy;
}

const FROM: Record<SearchProbe['source'], string> = {
  account: 'FROM accounts a WHERE a.company_id = $1',
  customer:
    'FROM customers c JOIN accounts a ON a.company_id = c.company_id AND a.customer_id = c.id WHERE c.company_id = $1',
  premise:
    'FROM premises p JOIN accounts a ON a.company_id = p.company_id AND a.premise_id = p.id WHERE p.company_id = $1',
  meter: 'FROM meters m JOIN accounts a ON a.company_id = m.company_id AND a.id = m.account_id WHERE m.company_id = $1',
};

/**
 * CUS-3 search: a UNION of small indexed lookups, each limited, every one filtered on the company;
 * an account found several ways keeps its best rank; exact matches first.
 */
export async function searchAccounts(
  db: Queryable,
  companyId: string,
  probes: SearchProbe[],
  limit: number,
): Promise<SearchRow[]> {
  if (!probes.length) return [];
  const params: unknown[] = [companyId, limit];
  const branches = probes.map((probe) => {
    let i = 0;
    const where = probe.where.replace(/\$\?/g, () => {
      params.push(probe.params[i++]);
      return `$${params.length}`;
    });
    return `(SELECT a.id, '${probe.matchedBy}'::text AS matched_by, ${probe.rank} AS rank ${FROM[probe.source]} AND ${where} LIMIT $2)`;
  });
  const r = await db.query<SearchRow>(
    `WITH hits AS (${branches.join('\n UNION ALL ')}),
          best AS (SELECT DISTINCT ON (id) id, matched_by, rank FROM hits ORDER BY id, rank, matched_by)
     SELECT a.id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName", c.kind AS "customerKind",
            c.mobile, p.full_address AS address, a.status, m.serial AS "meterSerial", b.matched_by AS "matchedBy"
       FROM best b
       JOIN accounts a ON a.company_id = $1 AND a.id = b.id
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
       JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
       LEFT JOIN LATERAL (SELECT m.serial FROM meters m
                           WHERE m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
                           ORDER BY m.installed_on DESC NULLS LAST LIMIT 1) m ON true
      ORDER BY b.rank, a.account_no
      LIMIT $2`,
    params,
  );
  return r.rows;
}

export interface AccountProfileRow {
  account: {
    id: string;
    accountNo: string;
    commodity: 'gas' | 'water';
    usageNature: string;
    usageNatureName: string;
    status: AccountStatus;
    paymentMethod: 'counter' | 'bankDebit' | 'icTopUp' | 'online';
    bankName: string | null;
    bankAccountNo: string | null;
    bankAccountHolder: string | null;
    smsMobile: string | null;
    smsCarrier: string | null;
    openedOn: string | null;
    closedOn: string | null;
    version: number;
  };
  customer: {
    id: string;
    kind: CustomerKind;
    name: string;
    idType: string | null;
    idNo: string | null;
    taxNo: string | null;
    mobile: string | null;
    phone: string | null;
    specialCare: string[];
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
  /** The meter installed now (CUS-4), with the version its edits are checked against. */
  meter: (Omit<MeterRow, 'current' | 'designedFlow'> & { version: number }) | null;
}

export async function findAccountProfile(
  db: Queryable,
  companyId: string,
  id: string,
): Promise<AccountProfileRow | null> {
  const r = await db.query<AccountProfileRow>(
    `SELECT json_build_object(
              'id', a.id, 'accountNo', a.account_no, 'commodity', a.commodity, 'usageNature', a.usage_nature,
              'usageNatureName', u.name, 'status', a.status, 'paymentMethod', a.payment_method,
              'bankName', a.bank_name, 'bankAccountNo', a.bank_account_no, 'bankAccountHolder', a.bank_account_holder,
              'smsMobile', a.sms_mobile, 'smsCarrier', a.sms_carrier, 'openedOn', a.opened_on, 'closedOn', a.closed_on,
              'version', a.version) AS account,
            json_build_object(
              'id', c.id, 'kind', c.kind, 'name', c.name, 'idType', c.id_type, 'idNo', c.id_no, 'taxNo', c.tax_no,
              'mobile', c.mobile, 'phone', c.phone, 'specialCare', c.special_care, 'note', c.note,
              'version', c.version) AS customer,
            json_build_object(
              'id', p.id, 'district', p.district, 'street', p.street, 'addressKind', p.address_kind,
              'community', p.community, 'building', p.building, 'unit', p.unit, 'room', p.room, 'lane', p.lane,
              'rowNo', p.row_no, 'houseNo', p.house_no, 'fullAddress', p.full_address, 'version', p.version) AS premise,
            (SELECT json_build_object(
                      'id', m.id, 'serial', m.serial, 'manufacturer', m.manufacturer, 'model', m.model,
                      'meterType', m.meter_type, 'inletDirection', m.inlet_direction,
                      'baseReading', m.base_reading::text, 'sealInlet', m.seal_inlet, 'sealOutlet', m.seal_outlet,
                      'location', m.location, 'metalHose', m.metal_hose, 'status', m.status,
                      'installedOn', m.installed_on, 'version', m.version)
               FROM meters m
              WHERE m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
              ORDER BY m.installed_on DESC NULLS LAST LIMIT 1) AS meter
       FROM accounts a
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
       JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
       JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature
      WHERE a.company_id = $1 AND a.id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

// ---- The 360° view (CUS-3) ----

export interface MeterRow {
  id: string;
  serial: string;
  manufacturer: string;
  model: string | null;
  meterType: 'diaphragm' | 'icCard' | 'remoteRead' | 'iot';
  inletDirection: 'left' | 'right' | null;
  baseReading: string;
  sealInlet: string | null;
  sealOutlet: string | null;
  location: 'indoor' | 'outdoor' | null;
  metalHose: boolean;
  status: string;
  installedOn: string | null;
  current: boolean;
  /** MTR-4: m³/h, which C&I readings are checked against (null: not set). */
  designedFlow: string | null;
}

/** CUS-4: every meter that has been on the account (the one installed now first). */
export async function metersOfAccount(db: Queryable, companyId: string, accountId: string): Promise<MeterRow[]> {
  const r = await db.query<MeterRow>(
    `SELECT m.id, m.serial, m.manufacturer, m.model, m.meter_type AS "meterType", m.inlet_direction AS "inletDirection",
            m.base_reading::text AS "baseReading", m.seal_inlet AS "sealInlet", m.seal_outlet AS "sealOutlet",
            m.location, m.metal_hose AS "metalHose", m.status, m.installed_on::text AS "installedOn",
            coalesce(m.account_id = $2 AND m.status = 'installed', false) AS current,
            trim_scale(m.designed_flow)::text AS "designedFlow"
       FROM meters m
       -- One indexed lookup each (an OR across them would scan every meter of the company).
       JOIN (SELECT id FROM meters WHERE company_id = $1 AND account_id = $2
             UNION SELECT meter_id FROM meter_events WHERE company_id = $1 AND account_id = $2
             UNION SELECT old_meter_id FROM meter_events
              WHERE company_id = $1 AND account_id = $2 AND old_meter_id IS NOT NULL) ids ON ids.id = m.id
      WHERE m.company_id = $1
      ORDER BY current DESC, m.installed_on DESC NULLS LAST, m.serial`,
    [companyId, accountId],
  );
  return r.rows;
}

export interface MeterEventRow {
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
}

/** CUS-4: install / replace / remove, newest first, with the readings at each. */
export async function meterEventsOfAccount(
  db: Queryable,
  companyId: string,
  accountId: string,
): Promise<MeterEventRow[]> {
  const r = await db.query<MeterEventRow>(
    `SELECT e.id, e.kind, e.happened_on::text AS "happenedOn", e.meter_id AS "meterId", m.serial AS "meterSerial",
            e.reading::text AS reading, e.old_meter_id AS "oldMeterId", o.serial AS "oldMeterSerial",
            e.old_reading::text AS "oldReading", e.temporary, e.reason, u.full_name AS "recordedByName"
       FROM meter_events e
       JOIN meters m ON m.company_id = e.company_id AND m.id = e.meter_id
       LEFT JOIN meters o ON o.company_id = e.company_id AND o.id = e.old_meter_id
       LEFT JOIN users u ON u.company_id = e.company_id AND u.id = e.recorded_by
      WHERE e.company_id = $1 AND e.account_id = $2
      ORDER BY e.happened_on DESC, e.created_at DESC`,
    [companyId, accountId],
  );
  return r.rows;
}

export interface ContractRow {
  id: string;
  contractNo: string;
  status: 'active' | 'voided';
  customerName: string;
  signedOn: string;
  voidedOn: string | null;
  voidReason: string | null;
}

/** CUS-6: the account's supply contracts, the one in force first. */
export async function contractsOfAccount(db: Queryable, companyId: string, accountId: string): Promise<ContractRow[]> {
  const r = await db.query<ContractRow>(
    `SELECT s.id, s.contract_no AS "contractNo", s.status, c.name AS "customerName", s.signed_on::text AS "signedOn",
            s.voided_on::text AS "voidedOn", s.void_reason AS "voidReason"
       FROM supply_contracts s
       JOIN customers c ON c.company_id = s.company_id AND c.id = s.customer_id
      WHERE s.company_id = $1 AND s.account_id = $2
      ORDER BY s.status = 'active' DESC, s.signed_on DESC, s.created_at DESC`,
    [companyId, accountId],
  );
  return r.rows;
}

export interface ApplianceRow {
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
}

export async function appliancesOfAccount(
  db: Queryable,
  companyId: string,
  accountId: string,
): Promise<ApplianceRow[]> {
  const r = await db.query<ApplianceRow>(
    `SELECT id, kind, brand, model, stove_mount AS "stoveMount", flue_type AS "flueType",
            flame_failure_protection AS "flameFailureProtection", safety_pledge_signed AS "safetyPledgeSigned",
            power_kw::text AS "powerKw", installed_on::text AS "installedOn", removed_on::text AS "removedOn"
       FROM appliances WHERE company_id = $1 AND account_id = $2
      ORDER BY removed_on IS NOT NULL, installed_on DESC NULLS LAST, kind, id`,
    [companyId, accountId],
  );
  return r.rows;
}

export interface InvoiceDetailsRow {
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

export async function invoiceDetailsOf(
  db: Queryable,
  companyId: string,
  accountId: string,
): Promise<InvoiceDetailsRow | null> {
  const r = await db.query<InvoiceDetailsRow>(
    `SELECT invoice_kind AS "invoiceKind", title, tax_no AS "taxNo", address, phone, bank_name AS "bankName",
            bank_account_no AS "bankAccountNo", email, version
       FROM invoice_details WHERE company_id = $1 AND account_id = $2`,
    [companyId, accountId],
  );
  return r.rows[0] ?? null;
}

export interface DepositRow {
  id: string;
  kind: 'prepayment' | 'meter' | 'other';
  amount: string;
  status: 'held' | 'refunded' | 'transferred';
  receivedOn: string;
  settledOn: string | null;
  receiptNo: string | null;
  note: string | null;
}

export async function depositsOfAccount(db: Queryable, companyId: string, accountId: string): Promise<DepositRow[]> {
  const r = await db.query<DepositRow>(
    `SELECT id, kind, amount::text AS amount, status, received_on::text AS "receivedOn",
            settled_on::text AS "settledOn", receipt_no AS "receiptNo", note
       FROM deposits WHERE company_id = $1 AND account_id = $2
      ORDER BY status = 'held' DESC, received_on DESC, id`,
    [companyId, accountId],
  );
  return r.rows;
}

// ---- The customer register (用户档案列表) ----

export interface AccountListQuery {
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
  sort: 'accountNo' | 'openedOn';
  district?: string;
  status?: AccountStatus;
  usageNature?: string;
  customerKind?: CustomerKind;
  commodity?: 'gas' | 'water';
}

export interface AccountListRow {
  id: string;
  accountNo: string;
  customerName: string;
  customerKind: CustomerKind;
  mobile: string | null;
  address: string;
  district: string;
  usageNature: string;
  usageNatureName: string;
  commodity: 'gas' | 'water';
  status: AccountStatus;
  paymentMethod: string;
  openedOn: string | null;
  meterSerial: string | null;
}

/** Each sort reads its page from an index (0027), however many accounts the company has. */
const LIST_ORDER: Record<AccountListQuery['sort'], (dir: 'ASC' | 'DESC') => string> = {
  accountNo: (dir) => `a.account_no ${dir}`,
  // Pending accounts have no opening date: the oldest both ways, as the index keeps them.
  openedOn: (dir) => `a.opened_on ${dir} NULLS ${dir === 'ASC' ? 'FIRST' : 'LAST'}, a.account_no ${dir}`,
};

export type AccountFilters = Pick<
  AccountListQuery,
  'district' | 'status' | 'usageNature' | 'customerKind' | 'commodity'
>;

const joinCustomer = 'JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id';
const joinPremise = 'JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id';

/**
 * The register's filters as SQL over `accounts a`, joining only what they name: at a million accounts
 * every join counts. $1 is the company; `params` grows with each filter.
 */
function accountFilter(companyId: string, q: AccountFilters) {
  const params: unknown[] = [companyId];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['a.company_id = $1'];
  if (q.district) where.push(`p.district = ${$(q.district)}`);
  if (q.status) where.push(`a.status = ${$(q.status)}`);
  if (q.usageNature) where.push(`a.usage_nature = ${$(q.usageNature)}`);
  if (q.customerKind) where.push(`c.kind = ${$(q.customerKind)}`);
  if (q.commodity) where.push(`a.commodity = ${$(q.commodity)}`);
  const from = `FROM accounts a ${q.customerKind ? joinCustomer : ''} ${q.district ? joinPremise : ''}`;
  return { params, $, from, where };
}

/** The details of the accounts `pageSql` selects (a query of their ids), in `order`. */
async function accountRows(db: Queryable, params: unknown[], pageSql: string, order: string) {
  const rows = await db.query<AccountListRow>(
    `WITH page AS (${pageSql})
     SELECT a.id, a.account_no AS "accountNo", c.name AS "customerName", c.kind AS "customerKind", c.mobile,
            p.full_address AS address, p.district, a.usage_nature AS "usageNature", u.name AS "usageNatureName",
            a.commodity, a.status, a.payment_method AS "paymentMethod", a.opened_on::text AS "openedOn",
            m.serial AS "meterSerial"
       FROM page
       JOIN accounts a ON a.company_id = $1 AND a.id = page.id
       ${joinCustomer}
       ${joinPremise}
       JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature
       LEFT JOIN LATERAL (SELECT m.serial FROM meters m
                           WHERE m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
                           ORDER BY m.installed_on DESC NULLS LAST LIMIT 1) m ON true
      ORDER BY ${order}`,
    params,
  );
  return rows.rows;
}

/** A page of the register: the page's ids come from one index range, then only its rows get their details. */
export async function listAccounts(
  db: Queryable,
  companyId: string,
  q: AccountListQuery,
): Promise<{ rows: AccountListRow[]; total: number }> {
  const f = accountFilter(companyId, q);
  const w = f.where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${f.from} WHERE ${w}`, f.params);
  const order = LIST_ORDER[q.sort](q.order === 'desc' ? 'DESC' : 'ASC');
  const rows = await accountRows(
    db,
    f.params,
    `SELECT a.id ${f.from} WHERE ${w} ORDER BY ${order} ${pageClause(q)}`,
    order,
  );
  return { rows, total: total.rows[0]?.n ?? 0 };
}

/**
 * The export's walk through the register: the next `limit` accounts after `afterNo` by account number
 * (keyset, no count), so the last page of a million costs what the first does.
 */
export async function accountsAfter(
  db: Queryable,
  companyId: string,
  q: AccountFilters,
  afterNo: string | null,
  limit: number,
): Promise<AccountListRow[]> {
  const f = accountFilter(companyId, q);
  if (afterNo !== null) f.where.push(`a.account_no > ${f.$(afterNo)}`);
  const order = 'a.account_no';
  return accountRows(
    db,
    f.params,
    `SELECT a.id ${f.from} WHERE ${f.where.join(' AND ')} ORDER BY ${order} LIMIT ${f.$(limit)}`,
    order,
  );
}

export async function listDistricts(db: Queryable, companyId: string): Promise<string[]> {
  const r = await db.query<{ district: string }>(
    // A loose index scan: one index probe per district, not a pass over every premise.
    `WITH RECURSIVE d AS (
       (SELECT district FROM premises WHERE company_id = $1 ORDER BY district LIMIT 1)
       UNION ALL
       SELECT (SELECT p.district FROM premises p WHERE p.company_id = $1 AND p.district > d.district
                ORDER BY p.district LIMIT 1)
         FROM d WHERE d.district IS NOT NULL)
     SELECT district FROM d WHERE district IS NOT NULL`,
    [companyId],
  );
  return r.rows.map((x) => x.district);
}

export interface UsageNatureRow {
  code: string;
  name: string;
  commodity: 'gas' | 'water';
  customerKind: CustomerKind;
  active: boolean;
}

/** The customer kind of a usage nature: anything but residential is C&I (工商户). */
export async function usageNatureKind(db: Queryable, companyId: string, code: string): Promise<CustomerKind | null> {
  const r = await db.query<{ kind: CustomerKind }>(
    'SELECT customer_kind AS kind FROM usage_natures WHERE company_id = $1 AND code = $2',
    [companyId, code],
  );
  return r.rows[0]?.kind ?? null;
}

export async function listUsageNatures(db: Queryable, companyId: string): Promise<UsageNatureRow[]> {
  const r = await db.query<UsageNatureRow>(
    `SELECT code, name, commodity, customer_kind AS "customerKind", active FROM usage_natures
      WHERE company_id = $1 ORDER BY sort_order, code`,
    [companyId],
  );
  return r.rows;
}

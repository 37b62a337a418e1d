import type { Queryable } from '../../db/types.js';

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
  };
  meter: {
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
  } | null;
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
              'mobile', c.mobile, 'phone', c.phone, 'specialCare', c.special_care, 'version', c.version) AS customer,
            json_build_object(
              'id', p.id, 'district', p.district, 'street', p.street, 'addressKind', p.address_kind,
              'community', p.community, 'building', p.building, 'unit', p.unit, 'room', p.room, 'lane', p.lane,
              'rowNo', p.row_no, 'houseNo', p.house_no, 'fullAddress', p.full_address) AS premise,
            (SELECT json_build_object(
                      'id', m.id, 'serial', m.serial, 'manufacturer', m.manufacturer, 'model', m.model,
                      'meterType', m.meter_type, 'inletDirection', m.inlet_direction,
                      'baseReading', m.base_reading::text, 'sealInlet', m.seal_inlet, 'sealOutlet', m.seal_outlet,
                      'location', m.location, 'metalHose', m.metal_hose, 'status', m.status,
                      'installedOn', m.installed_on)
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

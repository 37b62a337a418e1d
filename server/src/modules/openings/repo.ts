import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { PremiseFields } from '../customers/records.js';
import type { CustomerKind } from '../customers/repo.js';
import type { FeeQuote, ListApplicationsQuery, ServiceApplication, ServiceApplicationRow } from './schemas.js';

export interface UsageNatureRow {
  code: string;
  name: string;
  customerKind: CustomerKind;
}

export async function findActiveUsageNature(
  db: Queryable,
  companyId: string,
  code: string,
  commodity: 'gas' | 'water',
): Promise<UsageNatureRow | null> {
  const r = await db.query<UsageNatureRow>(
    `SELECT code, name, customer_kind AS "customerKind" FROM usage_natures
      WHERE company_id = $1 AND code = $2 AND commodity = $3 AND active`,
    [companyId, code, commodity],
  );
  return r.rows[0] ?? null;
}

export async function listActiveUsageNatures(
  db: Queryable,
  companyId: string,
): Promise<(UsageNatureRow & { commodity: 'gas' | 'water' })[]> {
  const r = await db.query<UsageNatureRow & { commodity: 'gas' | 'water' }>(
    `SELECT code, name, commodity, customer_kind AS "customerKind" FROM usage_natures
      WHERE company_id = $1 AND active ORDER BY sort_order, code`,
    [companyId],
  );
  return r.rows;
}

export interface ExistingCustomer {
  id: string;
  kind: CustomerKind;
  name: string;
  mobile: string | null;
  phone: string | null;
}

export async function findCustomer(db: Queryable, companyId: string, id: string): Promise<ExistingCustomer | null> {
  const r = await db.query<ExistingCustomer>(
    'SELECT id, kind, name, mobile, phone FROM customers WHERE company_id = $1 AND id = $2',
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** The account numbers of the list already in use in the company. */
export async function takenAccountNos(db: Queryable, companyId: string, accountNos: string[]): Promise<string[]> {
  if (!accountNos.length) return [];
  const r = await db.query<{ accountNo: string }>(
    'SELECT account_no AS "accountNo" FROM accounts WHERE company_id = $1 AND account_no = ANY($2::text[])',
    [companyId, accountNos],
  );
  return r.rows.map((row) => row.accountNo);
}

/**
 * Serialises openings of one address until the transaction ends, so two clerks taking the same
 * address at once cannot both find it free.
 */
export async function lockAddress(db: Queryable, companyId: string, p: PremiseFields): Promise<void> {
  const key = [
    companyId,
    p.district,
    p.street ?? '',
    p.community,
    p.building,
    p.unit,
    p.room,
    p.lane,
    p.rowNo,
    p.houseNo,
  ]
    .map((part) => part ?? '')
    .join('|');
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 22))', [key]);
}

/**
 * The premise recorded at exactly this address, and the account of the commodity still open there
 * (not closed), if any: an address is opened once; a premise whose accounts are all closed is reused.
 */
export async function findPremise(
  db: Queryable,
  companyId: string,
  p: PremiseFields,
  commodity: 'gas' | 'water',
): Promise<{ premiseId: string; openAccountNo: string | null } | null> {
  const r = await db.query<{ premiseId: string; openAccountNo: string | null }>(
    `SELECT p.id AS "premiseId",
            (SELECT a.account_no FROM accounts a
              WHERE a.company_id = p.company_id AND a.premise_id = p.id AND a.commodity = $12 AND a.status <> 'closed'
              ORDER BY a.account_no LIMIT 1) AS "openAccountNo"
       FROM premises p
      WHERE p.company_id = $1 AND p.district = $2 AND p.street = $3 AND p.address_kind = $4
        AND p.community IS NOT DISTINCT FROM $5 AND p.building IS NOT DISTINCT FROM $6
        AND p.unit IS NOT DISTINCT FROM $7 AND p.room IS NOT DISTINCT FROM $8
        AND p.lane IS NOT DISTINCT FROM $9 AND p.row_no IS NOT DISTINCT FROM $10 AND p.house_no IS NOT DISTINCT FROM $11
      ORDER BY 2 NULLS LAST, p.created_at
      LIMIT 1`,
    [
      companyId,
      p.district,
      p.street ?? '',
      p.addressKind,
      p.community ?? null,
      p.building ?? null,
      p.unit ?? null,
      p.room ?? null,
      p.lane ?? null,
      p.rowNo ?? null,
      p.houseNo ?? null,
      commodity,
    ],
  );
  return r.rows[0] ?? null;
}

export async function premiseAddress(db: Queryable, companyId: string, premiseId: string): Promise<string> {
  const r = await db.query<{ address: string }>(
    'SELECT full_address AS address FROM premises WHERE company_id = $1 AND id = $2',
    [companyId, premiseId],
  );
  return r.rows[0]!.address;
}

export interface NewApplication {
  applicationNo: string;
  mode: 'individual' | 'collective';
  applicantOrg: string | null;
  batchRef: string | null;
  applicantName: string;
  applicantMobile: string | null;
  address: string;
  commodity: 'gas' | 'water';
  usageNature: string;
  customerKind: CustomerKind;
  meterType: string;
  paymentMethod: string;
  buildingType: string | null;
  priority: string;
  householdCount: number;
  feeAmount: string;
  feeBreakdown: FeeQuote;
  applicationDate: string;
  invoiceDate: string;
  feeInvoiceNo: string | null;
  feeInvoiceLost: boolean;
  installationRequest: string | null;
  createdBy: string | null;
}

export async function insertApplication(db: Queryable, companyId: string, a: NewApplication): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO service_applications (company_id, application_no, kind, mode, applicant_org, batch_ref, applicant_name,
        applicant_mobile, address, commodity, usage_nature, customer_kind, meter_type, payment_method, building_type,
        priority, household_count, fee_amount, fee_breakdown, application_date, invoice_date, fee_invoice_no,
        fee_invoice_lost, installation_request, created_by)
     VALUES ($1, $2, 'installation', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::numeric, $18::jsonb,
             $19, $20, $21, $22, $23, $24)
     RETURNING id`,
    [
      companyId,
      a.applicationNo,
      a.mode,
      a.applicantOrg,
      a.batchRef,
      a.applicantName,
      a.applicantMobile,
      a.address,
      a.commodity,
      a.usageNature,
      a.customerKind,
      a.meterType,
      a.paymentMethod,
      a.buildingType,
      a.priority,
      a.householdCount,
      a.feeAmount,
      JSON.stringify(a.feeBreakdown),
      a.applicationDate,
      a.invoiceDate,
      a.feeInvoiceNo,
      a.feeInvoiceLost,
      a.installationRequest,
      a.createdBy,
    ],
  );
  return r.rows[0]!.id;
}

export async function insertApplicationAccount(
  db: Queryable,
  companyId: string,
  row: { applicationId: string; accountId: string; position: number; feeAmount: string },
): Promise<void> {
  await db.query(
    `INSERT INTO service_application_accounts (company_id, application_id, account_id, position, fee_amount)
     VALUES ($1, $2, $3, $4, $5::numeric)`,
    [companyId, row.applicationId, row.accountId, row.position, row.feeAmount],
  );
}

type Row = Omit<ServiceApplicationRow, 'createdAt'> & { createdAt: Date };

const SELECT = `
  SELECT s.id, s.application_no AS "applicationNo", s.kind, s.mode, s.applicant_name AS "applicantName",
         s.applicant_mobile AS "applicantMobile", s.applicant_org AS "applicantOrg", s.batch_ref AS "batchRef",
         s.address, s.commodity, s.usage_nature AS "usageNature", u.name AS "usageNatureName",
         s.customer_kind AS "customerKind", s.meter_type AS "meterType", s.payment_method AS "paymentMethod",
         s.building_type AS "buildingType", s.priority, s.status, s.household_count AS "householdCount",
         s.fee_amount::text AS "feeAmount", s.application_date AS "applicationDate", s.invoice_date AS "invoiceDate",
         f.account_id AS "firstAccountId", fa.account_no AS "firstAccountNo", cb.full_name AS "createdByName",
         s.created_at AS "createdAt"
    FROM service_applications s
    JOIN usage_natures u ON u.company_id = s.company_id AND u.code = s.usage_nature
    LEFT JOIN service_application_accounts f ON f.company_id = s.company_id AND f.application_id = s.id AND f.position = 1
    LEFT JOIN accounts fa ON fa.company_id = f.company_id AND fa.id = f.account_id
    LEFT JOIN users cb ON cb.company_id = s.company_id AND cb.id = s.created_by`;

// Urgent first when sorting by priority "descending".
const SORT: Record<ListApplicationsQuery['sort'], string> = {
  applicationNo: 's.application_no',
  applicationDate: 's.application_date',
  priority: "array_position(ARRAY['waiting', 'asAgreed', 'soon', 'urgent'], s.priority)",
  feeAmount: 's.fee_amount',
  createdAt: 's.created_at',
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listApplications(
  db: Queryable,
  companyId: string,
  q: ListApplicationsQuery,
): Promise<{ items: Row[]; total: number }> {
  const params: unknown[] = [companyId];
  const where = ['s.company_id = $1'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace(/\$\?/g, `$${params.length}`));
  };
  if (q.status) add('s.status = $?', q.status);
  if (q.priority) add('s.priority = $?', q.priority);
  if (q.kind) add('s.kind = $?', q.kind);
  if (q.mode) add('s.mode = $?', q.mode);
  if (q.from) add('s.application_date >= $?', q.from);
  if (q.to) add('s.application_date <= $?', q.to);
  if (q.q) {
    // An application number, the applicant's name (its beginning), or an account number of a household.
    params.push(q.q, `${likeEscape(q.q)}%`);
    const exact = `$${params.length - 1}`;
    const prefix = `$${params.length}`;
    where.push(
      `(s.application_no = upper(${exact}) OR s.applicant_name LIKE ${prefix} OR EXISTS (
         SELECT 1 FROM service_application_accounts x
           JOIN accounts xa ON xa.company_id = x.company_id AND xa.id = x.account_id
          WHERE x.company_id = s.company_id AND x.application_id = s.id AND xa.account_no = ${exact}))`,
    );
  }
  const whereSql = where.join(' AND ');
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const [rows, count] = await Promise.all([
    db.query<Row>(
      `${SELECT} WHERE ${whereSql} ORDER BY ${SORT[q.sort]} ${dir}, s.application_no ${dir} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_applications s WHERE ${whereSql}`, params),
  ]);
  return { items: rows.rows, total: count.rows[0]!.n };
}

type Detail = Omit<ServiceApplication, 'createdAt'> & { createdAt: Date };

export async function findApplication(db: Queryable, companyId: string, id: string): Promise<Detail | null> {
  const r = await db.query<
    Row & Pick<Detail, 'feeBreakdown' | 'feeInvoiceNo' | 'feeInvoiceLost' | 'installationRequest' | 'version'>
  >(
    `${SELECT.replace(
      'SELECT s.id,',
      `SELECT s.fee_breakdown AS "feeBreakdown", s.fee_invoice_no AS "feeInvoiceNo", s.fee_invoice_lost AS "feeInvoiceLost",
              s.installation_request AS "installationRequest", s.version, s.id,`,
    )} WHERE s.company_id = $1 AND s.id = $2`,
    [companyId, id],
  );
  const row = r.rows[0];
  if (!row) return null;
  const [households, appliances] = await Promise.all([
    db.query<Detail['households'][number]>(
      `SELECT x.position, a.id AS "accountId", a.account_no AS "accountNo", a.status AS "accountStatus",
              c.id AS "customerId", c.name AS "customerName", p.full_address AS address, x.fee_amount::text AS "feeAmount"
         FROM service_application_accounts x
         JOIN accounts a ON a.company_id = x.company_id AND a.id = x.account_id
         JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
         JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
        WHERE x.company_id = $1 AND x.application_id = $2
        ORDER BY x.position`,
      [companyId, id],
    ),
    // The appliances as applied for: those of the first household (a collective one lists the same for each).
    db.query<Detail['appliances'][number]>(
      `SELECT ap.kind, ap.brand, ap.model, ap.stove_mount AS "stoveMount", ap.flue_type AS "flueType",
              ap.flame_failure_protection AS "flameFailureProtection", ap.power_kw::text AS "powerKw"
         FROM service_application_accounts x
         JOIN appliances ap ON ap.company_id = x.company_id AND ap.account_id = x.account_id
        WHERE x.company_id = $1 AND x.application_id = $2 AND x.position = 1
        ORDER BY ap.created_at, ap.id`,
      [companyId, id],
    ),
  ]);
  return { ...row, households: households.rows, appliances: appliances.rows };
}

export interface OpenApplicationOfAccount {
  id: string;
  applicationNo: string;
  kind: string;
  mode: string;
  priority: string;
  status: string;
  applicationDate: string;
  feeAmount: string;
}

/** The service applications of an account not yet done or cancelled, for its 360° view. */
export async function openApplicationsOfAccount(
  db: Queryable,
  companyId: string,
  accountId: string,
): Promise<OpenApplicationOfAccount[]> {
  const { rows } = await db.query<OpenApplicationOfAccount>(
    `SELECT s.id, s.application_no AS "applicationNo", s.kind, s.mode, s.priority, s.status,
            s.application_date::text AS "applicationDate", l.fee_amount::text AS "feeAmount"
       FROM service_application_accounts l
       JOIN service_applications s ON s.company_id = l.company_id AND s.id = l.application_id
      WHERE l.company_id = $1 AND l.account_id = $2 AND s.status IN ('pending', 'scheduled')
      ORDER BY s.application_date DESC, s.application_no DESC`,
    [companyId, accountId],
  );
  return rows;
}

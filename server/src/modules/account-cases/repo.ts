import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { CaseKind, CustomerKind } from './documents.js';

export type CaseStatus = 'open' | 'pendingApproval' | 'completed' | 'cancelled' | 'refused';
export type AccountStatus = 'pending' | 'active' | 'suspended' | 'closed';
export type MeterType = 'diaphragm' | 'icCard' | 'remoteRead' | 'iot';

export interface CaseDocument {
  code: string;
  label: string;
  required: boolean;
  received: boolean;
}

export interface CaseRow {
  id: string;
  caseNo: string;
  kind: CaseKind;
  /** A case whose approval is rejected is written refused, one withdrawn open again (the kinds' hooks). */
  status: CaseStatus;
  accountId: string;
  accountNo: string;
  accountStatus: AccountStatus;
  commodity: 'gas' | 'water';
  usageNature: string;
  usageNatureName: string;
  address: string;
  customerId: string;
  customerName: string;
  customerKind: CustomerKind;
  documents: CaseDocument[];
  meterId: string | null;
  meterSerial: string | null;
  meterType: MeterType | null;
  reading: string | null;
  readingKind: 'register' | 'icCumulative' | null;
  readOn: string | null;
  readingConfirmed: boolean;
  readingSignedBy: string | null;
  details: Record<string, unknown>;
  timeLimitMinutes: number | null;
  dueOn: string | null;
  meterRemovedOn: string | null;
  restoreBy: string | null;
  restoredOn: string | null;
  approvalRequestId: string | null;
  approvalNo: string | null;
  approvalStatus: 'pending' | 'approved' | 'rejected' | 'withdrawn' | null;
  approvalKind: string | null;
  approvalRequestedBy: string | null;
  approvalRequestedByName: string | null;
  newCustomerId: string | null;
  newCustomerName: string | null;
  oldContractId: string | null;
  oldContractNo: string | null;
  newContractId: string | null;
  newContractNo: string | null;
  cancelReason: string | null;
  startedAt: Date;
  completedAt: Date | null;
  completedById: string | null;
  completedByName: string | null;
  createdById: string;
  createdByName: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * CUS-10 / CUS-11 deadlines passed, as SQL over `c` (the case) and `a` (its account) with `$today`: the
 * on-site check of a nature change not recorded in time, a closed account's meter not removed in time, a
 * temporary removal not restored (unless the account has since been closed for good).
 */
export const OVERDUE = (today: string) => `(
  (c.kind = 'natureChange' AND c.status IN ('open', 'pendingApproval') AND NOT (c.details ? 'siteCheck')
     AND c.due_on < ${today})
  OR (c.kind = 'closure' AND c.status = 'completed' AND c.meter_removed_on IS NULL AND c.restored_on IS NULL
     AND c.due_on < ${today})
  OR (c.kind = 'closure' AND c.status = 'completed' AND c.restored_on IS NULL AND c.restore_by < ${today}
     AND a.status <> 'closed'))`;

const SELECT_CASE = `
  SELECT c.id, c.case_no AS "caseNo", c.kind, c.status,
         c.account_id AS "accountId", a.account_no AS "accountNo", a.status AS "accountStatus", a.commodity,
         a.usage_nature AS "usageNature", u.name AS "usageNatureName", p.full_address AS address,
         c.customer_id AS "customerId", oc.name AS "customerName", c.customer_kind AS "customerKind",
         c.documents, c.meter_id AS "meterId", m.serial AS "meterSerial", m.meter_type AS "meterType",
         c.reading::text AS reading, c.reading_kind AS "readingKind", c.read_on AS "readOn",
         c.reading_confirmed AS "readingConfirmed", c.reading_signed_by AS "readingSignedBy", c.details,
         c.time_limit_minutes AS "timeLimitMinutes", c.due_on AS "dueOn", c.meter_removed_on AS "meterRemovedOn",
         c.restore_by AS "restoreBy", c.restored_on AS "restoredOn",
         c.approval_request_id AS "approvalRequestId", ar.no AS "approvalNo", ar.status AS "approvalStatus",
         ar.kind AS "approvalKind", ar.requested_by AS "approvalRequestedBy", aru.full_name AS "approvalRequestedByName",
         c.new_customer_id AS "newCustomerId", nc.name AS "newCustomerName",
         c.old_contract_id AS "oldContractId", oct.contract_no AS "oldContractNo",
         c.new_contract_id AS "newContractId", nct.contract_no AS "newContractNo",
         c.cancel_reason AS "cancelReason", c.started_at AS "startedAt", c.completed_at AS "completedAt",
         c.completed_by AS "completedById", cu.full_name AS "completedByName",
         c.created_by AS "createdById", cr.full_name AS "createdByName",
         c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"
    FROM account_cases c
    JOIN accounts a ON a.company_id = c.company_id AND a.id = c.account_id
    JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
    JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature
    JOIN customers oc ON oc.company_id = c.company_id AND oc.id = c.customer_id
    JOIN users cr ON cr.company_id = c.company_id AND cr.id = c.created_by
    LEFT JOIN users cu ON cu.company_id = c.company_id AND cu.id = c.completed_by
    LEFT JOIN meters m ON m.company_id = c.company_id AND m.id = c.meter_id
    LEFT JOIN approval_requests ar ON ar.company_id = c.company_id AND ar.id = c.approval_request_id
    LEFT JOIN users aru ON aru.company_id = ar.company_id AND aru.id = ar.requested_by
    LEFT JOIN customers nc ON nc.company_id = c.company_id AND nc.id = c.new_customer_id
    LEFT JOIN supply_contracts oct ON oct.company_id = c.company_id AND oct.id = c.old_contract_id
    LEFT JOIN supply_contracts nct ON nct.company_id = c.company_id AND nct.id = c.new_contract_id`;

export async function findCase(db: Queryable, companyId: string, id: string): Promise<CaseRow | null> {
  const r = await db.query<CaseRow>(`${SELECT_CASE} WHERE c.company_id = $1 AND c.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

/** Locks the case row for the rest of the transaction (every write goes through here first). */
export async function lockCase(db: Queryable, companyId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM account_cases WHERE company_id = $1 AND id = $2 FOR UPDATE', [companyId, id]);
  return r.rows.length > 0;
}

export async function caseExists(db: Queryable, companyId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM account_cases WHERE company_id = $1 AND id = $2', [companyId, id]);
  return r.rows.length > 0;
}

/** The unfinished case of an account, if any (at most one: account_cases_one_open). */
export async function openCaseOf(db: Queryable, companyId: string, accountId: string) {
  const r = await db.query<{ id: string; caseNo: string; kind: CaseKind }>(
    `SELECT id, case_no AS "caseNo", kind FROM account_cases
      WHERE company_id = $1 AND account_id = $2 AND status IN ('open', 'pendingApproval')`,
    [companyId, accountId],
  );
  return r.rows[0] ?? null;
}

export interface NewCase {
  caseNo: string;
  kind: CaseKind;
  accountId: string;
  customerId: string;
  customerKind: CustomerKind;
  documents: CaseDocument[];
  meterId: string | null;
  readingKind: 'register' | 'icCumulative' | null;
  details: Record<string, unknown>;
  timeLimitMinutes: number | null;
  dueOn: string | null;
  createdBy: string;
}

export async function insertCase(db: Queryable, companyId: string, c: NewCase): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO account_cases (company_id, case_no, kind, account_id, customer_id, customer_kind, documents, meter_id,
                                reading_kind, details, time_limit_minutes, due_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11, $12, $13) RETURNING id`,
    [
      companyId,
      c.caseNo,
      c.kind,
      c.accountId,
      c.customerId,
      c.customerKind,
      JSON.stringify(c.documents),
      c.meterId,
      c.readingKind,
      JSON.stringify(c.details),
      c.timeLimitMinutes,
      c.dueOn,
      c.createdBy,
    ],
  );
  return r.rows[0]!.id;
}

/** The columns a service may set; each maps to its column and a cast where the driver needs one. */
const COLUMNS = {
  status: ['status', ''],
  documents: ['documents', '::jsonb'],
  meterId: ['meter_id', '::uuid'],
  reading: ['reading', '::numeric'],
  readingKind: ['reading_kind', ''],
  readOn: ['read_on', '::date'],
  readingConfirmed: ['reading_confirmed', '::boolean'],
  readingSignedBy: ['reading_signed_by', ''],
  details: ['details', '::jsonb'],
  dueOn: ['due_on', '::date'],
  meterRemovedOn: ['meter_removed_on', '::date'],
  restoreBy: ['restore_by', '::date'],
  restoredOn: ['restored_on', '::date'],
  approvalRequestId: ['approval_request_id', '::uuid'],
  newCustomerId: ['new_customer_id', '::uuid'],
  oldContractId: ['old_contract_id', '::uuid'],
  newContractId: ['new_contract_id', '::uuid'],
  cancelReason: ['cancel_reason', ''],
  completedAt: ['completed_at', '::timestamptz'],
  completedBy: ['completed_by', '::uuid'],
} as const;
export type CaseChange = Partial<Record<keyof typeof COLUMNS, unknown>>;

/** Writes the given columns and bumps the version (the caller holds the row lock and checked the version). */
export async function updateCase(db: Queryable, companyId: string, id: string, change: CaseChange): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [companyId, id];
  for (const [key, value] of Object.entries(change)) {
    const [column, cast] = COLUMNS[key as keyof typeof COLUMNS];
    params.push(cast === '::jsonb' ? JSON.stringify(value) : value);
    sets.push(`${column} = $${params.length}${cast}`);
  }
  await db.query(
    `UPDATE account_cases SET ${sets.join(', ')}, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2`,
    params,
  );
}

export async function insertEvent(
  db: Queryable,
  companyId: string,
  e: {
    caseId: string;
    action: string;
    actorId: string | null;
    actorName: string | null;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO account_case_events (company_id, case_id, action, actor_id, actor_name, before, after)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [
      companyId,
      e.caseId,
      e.action,
      e.actorId,
      e.actorName,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    ],
  );
}

export interface CaseEventRow {
  id: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  at: Date;
  before: unknown;
  after: unknown;
}

export async function listEvents(db: Queryable, companyId: string, caseId: string): Promise<CaseEventRow[]> {
  const r = await db.query<CaseEventRow>(
    `SELECT id, action, actor_id AS "actorId", actor_name AS "actorName", at, before, after
       FROM account_case_events WHERE company_id = $1 AND case_id = $2 ORDER BY at, id`,
    [companyId, caseId],
  );
  return r.rows;
}

export interface ListQuery {
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
  sort: 'createdAt' | 'caseNo' | 'kind' | 'status' | 'accountNo';
  kind?: CaseKind;
  status?: CaseStatus;
  accountId?: string;
  q?: string;
  /** Business dates, inclusive. */
  from?: string;
  to?: string;
  overdue?: boolean;
}

const SORTS: Record<ListQuery['sort'], string> = {
  createdAt: 'c.created_at',
  caseNo: 'c.case_no',
  kind: 'c.kind',
  status: 'c.status',
  accountNo: 'a.account_no',
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The company's cases, filtered and paged; dates are compared as Asia/Shanghai business days. */
export async function listCases(db: Queryable, companyId: string, q: ListQuery, today: string) {
  const where = ['c.company_id = $1'];
  const params: unknown[] = [companyId];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.kind) add((p) => `c.kind = ${p}`, q.kind);
  if (q.status) add((p) => `c.status = ${p}`, q.status);
  if (q.accountId) add((p) => `c.account_id = ${p}`, q.accountId);
  if (q.from) add((p) => `c.created_at >= (${p}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, q.from);
  if (q.to) add((p) => `c.created_at < (${p}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, q.to);
  if (q.q) {
    params.push(q.q, `${likeEscape(q.q)}%`);
    const [exact, prefix] = [`$${params.length - 1}`, `$${params.length}`];
    where.push(`(c.case_no = ${exact} OR a.account_no = ${exact} OR oc.name LIKE ${prefix} OR nc.name LIKE ${prefix})`);
  }
  if (q.overdue !== undefined) {
    params.push(today);
    where.push(`${q.overdue ? '' : 'NOT '}${OVERDUE(`$${params.length}::date`)}`);
  }
  const filter = where.join(' AND ');
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [rows, count] = await Promise.all([
    db.query<CaseRow>(
      `${SELECT_CASE} WHERE ${filter} ORDER BY ${SORTS[q.sort]} ${dir}, c.id ${dir} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n
         FROM account_cases c
         JOIN accounts a ON a.company_id = c.company_id AND a.id = c.account_id
         JOIN customers oc ON oc.company_id = c.company_id AND oc.id = c.customer_id
         LEFT JOIN customers nc ON nc.company_id = c.company_id AND nc.id = c.new_customer_id
        WHERE ${filter}`,
      params,
    ),
  ]);
  return { rows: rows.rows, total: count.rows[0]!.n };
}

export async function countOverdue(db: Queryable, companyId: string, today: string) {
  const r = await db.query<{ kind: CaseKind; n: number }>(
    `SELECT c.kind, count(*)::int AS n
       FROM account_cases c JOIN accounts a ON a.company_id = c.company_id AND a.id = c.account_id
      WHERE c.company_id = $1 AND ${OVERDUE('$2::date')} GROUP BY c.kind`,
    [companyId, today],
  );
  return r.rows;
}

// ——— What a case reads and changes of the customers module's records ———

export interface AccountForCase {
  id: string;
  accountNo: string;
  status: AccountStatus;
  commodity: 'gas' | 'water';
  usageNature: string;
  usageNatureName: string;
  natureCustomerKind: CustomerKind;
  natureRank: number;
  paymentMethod: string;
  customerId: string;
  customerName: string;
  customerKind: CustomerKind;
  address: string;
  version: number;
  meterId: string | null;
  meterSerial: string | null;
  meterType: MeterType | null;
}

export async function findAccount(
  db: Queryable,
  companyId: string,
  id: string,
  forUpdate = false,
): Promise<AccountForCase | null> {
  // Locks the account itself (not the joined rows) first, so two flows never change it at once.
  if (forUpdate) await db.query('SELECT 1 FROM accounts WHERE company_id = $1 AND id = $2 FOR UPDATE', [companyId, id]);
  const r = await db.query<AccountForCase>(
    `SELECT a.id, a.account_no AS "accountNo", a.status, a.commodity, a.usage_nature AS "usageNature",
            u.name AS "usageNatureName", u.customer_kind AS "natureCustomerKind", u.price_rank AS "natureRank",
            a.payment_method AS "paymentMethod", c.id AS "customerId", c.name AS "customerName",
            c.kind AS "customerKind", p.full_address AS address, a.version,
            m.id AS "meterId", m.serial AS "meterSerial", m.meter_type AS "meterType"
       FROM accounts a
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
       JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
       JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature
       LEFT JOIN LATERAL (SELECT m.id, m.serial, m.meter_type FROM meters m
                           WHERE m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
                           ORDER BY m.installed_on DESC NULLS LAST, m.id LIMIT 1) m ON true
      WHERE a.company_id = $1 AND a.id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** Sets account columns, bumps its version and returns the row before and after. */
export async function updateAccount(
  db: Queryable,
  companyId: string,
  id: string,
  change: Record<string, unknown>,
): Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> {
  const cols = Object.keys(change);
  const before = await db.query<Record<string, unknown>>(
    `SELECT ${cols.join(', ')}, version FROM accounts WHERE company_id = $1 AND id = $2`,
    [companyId, id],
  );
  const sets = cols.map((c, i) => `${c} = $${i + 3}`);
  const after = await db.query<Record<string, unknown>>(
    `UPDATE accounts SET ${sets.join(', ')}, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2 RETURNING ${cols.join(', ')}, version`,
    [companyId, id, ...cols.map((c) => change[c])],
  );
  return { before: before.rows[0]!, after: after.rows[0]! };
}

export interface NatureRow {
  code: string;
  name: string;
  commodity: 'gas' | 'water';
  customerKind: CustomerKind;
  priceRank: number;
  active: boolean;
}

export async function findNature(db: Queryable, companyId: string, code: string): Promise<NatureRow | null> {
  const r = await db.query<NatureRow>(
    `SELECT code, name, commodity, customer_kind AS "customerKind", price_rank AS "priceRank", active
       FROM usage_natures WHERE company_id = $1 AND code = $2`,
    [companyId, code],
  );
  return r.rows[0] ?? null;
}

export async function findCustomer(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{
    id: string;
    kind: CustomerKind;
    name: string;
    idType: string | null;
    idNo: string | null;
    taxNo: string | null;
    mobile: string | null;
  }>(
    `SELECT id, kind, name, id_type AS "idType", id_no AS "idNo", tax_no AS "taxNo", mobile
       FROM customers WHERE company_id = $1 AND id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** The highest reading the meter has on record (base reading, install/replace/remove events). */
export async function lastReadingOf(db: Queryable, companyId: string, meterId: string): Promise<string> {
  const r = await db.query<{ last: string }>(
    `SELECT GREATEST(m.base_reading, coalesce(max(e.reading), 0))::text AS last
       FROM meters m
       LEFT JOIN meter_events e ON e.company_id = m.company_id AND e.meter_id = m.id
      WHERE m.company_id = $1 AND m.id = $2
      GROUP BY m.base_reading`,
    [companyId, meterId],
  );
  return r.rows[0]?.last ?? '0';
}

export interface ContractRow {
  id: string;
  contractNo: string;
  customerId: string;
  signedOn: string;
}

export async function activeContract(db: Queryable, companyId: string, accountId: string): Promise<ContractRow | null> {
  const r = await db.query<ContractRow>(
    `SELECT id, contract_no AS "contractNo", customer_id AS "customerId", signed_on AS "signedOn"
       FROM supply_contracts WHERE company_id = $1 AND account_id = $2 AND status = 'active' FOR UPDATE`,
    [companyId, accountId],
  );
  return r.rows[0] ?? null;
}

export async function contractNoTaken(db: Queryable, companyId: string, contractNo: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM supply_contracts WHERE company_id = $1 AND contract_no = $2', [
    companyId,
    contractNo,
  ]);
  return r.rows.length > 0;
}

export async function countContracts(db: Queryable, companyId: string, accountId: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM supply_contracts WHERE company_id = $1 AND account_id = $2',
    [companyId, accountId],
  );
  return r.rows[0]!.n;
}

export async function voidContract(
  db: Queryable,
  companyId: string,
  id: string,
  v: { voidedOn: string; reason: string },
): Promise<void> {
  await db.query(
    `UPDATE supply_contracts SET status = 'voided', voided_on = $3, void_reason = $4
      WHERE company_id = $1 AND id = $2 AND status = 'active'`,
    [companyId, id, v.voidedOn, v.reason],
  );
}

export async function setContractReplacedBy(db: Queryable, companyId: string, id: string, by: string): Promise<void> {
  await db.query('UPDATE supply_contracts SET replaced_by = $3 WHERE company_id = $1 AND id = $2', [companyId, id, by]);
}

export async function insertContract(
  db: Queryable,
  companyId: string,
  c: { contractNo: string; accountId: string; customerId: string; signedOn: string },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO supply_contracts (company_id, contract_no, account_id, customer_id, signed_on)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [companyId, c.contractNo, c.accountId, c.customerId, c.signedOn],
  );
  return r.rows[0]!.id;
}

export interface DepositRow {
  id: string;
  kind: string;
  amount: string;
  receivedOn: string;
  receiptNo: string | null;
}

export async function heldPrepayments(db: Queryable, companyId: string, accountId: string): Promise<DepositRow[]> {
  const r = await db.query<DepositRow>(
    `SELECT id, kind, amount::text AS amount, received_on AS "receivedOn", receipt_no AS "receiptNo"
       FROM deposits WHERE company_id = $1 AND account_id = $2 AND kind = 'prepayment' AND status = 'held'
      ORDER BY received_on, id FOR UPDATE`,
    [companyId, accountId],
  );
  return r.rows;
}

/** CUS-9: the old holder's deposit is settled as transferred; a held row of the same amount replaces it. */
export async function transferDeposit(
  db: Queryable,
  companyId: string,
  d: { id: string; accountId: string; amount: string; on: string; toCustomerId: string; note: string },
): Promise<string> {
  await db.query(
    `UPDATE deposits SET status = 'transferred', settled_on = $3 WHERE company_id = $1 AND id = $2 AND status = 'held'`,
    [companyId, d.id, d.on],
  );
  const r = await db.query<{ id: string }>(
    `INSERT INTO deposits (company_id, account_id, kind, amount, status, received_on, note, holder_customer_id,
                           transferred_from)
     VALUES ($1, $2, 'prepayment', $3::numeric, 'held', $4, $5, $6, $7) RETURNING id`,
    [companyId, d.accountId, d.amount, d.on, d.note, d.toCustomerId, d.id],
  );
  return r.rows[0]!.id;
}

/** The invoice details of an account go to the new holder: name and tax number, the rest for them to give. */
export async function resetInvoiceDetails(
  db: Queryable,
  companyId: string,
  accountId: string,
  to: { title: string; taxNo: string | null },
) {
  const before = await db.query<Record<string, unknown>>(
    `SELECT invoice_kind, title, tax_no, address, phone, bank_name, bank_account_no, email, version
       FROM invoice_details WHERE company_id = $1 AND account_id = $2 FOR UPDATE`,
    [companyId, accountId],
  );
  if (!before.rows[0]) return null;
  await db.query(
    `UPDATE invoice_details SET invoice_kind = 'ordinary', title = $3, tax_no = $4, address = NULL, phone = NULL,
            bank_name = NULL, bank_account_no = NULL, email = NULL, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND account_id = $2`,
    [companyId, accountId, to.title, to.taxNo],
  );
  return { before: before.rows[0], after: { invoice_kind: 'ordinary', title: to.title, tax_no: to.taxNo } };
}

export async function findMeter(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{
    id: string;
    serial: string;
    status: string;
    accountId: string | null;
    meterType: MeterType;
  }>(
    `SELECT id, serial, status, account_id AS "accountId", meter_type AS "meterType"
       FROM meters WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function removeMeter(
  db: Queryable,
  companyId: string,
  e: {
    accountId: string;
    meterId: string;
    on: string;
    reading: string;
    temporary: boolean;
    reason: string;
    by: string | null;
  },
): Promise<string> {
  await db.query(
    `UPDATE meters SET status = 'removed', account_id = NULL, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, e.meterId],
  );
  return insertMeterEvent(db, companyId, { ...e, kind: 'remove' });
}

export async function reinstallMeter(
  db: Queryable,
  companyId: string,
  e: { accountId: string; meterId: string; on: string; reading: string; reason: string; by: string | null },
): Promise<string> {
  await db.query(
    `UPDATE meters SET status = 'installed', account_id = $3, installed_on = $4, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, e.meterId, e.accountId, e.on],
  );
  return insertMeterEvent(db, companyId, { ...e, kind: 'install', temporary: false });
}

async function insertMeterEvent(
  db: Queryable,
  companyId: string,
  e: {
    kind: 'install' | 'remove';
    accountId: string;
    meterId: string;
    on: string;
    reading: string;
    temporary: boolean;
    reason: string;
    by: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO meter_events (company_id, account_id, meter_id, kind, happened_on, reading, temporary, reason, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6::numeric, $7, $8, $9) RETURNING id`,
    [companyId, e.accountId, e.meterId, e.kind, e.on, e.reading, e.temporary, e.reason, e.by],
  );
  return r.rows[0]!.id;
}

/** The temporary removal a reactivation restores: the latest completed one of the account not yet restored. */
export async function pendingTemporaryRemoval(db: Queryable, companyId: string, accountId: string) {
  const r = await db.query<{
    id: string;
    caseNo: string;
    meterId: string | null;
    meterRemovedOn: string | null;
    restoreBy: string | null;
  }>(
    `SELECT id, case_no AS "caseNo", meter_id AS "meterId", meter_removed_on AS "meterRemovedOn", restore_by AS "restoreBy"
       FROM account_cases
      WHERE company_id = $1 AND account_id = $2 AND kind = 'closure' AND status = 'completed'
        AND (details->>'temporary')::boolean AND restored_on IS NULL
      ORDER BY completed_at DESC LIMIT 1 FOR UPDATE`,
    [companyId, accountId],
  );
  return r.rows[0] ?? null;
}

/** What the forms print of a customer: the (unmasked) identity the clerk checked. */
export async function customerIdentity(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{
    name: string;
    idNo: string | null;
    taxNo: string | null;
    mobile: string | null;
    phone: string | null;
  }>(
    'SELECT name, id_no AS "idNo", tax_no AS "taxNo", mobile, phone FROM customers WHERE company_id = $1 AND id = $2',
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export type { CaseKind, CustomerKind };

import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { IcCheck, IcDue, SafetyCheck, SafetyDue } from './schemas.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const CI = `c.kind IN ('commercial', 'institutional')`;

// ---------------------------------------------------------------- MTR-6 IC-card meters of C&I accounts

/** The installed IC-card meters of open C&I accounts, with their last check, due by `dueBy`. */
export async function icDue(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; q?: string },
  p: { days: number; today: string; dueBy: string },
) {
  const base = `
    FROM meters m
    JOIN accounts a ON a.company_id = m.company_id AND a.id = m.account_id AND a.status IN ('active', 'suspended')
    JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id AND ${CI}
    JOIN premises pr ON pr.company_id = a.company_id AND pr.id = a.premise_id
    LEFT JOIN LATERAL (
      SELECT k.checked_on, k.base_reading, k.remaining_volume FROM ic_meter_checks k
       WHERE k.company_id = m.company_id AND k.meter_id = m.id ORDER BY k.checked_on DESC, k.created_at DESC LIMIT 1) last ON true
   WHERE m.company_id = $1 AND m.meter_type = 'icCard' AND m.status = 'installed'
     AND (last.checked_on IS NULL OR last.checked_on + $2::int <= $3::date)
     AND ($4::text IS NULL OR a.account_no LIKE $4 OR c.name ILIKE $4 OR m.serial ILIKE $4)`;
  const params = [companyId, p.days, p.dueBy, q.q ? like(q.q) : null, p.today];
  const [items, total] = await Promise.all([
    db.query<IcDue>(
      `SELECT m.id AS "meterId", m.serial AS "meterSerial", a.id AS "accountId", a.account_no AS "accountNo",
              c.name AS "customerName", pr.full_address AS address, m.installed_on::text AS "installedOn",
              last.checked_on::text AS "lastCheckedOn", last.base_reading::text AS "lastBaseReading",
              last.remaining_volume::text AS "lastRemainingVolume",
              (last.checked_on + $2::int)::text AS "dueOn",
              CASE WHEN last.checked_on IS NULL THEN NULL ELSE $5::date - (last.checked_on + $2::int) END AS "overdueDays"
       ${base}
       ORDER BY last.checked_on NULLS FIRST, a.account_no, m.serial ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n ${base}`, params.slice(0, 4)),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function icMeterOf(db: Queryable, companyId: string, meterId: string) {
  const r = await db.query<{ id: string; accountId: string }>(
    `SELECT m.id, a.id AS "accountId"
       FROM meters m
       JOIN accounts a ON a.company_id = m.company_id AND a.id = m.account_id AND a.status <> 'closed'
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id AND ${CI}
      WHERE m.company_id = $1 AND m.id = $2 AND m.meter_type = 'icCard' AND m.status = 'installed'`,
    [companyId, meterId],
  );
  return r.rows[0] ?? null;
}

export async function insertIcCheck(
  db: Queryable,
  companyId: string,
  k: {
    meterId: string;
    accountId: string;
    checkedOn: string;
    baseReading: string;
    remainingVolume: string;
    note: string | null;
    by: string;
  },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO ic_meter_checks (company_id, meter_id, account_id, checked_on, base_reading, remaining_volume, note, checked_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [companyId, k.meterId, k.accountId, k.checkedOn, k.baseReading, k.remainingVolume, k.note, k.by],
  );
  return r.rows[0]!.id;
}

const IC_CHECK = `
SELECT k.id, k.meter_id AS "meterId", m.serial AS "meterSerial", k.account_id AS "accountId", a.account_no AS "accountNo",
       c.name AS "customerName", k.checked_on::text AS "checkedOn", k.base_reading::text AS "baseReading",
       k.remaining_volume::text AS "remainingVolume", k.note,
       json_build_object('id', u.id, 'name', u.full_name) AS "checkedBy", ${ts('k.created_at')} AS "createdAt"
  FROM ic_meter_checks k
  JOIN meters m ON m.company_id = k.company_id AND m.id = k.meter_id
  JOIN accounts a ON a.company_id = k.company_id AND a.id = k.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  JOIN users u ON u.company_id = k.company_id AND u.id = k.checked_by`;

export async function findIcCheck(db: Queryable, companyId: string, id: string) {
  const r = await db.query<IcCheck>(`${IC_CHECK} WHERE k.company_id = $1 AND k.id = $2`, [companyId, id]);
  return r.rows[0]!;
}

export async function listIcChecks(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: 'asc' | 'desc'; accountId?: string; meterId?: string },
) {
  const where = `k.company_id = $1 AND ($2::uuid IS NULL OR k.account_id = $2) AND ($3::uuid IS NULL OR k.meter_id = $3)`;
  const params = [companyId, q.accountId ?? null, q.meterId ?? null];
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<IcCheck>(
      `${IC_CHECK} WHERE ${where} ORDER BY k.checked_on ${dir}, k.created_at ${dir} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ic_meter_checks k WHERE ${where}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

// ---------------------------------------------------------------- MTR-7 suspended C&I accounts

export async function safetyDue(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; q?: string },
  p: { months: number; today: string; dueBy: string },
) {
  const base = `
    FROM accounts a
    JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id AND ${CI}
    JOIN premises pr ON pr.company_id = a.company_id AND pr.id = a.premise_id
    LEFT JOIN LATERAL (
      SELECT k.checked_on, k.result FROM suspended_safety_checks k
       WHERE k.company_id = a.company_id AND k.account_id = a.id ORDER BY k.checked_on DESC, k.created_at DESC LIMIT 1) last ON true
   WHERE a.company_id = $1 AND a.status = 'suspended'
     AND (last.checked_on IS NULL OR (last.checked_on + make_interval(months => $2::int))::date <= $3::date)
     AND ($4::text IS NULL OR a.account_no LIKE $4 OR c.name ILIKE $4)`;
  const params = [companyId, p.months, p.dueBy, q.q ? like(q.q) : null, p.today];
  const [items, total] = await Promise.all([
    db.query<SafetyDue>(
      `SELECT a.id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName", pr.full_address AS address,
              (SELECT (max(ac.completed_at) AT TIME ZONE 'Asia/Shanghai')::date::text FROM account_cases ac
                WHERE ac.company_id = a.company_id AND ac.account_id = a.id AND ac.kind = 'suspension'
                  AND ac.status = 'completed') AS "suspendedOn",
              last.checked_on::text AS "lastCheckedOn", last.result AS "lastResult",
              (last.checked_on + make_interval(months => $2::int))::date::text AS "dueOn",
              CASE WHEN last.checked_on IS NULL THEN NULL
                   ELSE $5::date - (last.checked_on + make_interval(months => $2::int))::date END AS "overdueDays"
       ${base}
       ORDER BY last.checked_on NULLS FIRST, a.account_no ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n ${base}`, params.slice(0, 4)),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function suspendedCiAccount(db: Queryable, companyId: string, accountId: string) {
  const r = await db.query<{ id: string }>(
    `SELECT a.id FROM accounts a JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id AND ${CI}
      WHERE a.company_id = $1 AND a.id = $2 AND a.status = 'suspended'`,
    [companyId, accountId],
  );
  return r.rows[0] ?? null;
}

export async function insertSafetyCheck(
  db: Queryable,
  companyId: string,
  k: { accountId: string; checkedOn: string; result: string; note: string | null; by: string },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO suspended_safety_checks (company_id, account_id, checked_on, result, note, checked_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [companyId, k.accountId, k.checkedOn, k.result, k.note, k.by],
  );
  return r.rows[0]!.id;
}

const SAFETY_CHECK = `
SELECT k.id, k.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName",
       k.checked_on::text AS "checkedOn", k.result, k.note,
       json_build_object('id', u.id, 'name', u.full_name) AS "checkedBy", ${ts('k.created_at')} AS "createdAt"
  FROM suspended_safety_checks k
  JOIN accounts a ON a.company_id = k.company_id AND a.id = k.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  JOIN users u ON u.company_id = k.company_id AND u.id = k.checked_by`;

export async function findSafetyCheck(db: Queryable, companyId: string, id: string) {
  const r = await db.query<SafetyCheck>(`${SAFETY_CHECK} WHERE k.company_id = $1 AND k.id = $2`, [companyId, id]);
  return r.rows[0]!;
}

export async function listSafetyChecks(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: 'asc' | 'desc'; accountId?: string },
) {
  const where = `k.company_id = $1 AND ($2::uuid IS NULL OR k.account_id = $2)`;
  const params = [companyId, q.accountId ?? null];
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<SafetyCheck>(
      `${SAFETY_CHECK} WHERE ${where} ORDER BY k.checked_on ${dir}, k.created_at ${dir} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM suspended_safety_checks k WHERE ${where}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

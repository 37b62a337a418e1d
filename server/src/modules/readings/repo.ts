import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { BookListQuery, PlanListQuery, ReadingListQuery } from './schemas.js';

function params(first: unknown[]) {
  const list = [...first];
  const $ = (v: unknown) => {
    list.push(v);
    return `$${list.length}`;
  };
  return { list, $ };
}

// ---- Books ----

export interface BookRow {
  id: string;
  code: string;
  name: string;
  area: string;
  customerKind: 'residential' | 'commercial';
  readerId: string | null;
  readerName: string | null;
  readDay: number;
  cycleOffset: number;
  active: boolean;
  accounts: number;
  version: number;
}

const BOOK = `SELECT b.id, b.code, b.name, b.area, b.customer_kind AS "customerKind", b.reader_id AS "readerId",
         u.full_name AS "readerName", b.read_day AS "readDay", b.cycle_offset AS "cycleOffset", b.active,
         (SELECT count(*)::int FROM reading_book_accounts x WHERE x.company_id = b.company_id AND x.book_id = b.id)
           AS accounts, b.version
    FROM reading_books b
    LEFT JOIN users u ON u.company_id = b.company_id AND u.id = b.reader_id`;

export async function insertBook(
  db: Queryable,
  companyId: string,
  b: {
    code: string;
    name: string;
    area: string;
    customerKind: string;
    readerId: string | null;
    readDay: number;
    cycleOffset: number;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO reading_books (company_id, code, name, area, customer_kind, reader_id, read_day, cycle_offset, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [companyId, b.code, b.name, b.area, b.customerKind, b.readerId, b.readDay, b.cycleOffset, b.createdBy],
  );
  return r.rows[0]!.id;
}

export async function findBook(db: Queryable, companyId: string, id: string, lock = false) {
  if (lock) await db.query(`SELECT 1 FROM reading_books WHERE company_id = $1 AND id = $2 FOR UPDATE`, [companyId, id]);
  const r = await db.query<BookRow>(`${BOOK} WHERE b.company_id = $1 AND b.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function bookCodeTaken(db: Queryable, companyId: string, code: string) {
  const r = await db.query(`SELECT 1 FROM reading_books WHERE company_id = $1 AND code = $2`, [companyId, code]);
  return r.rows.length > 0;
}

export async function updateBook(
  db: Queryable,
  companyId: string,
  id: string,
  b: Pick<BookRow, 'name' | 'area' | 'readerId' | 'readDay' | 'cycleOffset' | 'active'>,
) {
  await db.query(
    `UPDATE reading_books SET name = $3, area = $4, reader_id = $5, read_day = $6, cycle_offset = $7, active = $8,
            version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, b.name, b.area, b.readerId, b.readDay, b.cycleOffset, b.active],
  );
}

export async function bumpBook(db: Queryable, companyId: string, id: string) {
  await db.query(
    `UPDATE reading_books SET version = version + 1, updated_at = now() WHERE company_id = $1 AND id = $2`,
    [companyId, id],
  );
}

const BOOK_SORT: Record<BookListQuery['sort'], string> = { code: 'b.code', name: 'b.name', area: 'b.area' };

export async function listBooks(db: Queryable, companyId: string, q: BookListQuery) {
  const { list, $ } = params([companyId]);
  const where = ['b.company_id = $1'];
  if (q.customerKind) where.push(`b.customer_kind = ${$(q.customerKind)}`);
  if (q.readerId) where.push(`b.reader_id = ${$(q.readerId)}`);
  if (q.q) {
    const like = $(`%${q.q.replace(/[\\%_]/g, '\\$&')}%`);
    where.push(`(b.code ILIKE ${like} OR b.name ILIKE ${like} OR b.area ILIKE ${like})`);
  }
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reading_books b WHERE ${w}`, list);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const rows = await db.query<BookRow>(
    `${BOOK} WHERE ${w} ORDER BY ${BOOK_SORT[q.sort]} ${dir}, b.id ${pageClause(q)}`,
    list,
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

/** The accounts of the given numbers, with the book each is in now (if any). */
export async function accountsByNo(db: Queryable, companyId: string, accountNos: string[]) {
  const r = await db.query<{ id: string; accountNo: string; bookId: string | null; bookName: string | null }>(
    `SELECT a.id, a.account_no AS "accountNo", x.book_id AS "bookId", b.name AS "bookName"
       FROM accounts a
       LEFT JOIN reading_book_accounts x ON x.company_id = a.company_id AND x.account_id = a.id
       LEFT JOIN reading_books b ON b.company_id = x.company_id AND b.id = x.book_id
      WHERE a.company_id = $1 AND a.account_no = ANY($2::text[])`,
    [companyId, accountNos],
  );
  return r.rows;
}

export async function replaceBookAccounts(
  db: Queryable,
  companyId: string,
  bookId: string,
  rows: { accountId: string; seq: number }[],
) {
  await db.query(`DELETE FROM reading_book_accounts WHERE company_id = $1 AND book_id = $2`, [companyId, bookId]);
  await db.query(
    `INSERT INTO reading_book_accounts (company_id, book_id, account_id, seq)
     SELECT $1, $2, a, s FROM unnest($3::uuid[], $4::int[]) AS t(a, s)`,
    [companyId, bookId, rows.map((r) => r.accountId), rows.map((r) => r.seq)],
  );
}

export async function bookAccountNos(db: Queryable, companyId: string, bookId: string) {
  const r = await db.query<{ accountNo: string; seq: number }>(
    `SELECT a.account_no AS "accountNo", x.seq FROM reading_book_accounts x
       JOIN accounts a ON a.company_id = x.company_id AND a.id = x.account_id
      WHERE x.company_id = $1 AND x.book_id = $2 ORDER BY x.seq`,
    [companyId, bookId],
  );
  return r.rows;
}

// ---- Plans ----

export interface PlanRow {
  id: string;
  bookId: string;
  bookCode: string;
  bookName: string;
  customerKind: 'residential' | 'commercial';
  period: string;
  plannedOn: string;
  readerId: string | null;
  readerName: string | null;
  status: 'planned' | 'downloaded' | 'uploaded';
  version: number;
}

const PLAN = `SELECT p.id, p.book_id AS "bookId", b.code AS "bookCode", b.name AS "bookName",
         b.customer_kind AS "customerKind", p.period, p.planned_on AS "plannedOn", p.reader_id AS "readerId",
         u.full_name AS "readerName", p.status, p.version
    FROM reading_plans p
    JOIN reading_books b ON b.company_id = p.company_id AND b.id = p.book_id
    LEFT JOIN users u ON u.company_id = p.company_id AND u.id = p.reader_id`;

export async function insertPlan(
  db: Queryable,
  companyId: string,
  p: { bookId: string; period: string; plannedOn: string; readerId: string | null; createdBy: string | null },
): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO reading_plans (company_id, book_id, period, planned_on, reader_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (company_id, book_id, period) DO NOTHING RETURNING id`,
    [companyId, p.bookId, p.period, p.plannedOn, p.readerId, p.createdBy],
  );
  return r.rows[0]?.id ?? null;
}

export async function findPlan(db: Queryable, companyId: string, id: string) {
  const r = await db.query<PlanRow>(`${PLAN} WHERE p.company_id = $1 AND p.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function lockPlan(db: Queryable, companyId: string, id: string) {
  await db.query(`SELECT 1 FROM reading_plans WHERE company_id = $1 AND id = $2 FOR UPDATE`, [companyId, id]);
  return findPlan(db, companyId, id);
}

export async function updatePlan(
  db: Queryable,
  companyId: string,
  id: string,
  p: { plannedOn: string; readerId: string | null },
) {
  await db.query(
    `UPDATE reading_plans SET planned_on = $3, reader_id = $4, version = version + 1 WHERE company_id = $1 AND id = $2`,
    [companyId, id, p.plannedOn, p.readerId],
  );
}

export async function markDownloaded(db: Queryable, companyId: string, id: string) {
  await db.query(
    `UPDATE reading_plans SET status = 'downloaded', downloaded_at = now()
      WHERE company_id = $1 AND id = $2 AND status = 'planned'`,
    [companyId, id],
  );
}

export async function listPlans(db: Queryable, companyId: string, q: PlanListQuery) {
  const { list, $ } = params([companyId]);
  const where = ['p.company_id = $1'];
  if (q.period) where.push(`p.period = ${$(q.period)}`);
  if (q.bookId) where.push(`p.book_id = ${$(q.bookId)}`);
  if (q.readerId) where.push(`p.reader_id = ${$(q.readerId)}`);
  if (q.status) where.push(`p.status = ${$(q.status)}`);
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reading_plans p WHERE ${w}`, list);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const rows = await db.query<PlanRow>(
    `${PLAN} WHERE ${w} ORDER BY p.period ${dir}, p.planned_on ${dir}, b.code, p.id ${pageClause(q)}`,
    list,
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function activeBooks(db: Queryable, companyId: string) {
  const r = await db.query<BookRow>(`${BOOK} WHERE b.company_id = $1 AND b.active ORDER BY b.code`, [companyId]);
  return r.rows;
}

/**
 * MTR-3: the round of a plan in walking order: each account's installed meter and its last accepted
 * reading before the period (or the meter's base). Closed accounts are left out, and so (MTR-2) is a C&I
 * account handed over in the period or later: it is read from the month after handover.
 */
export async function sheetRows(db: Queryable, companyId: string, bookId: string, period: string) {
  const r = await db.query<{
    seq: number;
    accountNo: string;
    address: string;
    meterSerial: string | null;
    lastReading: string | null;
    lastReadOn: string | null;
  }>(
    `SELECT x.seq, a.account_no AS "accountNo", pr.full_address AS address, m.serial AS "meterSerial",
            coalesce(last.reading, m.base_reading)::text AS "lastReading",
            coalesce(last.read_on, m.installed_on)::text AS "lastReadOn"
       FROM reading_book_accounts x
       JOIN reading_books b ON b.company_id = x.company_id AND b.id = x.book_id
       JOIN accounts a ON a.company_id = x.company_id AND a.id = x.account_id
       JOIN premises pr ON pr.company_id = a.company_id AND pr.id = a.premise_id
       LEFT JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id AND m.status = 'installed'
       LEFT JOIN LATERAL (
         SELECT r.reading, r.read_on FROM meter_readings r
          WHERE r.company_id = a.company_id AND r.meter_id = m.id AND r.status = 'accepted' AND r.period < $3
          ORDER BY r.period DESC LIMIT 1) last ON true
      WHERE x.company_id = $1 AND x.book_id = $2 AND a.status <> 'closed'
        AND NOT (b.customer_kind = 'commercial' AND a.opened_on IS NOT NULL AND a.opened_on >= to_date($3, 'YYYY-MM'))
      ORDER BY x.seq`,
    [companyId, bookId, period],
  );
  return r.rows;
}

// ---- Readings ----

export interface ReadingRow {
  id: string;
  accountId: string;
  accountNo: string;
  address: string;
  meterId: string;
  meterSerial: string;
  bookId: string | null;
  period: string;
  readOn: string;
  reading: string;
  previousReading: string;
  previousReadOn: string | null;
  volume: string;
  kind: 'actual' | 'estimated' | 'corrected';
  status: 'pending' | 'flagged' | 'accepted' | 'reread' | 'superseded';
  flags: string[];
  comparison: Record<string, unknown> | null;
  source: string;
  readerId: string | null;
  reason: string | null;
  replacesId: string | null;
  createdAt: Date;
}

const READING = `SELECT r.id, r.account_id AS "accountId", a.account_no AS "accountNo", pr.full_address AS address,
         r.meter_id AS "meterId", m.serial AS "meterSerial", r.book_id AS "bookId", r.period, r.read_on AS "readOn",
         r.reading, r.previous_reading AS "previousReading", r.previous_read_on AS "previousReadOn", r.volume,
         r.kind, r.status, r.flags, r.comparison, r.source, r.reader_id AS "readerId", r.reason,
         r.replaces_id AS "replacesId", r.created_at AS "createdAt"
    FROM meter_readings r
    JOIN accounts a ON a.company_id = r.company_id AND a.id = r.account_id
    JOIN premises pr ON pr.company_id = a.company_id AND pr.id = a.premise_id
    JOIN meters m ON m.company_id = r.company_id AND m.id = r.meter_id`;

export async function findReading(db: Queryable, companyId: string, id: string, lock = false) {
  if (lock)
    await db.query(`SELECT 1 FROM meter_readings WHERE company_id = $1 AND id = $2 FOR UPDATE`, [companyId, id]);
  const r = await db.query<ReadingRow>(`${READING} WHERE r.company_id = $1 AND r.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

const READING_SORT: Record<ReadingListQuery['sort'], string> = {
  period: 'r.period',
  accountNo: 'a.account_no',
  readOn: 'r.read_on',
  volume: 'r.volume',
};

export async function listReadings(db: Queryable, companyId: string, q: ReadingListQuery) {
  const { list, $ } = params([companyId]);
  const where = ['r.company_id = $1'];
  if (q.status) where.push(`r.status = ${$(q.status)}`);
  if (q.period) where.push(`r.period = ${$(q.period)}`);
  if (q.bookId) where.push(`r.book_id = ${$(q.bookId)}`);
  if (q.accountId) where.push(`r.account_id = ${$(q.accountId)}`);
  if (q.flag) where.push(`${$(q.flag)} = ANY(r.flags)`);
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM meter_readings r
       JOIN accounts a ON a.company_id = r.company_id AND a.id = r.account_id WHERE ${w}`,
    list,
  );
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const rows = await db.query<ReadingRow>(
    `${READING} WHERE ${w} ORDER BY ${READING_SORT[q.sort]} ${dir}, a.account_no, r.created_at DESC ${pageClause(q)}`,
    list,
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function setStatus(
  db: Queryable,
  companyId: string,
  id: string,
  status: 'accepted' | 'reread' | 'superseded',
  by: string | null,
  reason: string | null = null,
) {
  await db.query(
    `UPDATE meter_readings
        SET status = $3,
            accepted_by = CASE WHEN $3 = 'accepted' THEN $4::uuid ELSE accepted_by END,
            accepted_at = CASE WHEN $3 = 'accepted' THEN now() ELSE accepted_at END,
            reason = coalesce($5, reason)
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, status, by, reason],
  );
}

export async function insertCorrection(
  db: Queryable,
  companyId: string,
  old: ReadingRow,
  c: { reading: string; readOn: string; volume: string; flags: string[]; reason: string; by: string | null },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading,
                                 previous_read_on, volume, kind, status, flags, source, reader_id, reason, replaces_id,
                                 accepted_by, accepted_at, created_by, comparison, book_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'corrected', 'accepted', $10, 'review', $11, $12, $13, $14, now(), $14,
             $15, $16)
     RETURNING id`,
    [
      companyId,
      old.accountId,
      old.meterId,
      old.period,
      c.readOn,
      c.reading,
      old.previousReading,
      old.previousReadOn,
      c.volume,
      c.flags,
      old.readerId,
      c.reason,
      old.id,
      c.by,
      old.comparison === null ? null : JSON.stringify(old.comparison),
      old.bookId,
    ],
  );
  return r.rows[0]!.id;
}

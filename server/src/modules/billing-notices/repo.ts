import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { BatchFilters, CiUsageQuery, CiUsageRow, NoticeKind, PreviewItem, PrintBatch } from './schemas.js';

/** A residential bill is an indoor-meter one when any meter it billed is not outside (unknown counts as inside). */
const INDOOR = `EXISTS (SELECT 1 FROM meter_readings r JOIN meters m ON m.company_id = r.company_id AND m.id = r.meter_id
                         WHERE r.company_id = b.company_id AND r.account_id = b.account_id AND r.period = b.period
                           AND r.status = 'accepted' AND m.location IS DISTINCT FROM 'outdoor')`;
const KIND_WHERE: Record<NoticeKind, string> = {
  payment: `b.customer_kind = 'residential' AND ${INDOOR}`,
  area: `b.customer_kind = 'residential' AND NOT ${INDOOR}`,
  ci: `b.customer_kind IN ('commercial', 'institutional')`,
};

/** The notice an outdoor meter's bill goes on: its book, or else its building (community and building). */
const GROUP_KEY = `coalesce('b:' || rba.book_id::text,
  'p:' || coalesce(p.community, p.street || coalesce(p.lane, '')) || '|' || coalesce(p.building, p.row_no, ''))`;

const FROM = `FROM bills b
  JOIN accounts ac ON ac.company_id = b.company_id AND ac.id = b.account_id
  JOIN customers cu ON cu.company_id = ac.company_id AND cu.id = ac.customer_id
  JOIN premises p ON p.company_id = ac.company_id AND p.id = ac.premise_id
  LEFT JOIN reading_book_accounts rba ON rba.company_id = b.company_id AND rba.account_id = b.account_id
  LEFT JOIN reading_books rb ON rb.company_id = rba.company_id AND rb.id = rba.book_id`;

function where(f: BatchFilters): { sql: string; params: unknown[] } {
  return {
    sql: `WHERE b.company_id = $1 AND b.period = $2 AND ${KIND_WHERE[f.kind]}
            AND ($3::uuid IS NULL OR rba.book_id = $3) AND ($4::text IS NULL OR rb.area = $4)
            AND ($5::uuid IS NULL OR rb.reader_id = $5) AND ($6::text IS NULL OR b.customer_kind = $6)`,
    params: [f.period, f.bookId ?? null, f.area ?? null, f.readerId ?? null, f.customerKind ?? null],
  };
}

/** The walking order: book, place in the book, account number (accounts outside any book last). */
const ORDER = 'ORDER BY rb.code NULLS LAST, rba.seq NULLS LAST, ac.account_no';

export async function countBatch(
  db: Queryable,
  companyId: string,
  f: BatchFilters,
): Promise<{ bills: number; groups: number; amountTotal: string }> {
  const w = where(f);
  const r = await db.query<{ bills: number; groups: number; amountTotal: string }>(
    `SELECT count(*)::int AS bills, count(DISTINCT ${GROUP_KEY})::int AS groups,
            coalesce(sum(b.amount), 0)::text AS "amountTotal" ${FROM} ${w.sql}`,
    [companyId, ...w.params],
  );
  return r.rows[0]!;
}

export interface BatchEntry extends PreviewItem {
  groupKey: string;
}

/** The batch's bills in walking order, at most `limit` (only ids and what the preview shows). */
export async function batchEntries(
  db: Queryable,
  companyId: string,
  f: BatchFilters,
  limit: number,
): Promise<BatchEntry[]> {
  const w = where(f);
  const r = await db.query<BatchEntry>(
    `SELECT b.id AS "billId", ac.account_no AS "accountNo", cu.name AS "customerName", p.full_address AS address,
            rb.code AS "bookCode", rba.seq, b.volume::text AS volume, b.amount::text AS amount, b.due_on::text AS "dueOn",
            ${GROUP_KEY} AS "groupKey"
       ${FROM} ${w.sql} ${ORDER} LIMIT ${Math.trunc(limit)}`,
    [companyId, ...w.params],
  );
  return r.rows;
}

export interface MeterOfBill {
  serial: string;
  location: string | null;
  previousReading: string;
  previousReadOn: string | null;
  reading: string;
  readOn: string;
  volume: string;
  readerNo: string | null;
  readerName: string | null;
  readerPhone: string | null;
}

/** A bill line: a tariff segment and tier, or (BIL-6) the credit of the estimates a true-up takes back. */
export interface BillLine {
  kind?: 'estimateCredit';
  tariffId?: string;
  tier?: number;
  from?: string;
  to?: string;
  volume: string;
  price?: string;
  amount: string;
}

export interface NoticeRow {
  billId: string;
  period: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: 'residential' | 'commercial' | 'institutional';
  address: string;
  /** Building, unit and room (or row and house): what a list posted in the building shows. */
  place: string;
  usageNatureName: string;
  fromDate: string;
  readOn: string;
  volume: string;
  amount: string;
  dueOn: string | null;
  estimated: boolean;
  lines: BillLine[];
  meters: MeterOfBill[];
  groupKey: string;
  bookCode: string | null;
  bookName: string | null;
  area: string | null;
  community: string | null;
  building: string | null;
  seq: number | null;
  bookReaderNo: string | null;
  bookReaderName: string | null;
  bookReaderPhone: string | null;
  indoor: boolean;
}

/** Everything a notice prints for the given bills, in the order of `ids`. */
export async function noticeRows(db: Queryable, companyId: string, ids: string[]): Promise<NoticeRow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<NoticeRow>(
    `SELECT b.id AS "billId", b.period, b.account_id AS "accountId", ac.account_no AS "accountNo",
            cu.name AS "customerName", b.customer_kind AS "customerKind", p.full_address AS address,
            CASE WHEN p.address_kind = 'apartment'
                 THEN p.building || '号楼' || p.unit || '单元' || p.room || '室'
                 ELSE p.row_no || '排' || p.house_no || '号' END AS place,
            un.name AS "usageNatureName", b.from_date::text AS "fromDate", b.read_on::text AS "readOn",
            b.volume::text AS volume, b.amount::text AS amount, b.due_on::text AS "dueOn",
            b.kind = 'estimated' AS estimated, b.lines,
            coalesce((SELECT json_agg(json_build_object(
                        'serial', m.serial, 'location', m.location, 'previousReading', r.previous_reading::text,
                        'previousReadOn', r.previous_read_on::text, 'reading', r.reading::text, 'readOn', r.read_on::text,
                        'volume', r.volume::text, 'readerNo', u.employee_no, 'readerName', u.full_name, 'readerPhone', u.phone)
                        ORDER BY m.serial)
                        FROM meter_readings r
                        JOIN meters m ON m.company_id = r.company_id AND m.id = r.meter_id
                        LEFT JOIN users u ON u.company_id = r.company_id AND u.id = r.reader_id
                       WHERE r.company_id = b.company_id AND r.account_id = b.account_id AND r.period = b.period
                         AND r.status = 'accepted'), '[]') AS meters,
            ${GROUP_KEY} AS "groupKey", rb.code AS "bookCode", rb.name AS "bookName", rb.area,
            p.community, p.building, rba.seq, bu.employee_no AS "bookReaderNo", bu.full_name AS "bookReaderName", bu.phone AS "bookReaderPhone",
            ${INDOOR} AS indoor
       ${FROM}
       JOIN usage_natures un ON un.company_id = b.company_id AND un.code = b.usage_nature
       LEFT JOIN users bu ON bu.company_id = rb.company_id AND bu.id = rb.reader_id
      WHERE b.company_id = $1 AND b.id = ANY($2::uuid[])`,
    [companyId, ids],
  );
  const byId = new Map(r.rows.map((row) => [row.billId, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is NoticeRow => row !== undefined);
}

export async function billKindOf(
  db: Queryable,
  companyId: string,
  id: string,
): Promise<{ kind: NoticeKind; accountNo: string; period: string } | null> {
  const r = await db.query<{ indoor: boolean; customerKind: string; accountNo: string; period: string }>(
    `SELECT b.customer_kind AS "customerKind", ${INDOOR} AS indoor, ac.account_no AS "accountNo", b.period
       FROM bills b JOIN accounts ac ON ac.company_id = b.company_id AND ac.id = b.account_id
      WHERE b.company_id = $1 AND b.id = $2`,
    [companyId, id],
  );
  const row = r.rows[0];
  if (!row) return null;
  const kind: NoticeKind = row.customerKind !== 'residential' ? 'ci' : row.indoor ? 'payment' : 'area';
  return { kind, accountNo: row.accountNo, period: row.period };
}

export async function bookExists(db: Queryable, companyId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM reading_books WHERE company_id = $1 AND id = $2', [companyId, id]);
  return r.rows.length > 0;
}

// ---- print batches ----

export async function insertBatch(
  db: Queryable,
  companyId: string,
  b: {
    period: string;
    kind: NoticeKind;
    paper: string;
    format: string;
    filters: Record<string, unknown>;
    notices: number;
    bills: number;
    amountTotal: string;
    printedBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO notice_print_batches (company_id, period, notice_kind, paper, format, filters, notices, bills,
                                       amount_total, printed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      companyId,
      b.period,
      b.kind,
      b.paper,
      b.format,
      JSON.stringify(b.filters),
      b.notices,
      b.bills,
      b.amountTotal,
      b.printedBy,
    ],
  );
  return r.rows[0]!.id;
}

export async function listBatches(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; period?: string },
): Promise<{ items: PrintBatch[]; total: number }> {
  const w = 'WHERE x.company_id = $1 AND ($2::text IS NULL OR x.period = $2)';
  const params = [companyId, q.period ?? null];
  const [items, total] = await Promise.all([
    db.query<PrintBatch>(
      `SELECT x.id, x.period, x.notice_kind AS kind, x.paper, x.format, x.filters, x.notices, x.bills,
              x.amount_total::text AS "amountTotal", x.printed_by AS "printedBy", u.full_name AS "printedByName",
              x.printed_at AS "printedAt"
         FROM notice_print_batches x LEFT JOIN users u ON u.company_id = x.company_id AND u.id = x.printed_by
         ${w} ORDER BY x.printed_at DESC, x.id ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notice_print_batches x ${w}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

// ---- MTR-9: the month-end C&I usage detail ----

const CI_FROM = `FROM (SELECT r.account_id, count(*)::int AS meters,
                              string_agg(m.serial, ' / ' ORDER BY m.serial) AS serials,
                              string_agg(r.previous_reading::text, ' / ' ORDER BY m.serial) AS prev,
                              string_agg(r.reading::text, ' / ' ORDER BY m.serial) AS cur,
                              min(r.previous_read_on) AS prev_on, max(r.read_on) AS read_on, sum(r.volume) AS volume,
                              -- MTR-4's designed flow (m³/h) of each meter, '-' where unknown; none when no meter has one.
                              CASE WHEN count(m.designed_flow) > 0
                                   THEN string_agg(coalesce(trim_scale(m.designed_flow)::text, '-'), ' / ' ORDER BY m.serial)
                              END AS design_flow
                         FROM meter_readings r JOIN meters m ON m.company_id = r.company_id AND m.id = r.meter_id
                        WHERE r.company_id = $1 AND r.period = $2 AND r.status = 'accepted'
                        GROUP BY r.account_id) x
  JOIN accounts ac ON ac.company_id = $1 AND ac.id = x.account_id
  JOIN usage_natures un ON un.company_id = ac.company_id AND un.code = ac.usage_nature
  JOIN customers cu ON cu.company_id = ac.company_id AND cu.id = ac.customer_id
  JOIN premises p ON p.company_id = ac.company_id AND p.id = ac.premise_id
  LEFT JOIN bills b ON b.company_id = $1 AND b.account_id = x.account_id AND b.period = $2`;
const CI_WHERE = `WHERE un.customer_kind IN ('commercial', 'institutional') AND ($3::text IS NULL OR ac.usage_nature = $3)
  AND ($4::text IS NULL OR ac.account_no LIKE $4 || '%' OR cu.name LIKE '%' || $4 || '%' OR x.serials LIKE '%' || $4 || '%')`;

export async function ciUsage(
  db: Queryable,
  companyId: string,
  q: CiUsageQuery,
): Promise<{ items: CiUsageRow[]; total: number; totals: { accounts: number; volume: string; amount: string } }> {
  const params = [companyId, q.period, q.usageNature ?? null, q.q ?? null];
  const [items, totals] = await Promise.all([
    db.query<CiUsageRow>(
      `SELECT ac.id AS "accountId", ac.account_no AS "accountNo", cu.name AS "customerName", p.full_address AS address,
              ac.usage_nature AS "usageNature", un.name AS "usageNatureName", x.meters, x.serials AS "meterSerials",
              x.prev AS "previousReading", x.cur AS reading, x.prev_on::text AS "previousReadOn", x.read_on::text AS "readOn",
              x.volume::text AS volume, b.amount::text AS amount, x.design_flow AS "designFlow", b.id IS NOT NULL AS billed
         ${CI_FROM} ${CI_WHERE}
        ORDER BY ac.account_no ${q.order === 'desc' ? 'DESC' : 'ASC'} ${pageClause(q)}`,
      params,
    ),
    db.query<{ accounts: number; volume: string; amount: string }>(
      `SELECT count(*)::int AS accounts, coalesce(sum(x.volume), 0)::text AS volume,
              coalesce(sum(b.amount), 0)::text AS amount
         ${CI_FROM} ${CI_WHERE}`,
      params,
    ),
  ]);
  const t = totals.rows[0]!;
  return { items: items.rows, total: t.accounts, totals: t };
}

/** What each account owes in all (positive) or has in hand (negative): the sum of its ledger entries. */
export async function balancesOf(db: Queryable, companyId: string, accountIds: string[]): Promise<Map<string, string>> {
  const r = await db.query<{ accountId: string; balance: string }>(
    `SELECT account_id AS "accountId", sum(amount)::text AS balance FROM ledger_entries
      WHERE company_id = $1 AND account_id = ANY($2::uuid[]) GROUP BY account_id`,
    [companyId, accountIds],
  );
  return new Map(r.rows.map((x) => [x.accountId, x.balance]));
}

/** The tariffs among `ids` that are tiered (阶梯): their lines are labelled by tier. */
export async function tieredTariffs(db: Queryable, companyId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await db.query<{ id: string }>(
    'SELECT id FROM tariffs WHERE company_id = $1 AND id = ANY($2::uuid[]) AND tiered',
    [companyId, ids],
  );
  return new Set(r.rows.map((x) => x.id));
}

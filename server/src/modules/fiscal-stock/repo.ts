import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type {
  Batch,
  CountReport,
  CountRow,
  FiscalNumber,
  Handover,
  ListRangesQuery,
  Loss,
  Range,
  StockRequest,
} from './schemas.js';

const iso = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', ${iso})`;
const person = (alias: string) => `json_build_object('id', ${alias}.id, 'name', ${alias}.full_name)`;
const personOrNull = (alias: string) => `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE ${person(alias)} END`;
/** A number as its batch writes it (fixed width, leading zeros). */
const no = (col: string, width = 'b.width') => `lpad((${col})::text, ${width}, '0')`;

type Where = { params: unknown[]; where: string[]; add(sql: string, v: unknown): void };
function where(companyCol: string, companyId: string): Where {
  const w: Where = {
    params: [companyId],
    where: [`${companyCol} = $1`],
    add(sql, v) {
      w.params.push(v);
      w.where.push(sql.replaceAll('?', `$${w.params.length}`));
    },
  };
  return w;
}
async function paged<T>(
  db: Queryable,
  select: string,
  w: Where,
  orderBy: string,
  q: { page: number; pageSize: number },
) {
  const cond = w.where.join(' AND ');
  const [items, total] = await Promise.all([
    db.query<T>(`${select} WHERE ${cond} ORDER BY ${orderBy} ${pageClause(q)}`, w.params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${select} WHERE ${cond}) x`, w.params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

// ---------------------------------------------------------------- holders

/** Active users of the company holding fiscal.stock.use through a role. */
export async function holders(db: Queryable, companyId: string, id?: string) {
  const r = await db.query<{ id: string; name: string; username: string }>(
    `SELECT DISTINCT u.id, u.full_name AS name, u.username
       FROM users u
       JOIN user_roles ur ON ur.company_id = u.company_id AND ur.user_id = u.id
       JOIN role_permissions rp ON rp.company_id = ur.company_id AND rp.role_id = ur.role_id
                               AND rp.permission_code = 'fiscal.stock.use'
      WHERE u.company_id = $1 AND u.status = 'active' ${id ? 'AND u.id = $2' : ''}
      ORDER BY u.full_name, u.id`,
    id ? [companyId, id] : [companyId],
  );
  return r.rows;
}

// ---------------------------------------------------------------- requests

const REQUEST_SELECT = `
SELECT q.id, q.kind, q.quantity, q.needed_by::text AS "neededBy", q.requested_on::text AS "requestedOn", q.late,
       q.note, q.status, ${person('u')} AS "requestedBy", ${ts('q.created_at')} AS "createdAt"
  FROM fiscal_stock_requests q
  JOIN users u ON u.company_id = q.company_id AND u.id = q.requested_by`;

export async function insertRequest(
  db: Queryable,
  companyId: string,
  v: {
    kind: string;
    quantity: number;
    neededBy: string;
    requestedOn: string;
    late: boolean;
    note: string | null;
    by: string;
  },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO fiscal_stock_requests (company_id, kind, quantity, needed_by, requested_on, late, note, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [companyId, v.kind, v.quantity, v.neededBy, v.requestedOn, v.late, v.note, v.by],
  );
  return r.rows[0]!.id;
}
export async function findRequest(db: Queryable, companyId: string, id: string) {
  const r = await db.query<StockRequest>(`${REQUEST_SELECT} WHERE q.company_id = $1 AND q.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}
export async function listRequests(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: string; status?: string; kind?: string },
) {
  const w = where('q.company_id', companyId);
  if (q.status) w.add('q.status = ?', q.status);
  if (q.kind) w.add('q.kind = ?', q.kind);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  return paged<StockRequest>(db, REQUEST_SELECT, w, `q.created_at ${dir}, q.id`, q);
}
export async function markRequestDone(db: Queryable, companyId: string, id: string) {
  const r = await db.query(
    `UPDATE fiscal_stock_requests SET status = 'done' WHERE company_id = $1 AND id = $2 RETURNING id`,
    [companyId, id],
  );
  return r.rows.length > 0;
}

// ---------------------------------------------------------------- batches

const BATCH_SELECT = `
SELECT b.id, b.kind, b.series, b.from_no AS "fromNo", b.to_no AS "toNo", (b.to_n - b.from_n + 1)::int AS count,
       b.parts,
       ((b.to_n - b.from_n + 1) - coalesce((SELECT sum(r.end_n - r.from_n + 1) FROM fiscal_ranges r
          WHERE r.company_id = b.company_id AND r.batch_id = b.id AND r.end_n >= r.from_n), 0))::int AS "inStock",
       b.received_on::text AS "receivedOn", ${person('u')} AS "receivedBy", b.request_id AS "requestId", b.note,
       ${ts('b.created_at')} AS "createdAt"
  FROM fiscal_batches b
  JOIN users u ON u.company_id = b.company_id AND u.id = b.received_by`;

/** Serialises the batches of one series (the overlap check runs under it). */
export async function lockSeries(db: Queryable, companyId: string, kind: string, series: string) {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 51))', [`fiscal:${companyId}:${kind}:${series}`]);
}
export async function overlappingBatch(
  db: Queryable,
  companyId: string,
  kind: string,
  series: string,
  from: bigint,
  to: bigint,
) {
  const r = await db.query<{ fromNo: string; toNo: string }>(
    `SELECT from_no AS "fromNo", to_no AS "toNo" FROM fiscal_batches
      WHERE company_id = $1 AND kind = $2 AND series = $3 AND from_n <= $5 AND to_n >= $4
      ORDER BY from_n LIMIT 1`,
    [companyId, kind, series, from.toString(), to.toString()],
  );
  return r.rows[0] ?? null;
}
export async function insertBatch(
  db: Queryable,
  companyId: string,
  v: {
    kind: string;
    series: string;
    fromNo: string;
    toNo: string;
    parts: number;
    receivedOn: string;
    by: string;
    requestId: string | null;
    note: string | null;
  },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO fiscal_batches (company_id, kind, series, from_no, to_no, from_n, to_n, width, parts, received_on,
                                 received_by, request_id, note)
     VALUES ($1, $2, $3, $4, $5, $11, $12, $13, $6, $7, $8, $9, $10) RETURNING id`,
    [
      companyId,
      v.kind,
      v.series,
      v.fromNo,
      v.toNo,
      v.parts,
      v.receivedOn,
      v.by,
      v.requestId,
      v.note,
      BigInt(v.fromNo).toString(),
      BigInt(v.toNo).toString(),
      v.fromNo.length,
    ],
  );
  return r.rows[0]!.id;
}
export async function findBatch(db: Queryable, companyId: string, id: string): Promise<Batch | null> {
  const r = await db.query<Batch>(`${BATCH_SELECT} WHERE b.company_id = $1 AND b.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}
export async function lockBatch(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{
    id: string;
    kind: string;
    series: string;
    fromN: string;
    toN: string;
    width: number;
    fromNo: string;
    toNo: string;
  }>(
    `SELECT id, kind, series, from_n::text AS "fromN", to_n::text AS "toN", width, from_no AS "fromNo", to_no AS "toNo"
       FROM fiscal_batches WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}
export async function listBatches(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: string; kind?: string; series?: string },
) {
  const w = where('b.company_id', companyId);
  if (q.kind) w.add('b.kind = ?', q.kind);
  if (q.series) w.add('b.series = ?', q.series);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  return paged<Batch>(db, BATCH_SELECT, w, `b.received_on ${dir}, b.created_at ${dir}, b.id`, q);
}

// ---------------------------------------------------------------- ranges

const NEXT_FREE = `
  (SELECT min(c.n) FROM (SELECT r.from_n AS n
                          UNION ALL
                         SELECT f.n + 1 FROM fiscal_numbers f WHERE f.company_id = r.company_id AND f.range_id = r.id) c
    WHERE c.n <= r.end_n
      AND NOT EXISTS (SELECT 1 FROM fiscal_numbers g WHERE g.company_id = r.company_id AND g.kind = r.kind
                         AND g.series = r.series AND g.n = c.n))`;

const RANGE_SELECT = `
SELECT r.id, r.batch_id AS "batchId", r.kind, r.series, ${person('h')} AS holder,
       ${no('r.from_n')} AS "fromNo", ${no('r.to_n')} AS "toNo",
       CASE WHEN r.end_n >= r.from_n THEN ${no('r.end_n')} END AS "endNo",
       (r.end_n - r.from_n + 1)::int AS count, coalesce(s.used, 0)::int AS used, coalesce(s.voided, 0)::int AS voided,
       (r.end_n - r.from_n + 1 - coalesce(s.used, 0) - coalesce(s.voided, 0))::int AS remaining,
       CASE WHEN r.status <> 'closed' THEN ${no(NEXT_FREE)} END AS "nextNo",
       r.status, r.issued_on::text AS "issuedOn", ${person('ib')} AS "issuedBy", r.handover_id AS "handoverId",
       ${ts('r.checked_at')} AS "checkedAt", r.checked_count AS "checkedCount", r.check_note AS "checkNote",
       ${ts('r.closed_at')} AS "closedAt", ${ts('r.created_at')} AS "createdAt"
  FROM fiscal_ranges r
  JOIN fiscal_batches b ON b.company_id = r.company_id AND b.id = r.batch_id
  JOIN users h ON h.company_id = r.company_id AND h.id = r.holder_id
  JOIN users ib ON ib.company_id = r.company_id AND ib.id = r.issued_by
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE f.status = 'used') AS used,
                            count(*) FILTER (WHERE f.status = 'voided') AS voided
                       FROM fiscal_numbers f WHERE f.company_id = r.company_id AND f.range_id = r.id) s ON true`;

export async function findRange(db: Queryable, companyId: string, id: string): Promise<Range | null> {
  const r = await db.query<Range>(`${RANGE_SELECT} WHERE r.company_id = $1 AND r.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}
export async function listRanges(db: Queryable, companyId: string, q: ListRangesQuery) {
  const w = where('r.company_id', companyId);
  if (q.holderId) w.add('r.holder_id = ?', q.holderId);
  if (q.batchId) w.add('r.batch_id = ?', q.batchId);
  if (q.kind) w.add('r.kind = ?', q.kind);
  if (q.status) w.add('r.status = ?', q.status);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  return paged<Range>(db, RANGE_SELECT, w, `r.created_at ${dir}, r.from_n`, q);
}

export interface RangeRow {
  id: string;
  batchId: string;
  kind: string;
  series: string;
  holderId: string;
  fromN: string;
  toN: string;
  endN: string;
  status: string;
  width: number;
  parts: number;
}
const RANGE_ROW = `r.id, r.batch_id AS "batchId", r.kind, r.series, r.holder_id AS "holderId", r.from_n::text AS "fromN",
  r.to_n::text AS "toN", r.end_n::text AS "endN", r.status, b.width, b.parts`;

export async function lockRange(db: Queryable, companyId: string, id: string): Promise<RangeRow | null> {
  const r = await db.query<RangeRow>(
    `SELECT ${RANGE_ROW} FROM fiscal_ranges r JOIN fiscal_batches b ON b.company_id = r.company_id AND b.id = r.batch_id
      WHERE r.company_id = $1 AND r.id = $2 FOR UPDATE OF r`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** The ranges of a series (any holder, not closed unless `anyStatus`) that hold the number; locked. */
export async function rangesHolding(
  db: Queryable,
  companyId: string,
  v: { kind: string; series?: string; n: bigint; width: number; holderId?: string; anyStatus?: boolean },
): Promise<RangeRow[]> {
  const params: unknown[] = [companyId, v.kind, v.n.toString(), v.width];
  let extra = '';
  if (v.series) {
    params.push(v.series);
    extra += ` AND r.series = $${params.length}`;
  }
  if (v.holderId) {
    params.push(v.holderId);
    extra += ` AND r.holder_id = $${params.length}`;
  }
  if (!v.anyStatus) extra += ` AND r.status <> 'closed'`;
  const r = await db.query<RangeRow>(
    `SELECT ${RANGE_ROW} FROM fiscal_ranges r JOIN fiscal_batches b ON b.company_id = r.company_id AND b.id = r.batch_id
      WHERE r.company_id = $1 AND r.kind = $2 AND r.from_n <= $3 AND r.end_n >= $3 AND b.width = $4 ${extra}
      ORDER BY r.created_at FOR UPDATE OF r`,
    params,
  );
  return r.rows;
}

export async function overlappingRange(
  db: Queryable,
  companyId: string,
  kind: string,
  series: string,
  from: bigint,
  to: bigint,
) {
  const r = await db.query<{ fromNo: string; toNo: string; holder: string }>(
    `SELECT ${no('r.from_n')} AS "fromNo", ${no('r.end_n')} AS "toNo", h.full_name AS holder
       FROM fiscal_ranges r
       JOIN fiscal_batches b ON b.company_id = r.company_id AND b.id = r.batch_id
       JOIN users h ON h.company_id = r.company_id AND h.id = r.holder_id
      WHERE r.company_id = $1 AND r.kind = $2 AND r.series = $3 AND r.end_n >= r.from_n
        AND r.from_n <= $5 AND r.end_n >= $4
      ORDER BY r.from_n LIMIT 1`,
    [companyId, kind, series, from.toString(), to.toString()],
  );
  return r.rows[0] ?? null;
}

export async function insertRange(
  db: Queryable,
  companyId: string,
  v: {
    batchId: string;
    kind: string;
    series: string;
    holderId: string;
    from: bigint;
    to: bigint;
    issuedOn: string;
    by: string;
    handoverId?: string | null;
  },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO fiscal_ranges (company_id, batch_id, kind, series, holder_id, from_n, to_n, end_n, issued_on, issued_by,
                                handover_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10) RETURNING id`,
    [
      companyId,
      v.batchId,
      v.kind,
      v.series,
      v.holderId,
      v.from.toString(),
      v.to.toString(),
      v.issuedOn,
      v.by,
      v.handoverId ?? null,
    ],
  );
  return r.rows[0]!.id;
}

export async function markChecked(db: Queryable, companyId: string, id: string, count: number, note: string | null) {
  await db.query(
    `UPDATE fiscal_ranges SET status = 'open', checked_at = now(), checked_count = $3, check_note = $4
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, count, note],
  );
}

/** The highest number of the range used or voided (null: none). */
export async function lastTaken(db: Queryable, companyId: string, rangeId: string) {
  const r = await db.query<{ n: string | null }>(
    `SELECT max(n)::text AS n FROM fiscal_numbers WHERE company_id = $1 AND range_id = $2`,
    [companyId, rangeId],
  );
  return r.rows[0]!.n;
}

export async function closeRange(db: Queryable, companyId: string, id: string, endN: bigint) {
  await db.query(
    `UPDATE fiscal_ranges SET end_n = $3, status = 'closed', closed_at = now(),
            checked_at = coalesce(checked_at, now())
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, endN.toString()],
  );
}

// ---------------------------------------------------------------- numbers

const NUMBER_SELECT = `
SELECT f.id, f.range_id AS "rangeId", f.kind, f.series, f.number, f.status, f.cause, f.reason, f.parts, f.reference,
       ${personOrNull('u')} AS by, ${ts('f.at')} AS at
  FROM fiscal_numbers f
  LEFT JOIN users u ON u.company_id = f.company_id AND u.id = f.by_user`;

export async function findNumber(
  db: Queryable,
  companyId: string,
  kind: string,
  series: string,
  n: bigint,
): Promise<FiscalNumber | null> {
  const r = await db.query<FiscalNumber>(
    `${NUMBER_SELECT} WHERE f.company_id = $1 AND f.kind = $2 AND f.series = $3 AND f.n = $4`,
    [companyId, kind, series, n.toString()],
  );
  return r.rows[0] ?? null;
}

/** Inserts a used or voided number; null when the number is already taken (the unique key). */
export async function insertNumber(
  db: Queryable,
  companyId: string,
  v: {
    rangeId: string;
    kind: string;
    series: string;
    n: bigint;
    number: string;
    status: 'used' | 'voided';
    cause?: string | null;
    reason?: string | null;
    parts?: number | null;
    reference?: string | null;
    lossId?: string | null;
    by: string | null;
  },
): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO fiscal_numbers (company_id, range_id, kind, series, n, number, status, cause, reason, parts, reference,
                                 loss_id, by_user)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (company_id, kind, series, n) DO NOTHING RETURNING id`,
    [
      companyId,
      v.rangeId,
      v.kind,
      v.series,
      v.n.toString(),
      v.number,
      v.status,
      v.cause ?? null,
      v.reason ?? null,
      v.parts ?? null,
      v.reference ?? null,
      v.lossId ?? null,
      v.by,
    ],
  );
  return r.rows[0]?.id ?? null;
}

export async function voidUsed(
  db: Queryable,
  companyId: string,
  id: string,
  v: { cause: string; reason: string; parts: number; by: string | null },
) {
  await db.query(
    `UPDATE fiscal_numbers SET status = 'voided', cause = $3, reason = $4, parts = $5, by_user = $6, at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, v.cause, v.reason, v.parts, v.by],
  );
}

/** Voids every number of [from, to] of the range not yet taken; answers how many. */
export async function voidSpan(
  db: Queryable,
  companyId: string,
  range: RangeRow,
  v: { from: bigint; to: bigint; cause: string; reason: string; lossId: string | null; by: string | null },
) {
  const r = await db.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO fiscal_numbers (company_id, range_id, kind, series, n, number, status, cause, reason, parts, loss_id,
                                   by_user)
       SELECT $1, $2, $3, $4, g, lpad(g::text, $5, '0'), 'voided', $8, $9, $10, $11, $12
         FROM generate_series($6::bigint, $7::bigint) g
       ON CONFLICT (company_id, kind, series, n) DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [
      companyId,
      range.id,
      range.kind,
      range.series,
      range.width,
      v.from.toString(),
      v.to.toString(),
      v.cause,
      v.reason,
      range.parts,
      v.lossId,
      v.by,
    ],
  );
  return r.rows[0]!.n;
}

export async function listNumbers(
  db: Queryable,
  companyId: string,
  q: {
    page: number;
    pageSize: number;
    order: string;
    rangeId?: string;
    status?: string;
    kind?: string;
    series?: string;
  },
) {
  const w = where('f.company_id', companyId);
  if (q.rangeId) w.add('f.range_id = ?', q.rangeId);
  if (q.status) w.add('f.status = ?', q.status);
  if (q.kind) w.add('f.kind = ?', q.kind);
  if (q.series) w.add('f.series = ?', q.series);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  return paged<FiscalNumber>(db, NUMBER_SELECT, w, `f.at ${dir}, f.n`, q);
}

// ---------------------------------------------------------------- losses

const LOSS_SELECT = `
SELECT l.id, l.range_id AS "rangeId", l.kind, l.series, ${person('h')} AS holder, ${no('l.from_n')} AS "fromNo",
       ${no('l.to_n')} AS "toNo", (l.to_n - l.from_n + 1)::int AS count, l.lost_on::text AS "lostOn",
       l.reported_on::text AS "reportedOn", l.late, l.description, ${person('u')} AS "reportedBy",
       ${personOrNull('a')} AS "acknowledgedBy", ${ts('l.acknowledged_at')} AS "acknowledgedAt",
       ${ts('l.created_at')} AS "createdAt"
  FROM fiscal_losses l
  JOIN fiscal_ranges r ON r.company_id = l.company_id AND r.id = l.range_id
  JOIN fiscal_batches b ON b.company_id = r.company_id AND b.id = r.batch_id
  JOIN users h ON h.company_id = r.company_id AND h.id = r.holder_id
  JOIN users u ON u.company_id = l.company_id AND u.id = l.reported_by
  LEFT JOIN users a ON a.company_id = l.company_id AND a.id = l.acknowledged_by`;

export async function insertLoss(
  db: Queryable,
  companyId: string,
  v: {
    range: RangeRow;
    from: bigint;
    to: bigint;
    lostOn: string;
    reportedOn: string;
    late: boolean;
    description: string;
    by: string;
  },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO fiscal_losses (company_id, range_id, kind, series, from_n, to_n, lost_on, reported_on, late, description,
                                reported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      companyId,
      v.range.id,
      v.range.kind,
      v.range.series,
      v.from.toString(),
      v.to.toString(),
      v.lostOn,
      v.reportedOn,
      v.late,
      v.description,
      v.by,
    ],
  );
  return r.rows[0]!.id;
}
export async function findLoss(db: Queryable, companyId: string, id: string) {
  const r = await db.query<Loss>(`${LOSS_SELECT} WHERE l.company_id = $1 AND l.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}
export async function listLosses(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: string; open?: boolean; holderId?: string },
) {
  const w = where('l.company_id', companyId);
  if (q.open !== undefined) w.where.push(q.open ? 'l.acknowledged_at IS NULL' : 'l.acknowledged_at IS NOT NULL');
  if (q.holderId) w.add('r.holder_id = ?', q.holderId);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  return paged<Loss>(db, LOSS_SELECT, w, `l.created_at ${dir}, l.id`, q);
}
export async function acknowledgeLoss(db: Queryable, companyId: string, id: string, by: string) {
  const r = await db.query(
    `UPDATE fiscal_losses SET acknowledged_by = $3, acknowledged_at = now()
      WHERE company_id = $1 AND id = $2 AND acknowledged_at IS NULL RETURNING id`,
    [companyId, id, by],
  );
  return r.rows.length > 0;
}
export async function lossExists(db: Queryable, companyId: string, id: string) {
  const r = await db.query('SELECT 1 FROM fiscal_losses WHERE company_id = $1 AND id = $2', [companyId, id]);
  return r.rows.length > 0;
}

// ---------------------------------------------------------------- hand-overs

const HANDOVER_SELECT = `
SELECT o.id, o.range_id AS "rangeId", r.kind, r.series, ${person('f')} AS "fromHolder",
       ${personOrNull('t')} AS "toHolder", o.to_range_id AS "toRangeId",
       CASE WHEN o.from_n IS NULL THEN NULL ELSE ${no('o.from_n')} END AS "fromNo",
       CASE WHEN o.to_n IS NULL THEN NULL ELSE ${no('o.to_n')} END AS "toNo",
       o.count, o.reason, o.note, o.from_signature AS "fromSignature", o.to_signature AS "toSignature",
       ${person('u')} AS "recordedBy", ${ts('o.created_at')} AS "createdAt"
  FROM fiscal_handovers o
  JOIN fiscal_ranges r ON r.company_id = o.company_id AND r.id = o.range_id
  JOIN fiscal_batches b ON b.company_id = r.company_id AND b.id = r.batch_id
  JOIN users f ON f.company_id = o.company_id AND f.id = o.from_holder_id
  LEFT JOIN users t ON t.company_id = o.company_id AND t.id = o.to_holder_id
  JOIN users u ON u.company_id = o.company_id AND u.id = o.recorded_by`;

export async function insertHandover(
  db: Queryable,
  companyId: string,
  v: {
    rangeId: string;
    fromHolderId: string;
    toHolderId: string | null;
    from: bigint | null;
    to: bigint | null;
    count: number;
    reason: string;
    note: string | null;
    fromSignature: string;
    toSignature: string;
    by: string;
  },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO fiscal_handovers (company_id, range_id, from_holder_id, to_holder_id, from_n, to_n, count, reason, note,
                                   from_signature, to_signature, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      companyId,
      v.rangeId,
      v.fromHolderId,
      v.toHolderId,
      v.from?.toString() ?? null,
      v.to?.toString() ?? null,
      v.count,
      v.reason,
      v.note,
      v.fromSignature,
      v.toSignature,
      v.by,
    ],
  );
  return r.rows[0]!.id;
}
export async function setHandoverRange(db: Queryable, companyId: string, id: string, toRangeId: string) {
  await db.query('UPDATE fiscal_handovers SET to_range_id = $3 WHERE company_id = $1 AND id = $2', [
    companyId,
    id,
    toRangeId,
  ]);
}
export async function findHandover(db: Queryable, companyId: string, id: string) {
  const r = await db.query<Handover>(`${HANDOVER_SELECT} WHERE o.company_id = $1 AND o.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}
export async function listHandovers(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: string; holderId?: string },
) {
  const w = where('o.company_id', companyId);
  if (q.holderId) w.add('(o.from_holder_id = ? OR o.to_holder_id = ?)', q.holderId);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  return paged<Handover>(db, HANDOVER_SELECT, w, `o.created_at ${dir}, o.id`, q);
}

// ---------------------------------------------------------------- count reports

/**
 * PAY-5: the count of a month per holder and series. issued, handed over, used, voided and missing are what
 * happened in [start, cutoff); remaining is what the holder held unused at the cutoff.
 */
export async function countRows(db: Queryable, companyId: string, start: Date, cutoff: Date): Promise<CountRow[]> {
  const r = await db.query<CountRow>(
    `WITH nums AS (
       SELECT f.range_id,
              count(*) FILTER (WHERE f.status = 'used' AND f.at >= $2) AS used,
              count(*) FILTER (WHERE f.status = 'voided' AND f.cause NOT IN ('missing', 'lost') AND f.at >= $2) AS voided,
              count(*) FILTER (WHERE f.status = 'voided' AND f.cause IN ('missing', 'lost') AND f.at >= $2) AS missing,
              count(*) AS taken
         FROM fiscal_numbers f WHERE f.company_id = $1 AND f.at < $3 GROUP BY f.range_id),
     ho AS (
       SELECT range_id, sum(count) AS n FROM fiscal_handovers
        WHERE company_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY range_id)
     SELECT r.holder_id AS "holderId", u.full_name AS "holderName", r.kind, r.series,
            sum(CASE WHEN r.created_at >= $2 THEN r.to_n - r.from_n + 1 ELSE 0 END)::int AS issued,
            sum(coalesce(ho.n, 0))::int AS "handedOver",
            sum(coalesce(n.used, 0))::int AS used,
            sum(coalesce(n.voided, 0))::int AS voided,
            sum(coalesce(n.missing, 0))::int AS missing,
            sum(CASE WHEN r.status <> 'closed' OR r.closed_at >= $3
                     THEN r.end_n - r.from_n + 1 - coalesce(n.taken, 0) ELSE 0 END)::int AS remaining
       FROM fiscal_ranges r
       JOIN users u ON u.company_id = r.company_id AND u.id = r.holder_id
       LEFT JOIN nums n ON n.range_id = r.id
       LEFT JOIN ho ON ho.range_id = r.id
      WHERE r.company_id = $1 AND r.created_at < $3
      GROUP BY r.holder_id, u.full_name, r.kind, r.series
     HAVING sum(CASE WHEN r.status <> 'closed' OR r.closed_at >= $2 OR r.created_at >= $2 THEN 1 ELSE 0 END) > 0
      ORDER BY u.full_name, r.holder_id, r.kind, r.series`,
    [companyId, start, cutoff],
  );
  return r.rows;
}

const REPORT_SELECT = `
SELECT c.id, c.month, c.built_on::text AS "builtOn", ${personOrNull('u')} AS "builtBy", c.rows,
       ${ts('c.created_at')} AS "createdAt"
  FROM fiscal_count_reports c
  LEFT JOIN users u ON u.company_id = c.company_id AND u.id = c.built_by`;

/** One per company and month: null when the month's report exists. */
export async function insertReport(
  db: Queryable,
  companyId: string,
  v: { month: string; builtOn: string; by: string | null; rows: CountRow[] },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO fiscal_count_reports (company_id, month, built_on, built_by, rows) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (company_id, month) DO NOTHING RETURNING id`,
    [companyId, v.month, v.builtOn, v.by, JSON.stringify(v.rows)],
  );
  return r.rows[0]?.id ?? null;
}
export async function findReport(db: Queryable, companyId: string, id: string): Promise<CountReport | null> {
  const r = await db.query<CountReport>(`${REPORT_SELECT} WHERE c.company_id = $1 AND c.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}
export async function listReports(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: string },
) {
  const w = where('c.company_id', companyId);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  return paged<CountReport>(db, REPORT_SELECT, w, `c.month ${dir}`, q);
}

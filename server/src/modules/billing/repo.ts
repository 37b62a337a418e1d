import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { Bill, BillingRun, Tariff } from './schemas.js';

// ---------------------------------------------------------------- tariffs (BIL-1)

const tariffColumns = `
  t.id, t.usage_nature AS "usageNature", un.name AS "usageNatureName", t.name, t.effective_from::text AS "effectiveFrom",
  t.effective_to::text AS "effectiveTo", t.tiered, t.status, t.approval_id AS "approvalId", t.created_at AS "createdAt",
  (SELECT coalesce(json_agg(json_build_object('tier', tt.tier, 'from', tt.lower_volume::text,
                                              'upTo', tt.upper_volume::text, 'price', tt.price::text) ORDER BY tt.tier), '[]')
     FROM tariff_tiers tt WHERE tt.company_id = t.company_id AND tt.tariff_id = t.id) AS tiers`;
const tariffFrom = `FROM tariffs t JOIN usage_natures un ON un.company_id = t.company_id AND un.code = t.usage_nature`;

export async function findTariff(db: Queryable, companyId: string, id: string): Promise<Tariff | null> {
  const r = await db.query<Tariff>(`SELECT ${tariffColumns} ${tariffFrom} WHERE t.company_id = $1 AND t.id = $2`, [
    companyId,
    id,
  ]);
  return r.rows[0] ?? null;
}

type TariffSort = 'usageNature' | 'effectiveFrom' | 'status';
/** ORDER BY of each sort key (a fixed list: never the client's text), ending in the id for a stable paging. */
const TARIFF_SORT: Record<TariffSort, (dir: 'ASC' | 'DESC') => string> = {
  usageNature: (d) => `un.sort_order ${d}, t.usage_nature ${d}, t.effective_from ${d}, t.id ${d}`,
  effectiveFrom: (d) => `t.effective_from ${d}, un.sort_order, t.usage_nature, t.id ${d}`,
  status: (d) => `t.status ${d}, un.sort_order, t.usage_nature, t.effective_from DESC, t.id ${d}`,
};

export async function listTariffs(
  db: Queryable,
  companyId: string,
  q: {
    page: number;
    pageSize: number;
    order: 'asc' | 'desc';
    sort?: TariffSort;
    usageNature?: string;
    on?: string;
    status?: string;
  },
): Promise<{ items: Tariff[]; total: number }> {
  const where = `WHERE t.company_id = $1 AND ($2::text IS NULL OR t.usage_nature = $2)
                   AND ($3::date IS NULL OR (t.effective_from <= $3 AND (t.effective_to IS NULL OR t.effective_to >= $3)))
                   AND ($4::text IS NULL OR t.status = $4)`;
  const params = [companyId, q.usageNature ?? null, q.on ?? null, q.status ?? null];
  const [items, total] = await Promise.all([
    db.query<Tariff>(
      `SELECT ${tariffColumns} ${tariffFrom} ${where}
        ORDER BY ${TARIFF_SORT[q.sort ?? 'usageNature'](q.order === 'desc' ? 'DESC' : 'ASC')} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n ${tariffFrom} ${where}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

/** Locks the nature row, so two tariffs of one nature are checked for overlap one after the other. */
export async function lockNature(db: Queryable, companyId: string, code: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM usage_natures WHERE company_id = $1 AND code = $2 FOR UPDATE', [
    companyId,
    code,
  ]);
  return r.rows.length > 0;
}

export async function overlappingTariff(
  db: Queryable,
  companyId: string,
  nature: string,
  from: string,
  to: string | null,
  /** Tariffs left out of the check: the tariff itself (on approval) and the one it supersedes. */
  except: string[] = [],
): Promise<{ name: string; from: string; to: string | null } | null> {
  // Active and pending tariffs count (a pending one may yet be approved); rejected ones do not.
  const r = await db.query<{ name: string; from: string; to: string | null }>(
    `SELECT name, effective_from::text AS "from", effective_to::text AS "to" FROM tariffs
      WHERE company_id = $1 AND usage_nature = $2 AND status <> 'rejected' AND NOT (id = ANY($5::uuid[]))
        AND effective_from <= coalesce($4::date, 'infinity'::date) AND coalesce(effective_to, 'infinity'::date) >= $3::date
      ORDER BY effective_from LIMIT 1`,
    [companyId, nature, from, to, except],
  );
  return r.rows[0] ?? null;
}

export async function insertTariff(
  db: Queryable,
  companyId: string,
  t: {
    usageNature: string;
    name: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    tiered: boolean;
    tiers: { tier: number; from: string; upTo: string | null; price: string }[];
    createdBy: string | null;
    status?: 'pending' | 'active';
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO tariffs (company_id, usage_nature, name, effective_from, effective_to, tiered, created_by, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [companyId, t.usageNature, t.name, t.effectiveFrom, t.effectiveTo, t.tiered, t.createdBy, t.status ?? 'active'],
  );
  const id = r.rows[0]!.id;
  await db.query(
    `INSERT INTO tariff_tiers (company_id, tariff_id, tier, lower_volume, upper_volume, price)
     SELECT $1, $2, x.tier, x.lower, x.upper, x.price
       FROM unnest($3::int[], $4::numeric[], $5::numeric[], $6::numeric[]) AS x(tier, lower, upper, price)`,
    [
      companyId,
      id,
      t.tiers.map((x) => x.tier),
      t.tiers.map((x) => x.from),
      t.tiers.map((x) => x.upTo),
      t.tiers.map((x) => x.price),
    ],
  );
  return id;
}

export async function accountExists(db: Queryable, companyId: string, accountId: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM accounts WHERE company_id = $1 AND id = $2', [companyId, accountId]);
  return r.rows.length > 0;
}

export async function upsertHousehold(
  db: Queryable,
  companyId: string,
  accountId: string,
  persons: number,
): Promise<number | null> {
  const before = await db.query<{ persons: number }>(
    'SELECT persons FROM billing_households WHERE company_id = $1 AND account_id = $2 FOR UPDATE',
    [companyId, accountId],
  );
  await db.query(
    `INSERT INTO billing_households (company_id, account_id, persons) VALUES ($1, $2, $3)
     ON CONFLICT (company_id, account_id) DO UPDATE SET persons = EXCLUDED.persons, updated_at = now()`,
    [companyId, accountId, persons],
  );
  return before.rows[0]?.persons ?? null;
}

/** BIL-1: the tariff's status and approval (a pending tariff is filed for approval; the decision settles it). */
export async function setTariffStatus(
  db: Queryable,
  companyId: string,
  id: string,
  set: { status?: 'pending' | 'active' | 'rejected'; approvalId?: string },
): Promise<void> {
  await db.query(
    `UPDATE tariffs SET status = coalesce($3, status), approval_id = coalesce($4::uuid, approval_id)
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, set.status ?? null, set.approvalId ?? null],
  );
}

/** BIL-1: ends a tariff on a day (an approved change). */
export async function setTariffEnd(db: Queryable, companyId: string, id: string, effectiveTo: string): Promise<void> {
  await db.query('UPDATE tariffs SET effective_to = $3 WHERE company_id = $1 AND id = $2', [
    companyId,
    id,
    effectiveTo,
  ]);
}

// ---------------------------------------------------------------- runs (BIL-2)

const runColumns = `
  id, period, status, chunk_size AS "chunkSize", accounts_total AS "accountsTotal", accounts_done AS "accountsDone",
  chunks_done AS "chunksDone", bills_created AS "billsCreated", accounts_without_tariff AS "accountsWithoutTariff",
  amount_total::text AS "amountTotal", error, created_at AS "createdAt", started_at AS "startedAt",
  finished_at AS "finishedAt"`;

export interface RunRow extends BillingRun {
  cursor: string | null;
}

export async function findRun(db: Queryable, companyId: string, id: string, lock = false): Promise<RunRow | null> {
  const r = await db.query<RunRow>(
    `SELECT ${runColumns}, cursor_account_id AS cursor FROM billing_runs WHERE company_id = $1 AND id = $2
     ${lock ? 'FOR UPDATE' : ''}`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** A new run of the period; null when one of the same period is queued or running (the unique key says so). */
export async function insertRun(
  db: Queryable,
  companyId: string,
  r: { period: string; chunkSize: number; startedBy: string | null },
): Promise<string | null> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO billing_runs (company_id, period, chunk_size, started_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (company_id, period) WHERE status IN ('queued', 'running') DO NOTHING RETURNING id`,
    [companyId, r.period, r.chunkSize, r.startedBy],
  );
  return res.rows[0]?.id ?? null;
}

export async function listRuns(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; order: 'asc' | 'desc'; period?: string },
): Promise<{ items: BillingRun[]; total: number }> {
  const where = 'WHERE company_id = $1 AND ($2::text IS NULL OR period = $2)';
  const params = [companyId, q.period ?? null];
  const [items, total] = await Promise.all([
    db.query<BillingRun>(
      `SELECT ${runColumns} FROM billing_runs ${where}
        ORDER BY created_at ${q.order === 'asc' ? 'ASC' : 'DESC'}, id ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM billing_runs ${where}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function startRun(db: Queryable, companyId: string, id: string, period: string): Promise<void> {
  await db.query(
    `UPDATE billing_runs SET status = 'running', started_at = coalesce(started_at, now()), error = NULL,
            accounts_total = coalesce(accounts_total, (
              SELECT count(DISTINCT account_id)::int FROM meter_readings
               WHERE company_id = $1 AND period = $3 AND status = 'accepted'))
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, period],
  );
}

export async function finishRun(db: Queryable, companyId: string, id: string): Promise<void> {
  await db.query(`UPDATE billing_runs SET status = 'done', finished_at = now() WHERE company_id = $1 AND id = $2`, [
    companyId,
    id,
  ]);
}

export async function recordRunError(db: Queryable, companyId: string, id: string, error: string): Promise<void> {
  await db.query('UPDATE billing_runs SET error = $3 WHERE company_id = $1 AND id = $2', [companyId, id, error]);
}

/**
 * The last account of the next chunk: the `size`-th account with accepted readings after `cursor` (keyset on
 * the account id through meter_readings_period), or the last one there is; null when none is left.
 */
export async function chunkEnd(
  db: Queryable,
  companyId: string,
  period: string,
  cursor: string | null,
  size: number,
): Promise<string | null> {
  const r = await db.query<{ hi: string | null }>(
    `SELECT coalesce(
       (SELECT account_id FROM meter_readings
         WHERE company_id = $1 AND period = $2 AND status = 'accepted' AND ($3::uuid IS NULL OR account_id > $3)
         ORDER BY account_id OFFSET $4 LIMIT 1),
       (SELECT account_id FROM meter_readings
         WHERE company_id = $1 AND period = $2 AND status = 'accepted' AND ($3::uuid IS NULL OR account_id > $3)
         ORDER BY account_id DESC LIMIT 1)) AS hi`,
    [companyId, period, cursor, size - 1],
  );
  return r.rows[0]?.hi ?? null;
}

/**
 * The first 20 hex digits of time-ordered ids (the layout of UUIDv7: this millisecond, version 7, random bits),
 * the last 12 a row number: a run's bills and ledger entries append to their primary keys instead of writing all
 * over them, as random ids would.
 */
function timeOrderedPrefix(): string {
  const r = randomBytes(3).toString('hex');
  return `${Date.now().toString(16).padStart(12, '0')}7${r.slice(0, 3)}8${r.slice(3)}`;
}

export interface ChunkParams {
  companyId: string;
  runId: string;
  period: string;
  /** Accounts after `lo` (exclusive; null: from the first) up to `hi` (inclusive). */
  lo: string | null;
  hi: string;
  residentialDueDays: number;
  commercialDueDays: number;
  largeHouseholdPersons: number;
  largeHouseholdExtraVolume: number;
  postedBy: string | null;
}

export interface ChunkResult {
  accounts: number;
  unbilled: number;
  billable: number;
  bills: number;
  amount: string;
  posted: number;
}

/**
 * BIL-2 in one set-based statement for the accounts of one chunk: their accepted readings of the period
 * (every meter: MTR-5 bills the old and the new one), the tariffs of their nature over the days the readings
 * cover (a price change inside them splits the volume by days; a reading covering more than the period and the two
 * before it — the first of a new meter, missed reads — is prorated over those three months), the tiers from the
 * account's billed volume earlier in the calendar year (widened for a large household), one bill each with its
 * lines, and the bill's ledger debit. Accounts billed already are skipped (and the unique keys make a repeat a no-op anyway).
 *
 * Money: NUMERIC throughout; every line is volume × price rounded to 0.01 half-up (PostgreSQL's round() of a
 * numeric rounds half away from zero, which is half-up for these non-negative amounts); the bill is the sum of
 * its lines. Volumes split by days are rounded to 0.001 cumulatively, so the parts add up to the whole.
 */
export async function billChunk(db: Queryable, p: ChunkParams): Promise<ChunkResult> {
  const periodStart = `${p.period}-01`;
  const yearStart = `${p.period.slice(0, 4)}-01`;
  // Row estimates through these CTEs are poor (a few rows where there are thousands), and a nested loop over
  // them is quadratic; every join is bounded by the chunk's account range, so hash joins are always right.
  await db.query('SET LOCAL enable_nestloop = off');
  const r = await db.query<ChunkResult>(
    `WITH acc AS (
       SELECT r.account_id, sum(r.volume) AS volume, count(*)::int AS meters,
              least(greatest(min(coalesce(r.previous_read_on + 1, $5::date)), $5::date - interval '2 months')::date, max(r.read_on)) AS d0, max(r.read_on) AS d1,
              -- BIL-6: an estimated bill (every reading an estimate), or the last actual reading a true-up runs from.
              bool_and(r.kind = 'estimated' AND 'estimate' = ANY(r.flags)) AS estimated,
              min(r.previous_read_on) FILTER (WHERE r.kind <> 'estimated') AS since
         FROM meter_readings r
        WHERE r.company_id = $1 AND r.period = $2 AND r.status = 'accepted'
          AND ($3::uuid IS NULL OR r.account_id > $3::uuid) AND r.account_id <= $4::uuid
        GROUP BY r.account_id),
     a AS MATERIALIZED (
       SELECT acc.*, (acc.d1 - acc.d0 + 1) AS days, ac.usage_nature, un.customer_kind,
              coalesce(h.persons >= $9::int, false) AS big,
              coalesce((SELECT sum(b.volume) FROM bills b
                         WHERE b.company_id = $1 AND b.account_id = acc.account_id
                           AND b.period >= $6 AND b.period < $2), 0) AS prior
         FROM acc
         JOIN accounts ac ON ac.company_id = $1 AND ac.id = acc.account_id
                          AND ($3::uuid IS NULL OR ac.id > $3::uuid) AND ac.id <= $4::uuid
         JOIN usage_natures un ON un.company_id = $1 AND un.code = ac.usage_nature
         LEFT JOIN billing_households h ON h.company_id = $1 AND h.account_id = acc.account_id
                                        AND ($3::uuid IS NULL OR h.account_id > $3::uuid) AND h.account_id <= $4::uuid
        WHERE NOT EXISTS (SELECT 1 FROM bills b WHERE b.company_id = $1 AND b.account_id = acc.account_id AND b.period = $2
                             AND ($3::uuid IS NULL OR b.account_id > $3::uuid) AND b.account_id <= $4::uuid)),
     -- BIL-6 true-up: the estimates since the actual reading's previous one (few rows: a partial index).
     tru0 AS (
       SELECT e.account_id, sum(e.volume) AS volume, coalesce(sum(e.volume) FILTER (WHERE e.period >= $6), 0) AS year_volume,
              array_agg(DISTINCT e.period) AS periods
         FROM meter_readings e JOIN a ON a.account_id = e.account_id
        WHERE e.company_id = $1 AND e.kind = 'estimated' AND e.status = 'accepted' AND 'estimate' = ANY(e.flags)
          AND e.period < $2 AND ($3::uuid IS NULL OR e.account_id > $3::uuid) AND e.account_id <= $4::uuid
          AND NOT a.estimated AND e.read_on > a.since
        GROUP BY e.account_id),
     tru AS MATERIALIZED (
       SELECT t.*, (SELECT coalesce(sum(x.amount), 0) FROM bills x
                     WHERE x.company_id = $1 AND x.account_id = t.account_id AND x.kind = 'estimated'
                       AND x.period = ANY(t.periods)) AS amount
         FROM tru0 t),
     seg AS MATERIALIZED (
       SELECT s.*, sum(s.d) OVER (PARTITION BY s.account_id ORDER BY s.f) AS cumd
         FROM (SELECT a.account_id, t.id AS tariff_id, greatest(t.effective_from, a.d0) AS f,
                      least(coalesce(t.effective_to, a.d1), a.d1) AS e,
                      least(coalesce(t.effective_to, a.d1), a.d1) - greatest(t.effective_from, a.d0) + 1 AS d
                 FROM a JOIN tariffs t ON t.company_id = $1 AND t.usage_nature = a.usage_nature AND t.status = 'active'
                                      AND t.effective_from <= a.d1 AND (t.effective_to IS NULL OR t.effective_to >= a.d0)) s),
     billable AS MATERIALIZED (
       SELECT a.*, coalesce(tr.volume, 0) AS est_volume, coalesce(tr.amount, 0) AS est_amount, tr.periods AS est_periods,
              -- The tiers start after the year's volume without the estimates the true-up credits.
              greatest(a.prior - coalesce(tr.year_volume, 0), 0) AS base
         FROM a JOIN (SELECT account_id, sum(d) AS covered FROM seg GROUP BY account_id) c
                           ON c.account_id = a.account_id
         LEFT JOIN tru tr ON tr.account_id = a.account_id
        WHERE c.covered = a.days),
     lines AS (
       SELECT s.account_id, s.tariff_id, s.f, s.e, tt.tier, tt.price, x.v, round(x.v * tt.price, 2) AS amount
         FROM seg s
         JOIN billable b ON b.account_id = s.account_id
         CROSS JOIN LATERAL (SELECT b.base + round(b.volume * (s.cumd - s.d) / b.days, 3) AS p0,
                                    b.base + round(b.volume * s.cumd / b.days, 3) AS p1) p
         JOIN tariff_tiers tt ON tt.company_id = $1 AND tt.tariff_id = s.tariff_id
         CROSS JOIN LATERAL (
           SELECT greatest(0, least(coalesce(tt.upper_volume + CASE WHEN b.big THEN tt.tier * $10::int ELSE 0 END, p.p1), p.p1)
                              - greatest(tt.lower_volume + CASE WHEN b.big THEN (tt.tier - 1) * $10::int ELSE 0 END, p.p0)) AS v) x
        WHERE x.v > 0),
     agg AS (
       SELECT account_id, sum(amount) AS amount,
              jsonb_agg(jsonb_build_object('tariffId', tariff_id, 'tier', tier, 'from', f, 'to', e, 'volume', v::text,
                                           'price', price::text, 'amount', amount::text) ORDER BY f, tier) AS lines
         FROM lines GROUP BY account_id),
     ins AS (
       INSERT INTO bills (company_id, id, account_id, period, run_id, kind, usage_nature, customer_kind, from_date, read_on,
                          meters, volume, year_volume_before, amount, due_on, lines)
       SELECT $1, ($13 || lpad(to_hex(row_number() OVER (ORDER BY b.account_id)), 12, '0'))::uuid, b.account_id, $2, $11,
              CASE WHEN b.estimated THEN 'estimated' ELSE 'actual' END,
              b.usage_nature, b.customer_kind, b.d0, b.d1, b.meters, b.volume - b.est_volume, b.base,
              coalesce(g.amount, 0) - b.est_amount,
              -- A credit (a true-up below the estimates) falls due never.
              CASE WHEN coalesce(g.amount, 0) - b.est_amount > 0
                   THEN b.d1 + CASE WHEN b.customer_kind = 'residential' THEN $7::int ELSE $8::int END END,
              coalesce(g.lines, '[]'::jsonb)
                || CASE WHEN b.est_volume <> 0 OR b.est_amount <> 0
                        THEN jsonb_build_array(jsonb_build_object('kind', 'estimateCredit', 'periods', to_jsonb(b.est_periods),
                                                                  'volume', (-b.est_volume)::text, 'amount', (-b.est_amount)::text))
                        ELSE '[]'::jsonb END
         FROM billable b LEFT JOIN agg g ON g.account_id = b.account_id
       ON CONFLICT (company_id, account_id, period) DO NOTHING
       RETURNING account_id, amount, due_on),
     led AS (
       INSERT INTO ledger_entries (company_id, id, account_id, kind, period, amount, due_on, posted_by)
       SELECT $1, ($14 || lpad(to_hex(row_number() OVER (ORDER BY account_id)), 12, '0'))::uuid, account_id, 'bill', $2,
              amount, due_on, $12
         FROM ins WHERE amount <> 0
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM acc) AS accounts,
            (SELECT count(*)::int FROM a) AS unbilled,
            (SELECT count(*)::int FROM billable) AS billable,
            (SELECT count(*)::int FROM ins) AS bills,
            (SELECT coalesce(sum(amount), 0)::text FROM ins) AS amount,
            (SELECT count(*)::int FROM led) AS posted`,
    [
      p.companyId,
      p.period,
      p.lo,
      p.hi,
      periodStart,
      yearStart,
      p.residentialDueDays,
      p.commercialDueDays,
      p.largeHouseholdPersons,
      p.largeHouseholdExtraVolume,
      p.runId,
      p.postedBy,
      timeOrderedPrefix(),
      timeOrderedPrefix(),
    ],
  );
  return r.rows[0]!;
}

export async function advanceRun(
  db: Queryable,
  companyId: string,
  id: string,
  cursor: string,
  c: ChunkResult,
): Promise<void> {
  await db.query(
    `UPDATE billing_runs
        SET cursor_account_id = $3, chunks_done = chunks_done + 1, accounts_done = accounts_done + $4,
            bills_created = bills_created + $5, accounts_without_tariff = accounts_without_tariff + $6,
            amount_total = amount_total + $7::numeric
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, cursor, c.accounts, c.bills, c.unbilled - c.billable, c.amount],
  );
}

// ---------------------------------------------------------------- bills

const billColumns = `
  b.id, b.account_id AS "accountId", ac.account_no AS "accountNo", b.period, b.run_id AS "runId", b.kind,
  b.usage_nature AS "usageNature", b.customer_kind AS "customerKind", b.from_date::text AS "fromDate",
  b.read_on::text AS "readOn", b.meters, b.volume::text AS volume, b.year_volume_before::text AS "yearVolumeBefore",
  b.amount::text AS amount, b.due_on::text AS "dueOn", b.lines, b.created_at AS "createdAt"`;
const billFrom = 'FROM bills b JOIN accounts ac ON ac.company_id = b.company_id AND ac.id = b.account_id';

export async function findBill(db: Queryable, companyId: string, id: string): Promise<Bill | null> {
  const r = await db.query<Bill>(`SELECT ${billColumns} ${billFrom} WHERE b.company_id = $1 AND b.id = $2`, [
    companyId,
    id,
  ]);
  return r.rows[0] ?? null;
}

type BillSort = 'period' | 'accountNo' | 'amount' | 'volume' | 'dueOn';
/** ORDER BY of each sort key (a fixed list), ending in the id; a credit without a due date sorts last. */
const BILL_SORT: Record<BillSort, (dir: 'ASC' | 'DESC') => string> = {
  period: (d) => `b.period ${d}, ac.account_no, b.id`,
  accountNo: (d) => `ac.account_no ${d}, b.period DESC, b.id`,
  amount: (d) => `b.amount ${d}, b.period DESC, ac.account_no, b.id`,
  volume: (d) => `b.volume ${d}, b.period DESC, ac.account_no, b.id`,
  dueOn: (d) => `b.due_on ${d} NULLS LAST, ac.account_no, b.id`,
};

export async function listBills(
  db: Queryable,
  companyId: string,
  q: {
    page: number;
    pageSize: number;
    order: 'asc' | 'desc';
    sort?: BillSort;
    accountId?: string;
    period?: string;
    runId?: string;
  },
): Promise<{ items: Bill[]; total: number }> {
  const where = `WHERE b.company_id = $1 AND ($2::uuid IS NULL OR b.account_id = $2) AND ($3::text IS NULL OR b.period = $3)
                   AND ($4::uuid IS NULL OR b.run_id = $4)`;
  const params = [companyId, q.accountId ?? null, q.period ?? null, q.runId ?? null];
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<Bill>(
      `SELECT ${billColumns} ${billFrom} ${where} ORDER BY ${BILL_SORT[q.sort ?? 'period'](dir)} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bills b ${where}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

// ---------------------------------------------------------------- run preview (BIL-2 / BIL-6)

export interface RunPreviewCounts {
  readyAccounts: number;
  billedAccounts: number;
  reviewReadings: number;
  reviewAccounts: number;
  estimateAccounts: number;
  brokenMeters: number;
  plans: number;
  plansNotUploaded: number;
  booksNotUploaded: string[];
}

/**
 * What a billing run of the period would find now, before it is started; each count set-based through an index
 * (no probe per account of the period, which at 1M accounts is what a preview cannot afford):
 * - billedAccounts: the bills of the period (one per account; billChunk is their only writer, always for a run of
 *   the period: a count on the bills_run index, index-only once vacuumed). readyAccounts: accounts with accepted
 *   readings of the period (the meter_readings_period index) less those billed — every billed account has an
 *   accepted reading of the period, and an accepted reading is never withdrawn once billed (estimates.ts
 *   supersedes only unbilled ones);
 * - reviewReadings / reviewAccounts: readings of the period in the review queue (flagged; the import writes
 *   accepted or flagged, never pending): not billed by the run, and their accounts are not estimated either;
 * - estimateAccounts: active accounts in a book planned for the period with an installed meter, no live reading
 *   of the period, no bill and no broken meter — those insertEstimates estimates (BIL-6; one without an actual
 *   reading before to average is counted too, though the run cannot estimate it: a probe per account to tell
 *   would cost seconds at 1M). The accounts with accepted readings leave first (an anti-join on the
 *   meter_readings_period index); the exact checks run for the rest;
 * - brokenMeters: meters with a fault open at `asOf` whose account is not billed for the period (MTR-5);
 * - plans / plansNotUploaded / booksNotUploaded: the reading plans of the period and those not uploaded yet
 *   (the codes of the first 20 books).
 */
export async function runPreviewCounts(
  db: Queryable,
  companyId: string,
  period: string,
  asOf: string,
): Promise<RunPreviewCounts> {
  const [accepted, billed, review, estimate, broken, plans] = await Promise.all([
    db.query<{ n: number }>(
      `SELECT count(DISTINCT account_id)::int AS n FROM meter_readings
        WHERE company_id = $1 AND period = $2 AND status = 'accepted'`,
      [companyId, period],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bills b
        WHERE b.company_id = $1 AND b.run_id IN (SELECT id FROM billing_runs WHERE company_id = $1 AND period = $2)`,
      [companyId, period],
    ),
    db.query<{ readings: number; accounts: number }>(
      `SELECT count(*)::int AS readings, count(DISTINCT account_id)::int AS accounts FROM meter_readings
        WHERE company_id = $1 AND status = 'flagged' AND period = $2`,
      [companyId, period],
    ),
    db.query<{ accounts: number }>(
      `WITH due AS (
         SELECT ba.account_id FROM reading_plans pl
           JOIN reading_book_accounts ba ON ba.company_id = $1 AND ba.book_id = pl.book_id
          WHERE pl.company_id = $1 AND pl.period = $2
            AND NOT EXISTS (SELECT 1 FROM meter_readings r WHERE r.company_id = $1 AND r.period = $2
                               AND r.status = 'accepted' AND r.account_id = ba.account_id)),
       x AS (
         SELECT a.id FROM due JOIN accounts a ON a.company_id = $1 AND a.id = due.account_id AND a.status = 'active'
          WHERE EXISTS (SELECT 1 FROM meters m WHERE m.company_id = $1 AND m.account_id = a.id AND m.status = 'installed')
            AND NOT EXISTS (SELECT 1 FROM meters m2 JOIN meter_readings r ON r.company_id = $1 AND r.meter_id = m2.id
                                                     AND r.period = $2 AND r.status <> 'superseded'
                             WHERE m2.company_id = $1 AND m2.account_id = a.id)
            AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.company_id = $1 AND b.account_id = a.id AND b.period = $2)
            AND NOT EXISTS (SELECT 1 FROM meter_faults f WHERE f.company_id = $1 AND f.account_id = a.id
                               AND f.from_on <= $3::date AND (f.resolved_on IS NULL OR f.resolved_on > $3::date)))
       SELECT count(*)::int AS accounts FROM x`,
      [companyId, period, asOf],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meter_faults f
        WHERE f.company_id = $1 AND f.from_on <= $3::date AND (f.resolved_on IS NULL OR f.resolved_on > $3::date)
          AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.company_id = $1 AND b.account_id = f.account_id AND b.period = $2)`,
      [companyId, period, asOf],
    ),
    db.query<{ plans: number; waiting: number; books: string[] | null }>(
      `SELECT count(*)::int AS plans, count(*) FILTER (WHERE pl.status <> 'uploaded')::int AS waiting,
              (array_agg(bk.code ORDER BY bk.code) FILTER (WHERE pl.status <> 'uploaded'))[1:20] AS books
         FROM reading_plans pl JOIN reading_books bk ON bk.company_id = $1 AND bk.id = pl.book_id
        WHERE pl.company_id = $1 AND pl.period = $2`,
      [companyId, period],
    ),
  ]);
  const billedAccounts = billed.rows[0]!.n;
  return {
    readyAccounts: Math.max(accepted.rows[0]!.n - billedAccounts, 0),
    billedAccounts,
    reviewReadings: review.rows[0]!.readings,
    reviewAccounts: review.rows[0]!.accounts,
    estimateAccounts: estimate.rows[0]!.accounts,
    brokenMeters: broken.rows[0]!.n,
    plans: plans.rows[0]!.plans,
    plansNotUploaded: plans.rows[0]!.waiting,
    booksNotUploaded: plans.rows[0]!.books ?? [],
  };
}

/**
 * The usage natures with accounts the run would bill (accepted readings, estimates, broken meters; not yet
 * billed) whose active tariffs do not cover every day of the period, and how many such accounts each has: the
 * run skips them (accountsWithoutTariff). Natures are few, so the tariff check is cheap; the accounts are only
 * counted when a nature lacks a tariff.
 */
export async function accountsWithoutTariff(
  db: Queryable,
  companyId: string,
  period: string,
  asOf: string,
): Promise<{ usageNature: string; accounts: number }[]> {
  const start = `${period}-01`;
  const uncovered = await db.query<{ code: string }>(
    `SELECT un.code FROM usage_natures un
      WHERE un.company_id = $1
        AND coalesce((SELECT sum(least(coalesce(t.effective_to, $3::date), $3::date) - greatest(t.effective_from, $2::date) + 1)
                        FROM tariffs t
                       WHERE t.company_id = $1 AND t.usage_nature = un.code AND t.status = 'active'
                         AND t.effective_from <= $3::date AND (t.effective_to IS NULL OR t.effective_to >= $2::date)), 0)
            < $3::date - $2::date + 1
      ORDER BY un.sort_order, un.code`,
    [companyId, start, asOf],
  );
  if (uncovered.rows.length === 0) return [];
  const r = await db.query<{ usageNature: string; accounts: number }>(
    `SELECT a.usage_nature AS "usageNature", count(*)::int AS accounts FROM accounts a
      WHERE a.company_id = $1 AND a.usage_nature = ANY($3::text[])
        AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.company_id = $1 AND b.account_id = a.id AND b.period = $2)
        AND (EXISTS (SELECT 1 FROM meter_readings r WHERE r.company_id = $1 AND r.account_id = a.id AND r.period = $2
                        AND r.status = 'accepted')
             OR (a.status = 'active' AND EXISTS (
                   SELECT 1 FROM reading_book_accounts ba JOIN reading_plans pl ON pl.company_id = $1
                                                          AND pl.book_id = ba.book_id AND pl.period = $2
                    WHERE ba.company_id = $1 AND ba.account_id = a.id)
                 AND NOT EXISTS (SELECT 1 FROM meters m2 JOIN meter_readings r ON r.company_id = $1 AND r.meter_id = m2.id
                                                          AND r.period = $2 AND r.status <> 'superseded'
                                  WHERE m2.company_id = $1 AND m2.account_id = a.id))
             OR EXISTS (SELECT 1 FROM meter_faults f WHERE f.company_id = $1 AND f.account_id = a.id
                           AND f.from_on <= $4::date AND (f.resolved_on IS NULL OR f.resolved_on > $4::date)))
      GROUP BY a.usage_nature ORDER BY a.usage_nature`,
    [companyId, period, uncovered.rows.map((x) => x.code), asOf],
  );
  return r.rows;
}

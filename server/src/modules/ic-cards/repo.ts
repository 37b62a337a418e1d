import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { ListQuery } from './schemas.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface IcAccount {
  id: string;
  accountNo: string;
  customerId: string;
  customerName: string;
  address: string;
  usageNature: string;
  status: string;
  meterId: string | null;
  meterNo: string | null;
  startReading: string | null;
}

/** The account with its installed IC-card meter (the first by serial when there are several). */
export async function icAccount(db: Queryable, companyId: string, accountId: string): Promise<IcAccount | null> {
  const r = await db.query<IcAccount>(
    `SELECT a.id, a.account_no AS "accountNo", a.customer_id AS "customerId", c.name AS "customerName",
            p.full_address AS address, a.usage_nature AS "usageNature", a.status,
            m.id AS "meterId", m.serial AS "meterNo", m.base_reading::text AS "startReading"
       FROM accounts a
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
       JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
       LEFT JOIN LATERAL (SELECT m.id, m.serial, m.base_reading FROM meters m
                           WHERE m.company_id = a.company_id AND m.account_id = a.id AND m.meter_type = 'icCard'
                             AND m.status = 'installed' ORDER BY m.serial LIMIT 1) m ON true
      WHERE a.company_id = $1 AND a.id = $2`,
    [companyId, accountId],
  );
  return r.rows[0] ?? null;
}

export async function meterById(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{
    id: string;
    serial: string;
    baseReading: string;
    meterType: string;
    accountId: string | null;
  }>(
    `SELECT id, serial, base_reading::text AS "baseReading", meter_type AS "meterType", account_id AS "accountId"
       FROM meters
      WHERE company_id = $1 AND id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export interface CardRow {
  id: string;
  cardNo: string;
  kind: 'user' | 'transfer';
  accountId: string;
  accountNo: string;
  customerName: string;
  meterId: string;
  meterNo: string;
  toMeterId: string | null;
  toMeterNo: string | null;
  status: 'active' | 'blacklisted' | 'used';
  replacesCardId: string | null;
  onsiteCheckRequired: boolean;
  blacklistReason: string | null;
  issuedAt: string;
}

const CARD = `
SELECT k.id, k.card_no AS "cardNo", k.kind, k.account_id AS "accountId", a.account_no AS "accountNo",
       c.name AS "customerName", k.meter_id AS "meterId", m.serial AS "meterNo", k.to_meter_id AS "toMeterId",
       tm.serial AS "toMeterNo", k.status, k.replaces_card_id AS "replacesCardId",
       k.onsite_check_required AS "onsiteCheckRequired", k.blacklist_reason AS "blacklistReason",
       ${ts('k.issued_at')} AS "issuedAt"
  FROM ic_cards k
  JOIN accounts a ON a.company_id = k.company_id AND a.id = k.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  JOIN meters m ON m.company_id = k.company_id AND m.id = k.meter_id
  LEFT JOIN meters tm ON tm.company_id = k.company_id AND tm.id = k.to_meter_id`;

export async function cardByNo(db: Queryable, companyId: string, cardNo: string): Promise<CardRow | null> {
  const r = await db.query<CardRow>(`${CARD} WHERE k.company_id = $1 AND k.card_no = $2`, [companyId, cardNo]);
  return r.rows[0] ?? null;
}

export async function cardById(db: Queryable, companyId: string, id: string, lock = false): Promise<CardRow | null> {
  const r = await db.query<CardRow>(`${CARD} WHERE k.company_id = $1 AND k.id = $2${lock ? ' FOR UPDATE OF k' : ''}`, [
    companyId,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function activeCardOfMeter(db: Queryable, companyId: string, meterId: string): Promise<CardRow | null> {
  const r = await db.query<CardRow>(
    `${CARD} WHERE k.company_id = $1 AND k.meter_id = $2 AND k.kind = 'user' AND k.status = 'active'`,
    [companyId, meterId],
  );
  return r.rows[0] ?? null;
}

export async function listCards(db: Queryable, companyId: string, q: ListQuery) {
  const where = `WHERE k.company_id = $1 AND ($2::uuid IS NULL OR k.account_id = $2) AND ($3::text IS NULL OR k.status = $3)
     AND ($4::text IS NULL OR k.card_no LIKE $4 OR a.account_no LIKE $4 OR c.name LIKE $4)`;
  const params = [companyId, q.accountId ?? null, q.status ?? null, q.q ? `%${q.q}%` : null];
  const [items, total] = await Promise.all([
    db.query<CardRow>(
      `${CARD} ${where} ORDER BY k.issued_at ${q.order === 'desc' ? 'DESC' : 'ASC'} ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ic_cards k JOIN accounts a ON a.company_id = k.company_id AND a.id = k.account_id
         JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id ${where}`,
      params,
    ),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function insertCard(
  db: Queryable,
  companyId: string,
  k: {
    cardNo: string;
    kind: 'user' | 'transfer';
    accountId: string;
    meterId: string;
    toMeterId: string | null;
    replacesCardId: string | null;
    onsiteCheckRequired: boolean;
    by: string | null;
  },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO ic_cards (company_id, card_no, kind, account_id, meter_id, to_meter_id, replaces_card_id,
                           onsite_check_required, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [companyId, k.cardNo, k.kind, k.accountId, k.meterId, k.toMeterId, k.replacesCardId, k.onsiteCheckRequired, k.by],
  );
  return r.rows[0]!.id;
}

export async function setCardStatus(
  db: Queryable,
  companyId: string,
  id: string,
  status: 'blacklisted' | 'used',
  reason: string | null,
) {
  await db.query(
    `UPDATE ic_cards SET status = $3, blacklisted_at = CASE WHEN $3 = 'blacklisted' THEN now() END, blacklist_reason = $4
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, status, reason],
  );
}

export async function moveCard(db: Queryable, companyId: string, id: string, meterId: string) {
  await db.query('UPDATE ic_cards SET meter_id = $3 WHERE company_id = $1 AND id = $2', [companyId, id, meterId]);
}

/** Other IC cards of the customer (other premises or several cards): the cashier checks them (000 第九十六条). */
export async function otherCardsOfCustomer(db: Queryable, companyId: string, customerId: string, cardId: string) {
  const r = await db.query<{ cardNo: string; accountNo: string; address: string; meterNo: string }>(
    `SELECT k.card_no AS "cardNo", a.account_no AS "accountNo", p.full_address AS address, m.serial AS "meterNo"
       FROM ic_cards k
       JOIN accounts a ON a.company_id = k.company_id AND a.id = k.account_id
       JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
       JOIN meters m ON m.company_id = k.company_id AND m.id = k.meter_id
      WHERE k.company_id = $1 AND a.customer_id = $2 AND k.id <> $3 AND k.kind = 'user' AND k.status = 'active'
      ORDER BY a.account_no, k.card_no LIMIT 20`,
    [companyId, customerId, cardId],
  );
  return r.rows;
}

/** BIL-1 tariffs: the tier-1 price of the nature's tariff in force on `day` (IC gas is sold at the first tier). */
export async function firstTierPrice(db: Queryable, companyId: string, nature: string, day: string) {
  const r = await db.query<{ price: string }>(
    `SELECT tt.price::text AS price FROM tariffs t
       JOIN tariff_tiers tt ON tt.company_id = t.company_id AND tt.tariff_id = t.id AND tt.tier = 1
      WHERE t.company_id = $1 AND t.usage_nature = $2 AND t.status = 'active' AND t.effective_from <= $3
        AND (t.effective_to IS NULL OR t.effective_to >= $3)
      ORDER BY t.effective_from DESC LIMIT 1`,
    [companyId, nature, day],
  );
  return r.rows[0]?.price ?? null;
}

export async function yearVolume(db: Queryable, companyId: string, accountId: string, from: string, to: string) {
  const r = await db.query<{ v: string }>(
    `SELECT coalesce(sum(volume), 0)::text AS v FROM ic_purchases
      WHERE company_id = $1 AND account_id = $2 AND sold_on BETWEEN $3 AND $4`,
    [companyId, accountId, from, to],
  );
  return r.rows[0]!.v;
}

/**
 * ICC-2: what the system gave the meter: purchases and approved replenishments — and (review fix) the gas a
 * negative replenishment charged the customer for (volume < 0, status charged): paid for, it is purchased.
 * Without it the same shortfall was charged again at the next filing with the same reading.
 */
export async function cumulativePurchased(db: Queryable, companyId: string, meterId: string) {
  const r = await db.query<{ v: string }>(
    `SELECT (coalesce((SELECT sum(volume) FROM ic_purchases WHERE company_id = $1 AND meter_id = $2), 0)
           + coalesce((SELECT sum(abs(volume)) FROM ic_replenishments
                        WHERE company_id = $1 AND meter_id = $2 AND status IN ('approved', 'charged')), 0))::text AS v`,
    [companyId, meterId],
  );
  return r.rows[0]!.v;
}

/** MTR-6: the last on-site check of the IC meter (base reading and remaining volume), a hint for ICC-2. */
export async function lastMeterCheck(db: Queryable, companyId: string, meterId: string) {
  const r = await db.query<{ checkedOn: string; baseReading: string; remainingVolume: string }>(
    `SELECT checked_on::text AS "checkedOn", base_reading::text AS "baseReading", remaining_volume::text AS "remainingVolume"
       FROM ic_meter_checks WHERE company_id = $1 AND meter_id = $2 ORDER BY checked_on DESC, created_at DESC LIMIT 1`,
    [companyId, meterId],
  );
  return r.rows[0] ?? null;
}

// ---------------------------------------------------------------- card writes

export interface WriteRow {
  id: string;
  cardId: string;
  cardNo: string;
  meterId: string;
  meterNo: string;
  accountId: string;
  accountNo: string;
  kind: 'purchase' | 'replenishment' | 'reissue';
  sourceId: string;
  seq: number;
  volume: string;
  status: 'pending' | 'verified' | 'failed';
  /** The status of the card the write goes to (review fix: a blacklisted card is not written). */
  cardStatus: string;
  attempts: number;
  lastError: string | null;
  verifiedAt: string | null;
  createdAt: string;
}

const WRITE = `
SELECT w.id, w.card_id AS "cardId", k.card_no AS "cardNo", w.meter_id AS "meterId", m.serial AS "meterNo",
       w.account_id AS "accountId", a.account_no AS "accountNo", w.kind, w.source_id AS "sourceId", w.seq,
       w.volume::text AS volume, w.status, k.status AS "cardStatus", w.attempts, w.last_error AS "lastError",
       ${ts('w.verified_at')} AS "verifiedAt", ${ts('w.created_at')} AS "createdAt"
  FROM ic_card_writes w
  JOIN ic_cards k ON k.company_id = w.company_id AND k.id = w.card_id
  JOIN meters m ON m.company_id = w.company_id AND m.id = w.meter_id
  JOIN accounts a ON a.company_id = w.company_id AND a.id = w.account_id`;

export async function writeById(db: Queryable, companyId: string, id: string, lock = false) {
  const r = await db.query<WriteRow>(
    `${WRITE} WHERE w.company_id = $1 AND w.id = $2${lock ? ' FOR UPDATE OF w' : ''}`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function writeOfSource(db: Queryable, companyId: string, kind: string, sourceId: string) {
  const r = await db.query<WriteRow>(`${WRITE} WHERE w.company_id = $1 AND w.kind = $2 AND w.source_id = $3`, [
    companyId,
    kind,
    sourceId,
  ]);
  return r.rows[0] ?? null;
}

export async function unfinishedWriteOfCard(db: Queryable, companyId: string, cardId: string) {
  const r = await db.query<WriteRow>(
    `${WRITE} WHERE w.company_id = $1 AND w.card_id = $2 AND w.status <> 'verified' ORDER BY w.seq LIMIT 1`,
    [companyId, cardId],
  );
  return r.rows[0] ?? null;
}

export async function lastWriteOfCard(db: Queryable, companyId: string, cardId: string) {
  const r = await db.query<WriteRow>(
    `${WRITE} WHERE w.company_id = $1 AND w.card_id = $2 ORDER BY w.seq DESC LIMIT 1`,
    [companyId, cardId],
  );
  return r.rows[0] ?? null;
}

/**
 * Review fix (ICC-3): the meters whose sequence a meter continues — itself and, through transfer cards (转移卡),
 * the meters it replaced. The transfer card hands the old meter's last sequence to the new meter, which then
 * accepts only higher ones: numbering the new meter's writes from 1 made every later purchase unwritable.
 */
const CHAIN = `WITH RECURSIVE chain(meter_id) AS (
    SELECT $2::uuid
    UNION SELECT k.meter_id FROM ic_cards k JOIN chain c ON k.to_meter_id = c.meter_id
     WHERE k.company_id = $1 AND k.kind = 'transfer')`;

export async function lastSeqOfMeter(db: Queryable, companyId: string, meterId: string) {
  const r = await db.query<{ s: number }>(
    `${CHAIN} SELECT coalesce(max(seq), 0)::int AS s FROM ic_card_writes
      WHERE company_id = $1 AND meter_id IN (SELECT meter_id FROM chain)`,
    [companyId, meterId],
  );
  return r.rows[0]!.s;
}

/** Review fix (ICC-3): serials of the meters a meter replaced through transfer cards (a user card may still
 * carry one until its next write). */
export async function replacedMeterSerials(db: Queryable, companyId: string, meterId: string) {
  const r = await db.query<{ serial: string }>(
    `${CHAIN} SELECT m.serial FROM meters m WHERE m.company_id = $1 AND m.id IN (SELECT meter_id FROM chain)
        AND m.id <> $2`,
    [companyId, meterId],
  );
  return r.rows.map((x) => x.serial);
}

/**
 * Review fix (ICC-3): the sequence a new or reissued card is formatted with — the last *verified* write of the
 * meter. Formatting with the last recorded write (verified or not) made a moved, still unwritten write look
 * "written before" (same seq, card empty) and it was verified without any gas reaching the card.
 */
export async function lastVerifiedSeqOfMeter(db: Queryable, companyId: string, meterId: string) {
  const r = await db.query<{ s: number }>(
    `${CHAIN} SELECT coalesce(max(seq), 0)::int AS s FROM ic_card_writes
      WHERE company_id = $1 AND meter_id IN (SELECT meter_id FROM chain) AND status = 'verified'`,
    [companyId, meterId],
  );
  return r.rows[0]!.s;
}

/** Review fix (ICC-1): an unfinished write of the meter with a lower sequence (it must be written first). */
export async function earlierUnfinishedWrite(db: Queryable, companyId: string, meterId: string, seq: number) {
  const r = await db.query<WriteRow>(
    `${WRITE} WHERE w.company_id = $1 AND w.meter_id = $2 AND w.seq < $3 AND w.status <> 'verified'
      ORDER BY w.seq LIMIT 1`,
    [companyId, meterId, seq],
  );
  return r.rows[0] ?? null;
}

/** Review fix (ICC-2): an open replenishment of the meter (pending, or approved with its write not verified). */
export async function openReplenishmentOfMeter(db: Queryable, companyId: string, meterId: string) {
  const r = await db.query<{ no: string; status: string }>(
    `SELECT r.no, r.status FROM ic_replenishments r
      WHERE r.company_id = $1 AND r.meter_id = $2
        AND (r.status = 'pending' OR (r.status = 'approved' AND NOT EXISTS (
             SELECT 1 FROM ic_card_writes w WHERE w.company_id = r.company_id AND w.kind = 'replenishment'
                AND w.source_id = r.id AND w.status = 'verified')))
      ORDER BY r.requested_at LIMIT 1`,
    [companyId, meterId],
  );
  return r.rows[0] ?? null;
}

/** Review fix (ICC-3): a replenishment of the card's meter filed since the card was blacklisted (not refused). */
export async function replenishmentSinceBlacklist(db: Queryable, companyId: string, cardId: string) {
  const r = await db.query<{ no: string }>(
    `SELECT r.no FROM ic_replenishments r
       JOIN ic_cards k ON k.company_id = r.company_id AND k.id = $2
      WHERE r.company_id = $1 AND r.meter_id = k.meter_id AND r.requested_at >= k.blacklisted_at
        AND r.status IN ('pending', 'approved') AND r.volume > 0
      LIMIT 1`,
    [companyId, cardId],
  );
  return r.rows[0] ?? null;
}

/** Review fix (ICC-1): any unfinished write of the meter. */
export async function unfinishedWriteOfMeter(db: Queryable, companyId: string, meterId: string) {
  const r = await db.query<WriteRow>(
    `${WRITE} WHERE w.company_id = $1 AND w.meter_id = $2 AND w.status <> 'verified' ORDER BY w.seq LIMIT 1`,
    [companyId, meterId],
  );
  return r.rows[0] ?? null;
}

/** Review fix (ICC-3): the verified write that put sequence `seq` on the card (null: none, or moved away). */
export async function verifiedWriteOfCardSeq(db: Queryable, companyId: string, cardId: string, seq: number) {
  const r = await db.query<WriteRow>(
    `${WRITE} WHERE w.company_id = $1 AND w.card_id = $2 AND w.seq = $3 AND w.status = 'verified'`,
    [companyId, cardId, seq],
  );
  return r.rows[0] ?? null;
}

export async function insertWrite(
  db: Queryable,
  companyId: string,
  w: {
    cardId: string;
    meterId: string;
    accountId: string;
    kind: WriteRow['kind'];
    sourceId: string;
    seq: number;
    volume: string;
    by: string | null;
  },
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO ic_card_writes (company_id, card_id, meter_id, account_id, kind, source_id, seq, volume, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [companyId, w.cardId, w.meterId, w.accountId, w.kind, w.sourceId, w.seq, w.volume, w.by],
  );
  return r.rows[0]!.id;
}

export async function setWriteResult(
  db: Queryable,
  companyId: string,
  id: string,
  r: { ok: boolean; error: string | null; deviceId: string },
) {
  await db.query(
    `UPDATE ic_card_writes SET status = CASE WHEN $3 THEN 'verified' ELSE 'failed' END, attempts = attempts + 1,
            last_error = $4, device_id = $5, verified_at = CASE WHEN $3 THEN now() END
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, r.ok, r.error, r.deviceId],
  );
}

export async function listWrites(db: Queryable, companyId: string, q: ListQuery) {
  const where = `WHERE w.company_id = $1 AND ($2::uuid IS NULL OR w.account_id = $2) AND ($3::text IS NULL OR w.status = $3)`;
  const params = [companyId, q.accountId ?? null, q.status ?? null];
  const [items, total] = await Promise.all([
    db.query<WriteRow>(`${WRITE} ${where} ORDER BY w.created_at DESC ${pageClause(q)}`, params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ic_card_writes w ${where}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

// ---------------------------------------------------------------- purchases

export interface PurchaseRow {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  address: string;
  cardNo: string;
  meterNo: string;
  volume: string;
  price: string;
  amount: string;
  collected: string;
  paymentId: string | null;
  paymentNo: string | null;
  requestHash: string;
  soldOn: string;
  soldBy: string;
  soldByName: string;
  createdAt: string;
  writeId: string | null;
  writeStatus: string | null;
}

const PURCHASE = `
SELECT s.id, s.no, s.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName",
       p.full_address AS address, k.card_no AS "cardNo", m.serial AS "meterNo", s.volume::text AS volume,
       s.price::text AS price, s.amount::text AS amount, s.collected::text AS collected, s.payment_id AS "paymentId",
       pay.no AS "paymentNo", s.request_hash AS "requestHash", s.sold_on::text AS "soldOn", s.sold_by AS "soldBy",
       u.full_name AS "soldByName", ${ts('s.created_at')} AS "createdAt", w.id AS "writeId", w.status AS "writeStatus"
  FROM ic_purchases s
  JOIN accounts a ON a.company_id = s.company_id AND a.id = s.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
  JOIN ic_cards k ON k.company_id = s.company_id AND k.id = s.card_id
  JOIN meters m ON m.company_id = s.company_id AND m.id = s.meter_id
  JOIN users u ON u.company_id = s.company_id AND u.id = s.sold_by
  LEFT JOIN payments pay ON pay.company_id = s.company_id AND pay.id = s.payment_id
  LEFT JOIN ic_card_writes w ON w.company_id = s.company_id AND w.kind = 'purchase' AND w.source_id = s.id`;

export async function purchaseById(db: Queryable, companyId: string, id: string) {
  const r = await db.query<PurchaseRow>(`${PURCHASE} WHERE s.company_id = $1 AND s.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function purchaseByKey(db: Queryable, companyId: string, key: string) {
  const r = await db.query<PurchaseRow>(`${PURCHASE} WHERE s.company_id = $1 AND s.idempotency_key = $2`, [
    companyId,
    key,
  ]);
  return r.rows[0] ?? null;
}

export async function listPurchases(db: Queryable, companyId: string, q: ListQuery) {
  const where = `WHERE s.company_id = $1 AND ($2::uuid IS NULL OR s.account_id = $2)`;
  const params = [companyId, q.accountId ?? null];
  const [items, total] = await Promise.all([
    db.query<PurchaseRow>(`${PURCHASE} ${where} ORDER BY s.created_at DESC ${pageClause(q)}`, params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ic_purchases s ${where}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function insertPurchase(
  db: Queryable,
  companyId: string,
  s: {
    id: string;
    no: string;
    accountId: string;
    cardId: string;
    meterId: string;
    volume: string;
    price: string;
    amount: string;
    collected: string;
    ledgerEntryId: string;
    paymentId: string | null;
    key: string;
    hash: string;
    soldOn: string;
    by: string;
  },
) {
  await db.query(
    `INSERT INTO ic_purchases (company_id, id, no, account_id, card_id, meter_id, volume, price, amount, collected,
                               ledger_entry_id, payment_id, idempotency_key, request_hash, sold_on, sold_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      companyId,
      s.id,
      s.no,
      s.accountId,
      s.cardId,
      s.meterId,
      s.volume,
      s.price,
      s.amount,
      s.collected,
      s.ledgerEntryId,
      s.paymentId,
      s.key,
      s.hash,
      s.soldOn,
      s.by,
    ],
  );
}

// ---------------------------------------------------------------- replenishments

export interface ReplenishmentRow {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  address: string;
  meterId: string;
  meterNo: string;
  cardId: string | null;
  cardNo: string | null;
  reason: string;
  reading: string;
  startReading: string;
  cumulativePurchased: string;
  /** Gas on the card read at filing, not yet inserted into the meter (null: the card was not read). */
  cardVolume: string | null;
  volume: string;
  price: string;
  amount: string;
  status: string;
  approvalId: string | null;
  approvalNo: string | null;
  ledgerEntryId: string | null;
  contactPhone: string | null;
  note: string | null;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  decidedAt: string | null;
  writeId: string | null;
  writeStatus: string | null;
}

const REPL = `
SELECT r.id, r.no, r.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName",
       p.full_address AS address, r.meter_id AS "meterId", m.serial AS "meterNo", r.card_id AS "cardId",
       k.card_no AS "cardNo", r.reason, r.reading::text AS reading, r.start_reading::text AS "startReading",
       r.cumulative_purchased::text AS "cumulativePurchased", r.card_volume::text AS "cardVolume", r.volume::text AS volume, r.price::text AS price,
       r.amount::text AS amount, r.status, r.approval_id AS "approvalId", ap.no AS "approvalNo",
       r.ledger_entry_id AS "ledgerEntryId", r.contact_phone AS "contactPhone", r.note,
       r.requested_by AS "requestedBy", u.full_name AS "requestedByName", ${ts('r.requested_at')} AS "requestedAt",
       ${ts('r.decided_at')} AS "decidedAt", w.id AS "writeId", w.status AS "writeStatus"
  FROM ic_replenishments r
  JOIN accounts a ON a.company_id = r.company_id AND a.id = r.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
  JOIN meters m ON m.company_id = r.company_id AND m.id = r.meter_id
  JOIN users u ON u.company_id = r.company_id AND u.id = r.requested_by
  LEFT JOIN ic_cards k ON k.company_id = r.company_id AND k.id = r.card_id
  LEFT JOIN approval_requests ap ON ap.company_id = r.company_id AND ap.id = r.approval_id
  LEFT JOIN ic_card_writes w ON w.company_id = r.company_id AND w.kind = 'replenishment' AND w.source_id = r.id`;

export async function replenishmentById(db: Queryable, companyId: string, id: string, lock = false) {
  const r = await db.query<ReplenishmentRow>(
    `${REPL} WHERE r.company_id = $1 AND r.id = $2${lock ? ' FOR UPDATE OF r' : ''}`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function listReplenishments(db: Queryable, companyId: string, q: ListQuery) {
  const where = `WHERE r.company_id = $1 AND ($2::uuid IS NULL OR r.account_id = $2) AND ($3::text IS NULL OR r.status = $3)`;
  const params = [companyId, q.accountId ?? null, q.status ?? null];
  const [items, total] = await Promise.all([
    db.query<ReplenishmentRow>(`${REPL} ${where} ORDER BY r.requested_at DESC ${pageClause(q)}`, params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ic_replenishments r ${where}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function insertReplenishment(
  db: Queryable,
  companyId: string,
  r: {
    id: string;
    no: string;
    accountId: string;
    meterId: string;
    cardId: string | null;
    reason: string;
    reading: string;
    startReading: string;
    cumulativePurchased: string;
    cardVolume: string | null;
    volume: string;
    price: string;
    amount: string;
    status: 'pending' | 'charged';
    ledgerEntryId: string | null;
    contactPhone: string | null;
    note: string | null;
    by: string;
  },
) {
  await db.query(
    `INSERT INTO ic_replenishments (company_id, id, no, account_id, meter_id, card_id, reason, reading, start_reading,
       cumulative_purchased, volume, price, amount, status, ledger_entry_id, contact_phone, note, requested_by,
       decided_at, card_volume)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             CASE WHEN $14 = 'charged' THEN now() END, $19)`,
    [
      companyId,
      r.id,
      r.no,
      r.accountId,
      r.meterId,
      r.cardId,
      r.reason,
      r.reading,
      r.startReading,
      r.cumulativePurchased,
      r.volume,
      r.price,
      r.amount,
      r.status,
      r.ledgerEntryId,
      r.contactPhone,
      r.note,
      r.by,
      r.cardVolume,
    ],
  );
}

export async function setReplenishment(
  db: Queryable,
  companyId: string,
  id: string,
  s: { status?: string; approvalId?: string },
) {
  await db.query(
    `UPDATE ic_replenishments SET status = coalesce($3, status), approval_id = coalesce($4::uuid, approval_id),
            decided_at = CASE WHEN $3 IN ('approved', 'rejected', 'withdrawn') THEN now() ELSE decided_at END
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, s.status ?? null, s.approvalId ?? null],
  );
}

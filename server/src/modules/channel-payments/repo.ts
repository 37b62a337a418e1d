import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { GatewayAccount } from './gateway.js';
import type { ListBatchesQuery, ListMandatesQuery, ListOrdersQuery } from './schemas.js';

// ---- Gateway account ----

const GATEWAY_COLUMNS = `company_id AS "companyId", provider, merchant_id AS "merchantId", secret`;

/** The company's gateway account; the first use gives it a simulator account with a fresh secret. */
export async function gatewayAccount(db: Queryable, companyId: string): Promise<GatewayAccount> {
  await db.query(
    `INSERT INTO payment_gateway_accounts (company_id, merchant_id, secret) VALUES ($1, $2, $3)
     ON CONFLICT (company_id) DO NOTHING`,
    [companyId, `M${companyId.replaceAll('-', '')}`, randomBytes(32).toString('hex')],
  );
  const r = await db.query<GatewayAccount>(
    `SELECT ${GATEWAY_COLUMNS} FROM payment_gateway_accounts WHERE company_id = $1`,
    [companyId],
  );
  return r.rows[0]!;
}

export async function gatewayByMerchant(db: Queryable, merchantId: string): Promise<GatewayAccount | null> {
  const r = await db.query<GatewayAccount>(
    `SELECT ${GATEWAY_COLUMNS} FROM payment_gateway_accounts WHERE merchant_id = $1`,
    [merchantId],
  );
  return r.rows[0] ?? null;
}

// ---- Online orders ----

export interface OrderRow {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  amount: string;
  status: 'pending' | 'paid' | 'expired';
  payUrl: string;
  qrPayload: string;
  expiresAt: Date;
  createdAt: Date;
  createdByName: string | null;
  paidAt: Date | null;
  gatewayTradeNo: string | null;
  paymentId: string | null;
  paymentNo: string | null;
}

// A pending order past its expiry reads as expired (the gateway closes it then too).
const ORDER_STATUS = `CASE WHEN o.status = 'pending' AND o.expires_at < now() THEN 'expired' ELSE o.status END`;
const ORDER_SELECT = `
  SELECT o.id, o.no, o.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName",
         o.amount::text AS amount, ${ORDER_STATUS} AS status, o.pay_url AS "payUrl", o.qr_payload AS "qrPayload",
         o.expires_at AS "expiresAt", o.created_at AS "createdAt", u.full_name AS "createdByName",
         o.paid_at AS "paidAt", o.gateway_trade_no AS "gatewayTradeNo", o.payment_id AS "paymentId",
         p.no AS "paymentNo"
    FROM online_orders o
    JOIN accounts a ON a.company_id = o.company_id AND a.id = o.account_id
    JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
    LEFT JOIN users u ON u.company_id = o.company_id AND u.id = o.created_by
    LEFT JOIN payments p ON p.company_id = o.company_id AND p.id = o.payment_id`;

export async function insertOrder(
  db: Queryable,
  companyId: string,
  o: {
    id: string;
    no: string;
    accountId: string;
    amount: string;
    payUrl: string;
    qrPayload: string;
    expiresAt: Date;
    createdBy: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO online_orders (company_id, id, no, account_id, amount, pay_url, qr_payload, expires_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [companyId, o.id, o.no, o.accountId, o.amount, o.payUrl, o.qrPayload, o.expiresAt, o.createdBy],
  );
}

export async function findOrder(
  db: Queryable,
  companyId: string,
  by: { id: string } | { no: string },
  lock = false,
): Promise<OrderRow | null> {
  const [col, value] = 'id' in by ? ['o.id', by.id] : ['o.no', by.no];
  const r = await db.query<OrderRow>(
    `${ORDER_SELECT} WHERE o.company_id = $1 AND ${col} = $2${lock ? ' FOR UPDATE OF o' : ''}`,
    [companyId, value],
  );
  return r.rows[0] ?? null;
}

export async function listOrders(db: Queryable, companyId: string, q: ListOrdersQuery) {
  const where = ['o.company_id = $1'];
  const params: unknown[] = [companyId];
  if (q.status) {
    params.push(q.status);
    where.push(`${ORDER_STATUS} = $${params.length}`);
  }
  if (q.accountNo) {
    params.push(q.accountNo);
    where.push(`a.account_no = $${params.length}`);
  }
  const [items, total] = await Promise.all([
    db.query<OrderRow>(
      `${ORDER_SELECT} WHERE ${where.join(' AND ')} ORDER BY o.created_at ${q.order === 'asc' ? 'ASC' : 'DESC'}, o.no ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM online_orders o JOIN accounts a ON a.company_id = o.company_id AND a.id = o.account_id
        WHERE ${where.join(' AND ')}`,
      params,
    ),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export async function markOrderPaid(
  db: Queryable,
  companyId: string,
  id: string,
  p: { paymentId: string; tradeNo: string; paidAt: Date },
): Promise<void> {
  await db.query(
    `UPDATE online_orders SET status = 'paid', payment_id = $3, gateway_trade_no = $4, paid_at = $5
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, p.paymentId, p.tradeNo, p.paidAt],
  );
}

/** The nonce recorded; false when it was seen before. */
export async function useNonce(db: Queryable, companyId: string, nonce: string): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO online_nonces (company_id, nonce) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING nonce`,
    [companyId, nonce],
  );
  return r.rows.length === 1;
}

/** Nonces seen longer ago than `seconds`: any callback carrying one is refused as stale before its nonce counts. */
export async function pruneNonces(db: Queryable, companyId: string, seconds: number): Promise<void> {
  await db.query(`DELETE FROM online_nonces WHERE company_id = $1 AND seen_at < now() - make_interval(secs => $2)`, [
    companyId,
    seconds,
  ]);
}

/** The notification recorded; false when it was processed before. */
export async function recordNotification(
  db: Queryable,
  companyId: string,
  n: { notificationId: string; nonce: string; orderId: string; amount: string; tradeNo: string },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO online_notifications (company_id, notification_id, nonce, order_id, amount, trade_no)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING notification_id`,
    [companyId, n.notificationId, n.nonce, n.orderId, n.amount, n.tradeNo],
  );
  return r.rows.length === 1;
}

// ---- Debit mandates ----

export interface MandateRow {
  id: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  bankCode: string;
  bankName: string;
  bankAccountNo: string;
  holderName: string;
  status: 'active' | 'cancelled';
  createdAt: Date;
  createdByName: string | null;
  cancelledAt: Date | null;
}

const MANDATE_SELECT = `
  SELECT m.id, m.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName",
         m.bank_code AS "bankCode", m.bank_name AS "bankName", m.bank_account_no AS "bankAccountNo",
         m.holder_name AS "holderName", m.status, m.created_at AS "createdAt", u.full_name AS "createdByName",
         m.cancelled_at AS "cancelledAt"
    FROM debit_mandates m
    JOIN accounts a ON a.company_id = m.company_id AND a.id = m.account_id
    JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
    LEFT JOIN users u ON u.company_id = m.company_id AND u.id = m.created_by`;

export async function insertMandate(
  db: Queryable,
  companyId: string,
  m: {
    id: string;
    accountId: string;
    bankCode: string;
    bankName: string;
    bankAccountNo: string;
    holderName: string;
    createdBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO debit_mandates (company_id, id, account_id, bank_code, bank_name, bank_account_no, holder_name, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [companyId, m.id, m.accountId, m.bankCode, m.bankName, m.bankAccountNo, m.holderName, m.createdBy],
  );
}

export async function findMandate(db: Queryable, companyId: string, id: string, lock = false) {
  const r = await db.query<MandateRow>(
    `${MANDATE_SELECT} WHERE m.company_id = $1 AND m.id = $2${lock ? ' FOR UPDATE OF m' : ''}`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function activeMandateOf(db: Queryable, companyId: string, accountId: string) {
  const r = await db.query<MandateRow>(
    `${MANDATE_SELECT} WHERE m.company_id = $1 AND m.account_id = $2 AND m.status = 'active'`,
    [companyId, accountId],
  );
  return r.rows[0] ?? null;
}

export async function cancelMandate(db: Queryable, companyId: string, id: string): Promise<void> {
  await db.query(
    `UPDATE debit_mandates SET status = 'cancelled', cancelled_at = now() WHERE company_id = $1 AND id = $2`,
    [companyId, id],
  );
}

export async function listMandates(db: Queryable, companyId: string, q: ListMandatesQuery) {
  const where = ['m.company_id = $1'];
  const params: unknown[] = [companyId];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.status) add('m.status = ?', q.status);
  if (q.bankCode) add('m.bank_code = ?', q.bankCode);
  if (q.accountNo) add('a.account_no = ?', q.accountNo);
  const [items, total] = await Promise.all([
    db.query<MandateRow>(
      `${MANDATE_SELECT} WHERE ${where.join(' AND ')}
        ORDER BY m.created_at ${q.order === 'desc' ? 'DESC' : 'ASC'}, m.id ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM debit_mandates m JOIN accounts a ON a.company_id = m.company_id AND a.id = m.account_id
        WHERE ${where.join(' AND ')}`,
      params,
    ),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

/** Mandates by id (a run's chunk), in the order given. */
export async function mandatesByIds(db: Queryable, companyId: string, ids: string[]) {
  const r = await db.query<MandateRow>(`${MANDATE_SELECT} WHERE m.company_id = $1 AND m.id = ANY($2::uuid[])`, [
    companyId,
    ids,
  ]);
  const byId = new Map(r.rows.map((m) => [m.id, m]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** The active mandates of a run, by bank then account number. */
export async function activeMandates(db: Queryable, companyId: string, bankCode: string | undefined) {
  const r = await db.query<MandateRow>(
    `${MANDATE_SELECT} WHERE m.company_id = $1 AND m.status = 'active' AND ($2::text IS NULL OR m.bank_code = $2)
      ORDER BY m.bank_code, a.account_no`,
    [companyId, bankCode ?? null],
  );
  return r.rows;
}

// ---- Debit batches ----

export interface BatchRow {
  id: string;
  no: string;
  bankCode: string;
  bankName: string | null;
  debitDate: string;
  status: 'building' | 'exported' | 'completed';
  mandatesTotal: number;
  mandatesDone: number;
  lineCount: number;
  totalAmount: string;
  pending: number;
  succeeded: number;
  failed: number;
  succeededAmount: string;
  createdAt: Date;
  createdByName: string | null;
  resultsAt: Date | null;
}

const BATCH_SELECT = `
  SELECT b.id, b.no, b.bank_code AS "bankCode",
         (SELECT m.bank_name FROM debit_batch_lines l JOIN debit_mandates m ON m.company_id = l.company_id AND m.id = l.mandate_id
           WHERE l.company_id = b.company_id AND l.batch_id = b.id ORDER BY l.line_no LIMIT 1) AS "bankName",
         b.debit_date::text AS "debitDate", b.status,
         cardinality(b.mandate_ids) AS "mandatesTotal", b.mandates_done AS "mandatesDone", b.line_count AS "lineCount", b.total_amount::text AS "totalAmount",
         s.pending, s.succeeded, s.failed, s.succeeded_amount AS "succeededAmount",
         b.created_at AS "createdAt", u.full_name AS "createdByName", b.results_at AS "resultsAt"
    FROM debit_batches b
    LEFT JOIN users u ON u.company_id = b.company_id AND u.id = b.created_by
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE l.status = 'pending')::int AS pending,
             count(*) FILTER (WHERE l.status = 'succeeded')::int AS succeeded,
             count(*) FILTER (WHERE l.status = 'failed')::int AS failed,
             coalesce(sum(l.amount) FILTER (WHERE l.status = 'succeeded'), 0)::numeric(14, 2)::text AS succeeded_amount
        FROM debit_batch_lines l WHERE l.company_id = b.company_id AND l.batch_id = b.id) s`;

export async function insertBatch(
  db: Queryable,
  companyId: string,
  b: { id: string; no: string; bankCode: string; debitDate: string; mandateIds: string[]; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO debit_batches (company_id, id, no, bank_code, debit_date, mandate_ids, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7)`,
    [companyId, b.id, b.no, b.bankCode, b.debitDate, b.mandateIds, b.createdBy],
  );
}

/** The batch being built, locked: where its build stands. */
export async function lockBuild(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{
    no: string;
    status: string;
    mandateIds: string[];
    mandatesDone: number;
    lineCount: number;
  }>(
    `SELECT no, status, mandate_ids::text[] AS "mandateIds", mandates_done AS "mandatesDone", line_count AS "lineCount"
       FROM debit_batches WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/** A chunk built: its mandates done, its lines counted; the last one ends the build. */
export async function advanceBuild(
  db: Queryable,
  companyId: string,
  id: string,
  chunk: { mandates: number; lines: number; amount: string },
): Promise<void> {
  await db.query(
    `UPDATE debit_batches
        SET mandates_done = mandates_done + $3, line_count = line_count + $4, total_amount = total_amount + $5,
            status = CASE WHEN mandates_done + $3 < cardinality(mandate_ids) THEN 'building'
                          WHEN line_count + $4 = 0 THEN 'completed' ELSE 'exported' END
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, chunk.mandates, chunk.lines, chunk.amount],
  );
}

export interface NewLine {
  lineNo: number;
  reference: string;
  mandateId: string;
  accountId: string;
  bankAccountNo: string;
  holderName: string;
  amount: string;
}

export async function insertLines(db: Queryable, companyId: string, batchId: string, lines: NewLine[]) {
  if (!lines.length) return;
  await db.query(
    `INSERT INTO debit_batch_lines
       (company_id, batch_id, line_no, reference, mandate_id, account_id, bank_account_no, holder_name, amount)
     SELECT $1, $2, x.line_no, x.reference, x.mandate_id, x.account_id, x.bank_account_no, x.holder_name, x.amount
       FROM jsonb_to_recordset($3::jsonb) AS x(line_no int, reference text, mandate_id uuid, account_id uuid,
            bank_account_no text, holder_name text, amount numeric)`,
    [
      companyId,
      batchId,
      JSON.stringify(
        lines.map((l) => ({
          line_no: l.lineNo,
          reference: l.reference,
          mandate_id: l.mandateId,
          account_id: l.accountId,
          bank_account_no: l.bankAccountNo,
          holder_name: l.holderName,
          amount: l.amount,
        })),
      ),
    ],
  );
}

/** What other batches' lines still ask the bank to debit for an account (their results not yet imported). */
export async function pendingDebitOf(db: Queryable, companyId: string, accountId: string, exceptBatchId: string) {
  const r = await db.query<{ s: string }>(
    `SELECT coalesce(sum(amount), 0)::numeric(14, 2)::text AS s FROM debit_batch_lines
      WHERE company_id = $1 AND account_id = $2 AND status = 'pending' AND batch_id <> $3`,
    [companyId, accountId, exceptBatchId],
  );
  return r.rows[0]!.s;
}

export async function findBatch(db: Queryable, companyId: string, id: string): Promise<BatchRow | null> {
  const r = await db.query<BatchRow>(`${BATCH_SELECT} WHERE b.company_id = $1 AND b.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function lockBatch(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{ id: string; no: string; status: string }>(
    `SELECT id, no, status FROM debit_batches WHERE company_id = $1 AND id = $2 FOR UPDATE`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function listBatches(db: Queryable, companyId: string, q: ListBatchesQuery) {
  const where = ['b.company_id = $1'];
  const params: unknown[] = [companyId];
  if (q.bankCode) {
    params.push(q.bankCode);
    where.push(`b.bank_code = $${params.length}`);
  }
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const [items, total] = await Promise.all([
    db.query<BatchRow>(
      `${BATCH_SELECT} WHERE ${where.join(' AND ')} ORDER BY b.debit_date ${dir}, b.bank_code ${pageClause(q)}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM debit_batches b WHERE ${where.join(' AND ')}`, params),
  ]);
  return { items: items.rows, total: total.rows[0]!.n };
}

export interface LineRow {
  lineNo: number;
  reference: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  customerMobile: string | null;
  bankAccountNo: string;
  holderName: string;
  amount: string;
  status: 'pending' | 'succeeded' | 'failed';
  failureReason: string | null;
  paymentId: string | null;
  paymentNo: string | null;
  noticeMessageId: string | null;
  noticeSkipped: string | null;
}

const LINE_SELECT = `
  SELECT l.line_no AS "lineNo", l.reference, l.account_id AS "accountId", a.account_no AS "accountNo",
         c.name AS "customerName", coalesce(a.sms_mobile, c.mobile) AS "customerMobile",
         l.bank_account_no AS "bankAccountNo", l.holder_name AS "holderName", l.amount::text AS amount, l.status,
         l.failure_reason AS "failureReason", l.payment_id AS "paymentId", p.no AS "paymentNo",
         l.notice_message_id AS "noticeMessageId", l.notice_skipped AS "noticeSkipped"
    FROM debit_batch_lines l
    JOIN accounts a ON a.company_id = l.company_id AND a.id = l.account_id
    JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
    LEFT JOIN payments p ON p.company_id = l.company_id AND p.id = l.payment_id`;

export async function batchLines(
  db: Queryable,
  companyId: string,
  batchId: string,
  q?: { status?: string; page: number; pageSize: number },
) {
  const params: unknown[] = [companyId, batchId, q?.status ?? null];
  const where = `l.company_id = $1 AND l.batch_id = $2 AND ($3::text IS NULL OR l.status = $3)`;
  const rows = await db.query<LineRow>(
    `${LINE_SELECT} WHERE ${where} ORDER BY l.line_no ${q ? pageClause(q) : ''}`,
    params,
  );
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM debit_batch_lines l WHERE ${where}`,
    params,
  );
  return { items: rows.rows, total: total.rows[0]!.n };
}

export async function setLineResult(
  db: Queryable,
  companyId: string,
  batchId: string,
  lineNo: number,
  r: {
    status: 'succeeded' | 'failed';
    paymentId: string | null;
    failureReason: string | null;
    noticeMessageId: string | null;
    noticeSkipped: string | null;
  },
): Promise<void> {
  await db.query(
    `UPDATE debit_batch_lines SET status = $4, payment_id = $5, failure_reason = $6, notice_message_id = $7,
            notice_skipped = $8, result_at = now()
      WHERE company_id = $1 AND batch_id = $2 AND line_no = $3`,
    [companyId, batchId, lineNo, r.status, r.paymentId, r.failureReason, r.noticeMessageId, r.noticeSkipped],
  );
}

/** Completed once no line waits for its result. */
export async function settleBatch(db: Queryable, companyId: string, batchId: string): Promise<void> {
  await db.query(
    `UPDATE debit_batches b SET results_at = now(),
            status = CASE WHEN EXISTS (SELECT 1 FROM debit_batch_lines l
                                        WHERE l.company_id = b.company_id AND l.batch_id = b.id AND l.status = 'pending')
                          THEN 'exported' ELSE 'completed' END
      WHERE company_id = $1 AND id = $2`,
    [companyId, batchId],
  );
}

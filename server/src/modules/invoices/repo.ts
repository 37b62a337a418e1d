import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { Invoice, InvoiceInfo, ListInvoicesQuery } from './schemas.js';

const iso = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', ${iso})`;
const personOrNull = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.full_name) END`;

// ---------------------------------------------------------------- accounts and payments

export interface AccountRow {
  id: string;
  accountNo: string;
  customerName: string;
  customerKind: 'residential' | 'commercial' | 'institutional';
  idNo: string | null;
  taxNo: string | null;
  address: string;
}

/**
 * The account with its customer; residential or C&I by the account's usage nature (as billing and late fees decide:
 * anything but `residential` is C&I). Locked FOR UPDATE OF the account when `lock` (one invoicing at a time). */
export async function account(db: Queryable, companyId: string, id: string, lock = false): Promise<AccountRow | null> {
  const r = await db.query<AccountRow>(
    `SELECT a.id, a.account_no AS "accountNo", c.name AS "customerName", u.customer_kind AS "customerKind",
            c.id_no AS "idNo", c.tax_no AS "taxNo", p.full_address AS address
       FROM accounts a
       JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
       JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
       JOIN usage_natures u ON u.company_id = a.company_id AND u.code = a.usage_nature AND u.commodity = a.commodity
      WHERE a.company_id = $1 AND a.id = $2${lock ? ' FOR UPDATE OF a' : ''}`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export interface PaymentRow {
  id: string;
  no: string;
  accountId: string;
  amount: string;
  prepayment: string;
  status: string;
  receivedOn: string;
  invoiceId: string | null;
  invoiceNo: string | null;
}

const PAYMENT_SELECT = `
SELECT p.id, p.no, p.account_id AS "accountId", p.amount::text AS amount, p.prepayment::text AS prepayment, p.status,
       p.received_on::text AS "receivedOn", i.id AS "invoiceId", i.invoice_no AS "invoiceNo"
  FROM payments p
  LEFT JOIN invoice_payments ip ON ip.company_id = p.company_id AND ip.payment_id = p.id AND ip.active
  LEFT JOIN invoices i ON i.company_id = ip.company_id AND i.id = ip.invoice_id`;

/** The payments by id, locked FOR UPDATE OF the payment (in id order: two requests never deadlock). */
export async function lockPayments(db: Queryable, companyId: string, ids: string[]): Promise<PaymentRow[]> {
  const r = await db.query<PaymentRow>(
    `${PAYMENT_SELECT} WHERE p.company_id = $1 AND p.id = ANY($2::uuid[]) ORDER BY p.id FOR UPDATE OF p`,
    [companyId, ids],
  );
  return r.rows;
}

export async function paymentsById(db: Queryable, companyId: string, ids: string[]): Promise<PaymentRow[]> {
  const r = await db.query<PaymentRow>(`${PAYMENT_SELECT} WHERE p.company_id = $1 AND p.id = ANY($2::uuid[])`, [
    companyId,
    ids,
  ]);
  return r.rows;
}

/** An account's payments received on or after `since`, newest first. */
export async function accountPayments(db: Queryable, companyId: string, accountId: string, since: string) {
  const r = await db.query<PaymentRow>(
    `${PAYMENT_SELECT} WHERE p.company_id = $1 AND p.account_id = $2 AND p.received_on >= $3
      ORDER BY p.received_at DESC LIMIT 200`,
    [companyId, accountId, since],
  );
  return r.rows;
}

// ---------------------------------------------------------------- invoice info

const INFO_SELECT = `
SELECT f.title, f.tax_no AS "taxNo", f.address, f.phone, f.bank_name AS "bankName",
       f.bank_account_no AS "bankAccount", f.email, f.proof_kind AS "proofKind", f.proof_no AS "proofNo", f.version,
       ${personOrNull('u')} AS "updatedBy", ${ts('f.updated_at')} AS "updatedAt"
  FROM invoice_details f
  LEFT JOIN users u ON u.company_id = f.company_id AND u.id = f.updated_by`;

export async function findInfo(db: Queryable, companyId: string, accountId: string): Promise<InvoiceInfo | null> {
  const r = await db.query<InvoiceInfo>(`${INFO_SELECT} WHERE f.company_id = $1 AND f.account_id = $2`, [
    companyId,
    accountId,
  ]);
  return r.rows[0] ?? null;
}

export async function upsertInfo(
  db: Queryable,
  companyId: string,
  accountId: string,
  v: {
    title: string;
    taxNo: string | null;
    address: string | null;
    phone: string | null;
    bankName: string | null;
    bankAccount: string | null;
    email: string | null;
    proofKind: string;
    proofNo: string;
    by: string;
  },
) {
  await db.query(
    `INSERT INTO invoice_details (company_id, account_id, title, tax_no, address, phone, bank_name, bank_account_no,
                                  email, proof_kind, proof_no, updated_by, invoice_kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
             CASE WHEN $4::text IS NOT NULL AND $5::text IS NOT NULL AND $8::text IS NOT NULL THEN 'special'
                  ELSE 'ordinary' END)
     ON CONFLICT (company_id, account_id) DO UPDATE SET
       title = EXCLUDED.title, tax_no = EXCLUDED.tax_no, address = EXCLUDED.address, phone = EXCLUDED.phone,
       bank_name = EXCLUDED.bank_name, bank_account_no = EXCLUDED.bank_account_no, email = EXCLUDED.email,
       proof_kind = EXCLUDED.proof_kind, proof_no = EXCLUDED.proof_no, updated_by = EXCLUDED.updated_by,
       invoice_kind = EXCLUDED.invoice_kind, updated_at = now(), version = invoice_details.version + 1`,
    [
      companyId,
      accountId,
      v.title,
      v.taxNo,
      v.address,
      v.phone,
      v.bankName,
      v.bankAccount,
      v.email,
      v.proofKind,
      v.proofNo,
      v.by,
    ],
  );
}

// ---------------------------------------------------------------- invoices

const SELECT = `
SELECT i.id, i.kind, i.status, i.account_id AS "accountId", a.account_no AS "accountNo", c.name AS "customerName",
       i.invoice_code AS "invoiceCode", i.invoice_no AS "invoiceNo", i.amount::text AS amount,
       i.tax_rate::text AS "taxRate", i.net_amount::text AS "netAmount", i.tax_amount::text AS "taxAmount",
       i.buyer_kind AS "buyerKind", i.buyer_title AS "buyerTitle", i.buyer_tax_no AS "buyerTaxNo",
       i.buyer_address AS "buyerAddress", i.buyer_phone AS "buyerPhone", i.buyer_bank_name AS "buyerBankName",
       i.buyer_bank_account AS "buyerBankAccount", i.buyer_email AS "buyerEmail", i.channel,
       i.issued_on::text AS "issuedOn", ${ts('i.issued_at')} AS "issuedAt", ${personOrNull('ib')} AS "issuedBy",
       i.replaces_id AS "replacesId",
       (SELECT n.id FROM invoices n WHERE n.company_id = i.company_id AND n.replaces_id = i.id) AS "replacedById",
       i.void_reason AS "voidReason", i.red_invoice_no AS "redInvoiceNo", ${ts('i.voided_at')} AS "voidedAt",
       ${personOrNull('vb')} AS "voidedBy",
       coalesce((SELECT json_agg(json_build_object('paymentId', ip.payment_id, 'no', p.no, 'amount', ip.amount::text,
                        'receivedOn', p.received_on::text, 'active', ip.active) ORDER BY p.received_at)
                   FROM invoice_payments ip
                   JOIN payments p ON p.company_id = ip.company_id AND p.id = ip.payment_id
                  WHERE ip.company_id = i.company_id AND ip.invoice_id = i.id), '[]'::json) AS payments
  FROM invoices i
  JOIN accounts a ON a.company_id = i.company_id AND a.id = i.account_id
  JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
  LEFT JOIN users ib ON ib.company_id = i.company_id AND ib.id = i.issued_by
  LEFT JOIN users vb ON vb.company_id = i.company_id AND vb.id = i.voided_by`;

export async function findInvoice(db: Queryable, companyId: string, id: string, lock = false) {
  const r = await db.query<Invoice>(
    `${SELECT} WHERE i.company_id = $1 AND i.id = $2${lock ? ' FOR UPDATE OF i' : ''}`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

const SORT_COLUMNS: Record<ListInvoicesQuery['sort'], string> = {
  issuedAt: 'i.issued_at',
  amount: 'i.amount',
  invoiceNo: 'i.invoice_no',
  accountNo: 'a.account_no',
};

export async function listInvoices(db: Queryable, companyId: string, q: ListInvoicesQuery) {
  const params: unknown[] = [companyId];
  const where = ['i.company_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.accountId) add('i.account_id = ?', q.accountId);
  if (q.accountNo) add('a.account_no = ?', q.accountNo);
  if (q.kind) add('i.kind = ?', q.kind);
  if (q.status) add('i.status = ?', q.status);
  if (q.channel) add('i.channel = ?', q.channel);
  if (q.from) add('i.issued_on >= ?', q.from);
  if (q.to) add('i.issued_on <= ?', q.to);
  if (q.q) add(`(i.invoice_no = ? OR i.buyer_tax_no = upper(?) OR i.buyer_title LIKE '%' || ? || '%')`, q.q);
  const cond = where.join(' AND ');
  const order = `${SORT_COLUMNS[q.sort]} ${q.order === 'asc' ? 'ASC' : 'DESC'}, i.id`;
  const [items, total] = await Promise.all([
    db.query<Invoice>(`${SELECT} WHERE ${cond} ORDER BY ${order} ${pageClause(q)}`, params),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM invoices i JOIN accounts a ON a.company_id = i.company_id AND a.id = i.account_id
        WHERE ${cond}`,
      params,
    ),
  ]);
  return { items: items.rows, total: total.rows[0]!.n, page: q.page, pageSize: q.pageSize };
}

export async function insertInvoice(
  db: Queryable,
  companyId: string,
  v: {
    id: string;
    kind: string;
    accountId: string;
    invoiceCode: string;
    invoiceNo: string;
    amount: string;
    taxRate: string;
    netAmount: string;
    taxAmount: string;
    buyerKind: string;
    buyer: {
      title: string;
      taxNo: string | null;
      address: string | null;
      phone: string | null;
      bankName: string | null;
      bankAccount: string | null;
      email: string | null;
    };
    channel: 'desk' | 'qr';
    issuedOn: string;
    issuedBy: string | null;
    replacesId: string | null;
  },
) {
  const b = v.buyer;
  await db.query(
    `INSERT INTO invoices (company_id, id, kind, account_id, invoice_code, invoice_no, amount, tax_rate, net_amount,
                           tax_amount, buyer_kind, buyer_title, buyer_tax_no, buyer_address, buyer_phone,
                           buyer_bank_name, buyer_bank_account, buyer_email, channel, issued_on, issued_by, replaces_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
    [
      companyId,
      v.id,
      v.kind,
      v.accountId,
      v.invoiceCode,
      v.invoiceNo,
      v.amount,
      v.taxRate,
      v.netAmount,
      v.taxAmount,
      v.buyerKind,
      b.title,
      b.taxNo,
      b.address,
      b.phone,
      b.bankName,
      b.bankAccount,
      b.email,
      v.channel,
      v.issuedOn,
      v.issuedBy,
      v.replacesId,
    ],
  );
}

/** Links the payments; false when one of them is invoiced already (the partial unique index). */
export async function linkPayments(
  db: Queryable,
  companyId: string,
  invoiceId: string,
  payments: { id: string; amount: string }[],
): Promise<boolean> {
  const r = await db.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO invoice_payments (company_id, invoice_id, payment_id, amount)
       SELECT $1, $2, x.id, x.amount FROM unnest($3::uuid[], $4::numeric[]) AS x(id, amount)
       ON CONFLICT (company_id, payment_id) WHERE active DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [companyId, invoiceId, payments.map((p) => p.id), payments.map((p) => p.amount)],
  );
  return r.rows[0]!.n === payments.length;
}

export async function markVoided(
  db: Queryable,
  companyId: string,
  id: string,
  v: { reason: string; redInvoiceNo: string | null; by: string },
) {
  await db.query(
    `UPDATE invoices SET status = 'voided', void_reason = $3, red_invoice_no = $4, voided_by = $5, voided_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, v.reason, v.redInvoiceNo, v.by],
  );
  await db.query(`UPDATE invoice_payments SET active = false WHERE company_id = $1 AND invoice_id = $2`, [
    companyId,
    id,
  ]);
}

/** The issued (not voided) invoice of a payment, if any. */
export async function activeInvoiceOf(db: Queryable, companyId: string, paymentId: string) {
  const r = await db.query<{ id: string }>(
    `SELECT invoice_id AS id FROM invoice_payments WHERE company_id = $1 AND payment_id = $2 AND active`,
    [companyId, paymentId],
  );
  return r.rows[0]?.id ?? null;
}

// ---------------------------------------------------------------- QR-code key and e-invoice numbers

export async function requestKey(db: Queryable, companyId: string, fresh: string): Promise<string> {
  await db.query(
    `INSERT INTO invoice_request_keys (company_id, secret) VALUES ($1, $2) ON CONFLICT (company_id) DO NOTHING`,
    [companyId, fresh],
  );
  const r = await db.query<{ secret: string }>(`SELECT secret FROM invoice_request_keys WHERE company_id = $1`, [
    companyId,
  ]);
  return r.rows[0]!.secret;
}

/** The company's key, if it has one (verification reads it, never makes one). */
export async function findRequestKey(db: Queryable, companyId: string): Promise<string | null> {
  const r = await db.query<{ secret: string }>(`SELECT secret FROM invoice_request_keys WHERE company_id = $1`, [
    companyId,
  ]);
  return r.rows[0]?.secret ?? null;
}

export async function nextSimNumber(db: Queryable, companyId: string, year: number): Promise<number> {
  const r = await db.query<{ n: string }>(
    `INSERT INTO e_invoice_sim_serials (company_id, year, last_no) VALUES ($1, $2, 1)
     ON CONFLICT (company_id, year) DO UPDATE SET last_no = e_invoice_sim_serials.last_no + 1
     RETURNING last_no::text AS n`,
    [companyId, year],
  );
  return Number(r.rows[0]!.n);
}

// ---------------------------------------------------------------- receipt numbers

export interface ReceiptNumber {
  series: string | null;
  number: string | null;
}

export async function findReceiptNumber(db: Queryable, companyId: string, paymentId: string) {
  const r = await db.query<ReceiptNumber>(
    `SELECT series, number FROM payment_receipt_numbers WHERE company_id = $1 AND payment_id = $2`,
    [companyId, paymentId],
  );
  return r.rows[0] ?? null;
}

export async function lockPayment(db: Queryable, companyId: string, paymentId: string) {
  const r = await db.query<{ id: string }>(`SELECT id FROM payments WHERE company_id = $1 AND id = $2 FOR UPDATE`, [
    companyId,
    paymentId,
  ]);
  return r.rows.length > 0;
}

export async function insertReceiptNumber(
  db: Queryable,
  companyId: string,
  v: { paymentId: string; series: string | null; number: string | null; fiscalNumberId: string | null; by: string },
) {
  await db.query(
    `INSERT INTO payment_receipt_numbers (company_id, payment_id, series, number, fiscal_number_id, printed_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [companyId, v.paymentId, v.series, v.number, v.fiscalNumberId, v.by],
  );
}

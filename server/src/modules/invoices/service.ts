/**
 * PAY-6 invoices (000 ch.9 §63, §68–71, annex 1). Rules, in the order they are checked:
 * - only from the system, against payments of ONE account (one or several);
 * - a payment is invoiced once: reversed payments never; a voided invoice frees its payments (the partial unique
 *   index on invoice_payments is the guard when two desks try at once);
 * - never across years: a payment of year Y cannot be invoiced in year Y+1 (400 CROSS_YEAR on `paymentIds`);
 * - within pay.invoiceWithinDays (30) of the payment's business date, Asia/Shanghai (400 OUTSIDE_WINDOW);
 *   a voided invoice may be re-issued once, for corrections, after the window too (never across years);
 * - amount = the payments' amounts, prepayment parts included (the customer paid them in gas money; the tax split
 *   uses pay.invoiceVatRate);
 * - buyer: residential = the customer's name, no special invoices; C&I (commercial, institutional) need the tax ID;
 *   special invoices also address, phone, bank and account;
 * - paper invoices take the issuer's next number of their invoice stock (fiscal-stock useNumber), e-invoices are
 *   numbered by the e-invoice service.
 */
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextNumber, useNumber, voidNumber } from '../fiscal-stock/service.js';
import { findCompany } from '../org/service.js';
import { eInvoiceService } from './einvoice.js';
import { InvoiceError } from './errors.js';
import type { AccountRow, PaymentRow } from './repo.js';
import * as repo from './repo.js';
import type { Buyer, InfoBody, Invoice, InvoiceKind, IssueBody, ListInvoicesQuery, ReissueBody } from './schemas.js';
import { verifyRequestToken } from './token.js';

export const KIND_ZH: Record<InvoiceKind, string> = {
  general: '增值税普通发票',
  special: '增值税专用发票',
  electronic: '电子发票（增值税普通发票）',
};
const STATUS_ZH: Record<string, string> = { issued: '已开具', voided: '已作废' };
/** The fiscal-stock kind of a paper invoice. */
const STOCK_KIND: Record<string, string> = { general: 'invoiceGeneral', special: 'invoiceSpecial' };
const ITEM = '*燃气*天然气';

export const isCommercial = (kind: string) => kind !== 'residential';

/** The last day a payment received on `receivedOn` may be invoiced: the window, never past 31 December. */
export function invoiceDeadline(receivedOn: string, withinDays: number): string {
  const end = addDays(receivedOn, withinDays);
  const yearEnd = `${receivedOn.slice(0, 4)}-12-31`;
  return end < yearEnd ? end : yearEnd;
}

/** Why a payment cannot be invoiced today (null: it can). Re-issues skip the window, never the year. */
function blockedBy(p: PaymentRow, today: string, withinDays: number, reissue = false): AppError | null {
  if (p.status !== 'posted') return InvoiceError('PAYMENT_REVERSED', { field: 'paymentIds', vars: { no: p.no } });
  if (p.invoiceId)
    return InvoiceError('ALREADY_INVOICED', {
      field: 'paymentIds',
      vars: { no: p.no, invoiceNo: p.invoiceNo ?? '' },
    });
  if (p.receivedOn.slice(0, 4) !== today.slice(0, 4))
    return InvoiceError('CROSS_YEAR', { field: 'paymentIds', vars: { no: p.no, year: p.receivedOn.slice(0, 4) } });
  if (!reissue && today > addDays(p.receivedOn, withinDays))
    return InvoiceError('OUTSIDE_WINDOW', {
      field: 'paymentIds',
      vars: { no: p.no, receivedOn: p.receivedOn, days: withinDays },
    });
  return null;
}

const withinDaysOf = (db: Queryable, companyId: string, today: string) =>
  policyValue(db, companyId, 'pay.invoiceWithinDays', today);

// ---------------------------------------------------------------- buyer

type ResolvedBuyer = {
  title: string;
  taxNo: string | null;
  address: string | null;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  email: string | null;
};

/** The buyer of an invoice of `kind` for the account; fields named `buyer.<name>` (or `<name>` when `flat`). */
export function resolveBuyer(account: AccountRow, kind: InvoiceKind, b: Buyer, prefix = 'buyer.'): ResolvedBuyer {
  const buyer: ResolvedBuyer = {
    title: b.title ?? account.customerName,
    taxNo: b.taxNo ?? null,
    address: b.address ?? null,
    phone: b.phone ?? null,
    bankName: b.bankName ?? null,
    bankAccount: b.bankAccount ?? null,
    email: b.email ?? null,
  };
  if (!isCommercial(account.customerKind)) {
    if (kind === 'special') throw InvoiceError('SPECIAL_NOT_RESIDENTIAL', { field: 'kind' });
    if (buyer.title !== account.customerName)
      throw InvoiceError('RESIDENTIAL_TITLE', { field: `${prefix}title`, vars: { name: account.customerName } });
    return buyer;
  }
  if (!buyer.taxNo) throw InvoiceError('TAX_NO_REQUIRED', { field: `${prefix}taxNo` });
  if (kind === 'special') {
    const needed: [keyof ResolvedBuyer, string, string][] = [
      ['address', '地址', 'address'],
      ['phone', '电话', 'phone'],
      ['bankName', '开户行', 'bank name'],
      ['bankAccount', '银行账号', 'bank account'],
    ];
    for (const [key, zh, en] of needed)
      if (!buyer[key])
        throw InvoiceError('SPECIAL_FIELD_REQUIRED', { field: `${prefix}${key}`, vars: { what: { zh, en } } });
  }
  return buyer;
}

/** 价税分离: amount includes VAT; tax = amount − amount / (1 + rate), to the fen. */
function taxSplit(amount: Decimal, rate: string) {
  const net = amount.div(new Decimal(1).plus(rate)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { net: net.toFixed(2), tax: amount.minus(net).toFixed(2) };
}

// ---------------------------------------------------------------- paper numbers

/** The issuer's stock number: the one they name, or the next of their open ranges (retried when taken meanwhile). */
async function takeStockNumber(
  tx: Tx,
  actor: Actor,
  kind: InvoiceKind,
  given: { series?: string; number?: string },
  reference: string,
): Promise<{ series: string; number: string }> {
  const stockKind = STOCK_KIND[kind]!;
  if (given.number) {
    const used = await useNumber(tx, actor, actor.userId!, stockKind, given.number, {
      series: given.series,
      reference,
    });
    return { series: used.series, number: used.number };
  }
  for (let attempt = 0; ; attempt++) {
    const next = await nextNumber(tx, actor.companyId, actor.userId!, stockKind);
    if (!next)
      throw InvoiceError('NO_INVOICE_STOCK', {
        field: 'number',
        vars: { kind: { zh: KIND_ZH[kind], en: kind === 'special' ? 'special VAT invoice' : 'VAT invoice' } },
      });
    try {
      const used = await useNumber(tx, actor, actor.userId!, stockKind, next.number, {
        series: next.series,
        reference,
      });
      return { series: used.series, number: used.number };
    } catch (err) {
      const taken = err instanceof AppError && (err.code === 'NUMBER_USED' || err.code === 'NUMBER_VOIDED');
      if (!taken || attempt >= 3) throw err;
    }
  }
}

// ---------------------------------------------------------------- issue

interface IssueOptions {
  channel?: 'desk' | 'qr';
  today?: string;
  /** The voided invoice this one re-issues (the window is waived, once). */
  replaces?: Invoice;
}

export async function issueInvoice(tx: Tx, actor: Actor, body: IssueBody, opts: IssueOptions = {}): Promise<Invoice> {
  const today = opts.today ?? businessToday();
  const channel = opts.channel ?? 'desk';
  const account = await repo.account(tx, actor.companyId, body.accountId, true);
  if (!account) throw InvoiceError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  const ids = [...new Set(body.paymentIds)];
  const payments = await repo.lockPayments(tx, actor.companyId, ids);
  for (const id of ids) {
    const p = payments.find((x) => x.id === id);
    if (!p) throw InvoiceError('PAYMENT_NOT_FOUND', { field: 'paymentIds', vars: { id } });
    if (p.accountId !== account.id) throw InvoiceError('PAYMENTS_OF_SEVERAL_ACCOUNTS', { field: 'paymentIds' });
  }
  const withinDays = await withinDaysOf(tx, actor.companyId, today);
  for (const p of payments) {
    const blocked = blockedBy(p, today, withinDays, Boolean(opts.replaces));
    if (blocked) throw blocked;
  }
  const buyer = resolveBuyer(account, body.kind, body.buyer);
  if (channel === 'qr' && !buyer.email) throw InvoiceError('EMAIL_REQUIRED', { field: 'email' });

  const amount = payments.reduce((s, p) => s.plus(p.amount), new Decimal(0));
  const rate = String(await policyValue(tx, actor.companyId, 'pay.invoiceVatRate', today));
  const { net, tax } = taxSplit(amount, rate);
  const id = randomUUID();
  let code: string;
  let no: string;
  if (body.kind === 'electronic') {
    try {
      const issued = await eInvoiceService().issue(tx, {
        companyId: actor.companyId,
        invoiceId: id,
        issuedOn: today,
        buyer: { title: buyer.title, taxNo: buyer.taxNo, email: buyer.email },
        amount: amount.toFixed(2),
        taxRate: rate,
        netAmount: net,
        taxAmount: tax,
        item: ITEM,
      });
      code = issued.code;
      no = issued.invoiceNo;
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw InvoiceError('E_INVOICE_FAILED', { vars: { message: (err as Error).message } });
    }
  } else {
    const taken = await takeStockNumber(tx, actor, body.kind, body, `invoice:${id}`);
    code = taken.series;
    no = taken.number;
  }
  await repo.insertInvoice(tx, actor.companyId, {
    id,
    kind: body.kind,
    accountId: account.id,
    invoiceCode: code,
    invoiceNo: no,
    amount: amount.toFixed(2),
    taxRate: rate,
    netAmount: net,
    taxAmount: tax,
    buyerKind: account.customerKind,
    buyer,
    channel,
    issuedOn: today,
    issuedBy: actor.userId,
    replacesId: opts.replaces?.id ?? null,
  });
  const linked = await repo.linkPayments(
    tx,
    actor.companyId,
    id,
    payments.map((p) => ({ id: p.id, amount: p.amount })),
  );
  if (!linked) {
    // Another desk invoiced one of them between our check and now: nothing of this one is kept.
    throw InvoiceError('ALREADY_INVOICED', { field: 'paymentIds', vars: { no: payments[0]!.no, invoiceNo: '' } });
  }
  const invoice = (await repo.findInvoice(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, {
    action: opts.replaces ? 'invoice.reissue' : 'invoice.issue',
    entityType: 'invoice',
    entityId: id,
    after: invoice,
  });
  return invoice;
}

// ---------------------------------------------------------------- void and re-issue

/**
 * 作废: a paper invoice in the month it was issued, all its parts (its stock number voided, cause `error`); an
 * e-invoice through the service (a red-letter credit note). The payments become invoiceable again.
 */
export async function voidInvoice(tx: Tx, actor: Actor, id: string, reason: string, today = businessToday()) {
  const before = await repo.findInvoice(tx, actor.companyId, id, true);
  if (!before) throw InvoiceError('NOT_FOUND');
  if (before.status !== 'issued')
    throw InvoiceError('WRONG_STATUS', {
      vars: {
        no: before.invoiceNo,
        status: { zh: STATUS_ZH[before.status]!, en: before.status },
        action: { zh: '作废', en: 'voided' },
      },
    });
  let redNo: string | null = null;
  if (before.kind === 'electronic') {
    const r = await eInvoiceService().void(tx, {
      companyId: actor.companyId,
      code: before.invoiceCode,
      invoiceNo: before.invoiceNo,
      reason,
    });
    redNo = r.redNo;
  } else {
    if (before.issuedOn.slice(0, 7) !== today.slice(0, 7))
      throw InvoiceError('VOID_MONTH_PASSED', { vars: { month: before.issuedOn.slice(0, 7) } });
    await voidNumber(
      tx,
      actor,
      {
        kind: STOCK_KIND[before.kind]!,
        series: before.invoiceCode,
        number: before.invoiceNo,
        cause: 'error',
        reason: `发票作废：${reason}`,
      },
      true,
    );
  }
  await repo.markVoided(tx, actor.companyId, id, { reason, redInvoiceNo: redNo, by: actor.userId! });
  const after = (await repo.findInvoice(tx, actor.companyId, id))!;
  await recordAudit(tx, actor, { action: 'invoice.void', entityType: 'invoice', entityId: id, before, after });
  return after;
}

/** 重开: a voided invoice is re-issued once, for the same payments (the 30-day window waived, never the year). */
export async function reissueInvoice(
  tx: Tx,
  actor: Actor,
  id: string,
  body: ReissueBody,
  today = businessToday(),
): Promise<Invoice> {
  const old = await repo.findInvoice(tx, actor.companyId, id, true);
  if (!old) throw InvoiceError('NOT_FOUND');
  if (old.status !== 'voided')
    throw InvoiceError('WRONG_STATUS', {
      vars: {
        no: old.invoiceNo,
        status: { zh: STATUS_ZH[old.status]!, en: old.status },
        action: { zh: '重开（请先作废）', en: 're-issued (void it first)' },
      },
    });
  if (old.replacedById) {
    const newer = await repo.findInvoice(tx, actor.companyId, old.replacedById);
    throw InvoiceError('ALREADY_REISSUED', { vars: { no: old.invoiceNo, newNo: newer?.invoiceNo ?? '' } });
  }
  return issueInvoice(
    tx,
    actor,
    {
      accountId: old.accountId,
      paymentIds: old.payments.map((p) => p.paymentId),
      kind: body.kind ?? old.kind,
      buyer: body.buyer,
      series: body.series,
      number: body.number,
    },
    { today, replaces: old },
  );
}

// ---------------------------------------------------------------- reads

export async function getInvoice(db: Queryable, companyId: string, id: string) {
  const i = await repo.findInvoice(db, companyId, id);
  if (!i) throw InvoiceError('NOT_FOUND');
  return i;
}

export const listInvoices = (db: Queryable, companyId: string, q: ListInvoicesQuery) =>
  repo.listInvoices(db, companyId, q);

/** 开具发票 screen: the account, its invoice info, and its recent payments with whether each can be invoiced. */
export async function accountInvoicing(db: Queryable, companyId: string, accountId: string, today = businessToday()) {
  const account = await repo.account(db, companyId, accountId);
  if (!account) throw InvoiceError('ACCOUNT_NOT_FOUND');
  const withinDays = await withinDaysOf(db, companyId, today);
  const [info, payments] = await Promise.all([
    repo.findInfo(db, companyId, accountId),
    repo.accountPayments(db, companyId, accountId, addDays(today, -(withinDays + 60))),
  ]);
  return {
    accountId,
    accountNo: account.accountNo,
    customerName: account.customerName,
    customerKind: account.customerKind,
    address: account.address,
    info,
    withinDays,
    payments: payments.map((p) => {
      const blocked = blockedBy(p, today, withinDays);
      return {
        id: p.id,
        no: p.no,
        amount: p.amount,
        prepayment: p.prepayment,
        receivedOn: p.receivedOn,
        status: p.status,
        deadline: invoiceDeadline(p.receivedOn, withinDays),
        invoiceable: blocked === null,
        blocked: blocked ? blocked.texts.zh : null,
        invoiceId: p.invoiceId,
        invoiceNo: p.invoiceNo,
      };
    }),
  };
}

// ---------------------------------------------------------------- invoice info

/**
 * 开票信息 change (000 §70): residential against the customer's ID number (it must match the record when the record
 * has one; the title is the customer's name), C&I against the tax ID (the proof is the new tax ID itself).
 */
export async function saveInfo(tx: Tx, actor: Actor, accountId: string, body: InfoBody) {
  const account = await repo.account(tx, actor.companyId, accountId, true);
  if (!account) throw InvoiceError('ACCOUNT_NOT_FOUND');
  if (isCommercial(account.customerKind)) {
    if (body.proofKind !== 'taxNo')
      throw InvoiceError('PROOF_KIND', {
        field: 'proofKind',
        vars: { kind: { zh: '工商业用户', en: 'C&I' }, proof: { zh: '纳税人识别号', en: 'tax ID' } },
      });
    if (!body.taxNo) throw InvoiceError('TAX_NO_REQUIRED', { field: 'taxNo' });
    // The tax ID presented must be the customer's on record (when the record has one), as the ID number is for
    // residential accounts; else typing the new tax ID twice would be "proof" of anything.
    if (account.taxNo && account.taxNo.toUpperCase() !== body.proofNo)
      throw InvoiceError('PROOF_MISMATCH', {
        field: 'proofNo',
        vars: { what: { zh: '所持纳税人识别号', en: 'tax ID presented' } },
      });
    if (body.proofNo !== body.taxNo)
      throw InvoiceError('PROOF_MISMATCH', {
        field: 'proofNo',
        vars: { what: { zh: '所持纳税人识别号与填写的税号', en: 'tax ID presented' } },
      });
  } else {
    if (body.proofKind !== 'idNo')
      throw InvoiceError('PROOF_KIND', {
        field: 'proofKind',
        vars: { kind: { zh: '居民用户', en: 'Residential' }, proof: { zh: '身份证件', en: 'ID number' } },
      });
    if (account.idNo && account.idNo.toUpperCase() !== body.proofNo)
      throw InvoiceError('PROOF_MISMATCH', {
        field: 'proofNo',
        vars: { what: { zh: '证件号码', en: 'ID number' } },
      });
    if (body.title !== account.customerName)
      throw InvoiceError('RESIDENTIAL_TITLE', { field: 'title', vars: { name: account.customerName } });
  }
  const before = await repo.findInfo(tx, actor.companyId, accountId);
  await repo.upsertInfo(tx, actor.companyId, accountId, {
    title: body.title,
    taxNo: body.taxNo ?? null,
    address: body.address ?? null,
    phone: body.phone ?? null,
    bankName: body.bankName ?? null,
    bankAccount: body.bankAccount ?? null,
    email: body.email ?? null,
    proofKind: body.proofKind,
    proofNo: body.proofNo,
    by: actor.userId!,
  });
  const after = (await repo.findInfo(tx, actor.companyId, accountId))!;
  await recordAudit(tx, actor, {
    action: 'invoice.infoChange',
    entityType: 'account',
    entityId: accountId,
    before: before ?? undefined,
    after,
  });
  return after;
}

// ---------------------------------------------------------------- the public e-invoice request (QR code)

const maskName = (name: string) => (name.length <= 1 ? name : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`);

async function openToken(db: Queryable, token: string, today: string) {
  const t = await verifyRequestToken(db, token);
  if (today > t.expiresOn) throw InvoiceError('TOKEN_EXPIRED', { vars: { expiresOn: t.expiresOn } });
  // Not locked here: issueInvoice locks the account, then the payment (the desk's and the reversal's order). Locking
  // the payment first made a QR request and a desk invoice (or a reversal) of the same payment deadlock (500).
  const [p] = await repo.paymentsById(db, t.companyId, [t.paymentId]);
  if (!p) throw InvoiceError('TOKEN_INVALID');
  return { ...t, payment: p };
}

/** What the QR page shows: the payment, masked name, the invoice info to prefill, the e-invoice when issued. */
export async function publicRequest(db: Queryable, token: string, today = businessToday()) {
  const t = await verifyRequestToken(db, token);
  const [p] = await repo.paymentsById(db, t.companyId, [t.paymentId]);
  if (!p) throw InvoiceError('TOKEN_INVALID');
  const [account, company, info, invoiceId] = await Promise.all([
    repo.account(db, t.companyId, p.accountId),
    findCompany(db, t.companyId),
    repo.findInfo(db, t.companyId, p.accountId),
    p.invoiceId,
  ]);
  const invoice = invoiceId ? await repo.findInvoice(db, t.companyId, invoiceId) : null;
  if (!invoice && today > t.expiresOn) throw InvoiceError('TOKEN_EXPIRED', { vars: { expiresOn: t.expiresOn } });
  return {
    companyName: company?.name ?? '',
    paymentNo: p.no,
    accountNo: account!.accountNo,
    customerName: maskName(account!.customerName),
    customerKind: account!.customerKind,
    amount: p.amount,
    receivedOn: p.receivedOn,
    expiresOn: t.expiresOn,
    title: isCommercial(account!.customerKind) ? (info?.title ?? null) : maskName(account!.customerName),
    taxNo: info?.taxNo ?? null,
    invoice: invoice
      ? {
          kind: invoice.kind,
          invoiceCode: invoice.invoiceCode,
          invoiceNo: invoice.invoiceNo,
          amount: invoice.amount,
          issuedOn: invoice.issuedOn,
          status: invoice.status,
          // A residential invoice is made out to the customer: masked like the name above.
          buyerTitle: isCommercial(invoice.buyerKind) ? invoice.buyerTitle : maskName(invoice.buyerTitle),
        }
      : null,
  };
}

/**
 * The customer asks for the e-invoice of the payment of the token: title and tax ID (C&I; residential invoices are
 * made out to the customer) and the e-mail. The actor is the QR channel (no user).
 */
export async function publicIssue(
  tx: Tx,
  token: string,
  body: { title?: string; taxNo?: string; email?: string },
  meta: { ip?: string; requestId?: string },
  today = businessToday(),
) {
  const t = await openToken(tx, token, today);
  const actor: Actor = {
    companyId: t.companyId,
    userId: null,
    name: '电子发票自助开具（二维码）',
    ip: meta.ip ?? null,
    requestId: meta.requestId ?? null,
  };
  const account = (await repo.account(tx, t.companyId, t.payment.accountId))!;
  const info = await repo.findInfo(tx, t.companyId, account.id);
  const commercial = isCommercial(account.customerKind);
  const invoice = await issueInvoice(
    tx,
    actor,
    {
      accountId: account.id,
      paymentIds: [t.payment.id],
      kind: 'electronic',
      buyer: {
        // Residential: the customer's name always (the page shows it masked).
        title: commercial ? (body.title ?? info?.title) : account.customerName,
        taxNo: commercial ? (body.taxNo ?? info?.taxNo ?? undefined) : undefined,
        email: body.email,
      },
    },
    { channel: 'qr', today },
  ).catch((err: unknown) => {
    // The page names its own fields (title, taxNo, email), not the desk's buyer.*.
    if (err instanceof AppError)
      for (const f of err.fieldTexts) if (f.path.startsWith('buyer.')) f.path = f.path.slice('buyer.'.length);
    throw err;
  });
  return invoice;
}

/** The issued e-invoice of the token's payment (for its document). */
export async function publicInvoice(db: Queryable, token: string) {
  const t = await verifyRequestToken(db, token);
  const id = await repo.activeInvoiceOf(db, t.companyId, t.paymentId);
  const invoice = id ? await repo.findInvoice(db, t.companyId, id) : null;
  if (invoice?.kind !== 'electronic') throw InvoiceError('NOT_FOUND');
  return { companyId: t.companyId, invoice };
}

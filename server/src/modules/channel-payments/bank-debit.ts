import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Db, Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { enqueueTask, registerTask } from '../../platform/jobs/registry.js';
import { sendMessage } from '../../platform/notify/messages-service.js';
import * as payRepo from '../payments/repo.js';
import { accountDebts, postPaymentIn } from '../payments/service.js';
import { parseCsv } from '../readings/exchange.js';
import { ChannelPaymentError } from './errors.js';
import * as repo from './repo.js';
import type { DebitBatch, ListBatchesQuery, ListMandatesQuery, NewMandate } from './schemas.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A bank account number as lists show it: 6222 **** 1234. */
export function maskedAccountNo(no: string): string {
  return no.length <= 8 ? `**** ${no.slice(-4)}` : `${no.slice(0, 4)} **** ${no.slice(-4)}`;
}

const mandateDto = (m: repo.MandateRow) => ({
  ...m,
  bankAccountNo: maskedAccountNo(m.bankAccountNo),
  createdAt: m.createdAt.toISOString(),
  cancelledAt: iso(m.cancelledAt),
});

/** The actor of the payments a bank debit posts: the channel, no cashier (numbers DK-…). */
const debitActor = (actor: Actor): Actor => ({ ...actor, userId: null, name: `银行代扣（${actor.name ?? ''}导入）` });

// ---- Mandates ----

/** PAY-1: a debit mandate (银行代扣协议) signed at the hall; one active per account. */
export async function createMandate(tx: Tx, actor: Actor, body: NewMandate) {
  const head = await payRepo.accountHead(tx, actor.companyId, body.accountId, true);
  if (!head) throw ChannelPaymentError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  const existing = await repo.activeMandateOf(tx, actor.companyId, head.id);
  if (existing) {
    throw ChannelPaymentError('MANDATE_EXISTS', {
      field: 'accountId',
      vars: { accountNo: head.accountNo, bankName: existing.bankName },
    });
  }
  const id = randomUUID();
  await repo.insertMandate(tx, actor.companyId, { id, ...body, accountId: head.id, createdBy: actor.userId! });
  await recordAudit(tx, actor, {
    action: 'channelPayment.mandate.create',
    entityType: 'debitMandate',
    entityId: id,
    after: {
      accountId: head.id,
      accountNo: head.accountNo,
      bankCode: body.bankCode,
      bankName: body.bankName,
      bankAccountNo: maskedAccountNo(body.bankAccountNo),
      holderName: body.holderName,
    },
  });
  return mandateDto((await repo.findMandate(tx, actor.companyId, id))!);
}

export async function cancelMandate(tx: Tx, actor: Actor, id: string) {
  const m = await repo.findMandate(tx, actor.companyId, id, true);
  if (!m) throw ChannelPaymentError('MANDATE_NOT_FOUND');
  if (m.status !== 'active') throw ChannelPaymentError('MANDATE_CANCELLED');
  await repo.cancelMandate(tx, actor.companyId, id);
  await recordAudit(tx, actor, {
    action: 'channelPayment.mandate.cancel',
    entityType: 'debitMandate',
    entityId: id,
    before: { status: 'active' },
    after: { status: 'cancelled' },
  });
  return mandateDto((await repo.findMandate(tx, actor.companyId, id))!);
}

export async function listMandates(db: Queryable, companyId: string, q: ListMandatesQuery) {
  const { items, total } = await repo.listMandates(db, companyId, q);
  return { items: items.map(mandateDto), total, page: q.page, pageSize: q.pageSize };
}

// ---- Batches ----

const batchDto = (b: repo.BatchRow): DebitBatch => ({
  ...b,
  createdAt: b.createdAt.toISOString(),
  resultsAt: iso(b.resultsAt),
});

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export const BUILD_TASK = 'channelPayments.buildDebitBatch';
const BUILD_CHUNK = 100;

/**
 * PAY-1: a batch debit run for a debit date: one batch per bank over its active mandates, built in the
 * background (buildBatch). A bank is run once per date: the unique key refuses a second run (409), also when two
 * clerks start it at once.
 */
export async function createBatches(
  tx: Tx,
  actor: Actor,
  body: { debitDate: string; bankCode?: string },
): Promise<DebitBatch[]> {
  const mandates = await repo.activeMandates(tx, actor.companyId, body.bankCode);
  if (!mandates.length) throw ChannelPaymentError('NO_MANDATES', { field: body.bankCode ? 'bankCode' : 'debitDate' });
  const byBank = new Map<string, string[]>();
  for (const m of mandates) byBank.set(m.bankCode, [...(byBank.get(m.bankCode) ?? []), m.id]);
  const day = body.debitDate.replaceAll('-', '');
  const ids: string[] = [];
  for (const [bank, mandateIds] of byBank) {
    const no = `BD${day}${bank}`;
    const id = randomUUID();
    try {
      await repo.insertBatch(tx, actor.companyId, {
        id,
        no,
        bankCode: bank,
        debitDate: body.debitDate,
        mandateIds,
        createdBy: actor.userId!,
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw ChannelPaymentError('BATCH_EXISTS', { field: 'debitDate', vars: { bank, date: body.debitDate, no } });
    }
    await enqueueTask(tx, { companyId: actor.companyId, kind: BUILD_TASK, payload: { batchId: id }, dedupeKey: id });
    await recordAudit(tx, actor, {
      action: 'channelPayment.batch.create',
      entityType: 'debitBatch',
      entityId: id,
      after: { no, bankCode: bank, debitDate: body.debitDate, mandates: mandateIds.length },
    });
    ids.push(id);
  }
  return Promise.all(ids.map(async (id) => batchDto((await repo.findBatch(tx, actor.companyId, id))!)));
}

/**
 * Builds a batch's lines, a chunk of mandates per transaction (the list shows how far it got): one line per
 * mandate still active whose account owes something now (open debts with late fees to today, less prepayment).
 * A retried build resumes after the last committed chunk.
 */
export async function buildBatch(db: Db, companyId: string, id: string): Promise<{ lines: number }> {
  for (;;) {
    const finished = await db.tx(async (tx) => {
      const b = await repo.lockBuild(tx, companyId, id);
      if (b?.status !== 'building') return true;
      const chunk = b.mandateIds.slice(b.mandatesDone, b.mandatesDone + BUILD_CHUNK);
      const lines: repo.NewLine[] = [];
      for (const m of await repo.mandatesByIds(tx, companyId, chunk)) {
        if (m.status !== 'active') continue;
        // Less what an earlier run still asks the bank for (results not back yet): a debt is debited once, not
        // again by every run until its results are imported.
        const due = new Decimal((await accountDebts(tx, companyId, m.accountId)).totalDue).minus(
          await repo.pendingDebitOf(tx, companyId, m.accountId, id),
        );
        if (due.lte(0)) continue;
        const lineNo = b.lineCount + lines.length + 1;
        lines.push({
          lineNo,
          reference: `${b.no}-${String(lineNo).padStart(6, '0')}`,
          mandateId: m.id,
          accountId: m.accountId,
          bankAccountNo: m.bankAccountNo,
          holderName: m.holderName,
          amount: due.toFixed(2),
        });
      }
      await repo.insertLines(tx, companyId, id, lines);
      const amount = lines.reduce((s, l) => s.plus(l.amount), new Decimal(0)).toFixed(2);
      await repo.advanceBuild(tx, companyId, id, { mandates: chunk.length, lines: lines.length, amount });
      return b.mandatesDone + chunk.length >= b.mandateIds.length;
    });
    if (finished) break;
  }
  const b = await repo.findBatch(db, companyId, id);
  return { lines: b?.lineCount ?? 0 };
}

registerTask<{ batchId: string }>({
  kind: BUILD_TASK,
  maxAttempts: 5,
  backoffSeconds: 5,
  async run(ctx, payload) {
    return { batchId: payload.batchId, ...(await buildBatch(ctx.db, ctx.companyId, payload.batchId)) };
  },
});

export async function getBatch(db: Queryable, companyId: string, id: string) {
  const b = await repo.findBatch(db, companyId, id);
  if (!b) throw ChannelPaymentError('BATCH_NOT_FOUND');
  return batchDto(b);
}

export async function listBatches(db: Queryable, companyId: string, q: ListBatchesQuery) {
  const { items, total } = await repo.listBatches(db, companyId, q);
  return { items: items.map(batchDto), total, page: q.page, pageSize: q.pageSize };
}

export async function listLines(
  db: Queryable,
  companyId: string,
  id: string,
  q: { status?: 'pending' | 'succeeded' | 'failed'; page: number; pageSize: number },
) {
  await getBatch(db, companyId, id);
  const { items, total } = await repo.batchLines(db, companyId, id, q);
  return {
    items: items.map(({ customerMobile: _m, paymentId: _p, ...l }) => ({
      ...l,
      bankAccountNo: maskedAccountNo(l.bankAccountNo),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The columns of the file to the bank and of its results file back. */
export const FILE_COLUMNS = ['参考号', '银行账号', '户名', '用户号', '金额'] as const;
export const RESULT_COLUMNS = [
  { key: 'reference', zh: '参考号', en: 'reference' },
  { key: 'status', zh: '结果', en: 'status' },
  { key: 'amount', zh: '金额', en: 'amount' },
  { key: 'reason', zh: '失败原因', en: 'reason' },
] as const;

function csvCell(v: string): string {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The file to the bank: UTF-8 CSV with a BOM, one line per debit (reference, bank account, holder, gas account,
 * amount). Its full bank account numbers make every download an audited event.
 */
export async function batchFile(tx: Tx, actor: Actor, id: string): Promise<{ no: string; csv: string }> {
  const b = await getBatch(tx, actor.companyId, id);
  if (b.status === 'building') throw ChannelPaymentError('BATCH_BUILDING', { vars: { no: b.no } });
  const { items } = await repo.batchLines(tx, actor.companyId, id);
  const lines = [FILE_COLUMNS.join(',')];
  for (const l of items) {
    lines.push([l.reference, l.bankAccountNo, l.holderName, l.accountNo, l.amount].map(csvCell).join(','));
  }
  await recordAudit(tx, actor, {
    action: 'channelPayment.batch.download',
    entityType: 'debitBatch',
    entityId: id,
    after: { no: b.no, lineCount: items.length },
  });
  return { no: b.no, csv: `\ufeff${lines.join('\r\n')}\r\n` };
}

const SUCCESS = new Set(['success', 'succeeded', 's', '成功', '0000']);
const FAILURE = new Set(['failure', 'failed', 'fail', 'f', '失败']);

interface RowError {
  line: number;
  field: string;
  message: string;
  messageEn: string;
}

interface ResultRow {
  line: number;
  item: repo.LineRow;
  status: 'succeeded' | 'failed';
  reason: string | null;
}

/** One results row against its batch line: the result, or the problem (field, zh, en). */
function checkRow(
  cell: (k: string) => string,
  byRef: Map<string, repo.LineRow>,
  seen: Set<string>,
): Omit<ResultRow, 'line'> | { problem: [string, string, string] } {
  const ref = cell('reference');
  const item = byRef.get(ref);
  if (!item)
    return { problem: ['reference', `参考号「${ref}」不属于本批次`, `reference "${ref}" is not in this batch`] };
  if (seen.has(ref)) return { problem: ['reference', `参考号「${ref}」重复`, `reference "${ref}" appears twice`] };
  seen.add(ref);
  const s = cell('status').toLowerCase();
  const status = SUCCESS.has(s) ? 'succeeded' : FAILURE.has(s) ? 'failed' : null;
  if (!status)
    return { problem: ['status', '结果应为 成功/失败（success/failure）', 'status must be success or failure'] };
  const amount = cell('amount');
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(amount) || !new Decimal(amount).eq(item.amount)) {
    return {
      problem: [
        'amount',
        `金额「${amount}」与代扣金额 ${item.amount} 不符`,
        `amount "${amount}" is not ${item.amount}`,
      ],
    };
  }
  const reason = cell('reason') || null;
  if (status === 'failed' && !reason)
    return { problem: ['reason', '失败行须填写失败原因', 'a failed line needs its reason'] };
  if (reason && reason.length > 100) {
    return { problem: ['reason', '失败原因最多 100 字', 'the reason has at most 100 characters'] };
  }
  if (item.status !== 'pending' && item.status !== status) {
    const was = item.status === 'succeeded' ? '成功' : '失败';
    return {
      problem: [
        'status',
        `参考号「${ref}」已导入为「${was}」，不能改为其他结果`,
        `reference "${ref}" was imported as ${item.status} already`,
      ],
    };
  }
  return { item, status, reason: status === 'failed' ? reason : null };
}

/** The rows of a results file checked, all of them: every problem with its line number. */
function checkResults(text: string, lines: repo.LineRow[]): { rows: ResultRow[]; errors: RowError[] } {
  const all = parseCsv(text);
  if (all.length < 2) throw ChannelPaymentError('RESULTS_EMPTY', { field: 'file' });
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');
  const head = all[0]!.map(norm);
  const at = new Map<string, number>();
  for (const c of RESULT_COLUMNS) {
    const i = head.findIndex((h) => h === norm(c.zh) || h === norm(c.en));
    if (i >= 0) at.set(c.key, i);
  }
  const missing = RESULT_COLUMNS.filter((c) => c.key !== 'reason' && !at.has(c.key));
  if (missing.length) {
    throw ChannelPaymentError('RESULTS_COLUMNS', {
      field: 'file',
      vars: { columns: missing.map((c) => `${c.zh} ${c.en}`).join(', ') },
    });
  }
  const byRef = new Map(lines.map((l) => [l.reference, l]));
  const seen = new Set<string>();
  const rows: ResultRow[] = [];
  const errors: RowError[] = [];
  for (const [i, cells] of all.slice(1).entries()) {
    const line = i + 2;
    const cell = (k: string) => (at.has(k) ? (cells[at.get(k)!] ?? '').trim() : '');
    const checked = checkRow(cell, byRef, seen);
    if ('problem' in checked) {
      const [field, zh, en] = checked.problem;
      errors.push({ line, field, message: `第 ${line} 行：${zh}`, messageEn: `Line ${line}: ${en}` });
    } else rows.push({ line, ...checked });
  }
  return { rows, errors };
}

/**
 * PAY-1: the bank's results file, in one transaction: any bad row refuses the whole file (400, the rows with
 * their line numbers, nothing posted). Each success posts a bank-debit payment under a key of batch and line,
 * each failure queues the customer's SMS notice; a line settled by an earlier upload changes nothing, so the same
 * file uploaded twice posts once.
 */
export async function importResults(tx: Tx, actor: Actor, id: string, body: Buffer) {
  const batch = await repo.lockBatch(tx, actor.companyId, id);
  if (!batch) throw ChannelPaymentError('BATCH_NOT_FOUND');
  if (batch.status === 'building') throw ChannelPaymentError('BATCH_BUILDING', { vars: { no: batch.no } });
  const { items } = await repo.batchLines(tx, actor.companyId, id);
  const { rows, errors } = checkResults(body.toString('utf8'), items);
  if (errors.length) {
    throw ChannelPaymentError('RESULTS_REJECTED', {
      field: 'file',
      vars: { rows: new Set(errors.map((x) => x.line)).size },
      details: { rows: errors.slice(0, 200) },
    });
  }
  let succeeded = 0;
  let failed = 0;
  let unchanged = 0;
  let noticesQueued = 0;
  const channel = debitActor(actor);
  for (const r of rows) {
    if (r.item.status !== 'pending') {
      unchanged++;
      continue;
    }
    if (r.status === 'succeeded') {
      const posted = await postPaymentIn(
        tx,
        channel,
        `bd-${id}-${r.item.lineNo}`,
        {
          accountId: r.item.accountId,
          tenders: [{ method: 'bankDebit', amount: r.item.amount, reference: r.item.reference }],
          note: `银行代扣 ${batch.no}`,
        },
        'bankDebit',
      );
      await repo.setLineResult(tx, actor.companyId, id, r.item.lineNo, {
        status: 'succeeded',
        paymentId: posted.id,
        failureReason: null,
        noticeMessageId: null,
        noticeSkipped: null,
      });
      succeeded++;
    } else {
      const notice = await failureNotice(tx, actor, r.item, r.reason ?? '');
      if (notice.messageId) noticesQueued++;
      await repo.setLineResult(tx, actor.companyId, id, r.item.lineNo, {
        status: 'failed',
        paymentId: null,
        failureReason: r.reason,
        noticeMessageId: notice.messageId,
        noticeSkipped: notice.skipped,
      });
      failed++;
    }
  }
  await repo.settleBatch(tx, actor.companyId, id);
  await recordAudit(tx, actor, {
    action: 'channelPayment.batch.results',
    entityType: 'debitBatch',
    entityId: id,
    after: { no: batch.no, rows: rows.length, succeeded, failed, unchanged, noticesQueued },
  });
  return { batchId: id, rows: rows.length, succeeded, failed, unchanged, noticesQueued };
}

/** The customer's SMS for a failed debit (bankDebitFailed); without a mobile or template it says why not. */
async function failureNotice(
  tx: Tx,
  actor: Actor,
  l: repo.LineRow,
  reason: string,
): Promise<{ messageId: string | null; skipped: string | null }> {
  if (!l.customerMobile) return { messageId: null, skipped: 'noMobile' };
  try {
    const m = await sendMessage(tx, actor, {
      channel: 'sms',
      templateCode: 'bankDebitFailed',
      recipient: l.customerMobile,
      customerRef: l.accountNo,
      variables: { customerName: l.customerName, accountNo: l.accountNo, amount: l.amount, reason },
    });
    return { messageId: m.id, skipped: null };
  } catch (err) {
    if (err instanceof AppError && (err.code === 'TEMPLATE_DISABLED' || err.code === 'TEMPLATE_NOT_FOUND')) {
      return { messageId: null, skipped: 'templateDisabled' };
    }
    throw err;
  }
}

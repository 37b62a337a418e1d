import { Readable } from 'node:stream';
import { Decimal } from 'decimal.js';
import type { Db, Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import type { Lang } from '../../platform/errors.js';
import { policyValue } from '../../platform/policy/policy.js';
import { noticeDocument } from '../../platform/print/document.js';
import type { RegisteredNotice } from '../../platform/print/registry.js';
import { findOverride } from '../../platform/print/repo.js';
import { effectiveTemplate, requireNotice } from '../../platform/print/service.js';
import { type Node, renderTemplate } from '../../platform/print/template.js';
import { type AccountLateFees, daysBetween, lateFeesOf, lateFeeWording } from '../late-fees/accrual.js';
import { findCompany } from '../org/service.js';
import { NoticeError } from './errors.js';
import {
  type AreaNoticeVars,
  type BillNoticeVars,
  NOTICE_CODES,
  NOTICE_NAMES,
  registerBillingNotices,
} from './notices.js';
import * as repo from './repo.js';
import type { BatchFilters, NoticeKind, NoticePaper, PrintBatch } from './schemas.js';

/** Bills one batch may print: a book or an area at a time, not a whole city in one browser tab. */
export const MAX_BATCH_BILLS = 5000;
/** A PDF is made in one Chromium page: kept smaller. */
export const MAX_PDF_BILLS = 1000;
/** Bills loaded and rendered at a time while a batch streams out. */
const CHUNK = 200;

// ---------------------------------------------------------------- formatting

const DIGITS = '零一二三四五六七八九';
/** 30 → 三十, 20 → 二十, 15 → 十五 (the deadline as the rulebook's notices write it). */
export function chineseDays(n: number): string {
  if (n < 0 || n >= 1000 || !Number.isInteger(n)) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let out = h ? `${DIGITS[h]}百` : '';
  if (t) out += `${h || t > 1 ? DIGITS[t] : ''}十`;
  else if (h && u) out += '零';
  if (u || !out) out += DIGITS[u];
  return out;
}

const TIER_WORDS = [
  '',
  '第一阶梯',
  '第二阶梯',
  '第三阶梯',
  '第四阶梯',
  '第五阶梯',
  '第六阶梯',
  '第七阶梯',
  '第八阶梯',
  '第九阶梯',
];

/** 340.000 → 340, 12.500 → 12.5 */
function qty(v: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  return new Decimal(v).toFixed(3).replace(/\.?0+$/, '');
}

/** 3‰ from 0.003 */
function permille(rate: string): string {
  return `${new Decimal(rate).times(1000).toString()}‰`;
}

const money = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

// ---------------------------------------------------------------- variables

interface PrintContext {
  companyName: string;
  hotline: string;
  today: string;
  rateOf: (kind: repo.NoticeRow['customerKind']) => string;
  /** The days to pay a bill of the kind (a bill with nothing to pay has no due date of its own). */
  dueDaysOf: (kind: repo.NoticeRow['customerKind']) => number;
}

async function printContext(db: Queryable, companyId: string): Promise<PrintContext> {
  const today = businessToday();
  const [company, hotline, residential, commercial, institutional, residentialDays, commercialDays] = await Promise.all(
    [
      findCompany(db, companyId),
      policyValue(db, companyId, 'svc.hotline', today),
      lateFeeWording(db, companyId, 'residential', today),
      lateFeeWording(db, companyId, 'commercial', today),
      lateFeeWording(db, companyId, 'institutional', today),
      policyValue(db, companyId, 'bil.residentialDueDays', today),
      policyValue(db, companyId, 'bil.commercialDueDays', today),
    ],
  );
  const rates = { residential: residential.rate, commercial: commercial.rate, institutional: institutional.rate };
  return {
    companyName: company?.name ?? '',
    hotline: String(hotline),
    today,
    rateOf: (k) => rates[k],
    dueDaysOf: (k) => Number(k === 'residential' ? residentialDays : commercialDays),
  };
}

/** What the notices of some bills need beyond the bills: late fees and arrears to date, balances, tier names. */
interface Accounts {
  lateFees: Map<string, AccountLateFees>;
  balances: Map<string, string>;
  tiered: Set<string>;
}

async function accountsOf(db: Queryable, companyId: string, rows: repo.NoticeRow[], today: string): Promise<Accounts> {
  const ids = rows.map((r) => r.accountId);
  const tariffIds = [...new Set(rows.flatMap((r) => r.lines.flatMap((l) => (l.tariffId ? [l.tariffId] : []))))];
  const [lateFees, balances, tiered] = await Promise.all([
    lateFeesOf(db, companyId, ids, today),
    repo.balancesOf(db, companyId, ids),
    repo.tieredTariffs(db, companyId, tariffIds),
  ]);
  return { lateFees, balances, tiered };
}

function billVars(row: repo.NoticeRow, ctx: PrintContext, acc: Accounts): BillNoticeVars {
  const fees = acc.lateFees.get(row.accountId);
  // Earlier arrears: what is overdue today of every debt but this bill (this bill is the notice's own amount).
  const arrears = (fees?.debts ?? [])
    .filter((d) => d.days > 0 && new Decimal(d.open).gt(0) && !(d.kind === 'bill' && d.period === row.period))
    .reduce((sum, d) => sum.plus(d.open), new Decimal(0));
  const lateFee = new Decimal(fees?.lateFee ?? 0);
  const balance = Decimal.max(0, new Decimal(acc.balances.get(row.accountId) ?? 0));
  const first = row.meters[0];
  const readerNo = first?.readerNo ?? row.bookReaderNo ?? '';
  return {
    companyName: ctx.companyName,
    noticeNo: `${row.period.replace('-', '')}-${row.accountNo}`,
    accountNo: row.accountNo,
    customerName: row.customerName,
    address: row.address,
    usageNature: row.usageNatureName,
    period: row.period,
    fromDate: row.fromDate,
    readOn: row.readOn,
    estimated: row.estimated,
    meters: row.meters.map((m) => ({
      serial: m.serial,
      month: String(Number(m.readOn.slice(5, 7))),
      day: String(Number(m.readOn.slice(8, 10))),
      previousReadOn: m.previousReadOn ?? '',
      previousReading: qty(m.previousReading),
      readOn: m.readOn,
      reading: qty(m.reading),
      volume: qty(m.volume),
    })),
    volume: qty(row.volume),
    lines: row.lines.map((l) =>
      l.kind === 'estimateCredit'
        ? // BIL-6: the true-up takes back what the estimates since the last actual reading billed.
          { label: '冲减估抄气量', from: '', to: '', volume: qty(l.volume), price: '', amount: l.amount }
        : {
            label: acc.tiered.has(l.tariffId!) ? (TIER_WORDS[l.tier!] ?? `第${l.tier}阶梯`) : '单价',
            from: l.from ?? '',
            to: l.to ?? '',
            volume: qty(l.volume),
            price: l.price ?? '',
            amount: l.amount,
          },
    ),
    amount: row.amount,
    arrears: money(arrears),
    lateFee: money(lateFee),
    totalDue: money(balance.plus(lateFee)),
    // A bill with nothing to pay (zero use, or a true-up credit) has no due date.
    dueOn: row.dueOn ?? '无需缴费',
    dueDaysText: chineseDays(row.dueOn ? daysBetween(row.readOn, row.dueOn) : ctx.dueDaysOf(row.customerKind)),
    lateFeeRate: permille(ctx.rateOf(row.customerKind)),
    readerNo,
    readerName: first?.readerName ?? row.bookReaderName ?? '',
    readerPhone: first?.readerPhone ?? row.bookReaderPhone ?? '',
    hotline: ctx.hotline,
    printDate: ctx.today,
  };
}

function dateText(ymd: string): string {
  return `${Number(ymd.slice(0, 4))}年${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`;
}

function areaVars(rows: repo.NoticeRow[], ctx: PrintContext): AreaNoticeVars {
  const first = rows[0]!;
  const total = rows.reduce((s, r) => s.plus(r.amount), new Decimal(0));
  const volume = rows.reduce((s, r) => s.plus(r.volume), new Decimal(0));
  // The deadline the notice states: the shortest of its bills (they are read on the same round).
  const days = Math.min(...rows.map((r) => (r.dueOn ? daysBetween(r.readOn, r.dueOn) : ctx.dueDaysOf(r.customerKind))));
  const areaName = first.area ?? [first.community, first.building ? `${first.building}号楼` : ''].join('');
  const reading = (r: repo.NoticeRow, key: 'previousReading' | 'reading') =>
    r.meters.map((m) => qty(m[key])).join(' / ');
  return {
    companyName: ctx.companyName,
    noticeNo: `${first.period.replace('-', '')}-${first.bookCode ?? first.accountNo}`,
    areaName,
    bookCode: first.bookCode ?? '',
    bookName: first.bookName ?? areaName,
    period: first.period,
    dueDaysText: chineseDays(days),
    lateFeeRate: permille(ctx.rateOf(first.customerKind)),
    rows: rows.map((r) => ({
      place: r.place,
      accountNo: r.accountNo,
      previousReading: reading(r, 'previousReading'),
      reading: reading(r, 'reading'),
      volume: qty(r.volume),
      amount: r.amount,
      dueOn: r.dueOn ?? '无需缴费',
    })),
    count: String(rows.length),
    volume: qty(volume.toFixed(3)),
    amount: money(total),
    readerNo: first.meters[0]?.readerNo ?? first.bookReaderNo ?? '',
    hotline: ctx.hotline,
    printDate: dateText(ctx.today),
  };
}

// ---------------------------------------------------------------- one bill

function noticeKindOfRow(row: repo.NoticeRow): 'payment' | 'ci' {
  return row.customerKind === 'residential' ? 'payment' : 'ci';
}

/** The variables of the payment or C&I notice of one bill of the principal's company. */
export async function billNoticeVars(
  db: Queryable,
  companyId: string,
  billId: string,
  kind?: 'payment' | 'ci',
): Promise<BillNoticeVars> {
  const [row] = await repo.noticeRows(db, companyId, [billId]);
  if (!row) throw NoticeError('BILL_NOT_FOUND');
  if (kind && noticeKindOfRow(row) !== kind)
    throw NoticeError('WRONG_NOTICE', {
      field: 'subjectId',
      vars: { accountNo: row.accountNo, period: row.period, notice: NOTICE_NAMES[kind].zh },
    });
  const ctx = await printContext(db, companyId);
  return billVars(row, ctx, await accountsOf(db, companyId, [row], ctx.today));
}

registerBillingNotices((kind) => ({
  permission: 'billing.notice.print',
  load: (db, principal: Principal, id) => billNoticeVars(db, principal.companyId, id, kind),
}));

// ---------------------------------------------------------------- the document

const MARK = '<!--hearth-sheets-->';
const SLOT = /<main class="sheet" id="notice">\s*<!--hearth-sheets-->\s*<\/main>/;
/** Every notice on its own sheet: a page break before each but the first. */
const BREAKS = '<style>.sheet + .sheet { break-before: page; page-break-before: always; }</style></head>';

/** The platform's page around notices (fonts, paper, print button), split where the sheets go. */
function shell(
  def: RegisteredNotice,
  lang: Lang,
  scriptNonce?: string,
  autoprint = false,
): { head: string; tail: string } {
  const doc = noticeDocument({
    title: lang === 'en' ? def.name.en : def.name.zh,
    paper: def.paper,
    body: MARK,
    lang,
    sample: false,
    scriptNonce,
  });
  const m = SLOT.exec(doc);
  if (!m) throw new Error('The print platform’s page has no slot for sheets');
  let tail = doc.slice(m.index + m[0].length);
  if (autoprint && scriptNonce)
    tail = tail.replace(
      '</body>',
      `<script nonce="${scriptNonce}">window.addEventListener('load', function () { window.print(); });</script>\n</body>`,
    );
  return { head: doc.slice(0, m.index).replace('</head>', BREAKS), tail };
}

const sheet = (body: string, first: boolean) =>
  `<section class="sheet"${first ? ' id="notice"' : ''}>\n${body}\n</section>\n`;

async function templateOf(db: Queryable, companyId: string, def: RegisteredNotice): Promise<Node[]> {
  return effectiveTemplate(def, await findOverride(db, companyId, def.code)).nodes;
}

/** One bill's notice as a whole page (HTML). */
export async function billNoticeHtml(
  db: Queryable,
  companyId: string,
  billId: string,
  paper: NoticePaper,
  opts: { lang: Lang; scriptNonce?: string },
): Promise<{ html: string; def: RegisteredNotice }> {
  const kindOf = await repo.billKindOf(db, companyId, billId);
  if (!kindOf) throw NoticeError('BILL_NOT_FOUND');
  const kind = kindOf.kind === 'ci' ? 'ci' : 'payment';
  const def = requireNotice(NOTICE_CODES[kind][paper]);
  const vars = await billNoticeVars(db, companyId, billId);
  const { head, tail } = shell(def, opts.lang, opts.scriptNonce);
  return { html: head + sheet(renderTemplate(await templateOf(db, companyId, def), vars), true) + tail, def };
}

export interface BatchPlan {
  filters: BatchFilters;
  paper: NoticePaper;
  def: RegisteredNotice;
  /** The bills in walking order, by notice (one bill each, or a book's bills for the area notice). */
  groups: string[][];
  bills: number;
  amountTotal: string;
}

/** Which notices a batch prints, refused when it is larger than one print may be. */
export async function planBatch(
  db: Queryable,
  companyId: string,
  filters: BatchFilters,
  paper: NoticePaper,
  opts: { max: number; preview?: boolean },
): Promise<BatchPlan> {
  if (filters.bookId && !(await repo.bookExists(db, companyId, filters.bookId)))
    throw NoticeError('BOOK_NOT_FOUND', { field: 'bookId' });
  const def = requireNotice(NOTICE_CODES[filters.kind][paper]);
  const entries = await repo.batchEntries(db, companyId, filters, opts.max + 1);
  if (entries.length === 0)
    throw NoticeError('NOTHING_TO_PRINT', { field: 'period', vars: { period: filters.period } });
  if (entries.length > opts.max) {
    const { bills } = await repo.countBatch(db, companyId, filters);
    throw NoticeError('BATCH_TOO_LARGE', { field: 'bookId', vars: { count: bills, max: opts.max } });
  }
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    const key = filters.kind === 'area' ? e.groupKey : e.billId;
    const list = groups.get(key) ?? [];
    list.push(e.billId);
    groups.set(key, list);
  }
  let list = [...groups.values()];
  if (opts.preview) list = list.slice(0, 1);
  return {
    filters,
    paper,
    def,
    groups: list,
    bills: list.reduce((n, g) => n + g.length, 0),
    amountTotal: money(entries.reduce((s, e) => s.plus(e.amount), new Decimal(0))),
  };
}

/** The sheets of a batch, rendered a chunk of bills at a time (never the whole batch in memory). */
async function* sheets(db: Queryable, companyId: string, plan: BatchPlan): AsyncGenerator<string> {
  const ctx = await printContext(db, companyId);
  const nodes = await templateOf(db, companyId, plan.def);
  let first = true;
  const ids = plan.groups.flat();
  if (plan.filters.kind === 'area') {
    // The bills are loaded a chunk at a time across books (one query per chunk, never one per book or building);
    // a book's sheet is rendered once all its bills are in. A group's bills are adjacent in `ids`.
    const groupOf = new Map<string, number>();
    plan.groups.forEach((group, g) => {
      for (const id of group) groupOf.set(id, g);
    });
    let rows: repo.NoticeRow[] = [];
    let current = -1;
    for (let i = 0; i < ids.length; i += CHUNK) {
      let out = '';
      for (const row of await repo.noticeRows(db, companyId, ids.slice(i, i + CHUNK))) {
        const g = groupOf.get(row.billId)!;
        if (g !== current && rows.length > 0) {
          out += sheet(renderTemplate(nodes, areaVars(rows, ctx)), first);
          first = false;
          rows = [];
        }
        current = g;
        rows.push(row);
      }
      if (i + CHUNK >= ids.length && rows.length > 0) {
        out += sheet(renderTemplate(nodes, areaVars(rows, ctx)), first);
        first = false;
      }
      if (out) yield out;
    }
    return;
  }
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await repo.noticeRows(db, companyId, ids.slice(i, i + CHUNK));
    const acc = await accountsOf(db, companyId, rows, ctx.today);
    let out = '';
    for (const row of rows) {
      out += sheet(renderTemplate(nodes, billVars(row, ctx, acc)), first);
      first = false;
    }
    yield out;
  }
}

/** The batch as one HTML document, streamed. */
export function batchHtmlStream(
  db: Queryable,
  companyId: string,
  plan: BatchPlan,
  opts: { lang: Lang; scriptNonce?: string; autoprint?: boolean },
): Readable {
  const { head, tail } = shell(plan.def, opts.lang, opts.scriptNonce, opts.autoprint);
  async function* all() {
    yield head;
    yield* sheets(db, companyId, plan);
    yield tail;
  }
  return Readable.from(all());
}

/** The batch as one HTML string (for the PDF). */
export async function batchHtml(db: Queryable, companyId: string, plan: BatchPlan, lang: Lang): Promise<string> {
  const { head, tail } = shell(plan.def, lang);
  let out = head;
  for await (const part of sheets(db, companyId, plan)) out += part;
  return out + tail;
}

/** Records a printed batch (who, what, how many) with its audit entry. */
export async function recordBatch(db: Db, actor: Actor, plan: BatchPlan, format: 'html' | 'pdf'): Promise<string> {
  const { period, kind, ...rest } = plan.filters;
  const filters = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return db.tx(async (tx) => {
    const id = await repo.insertBatch(tx, actor.companyId, {
      period,
      kind,
      paper: plan.paper,
      format,
      filters,
      notices: plan.groups.length,
      bills: plan.bills,
      amountTotal: plan.amountTotal,
      printedBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'billing.noticesPrinted',
      entityType: 'noticePrintBatch',
      entityId: id,
      after: {
        period,
        kind,
        paper: plan.paper,
        format,
        filters,
        notices: plan.groups.length,
        bills: plan.bills,
        amountTotal: plan.amountTotal,
      },
    });
    return id;
  });
}

export async function previewBatch(db: Queryable, companyId: string, filters: BatchFilters, paper: NoticePaper) {
  if (filters.bookId && !(await repo.bookExists(db, companyId, filters.bookId)))
    throw NoticeError('BOOK_NOT_FOUND', { field: 'bookId' });
  const [counts, items] = await Promise.all([
    repo.countBatch(db, companyId, filters),
    repo.batchEntries(db, companyId, filters, 20),
  ]);
  return {
    kind: filters.kind,
    paper,
    code: NOTICE_CODES[filters.kind][paper],
    notices: filters.kind === 'area' ? counts.groups : counts.bills,
    bills: counts.bills,
    amountTotal: counts.amountTotal,
    max: MAX_BATCH_BILLS,
    maxPdf: MAX_PDF_BILLS,
    items: items.map(({ groupKey: _, ...item }) => item),
  };
}

export async function listBatches(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; period?: string },
): Promise<{ items: PrintBatch[]; total: number }> {
  return repo.listBatches(db, companyId, q);
}

export type { NoticeKind };
export { NOTICE_CODES };

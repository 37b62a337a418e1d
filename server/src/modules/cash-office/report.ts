/**
 * PAY-2 (000 §50–51): the printed 收费员日报 (with its 现金盘点表) of a shift, and the 营业厅日报 of a day, HTML/PDF
 * through the print registry; the centre report as XLSX too.
 */
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import type { Principal } from '../../platform/context.js';
import type { Lang } from '../../platform/errors.js';
import { registerNotice } from '../../platform/print/registry.js';
import { renderNotice, requireNotice } from '../../platform/print/service.js';
import { findCompany } from '../org/service.js';
import type { CentreReport, ShiftDetail } from './schemas.js';
import { CLOSE_METHODS, DENOMINATIONS } from './schemas.js';
import { centreReport, getShift, METHOD_ZH, STATUS_ZH } from './service.js';

const s = (max: number, description: string) => z.string().max(max).describe(description);
const shanghai = (at: string | null) =>
  at
    ? new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'short',
        timeStyle: 'medium',
        hour12: false,
      }).format(new Date(at))
    : '';

// ---------------------------------------------------------------- 收费员日报

export const CASHIER_REPORT = 'cashierDailyReport';
const cashierVars = z.object({
  companyName: s(100, '公司名称 Company'),
  cashier: s(64, '收费员 Cashier'),
  orgUnit: s(100, '班组 Unit'),
  businessDate: s(10, '营业日期 Business date'),
  openedAt: s(40, '开班时间 Opened'),
  closedAt: s(40, '日结时间 Closed'),
  status: s(20, '状态 Status'),
  float: s(20, '备用金 Float'),
  postingCount: s(10, '笔数 Payments'),
  postedAmount: s(20, '收费合计 Posted'),
  reversedCount: s(10, '冲正笔数 Reversals'),
  reversedAmount: s(20, '冲正金额 Reversed'),
  handovers: s(20, '走收交款 Hand-overs received'),
  countedCash: s(20, '清点现金 Counted cash'),
  posCount: s(10, 'POS 小票张数 POS slips'),
  methods: z
    .array(
      z.object({
        method: s(20, '方式 Method'),
        count: s(10, '笔数 Count'),
        amount: s(20, '系统收费 Posted'),
        depositIn: s(20, '押金收取 Deposits received'),
        depositOut: s(20, '押金退还 Deposits refunded'),
        expected: s(20, '应有 Expected'),
        counted: s(20, '实有 Counted'),
        variance: s(20, '差额 Variance'),
        explanation: s(500, '说明 Explanation'),
      }),
    )
    .max(10)
    .describe('按收款方式 By method'),
  denominations: z
    .array(z.object({ face: s(10, '面额 Face'), pieces: s(10, '张/枚 Pieces'), amount: s(20, '金额 Amount') }))
    .max(10)
    .describe('现金盘点 Cash count'),
  reviewer: s(64, '审核人 Reviewer'),
  reviewedAt: s(40, '审核时间 Reviewed'),
});
type CashierVars = z.infer<typeof cashierVars>;

const cashierTemplate = `<h2 class="center">{{companyName}} 收费员日报</h2>
<p class="small">营业日期：{{businessDate}}　收费员：{{cashier}}　班组：{{orgUnit}}　状态：{{status}}</p>
<p class="small">开班：{{openedAt}}　日结：{{closedAt}}</p>
<table class="grid small">
  <tr><th>收款方式</th><th>笔数</th><th>系统收费</th><th>押金收取</th><th>押金退还</th><th>应有</th><th>实有</th><th>差额</th><th>差额说明</th></tr>
  {{#each methods}}<tr><td>{{method}}</td><td>{{count}}</td><td>{{amount | money}}</td><td>{{depositIn | money}}</td><td>{{depositOut | money}}</td><td>{{expected | money}}</td><td>{{counted | money}}</td><td>{{variance | money}}</td><td>{{explanation}}</td></tr>{{/each}}
</table>
<p class="small">收费 {{postingCount}} 笔，合计 ¥{{postedAmount | money}}（{{postedAmount | capitals}}）；冲正 {{reversedCount}} 笔 ¥{{reversedAmount | money}}；备用金 ¥{{float | money}}；走收交款 ¥{{handovers | money}}；POS 小票 {{posCount}} 张。</p>
<h3>现金盘点表</h3>
<table class="grid small">
  <tr><th>面额（元）</th><th>张/枚</th><th>金额</th></tr>
  {{#each denominations}}<tr><td>{{face}}</td><td>{{pieces}}</td><td>{{amount | money}}</td></tr>{{/each}}
  <tr><th>合计</th><td></td><td class="strong">¥{{countedCash | money}}</td></tr>
</table>
<p class="small" style="margin-top: 12mm; display: flex; justify-content: space-between;"><span>收费员签字：{{cashier}}</span><span>中心主管审核：{{reviewer}} {{reviewedAt}}</span></p>`;

function cashierVarsOf(companyName: string, d: ShiftDetail): CashierVars {
  const lines = d.lines ?? [];
  const byMethod = new Map(d.summary.byMethod.map((m) => [m.method, m]));
  const depIn = new Map(d.summary.depositsReceived.map((m) => [m.method, m.amount]));
  const depOut = new Map(d.summary.depositsRefunded.map((m) => [m.method, m.amount]));
  const methods = (lines.length > 0 ? lines.map((l) => l.method) : [...CLOSE_METHODS]).map((m) => {
    const line = lines.find((l) => l.method === m);
    return {
      method: METHOD_ZH[m] ?? m,
      count: String(byMethod.get(m)?.count ?? 0),
      amount: byMethod.get(m)?.amount ?? '0.00',
      depositIn: depIn.get(m) ?? '0.00',
      depositOut: depOut.get(m) ?? '0.00',
      expected: line?.expected ?? d.summary.expected[m] ?? '0.00',
      counted: line?.counted ?? '',
      variance: line?.variance ?? '',
      explanation: line?.explanation ?? '',
    };
  });
  return {
    companyName,
    cashier: d.cashier.name,
    orgUnit: d.orgUnitName ?? '',
    businessDate: d.businessDate,
    openedAt: shanghai(d.openedAt),
    closedAt: shanghai(d.closedAt),
    status: STATUS_ZH[d.status] ?? d.status,
    float: d.float,
    postingCount: String(d.summary.postingCount),
    postedAmount: d.summary.postedAmount,
    reversedCount: String(d.summary.reversedCount),
    reversedAmount: d.summary.reversedAmount,
    handovers: d.summary.handoversReceived,
    countedCash: d.countedCash ?? '',
    posCount: d.posCount === null ? '' : String(d.posCount),
    methods,
    denominations: DENOMINATIONS.map((face) => {
      const pieces = d.denominations?.[face] ?? 0;
      // Money in decimal.js, not floats (0.1 × n).
      return { face, pieces: String(pieces), amount: new Decimal(face).times(pieces).toFixed(2) };
    }),
    reviewer: d.reviewedBy?.name ?? '',
    reviewedAt: shanghai(d.reviewedAt),
  };
}

async function loadCashier(db: Queryable, principal: Principal, id: string) {
  const canReadAll = principal.permissions.has('cash.report.read') || principal.permissions.has('cash.close.review');
  const [d, company] = await Promise.all([
    getShift(db, principal.companyId, id, { userId: principal.userId, canReadAll }),
    findCompany(db, principal.companyId),
  ]);
  return cashierVarsOf(company?.name ?? '', d);
}

registerNotice<CashierVars>({
  code: CASHIER_REPORT,
  name: { zh: '收费员日报（含现金盘点表）', en: 'Cashier daily report with the cash count' },
  paper: 'A4',
  variables: cashierVars,
  sample: {
    companyName: '演示市燃气有限公司',
    cashier: '收费员甲',
    orgUnit: '东区营业厅二班',
    businessDate: '2026-12-04',
    openedAt: '2026/12/4 08:00:00',
    closedAt: '2026/12/4 17:05:00',
    status: '待审核',
    float: '1000.00',
    postingCount: '2',
    postedAmount: '300.00',
    reversedCount: '0',
    reversedAmount: '0.00',
    handovers: '0.00',
    countedCash: '1099.00',
    posCount: '1',
    methods: [
      {
        method: '现金',
        count: '1',
        amount: '100.00',
        depositIn: '0.00',
        depositOut: '0.00',
        expected: '1100.00',
        counted: '1099.00',
        variance: '-1.00',
        explanation: '找零差错',
      },
      {
        method: 'POS 刷卡',
        count: '1',
        amount: '200.00',
        depositIn: '0.00',
        depositOut: '0.00',
        expected: '200.00',
        counted: '200.00',
        variance: '0.00',
        explanation: '',
      },
    ],
    denominations: [
      { face: '100', pieces: '10', amount: '1000.00' },
      { face: '50', pieces: '1', amount: '50.00' },
      { face: '1', pieces: '49', amount: '49.00' },
    ],
    reviewer: '',
    reviewedAt: '',
  },
  template: cashierTemplate,
  subject: { permission: 'cash.shift.own', load: loadCashier },
});

export async function cashierReportHtml(
  db: Queryable,
  principal: Principal,
  id: string,
  opts: { lang: Lang; scriptNonce?: string },
) {
  const def = requireNotice(CASHIER_REPORT);
  const variables = await loadCashier(db, principal, id);
  const html = await renderNotice(db, principal.companyId, def, { variables, sample: false }, opts);
  return { html, def, name: `${variables.businessDate}-${variables.cashier}` };
}

// ---------------------------------------------------------------- 营业厅日报

export const CENTRE_REPORT = 'centreDailyReport';
const centreVars = z.object({
  companyName: s(100, '公司名称 Company'),
  date: s(10, '日期 Date'),
  total: s(20, '合计 Total'),
  count: s(10, '笔数 Payments'),
  reversedCount: s(10, '冲正笔数 Reversals'),
  methods: z
    .array(z.object({ method: s(20, '方式 Method'), amount: s(20, '金额 Amount') }))
    .max(10)
    .describe('按收款方式 By method'),
  cashiers: z
    .array(
      z.object({
        name: s(64, '收费员 Cashier'),
        count: s(10, '笔数 Count'),
        cash: s(20, '现金 Cash'),
        pos: s(20, 'POS'),
        other: s(20, '其他 Other'),
        collector: s(20, '走收 Collector'),
        total: s(20, '合计 Total'),
        depositIn: s(20, '押金收取 Deposits received'),
        depositOut: s(20, '押金退还 Deposits refunded'),
        close: s(60, '日结 Close'),
        variance: s(20, '差额 Variance'),
      }),
    )
    .max(500)
    .describe('按收费员 By cashier'),
  depositMethods: z
    .array(
      z.object({ method: s(20, '方式 Method'), received: s(20, '收取 Received'), refunded: s(20, '退还 Refunded') }),
    )
    .max(10)
    .describe('押金按收款方式 Deposits by method'),
  closes: s(100, '日结情况 Closes'),
  varianceTotal: s(20, '差额合计 Variances'),
  deposits: s(20, '当日存款 Banked'),
  safeCash: s(20, '保险柜现金 Safe'),
  safeLimit: s(20, '保险柜限额 Safe limit'),
  safeWarning: s(300, '提示 Warning'),
});
type CentreVars = z.infer<typeof centreVars>;

const centreTemplate = `<h2 class="center">{{companyName}} 营业厅日报</h2>
<p class="small">日期：{{date}}　收费 {{count}} 笔，合计 ¥{{total | money}}（{{total | capitals}}）；冲正 {{reversedCount}} 笔</p>
<table class="grid small">
  <tr>{{#each methods}}<th>{{method}}</th>{{/each}}</tr>
  <tr>{{#each methods}}<td>{{amount | money}}</td>{{/each}}</tr>
</table>
<h3>按收费员</h3>
<table class="grid small">
  <tr><th>收费员</th><th>笔数</th><th>现金</th><th>POS</th><th>其他</th><th>其中走收</th><th>合计</th><th>押金收取</th><th>押金退还</th><th>日结</th><th>差额</th></tr>
  {{#each cashiers}}<tr><td>{{name}}</td><td>{{count}}</td><td>{{cash | money}}</td><td>{{pos | money}}</td><td>{{other | money}}</td><td>{{collector | money}}</td><td>{{total | money}}</td><td>{{depositIn | money}}</td><td>{{depositOut | money}}</td><td>{{close}}</td><td>{{variance | money}}</td></tr>{{/each}}
</table>
{{#if depositMethods}}<h3>押金（营业厅收取 / 退还）</h3>
<table class="grid small">
  <tr><th>收款方式</th><th>押金收取</th><th>押金退还</th></tr>
  {{#each depositMethods}}<tr><td>{{method}}</td><td>{{received | money}}</td><td>{{refunded | money}}</td></tr>{{/each}}
</table>{{/if}}
<p class="small">日结：{{closes}}；差额合计（绝对值）¥{{varianceTotal | money}}；当日存入银行 ¥{{deposits | money}}；保险柜现金 ¥{{safeCash | money}}（限额 ¥{{safeLimit | money}}）</p>
{{#if safeWarning}}<p class="small strong">{{safeWarning}}</p>{{/if}}
<p class="small" style="margin-top: 12mm; display: flex; justify-content: space-between;"><span>中心主管：</span><span>中心主任：</span></p>`;

const closeText = (c: CentreReport['cashiers'][number]) =>
  c.shifts.map((x) => STATUS_ZH[x.status] ?? x.status).join('、') || '未开班';

const depositMethodsOf = (r: CentreReport) => [
  ...new Set([...Object.keys(r.totals.depositsReceived), ...Object.keys(r.totals.depositsRefunded)]),
];

function centreVarsOf(companyName: string, r: CentreReport): CentreVars {
  const other = (m: Record<string, string>) =>
    Object.entries(m)
      .filter(([k]) => k !== 'cash' && k !== 'pos')
      .reduce((sum, [, v]) => sum.plus(v), new Decimal(0));
  const sum = (m: Record<string, string>) =>
    Object.values(m)
      .reduce((t, v) => t.plus(v), new Decimal(0))
      .toFixed(2);
  return {
    companyName,
    date: r.date,
    total: r.totals.total,
    count: String(r.totals.count),
    reversedCount: String(r.totals.reversedCount),
    methods: Object.entries(r.totals.byMethod).map(([m, amount]) => ({ method: METHOD_ZH[m] ?? m, amount })),
    cashiers: r.cashiers.map((c) => ({
      name: c.cashier.name,
      count: String(c.count),
      cash: c.byMethod.cash ?? '0.00',
      pos: c.byMethod.pos ?? '0.00',
      other: other(c.byMethod).toFixed(2),
      collector: c.collector,
      total: c.total,
      depositIn: sum(c.depositsReceived),
      depositOut: sum(c.depositsRefunded),
      close: closeText(c),
      variance: c.shifts.reduce((sum, x) => sum.plus(x.varianceTotal ?? 0), new Decimal(0)).toFixed(2),
    })),
    depositMethods: depositMethodsOf(r).map((m) => ({
      method: METHOD_ZH[m] ?? m,
      received: r.totals.depositsReceived[m] ?? '0.00',
      refunded: r.totals.depositsRefunded[m] ?? '0.00',
    })),
    closes: `班次中 ${r.closes.open}，待审核 ${r.closes.submitted}，退回 ${r.closes.returned}，已签字 ${r.closes.signed}`,
    varianceTotal: r.varianceTotal,
    deposits: r.deposits,
    safeCash: r.safe.cash,
    safeLimit: r.safe.limit,
    safeWarning: r.safe.warning ?? '',
  };
}

registerNotice<CentreVars>({
  code: CENTRE_REPORT,
  name: { zh: '营业厅日报', en: 'Centre daily report' },
  paper: 'A4',
  variables: centreVars,
  sample: {
    companyName: '演示市燃气有限公司',
    date: '2026-12-04',
    total: '300.00',
    count: '2',
    reversedCount: '0',
    methods: [
      { method: '现金', amount: '100.00' },
      { method: 'POS 刷卡', amount: '200.00' },
    ],
    cashiers: [
      {
        name: '收费员甲',
        count: '2',
        cash: '100.00',
        pos: '200.00',
        other: '0.00',
        collector: '0.00',
        total: '300.00',
        depositIn: '0.00',
        depositOut: '0.00',
        close: '已签字确认',
        variance: '1.00',
      },
    ],
    depositMethods: [],
    closes: '班次中 0，待审核 0，退回 0，已签字 1',
    varianceTotal: '1.00',
    deposits: '0.00',
    safeCash: '1099.00',
    safeLimit: '10000.00',
    safeWarning: '',
  },
  template: centreTemplate,
});

export async function centreReportHtml(
  db: Queryable,
  principal: Principal,
  day: string,
  orgUnitId: string | undefined,
  opts: { lang: Lang; scriptNonce?: string },
) {
  const def = requireNotice(CENTRE_REPORT);
  const [r, company] = await Promise.all([
    centreReport(db, principal.companyId, day, orgUnitId),
    findCompany(db, principal.companyId),
  ]);
  const variables = centreVarsOf(company?.name ?? '', r);
  const html = await renderNotice(db, principal.companyId, def, { variables, sample: false }, opts);
  return { html, def };
}

/** The 营业厅日报 as a workbook: totals by method, a row per cashier, the closes and the safe. */
export async function centreReportXlsx(r: CentreReport): Promise<Buffer> {
  const methods = [...new Set([...CLOSE_METHODS, ...Object.keys(r.totals.byMethod)])];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${r.date} 营业厅日报`);
  ws.addRow([`营业厅日报 Centre daily report ${r.date}`]).font = { bold: true, size: 14 };
  ws.addRow([]);
  ws.addRow([
    '收费员 Cashier',
    '班组 Unit',
    '笔数 Count',
    ...methods.map((m) => `${METHOD_ZH[m] ?? m} ${m}`),
    '其中走收 Collector',
    '合计 Total',
    '冲正笔数 Reversals',
    '日结 Close',
    '差额 Variance',
  ]).font = { bold: true };
  const num = (v: string | null | undefined) => Number(v ?? 0);
  for (const c of r.cashiers) {
    ws.addRow([
      c.cashier.name,
      c.orgUnitName ?? '',
      c.count,
      ...methods.map((m) => num(c.byMethod[m])),
      num(c.collector),
      num(c.total),
      c.reversedCount,
      closeText(c),
      // Summed in decimal.js; a number only for the cell.
      c.shifts.reduce((sum, x) => sum.plus(x.varianceTotal ?? 0), new Decimal(0)).toNumber(),
    ]);
  }
  ws.addRow([
    '合计 Total',
    '',
    r.totals.count,
    ...methods.map((m) => num(r.totals.byMethod[m])),
    '',
    num(r.totals.total),
    r.totals.reversedCount,
    `班次中 ${r.closes.open} 待审核 ${r.closes.submitted} 退回 ${r.closes.returned} 已签字 ${r.closes.signed}`,
    num(r.varianceTotal),
  ]).font = { bold: true };
  ws.addRow([]);
  const depositMethods = depositMethodsOf(r);
  if (depositMethods.length > 0) {
    ws.addRow(['押金 Deposits', '', '', ...depositMethods.map((m) => `${METHOD_ZH[m] ?? m} ${m}`)]).font = {
      bold: true,
    };
    ws.addRow(['押金收取 Received', '', '', ...depositMethods.map((m) => num(r.totals.depositsReceived[m]))]);
    ws.addRow(['押金退还 Refunded', '', '', ...depositMethods.map((m) => num(r.totals.depositsRefunded[m]))]);
    for (const c of r.cashiers) {
      if (Object.keys(c.depositsReceived).length + Object.keys(c.depositsRefunded).length === 0) continue;
      ws.addRow([
        c.cashier.name,
        '收取 / 退还',
        '',
        ...depositMethods.map((m) => `${c.depositsReceived[m] ?? '0.00'} / ${c.depositsRefunded[m] ?? '0.00'}`),
      ]);
    }
    ws.addRow([]);
  }
  ws.addRow(['当日存入银行 Banked', num(r.deposits)]);
  ws.addRow(['保险柜现金 Safe', num(r.safe.cash), '限额 Limit', num(r.safe.limit), r.safe.warning ?? '']);
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 18;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

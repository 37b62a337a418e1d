/**
 * MTR-5 《补气登记表》 (000 ch.3 第二十九条(一)3, 附件2), printed on A4 for a broken-meter report: the customer
 * (用户编号, 用户姓名, 用气地址, 联系方式), the meter and since when it is broken, the reason (补气原因), the
 * periods billed on the average of the previous periods with their volumes and amounts, the volume to make
 * up (应补气量) and its amount, and the signature lines (经办人, 班组长, 用户签字, 部室经理).
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Principal } from '../../platform/context.js';
import { formatMoney, toChineseCapitals } from '../../platform/print/money.js';
import { registerNotice } from '../../platform/print/registry.js';
import { findCompany } from '../org/service.js';
import { getFault } from './broken-meters.js';

export const TOP_UP_REGISTER_NOTICE = 'meterTopUpRegister';

const s = (max: number, description: string) => z.string().max(max).describe(description);
const opt = (max: number, description: string) => z.string().max(max).optional().describe(description);

const variables = z.object({
  companyName: s(100, '公司名称 Company'),
  registerNo: s(40, '编号 Number'),
  date: s(10, '日期 Date'),
  accountNo: s(18, '用户编号 Account number'),
  customerName: s(100, '用户姓名 Customer'),
  address: opt(200, '用气地址 Address'),
  phone: opt(32, '联系方式 Phone'),
  meterSerial: s(32, '表号 Meter serial'),
  fromOn: s(10, '表坏日期 Broken since'),
  resolvedOn: opt(10, '修复/换表日期 Resolved on'),
  reason: s(600, '补气原因 Reason'),
  periods: z
    .array(
      z.object({
        period: s(7, '计费期间 Period'),
        averagePeriods: s(4, '平均期数 Periods averaged'),
        volume: s(20, '补气量（立方米）Volume m³'),
        amount: s(20, '金额（元）Amount'),
      }),
    )
    .max(60)
    .describe('按平均用量计费的期间 Periods billed on the average'),
  volume: s(20, '应补气量（立方米）Volume to make up'),
  amount: s(20, '金额（元）Amount'),
  amountInWords: s(60, '金额大写 Amount in words'),
  clerk: opt(64, '经办人 Clerk'),
});
type Vars = z.infer<typeof variables>;

async function load(db: Queryable, principal: Principal, id: string): Promise<Vars> {
  const f = await getFault(db, principal.companyId, id);
  const company = await findCompany(db, principal.companyId);
  const reason = `表具故障（自 ${f.fromOn} 起）${f.note ? `：${f.note}` : ''}，按合同约定以前 ${
    f.periods[0]?.averagePeriods ?? 4
  } 个月平均用量补气`;
  return {
    companyName: company?.name ?? '',
    registerNo: `BQ-${f.accountNo}-${f.fromOn.replaceAll('-', '')}`,
    date: businessToday(),
    accountNo: f.accountNo,
    customerName: f.customerName,
    address: f.address ?? undefined,
    phone: f.phone ?? undefined,
    meterSerial: f.meterSerial,
    fromOn: f.fromOn,
    resolvedOn: f.resolvedOn ?? undefined,
    reason,
    periods: f.periods.map((p) => ({
      period: p.period,
      averagePeriods: String(p.averagePeriods ?? ''),
      volume: new Decimal(p.volume).toFixed(3),
      amount: p.amount === null ? '未计费' : formatMoney(p.amount),
    })),
    volume: new Decimal(f.volume).toFixed(3),
    amount: formatMoney(f.amount),
    amountInWords: toChineseCapitals(f.amount),
    clerk: f.reportedBy ?? undefined,
  };
}

registerNotice({
  code: TOP_UP_REGISTER_NOTICE,
  name: { zh: '补气登记表', en: 'Gas top-up register (broken meter)' },
  paper: 'A4',
  variables,
  sample: {
    companyName: '演示市燃气有限公司',
    registerNo: 'BQ-0100001234-20261003',
    date: '2026-12-04',
    accountNo: '0100001234',
    customerName: '张三',
    address: '金水区新城小区5号楼1单元101室',
    phone: '13700137000',
    meterSerial: 'GM2600001',
    fromOn: '2026-10-03',
    resolvedOn: '2026-11-20',
    reason: '表具故障（自 2026-10-03 起）：计数器不走，按合同约定以前 4 个月平均用量补气',
    periods: [
      { period: '2026-10', averagePeriods: '4', volume: '25.000', amount: '66.75' },
      { period: '2026-11', averagePeriods: '4', volume: '25.000', amount: '66.75' },
    ],
    volume: '50.000',
    amount: '133.50',
    amountInWords: '壹佰叁拾叁元伍角整',
    clerk: '抄表员',
  },
  subject: { permission: 'reading.meterFault.manage', load },
  template: `<h1>补气登记表</h1>
<p class="right muted">{{companyName}}　　编号：{{registerNo}}　　{{date}}</p>
<table class="grid" style="table-layout: fixed;">
  <colgroup><col style="width: 18%;"><col style="width: 32%;"><col style="width: 18%;"><col></colgroup>
  <tr><th>用户编号</th><td>{{accountNo}}</td><th>用户姓名</th><td>{{customerName}}</td></tr>
  <tr><th>用气地址</th><td colspan="3">{{address}}</td></tr>
  <tr><th>联系方式</th><td>{{phone}}</td><th>表号</th><td class="strong">{{meterSerial}}</td></tr>
  <tr><th>表坏日期</th><td>{{fromOn}}</td><th>修复/换表日期</th><td>{{resolvedOn}}</td></tr>
  <tr><th>补气原因</th><td colspan="3">{{reason}}</td></tr>
</table>
<h2>按平均用量计费</h2>
{{#if periods}}<table class="grid">
  <tr><th class="center">序号</th><th>计费期间</th><th>平均期数</th><th class="right">补气量（立方米）</th><th class="right">金额（元）</th></tr>
  {{#each periods}}<tr><td class="center">{{@number}}</td><td>{{period}}</td><td>{{averagePeriods}}</td><td class="right">{{volume}}</td><td class="right">{{amount}}</td></tr>
  {{/each}}
</table>{{else}}<p>尚未计费。</p>{{/if}}
<table class="grid" style="margin-top: 0.8em;">
  <tr><th style="width: 18%;">应补气量</th><td class="strong">{{volume}} 立方米</td><th style="width: 18%;">金额</th><td class="strong">{{amount}} 元（{{amountInWords}}）</td></tr>
</table>
<div class="signatures">
  <div>经办人：<span class="strong">{{clerk}}</span><div class="line"></div></div>
  <div>班组长：<div class="line"></div></div>
  <div>用户签字：<div class="line"></div></div>
  <div>部室经理：<div class="line"></div></div>
</div>
<p class="right">日期：　　　　年　　月　　日</p>`,
});

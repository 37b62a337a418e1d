/**
 * MTR-8: the notices of a reading round, each on A4 and on the 80 mm hall/handheld roll. Wording and fields
 * follow 000 ch.3 附件2 (燃气缴费通知单), 附件3 (天然气抄表告知单) and ch.4 附件1 (工商客户抄表通知单); the
 * deadline and the late-fee rate come from the bill and the policy, the hotline from `svc.hotline`.
 */
import { z } from 'zod';
import { registerNotice } from '../../platform/print/registry.js';
import type { NoticeKind, NoticePaper } from './schemas.js';

const s = (description: string) => z.string().max(400).describe(description);
const n = (description: string) => z.string().max(40).describe(description);

const meter = z.object({
  serial: n('表钢号 Meter serial'),
  month: n('抄表月 Month read'),
  day: n('抄表日 Day read'),
  previousReadOn: n('上次抄表日期 Previous reading date'),
  previousReading: n('上月（上次）表码 Previous reading'),
  readOn: n('本次抄表日期 Reading date'),
  reading: n('本月（本次）表码 Reading'),
  volume: n('实用方数（m³）Volume'),
});
const line = z.object({
  label: n('阶梯 / 气价 Tier'),
  from: n('起 From'),
  to: n('止 To'),
  volume: n('气量（m³）Volume'),
  price: n('单价（元/m³）Price'),
  amount: n('金额（元）Amount'),
});

const billCommon = {
  companyName: s('公司名称 Company'),
  noticeNo: n('编号 Notice number'),
  accountNo: n('用户编号 / 燃气号 Account number'),
  customerName: s('户名 / 客户名称 Customer'),
  address: s('用气地址 Address'),
  usageNature: s('用气性质 Usage nature'),
  period: n('账期 Period'),
  fromDate: n('计费起日 Billed from'),
  readOn: n('抄表日期 Reading date'),
  estimated: z.boolean().describe('估抄 Estimated'),
  meters: z.array(meter).max(50).describe('抄表记录 Readings'),
  volume: n('用量合计（m³）Volume'),
  lines: z.array(line).max(50).describe('计费明细 Tier lines'),
  amount: n('本期气费（元）Amount'),
  arrears: n('往期欠费（元）Earlier arrears'),
  lateFee: n('违约金（截至打印日）Late fee to date'),
  totalDue: n('合计应缴（元）Total due'),
  dueOn: n('缴费截止日期 Due date'),
  dueDaysText: n('缴费期限天数（大写）Days to pay, in words'),
  lateFeeRate: n('违约金日比率（如 3‰）Late fee per day'),
  readerNo: n('抄表员工号 Reader number'),
  readerName: n('抄表员 Reader'),
  readerPhone: n('联系电话 Reader’s phone'),
  hotline: n('24小时服务热线 Hotline'),
  printDate: n('打印日期 Print date'),
};
export const billNoticeVariables = z.object(billCommon);
export type BillNoticeVars = z.infer<typeof billNoticeVariables>;

export const areaNoticeVariables = z.object({
  companyName: s('公司名称 Company'),
  noticeNo: n('编号 Notice number'),
  areaName: s('小区 / 片区 Area'),
  bookCode: n('抄表册号 Book'),
  bookName: s('抄表册 Book name'),
  period: n('账期 Period'),
  dueDaysText: n('缴费期限天数（大写）Days to pay, in words'),
  lateFeeRate: n('违约金日比率（如 3‰）Late fee per day'),
  rows: z
    .array(
      z.object({
        place: s('房号 Flat'),
        accountNo: n('用户编号 Account number'),
        previousReading: n('上次表码 Previous reading'),
        reading: n('本次表码 Reading'),
        volume: n('用量（m³）Volume'),
        amount: n('金额（元）Amount'),
        dueOn: n('缴费截止日期 Due date'),
      }),
    )
    .max(5000)
    .describe('户表清单 Accounts'),
  count: n('户数 Accounts'),
  volume: n('用量合计（m³）Total volume'),
  amount: n('金额合计（元）Total amount'),
  readerNo: n('抄表员工号 Reader number'),
  hotline: n('24小时服务电话 Hotline'),
  printDate: n('日期 Date'),
});
export type AreaNoticeVars = z.infer<typeof areaNoticeVariables>;

const meterRowsA4 = `<table class="grid center">
  <tr class="strong"><td>表钢号</td><td>月</td><td>日</td><td>上月表码</td><td>本月表码</td><td>实用方数</td></tr>
  {{#each meters}}<tr><td>{{serial}}</td><td>{{month}}</td><td>{{day}}</td><td>{{previousReading}}</td><td>{{reading}}</td><td>{{volume}}</td></tr>
  {{/each}}
</table>`;
const linesA4 = `<table class="grid">
  <tr class="strong"><td>计费</td><td>起止日期</td><td class="right">气量（m³）</td><td class="right">单价（元/m³）</td><td class="right">金额（元）</td></tr>
  {{#each lines}}<tr><td>{{label}}</td><td>{{from}} 至 {{to}}</td><td class="right">{{volume}}</td><td class="right">{{price}}</td><td class="right">{{amount | money}}</td></tr>
  {{/each}}
</table>`;
const moneyA4 = `<table class="grid">
  <tr><td style="width: 18%;">本期气费</td><td class="right strong" style="width: 20%;">¥{{amount | money}}</td><td style="width: 12%;">大写</td><td>{{amount | capitals}}</td></tr>
  <tr><td>往期欠费</td><td class="right">¥{{arrears | money}}</td><td>违约金</td><td>¥{{lateFee | money}}（截至 {{printDate}}）</td></tr>
  <tr><td class="strong">合计应缴</td><td class="right strong">¥{{totalDue | money}}</td><td>大写</td><td>{{totalDue | capitals}}</td></tr>
  <tr><td>缴费截止日期</td><td class="strong">{{dueOn}}</td><td>用气性质</td><td>{{usageNature}}</td></tr>
</table>`;

const paymentA4 = `<h1>燃气缴费通知单</h1>
<table class="plain"><tr><td>用户编号：<span class="strong">{{accountNo}}</span></td><td class="right">编号：{{noticeNo}}</td></tr></table>
<table class="grid">
  <tr><td style="width: 18%;">户名</td><td>{{customerName}}</td><td style="width: 12%;">账期</td><td style="width: 22%;">{{period}}{{#if estimated}}（估抄）{{/if}}</td></tr>
  <tr><td>用气地址</td><td colspan="3">{{address}}</td></tr>
</table>
<h2>抄表记录</h2>
${meterRowsA4}
<p>用量合计：<span class="strong">{{volume}}</span> m³</p>
<h2>计费明细</h2>
${linesA4}
<p></p>
${moneyA4}
<p>抄表员工号：{{readerNo}}　　客户签字：<span class="blank"></span></p>
<p class="strong">请您及时到各燃气收费点缴纳燃气费，缴费期限为{{dueDaysText}}天，逾期不交按照每日{{lateFeeRate}}加收违约金。</p>
<p>24小时服务热线：<span class="strong">{{hotline}}</span></p>
<p class="right muted small">{{companyName}}　打印日期：{{printDate}}</p>`;

const paymentReceipt = `<div class="center strong">{{companyName}}</div>
<div class="center" style="font-size: 1.3em; letter-spacing: 0.2em;">燃气缴费通知单</div>
<table class="plain small">
  <tr><td>用户编号</td><td class="right strong">{{accountNo}}</td></tr>
  <tr><td>编号</td><td class="right">{{noticeNo}}</td></tr>
  <tr><td>户名</td><td class="right">{{customerName}}</td></tr>
  <tr><td colspan="2">{{address}}</td></tr>
  <tr><td>账期</td><td class="right">{{period}}{{#if estimated}}（估抄）{{/if}}</td></tr>
</table>
<div class="rule"></div>
{{#each meters}}<table class="plain small">
  <tr><td>表号</td><td class="right">{{serial}}</td></tr>
  <tr><td>抄表日期</td><td class="right">{{month}}月{{day}}日</td></tr>
  <tr><td>上月表码</td><td class="right">{{previousReading}}</td></tr>
  <tr><td>本月表码</td><td class="right">{{reading}}</td></tr>
  <tr><td>实用方数</td><td class="right">{{volume}}</td></tr>
</table>{{/each}}
<div class="rule"></div>
<table class="plain small">
  {{#each lines}}<tr><td>{{label}} {{volume}}m³×{{price}}</td><td class="right">{{amount | money}}</td></tr>{{/each}}
  <tr><td class="strong">本期气费</td><td class="right strong">¥{{amount | money}}</td></tr>
  <tr><td>往期欠费</td><td class="right">¥{{arrears | money}}</td></tr>
  <tr><td>违约金（截至{{printDate}}）</td><td class="right">¥{{lateFee | money}}</td></tr>
  <tr><td class="strong">合计应缴</td><td class="right strong">¥{{totalDue | money}}</td></tr>
</table>
<p class="small">大写：{{totalDue | capitals}}</p>
<p class="small">缴费截止日期：<span class="strong">{{dueOn}}</span></p>
<div class="rule"></div>
<p class="small">抄表员工号：{{readerNo}}　客户签字：</p>
<p class="small">请您及时到各燃气收费点缴纳燃气费，缴费期限为{{dueDaysText}}天，逾期不交按照每日{{lateFeeRate}}加收违约金。</p>
<p class="small center strong">24小时服务热线：{{hotline}}</p>
<p class="small muted center">打印日期：{{printDate}}</p>`;

const ciA4 = `<h1>工商客户抄表通知单</h1>
<p class="right">编号：{{noticeNo}}</p>
<table class="grid">
  <tr><td style="width: 18%;">客户名称</td><td colspan="3">{{customerName}}</td></tr>
  <tr><td>用气地址</td><td colspan="3">{{address}}</td></tr>
  <tr><td>燃气号</td><td>{{accountNo}}</td><td style="width: 12%;">账期</td><td style="width: 22%;">{{period}}{{#if estimated}}（估抄）{{/if}}</td></tr>
</table>
<p></p>
<table class="grid center">
  <tr class="strong"><td>燃气号（表钢号）</td><td>上次表码</td><td>本次表码</td><td>用量（m³）</td></tr>
  {{#each meters}}<tr><td>{{accountNo}}（{{serial}}）</td><td>{{previousReading}}</td><td>{{reading}}</td><td>{{volume}}</td></tr>
  {{/each}}
  <tr><td colspan="3" class="right">用量合计</td><td class="strong">{{volume}}</td></tr>
</table>
<h2>计费明细</h2>
${linesA4}
<p></p>
${moneyA4}
<table class="grid">
  <tr><td style="width: 18%;">抄表员</td><td>{{readerName}}{{#if readerNo}}（工号 {{readerNo}}）{{/if}}</td><td style="width: 18%;">客户确认签字</td><td style="width: 22%;"></td></tr>
  <tr><td>抄表日期</td><td>{{readOn}}</td><td>联系电话</td><td>{{readerPhone}}</td></tr>
</table>
<p class="strong">请您及时到各燃气收费点缴纳燃气费，缴费期限为{{dueDaysText}}天，逾期不交按照每日{{lateFeeRate}}加收违约金。</p>
<p>24小时服务热线：<span class="strong">{{hotline}}</span></p>
<p class="right muted small">{{companyName}}　打印日期：{{printDate}}</p>`;

const ciReceipt = `<div class="center strong">{{companyName}}</div>
<div class="center" style="font-size: 1.2em; letter-spacing: 0.1em;">工商客户抄表通知单</div>
<table class="plain small">
  <tr><td>编号</td><td class="right">{{noticeNo}}</td></tr>
  <tr><td>燃气号</td><td class="right strong">{{accountNo}}</td></tr>
  <tr><td colspan="2">{{customerName}}</td></tr>
  <tr><td colspan="2">{{address}}</td></tr>
  <tr><td>账期</td><td class="right">{{period}}{{#if estimated}}（估抄）{{/if}}</td></tr>
</table>
<div class="rule"></div>
{{#each meters}}<table class="plain small">
  <tr><td>表钢号</td><td class="right">{{serial}}</td></tr>
  <tr><td>上次表码</td><td class="right">{{previousReading}}</td></tr>
  <tr><td>本次表码</td><td class="right">{{reading}}</td></tr>
  <tr><td>用量</td><td class="right">{{volume}}</td></tr>
</table>{{/each}}
<div class="rule"></div>
<table class="plain small">
  {{#each lines}}<tr><td>{{label}} {{volume}}m³×{{price}}</td><td class="right">{{amount | money}}</td></tr>{{/each}}
  <tr><td class="strong">本期气费</td><td class="right strong">¥{{amount | money}}</td></tr>
  <tr><td>往期欠费</td><td class="right">¥{{arrears | money}}</td></tr>
  <tr><td>违约金（截至{{printDate}}）</td><td class="right">¥{{lateFee | money}}</td></tr>
  <tr><td class="strong">合计应缴</td><td class="right strong">¥{{totalDue | money}}</td></tr>
</table>
<p class="small">大写：{{totalDue | capitals}}</p>
<p class="small">缴费截止日期：<span class="strong">{{dueOn}}</span></p>
<div class="rule"></div>
<p class="small">抄表员：{{readerName}}　抄表日期：{{readOn}}</p>
<p class="small">联系电话：{{readerPhone}}　客户确认签字：</p>
<p class="small">请您及时到各燃气收费点缴纳燃气费，缴费期限为{{dueDaysText}}天，逾期不交按照每日{{lateFeeRate}}加收违约金。</p>
<p class="small center strong">24小时服务热线：{{hotline}}</p>`;

const areaA4 = `<h1>天然气抄表告知单</h1>
<p class="right muted small">编号：{{noticeNo}}</p>
<p>尊敬的燃气客户：</p>
<p style="text-indent: 2em;">本月的燃气抄表工作已结束，请于{{dueDaysText}}天内及时到各收费网点或通过网上银行缴费，逾期将产生日{{lateFeeRate}}的违约金。</p>
<p>{{areaName}}　抄表册：{{bookName}}（{{bookCode}}）　账期：{{period}}　抄表员工号：{{readerNo}}</p>
<table class="grid center small">
  <tr class="strong"><td>序号</td><td>房号</td><td>用户编号</td><td>上次表码</td><td>本次表码</td><td>用量（m³）</td><td>金额（元）</td><td>缴费截止</td></tr>
  {{#each rows}}<tr><td>{{@number}}</td><td>{{place}}</td><td>{{accountNo}}</td><td>{{previousReading}}</td><td>{{reading}}</td><td>{{volume}}</td><td class="right">{{amount | money}}</td><td>{{dueOn}}</td></tr>
  {{/each}}
  <tr class="strong"><td colspan="5" class="right">合计 {{count}} 户</td><td>{{volume}}</td><td class="right">{{amount | money}}</td><td></td></tr>
</table>
<h2>温馨提示</h2>
<p>交费时请携带燃气本或提供用户编号；如需短信通知，请到收费网点办理。24小时服务电话：<span class="strong">{{hotline}}</span></p>
<p class="right">{{companyName}}客户服务部</p>
<p class="right">{{printDate}}</p>`;

const areaReceipt = `<div class="center strong">{{companyName}}</div>
<div class="center" style="font-size: 1.2em; letter-spacing: 0.1em;">天然气抄表告知单</div>
<p class="small">尊敬的燃气客户：本月的燃气抄表工作已结束，请于{{dueDaysText}}天内及时到各收费网点或通过网上银行缴费，逾期将产生日{{lateFeeRate}}的违约金。</p>
<p class="small">{{areaName}} {{bookName}}（{{bookCode}}）账期 {{period}}</p>
<div class="rule"></div>
<table class="plain small">
  {{#each rows}}<tr><td>{{place}}</td><td class="right">{{volume}}m³</td><td class="right">¥{{amount | money}}</td></tr>
  {{/each}}
</table>
<div class="rule"></div>
<p class="small">合计 {{count}} 户　{{volume}} m³　¥{{amount | money}}</p>
<p class="small">交费时请携带燃气本或提供用户编号；如需短信通知，请到收费网点办理。</p>
<p class="small center strong">24小时服务电话：{{hotline}}</p>
<p class="small right">{{companyName}}客户服务部　{{printDate}}</p>`;

const sampleBill: BillNoticeVars = {
  companyName: '演示市燃气有限公司',
  noticeNo: '202610-100000001',
  accountNo: '100000001',
  customerName: '张三',
  address: '演示区幸福路幸福里3号楼2单元501室',
  usageNature: '居民生活用气',
  period: '2026-10',
  fromDate: '2026-08-21',
  readOn: '2026-10-20',
  estimated: false,
  meters: [
    {
      serial: 'G25-0012345',
      month: '10',
      day: '20',
      previousReadOn: '2026-08-20',
      previousReading: '1320',
      readOn: '2026-10-20',
      reading: '1350',
      volume: '30',
    },
  ],
  volume: '30',
  lines: [
    { label: '第一阶梯', from: '2026-08-21', to: '2026-10-20', volume: '10', price: '2.6700', amount: '26.70' },
    { label: '第二阶梯', from: '2026-08-21', to: '2026-10-20', volume: '20', price: '3.2000', amount: '64.00' },
  ],
  amount: '90.70',
  arrears: '0.00',
  lateFee: '0.00',
  totalDue: '90.70',
  dueOn: '2026-11-19',
  dueDaysText: '三十',
  lateFeeRate: '3‰',
  readerNo: '0301',
  readerName: '李四',
  readerPhone: '0632-5550301',
  hotline: '95777',
  printDate: '2026-10-21',
};
const sampleArea: AreaNoticeVars = {
  companyName: '演示市燃气有限公司',
  noticeNo: '202610-A-01',
  areaName: '幸福里小区',
  bookCode: 'A-01',
  bookName: '幸福里 1—4 号楼',
  period: '2026-10',
  dueDaysText: '三十',
  lateFeeRate: '3‰',
  rows: [
    {
      place: '3号楼1单元101室',
      accountNo: '100000001',
      previousReading: '1320',
      reading: '1350',
      volume: '30',
      amount: '80.10',
      dueOn: '2026-11-19',
    },
    {
      place: '3号楼1单元102室',
      accountNo: '100000002',
      previousReading: '860',
      reading: '881',
      volume: '21',
      amount: '56.07',
      dueOn: '2026-11-19',
    },
  ],
  count: '2',
  volume: '51',
  amount: '136.17',
  readerNo: '0301',
  hotline: '95777',
  printDate: '2026年10月21日',
};

/** The notice code of a kind on a paper. */
export const NOTICE_CODES: Record<NoticeKind, Record<NoticePaper, string>> = {
  payment: { A4: 'paymentNotice', receipt80: 'paymentNoticeReceipt' },
  area: { A4: 'areaReadingNotice', receipt80: 'areaReadingNoticeReceipt' },
  ci: { A4: 'ciReadingNotice', receipt80: 'ciReadingNoticeReceipt' },
};

export const NOTICE_NAMES: Record<NoticeKind, { zh: string; en: string }> = {
  payment: { zh: '燃气缴费通知单', en: 'Payment notice' },
  area: { zh: '天然气抄表告知单', en: 'Area reading notice' },
  ci: { zh: '工商客户抄表通知单', en: 'C&I reading notice' },
};

/**
 * Registers the six notices; `billSubject` lets the print platform's own routes print a payment or C&I notice
 * for one bill (subjectId = the bill's id).
 */
export function registerBillingNotices(
  billSubject: (kind: 'payment' | 'ci') => NonNullable<Parameters<typeof registerNotice<BillNoticeVars>>[0]['subject']>,
): void {
  const bill = (kind: 'payment' | 'ci', paper: NoticePaper, template: string) =>
    registerNotice<BillNoticeVars>({
      code: NOTICE_CODES[kind][paper],
      name: {
        zh: `${NOTICE_NAMES[kind].zh}${paper === 'A4' ? '' : '（80 毫米）'}`,
        en: `${NOTICE_NAMES[kind].en}${paper === 'A4' ? '' : ' (80 mm)'}`,
      },
      paper,
      variables: billNoticeVariables,
      sample:
        kind === 'ci'
          ? {
              ...sampleBill,
              customerName: '演示市幸福餐饮有限公司',
              usageNature: '经营性餐饮用气',
              lines: [
                {
                  label: '单价',
                  from: '2026-10-01',
                  to: '2026-10-31',
                  volume: '620',
                  price: '3.8000',
                  amount: '2356.00',
                },
              ],
              volume: '620',
              amount: '2356.00',
              totalDue: '2356.00',
              dueDaysText: '二十',
            }
          : sampleBill,
      template,
      subject: billSubject(kind),
    });
  bill('payment', 'A4', paymentA4);
  bill('payment', 'receipt80', paymentReceipt);
  bill('ci', 'A4', ciA4);
  bill('ci', 'receipt80', ciReceipt);
  for (const paper of ['A4', 'receipt80'] as const)
    registerNotice<AreaNoticeVars>({
      code: NOTICE_CODES.area[paper],
      name: {
        zh: `${NOTICE_NAMES.area.zh}${paper === 'A4' ? '' : '（80 毫米）'}`,
        en: `${NOTICE_NAMES.area.en}${paper === 'A4' ? '' : ' (80 mm)'}`,
      },
      paper,
      variables: areaNoticeVariables,
      sample: sampleArea,
      template: paper === 'A4' ? areaA4 : areaReceipt,
    });
}

import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { registerNotice } from './registry.js';

const amount = z
  .string()
  .trim()
  .regex(/^-?\d{1,10}(\.\d{1,2})?$/, { error: '金额应为数字，最多两位小数 / an amount like 123.45' });

const receiptVariables = z
  .object({
    companyName: z.string().trim().min(1).max(100).describe('公司名称 Company'),
    receiptNo: z.string().trim().min(1).max(40).describe('收据号 Receipt number'),
    date: z.string().trim().min(1).max(40).describe('日期 Date'),
    payer: z.string().trim().max(100).optional().describe('交款人 Payer'),
    items: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(60).describe('项目 Item'),
          amount: amount.describe('金额 Amount'),
        }),
      )
      .min(1)
      .max(50)
      .describe('收费项目 Items'),
    total: amount.describe('合计 Total'),
    cashier: z.string().trim().max(40).describe('收款人 Cashier'),
  })
  .refine((v) => v.items.reduce((sum, i) => sum.plus(i.amount), new Decimal(0)).eq(v.total), {
    error: '合计应等于各项金额之和 / the total must be the sum of the items',
    path: ['total'],
  });

/** A receipt to try the hall's 80 mm printer with; PAY-1's real receipts register their own notice. */
registerNotice({
  code: 'testReceipt',
  name: { zh: '测试收据（80 毫米）', en: 'Test receipt (80 mm)' },
  paper: 'receipt80',
  variables: receiptVariables,
  sample: {
    companyName: '演示市燃气有限公司',
    receiptNo: 'T20261123-0001',
    date: '2026-11-23 09:30',
    payer: '张三',
    items: [
      { name: '天然气费（10 月）', amount: '986.05' },
      { name: '滞纳金', amount: '15.00' },
    ],
    total: '1001.05',
    cashier: '收费员',
  },
  template: `<div class="center strong">{{companyName}}</div>
<div class="center" style="font-size: 1.5em; letter-spacing: 0.6em; margin: 0.2em 0;">收据</div>
<table class="plain small">
  <tr><td>收据号</td><td class="right">{{receiptNo}}</td></tr>
  <tr><td>日期</td><td class="right">{{date}}</td></tr>
  {{#if payer}}<tr><td>交款人</td><td class="right">{{payer}}</td></tr>{{/if}}
</table>
<div class="rule"></div>
<table class="plain">
  <tr><td>项目</td><td class="right">金额（元）</td></tr>
  {{#each items}}<tr><td>{{@number}}. {{name}}</td><td class="right">{{amount | money}}</td></tr>
  {{/each}}
</table>
<div class="rule"></div>
<table class="plain"><tr><td class="strong">合计</td><td class="right strong">¥{{total | money}}</td></tr></table>
<p>大写金额：{{total | capitals}}</p>
<div class="rule"></div>
<p class="small">收款人：{{cashier}}</p>
<p class="small muted center">本收据仅用于测试打印，不作收款凭证</p>`,
});

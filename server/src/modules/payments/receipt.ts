/**
 * PAY-1: the receipt of a payment (收费收据), three parts on one page with cut lines — 客户联 (the customer's),
 * 记账联 (accounting) and 存根联 (the stub) — with the amount in capitals, the tenders, what it paid by period
 * (late fee and principal), the cashier, the company and the hotline (`svc.hotline`).
 * PAY-5: the receipt number (票据号) of the cashier's receipt stock, taken on the first print at the desk and the same on
 * every reprint (无票据号 without stock). PAY-6: on the customer's part, the QR code of the e-invoice request page
 * (until the payment's invoicing deadline). Both come from modules/invoices/receipts.ts.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/types.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Principal } from '../../platform/context.js';
import type { Lang } from '../../platform/errors.js';
import { policyValue } from '../../platform/policy/policy.js';
import { registerNotice } from '../../platform/print/registry.js';
import { renderNotice, requireNotice } from '../../platform/print/service.js';
import { invoiceQr, receiptNumberOf, receiptNumberOnPrint } from '../invoices/receipts.js';
import { findCompany } from '../org/service.js';
import { PaymentError } from './errors.js';
import * as repo from './repo.js';

const s = (max: number, description: string) => z.string().max(max).describe(description);

export const RECEIPT_NOTICE = 'paymentReceipt';
const METHOD_ZH: Record<string, string> = {
  cash: '现金',
  pos: '银行卡（POS）',
  wechat: '微信',
  alipay: '支付宝',
  bankTransfer: '银行转账',
  voucher: '代金券',
  online: '网上缴费',
  bankDebit: '银行代扣',
};
const CHANNEL_ZH: Record<string, string> = { online: '网上缴费', bankDebit: '银行代扣' };

const part = z.object({
  name: s(10, '联次 Part'),
  use: s(40, '用途 Use'),
  qr: s(20000, '电子发票二维码（仅客户联）E-invoice QR code, customer part only (data: URL)'),
  qrUrl: s(300, '二维码网址 The address in the QR code'),
});
const variables = z.object({
  companyName: s(100, '公司名称 Company'),
  hotline: s(40, '服务热线 Hotline'),
  no: s(40, '收费单号 Payment number'),
  receiptNo: s(40, '票据号 Receipt stock number'),
  qrUntil: s(10, '二维码有效期 QR code good until'),
  receivedAt: s(40, '收费时间 Received at'),
  accountNo: s(18, '用户编号 Account number'),
  customerName: s(100, '户名 Customer'),
  address: s(200, '用气地址 Address'),
  amount: s(20, '金额 Amount (yuan)'),
  lateFeeTotal: s(20, '其中违约金 Late fees in it'),
  prepayment: s(20, '预存 Prepayment'),
  cashier: s(64, '收费员 Cashier'),
  status: s(20, '状态 Status'),
  tenders: z
    .array(
      z.object({ method: s(20, '方式 Method'), amount: s(20, '金额 Amount'), reference: s(64, '凭证号 Reference') }),
    )
    .max(6)
    .describe('收款方式 Tenders'),
  allocations: z
    .array(
      z.object({ period: s(20, '期间 Period'), lateFee: s(20, '违约金 Late fee'), principal: s(20, '本金 Principal') }),
    )
    .max(200)
    .describe('冲抵明细 What it paid'),
  parts: z.array(part).max(3).describe('联次 Parts (客户联 / 记账联 / 存根联)'),
});
type ReceiptVars = z.infer<typeof variables>;

const template = `{{#each parts}}
<div class="receipt-part" style="page-break-inside: avoid; padding: 4mm 0;">
<h2 class="center" style="margin: 0;">{{companyName}} 燃气费收据</h2>
<p class="small" style="display: flex; justify-content: space-between; margin: 2px 0;"><span>No. {{no}}　票据号：{{receiptNo}}</span><span class="strong">{{name}}（{{use}}）</span><span>{{receivedAt}}</span></p>
<table class="grid small">
  <tr><th style="width: 14%;">用户编号</th><td>{{accountNo}}</td><th style="width: 12%;">户名</th><td>{{customerName}}</td>{{#if qr}}<td rowspan="6" class="center" style="width: 24mm; vertical-align: middle;"><img src="{{qr}}" alt="" title="{{qrUrl}}" data-testid="receipt-qr" style="width: 21mm; height: 21mm; display: block; margin: 0 auto;">扫码开电子发票<br>{{qrUntil}} 前有效</td>{{/if}}</tr>
  <tr><th>用气地址</th><td colspan="3">{{address}}</td></tr>
  <tr><th>金额（大写）</th><td colspan="3" class="strong">{{amount | capitals}}</td></tr>
  <tr><th>金额（小写）</th><td class="strong">¥{{amount | money}}</td><th>其中违约金</th><td>¥{{lateFeeTotal | money}}</td></tr>
  <tr><th>收款方式</th><td colspan="3">{{#each tenders}}{{method}} ¥{{amount | money}}{{#if reference}}（{{reference}}）{{/if}}　{{/each}}</td></tr>
  <tr><th>冲抵明细</th><td colspan="3">{{#each allocations}}{{period}}：违约金 ¥{{lateFee | money}}，气费 ¥{{principal | money}}；{{/each}}{{#if prepayment}}预存 ¥{{prepayment | money}}{{/if}}</td></tr>
</table>
<p class="small" style="display: flex; justify-content: space-between; margin: 2px 0;"><span>收费员：{{cashier}}</span><span>{{status}}</span><span>服务热线：{{hotline}}</span></p>
</div>
<div class="rule center small muted">✂ - - - - - - - - - - 沿此线剪开 - - - - - - - - - - ✂</div>
{{/each}}`;

const PARTS = [
  { name: '第一联 客户联', use: '交用户收执', qr: '', qrUrl: '' },
  { name: '第二联 记账联', use: '财务记账', qr: '', qrUrl: '' },
  { name: '第三联 存根联', use: '收费处留存', qr: '', qrUrl: '' },
];

async function load(db: Queryable, principal: Principal, id: string, receiptNo?: string): Promise<ReceiptVars> {
  const p = await repo.findPayment(db, principal.companyId, id);
  if (!p) throw PaymentError('NOT_FOUND');
  const [head, company, hotline, qr, known] = await Promise.all([
    repo.accountHead(db, principal.companyId, p.accountId),
    findCompany(db, principal.companyId),
    policyValue(db, principal.companyId, 'svc.hotline', businessToday()),
    invoiceQr(db, principal.companyId, p.id),
    receiptNo ?? receiptNumberOf(db, principal.companyId, p.id),
  ]);
  const received = new Date(p.receivedAt);
  const time = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(received);
  const lateFeeTotal = p.allocations.reduce((sum, a) => sum.plus(a.lateFee), new Decimal(0));
  return {
    companyName: company?.name ?? '',
    hotline: String(hotline ?? ''),
    no: p.no,
    receiptNo: known,
    qrUntil: qr?.expiresOn ?? '',
    receivedAt: `${businessToday(received)} ${time}`,
    accountNo: p.accountNo,
    customerName: p.customerName,
    address: head?.address ?? '',
    amount: p.amount,
    lateFeeTotal: lateFeeTotal.toFixed(2),
    prepayment: new Decimal(p.prepayment).gt(0) ? p.prepayment : '',
    cashier: p.cashierName ?? CHANNEL_ZH[p.channel] ?? '',
    status: p.status === 'reversed' ? '已冲正 作废' : '',
    tenders: p.tenders.map((t) => ({
      method: METHOD_ZH[t.method] ?? t.method,
      amount: t.amount,
      reference: t.reference ?? '',
    })),
    allocations: p.allocations.map((a) => ({ period: a.period ?? '期初', lateFee: a.lateFee, principal: a.principal })),
    parts: PARTS.map((x, i) => (i === 0 && qr ? { ...x, qr: qr.qr, qrUrl: qr.url } : x)),
  };
}

/** The template's `parts` loop sees the item's fields first, then the receipt's. */
registerNotice<ReceiptVars>({
  code: RECEIPT_NOTICE,
  name: { zh: '收费收据（三联）', en: 'Payment receipt (three parts)' },
  paper: 'A4',
  variables,
  sample: {
    companyName: '演示市燃气有限公司',
    hotline: '96777',
    no: 'SK-20261204-D0003-0001',
    receiptNo: 'SJ-A 00000001',
    qrUntil: '2027-01-03',
    receivedAt: '2026-12-04 10:15:00',
    accountNo: '010000000001',
    customerName: '张三',
    address: '演示市幸福路 1 号 1 栋 101',
    amount: '300.00',
    lateFeeTotal: '1.20',
    prepayment: '98.80',
    cashier: '收费员甲',
    status: '',
    tenders: [
      { method: '现金', amount: '100.00', reference: '' },
      { method: '微信', amount: '200.00', reference: '4200001234' },
    ],
    allocations: [{ period: '2026-10', lateFee: '1.20', principal: '200.00' }],
    parts: PARTS,
  },
  template,
  subject: { permission: 'payment.read', load },
});

/** The receipt as printed at the desk: the first print takes the receipt number (see receipts.ts). */
export async function receiptHtml(
  db: Db,
  principal: Principal,
  id: string,
  opts: { lang: Lang; scriptNonce?: string },
) {
  const def = requireNotice(RECEIPT_NOTICE);
  if (!(await repo.findPayment(db, principal.companyId, id))) throw PaymentError('NOT_FOUND');
  const receiptNo = await receiptNumberOnPrint(db, principal, id);
  const variables = await load(db, principal, id, receiptNo);
  const html = await renderNotice(db, principal.companyId, def, { variables, sample: false }, opts);
  return { html, def, no: variables.no };
}

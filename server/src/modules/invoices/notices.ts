/**
 * PAY-6: the invoice as a document (A4) — the paper invoice's print-out for the desk and the e-invoice's PDF (the
 * local e-invoice simulator serves this). 购买方 / 销售方, the line 天然气 with the tax split out, the amount in
 * capitals, code and number; a voided invoice is stamped 作废 (with the red-letter note of an e-invoice).
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import type { Lang } from '../../platform/errors.js';
import { registerNotice } from '../../platform/print/registry.js';
import { renderNotice, requireNotice } from '../../platform/print/service.js';
import { findCompany } from '../org/service.js';
import { InvoiceError } from './errors.js';
import * as repo from './repo.js';
import type { Invoice } from './schemas.js';
import { KIND_ZH } from './service.js';

export const INVOICE_NOTICE = 'invoiceDocument';
const s = (max: number, description: string) => z.string().max(max).describe(description);

const variables = z.object({
  kindName: s(40, '发票种类 Kind'),
  invoiceCode: s(20, '发票代码 Code'),
  invoiceNo: s(20, '发票号码 Number'),
  issuedOn: s(10, '开票日期 Issued on'),
  buyerTitle: s(100, '购买方名称 Buyer'),
  buyerTaxNo: s(20, '购买方纳税人识别号 Buyer tax ID'),
  buyerAddressPhone: s(260, '购买方地址、电话 Buyer address and phone'),
  buyerBank: s(160, '购买方开户行及账号 Buyer bank'),
  sellerName: s(100, '销售方名称 Seller'),
  item: s(40, '货物或应税劳务名称 Item'),
  netAmount: s(20, '金额 Amount before tax'),
  taxRate: s(10, '税率 Tax rate'),
  taxAmount: s(20, '税额 Tax'),
  amount: s(20, '价税合计 Total'),
  accountNo: s(18, '用户编号 Account'),
  payments: s(600, '收费单号 Payments'),
  issuer: s(64, '开票人 Issuer'),
  voided: s(200, '作废 Voided (reason)'),
  replaces: s(40, '重开自 Re-issue of'),
});
type Vars = z.infer<typeof variables>;

const template = `<h1>{{kindName}}</h1>
{{#if voided}}<p class="center strong" style="font-size: 2em; border: 3px solid #000; letter-spacing: 0.5em;">作 废</p><p class="center small">{{voided}}</p>{{/if}}
<table class="plain small"><tr><td>发票代码：{{invoiceCode}}</td><td>发票号码：{{invoiceNo}}</td><td class="right">开票日期：{{issuedOn}}</td></tr></table>
<table class="grid">
  <tr><th>购买方名称</th><td colspan="3">{{buyerTitle}}</td></tr>
  <tr><th>纳税人识别号</th><td colspan="3">{{buyerTaxNo}}</td></tr>
  <tr><th>地址、电话</th><td colspan="3">{{buyerAddressPhone}}</td></tr>
  <tr><th>开户行及账号</th><td colspan="3">{{buyerBank}}</td></tr>
</table>
<table class="grid" style="margin-top: 4mm;">
  <tr><th style="width: 40%;">货物或应税劳务、服务名称</th><th>金额</th><th>税率</th><th>税额</th></tr>
  <tr><td>{{item}}</td><td class="right">{{netAmount | money}}</td><td class="right">{{taxRate}}</td><td class="right">{{taxAmount | money}}</td></tr>
  <tr><td>价税合计（大写）<span class="strong">{{amount | capitals}}</span></td><td colspan="3" class="right strong">（小写）¥{{amount | money}}</td></tr>
</table>
<table class="grid" style="margin-top: 4mm;">
  <tr><th>销售方名称</th><td>{{sellerName}}</td></tr>
  <tr><th>备注</th><td>用户编号 {{accountNo}}；收费单号 {{payments}}{{#if replaces}}；重开自 {{replaces}}{{/if}}</td></tr>
</table>
<p class="small" style="display: flex; justify-content: space-between;"><span>开票人：{{issuer}}</span><span>销售方（章）</span></p>`;

const SAMPLE: Vars = {
  kindName: '增值税普通发票',
  invoiceCode: '037002600111',
  invoiceNo: '00000001',
  issuedOn: '2026-12-04',
  buyerTitle: '演示市某某餐饮有限公司',
  buyerTaxNo: '91370000MA3C000000',
  buyerAddressPhone: '演示市幸福路 1 号 0632-5550000',
  buyerBank: '中国工商银行演示支行 1605000000000000000',
  sellerName: '演示市燃气有限公司',
  item: '*燃气*天然气',
  netAmount: '275.23',
  taxRate: '9%',
  taxAmount: '24.77',
  amount: '300.00',
  accountNo: '010000000001',
  payments: 'SK-20261204-D0003-0001',
  issuer: '收费员甲',
  voided: '',
  replaces: '',
};

async function varsOf(db: Queryable, companyId: string, i: Invoice): Promise<Vars> {
  const company = await findCompany(db, companyId);
  const old = i.replacesId ? await repo.findInvoice(db, companyId, i.replacesId) : null;
  const join = (...parts: (string | null)[]) => parts.filter(Boolean).join(' ');
  const rate = Number(i.taxRate) * 100;
  return {
    kindName: KIND_ZH[i.kind],
    invoiceCode: i.invoiceCode,
    invoiceNo: i.invoiceNo,
    issuedOn: i.issuedOn,
    buyerTitle: i.buyerTitle,
    buyerTaxNo: i.buyerTaxNo ?? '',
    buyerAddressPhone: join(i.buyerAddress, i.buyerPhone),
    buyerBank: join(i.buyerBankName, i.buyerBankAccount),
    sellerName: company?.name ?? '',
    item: '*燃气*天然气',
    netAmount: i.netAmount,
    taxRate: `${Number.isInteger(rate) ? rate : rate.toFixed(2)}%`,
    taxAmount: i.taxAmount,
    amount: i.amount,
    accountNo: i.accountNo,
    payments: i.payments.map((p) => p.no).join('、'),
    issuer: i.issuedBy?.name ?? (i.channel === 'qr' ? '电子发票自助开具' : ''),
    voided:
      i.status === 'voided' ? `${i.voidReason ?? ''}${i.redInvoiceNo ? `（红字发票 ${i.redInvoiceNo}）` : ''}` : '',
    replaces: old ? `${old.invoiceCode} ${old.invoiceNo}` : '',
  };
}

registerNotice<Vars>({
  code: INVOICE_NOTICE,
  name: { zh: '发票', en: 'Invoice' },
  paper: 'A4',
  variables,
  sample: SAMPLE,
  template,
  subject: {
    permission: 'invoice.read',
    load: async (db, principal, id) => {
      const i = await repo.findInvoice(db, principal.companyId, id);
      if (!i) throw InvoiceError('NOT_FOUND');
      return varsOf(db, principal.companyId, i);
    },
  },
});

export async function invoiceHtml(
  db: Queryable,
  companyId: string,
  invoice: Invoice,
  opts: { lang: Lang; scriptNonce?: string },
) {
  const def = requireNotice(INVOICE_NOTICE);
  const variables = await varsOf(db, companyId, invoice);
  const html = await renderNotice(db, companyId, def, { variables, sample: false }, opts);
  return { html, def };
}

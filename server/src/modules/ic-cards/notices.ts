/**
 * Printed forms of ICC: the IC purchase receipt (80 mm, 000 第九十七条) and the replenishment form — 智能表补气量
 * 申请表 / 丢气补气操作登记表 (000 ch.14 附件 1–2; 003 §15 (五) "补气内容打印存档").
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import type { Principal } from '../../platform/context.js';
import { registerNotice } from '../../platform/print/registry.js';
import { findCompany } from '../org/service.js';
import { IcError } from './errors.js';
import { REASON_ZH } from './replenishment.js';
import * as repo from './repo.js';

const s = (max: number, d: string) => z.string().max(max).describe(d);
const shanghai = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
/** A numeric(12,3) volume without trailing zeros. */
const m3 = (v: string) => new Decimal(v).toString();

export const PURCHASE_RECEIPT = 'icPurchaseReceipt';
const purchaseVars = z.object({
  companyName: s(100, '公司名称 Company'),
  no: s(40, '购气单号 Purchase number'),
  paymentNo: s(40, '收费单号 Payment number'),
  soldAt: s(40, '购气时间 Sold at'),
  accountNo: s(18, '用户编号 Account number'),
  customerName: s(100, '户名 Customer'),
  address: s(200, '用气地址 Address'),
  cardNo: s(24, 'IC 卡号 Card number'),
  meterNo: s(32, '表号 Meter number'),
  volume: s(20, '购气量 Volume (m³)'),
  price: s(20, '单价 Price'),
  amount: s(20, '气费 Amount'),
  collected: s(20, '实收 Collected'),
  writeStatus: s(20, '写卡状态 Write status'),
  cashier: s(64, '收费员 Cashier'),
});
type PurchaseVars = z.infer<typeof purchaseVars>;

async function loadPurchase(db: Queryable, principal: Principal, id: string): Promise<PurchaseVars> {
  const p = await repo.purchaseById(db, principal.companyId, id);
  if (!p) throw IcError('PURCHASE_NOT_FOUND');
  const company = await findCompany(db, principal.companyId);
  return {
    companyName: company?.name ?? '',
    no: p.no,
    paymentNo: p.paymentNo ?? '',
    soldAt: shanghai(p.createdAt),
    accountNo: p.accountNo,
    customerName: p.customerName,
    address: p.address,
    cardNo: p.cardNo,
    meterNo: p.meterNo,
    volume: m3(p.volume),
    price: p.price,
    amount: p.amount,
    collected: p.collected,
    writeStatus: p.writeStatus === 'verified' ? '已写卡并校验' : '写卡未完成',
    cashier: p.soldByName,
  };
}

registerNotice<PurchaseVars>({
  code: PURCHASE_RECEIPT,
  name: { zh: 'IC 卡购气凭条（80 毫米）', en: 'IC-card purchase receipt (80 mm)' },
  paper: 'receipt80',
  variables: purchaseVars,
  sample: {
    companyName: '演示市燃气有限公司',
    no: 'GQ-20261205-0001',
    paymentNo: 'SK-20261205-D0003-0001',
    soldAt: '2026-12-05 10:15',
    accountNo: '010000000001',
    customerName: '张三',
    address: '演示市幸福路 1 号 1 栋 101',
    cardNo: 'IC01000000000101',
    meterNo: 'IC-G2.5-000123',
    volume: '50',
    price: '2.6100',
    amount: '130.50',
    collected: '130.50',
    writeStatus: '已写卡并校验',
    cashier: '收费员甲',
  },
  template: `<div class="center strong">{{companyName}}</div>
<div class="center" style="font-size: 1.3em; margin: 0.2em 0;">IC 卡购气凭条</div>
<table class="plain small">
  <tr><td>单号</td><td class="right">{{no}}</td></tr>
  {{#if paymentNo}}<tr><td>收费单号</td><td class="right">{{paymentNo}}</td></tr>{{/if}}
  <tr><td>时间</td><td class="right">{{soldAt}}</td></tr>
  <tr><td>用户编号</td><td class="right">{{accountNo}}</td></tr>
  <tr><td>户名</td><td class="right">{{customerName}}</td></tr>
  <tr><td>地址</td><td class="right">{{address}}</td></tr>
  <tr><td>卡号</td><td class="right">{{cardNo}}</td></tr>
  <tr><td>表号</td><td class="right">{{meterNo}}</td></tr>
</table>
<div class="rule"></div>
<table class="plain">
  <tr><td>购气量</td><td class="right strong">{{volume}} 立方米</td></tr>
  <tr><td>单价</td><td class="right">{{price}} 元/立方米</td></tr>
  <tr><td>气费</td><td class="right strong">¥{{amount | money}}</td></tr>
  <tr><td>实收</td><td class="right">¥{{collected | money}}</td></tr>
</table>
<p>大写金额：{{amount | capitals}}</p>
<div class="rule"></div>
<p class="small">{{writeStatus}}　收费员：{{cashier}}</p>
<p class="small muted center">请将 IC 卡插入气表完成充值，下次购气前须确认卡中气量已输入气表</p>`,
  subject: { permission: 'ic.read', load: loadPurchase },
});

export const REPLENISHMENT_FORM = 'icReplenishmentForm';
const replVars = z.object({
  companyName: s(100, '公司名称 Company'),
  no: s(40, '补气单号 Number'),
  accountNo: s(18, '用户编号 Account number'),
  customerName: s(100, '用户名 Customer'),
  address: s(200, '用气地址 Address'),
  contactPhone: s(20, '联系电话 Phone'),
  cardNo: s(24, '卡号 Card'),
  cardType: s(20, '卡型 Card type'),
  meterNo: s(32, '表号 Meter'),
  reason: s(60, '补气原因 Reason'),
  startReading: s(20, '装表底数 Start reading'),
  reading: s(20, '基表读数 Meter reading'),
  cumulativePurchased: s(20, '累计购气量 Purchased'),
  cardVolume: s(40, '卡内未插表气量 Gas still on the card'),
  volume: s(20, '补气量 Volume'),
  amount: s(20, '金额 Amount'),
  outcome: s(40, '核算结果 Outcome'),
  status: s(20, '状态 Status'),
  approvalNo: s(40, '审批单号 Approval'),
  operator: s(64, '经办人 Operator'),
  requestedAt: s(40, '操作日期 Date'),
  note: s(500, '备注 Note'),
});
type ReplVars = z.infer<typeof replVars>;
const STATUS_ZH: Record<string, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  withdrawn: '已撤回',
  charged: '已计费（用户补交）',
};

async function loadReplenishment(db: Queryable, principal: Principal, id: string): Promise<ReplVars> {
  const r = await repo.replenishmentById(db, principal.companyId, id);
  if (!r) throw IcError('REPLENISHMENT_NOT_FOUND');
  const company = await findCompany(db, principal.companyId);
  const negative = r.volume.startsWith('-');
  return {
    companyName: company?.name ?? '',
    no: r.no,
    accountNo: r.accountNo,
    customerName: r.customerName,
    address: r.address,
    contactPhone: r.contactPhone ?? '',
    cardNo: r.cardNo ?? '',
    cardType: '民用 IC 卡',
    meterNo: r.meterNo,
    reason: REASON_ZH[r.reason] ?? r.reason,
    startReading: m3(r.startReading),
    reading: m3(r.reading),
    cumulativePurchased: m3(r.cumulativePurchased),
    cardVolume: r.cardVolume === null ? '未读卡（卡损坏或丢失）' : `${m3(r.cardVolume)} 立方米`,
    volume: m3(r.volume),
    amount: r.amount,
    outcome: negative ? '补气量为负：用户补交气费' : '补气量为正：审批后写卡补气',
    status: STATUS_ZH[r.status] ?? r.status,
    approvalNo: r.approvalNo ?? '',
    operator: r.requestedByName,
    requestedAt: shanghai(r.requestedAt),
    note: r.note ?? '',
  };
}

registerNotice<ReplVars>({
  code: REPLENISHMENT_FORM,
  name: { zh: '智能表补气量申请表（补气单）', en: 'IC-meter replenishment form' },
  paper: 'A4',
  variables: replVars,
  sample: {
    companyName: '演示市燃气有限公司',
    no: 'BQ-20261205-0001',
    accountNo: '010000000001',
    customerName: '张三',
    address: '演示市幸福路 1 号 1 栋 101',
    contactPhone: '13800000000',
    cardNo: 'IC01000000000101',
    cardType: '民用 IC 卡',
    meterNo: 'IC-G2.5-000123',
    reason: '非人为因素造成的 IC 卡表气量丢失',
    startReading: '0',
    reading: '120',
    cumulativePurchased: '150',
    cardVolume: '0 立方米',
    volume: '30',
    amount: '78.30',
    outcome: '补气量为正：审批后写卡补气',
    status: '待审批',
    approvalNo: 'AP-20261205-ABC123',
    operator: '营业员甲',
    requestedAt: '2026-12-05 10:15',
    note: '',
  },
  template: `<h2 class="center">{{companyName}}</h2>
<h1 class="center">智能表补气量申请表</h1>
<p class="small" style="display: flex; justify-content: space-between;"><span>编号：{{no}}</span><span>状态：{{status}}</span></p>
<table class="grid">
  <tr><th style="width: 16%;">用户编号</th><td>{{accountNo}}</td><th style="width: 16%;">用户名</th><td>{{customerName}}</td></tr>
  <tr><th>用气地址</th><td colspan="3">{{address}}</td></tr>
  <tr><th>联系电话</th><td>{{contactPhone}}</td><th>卡型</th><td>{{cardType}}</td></tr>
  <tr><th>IC 卡号</th><td>{{cardNo}}</td><th>表号</th><td>{{meterNo}}</td></tr>
  <tr><th>补气原因</th><td colspan="3">{{reason}}</td></tr>
  <tr><th>基表读数</th><td>{{reading}} 立方米</td><th>装表底数</th><td>{{startReading}} 立方米</td></tr>
  <tr><th>累计购气量</th><td>{{cumulativePurchased}} 立方米</td><th>补气量</th><td class="strong">{{volume}} 立方米</td></tr>
  <tr><th>卡内未插表气量</th><td colspan="3">{{cardVolume}}</td></tr>
  <tr><th>核算</th><td colspan="3">补气量 = 累计购气量 − 基表数（基表读数 − 装表底数）− 卡内未插表气量；{{outcome}}</td></tr>
  <tr><th>金额</th><td>¥{{amount | money}}</td><th>审批单号</th><td>{{approvalNo}}</td></tr>
  <tr><th>备注</th><td colspan="3">{{note}}</td></tr>
  <tr><th>经办人</th><td>{{operator}}</td><th>客服部经理</th><td></td></tr>
  <tr><th>用户签字</th><td></td><th>核对及补量人</th><td></td></tr>
</table>
<p class="right">操作日期：{{requestedAt}}</p>`,
  subject: { permission: 'ic.read', load: loadReplenishment },
});

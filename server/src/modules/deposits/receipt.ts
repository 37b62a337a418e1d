/**
 * PAY-8: the deposit receipt (押金收据), 80 mm, printed when a deposit is received; the customer brings it back
 * to have the deposit refunded (003 §11(一)). Printed through platform/print (`depositReceipt`, subject = the deposit).
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Principal } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { registerNotice } from '../../platform/print/registry.js';
import { findCompany } from '../org/service.js';
import { DepositError } from './errors.js';
import * as repo from './repo.js';
import { KIND_ZH, METHOD_ZH } from './service.js';

const s = (max: number, description: string) => z.string().max(max).describe(description);
export const DEPOSIT_RECEIPT = 'depositReceipt';

const variables = z.object({
  companyName: s(100, '公司名称 Company'),
  hotline: s(40, '服务热线 Hotline'),
  no: s(40, '押金单号 Deposit number'),
  receiptNo: s(40, '收据号 Receipt number'),
  receivedAt: s(40, '收取时间 Received at'),
  kind: s(40, '押金种类 Kind'),
  accountNo: s(18, '用户编号 Account number'),
  customerName: s(100, '户名 Customer'),
  address: s(200, '用气地址 Address'),
  amount: s(20, '金额 Amount (yuan)'),
  method: s(40, '收款方式 Method'),
  reference: s(64, '凭证号 Reference'),
  receivedBy: s(64, '经办人 Received by'),
  status: s(40, '状态 Status'),
});
type Vars = z.infer<typeof variables>;

const template = `<div class="center strong">{{companyName}}</div>
<div class="center strong">押金收据</div>
<p class="small">No. {{no}}{{#if receiptNo}}　收据号 {{receiptNo}}{{/if}}<br>{{receivedAt}}</p>
<table class="small">
  <tr><th>押金种类</th><td>{{kind}}</td></tr>
  <tr><th>用户编号</th><td>{{accountNo}}</td></tr>
  <tr><th>户名</th><td>{{customerName}}</td></tr>
  <tr><th>地址</th><td>{{address}}</td></tr>
  <tr><th>金额（大写）</th><td class="strong">{{amount | capitals}}</td></tr>
  <tr><th>金额（小写）</th><td class="strong">¥{{amount | money}}</td></tr>
  <tr><th>收款方式</th><td>{{method}}{{#if reference}}（{{reference}}）{{/if}}</td></tr>
</table>
<p class="small">经办人：{{receivedBy}}　{{status}}</p>
<p class="small muted">请妥善保管本收据，退还押金时凭此收据办理。服务热线：{{hotline}}</p>`;

async function load(db: Queryable, principal: Principal, id: string): Promise<Vars> {
  const d = await repo.findDeposit(db, principal.companyId, id);
  if (!d) throw DepositError('NOT_FOUND');
  const [company, hotline] = await Promise.all([
    findCompany(db, principal.companyId),
    policyValue(db, principal.companyId, 'svc.hotline', businessToday()),
  ]);
  const received = new Date(d.receivedAt);
  const time = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(received);
  return {
    companyName: company?.name ?? '',
    hotline: String(hotline ?? ''),
    no: d.no,
    receiptNo: d.receiptNo ?? '',
    receivedAt: `${d.receivedOn} ${time}`,
    kind: KIND_ZH[d.kind],
    accountNo: d.accountNo,
    customerName: d.customerName,
    address: d.address,
    amount: d.amount,
    method: d.method ? (METHOD_ZH[d.method] ?? d.method) : '',
    reference: d.reference ?? '',
    receivedBy: d.receivedBy?.name ?? '',
    status: d.status === 'held' ? '' : '已退还 / 已结清',
  };
}

registerNotice<Vars>({
  code: DEPOSIT_RECEIPT,
  name: { zh: '押金收据', en: 'Deposit receipt' },
  paper: 'receipt80',
  variables,
  sample: {
    companyName: '演示市燃气有限公司',
    hotline: '96777',
    no: 'YJ-20261204-0001',
    receiptNo: '0012345',
    receivedAt: '2026-12-04 10:15',
    kind: '验表押金',
    accountNo: '010000000001',
    customerName: '张三',
    address: '演示市幸福路 1 号 1 栋 101',
    amount: '300.00',
    method: '现金',
    reference: '',
    receivedBy: '收费员甲',
    status: '',
  },
  template,
  subject: { permission: 'deposit.read', load },
});

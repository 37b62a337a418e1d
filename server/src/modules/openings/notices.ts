import { z } from 'zod';
import { policyValue } from '../../platform/policy/policy.js';
import { registerNotice } from '../../platform/print/registry.js';
import { getAccountProfile } from '../customers/service.js';
import { findCompany } from '../org/service.js';
import { getApplication } from './service.js';
import {
  APPLIANCE_TEXT,
  BUILDING_TEXT,
  FEE_CATEGORY_TEXT,
  KIND_TEXT,
  METER_TYPE_TEXT,
  MODE_TEXT,
  PAYMENT_TEXT,
  PRIORITY_TEXT,
} from './texts.js';

const s = (max: number, what: string) => z.string().max(max).optional().describe(what);

const variables = z.object({
  companyName: z.string().min(1).max(100).describe('公司名称 Company'),
  applicationNo: z.string().min(1).max(32).describe('申请编号 Application number'),
  mode: z.string().max(8).describe('报装性质（散户/集体） Mode'),
  applicationDate: z.string().max(10).describe('报装日期 Application date'),
  invoiceDate: z.string().max(10).describe('开票日期 Invoice date'),
  feeInvoiceNo: s(32, '报装费发票号 Fee invoice number'),
  applicantName: z.string().max(100).describe('申请人/报装单位 Applicant'),
  applicantOrg: s(100, '报装单位（集体） Applying organisation'),
  batchRef: s(64, '批次号（集体） Batch reference'),
  customerKind: z.string().max(8).describe('用户类别 Customer kind'),
  idNo: s(40, '证件号码（遮蔽） ID number, masked'),
  taxNo: s(20, '纳税人识别号 Tax number'),
  mobile: s(20, '联系电话 Phone'),
  address: z.string().max(200).describe('用气地址 Address'),
  buildingType: s(8, '建筑类型 Building type'),
  usageNature: z.string().max(40).describe('用气性质 Usage nature'),
  meterType: z.string().max(10).describe('表类型 Meter type'),
  paymentMethod: z.string().max(10).describe('缴费方式 Payment method'),
  bankName: s(64, '银行名称 Bank'),
  bankAccountNo: s(40, '银行卡号（遮蔽） Bank account, masked'),
  bankAccountHolder: s(64, '持卡人 Holder'),
  smsMobile: s(20, '短信号码 SMS number'),
  priority: z.string().max(8).describe('安装级别 Priority'),
  installationRequest: s(500, '用户对安装要求 Installation request'),
  households: z
    .array(
      z.object({
        accountNo: z.string().max(18).describe('用户编号 Account number'),
        name: z.string().max(64).describe('户名 Name'),
        address: z.string().max(200).describe('地址 Address'),
      }),
    )
    .max(500)
    .describe('报装户 Households'),
  appliances: z
    .array(
      z.object({
        kind: z.string().max(8).describe('燃气具 Appliance'),
        brand: s(64, '品牌型号 Brand and model'),
        powerKw: s(12, '功率（千瓦） kW'),
      }),
    )
    .max(50)
    .describe('燃气具 Appliances'),
  feeLines: z
    .array(
      z.object({
        item: z.string().max(20).describe('收费项目 Item'),
        quantity: z.string().max(20).describe('数量 Quantity'),
        rate: z.string().max(20).describe('单价 Rate'),
        amount: z.string().max(20).describe('金额 Amount'),
      }),
    )
    .max(60)
    .describe('安装费明细 Fee lines'),
  feeTotal: z.string().max(20).describe('安装费合计 Fee total'),
  installWorkingDays: z.number().int().describe('安装时限（工作日） Installation within (working days)'),
  clerk: s(64, '受理人 Taken by'),
});
type Vars = z.infer<typeof variables>;

const maskBank = (no: string | null) => (no ? `${'*'.repeat(Math.max(0, no.length - 4))}${no.slice(-4)}` : undefined);
const zh = (texts: Record<string, { zh: string }>, key: string | null) => (key ? (texts[key]?.zh ?? key) : undefined);

/** CUS-7/CUS-8: the installation application form (用气申请表) the applicant checks and signs. */
registerNotice<Vars>({
  code: 'installationApplication',
  name: { zh: '报装申请表', en: 'Installation application form' },
  paper: 'A4',
  variables,
  sample: {
    companyName: '演示市燃气有限公司',
    applicationNo: 'BZ202611230001',
    mode: '散户',
    applicationDate: '2026-11-23',
    invoiceDate: '2026-11-23',
    feeInvoiceNo: '04417392',
    applicantName: '张三',
    customerKind: '居民',
    idNo: '3303************12',
    mobile: '13800138000',
    address: '鹿城区人民路幸福小区3号楼2单元501室',
    buildingType: '多层',
    usageNature: '居民生活用气',
    meterType: 'IC卡表',
    paymentMethod: '充值',
    smsMobile: '13800138000',
    priority: '等待安排',
    households: [{ accountNo: '0100002001', name: '张三', address: '鹿城区人民路幸福小区3号楼2单元501室' }],
    appliances: [{ kind: '灶具', brand: '方太 JZT-201', powerKw: '4.2' }],
    feeLines: [{ item: '多层', quantity: '1 户', rate: '2400.00', amount: '2400.00' }],
    feeTotal: '2400.00',
    installWorkingDays: 5,
    clerk: '营业厅受理员',
  },
  subject: {
    permission: 'customer.read',
    async load(db, principal, id) {
      const a = await getApplication(db, principal.companyId, id);
      const [company, profile, workingDays] = await Promise.all([
        findCompany(db, principal.companyId),
        a.mode === 'individual' && a.households[0]
          ? getAccountProfile(db, principal.companyId, a.households[0].accountId)
          : null,
        policyValue(db, principal.companyId, 'svc.installationWorkingDays', a.applicationDate),
      ]);
      return {
        companyName: company?.name ?? '',
        applicationNo: a.applicationNo,
        mode: zh(MODE_TEXT, a.mode)!,
        applicationDate: a.applicationDate,
        invoiceDate: a.feeInvoiceLost ? `${a.invoiceDate}（发票遗失）` : a.invoiceDate,
        feeInvoiceNo: a.feeInvoiceNo ?? undefined,
        applicantName: a.applicantName,
        applicantOrg: a.applicantOrg ?? undefined,
        batchRef: a.batchRef ?? undefined,
        customerKind: zh(KIND_TEXT, a.customerKind)!,
        idNo: profile?.customer.idNo ?? undefined,
        taxNo: profile?.customer.taxNo ?? undefined,
        mobile: a.applicantMobile ?? undefined,
        address: a.address,
        buildingType: zh(BUILDING_TEXT, a.buildingType),
        usageNature: a.usageNatureName,
        meterType: zh(METER_TYPE_TEXT, a.meterType)!,
        paymentMethod: zh(PAYMENT_TEXT, a.paymentMethod)!,
        bankName: profile?.account.bankName ?? undefined,
        bankAccountNo: maskBank(profile?.account.bankAccountNo ?? null),
        bankAccountHolder: profile?.account.bankAccountHolder ?? undefined,
        smsMobile: profile?.account.smsMobile ?? undefined,
        priority: zh(PRIORITY_TEXT, a.priority)!,
        installationRequest: a.installationRequest ?? undefined,
        households: a.households.map((h) => ({ accountNo: h.accountNo, name: h.customerName, address: h.address })),
        appliances: a.appliances.map((ap) => ({
          kind: zh(APPLIANCE_TEXT, ap.kind)!,
          brand: [ap.brand, ap.model].filter(Boolean).join(' ') || undefined,
          powerKw: ap.powerKw ?? undefined,
        })),
        feeLines: a.feeBreakdown.lines.map((l) => ({
          item: [zh(FEE_CATEGORY_TEXT, l.category), l.applianceKind ? zh(APPLIANCE_TEXT, l.applianceKind) : null]
            .filter(Boolean)
            .join(' · '),
          quantity: `${l.quantity} ${l.unit === 'kW' ? '千瓦' : '户'}`,
          rate: l.rate,
          amount: l.amount,
        })),
        feeTotal: a.feeAmount,
        installWorkingDays: workingDays,
        clerk: a.createdByName ?? undefined,
      };
    },
  },
  template: `<style>
  table.grid th { width: 16%; }
  table.list { width: 100%; border-collapse: collapse; margin: 0.4em 0 0.8em; }
  table.list th, table.list td { border: 1px solid #000; padding: 0.25em 0.4em; font-size: 0.92em; }
  table.list th { background: #f2f2f2; font-weight: normal; }
  ol.notes { padding-left: 1.4em; }
</style>
<h1>用气申请表</h1>
<p class="right muted">{{companyName}}　　申请编号：<span class="strong">{{applicationNo}}</span></p>
<table class="grid">
  <tr><th>报装性质</th><td>{{mode}}</td><th>安装级别</th><td>{{priority}}</td></tr>
  <tr><th>报装日期</th><td>{{applicationDate}}</td><th>开票日期</th><td>{{invoiceDate}}</td></tr>
  <tr><th>报装费发票号</th><td>{{feeInvoiceNo}}</td><th>用户类别</th><td>{{customerKind}}</td></tr>
  {{#if applicantOrg}}<tr><th>报装单位</th><td>{{applicantOrg}}</td><th>批次号</th><td>{{batchRef}}</td></tr>{{/if}}
  <tr><th>申请人</th><td>{{applicantName}}</td><th>联系电话</th><td>{{mobile}}</td></tr>
  {{#if idNo}}<tr><th>证件号码</th><td colspan="3">{{idNo}}</td></tr>{{/if}}
  {{#if taxNo}}<tr><th>纳税人识别号</th><td colspan="3">{{taxNo}}</td></tr>{{/if}}
  <tr><th>用气地址</th><td colspan="3">{{address}}</td></tr>
  <tr><th>用气性质</th><td>{{usageNature}}</td><th>建筑类型</th><td>{{buildingType}}</td></tr>
  <tr><th>表类型</th><td>{{meterType}}</td><th>缴费方式</th><td>{{paymentMethod}}</td></tr>
  {{#if bankName}}<tr><th>代扣银行</th><td>{{bankName}}</td><th>银行卡号</th><td>{{bankAccountNo}}（持卡人：{{bankAccountHolder}}）</td></tr>{{/if}}
  {{#if smsMobile}}<tr><th>短信号码</th><td colspan="3">{{smsMobile}}</td></tr>{{/if}}
  <tr><th>用户对安装要求</th><td colspan="3" style="height: 2.4em;">{{installationRequest}}</td></tr>
</table>
<h2>报装户</h2>
<table class="list">
  <tr><th>序号</th><th>用户编号</th><th>户名</th><th>地址</th></tr>
  {{#each households}}<tr><td>{{@number}}</td><td>{{accountNo}}</td><td>{{name}}</td><td>{{address}}</td></tr>{{/each}}
</table>
{{#if appliances}}<h2>燃气具</h2>
<table class="list">
  <tr><th>燃气具</th><th>品牌型号</th><th>功率（千瓦）</th></tr>
  {{#each appliances}}<tr><td>{{kind}}</td><td>{{brand}}</td><td>{{powerKw}}</td></tr>{{/each}}
</table>{{/if}}
<h2>安装费</h2>
<table class="list">
  <tr><th>收费项目</th><th>数量</th><th>单价（元）</th><th>金额（元）</th></tr>
  {{#each feeLines}}<tr><td>{{item}}</td><td>{{quantity}}</td><td>{{rate | money}}</td><td>{{amount | money}}</td></tr>{{/each}}
  <tr><td colspan="3">合计（大写）{{feeTotal | capitals}}</td><td class="strong">{{feeTotal | money}}</td></tr>
</table>
<h2>用户须知</h2>
<ol class="notes">
  <li>自受理次日起 {{installWorkingDays}} 个工作日内安排安装（用户另约时间及特殊情况除外），届时将与您电话联系。</li>
  <li>请选购带熄火保护装置的燃气灶具，否则依照国家规定可不予通气。</li>
  <li>需用气时请提前三天与客服联系，由专业人员上门通气；外出和晚间入睡前，请关闭室内燃气各控制阀门。</li>
  <li>发现燃气泄漏请立即关闭阀门、开窗通风，并拨打 24 小时抢修电话。</li>
</ol>
<p>我已阅读以上条款。　　已赠送资料：<span class="blank" style="min-width: 6em;"></span></p>
<div class="signatures">
  <div>申请人签字：<div class="line"></div>日期：</div>
  <div>受理人：{{clerk}}<div class="line"></div>日期：</div>
</div>`,
});

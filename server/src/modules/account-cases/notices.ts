/**
 * The forms of the account-change cases (A4), printed for a case from its record: 用户过户登记表
 * (000 ch.16 附件1), 报停/启封申请表, 销户申请表, 用气性质变更申请表, and per account the
 * 更名通知书 (000 ch.16 附件2) for a C&I site that changed hands without applying.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Principal } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { registerNotice } from '../../platform/print/registry.js';
import { accountBalance } from '../ledger/service.js';
import { findCompany } from '../org/service.js';
import { KIND_TEXT } from './checks.js';
import type { CaseKind } from './documents.js';
import { CaseError } from './errors.js';
import * as repo from './repo.js';
import type { ClosureDetails, NatureChangeDetails, SuspensionDetails, TransferDetails } from './schemas.js';

const PERMISSION = 'customer.case';
const s = (max: number, description: string) => z.string().max(max).describe(description);
const opt = (max: number, description: string) => z.string().max(max).optional().describe(description);

const common = {
  companyName: s(100, '公司名称 Company'),
  caseNo: s(40, '业务单号 Case number'),
  date: s(20, '受理日期 Date of application'),
  accountNo: s(18, '用户编号 Account number'),
  customerName: s(100, '户名 Customer'),
  address: s(200, '用气地址 Address'),
  clerk: s(64, '受理人 Clerk'),
  documents: z
    .array(z.object({ label: s(200, '资料 Document'), received: s(4, '是否收到 Received') }))
    .max(40)
    .describe('资料清单 Documents'),
};
const reading = {
  meterSerial: opt(32, '表钢号 Meter serial'),
  readingLabel: s(20, '读数名称 Reading label'),
  reading: opt(20, '表读数 Reading'),
  readOn: opt(20, '抄表日期 Reading date'),
  signedBy: opt(32, '读数确认签字人 Reading signed by'),
};

interface Loaded {
  row: repo.CaseRow;
  company: string;
  today: string;
}

async function loadCase(db: Queryable, principal: Principal, id: string, kinds: CaseKind[]): Promise<Loaded> {
  const row = await repo.findCase(db, principal.companyId, id);
  if (!row) throw CaseError('CASE_NOT_FOUND');
  if (!kinds.includes(row.kind))
    throw CaseError('NOTICE_KIND', { vars: { caseNo: row.caseNo, kind: KIND_TEXT[row.kind] } });
  const company = await findCompany(db, principal.companyId);
  return { row, company: company?.name ?? '', today: businessToday() };
}

function commonOf({ row, company }: Loaded) {
  return {
    companyName: company,
    caseNo: row.caseNo,
    date: businessToday(new Date(row.createdAt)),
    accountNo: row.accountNo,
    customerName: row.customerName,
    address: row.address,
    clerk: row.createdByName,
    documents: row.documents.map((d) => ({ label: d.label, received: d.received ? '✓' : '—' })),
  };
}

function readingOf(row: repo.CaseRow) {
  return {
    meterSerial: row.meterSerial ?? undefined,
    readingLabel: row.readingKind === 'icCumulative' ? '累计购气量（m³）' : '表读数（m³）',
    reading: row.reading ?? undefined,
    readOn: row.readOn ?? undefined,
    signedBy: row.readingConfirmed ? (row.readingSignedBy ?? undefined) : undefined,
  };
}

async function arrearsText(db: Queryable, companyId: string, accountId: string, today: string) {
  const { arrears } = await accountBalance(db, companyId, accountId, today);
  return new Decimal(arrears).gt(0) ? `欠费 ${arrears} 元` : '无欠费';
}

const documentsTable = `<h2>资料清单</h2>
<table class="grid">
  {{#each documents}}<tr><td style="width: 8%;" class="center">{{@number}}</td><td>{{label}}</td><td style="width: 10%;" class="center">{{received}}</td></tr>{{/each}}
</table>`;
const readingRows = `<tr><th>表钢号</th><td>{{meterSerial}}</td><th>抄表日期</th><td>{{readOn}}</td></tr>
  <tr><th>{{readingLabel}}</th><td class="strong">{{reading}}</td><th>读数确认签字</th><td>{{signedBy}}</td></tr>`;
const head = (title: string) => `<h1>${title}</h1>
<p class="right muted">{{companyName}}　　业务单号：{{caseNo}}　　{{date}}</p>`;

// ——— 用户过户登记表 (CUS-9) ———

const transferVariables = z.object({
  ...common,
  ...reading,
  newCustomerName: opt(100, '新户名称 New owner'),
  newIdNo: opt(32, '新用户身份证号 New owner’s ID number'),
  uniformNo: opt(20, '统一编号（统一社会信用代码）Unified social credit code'),
  propertyCertNo: opt(64, '新用户房产证号 Property certificate number'),
  agentName: opt(32, '经办人 Agent'),
  agentPhone: opt(32, '经办人联系方式 Agent’s phone'),
  arrears: s(40, '是否欠费 Arrears'),
  contractChange: opt(120, '合同变更 Contract change'),
  customerInfoChange: opt(60, '客户信息变更 Customer record changed'),
  archived: opt(20, '资料存档 Documents archived'),
});
type TransferVars = z.infer<typeof transferVariables>;

async function transferLoad(db: Queryable, principal: Principal, id: string): Promise<TransferVars> {
  const loaded = await loadCase(db, principal, id, ['transfer']);
  const { row } = loaded;
  const d = row.details as TransferDetails;
  let newOwner: { name: string; idNo?: string | null; taxNo?: string | null } | null = null;
  if (row.newCustomerId) newOwner = await repo.customerIdentity(db, principal.companyId, row.newCustomerId);
  else if (d.newOwner?.mode === 'new') newOwner = d.newOwner.customer;
  else if (d.newOwner?.mode === 'existing')
    newOwner = await repo.customerIdentity(db, principal.companyId, d.newOwner.customerId);
  const done = row.status === 'completed';
  return {
    ...commonOf(loaded),
    ...readingOf(row),
    newCustomerName: newOwner?.name,
    newIdNo: newOwner?.idNo ?? undefined,
    uniformNo: newOwner?.taxNo ?? undefined,
    propertyCertNo: d.propertyCertNo,
    agentName: d.agentName,
    agentPhone: d.agentPhone,
    arrears: await arrearsText(db, principal.companyId, row.accountId, loaded.today),
    contractChange: done
      ? `${row.oldContractNo ? `原合同 ${row.oldContractNo} 作废，` : ''}新签 ${row.newContractNo ?? ''}`
      : undefined,
    customerInfoChange: done ? '已变更' : undefined,
    archived: done && row.documents.every((x) => x.received || !x.required) ? '已存档' : undefined,
  };
}

registerNotice({
  code: 'ownershipTransferForm',
  name: { zh: '用户过户登记表', en: 'Ownership transfer form' },
  paper: 'A4',
  variables: transferVariables,
  sample: {
    companyName: '演示市燃气有限公司',
    caseNo: 'GH202611230001',
    date: '2026-11-23',
    accountNo: '0100001234',
    customerName: '王建国',
    address: '金水区花园路幸福小区3号楼2单元501室',
    clerk: '营业厅受理员',
    documents: [
      { label: '新客户房产证原件及复印件1份', received: '✓' },
      { label: '新客户身份证原件及复印件1份', received: '✓' },
    ],
    meterSerial: 'JK2400001234',
    readingLabel: '表读数（m³）',
    reading: '1234.500',
    readOn: '2026-11-23',
    signedBy: '李明',
    newCustomerName: '李明',
    newIdNo: '410102199001011234',
    propertyCertNo: '豫(2026)郑州市不动产权第0001234号',
    agentName: '李明',
    agentPhone: '13900001234',
    arrears: '无欠费',
    contractChange: '原合同 GYHT-0100001234 作废，新签 GYHT-0100001234-02',
    customerInfoChange: '已变更',
    archived: '已存档',
  },
  subject: { permission: PERMISSION, load: transferLoad },
  template: `${head('用户过户登记表')}
<table class="grid">
  <tr><th>用气地址</th><td colspan="3">{{address}}</td></tr>
  <tr><th>用户编号</th><td>{{accountNo}}</td><th>统一编号</th><td>{{uniformNo}}</td></tr>
  <tr><th>原户名称</th><td>{{customerName}}</td><th>新户名称</th><td class="strong">{{newCustomerName}}</td></tr>
  <tr><th>新用户身份证号</th><td colspan="3">{{newIdNo}}</td></tr>
  <tr><th>新用户房产证号</th><td colspan="3">{{propertyCertNo}}</td></tr>
  <tr><th>经办人</th><td>{{agentName}}</td><th>经办人联系方式</th><td>{{agentPhone}}</td></tr>
  ${readingRows}
  <tr><td colspan="4" class="small muted">以上由客户本人（或委托经办人）填写。气表读数（IC卡表为累计购气量）已告知客户，过户后产生的计量纠纷由新客户负责。</td></tr>
  <tr><th>受理人</th><td>{{clerk}}</td><th>是否欠费</th><td>{{arrears}}</td></tr>
  <tr><th>核对气表读数（IC卡）</th><td>{{reading}}</td><th>剩余欠费清理</th><td>{{arrears}}</td></tr>
  <tr><th>合同变更</th><td>{{contractChange}}</td><th>客户信息变更</th><td>{{customerInfoChange}}</td></tr>
  <tr><th>资料存档</th><td colspan="3">{{archived}}</td></tr>
  <tr><td colspan="4" class="small muted">以上由客户服务中心经办人填写</td></tr>
</table>
${documentsTable}
<div class="signatures">
  <div>原户（或经办人）签字：<div class="line"></div>日期：</div>
  <div>新户（或经办人）签字：<div class="line"></div>日期：</div>
  <div>受理人签字：<div class="line"></div>日期：</div>
</div>`,
});

// ——— 报停 / 启封申请表 (CUS-10) ———

const suspensionVariables = z.object({
  ...common,
  ...reading,
  title: s(20, '表名（报停申请表或启封申请表）Title'),
  mobile: opt(20, '联系电话 Phone'),
  reason: opt(500, '原因 Reason'),
  sealed: opt(10, '是否封表 Meter sealed'),
  sealNo: opt(32, '封号 Seal number'),
  arrears: s(40, '欠费情况 Arrears'),
});

registerNotice({
  code: 'suspensionForm',
  name: { zh: '报停/启封申请表', en: 'Suspension or reactivation form' },
  paper: 'A4',
  variables: suspensionVariables,
  sample: {
    companyName: '演示市燃气有限公司',
    caseNo: 'BT202611230001',
    date: '2026-11-23',
    accountNo: '0100001234',
    customerName: '王建国',
    address: '金水区花园路幸福小区3号楼2单元501室',
    clerk: '营业厅受理员',
    documents: [{ label: '报停申请表（用户本人签字）', received: '✓' }],
    meterSerial: 'JK2400001234',
    readingLabel: '表读数（m³）',
    reading: '1234.500',
    readOn: '2026-11-23',
    signedBy: '王建国',
    title: '报停申请表',
    mobile: '13900001234',
    reason: '房屋长期空置',
    sealed: '是',
    sealNo: 'F000123',
    arrears: '无欠费',
  },
  subject: {
    permission: PERMISSION,
    async load(db, principal, id) {
      const loaded = await loadCase(db, principal, id, ['suspension', 'reactivation']);
      const { row } = loaded;
      const d = row.details as SuspensionDetails;
      const who = await repo.customerIdentity(db, principal.companyId, row.customerId);
      return {
        ...commonOf(loaded),
        ...readingOf(row),
        title: row.kind === 'suspension' ? '报停申请表' : '启封申请表',
        mobile: who?.mobile ?? who?.phone ?? undefined,
        reason: d.reason,
        sealed: row.kind === 'suspension' ? (d.sealed ? '是' : '否') : undefined,
        sealNo: d.sealNo,
        arrears: await arrearsText(db, principal.companyId, row.accountId, loaded.today),
      };
    },
  },
  template: `<h1>{{title}}</h1>
<p class="right muted">{{companyName}}　　业务单号：{{caseNo}}　　{{date}}</p>
<table class="grid">
  <tr><th>用户编号</th><td>{{accountNo}}</td><th>户名</th><td>{{customerName}}</td></tr>
  <tr><th>用气地址</th><td colspan="3">{{address}}</td></tr>
  <tr><th>联系电话</th><td>{{mobile}}</td><th>欠费情况</th><td>{{arrears}}</td></tr>
  ${readingRows}
  <tr><th>是否封表</th><td>{{sealed}}</td><th>封号</th><td>{{sealNo}}</td></tr>
  <tr><th>申请原因</th><td colspan="3" style="height: 4em;">{{reason}}</td></tr>
  <tr><th>受理人</th><td colspan="3">{{clerk}}</td></tr>
</table>
${documentsTable}
<div class="signatures">
  <div>用户（或经办人）签字：<div class="line"></div>日期：</div>
  <div>受理人签字：<div class="line"></div>日期：</div>
</div>`,
});

// ——— 销户申请表 (CUS-10; 004 also for a temporary removal) ———

const closureVariables = z.object({
  ...common,
  ...reading,
  category: s(20, '申请类别（销户或临时拆表）Category'),
  mobile: opt(20, '联系电话 Phone'),
  reason: opt(500, '原因 Reason'),
  arrears: s(40, '欠费情况 Arrears'),
  removalDueOn: opt(20, '拆表期限 Meter removal due'),
  meterRemovedOn: opt(20, '拆表日期 Meter removed on'),
  restoreBy: opt(20, '复装期限 Restore by'),
});

registerNotice({
  code: 'closureForm',
  name: { zh: '销户申请表', en: 'Account closure form' },
  paper: 'A4',
  variables: closureVariables,
  sample: {
    companyName: '演示市燃气有限公司',
    caseNo: 'XH202611230001',
    date: '2026-11-23',
    accountNo: '0100001234',
    customerName: '王建国',
    address: '金水区花园路幸福小区3号楼2单元501室',
    clerk: '营业厅受理员',
    documents: [{ label: '销户申请表（用户本人签字）', received: '✓' }],
    meterSerial: 'JK2400001234',
    readingLabel: '表读数（m³）',
    reading: '1300.000',
    readOn: '2026-11-23',
    signedBy: '王建国',
    category: '销户',
    mobile: '13900001234',
    reason: '房屋拆迁',
    arrears: '无欠费',
    removalDueOn: '2026-11-30',
  },
  subject: {
    permission: PERMISSION,
    async load(db, principal, id) {
      const loaded = await loadCase(db, principal, id, ['closure']);
      const { row } = loaded;
      const d = row.details as ClosureDetails;
      const who = await repo.customerIdentity(db, principal.companyId, row.customerId);
      return {
        ...commonOf(loaded),
        ...readingOf(row),
        category: d.temporary ? '临时拆表（6个月内须办理复装）' : '销户',
        mobile: who?.mobile ?? who?.phone ?? undefined,
        reason: d.reason,
        arrears: await arrearsText(db, principal.companyId, row.accountId, loaded.today),
        removalDueOn: row.dueOn ?? undefined,
        meterRemovedOn: row.meterRemovedOn ?? undefined,
        restoreBy: row.restoreBy ?? undefined,
      };
    },
  },
  template: `${head('销户申请表')}
<table class="grid">
  <tr><th>申请类别</th><td colspan="3" class="strong">{{category}}</td></tr>
  <tr><th>用户编号</th><td>{{accountNo}}</td><th>户名</th><td>{{customerName}}</td></tr>
  <tr><th>用气地址</th><td colspan="3">{{address}}</td></tr>
  <tr><th>联系电话</th><td>{{mobile}}</td><th>欠费情况</th><td>{{arrears}}</td></tr>
  ${readingRows.replace('{{readingLabel}}', '最终{{readingLabel}}')}
  <tr><th>拆表期限</th><td>{{removalDueOn}}</td><th>拆表日期</th><td>{{meterRemovedOn}}</td></tr>
  {{#if restoreBy}}<tr><th>复装期限</th><td colspan="3">{{restoreBy}}（逾期按新装办理）</td></tr>{{/if}}
  <tr><th>申请原因</th><td colspan="3" style="height: 4em;">{{reason}}</td></tr>
  <tr><th>受理人</th><td colspan="3">{{clerk}}</td></tr>
</table>
${documentsTable}
<p class="small muted">销户后不可再复接；临时拆表须在期限内办理复表，否则按新装户办理。</p>
<div class="signatures">
  <div>用户（或经办人）签字：<div class="line"></div>日期：</div>
  <div>拆表人签字：<div class="line"></div>日期：</div>
  <div>受理人签字：<div class="line"></div>日期：</div>
</div>`,
});

// ——— 用气性质变更申请表 (CUS-11) ———

const natureVariables = z.object({
  ...common,
  ...reading,
  fromNature: s(100, '原用气性质 Current nature'),
  toNature: opt(100, '新用气性质 New nature'),
  direction: opt(20, '变更方向 Direction'),
  reason: opt(500, '变更原因 Reason'),
  checkDueOn: opt(20, '现场核查期限 Site check due'),
  checkedOn: opt(20, '核查日期 Checked on'),
  inspector: opt(32, '核查人 Inspector'),
  opinion: opt(500, '核查意见 Opinion'),
  approvalNo: opt(40, '审批单号 Approval number'),
  approver: opt(40, '审批人级别 Approved by'),
});

registerNotice({
  code: 'usageNatureChangeForm',
  name: { zh: '用气性质变更申请表', en: 'Usage-nature change form' },
  paper: 'A4',
  variables: natureVariables,
  sample: {
    companyName: '演示市燃气有限公司',
    caseNo: 'XZ202611230001',
    date: '2026-11-23',
    accountNo: '0100001234',
    customerName: '鑫源餐馆',
    address: '金水区花园路槐树巷3排12号',
    clerk: '营业厅受理员',
    documents: [{ label: '加盖单位公章的用气性质变更申请表', received: '✓' }],
    readingLabel: '表读数（m³）',
    fromNature: '居民生活用气',
    toNature: '经营性餐饮用气',
    direction: '低改高',
    reason: '住宅改为餐馆经营',
    checkDueOn: '2026-11-25',
    checkedOn: '2026-11-24',
    inspector: '安检员张三',
    opinion: '现场已开设餐馆，同意变更',
    approvalNo: 'AP-20261123-1A2B3C',
    approver: '营业所主任',
  },
  subject: {
    permission: PERMISSION,
    async load(db, principal, id) {
      const loaded = await loadCase(db, principal, id, ['natureChange']);
      const { row } = loaded;
      const d = row.details as NatureChangeDetails;
      const [from, to] = await Promise.all([
        repo.findNature(db, principal.companyId, d.fromNature ?? row.usageNature),
        d.newNature ? repo.findNature(db, principal.companyId, d.newNature) : Promise.resolve(null),
      ]);
      const up = from && to ? to.priceRank >= from.priceRank : null;
      return {
        ...commonOf(loaded),
        ...readingOf(row),
        fromNature: from?.name ?? row.usageNatureName,
        toNature: to?.name,
        direction: up === null ? undefined : up ? '低改高' : '高改低',
        reason: d.reason,
        checkDueOn: row.dueOn ?? undefined,
        checkedOn: d.siteCheck?.checkedOn,
        inspector: d.siteCheck?.inspector,
        opinion: d.siteCheck?.opinion,
        approvalNo: row.approvalNo ?? undefined,
        approver: up === null ? undefined : up ? '营业所主任' : '分管副总经理',
      };
    },
  },
  template: `${head('用气性质变更申请表')}
<table class="grid">
  <tr><th>用户编号</th><td>{{accountNo}}</td><th>户名</th><td>{{customerName}}</td></tr>
  <tr><th>用气地址</th><td colspan="3">{{address}}</td></tr>
  <tr><th>原用气性质</th><td>{{fromNature}}</td><th>新用气性质</th><td class="strong">{{toNature}}</td></tr>
  <tr><th>变更方向</th><td>{{direction}}</td><th>审批</th><td>{{approver}} {{approvalNo}}</td></tr>
  <tr><th>变更原因</th><td colspan="3" style="height: 3em;">{{reason}}</td></tr>
  <tr><th>现场核查期限</th><td>{{checkDueOn}}</td><th>核查日期</th><td>{{checkedOn}}</td></tr>
  <tr><th>核查人</th><td colspan="3">{{inspector}}</td></tr>
  <tr><th>核查意见</th><td colspan="3" style="height: 3em;">{{opinion}}</td></tr>
  <tr><th>受理人</th><td colspan="3">{{clerk}}</td></tr>
</table>
${documentsTable}
<div class="signatures">
  <div>用户（或经办人）签字：<div class="line"></div>日期：</div>
  <div>核查人签字：<div class="line"></div>日期：</div>
  <div>审批人签字：<div class="line"></div>日期：</div>
</div>`,
});

// ——— 更名通知书 (CUS-9; 000 §120, 附件2) ———

const renameVariables = z.object({
  companyName: s(100, '公司名称 Company'),
  accountNo: s(18, '用户编号 Account number'),
  customerName: s(100, '户名 Customer'),
  address: s(200, '地址 Address'),
  hotline: s(20, '联系电话 Phone'),
  date: s(20, '日期 Date'),
});

registerNotice({
  code: 'renameNotice',
  name: { zh: '更名通知书', en: 'Change-of-name notice' },
  paper: 'A4',
  variables: renameVariables,
  sample: {
    companyName: '演示市燃气有限公司',
    accountNo: '0100005678',
    customerName: '鑫源餐馆',
    address: '金水区花园路槐树巷3排12号',
    hotline: '95777',
    date: '2026-11-23',
  },
  subject: {
    permission: PERMISSION,
    async load(db, principal, id) {
      const account = await repo.findAccount(db, principal.companyId, id);
      if (!account) throw CaseError('ACCOUNT_NOT_FOUND');
      if (account.customerKind === 'residential') throw CaseError('RENAME_NOTICE_RESIDENTIAL');
      const today = businessToday();
      const [company, hotline] = await Promise.all([
        findCompany(db, principal.companyId),
        policyValue(db, principal.companyId, 'svc.hotline', today),
      ]);
      return {
        companyName: company?.name ?? '',
        accountNo: account.accountNo,
        customerName: account.customerName,
        address: account.address,
        hotline,
        date: today,
      };
    },
  },
  template: `<h1>要求工商业用户变更户名的通知</h1>
<table class="plain" style="margin-bottom: 1.5em;">
  <tr><td style="width: 6em;">地址：</td><td>{{address}}</td></tr>
  <tr><td>户名：</td><td>{{customerName}}</td></tr>
  <tr><td>用户编号：</td><td>{{accountNo}}</td></tr>
</table>
<p>　　因你处的经营户已作变更，有关事项请尽快和我公司联系，重新对你处的燃气使用情况和燃气设施进行认定，谢谢合作！</p>
<p>　　联系电话：{{hotline}}</p>
<p class="right" style="margin-top: 3em;">{{companyName}}</p>
<p class="right">{{date}}</p>`,
});

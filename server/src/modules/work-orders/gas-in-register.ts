/**
 * SVC-8 《燃气用户室内置换登记表》 (000 ch.2 第七条(四), 附件2), printed on A4 from a gas-in order: the customer
 * and address of the order, the register as the technician saved it (meter, seals, location, the checks,
 * the appliances), the hazards found and whether they were fixed, the technician, and the customer's
 * signature (taken on the phone at completion) or a line to sign on.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Principal } from '../../platform/context.js';
import { registerNotice } from '../../platform/print/registry.js';
import { findCompany } from '../org/service.js';
import { WorkOrderError } from './errors.js';
import type { Register } from './forms/gasIn.js';
import * as formsRepo from './forms-repo.js';
import { shanghaiTime } from './no-access.js';
import { requireOrder } from './service.js';

export const GAS_IN_REGISTER_NOTICE = 'gasInRegister';

const s = (max: number, description: string) => z.string().max(max).describe(description);
const opt = (max: number, description: string) => z.string().max(max).optional().describe(description);
const yes = (description: string) => z.boolean().describe(description);
const box = (description: string) => z.enum(['☑', '□']).describe(description);

const registerVariables = z.object({
  companyName: s(100, '公司名称 Company'),
  orderNo: s(40, '工单号 Order number'),
  date: s(10, '置换日期 Date of the gas-in'),
  accountNo: opt(18, '用户编号 Account number'),
  customerName: s(100, '用户姓名 Customer'),
  address: s(200, '用户地址 Address'),
  phone: opt(32, '联系电话 Phone'),
  meterDirection: s(4, '方向（左/右）Meter direction'),
  baseReading: s(20, '基数 Base reading'),
  meterSerial: s(32, '表号 Meter serial'),
  meterMaker: s(60, '产地 Maker'),
  meterType: s(10, '型号（皮膜/IC卡/远传/物联）Meter type'),
  sealInlet: opt(40, '表封号·进气 Inlet seal'),
  sealOutlet: opt(40, '表封号·出气 Outlet seal'),
  location: s(4, '安装位置（室内/室外）Location'),
  mark: z
    .object({
      left: box('方向·左 ☑/□'),
      right: box('方向·右 ☑/□'),
      diaphragm: box('型号·皮膜 ☑/□'),
      icCard: box('型号·IC卡 ☑/□'),
      remoteRead: box('型号·远传 ☑/□'),
      iot: box('型号·物联 ☑/□'),
      indoor: box('安装位置·室内 ☑/□'),
      outdoor: box('安装位置·室外 ☑/□'),
    })
    .describe('勾选框 Check boxes'),
  metalHose: yes('是否使用金属波纹管 Metal hose'),
  applianceConnectedTested: yes('燃具是否连接调试 Appliances connected and tested'),
  facilitiesIntact: yes('室内设施是否完好 Facilities intact'),
  contractSigned: yes('供气协议是否签订 Contract signed'),
  manualHandedOver: yes('用户手册是否发放 Manual handed over'),
  safetyLeafletHandedOver: yes('安全常识是否发放 Safety leaflet handed over'),
  appliances: z
    .array(z.object({ kind: s(20, '燃气具 Appliance'), brandModel: s(80, '品牌型号 Brand and model') }))
    .max(20)
    .describe('燃气具 Appliances'),
  hazards: z
    .array(
      z.object({
        name: s(100, '隐患 Hazard'),
        note: opt(500, '说明 Note'),
        foundAt: s(20, '发现时间 Found at'),
        status: s(40, '整改情况（已整改/未整改）Fixed or not'),
        fixNote: opt(500, '整改说明 How it was fixed'),
      }),
    )
    .max(50)
    .describe('安全隐患 Hazards found'),
  technicianName: s(64, '置换员 Technician'),
  signedAt: opt(20, '客户在移动端签字的时间 When the customer signed on the phone'),
});
type RegisterVars = z.infer<typeof registerVariables>;

const DIRECTION = { left: '左', right: '右' } as const;
const METER_TYPE = { diaphragm: '皮膜', icCard: 'IC卡', remoteRead: '远传', iot: '物联' } as const;
const LOCATION = { indoor: '室内', outdoor: '室外' } as const;
const APPLIANCE: Record<Register['appliances'][number]['kind'], string> = {
  stove: '燃气灶',
  waterHeater: '热水器',
  wallHeater: '采暖炉',
  other: '其他',
};
const REGISTER_NAME = { zh: '置换登记表', en: 'On-site register' };

const mark = (on: boolean) => (on ? '☑' : '□');

async function loadRegister(db: Queryable, principal: Principal, orderId: string): Promise<RegisterVars> {
  const { companyId } = principal;
  const o = await requireOrder(db, companyId, orderId);
  if (o.typeCode !== 'gasIn')
    throw WorkOrderError('FORM_UNKNOWN', { vars: { type: o.typeNameZh, form: REGISTER_NAME } });
  const saved = (await formsRepo.listForms(db, companyId, orderId)).find((f) => f.formCode === 'register');
  if (!saved) throw WorkOrderError('REGISTER_NOT_SAVED', { vars: { orderNo: o.orderNo } });
  const r = saved.data as Partial<Register>;
  const hazards = await formsRepo.listHazards(db, companyId, orderId);
  const signature = (await formsRepo.listAttachments(db, companyId, orderId))
    .filter((a) => a.kind === 'signature')
    .at(-1);
  const company = await findCompany(db, companyId);
  const on = o.completedAt ?? o.arrivedAt ?? saved.updatedAt;
  return {
    companyName: company?.name ?? '',
    orderNo: o.orderNo,
    date: businessToday(new Date(on)),
    accountNo: o.accountNo ?? undefined,
    customerName: o.callerName ?? '',
    address: o.address ?? '',
    phone: o.phone ?? undefined,
    meterDirection: r.meterDirection ? DIRECTION[r.meterDirection] : '',
    baseReading: r.baseReading ?? '',
    meterSerial: r.meterSerial ?? '',
    meterMaker: r.meterMaker ?? '',
    meterType: r.meterType ? METER_TYPE[r.meterType] : '',
    sealInlet: r.sealInlet ?? undefined,
    sealOutlet: r.sealOutlet ?? undefined,
    location: r.location ? LOCATION[r.location] : '',
    mark: {
      left: mark(r.meterDirection === 'left'),
      right: mark(r.meterDirection === 'right'),
      diaphragm: mark(r.meterType === 'diaphragm'),
      icCard: mark(r.meterType === 'icCard'),
      remoteRead: mark(r.meterType === 'remoteRead'),
      iot: mark(r.meterType === 'iot'),
      indoor: mark(r.location === 'indoor'),
      outdoor: mark(r.location === 'outdoor'),
    },
    metalHose: Boolean(r.metalHose),
    applianceConnectedTested: Boolean(r.applianceConnectedTested),
    facilitiesIntact: Boolean(r.facilitiesIntact),
    contractSigned: Boolean(r.contractSigned),
    manualHandedOver: Boolean(r.manualHandedOver),
    safetyLeafletHandedOver: Boolean(r.safetyLeafletHandedOver),
    appliances: (r.appliances ?? []).map((a) => ({ kind: APPLIANCE[a.kind] ?? a.kind, brandModel: a.brandModel })),
    hazards: hazards.map((h) => ({
      name: h.nameZh,
      note: h.note ?? undefined,
      foundAt: shanghaiTime(new Date(h.foundAt)),
      status: h.fixedAt ? `已整改 ${shanghaiTime(new Date(h.fixedAt))}` : '未整改',
      fixNote: h.fixNote ?? undefined,
    })),
    technicianName: o.technicianName ?? saved.updatedByName ?? '',
    signedAt: signature ? shanghaiTime(new Date(signature.uploadedAt)) : undefined,
  };
}

const yesNo = (field: string) => `{{#if ${field}}}☑是　□否{{else}}□是　☑否{{/if}}`;

registerNotice({
  code: GAS_IN_REGISTER_NOTICE,
  name: { zh: '燃气用户室内置换登记表', en: 'Gas-in on-site register' },
  paper: 'A4',
  variables: registerVariables,
  sample: {
    companyName: '演示市燃气有限公司',
    orderNo: 'GD20261204-0001',
    date: '2026-12-04',
    accountNo: '0100001234',
    customerName: '李先生',
    address: '金水区新城小区5号楼1单元101室',
    phone: '13700137000',
    meterDirection: '左',
    baseReading: '0.000',
    meterSerial: 'GI2600001',
    meterMaker: '金卡',
    meterType: 'IC卡',
    sealInlet: 'F000001',
    sealOutlet: 'F000002',
    location: '室内',
    mark: {
      left: '☑',
      right: '□',
      diaphragm: '□',
      icCard: '☑',
      remoteRead: '□',
      iot: '□',
      indoor: '☑',
      outdoor: '□',
    },
    metalHose: true,
    applianceConnectedTested: true,
    facilitiesIntact: true,
    contractSigned: true,
    manualHandedOver: true,
    safetyLeafletHandedOver: true,
    appliances: [
      { kind: '燃气灶', brandModel: '方太 JZT-FD21BE' },
      { kind: '热水器', brandModel: '林内 RUS-16E55' },
    ],
    hazards: [
      {
        name: '封闭挂表',
        note: '表箱封闭在橱柜内',
        foundAt: '2026-12-04 10:05',
        status: '已整改 2026-12-04 10:40',
        fixNote: '橱柜门改为百叶',
      },
    ],
    technicianName: '置换通气员',
    signedAt: '2026-12-04 10:52',
  },
  subject: { permission: 'workorder.read', load: loadRegister },
  template: `<h1>燃气用户室内置换登记表</h1>
<p class="right muted">{{companyName}}　　工单号：{{orderNo}}　　置换日期：{{date}}</p>
<table class="grid" style="table-layout: fixed;">
  <colgroup><col style="width: 5%;"><col style="width: 17%;"><col style="width: 38%;"><col style="width: 22%;"><col></colgroup>
  <tr><th colspan="2">用户姓名</th><td>{{customerName}}</td><th>用户编号</th><td>{{accountNo}}</td></tr>
  <tr><th colspan="2">用户地址</th><td colspan="3">{{address}}</td></tr>
  <tr>
    <th rowspan="7" class="center">燃<br>气<br>表</th><th>方向</th><td>{{mark.left}}左　{{mark.right}}右</td>
    <th>燃具是否连接调试</th><td>${yesNo('applianceConnectedTested')}</td>
  </tr>
  <tr><th>基数</th><td>{{baseReading}}</td><th>室内设施是否完好</th><td>${yesNo('facilitiesIntact')}</td></tr>
  <tr><th>表号</th><td class="strong">{{meterSerial}}</td><th>供气协议是否签订</th><td>${yesNo('contractSigned')}</td></tr>
  <tr><th>产地</th><td>{{meterMaker}}</td><th>用户手册是否发放</th><td>${yesNo('manualHandedOver')}</td></tr>
  <tr>
    <th>型号</th><td>{{mark.diaphragm}}皮膜　{{mark.icCard}}IC卡　{{mark.remoteRead}}远传　{{mark.iot}}物联</td>
    <th>安全常识是否发放</th><td>${yesNo('safetyLeafletHandedOver')}</td>
  </tr>
  <tr><th>表封号·进气</th><td>{{sealInlet}}</td><th>安装位置</th><td>{{mark.indoor}}室内　{{mark.outdoor}}室外</td></tr>
  <tr><th>表封号·出气</th><td>{{sealOutlet}}</td><th>是否使用金属波纹管</th><td>${yesNo('metalHose')}</td></tr>
  <tr>
    <th colspan="2">燃气具</th>
    <td colspan="3">{{#if appliances}}{{#each appliances}}<div>{{@number}}. {{kind}}　品牌型号：{{brandModel}}</div>{{/each}}{{else}}无{{/if}}</td>
  </tr>
</table>
<h2>安全隐患</h2>
{{#if hazards}}<table class="grid">
  <tr>
    <th class="center" style="width: 7%;">序号</th><th style="width: 18%;">隐患</th><th style="width: 26%;">说明</th>
    <th style="width: 22%;">发现时间</th><th style="width: 27%;">整改情况</th>
  </tr>
  {{#each hazards}}<tr><td class="center">{{@number}}</td><td>{{name}}</td><td>{{note}}</td><td>{{foundAt}}</td><td>{{status}}{{#if fixNote}}<div class="small">{{fixNote}}</div>{{/if}}</td></tr>
  {{/each}}
</table>{{else}}<p>未发现安全隐患。</p>{{/if}}
<p style="margin-top: 1.2em;">以上内容确认属实，本人已完全了解。</p>
<table class="plain">
  <tr>
    <td>用户签字：{{#if signedAt}}<span class="strong">已在移动端签字 {{signedAt}}</span>{{else}}<span class="blank"></span>{{/if}}</td>
    <td>联系电话：{{phone}}</td>
    <td class="right">建档：　　　　年　　月　　日</td>
  </tr>
</table>
<div class="signatures">
  <div>置换员：<span class="strong">{{technicianName}}</span><div class="line"></div></div>
  <div>审核人：<div class="line"></div></div>
  <div>建档人：<div class="line"></div></div>
</div>`,
});

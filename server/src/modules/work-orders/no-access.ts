/**
 * SVC-5 到访不遇: the technician at the door finds nobody home. The visit is recorded (time, technician and
 * employee number), the revisit becomes the order's new appointment, the card left at the door is a notice
 * printed from the visit (employee no, time, contact phone, the hotline from the policy), and the order
 * counts its no-access visits; from svc.repeatedNoAccessCount on it is reported.
 */
import { z } from 'zod';
import type { Queryable, Tx } from '../../db/types.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { registerNotice } from '../../platform/print/registry.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { findCompany } from '../org/service.js';
import { WorkOrderError } from './errors.js';
import { requireMine, type WorkOpts } from './forms.js';
import * as formsRepo from './forms-repo.js';
import * as repo from './repo.js';
import { finish, requireOrder, requireVersion, STATUS_TEXT } from './service.js';

export const NO_ACCESS_NOTICE = 'noAccessCard';

export interface NoAccessInput {
  version: number;
  revisitAt: string;
  note?: string | null;
}

/** Shanghai wall-clock time of an instant, as the card shows it: 2026-12-04 14:30. */
export function shanghaiTime(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

export async function recordNoAccess(tx: Tx, actor: Actor, id: string, input: NoAccessInput, opts: WorkOpts) {
  const { companyId } = actor;
  const o = await requireOrder(tx, companyId, id);
  requireMine(o, actor, opts);
  requireVersion(o, input.version);
  if (!['dispatched', 'appointed', 'notCompleted'].includes(o.status)) {
    throw WorkOrderError('NO_ACCESS_STATUS', { vars: { status: STATUS_TEXT[o.status] } });
  }
  if (!o.technicianId) throw WorkOrderError('NOT_ASSIGNED');
  if (o.pausedSince) throw WorkOrderError('PAUSED', { vars: { reason: o.pauseReason ?? '' } });
  const now = new Date();
  const revisitAt = new Date(input.revisitAt);
  if (!(revisitAt.getTime() > now.getTime())) throw WorkOrderError('REVISIT_PAST', { field: 'revisitAt' });
  // The visitor is the technician on the order (a dispatcher may record it for them).
  const technicianId = o.technicianId;
  const employeeNo = await formsRepo.employeeNoOf(tx, companyId, technicianId);
  const note = input.note?.trim() || null;
  const visitId = await formsRepo.insertVisit(tx, companyId, id, {
    visitedAt: now,
    technicianId,
    employeeNo,
    revisitAt,
    note,
  });
  await formsRepo.bumpNoAccess(tx, companyId, id);
  const count = (await formsRepo.orderExtras(tx, companyId, id)).noAccessCount;
  const change: repo.WorkOrderChange = { status: 'appointed', appointment_at: revisitAt };
  if (!(await repo.updateWorkOrder(tx, companyId, id, o.version, change))) {
    throw WorkOrderError('VERSION_CONFLICT', { field: 'version' });
  }
  await repo.insertEvent(tx, companyId, id, {
    kind: 'status',
    fromStatus: o.status,
    toStatus: 'appointed',
    reason: `到访不遇（第 ${count} 次），再次上门 ${shanghaiTime(revisitAt)}${note ? `：${note}` : ''}`,
    actorId: actor.userId,
    actorName: actor.name,
  });
  const order = await finish(tx, actor, id, o, 'workOrder.noAccess');
  const min = await policyValue(tx, companyId, 'svc.repeatedNoAccessCount', businessToday(now));
  return {
    order,
    visit: {
      id: visitId,
      visitedAt: now.toISOString(),
      employeeNo,
      revisitAt: revisitAt.toISOString(),
      noAccessCount: count,
      repeated: count >= min,
    },
    notice: { code: NO_ACCESS_NOTICE, subjectId: visitId },
  };
}

/** SVC-5: the orders nobody was home for at least svc.repeatedNoAccessCount times. */
export async function repeatedNoAccess(db: Queryable, companyId: string, limit = 200) {
  const min = await policyValue(db, companyId, 'svc.repeatedNoAccessCount', businessToday());
  const rows = await formsRepo.listRepeatedNoAccess(db, companyId, min, limit);
  return {
    min,
    items: rows.map((r) => ({
      id: r.id,
      orderNo: r.orderNo,
      typeCode: r.typeCode,
      typeName: { zh: r.typeNameZh, en: r.typeNameEn },
      status: r.status,
      address: r.address,
      technicianName: r.technicianName,
      noAccessCount: r.noAccessCount,
      lastVisitAt: r.lastVisitAt ? new Date(r.lastVisitAt).toISOString() : null,
      revisitAt: r.revisitAt ? new Date(r.revisitAt).toISOString() : null,
    })),
  };
}

type ReportRow = Awaited<ReturnType<typeof repeatedNoAccess>>['items'][number] & Record<string, unknown>;
const at = (v: unknown) => (v ? shanghaiTime(new Date(String(v))) : '');

// The report as a spreadsheet (addresses only, no names or phones: not sensitive).
registerExport<Record<string, never>, ReportRow>({
  name: 'workOrderNoAccess',
  title: { zh: '多次到访不遇工单', en: 'Orders with repeated no-access' },
  permission: 'workorder.read',
  sensitive: false,
  query: z.object({}),
  async *rows(db, principal) {
    yield* (await repeatedNoAccess(db, principal.companyId, 10_000)).items as ReportRow[];
  },
  columns: [
    { key: 'orderNo', header: { zh: '工单号', en: 'Order' }, width: 18 },
    {
      key: 'typeName',
      header: { zh: '类型', en: 'Type' },
      width: 12,
      format: (_, row, lang) => (lang === 'en' ? row.typeName.en : row.typeName.zh),
    },
    { key: 'address', header: { zh: '地址', en: 'Address' }, width: 36 },
    { key: 'technicianName', header: { zh: '处理人', en: 'Technician' }, width: 12 },
    { key: 'noAccessCount', header: { zh: '到访不遇次数', en: 'Nobody home' }, width: 12 },
    { key: 'lastVisitAt', header: { zh: '最近到访', en: 'Last visit' }, width: 18, format: at },
    { key: 'revisitAt', header: { zh: '再次上门', en: 'Revisit' }, width: 18, format: at },
  ],
});

// ——— 到访不遇告知卡 ———

const s = (max: number, description: string) => z.string().max(max).describe(description);
const cardVariables = z.object({
  companyName: s(100, '公司名称 Company'),
  orderNo: s(40, '工单号 Order number'),
  typeName: s(40, '业务类别 Work'),
  address: s(200, '地址 Address'),
  visitedAt: s(20, '到访时间 Time of the visit'),
  technicianName: s(64, '上门人员 Technician'),
  employeeNo: s(32, '工号 Employee number'),
  contactPhone: s(32, '联系电话 Contact phone'),
  revisitAt: s(20, '再次上门时间 Revisit'),
  hotline: s(20, '客服热线 Hotline'),
});
type CardVars = z.infer<typeof cardVariables>;

async function loadCard(db: Queryable, principal: Principal, visitId: string): Promise<CardVars> {
  const r = await db.query<{ workOrderId: string }>(
    'SELECT work_order_id AS "workOrderId" FROM work_order_visits WHERE company_id = $1 AND id = $2',
    [principal.companyId, visitId],
  );
  const orderId = r.rows[0]?.workOrderId;
  if (!orderId) throw WorkOrderError('NOT_FOUND');
  const o = await requireOrder(db, principal.companyId, orderId);
  const visit = (await formsRepo.findVisit(db, principal.companyId, orderId, visitId))!;
  const tech = await db.query<{ phone: string | null }>('SELECT phone FROM users WHERE company_id = $1 AND id = $2', [
    principal.companyId,
    visit.technicianId,
  ]);
  const visitedAt = new Date(visit.visitedAt);
  const hotline = await policyValue(db, principal.companyId, 'svc.hotline', businessToday(visitedAt));
  const company = await findCompany(db, principal.companyId);
  return {
    companyName: company?.name ?? '',
    orderNo: o.orderNo,
    typeName: o.typeNameZh,
    address: o.address ?? '',
    visitedAt: shanghaiTime(visitedAt),
    technicianName: visit.technicianName ?? '',
    employeeNo: visit.employeeNo ?? '',
    contactPhone: tech.rows[0]?.phone ?? hotline,
    revisitAt: shanghaiTime(new Date(visit.revisitAt)),
    hotline,
  };
}

registerNotice({
  code: NO_ACCESS_NOTICE,
  name: { zh: '到访不遇告知卡', en: 'Sorry-we-missed-you card' },
  paper: 'receipt80',
  variables: cardVariables,
  sample: {
    companyName: '演示市燃气有限公司',
    orderNo: 'GD20261204-0001',
    typeName: '维修',
    address: '金水区花园路幸福小区3号楼2单元501室',
    visitedAt: '2026-12-04 14:30',
    technicianName: '维修工',
    employeeNo: 'E0123',
    contactPhone: '13900001234',
    revisitAt: '2026-12-05 09:00',
    hotline: '95777',
  },
  subject: { permission: 'workorder.read', load: loadCard },
  template: `<h1>到访不遇告知卡</h1>
<p class="center">{{companyName}}</p>
<p>尊敬的用户：</p>
<p>我公司工作人员于 <span class="strong">{{visitedAt}}</span> 到您家办理「{{typeName}}」业务（工单号 {{orderNo}}），因家中无人未能入户。</p>
<p>地址：{{address}}</p>
<p>我们将于 <span class="strong">{{revisitAt}}</span> 再次上门；如需另约时间，请致电联系。</p>
<table class="grid">
  <tr><th>上门人员</th><td>{{technicianName}}</td></tr>
  <tr><th>工号</th><td>{{employeeNo}}</td></tr>
  <tr><th>联系电话</th><td>{{contactPhone}}</td></tr>
  <tr><th>客服热线</th><td class="strong">{{hotline}}</td></tr>
</table>
<p class="small muted">请认准工号，谨防假冒。</p>`,
});

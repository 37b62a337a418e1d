import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import {
  listRegister,
  listWorkers,
  type RegisterQuery,
  registerExportQuery,
  registerQuery,
  workersQuery,
} from './register.js';
import { workOrderSchema } from './schemas.js';

const tags = ['work-orders'];
const READ = ['workorder.read', 'workorder.create', 'workorder.dispatch', 'workorder.work'];

const workersSchema = z.object({
  centre: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
  teams: z.array(z.object({ id: z.uuid(), name: z.string(), openOrders: z.number().int() })),
  workers: z.array(
    z.object({
      id: z.uuid(),
      fullName: z.string(),
      username: z.string(),
      orgUnitId: z.uuid().nullable(),
      orgUnitName: z.string().nullable(),
      teamId: z.uuid().nullable(),
      openOrders: z.number().int(),
      breachedOrders: z.number().int(),
    }),
  ),
  unassigned: z.number().int(),
});

/** The order register (every order, SVC-4) and the dispatch board's people with their load. */
export function registerRoutes(app: FastifyInstance, db: Queryable): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/work-orders', {
    schema: {
      operationId: 'listWorkOrders',
      tags,
      summary: '工单登记簿：全部工单，可筛选、排序、分页 The register of all work orders',
      querystring: registerQuery,
      response: { 200: pageOf(workOrderSchema) },
    },
    config: { permission: READ },
    handler: async (req) => listRegister(db, principalOf(req).companyId, req.query as RegisterQuery),
  });

  r.get('/api/work-orders/workers', {
    schema: {
      operationId: 'listWorkOrderWorkers',
      tags,
      summary: '中心的班组与处理人及其在办工单数 A centre’s teams and technicians with their open orders',
      querystring: workersQuery,
      response: { 200: workersSchema },
    },
    config: { permission: ['workorder.dispatch', 'workorder.read'] },
    handler: async (req) => listWorkers(db, principalOf(req).companyId, req.query.orgUnitId),
  });
}

type Row = Awaited<ReturnType<typeof listRegister>>['items'][number] & Record<string, unknown>;

const STATUS = {
  created: { zh: '已受理', en: 'Created' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  appointed: { zh: '已预约', en: 'Appointed' },
  arrived: { zh: '已到场', en: 'Arrived' },
  completed: { zh: '已完成', en: 'Completed' },
  notCompleted: { zh: '未完成', en: 'Not completed' },
  closed: { zh: '已归档', en: 'Closed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
} as const;

const PRIORITY = {
  low: { zh: '低', en: 'Low' },
  normal: { zh: '普通', en: 'Normal' },
  high: { zh: '高', en: 'High' },
  urgent: { zh: '紧急', en: 'Urgent' },
} as const;

const pick = (map: Record<string, { zh: string; en: string }>) => (v: unknown, _: unknown, lang: string) =>
  map[v as string]?.[lang === 'en' ? 'en' : 'zh'] ?? v;

// Names and addresses of callers: exporting needs an approved data-export request (IAM-5); phones stay masked.
registerExport<z.infer<typeof registerExportQuery>, Row>({
  name: 'workOrderRegister',
  title: { zh: '工单登记簿', en: 'Work-order register' },
  permission: 'workorder.read',
  sensitive: true,
  query: registerExportQuery,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) => (await listRegister(db, principal.companyId, { ...q, page, pageSize })).items as Row[],
    ),
  columns: [
    { key: 'orderNo', header: { zh: '工单号', en: 'Order no' }, width: 18 },
    {
      key: 'typeName',
      header: { zh: '类型', en: 'Type' },
      width: 14,
      format: (v, _, lang) => (v as { zh: string; en: string })[lang === 'en' ? 'en' : 'zh'],
    },
    { key: 'status', header: { zh: '状态', en: 'Status' }, width: 10, format: pick(STATUS) },
    { key: 'priority', header: { zh: '优先级', en: 'Priority' }, width: 8, format: pick(PRIORITY) },
    { key: 'reportedAt', header: { zh: '受理时间', en: 'Reported' }, width: 20, format: shanghaiTime },
    { key: 'deadlineAt', header: { zh: '承诺时限', en: 'Deadline' }, width: 20, format: shanghaiTime },
    {
      key: 'breached',
      header: { zh: '是否超时', en: 'Breached' },
      width: 8,
      format: (v, _, lang) => (lang === 'en' ? (v ? 'yes' : 'no') : v ? '是' : '否'),
    },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account no' }, width: 14 },
    { key: 'callerName', header: { zh: '联系人', en: 'Contact' }, width: 12 },
    { key: 'phone', header: { zh: '联系电话', en: 'Phone' }, width: 14 },
    { key: 'address', header: { zh: '地址', en: 'Address' }, width: 36 },
    { key: 'orgUnitName', header: { zh: '中心', en: 'Centre' }, width: 12 },
    { key: 'teamName', header: { zh: '班组', en: 'Team' }, width: 12 },
    { key: 'technicianName', header: { zh: '处理人', en: 'Technician' }, width: 10 },
    { key: 'ownerName', header: { zh: '首问责任人', en: 'Owner' }, width: 10 },
    { key: 'completedAt', header: { zh: '完成时间', en: 'Completed' }, width: 20, format: shanghaiTime },
    { key: 'outcomeReason', header: { zh: '原因', en: 'Reason' }, width: 24 },
  ],
});

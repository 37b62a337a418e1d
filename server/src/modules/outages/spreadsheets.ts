import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { listQuery } from './schemas.js';
import { listOutages } from './service.js';

const query = listQuery.omit({ page: true, pageSize: true });
type Row = Awaited<ReturnType<typeof listOutages>>['items'][number] & Record<string, unknown>;

const KINDS = { planned: { zh: '计划停气', en: 'Planned' }, emergency: { zh: '紧急停气', en: 'Emergency' } } as const;
const STATUSES = {
  draft: { zh: '未发布', en: 'Not announced' },
  announced: { zh: '已发布', en: 'Announced' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
} as const;
const pick = (table: Record<string, { zh: string; en: string }>) => (v: unknown, _: unknown, lang: string) =>
  table[v as string]?.[lang === 'en' ? 'en' : 'zh'] ?? String(v);

// SVC-10: the register of outage notices. No personal data: counts only.
registerExport<z.infer<typeof query>, Row>({
  name: 'outages',
  title: { zh: '停气通知登记表', en: 'Outage notices' },
  permission: 'outage.read',
  sensitive: false,
  query,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) => (await listOutages(db, principal.companyId, { ...q, page, pageSize })).items as Row[],
    ),
  columns: [
    { key: 'outageNo', header: { zh: '通知编号', en: 'Number' }, width: 16 },
    { key: 'kind', header: { zh: '类型', en: 'Kind' }, width: 10, format: pick(KINDS) },
    { key: 'status', header: { zh: '状态', en: 'Status' }, width: 10, format: pick(STATUSES) },
    { key: 'areaText', header: { zh: '停气区域', en: 'Area' }, width: 40 },
    { key: 'startsAt', header: { zh: '停气开始', en: 'Starts' }, width: 20, format: shanghaiTime },
    { key: 'endsAt', header: { zh: '恢复供气', en: 'Ends' }, width: 20, format: shanghaiTime },
    { key: 'reason', header: { zh: '停气原因', en: 'Reason' }, width: 24 },
    { key: 'contactPhone', header: { zh: '联系电话', en: 'Contact phone' }, width: 14 },
    { key: 'notifyBy', header: { zh: '通知时限', en: 'Notify by' }, width: 20, format: shanghaiTime },
    { key: 'announcedAt', header: { zh: '发布时间', en: 'Announced' }, width: 20, format: shanghaiTime },
    { key: 'affectedCount', header: { zh: '影响户数', en: 'Accounts' }, width: 10 },
    { key: 'smsQueued', header: { zh: '短信条数', en: 'SMS queued' }, width: 10 },
    { key: 'smsSkipped', header: { zh: '无手机号', en: 'No mobile' }, width: 10 },
    { key: 'cancelSmsQueued', header: { zh: '取消短信', en: 'Cancellation SMS' }, width: 10 },
  ],
});

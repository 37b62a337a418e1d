import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { listContactsQuery } from './schemas.js';
import { listContacts } from './service.js';

const query = listContactsQuery.omit({ page: true, pageSize: true });
type Row = Awaited<ReturnType<typeof listContacts>>['items'][number] & Record<string, unknown>;

const CHANNELS = {
  hotline: { zh: '热线', en: 'Hotline' },
  hall: { zh: '营业厅', en: 'Hall' },
  online: { zh: '网上', en: 'Online' },
  doorToDoor: { zh: '上门', en: 'Door to door' },
  finding: { zh: '抄表/安检发现', en: 'Reading / inspection finding' },
} as const;

// SVC-1: 客户服务中心业务受理登记表 (000 §80). Names, addresses and phones: exporting needs approval (IAM-5).
registerExport<z.infer<typeof query>, Row>({
  name: 'intakeRegister',
  title: { zh: '业务受理登记表', en: 'Hall intake register' },
  permission: 'contact.read',
  sensitive: true,
  query,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) =>
        (await listContacts(db, principal.companyId, { ...q, page, pageSize }, true)).items as Row[],
    ),
  columns: [
    { key: 'contactedAt', header: { zh: '受理时间', en: 'Time' }, width: 20, format: shanghaiTime },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account number' }, width: 14 },
    { key: 'name', header: { zh: '用户名', en: 'Name' }, width: 14 },
    { key: 'address', header: { zh: '地址', en: 'Address' }, width: 36 },
    { key: 'phone', header: { zh: '联系电话', en: 'Phone' }, width: 14 },
    {
      key: 'categoryName',
      header: { zh: '类别', en: 'Category' },
      width: 12,
      format: (v, _, lang) => (v as { zh: string; en: string })[lang === 'en' ? 'en' : 'zh'],
    },
    {
      key: 'channel',
      header: { zh: '受理方式', en: 'Channel' },
      width: 12,
      format: (v, _, lang) => CHANNELS[v as keyof typeof CHANNELS]?.[lang === 'en' ? 'en' : 'zh'] ?? v,
    },
    { key: 'summary', header: { zh: '受理内容', en: 'Summary' }, width: 40 },
    { key: 'takenByName', header: { zh: '受理人', en: 'Taken by' }, width: 10 },
    { key: 'orgUnitName', header: { zh: '受理部门', en: 'Unit' }, width: 14 },
  ],
});

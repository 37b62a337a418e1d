import type { z } from 'zod';
import { EXPORT_PAGE_SIZE } from '../../platform/spreadsheets/export-service.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import type { AccountListRow } from './repo.js';
import { listAccountsQuery } from './schemas.js';
import { allAccounts } from './service.js';

const query = listAccountsQuery.omit({ page: true, pageSize: true });
type Row = AccountListRow & Record<string, unknown>;

const KIND = {
  residential: { zh: '居民', en: 'Residential' },
  commercial: { zh: '工商业', en: 'Commercial' },
  institutional: { zh: '公建', en: 'Institutional' },
} as const;
const STATUS = {
  pending: { zh: '待通气', en: 'Pending' },
  active: { zh: '正常', en: 'Active' },
  suspended: { zh: '报停', en: 'Suspended' },
  closed: { zh: '销户', en: 'Closed' },
} as const;
const PAYMENT = {
  counter: { zh: '柜台缴费', en: 'Counter' },
  bankDebit: { zh: '银行代扣', en: 'Bank debit' },
  icTopUp: { zh: '预付费充值', en: 'Prepaid top-up' },
  online: { zh: '网上缴费', en: 'Online' },
} as const;
const pick = (names: Record<string, { zh: string; en: string }>) => (v: unknown, _row: unknown, lang: 'zh-CN' | 'en') =>
  names[String(v)]?.[lang === 'en' ? 'en' : 'zh'] ?? v;

// CUS-3: the customer register. Names, mobiles and addresses are personal data: exporting needs approval (IAM-5).
registerExport<z.infer<typeof query>, Row>({
  name: 'customerAccounts',
  title: { zh: '用户档案列表', en: 'Customer register' },
  permission: 'customer.read',
  sensitive: true,
  query,
  // In account-number order whatever the screen's sort: a keyset walk, as cheap at the millionth row.
  rows: (db, principal, q) => allAccounts(db, principal.companyId, q, EXPORT_PAGE_SIZE) as AsyncIterable<Row>,
  columns: [
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account number' }, width: 14 },
    { key: 'customerName', header: { zh: '用户名称', en: 'Name' }, width: 16 },
    { key: 'customerKind', header: { zh: '用户类型', en: 'Customer kind' }, width: 10, format: pick(KIND) },
    { key: 'mobile', header: { zh: '手机号码', en: 'Mobile' }, width: 14 },
    { key: 'address', header: { zh: '用气地址', en: 'Address' }, width: 40 },
    { key: 'district', header: { zh: '区县', en: 'District' }, width: 10 },
    { key: 'usageNatureName', header: { zh: '用气性质', en: 'Usage nature' }, width: 16 },
    {
      key: 'commodity',
      header: { zh: '品种', en: 'Commodity' },
      width: 8,
      format: (v, _, lang) => (v === 'water' ? (lang === 'en' ? 'Water' : '水') : lang === 'en' ? 'Gas' : '燃气'),
    },
    { key: 'status', header: { zh: '状态', en: 'Status' }, width: 8, format: pick(STATUS) },
    { key: 'paymentMethod', header: { zh: '缴费方式', en: 'Payment method' }, width: 12, format: pick(PAYMENT) },
    { key: 'openedOn', header: { zh: '开户日期', en: 'Opened on' }, width: 12 },
    { key: 'meterSerial', header: { zh: '表钢号', en: 'Meter serial' }, width: 16 },
  ],
});

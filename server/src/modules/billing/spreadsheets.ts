import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { listBills } from './repo.js';
import { listBillsQuery } from './schemas.js';

const billsQuery = listBillsQuery.omit({ page: true, pageSize: true });
type BillRow = Awaited<ReturnType<typeof listBills>>['items'][number] & Record<string, unknown>;

const KIND: Record<string, { zh: string; en: string }> = {
  actual: { zh: '实抄', en: 'Actual' },
  estimated: { zh: '估抄', en: 'Estimated' },
};

// BIL-2: the bills of a period, account or run (account numbers and amounts, no names or addresses).
registerExport<z.infer<typeof billsQuery>, BillRow>({
  name: 'bills',
  title: { zh: '账单', en: 'Bills' },
  permission: 'billing.read',
  sensitive: false,
  query: billsQuery,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) => (await listBills(db, principal.companyId, { ...q, page, pageSize })).items as BillRow[],
    ),
  columns: [
    { key: 'period', header: { zh: '期间', en: 'Period' }, width: 10 },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account number' }, width: 14 },
    {
      key: 'kind',
      header: { zh: '类别', en: 'Kind' },
      width: 8,
      format: (v, _, lang) => KIND[v as string]?.[lang === 'en' ? 'en' : 'zh'] ?? String(v),
    },
    { key: 'usageNature', header: { zh: '用气性质', en: 'Usage nature' }, width: 12 },
    { key: 'readOn', header: { zh: '抄表日期', en: 'Read on' }, width: 12 },
    { key: 'volume', header: { zh: '用气量（m³）', en: 'Volume (m³)' }, width: 12 },
    { key: 'amount', header: { zh: '金额（元）', en: 'Amount (CNY)' }, width: 12 },
    { key: 'dueOn', header: { zh: '缴费截止日', en: 'Due on' }, width: 12 },
  ],
});

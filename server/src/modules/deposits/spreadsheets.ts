import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { type Deposit, listDepositsQuery } from './schemas.js';
import { KIND_ZH, listDeposits, METHOD_ZH } from './service.js';

const query = listDepositsQuery.omit({ page: true, pageSize: true });
type Row = Deposit & Record<string, unknown>;
const en = (lang: string) => lang === 'en';
const STATUS_ZH: Record<string, string> = {
  held: '在押',
  refunded: '已退还',
  applied: '已转预存',
  forfeited: '已扣除',
};

// PAY-8: the deposits register (customer names: sensitive).
registerExport<z.infer<typeof query>, Row>({
  name: 'deposits',
  title: { zh: '押金台账', en: 'Deposits' },
  permission: 'deposit.read',
  sensitive: true,
  query,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) => (await listDeposits(db, principal.companyId, { ...q, page, pageSize })).items as Row[],
    ),
  columns: [
    { key: 'no', header: { zh: '押金单号', en: 'Number' }, width: 18 },
    { key: 'receiptNo', header: { zh: '收据号', en: 'Receipt' }, width: 12 },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account' }, width: 14 },
    { key: 'customerName', header: { zh: '用户姓名', en: 'Customer' }, width: 14 },
    {
      key: 'kind',
      header: { zh: '押金种类', en: 'Kind' },
      width: 14,
      format: (v, _, lang) => (en(lang) ? String(v) : (KIND_ZH[v as keyof typeof KIND_ZH] ?? String(v))),
    },
    { key: 'amount', header: { zh: '金额（元）', en: 'Amount' }, width: 12 },
    {
      key: 'method',
      header: { zh: '收款方式', en: 'Method' },
      width: 10,
      format: (v, _, lang) => (en(lang) ? String(v) : (METHOD_ZH[v as string] ?? String(v))),
    },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 10,
      format: (v, _, lang) => (en(lang) ? String(v) : (STATUS_ZH[v as string] ?? String(v))),
    },
    { key: 'refundedAmount', header: { zh: '退还', en: 'Refunded' }, width: 10 },
    { key: 'appliedAmount', header: { zh: '转预存', en: 'Applied' }, width: 10 },
    { key: 'forfeitedAmount', header: { zh: '扣除', en: 'Forfeited' }, width: 10 },
    { key: 'receivedAt', header: { zh: '收取时间', en: 'Received at' }, width: 18, format: shanghaiTime },
    { key: 'releasedAt', header: { zh: '结清时间', en: 'Released at' }, width: 18, format: shanghaiTime },
  ],
});

import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { listRefundsQuery, type Refund } from './schemas.js';
import { CASE_ZH, listRefunds, STATUS_ZH } from './service.js';

const query = listRefundsQuery.omit({ page: true, pageSize: true });
type Row = Refund & Record<string, unknown>;
const en = (lang: string) => lang === 'en';

// PAY-7: the refunds register (customer names: sensitive).
registerExport<z.infer<typeof query>, Row>({
  name: 'refunds',
  title: { zh: '退费登记表', en: 'Refunds' },
  permission: 'refund.read',
  sensitive: true,
  query,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) => (await listRefunds(db, principal.companyId, { ...q, page, pageSize })).items as Row[],
    ),
  columns: [
    { key: 'no', header: { zh: '退费单号', en: 'Number' }, width: 18 },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account' }, width: 14 },
    { key: 'customerName', header: { zh: '用户姓名', en: 'Customer' }, width: 14 },
    {
      key: 'caseKind',
      header: { zh: '退费情形', en: 'Case' },
      width: 12,
      format: (v, _, lang) => (en(lang) ? String(v) : (CASE_ZH[v as keyof typeof CASE_ZH] ?? String(v))),
    },
    { key: 'amount', header: { zh: '金额（元）', en: 'Amount' }, width: 12 },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 10,
      format: (v, _, lang) => (en(lang) ? String(v) : (STATUS_ZH[v as keyof typeof STATUS_ZH] ?? String(v))),
    },
    {
      key: 'disposition',
      header: { zh: '处理方式', en: 'Disposition' },
      width: 10,
      format: (v, _, lang) =>
        v === 'transfer'
          ? en(lang)
            ? 'Transfer'
            : '预收款互转'
          : v === 'payout'
            ? en(lang)
              ? 'Payout'
              : '退款'
            : '',
    },
    { key: 'targetAccountNo', header: { zh: '转入用户', en: 'To account' }, width: 14 },
    { key: 'refusalReason', header: { zh: '拒绝原因', en: 'Refusal reason' }, width: 24 },
    { key: 'approvalNo', header: { zh: '审批单号', en: 'Approval' }, width: 18 },
    { key: 'payoutMethod', header: { zh: '付款方式', en: 'Payout method' }, width: 10 },
    { key: 'payoutReference', header: { zh: '付款凭证', en: 'Payout reference' }, width: 18 },
    {
      key: 'filedAt',
      header: { zh: '受理时间', en: 'Filed at' },
      width: 18,
      format: shanghaiTime,
    },
    {
      key: 'paidAt',
      header: { zh: '付款时间', en: 'Paid at' },
      width: 18,
      format: shanghaiTime,
    },
  ],
});

import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { listWaiversQuery } from './schemas.js';
import { listWaivers } from './service.js';

const query = listWaiversQuery.omit({ page: true, pageSize: true });
type Row = Awaited<ReturnType<typeof listWaivers>>['items'][number] & Record<string, unknown>;

const STATUSES: Record<string, { zh: string; en: string }> = {
  pending: { zh: '审批中', en: 'Pending' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
const en = (lang: string) => lang === 'en';
const text = (v: unknown, lang: string) => (v as { zh: string; en: string })[en(lang) ? 'en' : 'zh'];

// BIL-4: the register of late-fee waivers. No personal data (the account number, not the name).
registerExport<z.infer<typeof query>, Row>({
  name: 'lateFeeWaivers',
  title: { zh: '违约金减免登记表', en: 'Late-fee waivers' },
  permission: 'lateFee.read',
  sensitive: false,
  query,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) => (await listWaivers(db, principal.companyId, { ...q, page, pageSize })).items as Row[],
    ),
  columns: [
    { key: 'requestedOn', header: { zh: '申请日期', en: 'Requested on' }, width: 12 },
    { key: 'accountNo', header: { zh: '户号', en: 'Account' }, width: 16 },
    { key: 'categoryName', header: { zh: '类别', en: 'Category' }, width: 8, format: (v, _, lang) => text(v, lang) },
    { key: 'reasonName', header: { zh: '减免原因', en: 'Reason' }, width: 20, format: (v, _, lang) => text(v, lang) },
    { key: 'amount', header: { zh: '减免金额（元）', en: 'Amount' }, width: 14, format: (v) => Number(v) },
    { key: 'accrued', header: { zh: '申请时违约金（元）', en: 'Late fee then' }, width: 16, format: (v) => Number(v) },
    {
      key: 'debts',
      header: { zh: '欠费期间', en: 'Periods' },
      width: 24,
      format: (v) => (v as { period: string | null }[]).map((d) => d.period ?? '-').join('、'),
    },
    { key: 'levels', header: { zh: '审批级数', en: 'Levels' }, width: 10 },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 10,
      format: (v, _, lang) => STATUSES[v as string]?.[en(lang) ? 'en' : 'zh'] ?? String(v),
    },
    { key: 'currentStepLabel', header: { zh: '当前环节', en: 'Current step' }, width: 18 },
    { key: 'approvalNo', header: { zh: '审批单号', en: 'Approval no.' }, width: 22 },
    {
      key: 'requestedBy',
      header: { zh: '申请人', en: 'Requested by' },
      width: 12,
      format: (v) => (v as { fullName: string }).fullName,
    },
    { key: 'decidedOn', header: { zh: '审结日期', en: 'Decided on' }, width: 12 },
    { key: 'note', header: { zh: '说明', en: 'Note' }, width: 30 },
  ],
});

import type { z } from 'zod';
import type { Lang } from '../../platform/errors.js';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime, yesNo } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { KIND_TEXT } from './checks.js';
import { listCasesQuery } from './schemas.js';
import { type CaseDto, listCases } from './service.js';

const casesQuery = listCasesQuery.omit({ page: true, pageSize: true });

const STATUS: Record<CaseDto['status'], { zh: string; en: string }> = {
  open: { zh: '办理中', en: 'Open' },
  pendingApproval: { zh: '审批中', en: 'Awaiting approval' },
  completed: { zh: '已办结', en: 'Completed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
  refused: { zh: '审批未通过', en: 'Refused' },
};
const OVERDUE: Record<NonNullable<CaseDto['overdue']>, { zh: string; en: string }> = {
  siteCheck: { zh: '现场核查逾期', en: 'Site check overdue' },
  meterRemoval: { zh: '拆表逾期', en: 'Meter removal overdue' },
  restore: { zh: '临时拆表逾期未复装', en: 'Temporary removal not restored' },
};
const pick = (t: { zh: string; en: string } | undefined, lang: Lang) => (t ? (lang === 'en' ? t.en : t.zh) : null);

// The register names customers and their new owners: personal data, so exporting needs an approved request (IAM-5).
registerExport<z.infer<typeof casesQuery>, CaseDto & Record<string, unknown>>({
  name: 'accountCases',
  title: { zh: '用户变更业务登记簿', en: 'Account changes register' },
  permission: 'customer.case',
  sensitive: true,
  query: casesQuery,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) =>
        (await listCases(db, principal.companyId, { ...q, page, pageSize })).items as (CaseDto &
          Record<string, unknown>)[],
    ),
  columns: [
    { key: 'caseNo', header: { zh: '业务单号', en: 'Case number' }, width: 18 },
    {
      key: 'kind',
      header: { zh: '业务类型', en: 'Kind' },
      width: 14,
      format: (v, _, lang) => pick(KIND_TEXT[v as CaseDto['kind']], lang),
    },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 12,
      format: (v, _, lang) => pick(STATUS[v as CaseDto['status']], lang),
    },
    {
      key: 'accountNo',
      header: { zh: '用户编号', en: 'Account number' },
      width: 14,
      format: (_, r) => r.account.accountNo,
    },
    { key: 'customerName', header: { zh: '户名', en: 'Customer' }, width: 18, format: (_, r) => r.customer.name },
    {
      key: 'newCustomerName',
      header: { zh: '新户名', en: 'New owner' },
      width: 18,
      format: (_, r) => r.newCustomer?.name ?? null,
    },
    { key: 'address', header: { zh: '用气地址', en: 'Address' }, width: 36, format: (_, r) => r.account.address },
    { key: 'reading', header: { zh: '表读数', en: 'Reading' }, width: 12, format: (_, r) => r.reading?.value ?? null },
    {
      key: 'readingConfirmed',
      header: { zh: '读数已签字确认', en: 'Reading signed' },
      width: 10,
      format: (_, r, lang) => (r.reading ? yesNo(r.reading.confirmed, lang) : null),
    },
    {
      key: 'elapsedMinutes',
      header: { zh: '办理用时（分钟）', en: 'Minutes taken' },
      width: 10,
      format: (_, r) => Math.ceil(r.elapsedSeconds / 60),
    },
    {
      key: 'overrun',
      header: { zh: '超时', en: 'Over the limit' },
      width: 8,
      format: (_, r, lang) => (r.timeLimitMinutes === null ? null : yesNo(r.overrun, lang)),
    },
    { key: 'dueOn', header: { zh: '核查/拆表期限', en: 'Due' }, width: 12 },
    { key: 'meterRemovedOn', header: { zh: '拆表日期', en: 'Meter removed' }, width: 12 },
    { key: 'restoreBy', header: { zh: '复装期限', en: 'Restore by' }, width: 12 },
    {
      key: 'overdue',
      header: { zh: '逾期', en: 'Overdue' },
      width: 16,
      format: (v, _, lang) => pick(OVERDUE[v as keyof typeof OVERDUE], lang),
    },
    { key: 'newContractNo', header: { zh: '新合同编号', en: 'New contract' }, width: 22 },
    {
      key: 'createdBy',
      header: { zh: '受理人', en: 'Clerk' },
      width: 12,
      format: (_, r) => r.createdBy?.fullName ?? null,
    },
    { key: 'createdAt', header: { zh: '受理时间', en: 'Opened' }, width: 20, format: shanghaiTime },
    { key: 'completedAt', header: { zh: '办结时间', en: 'Completed' }, width: 20, format: shanghaiTime },
  ],
});

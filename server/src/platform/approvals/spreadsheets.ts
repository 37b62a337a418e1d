import type { z } from 'zod';
import type { Lang, Text } from '../errors.js';
import { paged } from '../spreadsheets/export-service.js';
import { shanghaiTime } from '../spreadsheets/format.js';
import { registerExport } from '../spreadsheets/registry.js';
import { approvalRegisterQuery } from './routes.js';
import { type ApprovalDto, listRequests } from './service.js';

const registerQuery = approvalRegisterQuery.omit({ page: true, pageSize: true });

const statusText: Record<ApprovalDto['status'], Text> = {
  pending: { zh: '审批中', en: 'pending' },
  approved: { zh: '已通过', en: 'approved' },
  rejected: { zh: '已驳回', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

const pick = (text: Text, lang: Lang) => (lang === 'en' ? text.en : text.zh);

// The register names requests and their requesters, not customers' personal data: no approval needed.
registerExport<z.infer<typeof registerQuery>, ApprovalDto & Record<string, unknown>>({
  name: 'approvals',
  title: { zh: '审批登记簿', en: 'Approvals register' },
  permission: 'approvals.register',
  sensitive: false,
  query: registerQuery,
  rows(db, principal, q) {
    // Requests are filed while the register is read: the export stops at the moment it started.
    const startedAt = new Date().toISOString();
    const to = q.to && new Date(q.to) < new Date(startedAt) ? q.to : startedAt;
    return paged(
      async (page, pageSize) =>
        (await listRequests(db, principal.companyId, { ...q, to, page, pageSize })).items as (ApprovalDto &
          Record<string, unknown>)[],
    );
  },
  columns: [
    { key: 'no', header: { zh: '单号', en: 'Number' }, width: 22 },
    { key: 'kindName', header: { zh: '类型', en: 'Kind' }, width: 16, format: (v, _, lang) => pick(v as Text, lang) },
    { key: 'summary', header: { zh: '摘要', en: 'Summary' }, width: 40, format: (v, _, lang) => pick(v as Text, lang) },
    {
      key: 'amount',
      header: { zh: '金额', en: 'Amount' },
      width: 14,
      // As in the monthly report: a number Excel can add up (at most 12 digits and 2 decimals).
      format: (v) => (v === null || v === undefined ? null : Number(v)),
    },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 10,
      format: (v, _, lang) => pick(statusText[v as ApprovalDto['status']], lang),
    },
    {
      key: 'requestedBy',
      header: { zh: '申请人', en: 'Requested by' },
      width: 12,
      format: (_, r) => r.requestedBy.fullName,
    },
    {
      key: 'currentStep',
      header: { zh: '当前环节', en: 'Current step' },
      width: 18,
      format: (_, r) => r.steps.find((s) => s.stepNo === r.currentStep)?.label ?? null,
    },
    { key: 'createdAt', header: { zh: '提交时间', en: 'Submitted' }, width: 20, format: shanghaiTime },
    { key: 'decidedAt', header: { zh: '完成时间', en: 'Decided' }, width: 20, format: shanghaiTime },
  ],
});

import type { z } from 'zod';
import type { Text } from '../../platform/errors.js';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { listCallbacks } from './callbacks.js';
import { listCallbacksQuery, listComplaintsQuery } from './schemas.js';
import { listComplaints } from './service.js';

const complaintQuery = listComplaintsQuery.omit({ page: true, pageSize: true });
const callbackQuery = listCallbacksQuery.omit({ page: true, pageSize: true });
type ComplaintRow = Awaited<ReturnType<typeof listComplaints>>['items'][number] & Record<string, unknown>;
type CallbackRow = Awaited<ReturnType<typeof listCallbacks>>['items'][number] & Record<string, unknown>;

const pick = (t: Text, lang: string) => (lang === 'en' ? t.en : t.zh);

const CHANNELS: Record<string, Text> = {
  hotline: { zh: '热线', en: 'Hotline' },
  hall: { zh: '营业厅', en: 'Hall' },
  online: { zh: '网上', en: 'Online' },
  doorToDoor: { zh: '上门', en: 'Door to door' },
  letter: { zh: '来信', en: 'Letter' },
  hotline12345: { zh: '12345 转办', en: '12345 hotline' },
  consumerCouncil: { zh: '消委会转办', en: 'Consumer council' },
  media: { zh: '新闻媒体', en: 'Media' },
  callback: { zh: '回访', en: 'Callback' },
};
const GRADES: Record<string, Text> = {
  ordinary: { zh: '一般性投诉', en: 'Ordinary' },
  withImpact: { zh: '有影响的投诉', en: 'With impact' },
  serious: { zh: '严重投诉', en: 'Serious' },
  media: { zh: '媒体/消委会参与', en: 'Media / consumer council' },
};
const STATUSES: Record<string, Text> = {
  received: { zh: '待处理', en: 'Awaiting a handler' },
  handling: { zh: '处理中', en: 'Being handled' },
  decided: { zh: '已答复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
  pending: { zh: '待回访', en: 'Pending' },
  done: { zh: '已回访', en: 'Done' },
  unreachable: { zh: '无法联系', en: 'Unreachable' },
};
const label = (map: Record<string, Text>) => (v: unknown, _row: unknown, lang: string) =>
  map[String(v)] ? pick(map[String(v)]!, lang) : v;

// CMP-1/2: the complaints register. Complainants' names and phones: exporting needs approval (IAM-5); a
// confidential complainant stays masked for an exporter without complaint.confidential.
registerExport<z.infer<typeof complaintQuery>, ComplaintRow>({
  name: 'complaints',
  title: { zh: '投诉登记簿', en: 'Complaints register' },
  permission: 'complaint.read',
  sensitive: true,
  query: complaintQuery,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) =>
        (
          await listComplaints(
            db,
            principal.companyId,
            { userId: principal.userId, seeConfidential: principal.permissions.has('complaint.confidential') },
            { ...q, page, pageSize },
            true,
          )
        ).items as ComplaintRow[],
    ),
  columns: [
    { key: 'complaintNo', header: { zh: '投诉编号', en: 'Number' }, width: 18 },
    { key: 'receivedAt', header: { zh: '受理时间', en: 'Received' }, width: 20, format: shanghaiTime },
    { key: 'channel', header: { zh: '来源渠道', en: 'Channel' }, width: 12, format: label(CHANNELS) },
    { key: 'grade', header: { zh: '投诉性质', en: 'Grade' }, width: 14, format: label(GRADES) },
    {
      key: 'levelName',
      header: { zh: '处理层级', en: 'Level' },
      width: 16,
      format: (v, _r, lang) => pick(v as Text, lang),
    },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account number' }, width: 14 },
    { key: 'complainantName', header: { zh: '投诉人', en: 'Complainant' }, width: 12 },
    { key: 'phone', header: { zh: '联系电话', en: 'Phone' }, width: 14 },
    { key: 'address', header: { zh: '地址', en: 'Address' }, width: 30 },
    { key: 'subject', header: { zh: '投诉主题', en: 'Subject' }, width: 24 },
    { key: 'subjectUserName', header: { zh: '被投诉人', en: 'Staff complained about' }, width: 12 },
    { key: 'subjectOrgUnitName', header: { zh: '被投诉部门', en: 'Department complained about' }, width: 14 },
    { key: 'handlerName', header: { zh: '处理人', en: 'Handler' }, width: 10 },
    { key: 'deadlineAt', header: { zh: '答复时限', en: 'Deadline' }, width: 20, format: shanghaiTime },
    { key: 'status', header: { zh: '状态', en: 'Status' }, width: 10, format: label(STATUSES) },
    {
      key: 'breached',
      header: { zh: '是否超时', en: 'Breached' },
      width: 8,
      format: (v, _r, lang) => (v ? (lang === 'en' ? 'yes' : '是') : lang === 'en' ? 'no' : '否'),
    },
    { key: 'communicatedAt', header: { zh: '答复时间', en: 'Answered' }, width: 20, format: shanghaiTime },
    { key: 'decision', header: { zh: '处理意见', en: 'Decision' }, width: 40 },
    { key: 'ownerName', header: { zh: '首问责任人', en: 'First taker' }, width: 10 },
  ],
});

// CMP-3: the callbacks, with names and phones (sensitive).
registerExport<z.infer<typeof callbackQuery>, CallbackRow>({
  name: 'callbacks',
  title: { zh: '回访记录', en: 'Callbacks' },
  permission: 'callback.work',
  sensitive: true,
  query: callbackQuery,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) =>
        (
          await listCallbacks(
            db,
            principal.companyId,
            { userId: principal.userId, seeConfidential: principal.permissions.has('complaint.confidential') },
            { ...q, page, pageSize },
            true,
          )
        ).items as CallbackRow[],
    ),
  columns: [
    { key: 'sourceNo', header: { zh: '工单/投诉编号', en: 'Order / complaint' }, width: 18 },
    { key: 'topic', header: { zh: '回访事项', en: 'Topic' }, width: 24 },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account number' }, width: 14 },
    { key: 'name', header: { zh: '用户名', en: 'Name' }, width: 12 },
    { key: 'phone', header: { zh: '联系电话', en: 'Phone' }, width: 14 },
    { key: 'dueAt', header: { zh: '回访时限', en: 'Due' }, width: 20, format: shanghaiTime },
    { key: 'status', header: { zh: '状态', en: 'Status' }, width: 10, format: label(STATUSES) },
    { key: 'attempts', header: { zh: '拨打次数', en: 'Attempts' }, width: 8 },
    { key: 'score', header: { zh: '满意度', en: 'Score' }, width: 8 },
    { key: 'comments', header: { zh: '回访意见', en: 'Comments' }, width: 40 },
    { key: 'followUpComplaintNo', header: { zh: '跟进投诉', en: 'Follow-up complaint' }, width: 18 },
    { key: 'completedByName', header: { zh: '回访人', en: 'Called by' }, width: 10 },
    { key: 'completedAt', header: { zh: '回访时间', en: 'Called at' }, width: 20, format: shanghaiTime },
  ],
});

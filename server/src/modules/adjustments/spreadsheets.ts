import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { type Adjustment, listAdjustmentsQuery, type MeterFaultSummary } from './schemas.js';
import { KIND_ZH, listAdjustments } from './service.js';

const query = listAdjustmentsQuery.omit({ page: true, pageSize: true });
type Row = Adjustment & Record<string, unknown>;

const KIND_EN: Record<string, string> = {
  readingError: 'Reading error',
  masterDataError: 'Master-data error',
  meterFault: 'Meter fault',
  auditFinding: 'Audit finding (theft)',
  priceAdjustment: 'Price adjustment',
  other: 'Other',
};
const STATUS: Record<string, { zh: string; en: string }> = {
  pending: { zh: '审批中', en: 'Pending' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  posted: { zh: '已入账', en: 'Posted' },
  archived: { zh: '已归档', en: 'Archived' },
};
const en = (lang: string) => lang === 'en';

// BIL-5: the adjustments register (customer names and addresses: sensitive).
registerExport<z.infer<typeof query>, Row>({
  name: 'adjustments',
  title: { zh: '退补登记表', en: 'Adjustments' },
  permission: 'adjustment.read',
  sensitive: true,
  query,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) =>
        (await listAdjustments(db, principal.companyId, { ...q, page, pageSize })).items as Row[],
    ),
  columns: [
    { key: 'adjustmentNo', header: { zh: '退补单号', en: 'Number' }, width: 18 },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account' }, width: 14 },
    { key: 'customerName', header: { zh: '用户姓名', en: 'Customer' }, width: 14 },
    { key: 'address', header: { zh: '用气地址', en: 'Address' }, width: 30 },
    {
      key: 'kind',
      header: { zh: '退补分类', en: 'Kind' },
      width: 12,
      format: (v, _, lang) => (en(lang) ? KIND_EN : KIND_ZH)[v as string] ?? String(v),
    },
    {
      key: 'direction',
      header: { zh: '退/补', en: 'Direction' },
      width: 8,
      format: (v, _, lang) => (v === 'credit' ? (en(lang) ? 'Credit' : '退') : en(lang) ? 'Debit' : '补'),
    },
    { key: 'volume', header: { zh: '退补量（m³）', en: 'Volume (m³)' }, width: 12 },
    { key: 'price', header: { zh: '单价', en: 'Price' }, width: 10 },
    { key: 'signedAmount', header: { zh: '金额（元，退为负）', en: 'Amount (credit negative)' }, width: 14 },
    { key: 'periods', header: { zh: '所属期间', en: 'Periods' }, width: 16, format: (v) => (v as string[]).join('、') },
    { key: 'reason', header: { zh: '退补说明', en: 'Reason' }, width: 30 },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 10,
      format: (v, _, lang) => STATUS[v as string]?.[en(lang) ? 'en' : 'zh'] ?? String(v),
    },
    { key: 'approvalNo', header: { zh: '审批单号', en: 'Approval' }, width: 20 },
    { key: 'postedAt', header: { zh: '入账时间', en: 'Posted' }, width: 20, format: shanghaiTime },
    { key: 'archiveNo', header: { zh: '归档编号', en: 'Archive no.' }, width: 16 },
    { key: 'createdAt', header: { zh: '申请时间', en: 'Applied' }, width: 20, format: shanghaiTime },
  ],
});

/** BIL-5: the 维修换表退补汇总表 of a month as a workbook. */
export async function summaryXlsx(s: MeterFaultSummary & { items: Adjustment[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${s.month} 维修换表退补汇总表`);
  ws.addRow([`维修换表退补汇总表 ${s.month}`]).font = { bold: true, size: 14 };
  ws.addRow([`生成日期 ${s.builtOn}`, `笔数 ${s.adjustments}`, `退 ${s.creditTotal} 元`, `补 ${s.debitTotal} 元`]);
  ws.addRow([]);
  const header = ws.addRow([
    '序号',
    '退补单号',
    '用户编号',
    '用户姓名',
    '用气地址',
    '退/补',
    '退补量（m³）',
    '金额（元）',
    '退补说明',
    '入账时间',
    '归档编号',
  ]);
  header.font = { bold: true };
  s.items.forEach((a, i) => {
    ws.addRow([
      i + 1,
      a.adjustmentNo,
      a.accountNo,
      a.customerName,
      a.address,
      a.direction === 'credit' ? '退' : '补',
      a.volume === null ? null : Number(a.volume),
      Number(a.signedAmount),
      a.reason,
      shanghaiTime(a.postedAt),
      a.archiveNo,
    ]);
  });
  for (const [i, w] of [6, 18, 14, 14, 30, 8, 12, 12, 30, 20, 16].entries()) ws.getColumn(i + 1).width = w;
  ws.getColumn(8).numFmt = '#,##0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

import type { z } from 'zod';
import type { Lang, Text } from '../../platform/errors.js';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { listApplicationsQuery, type ServiceApplicationRow } from './schemas.js';
import { listApplications } from './service.js';
import { METER_TYPE_TEXT, MODE_TEXT, PAYMENT_TEXT, PRIORITY_TEXT, STATUS_TEXT } from './texts.js';

const query = listApplicationsQuery.omit({ page: true, pageSize: true });
type Row = ServiceApplicationRow & Record<string, unknown>;

const label =
  (texts: Record<string, Text>) =>
  (v: unknown, _row: Row, lang: Lang): string | null =>
    typeof v === 'string' && texts[v] ? texts[v]![lang === 'en' ? 'en' : 'zh'] : null;

// Applicants' names and mobiles are personal data: exporting needs an approved request (IAM-5).
registerExport<z.infer<typeof query>, Row>({
  name: 'serviceApplications',
  title: { zh: '报装申请', en: 'Service applications' },
  permission: 'customer.read',
  sensitive: true,
  query,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) =>
        (await listApplications(db, principal.companyId, { ...q, page, pageSize })).items as Row[],
    ),
  columns: [
    { key: 'applicationNo', header: { zh: '申请编号', en: 'Application no.' }, width: 18 },
    { key: 'applicationDate', header: { zh: '报装日期', en: 'Applied on' }, width: 12 },
    { key: 'invoiceDate', header: { zh: '开票日期', en: 'Invoice date' }, width: 12 },
    { key: 'mode', header: { zh: '报装性质', en: 'Mode' }, width: 8, format: label(MODE_TEXT) },
    { key: 'applicantName', header: { zh: '申请人/单位', en: 'Applicant' }, width: 20 },
    { key: 'applicantMobile', header: { zh: '联系电话', en: 'Phone' }, width: 14 },
    { key: 'address', header: { zh: '用气地址', en: 'Address' }, width: 36 },
    { key: 'householdCount', header: { zh: '户数', en: 'Households' }, width: 6 },
    { key: 'firstAccountNo', header: { zh: '用户编号', en: 'Account no.' }, width: 14 },
    { key: 'usageNatureName', header: { zh: '用气性质', en: 'Usage nature' }, width: 14 },
    { key: 'meterType', header: { zh: '表类型', en: 'Meter type' }, width: 10, format: label(METER_TYPE_TEXT) },
    { key: 'paymentMethod', header: { zh: '缴费方式', en: 'Payment' }, width: 10, format: label(PAYMENT_TEXT) },
    { key: 'priority', header: { zh: '安装级别', en: 'Priority' }, width: 10, format: label(PRIORITY_TEXT) },
    { key: 'status', header: { zh: '状态', en: 'Status' }, width: 8, format: label(STATUS_TEXT) },
    // Exact to the fen: written as text, never through a binary float.
    { key: 'feeAmount', header: { zh: '安装费（元）', en: 'Fee (yuan)' }, width: 12 },
    { key: 'createdByName', header: { zh: '受理人', en: 'Taken by' }, width: 10 },
    { key: 'createdAt', header: { zh: '受理时间', en: 'Taken at' }, width: 20, format: shanghaiTime },
  ],
});

import type { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import * as repo from './repo.js';
import { type CiUsageQuery, type CiUsageRow, ciUsageQuery } from './schemas.js';

/** MTR-9: the month-end C&I usage detail (工商业用户用量明细表), one row per account. */
export function ciUsageReport(db: Queryable, companyId: string, q: CiUsageQuery) {
  return repo.ciUsage(db, companyId, q);
}

const exportQuery = ciUsageQuery.omit({ page: true, pageSize: true });

// Names and addresses (a C&I customer may be a sole trader): the file needs an approved data-export request
// (IAM-5), as the readings export does; the screen shows the same rows to billing readers.
registerExport<z.infer<typeof exportQuery>, CiUsageRow & Record<string, unknown>>({
  name: 'ciUsage',
  title: { zh: '工商业用户用量明细表', en: 'C&I usage detail' },
  permission: 'billing.read',
  sensitive: true,
  query: exportQuery,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) =>
        (await ciUsageReport(db, principal.companyId, { ...q, page, pageSize })).items as (CiUsageRow &
          Record<string, unknown>)[],
    ),
  columns: [
    { key: 'accountNo', header: { zh: '燃气号', en: 'Account number' }, width: 14 },
    { key: 'customerName', header: { zh: '客户名称', en: 'Customer' }, width: 28 },
    { key: 'address', header: { zh: '用气地址', en: 'Address' }, width: 36 },
    { key: 'usageNatureName', header: { zh: '用气性质', en: 'Usage nature' }, width: 14 },
    { key: 'meterSerials', header: { zh: '表钢号', en: 'Meter' }, width: 18 },
    { key: 'designFlow', header: { zh: '设计流量（m³/h）', en: 'Designed flow (m³/h)' }, width: 12 },
    { key: 'previousReadOn', header: { zh: '上次抄表日期', en: 'Previous read on' }, width: 12 },
    { key: 'previousReading', header: { zh: '上次表码', en: 'Previous reading' }, width: 12 },
    { key: 'readOn', header: { zh: '本次抄表日期', en: 'Read on' }, width: 12 },
    { key: 'reading', header: { zh: '本次表码', en: 'Reading' }, width: 12 },
    { key: 'volume', header: { zh: '用量（m³）', en: 'Volume (m³)' }, width: 12, format: (v) => Number(v) },
    {
      key: 'amount',
      header: { zh: '气费（元）', en: 'Amount (yuan)' },
      width: 12,
      format: (v) => (v === null ? null : Number(v)),
    },
  ],
});

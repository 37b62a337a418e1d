import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { listBooksQuery, listReadingsQuery } from './schemas.js';
import { listBooks, listReadings } from './service.js';

const readingsQuery = listReadingsQuery.omit({ page: true, pageSize: true });
type ReadingRow = Awaited<ReturnType<typeof listReadings>>['items'][number] & Record<string, unknown>;

const STATUS = {
  pending: { zh: '待确认', en: 'Pending' },
  flagged: { zh: '待审核', en: 'Flagged' },
  accepted: { zh: '已确认', en: 'Accepted' },
  reread: { zh: '待复抄', en: 'Re-read ordered' },
  superseded: { zh: '已替换', en: 'Superseded' },
} as const;
const FLAGS: Record<string, { zh: string; en: string }> = {
  zeroUse: { zh: '零用量', en: 'zero use' },
  reversal: { zh: '倒走', en: 'reversal' },
  rollover: { zh: '翻表', en: 'rollover' },
  high: { zh: '偏高', en: 'high' },
  low: { zh: '偏低', en: 'low' },
  meterChange: { zh: '换表', en: 'meter change' },
};
const pick = (lang: string) => (lang === 'en' ? 'en' : 'zh');

// MTR-4: readings and the review queue (filter status=flagged). Account numbers and addresses: a
// bulk export needs an approved data-export request (IAM-5).
registerExport<z.infer<typeof readingsQuery>, ReadingRow>({
  name: 'meterReadings',
  title: { zh: '抄表数据', en: 'Meter readings' },
  permission: 'reading.read',
  sensitive: true,
  query: readingsQuery,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) =>
        (await listReadings(db, principal.companyId, { ...q, page, pageSize })).items as ReadingRow[],
    ),
  columns: [
    { key: 'period', header: { zh: '期间', en: 'Period' }, width: 10 },
    { key: 'accountNo', header: { zh: '用户编号', en: 'Account number' }, width: 14 },
    { key: 'address', header: { zh: '地址', en: 'Address' }, width: 36 },
    { key: 'meterSerial', header: { zh: '表号', en: 'Meter' }, width: 16 },
    { key: 'readOn', header: { zh: '抄表日期', en: 'Read on' }, width: 12 },
    { key: 'previousReading', header: { zh: '上次读数', en: 'Previous' }, width: 12 },
    { key: 'reading', header: { zh: '本次读数', en: 'Reading' }, width: 12 },
    { key: 'volume', header: { zh: '用量', en: 'Volume' }, width: 10 },
    {
      key: 'flags',
      header: { zh: '异常', en: 'Flags' },
      width: 16,
      format: (v, _, lang) => (v as string[]).map((f) => FLAGS[f]?.[pick(lang)] ?? f).join('、'),
    },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 10,
      format: (v, _, lang) => STATUS[v as keyof typeof STATUS]?.[pick(lang)] ?? v,
    },
    { key: 'reason', header: { zh: '更正原因', en: 'Reason' }, width: 24 },
    { key: 'createdAt', header: { zh: '上传时间', en: 'Uploaded' }, width: 20, format: shanghaiTime },
  ],
});

const booksQuery = listBooksQuery.omit({ page: true, pageSize: true });
type BookRow = Awaited<ReturnType<typeof listBooks>>['items'][number] & Record<string, unknown>;

// MTR-3: the register of reading books.
registerExport<z.infer<typeof booksQuery>, BookRow>({
  name: 'readingBooks',
  title: { zh: '抄表册', en: 'Reading books' },
  permission: 'reading.read',
  sensitive: false,
  query: booksQuery,
  rows: (db, principal, q) =>
    paged(
      async (page, pageSize) => (await listBooks(db, principal.companyId, { ...q, page, pageSize })).items as BookRow[],
    ),
  columns: [
    { key: 'code', header: { zh: '编号', en: 'Code' }, width: 12 },
    { key: 'name', header: { zh: '名称', en: 'Name' }, width: 20 },
    { key: 'area', header: { zh: '片区', en: 'Area' }, width: 20 },
    {
      key: 'customerKind',
      header: { zh: '类别', en: 'Kind' },
      width: 10,
      format: (v, _, lang) =>
        v === 'residential' ? (lang === 'en' ? 'Residential' : '居民') : lang === 'en' ? 'C&I' : '工商户',
    },
    { key: 'readerName', header: { zh: '抄表员', en: 'Reader' }, width: 12 },
    { key: 'readDay', header: { zh: '抄表日', en: 'Day' }, width: 8 },
    { key: 'accounts', header: { zh: '户数', en: 'Accounts' }, width: 8 },
  ],
});

import type { Lang } from '../../platform/errors.js';
import { readFirstSheet, workbookBuffer } from '../../platform/spreadsheets/xlsx.js';
import { ReadingError } from './errors.js';
import type { ReadingInput } from './import.js';

/** MTR-3: the handheld's columns, in the order of the download; the upload needs the starred ones. */
export const COLUMNS = [
  { key: 'period', zh: '期间', en: 'Period', required: true },
  { key: 'seq', zh: '顺序', en: 'Seq', required: false },
  { key: 'accountNo', zh: '用户编号', en: 'Account no', required: true },
  { key: 'address', zh: '地址', en: 'Address', required: false },
  { key: 'meterSerial', zh: '表号', en: 'Meter serial', required: true },
  { key: 'lastReading', zh: '上次读数', en: 'Last reading', required: false },
  { key: 'lastReadOn', zh: '上次抄表日期', en: 'Last read on', required: false },
  { key: 'reading', zh: '本次读数', en: 'Reading', required: true },
  { key: 'readOn', zh: '抄表日期', en: 'Read on', required: true },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

export interface SheetRow {
  seq: number;
  period: string;
  accountNo: string;
  address: string;
  meterSerial: string | null;
  lastReading: string | null;
  lastReadOn: string | null;
}

const header = (lang: Lang) => COLUMNS.map((c) => (lang === 'en' ? c.en : c.zh));
const cells = (r: SheetRow) => [
  r.period,
  r.seq,
  r.accountNo,
  r.address,
  r.meterSerial ?? '',
  r.lastReading ?? '',
  r.lastReadOn ?? '',
  '',
  '',
];

function csvCell(v: unknown): string {
  const s = String(v ?? '');
  // A leading = + - @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The round as CSV, UTF-8 with a BOM so that Excel shows the Chinese headers. */
export function sheetCsv(rows: SheetRow[], lang: Lang): string {
  const lines = [header(lang).map(csvCell).join(',')];
  for (const r of rows) lines.push(cells(r).map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function sheetXlsx(rows: SheetRow[], lang: Lang, title: string): Promise<Buffer> {
  return workbookBuffer([
    {
      name: title,
      columns: header(lang).map((h) => ({ header: h, width: h.length > 6 ? 30 : 16 })),
      rows: rows.map(cells),
      textColumns: true,
    },
  ]);
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CR LF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out.filter((r) => r.some((x) => x.trim() !== ''));
}

/** Which column holds which field, by the Chinese or English header; the missing required ones refused. */
function mapHeader(head: string[]): Map<Key, number> {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');
  const at = new Map<Key, number>();
  head.forEach((h, i) => {
    const col = COLUMNS.find((c) => norm(c.zh) === norm(h) || norm(c.en) === norm(h) || norm(c.key) === norm(h));
    if (col && !at.has(col.key)) at.set(col.key, i);
  });
  const missing = COLUMNS.filter((c) => c.required && !at.has(c.key));
  if (missing.length) {
    throw ReadingError('FILE_COLUMNS', {
      field: 'file',
      vars: { columns: missing.map((c) => `${c.zh} ${c.key}`).join(', ') },
      details: { missing: missing.map((c) => c.key) },
    });
  }
  return at;
}

/**
 * The readings of an uploaded CSV or XLSX: rows whose reading and date are both empty were not read on
 * this round and are counted, not imported. Every other row goes to the checks of importReadings.
 */
export async function parseUpload(
  body: Buffer | string,
  kind: 'csv' | 'xlsx',
  maxRows: number,
): Promise<{ rows: ReadingInput[]; notRead: number }> {
  let table: { row: number; cells: (string | undefined)[] }[];
  let head: string[];
  if (kind === 'csv') {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const all = parseCsv(text);
    if (all.length < 1) throw ReadingError('FILE_EMPTY');
    head = all[0]!;
    table = all.slice(1).map((cells, i) => ({ row: i + 2, cells }));
  } else {
    let sheet: Awaited<ReturnType<typeof readFirstSheet>>;
    try {
      sheet = await readFirstSheet(body as Buffer, { maxRows, maxUnpackedBytes: 200 * 2 ** 20 });
    } catch {
      throw ReadingError('FILE_UNREADABLE', { field: 'file' });
    }
    head = sheet.header;
    table = sheet.rows.map((r) => ({
      row: r.row,
      cells: r.cells.map((c) => (typeof c === 'object' ? '#INVALID' : c)),
    }));
  }
  const at = mapHeader(head);
  if (table.length > maxRows) throw ReadingError('TOO_MANY_ROWS', { vars: { max: maxRows } });
  const get = (cells: (string | undefined)[], k: Key) => (cells[at.get(k)!] ?? '').trim();
  let notRead = 0;
  const rows: ReadingInput[] = [];
  for (const t of table) {
    const reading = get(t.cells, 'reading');
    const readOn = get(t.cells, 'readOn');
    if (reading === '' && readOn === '') {
      notRead++;
      continue;
    }
    rows.push({
      row: t.row,
      period: get(t.cells, 'period'),
      accountNo: get(t.cells, 'accountNo'),
      meterSerial: get(t.cells, 'meterSerial'),
      reading,
      readOn,
    });
  }
  if (rows.length === 0) throw ReadingError('FILE_EMPTY');
  return { rows, notRead };
}

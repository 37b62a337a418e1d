import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Text } from '../errors.js';
import { rowReasons, SpreadsheetError } from './errors.js';
import { checkZip } from './zip-guard.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Excel's own limits: a cell holds at most 32,767 characters, a sheet 1,048,576 rows.
const MAX_CELL_CHARS = 32_767;
const ROWS_PER_SHEET = 1_000_000;

/** Drops the characters XML 1.0 cannot carry: left in, they would make a file Excel refuses to open. */
function xmlSafe(text: string): string {
  const invalid = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff;
  let i = 0;
  while (i < text.length && !invalid(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) if (!invalid(text.charCodeAt(i))) out += text[i];
  return out;
}

export interface SheetColumn {
  header: string;
  width?: number;
}

/** A cell value as written: text is cleaned and cut to Excel's limit; anything else becomes text. */
export function cellValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  const text = xmlSafe(typeof value === 'string' ? value : JSON.stringify(value));
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}

/**
 * Writes rows to an .xlsx as they come (exceljs' streaming writer): each row is flushed to the
 * output once added, so memory stays flat however long the list. Text is written as text, never as
 * a formula.
 */
export class StreamingSheetWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: ExcelJS.Worksheet | null = null;
  private sheetRows = 0;
  private sheets = 0;
  rows = 0;

  constructor(
    output: Writable,
    private readonly name: string,
    private readonly columns: SheetColumn[],
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useStyles: true,
      useSharedStrings: false,
    });
  }

  add(values: unknown[]): void {
    if (!this.sheet || this.sheetRows >= ROWS_PER_SHEET) this.startSheet();
    this.sheet!.addRow(values.map(cellValue)).commit();
    this.sheetRows++;
    this.rows++;
  }

  async close(): Promise<void> {
    if (!this.sheet) this.startSheet();
    this.sheet!.commit();
    await this.workbook.commit();
  }

  private startSheet(): void {
    this.sheet?.commit();
    this.sheets++;
    const title = this.sheets === 1 ? this.name : `${this.name} (${this.sheets})`;
    this.sheet = this.workbook.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: 1 }] });
    this.sheet.columns = this.columns.map((c, i) => ({ key: String(i), width: c.width ?? 16 }));
    const header = this.sheet.addRow(this.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    this.sheetRows = 0;
  }
}

/** A small workbook in memory: import templates and rejected rows. */
export async function workbookBuffer(
  sheets: { name: string; columns: SheetColumn[]; rows: unknown[][]; textColumns?: boolean }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(sheetName(s.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    // Text-formatted columns keep what is typed: 0101 stays 0101, a long number stays whole.
    const style: Partial<ExcelJS.Style> = s.textColumns ? { numFmt: '@' } : {};
    sheet.columns = s.columns.map((c, i) => ({ key: String(i), width: c.width ?? 18, style }));
    sheet.addRow(s.columns.map((c) => c.header)).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map(cellValue));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function sheetName(title: string): string {
  // Excel forbids : \ / ? * [ ] in sheet names and cuts them at 31 characters.
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

// ---- Reading an upload ----

/** What a cell holds, as text; or why it cannot be read as a value. */
export type CellText = string | undefined | { problem: Text };

export interface ReadSheet {
  header: string[];
  rows: { row: number; cells: CellText[] }[];
}

export interface ReadLimits {
  maxRows: number;
  maxUnpackedBytes: number;
}

/**
 * The first worksheet of an uploaded .xlsx, every cell as text. Formulas are never evaluated: a
 * formula cell counts as the result Excel saved with it, or is refused when there is none.
 */
export async function readFirstSheet(file: Buffer, limits: ReadLimits): Promise<ReadSheet> {
  const problem = checkZip(file, { maxUnpackedBytes: limits.maxUnpackedBytes, maxEntries: 2000 });
  if (problem === 'tooLarge') {
    throw SpreadsheetError('IMPORT_FILE_TOO_LARGE', { vars: { limit: `${limits.maxUnpackedBytes / 2 ** 20} MB` } });
  }
  if (problem) throw SpreadsheetError('IMPORT_UNREADABLE');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'drawing', 'legacyDrawing', 'picture', 'hyperlinks'],
    });
  } catch {
    throw SpreadsheetError('IMPORT_UNREADABLE');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw SpreadsheetError('IMPORT_UNREADABLE');

  let header: string[] | null = null;
  const rows: ReadSheet['rows'] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    const cells: CellText[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    if (!cells.some((c) => c !== undefined)) return;
    if (!header) {
      header = cells.map((c) => (typeof c === 'string' ? c : ''));
      return;
    }
    if (rows.length >= limits.maxRows) {
      tooMany = true;
      return;
    }
    rows.push({ row: rowNumber, cells });
  });
  if (tooMany) throw SpreadsheetError('IMPORT_TOO_MANY_ROWS', { vars: { max: limits.maxRows } });
  if (!header || rows.length === 0) throw SpreadsheetError('IMPORT_EMPTY');
  return { header, rows };
}

function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== 'object') return undefined;
  if ('error' in value) return { problem: rowReasons.errorCell };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { problem: rowReasons.formula };
    if (typeof result === 'object' && !(result instanceof Date)) {
      return 'error' in result ? { problem: rowReasons.errorCell } : { problem: rowReasons.formula };
    }
    return cellText(result as ExcelJS.CellValue);
  }
  if ('richText' in value)
    return (
      value.richText
        .map((r) => r.text)
        .join('')
        .trim() || undefined
    );
  if ('text' in value) return String(value.text).trim() || undefined;
  return undefined;
}

/** Excel keeps a date as a day count: a date cell reads as YYYY-MM-DD (with the time when it has one). */
function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

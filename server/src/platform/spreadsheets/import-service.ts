import type { Db, Queryable } from '../../db/types.js';
import { recordAudit } from '../audit.js';
import type { Actor, Principal } from '../context.js';
import { AppError, type Lang, PlatformError, type Text } from '../errors.js';
import { issueTexts } from '../validation.js';
import { rowReasons, SpreadsheetError } from './errors.js';
import {
  type ImportColumn,
  type ImportDef,
  type ImportRow,
  importDef,
  importDefs,
  type Row,
  type RowProblem,
  type ShownOnce,
} from './registry.js';
import * as repo from './repo.js';
import { type CellText, readFirstSheet, workbookBuffer } from './xlsx.js';

/** Uploads are untrusted: bounded in bytes, in what they unpack to, and in rows. */
export const MAX_FILE_BYTES = 10 * 2 ** 20;
export const MAX_UNPACKED_BYTES = 40 * 2 ** 20;
export const MAX_ROWS = 20_000;
/** Rejected rows are copies of uploaded data: kept for a week to be fixed, then deleted (jobs.ts). */
export const RESULT_KEEP_DAYS = 7;

export type ImportMode = 'check' | 'all' | 'valid';

const pick = (t: Text, lang: Lang) => (lang === 'en' ? t.en : t.zh);

export function requireImport(name: string, principal: Principal): ImportDef<Row, unknown> {
  const def = importDef(name);
  if (!def) throw SpreadsheetError('IMPORT_NOT_FOUND', { vars: { name } });
  if (!principal.permissions.has(def.permission)) {
    throw PlatformError('FORBIDDEN', {
      vars: { permission: def.permission },
      details: { permission: [def.permission] },
    });
  }
  return def;
}

export function listImports(principal: Principal) {
  return importDefs()
    .filter((d) => principal.permissions.has(d.permission))
    .map((d) => ({
      name: d.name,
      title: d.title,
      maxRows: MAX_ROWS,
      columns: d.columns.map((c) => ({ key: c.key, header: c.header, required: c.required, hint: c.hint ?? null })),
    }));
}

/** The template: the headers, one example row, and a sheet explaining each column. */
export function importTemplate(def: ImportDef<Row, unknown>, lang: Lang): Promise<Buffer> {
  const yes = lang === 'en' ? 'yes' : '是';
  const no = lang === 'en' ? 'no' : '否';
  const help = lang === 'en' ? ['Column', 'Required', 'Notes'] : ['列', '必填', '说明'];
  return workbookBuffer([
    {
      name: pick(def.title, lang),
      columns: def.columns.map((c) => ({ header: pick(c.header, lang), width: 18 })),
      rows: [def.columns.map((c) => c.example)],
      textColumns: true,
    },
    {
      name: lang === 'en' ? 'Notes' : '填写说明',
      columns: [
        { header: help[0]!, width: 20 },
        { header: help[1]!, width: 8 },
        { header: help[2]!, width: 60 },
      ],
      rows: def.columns.map((c) => [pick(c.header, lang), c.required ? yes : no, c.hint ? pick(c.hint, lang) : '']),
    },
  ]);
}

interface ParsedRow {
  row: number;
  cells: CellText[];
  values: Row;
  problems: RowProblem[];
}

const normalise = (h: string) => h.replace(/[\s*＊]/g, '').toLowerCase();

/** Which column of the file holds which of the import's columns, by the Chinese or the English header. */
function mapColumns(def: ImportDef<Row, unknown>, header: string[], lang: Lang): Map<string, number> {
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    const name = normalise(h);
    if (!name) return;
    const column = def.columns.find((c) => normalise(c.header.zh) === name || normalise(c.header.en) === name);
    if (!column) return; // an extra column (e.g. 原因 of a rejected-rows file) is ignored
    if (at.has(column.key)) {
      throw SpreadsheetError('IMPORT_DUPLICATE_COLUMN', { vars: { column: pick(column.header, lang) } });
    }
    at.set(column.key, i);
  });
  const missing = def.columns.filter((c) => c.required && !at.has(c.key));
  if (missing.length) {
    const names = (l: Lang) => missing.map((c) => pick(c.header, l)).join(l === 'en' ? ', ' : '、');
    throw SpreadsheetError('IMPORT_MISSING_COLUMNS', { vars: { columns: { zh: names('zh-CN'), en: names('en') } } });
  }
  return at;
}

function parseCell(column: ImportColumn, cell: CellText): { value?: unknown; problem?: Text } {
  if (cell !== undefined && typeof cell === 'object') return { problem: cell.problem };
  if (cell === undefined) return column.required ? { problem: rowReasons.required } : {};
  const parsed = column.schema.safeParse(cell);
  if (parsed.success) return { value: parsed.data };
  const [first] = issueTexts(column.schema, cell);
  return { problem: first ? { zh: first.zh, en: first.en } : { zh: '格式不正确', en: 'invalid' } };
}

function parseRows(def: ImportDef<Row, unknown>, rows: { row: number; cells: CellText[] }[], at: Map<string, number>) {
  const parsed: ParsedRow[] = rows.map(({ row, cells }) => {
    const values: Row = {};
    const problems: RowProblem[] = [];
    for (const column of def.columns) {
      const i = at.get(column.key);
      const { value, problem } = parseCell(column, i === undefined ? undefined : cells[i]);
      if (problem) problems.push({ field: column.key, message: problem });
      else if (value !== undefined) values[column.key] = value;
    }
    return { row, cells, values, problems };
  });
  // A value that must be unique may appear once in the file; the later rows are the duplicates.
  for (const column of def.columns.filter((c) => c.unique)) {
    const seen = new Map<string, number>();
    for (const r of parsed) {
      const v = r.values[column.key];
      if (v === undefined || v === null || v === '') continue;
      const key = column.unique === 'ignoreCase' ? String(v).toLowerCase() : String(v);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, r.row);
      else r.problems.push({ field: column.key, message: rowReasons.duplicate(first) });
    }
  }
  return parsed;
}

/** A module's AppError about a row becomes one of the row's reasons, on the field it names. */
function problemOf(err: AppError, fallbackField: string): RowProblem {
  return { field: err.fieldTexts[0]?.path ?? fallbackField, message: err.texts };
}

async function checkAgainstDatabase(
  db: Queryable,
  actor: Actor,
  def: ImportDef<Row, unknown>,
  rows: ParsedRow[],
  context: unknown,
): Promise<void> {
  if (!def.validateRow) return;
  for (const r of rows) {
    if (r.problems.length) continue;
    try {
      r.problems.push(...((await def.validateRow(db, actor, r.values, context)) ?? []));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      r.problems.push(problemOf(err, def.columns[0]!.key));
    }
  }
}

export interface RejectedItem {
  row: number;
  field: string;
  column: string;
  message: string;
}

export interface ImportReport {
  mode: ImportMode;
  rows: number;
  accepted: number;
  rejectedRows: number;
  rejected: RejectedItem[];
  rejectedFileId: string | null;
  imported: number;
  shownOnce: ShownOnce[];
}

function rejectedItems(def: ImportDef<Row, unknown>, rows: ParsedRow[], lang: Lang): RejectedItem[] {
  const headerOf = (key: string) => {
    const column = def.columns.find((c) => c.key === key);
    return column ? pick(column.header, lang) : key;
  };
  return rows.flatMap((r) =>
    r.problems.map((p) => ({ row: r.row, field: p.field, column: headerOf(p.field), message: pick(p.message, lang) })),
  );
}

/** The rejected rows as the user uploaded them, with the row number and a 原因 column. */
function rejectedFile(def: ImportDef<Row, unknown>, rows: ParsedRow[], at: Map<string, number>, lang: Lang) {
  const items = rejectedItems(def, rows, lang);
  const reasons = new Map<number, string[]>();
  for (const i of items) reasons.set(i.row, [...(reasons.get(i.row) ?? []), `${i.column}：${i.message}`]);
  const text = (c: CellText) => (typeof c === 'string' ? c : '');
  return workbookBuffer([
    {
      name: pick(def.title, lang),
      textColumns: true,
      columns: [
        { header: lang === 'en' ? 'Row' : '行号', width: 8 },
        ...def.columns.map((c) => ({ header: pick(c.header, lang), width: 18 })),
        { header: lang === 'en' ? 'Reason' : '原因', width: 60 },
      ],
      rows: rows.map((r) => [
        r.row,
        ...def.columns.map((c) => {
          const i = at.get(c.key);
          return i === undefined ? '' : text(r.cells[i]);
        }),
        (reasons.get(r.row) ?? []).join(lang === 'en' ? '; ' : '；'),
      ]),
    },
  ]);
}

/**
 * Reads, checks and imports a spreadsheet. Every row is checked (its cells, duplicates in the file,
 * then the database); `check` imports nothing, `all` imports only when no row is rejected, `valid`
 * imports the accepted rows. The import, its rejected-rows file and its audit entry are one transaction.
 */
export async function runImport(
  db: Db,
  principal: Principal,
  actor: Actor,
  name: string,
  file: Buffer,
  mode: ImportMode,
  lang: Lang,
): Promise<ImportReport> {
  const def = requireImport(name, principal);
  const sheet = await readFirstSheet(file, { maxRows: MAX_ROWS, maxUnpackedBytes: MAX_UNPACKED_BYTES });
  const at = mapColumns(def, sheet.header, lang);
  const rows = parseRows(def, sheet.rows, at);

  const report = await db.tx(async (tx) => {
    const context = def.prepare ? await def.prepare(tx, actor) : undefined;
    await checkAgainstDatabase(tx, actor, def, rows, context);
    const accepted: ImportRow[] = rows.filter((r) => !r.problems.length).map((r) => ({ row: r.row, values: r.values }));
    const rejected = rows.filter((r) => r.problems.length);
    const commit = mode === 'valid' || (mode === 'all' && rejected.length === 0);
    const shownOnce =
      commit && accepted.length ? ((await def.commit(tx, actor, accepted, context))?.shownOnce ?? []) : [];
    const rejectedFileId = rejected.length
      ? await repo.insertImportResult(tx, {
          companyId: actor.companyId,
          importName: def.name,
          createdBy: principal.userId,
          rejectedRows: rejected.length,
          file: await rejectedFile(def, rejected, at, lang),
        })
      : null;
    const out: ImportReport = {
      mode,
      rows: rows.length,
      accepted: accepted.length,
      rejectedRows: rejected.length,
      rejected: rejectedItems(def, rejected, lang),
      rejectedFileId,
      imported: commit ? accepted.length : 0,
      shownOnce,
    };
    if (mode !== 'check' || rejectedFileId) {
      const { rejected: _, shownOnce: __, ...counts } = out;
      await recordAudit(tx, actor, { action: 'import.run', entityType: 'import', entityId: def.name, after: counts });
    }
    return out;
  });

  if (mode === 'all' && report.rejectedRows > 0) {
    throw SpreadsheetError('IMPORT_REJECTED_ROWS', { vars: { rows: report.rejectedRows }, details: { ...report } });
  }
  return report;
}

export async function importResultFile(db: Queryable, principal: Principal, id: string) {
  const result = await repo.findImportResult(db, principal.companyId, id);
  // Only who uploaded the file sees its rows again.
  if (!result || result.createdBy !== principal.userId) throw SpreadsheetError('IMPORT_RESULT_NOT_FOUND');
  const def = requireImport(result.importName, principal);
  return { file: Buffer.from(result.file), title: def.title, name: def.name, createdAt: new Date(result.createdAt) };
}

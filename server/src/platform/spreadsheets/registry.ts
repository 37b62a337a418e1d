import type { ZodType } from 'zod';
import type { Queryable, Tx } from '../../db/types.js';
import type { Actor, Principal } from '../context.js';
import type { Lang, Text } from '../errors.js';

export type Row = Record<string, unknown>;

export interface ExportColumn<R extends Row = Row> {
  key: string;
  header: Text;
  /** In characters. */
  width?: number;
  /** The cell's value from the row's (by default `row[key]`); strings, numbers, booleans and null. */
  format?(value: unknown, row: R, lang: Lang): unknown;
}

/**
 * An export of a console list, declared by the module that owns the list: the same filters (the
 * list's own query schema, without paging) and the same permission.
 */
export interface ExportDef<Q = unknown, R extends Row = Row> {
  name: string;
  title: Text;
  /** The list's read permission. */
  permission: string;
  /** Holds personal data: downloading needs an approved data-export request (IAM-5). */
  sensitive: boolean;
  query: ZodType<Q>;
  columns: ExportColumn<R>[];
  /** The rows, fetched a page at a time: an export never holds the whole list in memory. */
  rows(db: Queryable, principal: Principal, query: Q): AsyncIterable<R>;
}

export interface ImportColumn {
  key: string;
  /** The column is found by either name in the uploaded file's first row. */
  header: Text;
  required: boolean;
  /** Parses the cell's text (trimmed; empty cells of optional columns are left out). */
  schema: ZodType;
  /** The template's example row. */
  example: string;
  hint?: Text;
  /** A value may appear once in the file. */
  unique?: boolean | 'ignoreCase';
}

/** A reason a row is turned away, on one of its columns. */
export interface RowProblem {
  field: string;
  message: Text;
}

export interface ImportRow<R extends Row = Row> {
  /** The row's number in the spreadsheet, as the user sees it (the header is row 1). */
  row: number;
  values: R;
}

/** Shown once in the import's answer (e.g. generated passwords), never stored. */
export interface ShownOnce {
  row: number;
  label: string;
  secret: string;
  /** A notice to print for the new record (e.g. the account opening notice, the secret written in by hand). */
  notice?: { code: string; subjectId: string };
}

export interface ImportDef<R extends Row = Row, C = unknown> {
  name: string;
  title: Text;
  permission: string;
  columns: ImportColumn[];
  /** Loads what every row is checked against (codes, names) once. */
  prepare?(db: Queryable, actor: Actor): Promise<C>;
  /** Checks against the database; returns the row's problems, or throws a module's AppError for one. */
  validateRow?(db: Queryable, actor: Actor, row: R, context: C): Promise<RowProblem[] | undefined>;
  /** Writes the accepted rows, in the import's one transaction. */
  commit(tx: Tx, actor: Actor, rows: ImportRow<R>[], context: C): Promise<{ shownOnce?: ShownOnce[] } | undefined>;
}

const exportKinds = new Map<string, ExportDef<unknown, Row>>();
const importKinds = new Map<string, ImportDef<Row, unknown>>();

const NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

export function registerExport<Q, R extends Row>(def: ExportDef<Q, R>): void {
  if (!NAME.test(def.name) || def.name === 'grants') throw new Error(`Export name "${def.name}" is not allowed`);
  exportKinds.set(def.name, def as unknown as ExportDef<unknown, Row>);
}

export function exportDef(name: string): ExportDef<unknown, Row> | undefined {
  return exportKinds.get(name);
}

export function exportDefs(): ExportDef<unknown, Row>[] {
  return [...exportKinds.values()];
}

export function registerImport<R extends Row, C>(def: ImportDef<R, C>): void {
  if (!NAME.test(def.name) || def.name === 'results') throw new Error(`Import name "${def.name}" is not allowed`);
  importKinds.set(def.name, def as unknown as ImportDef<Row, unknown>);
}

export function importDef(name: string): ImportDef<Row, unknown> | undefined {
  return importKinds.get(name);
}

export function importDefs(): ImportDef<Row, unknown>[] {
  return [...importKinds.values()];
}

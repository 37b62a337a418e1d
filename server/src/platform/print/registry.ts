import type { ZodType } from 'zod';
import type { Queryable } from '../../db/types.js';
import type { Principal } from '../context.js';
import type { Text } from '../errors.js';
import { checkTemplate, type Node, parseTemplate, shapeOf, type VarShape } from './template.js';

/** A4 for notices; an 80 mm thermal roll for hall receipts. */
export type Paper = 'A4' | 'receipt80';

/** Where a notice's variables come from when it is printed for one record (a user, a bill, …). */
export interface NoticeSubject<V> {
  /** Needed on top of print.use: printing a record shows it. */
  permission: string;
  /** The variables for the record of the principal's company; throws the owner's 404 when there is none. */
  load(db: Queryable, principal: Principal, id: string): Promise<V>;
}

/**
 * A notice kind, declared by the module that prints it. The default template is code; a company
 * may override it (print_templates), and the override is checked against `variables` when saved.
 */
export interface NoticeDef<V = unknown> {
  code: string;
  name: Text;
  paper: Paper;
  variables: ZodType<V>;
  /** Shown in the template editor's preview, watermarked as a sample. */
  sample: V;
  /** The notice's content (the page frame, fonts and paper size come from the platform). */
  template: string;
  subject?: NoticeSubject<V>;
}

export interface RegisteredNotice extends NoticeDef<unknown> {
  shape: VarShape;
  parsed: Node[];
}

const notices = new Map<string, RegisteredNotice>();

/** Registers a notice kind; a default template that does not fit its variables stops the start. */
export function registerNotice<V>(def: NoticeDef<V>): void {
  if (!/^[a-z][A-Za-z0-9]*$/.test(def.code)) throw new Error(`Notice code "${def.code}" must be camelCase`);
  const shape = shapeOf(def.variables);
  const parsed = parseTemplate(def.template);
  try {
    checkTemplate(parsed, shape);
    def.variables.parse(def.sample);
  } catch (err) {
    throw new Error(`Notice ${def.code}: ${(err as Error).message}`);
  }
  notices.set(def.code, { ...(def as NoticeDef<unknown>), shape, parsed });
}

export function noticeDef(code: string): RegisteredNotice | undefined {
  return notices.get(code);
}

export function noticeDefs(): RegisteredNotice[] {
  return [...notices.values()].sort((a, b) => a.code.localeCompare(b.code));
}

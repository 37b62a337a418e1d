import type { ZodType } from 'zod';
import type { Queryable, Tx } from '../../db/types.js';
import type { Actor } from '../../platform/context.js';
import { AppError, type RaiseOptions, type Text } from '../../platform/errors.js';
import type { WorkOrderRow } from './repo.js';

/** A form as saved on an order: the data and the form's own version. */
export interface SavedForm {
  data: Record<string, unknown>;
  version: number;
}

/** What a hook sees: who acts, the order as it stands, its saved forms, and the business date. */
export interface HookContext {
  /** The transaction of the action (or the database, for reads). */
  db: Queryable;
  actor: Actor;
  order: WorkOrderRow;
  forms: Record<string, SavedForm>;
  /** The business date (Asia/Shanghai) of the action. */
  today: string;
}

/**
 * A form of a type: its code, its name, the zod schema of what the technician enters, whether the order
 * cannot be completed without it, and an optional `prepare` that works out what the server adds (prices
 * from the policy, a deposit) and may refuse the data for reasons a schema cannot know.
 */
export interface FormDef<S extends ZodType = ZodType> {
  code: string;
  name: Text;
  schema: S;
  required: boolean;
  prepare?: (tx: Tx, ctx: HookContext, data: Record<string, unknown>) => Promise<Record<string, unknown>>;
}

/**
 * Code that belongs to a work-order type. Types are data (a company may add its own); a type with no
 * hooks is worked with the generic rules only.
 */
export interface TypeHooks {
  forms?: FormDef[];
  /** Refuses completion (throws) while the type's rule is not met: a hazard open, a form missing. */
  beforeComplete?: (tx: Tx, ctx: HookContext) => Promise<void>;
  /** Does what completion means for the type, in the completion's transaction (the meter history…). */
  onComplete?: (tx: Tx, ctx: HookContext) => Promise<void>;
  /** Extra read-only facts for the order's record (hazards…). */
  record?: (db: Queryable, companyId: string, order: WorkOrderRow) => Promise<Record<string, unknown>>;
}

const registry = new Map<string, TypeHooks>();

/** Registers the hooks of a type code; a second registration of the same code is a programming error. */
export function registerTypeHooks(code: string, hooks: TypeHooks): void {
  if (registry.has(code)) throw new Error(`Work-order type hooks for "${code}" are registered twice`);
  registry.set(code, hooks);
}

/** The hooks of a type; an empty set for a type a company added without code. */
export function typeHooks(code: string): TypeHooks {
  return registry.get(code) ?? {};
}

export function formDef(typeCode: string, formCode: string): FormDef | undefined {
  return typeHooks(typeCode).forms?.find((f) => f.code === formCode);
}

/** A refusal that names several fields at once (preconditions, hazards): `{list}` is filled from them. */
export function refusal(make: (opts: RaiseOptions) => AppError, problems: { path: string; text: Text }[]): AppError {
  const list = {
    zh: problems.map((p) => p.text.zh).join('；'),
    en: problems.map((p) => p.text.en).join('; '),
  };
  const base = make({ vars: { list } });
  return new AppError(base.code, base.status, base.texts, { problems: problems.map((p) => p.path) }, problems);
}

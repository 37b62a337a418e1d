import type { Db, Queryable } from '../../db/types.js';

/** When a scheduled job runs; times are Asia/Shanghai. */
export type Schedule =
  | { every: 'minute' }
  | { every: 'hour'; minute?: number }
  | { daily: string }
  | { monthly: { day: number; at: string } };

export interface JobContext {
  db: Db;
  /** The slot this run stands for (start of the minute, day or month it is due in). */
  slot: Date;
  log(message: string): void;
}

export interface JobDef {
  name: string;
  description: { zh: string; en: string };
  schedule: Schedule;
  /** What it returns is recorded with the run (counts, ids). */
  run(ctx: JobContext): Promise<Record<string, unknown> | undefined>;
}

export interface TaskContext {
  db: Db;
  companyId: string;
  attempt: number;
  log(message: string): void;
}

/** A background task kind: retried with back-off until maxAttempts, then marked dead. */
export interface TaskDef<P = unknown> {
  kind: string;
  maxAttempts?: number;
  /** First retry after this many seconds, doubling each time. */
  backoffSeconds?: number;
  run(ctx: TaskContext, payload: P): Promise<Record<string, unknown> | undefined>;
}

const jobs = new Map<string, JobDef>();
const tasks = new Map<string, TaskDef<never>>();

export function registerJob(def: JobDef): void {
  jobs.set(def.name, def);
}

export function jobDefs(): JobDef[] {
  return [...jobs.values()];
}

export function registerTask<P>(def: TaskDef<P>): void {
  tasks.set(def.kind, def as unknown as TaskDef<never>);
}

export function taskDef(kind: string): TaskDef<unknown> | undefined {
  return tasks.get(kind) as TaskDef<unknown> | undefined;
}

/**
 * Queues a background task in the caller's transaction: it runs only if that commits.
 * `dedupeKey` makes a second enqueue of the same work a no-op.
 */
export async function enqueueTask(
  tx: Queryable,
  t: { companyId: string; kind: string; payload: unknown; runAt?: Date; dedupeKey?: string },
): Promise<string | null> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO background_tasks (company_id, kind, payload, run_at, dedupe_key)
     VALUES ($1, $2, $3, COALESCE($4, now()), $5)
     ON CONFLICT (company_id, kind, dedupe_key) DO NOTHING RETURNING id`,
    [t.companyId, t.kind, JSON.stringify(t.payload ?? null), t.runAt ?? null, t.dedupeKey ?? null],
  );
  return r.rows[0]?.id ?? null;
}

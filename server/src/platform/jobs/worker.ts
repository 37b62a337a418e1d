import type { Db } from '../../db/types.js';
import { taskDef } from './registry.js';

interface ClaimedTask {
  companyId: string;
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
}

/** An error a task throws to say that trying again cannot help. */
export class PermanentTaskError extends Error {
  readonly permanent = true;
}

const LEASE_SECONDS = 300;

/**
 * Claims due background tasks (FOR UPDATE SKIP LOCKED, so several workers share the queue),
 * runs them, and records the outcome: done, queued again after back-off, or dead.
 * Returns how many were run.
 */
export async function runDueTasks(
  db: Db,
  opts: { workerId?: string; limit?: number; now?: Date; log?: (msg: string) => void } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const workerId = opts.workerId ?? `worker-${process.pid}`;
  const claimed = await db.tx(async (tx) => {
    const r = await tx.query<ClaimedTask>(
      `WITH due AS (
         SELECT company_id, id FROM background_tasks
          WHERE (status = 'queued' AND run_at <= $1) OR (status = 'running' AND lease_until < $1)
          ORDER BY run_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE background_tasks t
          SET status = 'running', attempts = t.attempts + 1, locked_by = $3,
              lease_until = $1::timestamptz + make_interval(secs => $4)
         FROM due WHERE t.company_id = due.company_id AND t.id = due.id
       RETURNING t.company_id AS "companyId", t.id, t.kind, t.payload, t.attempts`,
      [now, opts.limit ?? 20, workerId, LEASE_SECONDS],
    );
    return r.rows;
  });
  for (const task of claimed) await runOne(db, task, now, opts.log ?? (() => {}));
  return claimed.length;
}

async function runOne(db: Db, task: ClaimedTask, now: Date, log: (msg: string) => void): Promise<void> {
  const def = taskDef(task.kind);
  const where = 'WHERE company_id = $1 AND id = $2';
  try {
    if (!def) throw new PermanentTaskError(`no handler for task kind ${task.kind}`);
    const result = await def.run(
      { db, companyId: task.companyId, attempt: task.attempts, log: (m) => log(`[${task.kind}] ${m}`) },
      task.payload,
    );
    await db.query(
      `UPDATE background_tasks SET status = 'succeeded', finished_at = now(), result = $3, last_error = NULL ${where}`,
      [task.companyId, task.id, JSON.stringify(result ?? null)],
    );
  } catch (err) {
    const permanent = (err as { permanent?: boolean }).permanent === true;
    const max = def?.maxAttempts ?? 5;
    const message = (err as Error).message ?? String(err);
    if (permanent || task.attempts >= max) {
      log(`[${task.kind}] dead after ${task.attempts} attempt(s): ${message}`);
      await db.query(`UPDATE background_tasks SET status = 'dead', finished_at = now(), last_error = $3 ${where}`, [
        task.companyId,
        task.id,
        message,
      ]);
      return;
    }
    const delaySeconds = (def?.backoffSeconds ?? 30) * 2 ** (task.attempts - 1);
    await db.query(
      `UPDATE background_tasks SET status = 'queued', last_error = $3, locked_by = NULL, lease_until = NULL,
              run_at = $4::timestamptz + make_interval(secs => $5) ${where}`,
      [task.companyId, task.id, message, now, delaySeconds],
    );
  }
}

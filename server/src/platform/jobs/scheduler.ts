import type { Db } from '../../db/types.js';
import { type JobDef, jobDefs } from './registry.js';
import { dueSlot } from './schedule.js';

export interface SchedulerOptions {
  workerId: string;
  /** How long a claimed run may go without a heartbeat before another instance takes it over. */
  leaseMs?: number;
  log?: (msg: string) => void;
  jobs?: () => JobDef[];
}

/**
 * Claims the slot: the first instance to insert the (job, slot) row runs it; a run whose lease
 * lapsed (its process died mid-run) is taken over. Returns the run id, or null when another
 * instance has it.
 */
async function claim(db: Db, job: string, slot: Date, workerId: string, leaseMs: number): Promise<number | null> {
  const inserted = await db.query<{ id: number }>(
    `INSERT INTO job_runs (job_name, slot, claimed_by, lease_until)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))
     ON CONFLICT (job_name, slot) DO NOTHING RETURNING id`,
    [job, slot, workerId, leaseMs / 1000],
  );
  if (inserted.rows[0]) return inserted.rows[0].id;
  const taken = await db.query<{ id: number }>(
    `UPDATE job_runs SET claimed_by = $3, attempts = attempts + 1, lease_until = now() + make_interval(secs => $4)
      WHERE job_name = $1 AND slot = $2 AND status = 'running' AND lease_until < now()
      RETURNING id`,
    [job, slot, workerId, leaseMs / 1000],
  );
  return taken.rows[0]?.id ?? null;
}

export async function executeRun(
  db: Db,
  job: JobDef,
  runId: number,
  slot: Date,
  opts: { workerId: string; leaseMs: number; log: (msg: string) => void },
): Promise<void> {
  const heartbeat = setInterval(() => {
    db.query(`UPDATE job_runs SET lease_until = now() + make_interval(secs => $3) WHERE id = $1 AND claimed_by = $2`, [
      runId,
      opts.workerId,
      opts.leaseMs / 1000,
    ]).catch(() => {});
  }, opts.leaseMs / 3);
  try {
    const result = await job.run({ db, slot, log: (m) => opts.log(`[${job.name}] ${m}`) });
    await db.query(`UPDATE job_runs SET status = 'succeeded', finished_at = now(), result = $2 WHERE id = $1`, [
      runId,
      JSON.stringify(result ?? null),
    ]);
  } catch (err) {
    opts.log(`[${job.name}] failed: ${(err as Error).message}`);
    await db.query(`UPDATE job_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [
      runId,
      (err as Error).stack ?? String(err),
    ]);
  } finally {
    clearInterval(heartbeat);
  }
}

/** One pass over every job: runs each job's due slot here if no other instance has it. */
export async function tick(db: Db, opts: SchedulerOptions, now = new Date()): Promise<string[]> {
  const leaseMs = opts.leaseMs ?? 60_000;
  const log = opts.log ?? (() => {});
  const ran: string[] = [];
  for (const job of (opts.jobs ?? jobDefs)()) {
    const slot = dueSlot(job.schedule, now);
    const runId = await claim(db, job.name, slot, opts.workerId, leaseMs);
    if (runId === null) continue;
    await executeRun(db, job, runId, slot, { workerId: opts.workerId, leaseMs, log });
    ran.push(job.name);
  }
  return ran;
}

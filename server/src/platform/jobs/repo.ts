import type { Queryable } from '../../db/types.js';
import { pageClause } from '../paging.js';

export interface JobRunRow {
  id: number;
  jobName: string;
  slot: Date;
  status: 'running' | 'succeeded' | 'failed';
  attempts: number;
  claimedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  result: unknown;
  error: string | null;
}

const RUN = `SELECT id, job_name AS "jobName", slot, status, attempts, claimed_by AS "claimedBy", started_at AS "startedAt",
                    finished_at AS "finishedAt", result, error FROM job_runs`;

export async function listRuns(
  db: Queryable,
  q: { page: number; pageSize: number; job?: string; status?: string },
): Promise<{ rows: JobRunRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.job) {
    params.push(q.job);
    where.push(`job_name = $${params.length}`);
  }
  if (q.status) {
    params.push(q.status);
    where.push(`status = $${params.length}`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM job_runs ${w}`, params);
  const rows = await db.query<JobRunRow>(`${RUN} ${w} ORDER BY started_at DESC, id DESC ${pageClause(q)}`, params);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function lastRuns(db: Queryable): Promise<JobRunRow[]> {
  const r = await db.query<JobRunRow>(`${RUN} WHERE id IN (SELECT max(id) FROM job_runs GROUP BY job_name)`);
  return r.rows;
}

export interface TaskRow {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  runAt: Date;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const TASK = `SELECT id, kind, status, attempts, run_at AS "runAt", last_error AS "lastError", created_at AS "createdAt",
                     finished_at AS "finishedAt" FROM background_tasks`;

export async function listTasks(
  db: Queryable,
  companyId: string,
  q: { page: number; pageSize: number; kind?: string; status?: string },
): Promise<{ rows: TaskRow[]; total: number }> {
  const where = ['company_id = $1'];
  const params: unknown[] = [companyId];
  if (q.kind) {
    params.push(q.kind);
    where.push(`kind = $${params.length}`);
  }
  if (q.status) {
    params.push(q.status);
    where.push(`status = $${params.length}`);
  }
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM background_tasks WHERE ${w}`, params);
  const rows = await db.query<TaskRow>(`${TASK} WHERE ${w} ORDER BY created_at DESC, id ${pageClause(q)}`, params);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

/** A dead task is queued again from scratch; false when it is not dead (or not this company's). */
export async function requeueDeadTask(db: Queryable, companyId: string, id: string): Promise<TaskRow | null> {
  const r = await db.query<TaskRow>(
    `UPDATE background_tasks SET status = 'queued', attempts = 0, run_at = now(), last_error = NULL, finished_at = NULL
      WHERE company_id = $1 AND id = $2 AND status = 'dead'
      RETURNING id, kind, status, attempts, run_at AS "runAt", last_error AS "lastError", created_at AS "createdAt",
                finished_at AS "finishedAt"`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

export async function findTask(db: Queryable, companyId: string, id: string): Promise<TaskRow | null> {
  const r = await db.query<TaskRow>(`${TASK} WHERE company_id = $1 AND id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

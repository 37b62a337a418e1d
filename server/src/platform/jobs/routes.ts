import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit.js';
import type { AppDeps } from '../http/deps.js';
import { actorFrom, principalOf } from '../http/guard.js';
import { pageOf, pagingQuery } from '../paging.js';
import { JobsError } from './errors.js';
import { jobDefs } from './registry.js';
import * as repo from './repo.js';
import { describeSchedule, nextSlot } from './schedule.js';
import { executeRun } from './scheduler.js';

const tags = ['jobs'];
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const runSchema = z.object({
  id: z.number().int(),
  jobName: z.string(),
  slot: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  attempts: z.number().int(),
  claimedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
});
const runDto = (r: repo.JobRunRow) => ({
  ...r,
  slot: iso(r.slot)!,
  startedAt: iso(r.startedAt)!,
  finishedAt: iso(r.finishedAt),
});
const taskSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
const taskDto = (t: repo.TaskRow) => ({
  ...t,
  runAt: iso(t.runAt)!,
  createdAt: iso(t.createdAt)!,
  finishedAt: iso(t.finishedAt),
});

/** The filters of the runs and of the background tasks; their exports (spreadsheets.ts) take the same. */
export const jobRunsQuery = z.object({
  ...pagingQuery,
  job: z.string().max(100).optional(),
  status: z.enum(['running', 'succeeded', 'failed']).optional(),
});
export const tasksQuery = z.object({
  ...pagingQuery,
  kind: z.string().max(100).optional(),
  status: z.enum(['queued', 'running', 'succeeded', 'dead']).optional(),
});

export function jobsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/jobs', {
    schema: {
      operationId: 'listJobs',
      tags,
      summary: '定时任务 Scheduled jobs with their last run and next slot',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              name: z.string(),
              description: z.object({ zh: z.string(), en: z.string() }),
              schedule: z.object({ zh: z.string(), en: z.string() }),
              nextSlot: z.string(),
              lastRun: runSchema.nullable(),
            }),
          ),
        }),
      },
    },
    config: { permission: 'platform.jobs.read' },
    handler: async () => {
      const last = new Map((await repo.lastRuns(db)).map((run) => [run.jobName, run]));
      const now = new Date();
      return {
        items: jobDefs().map((j) => {
          const run = last.get(j.name);
          return {
            name: j.name,
            description: j.description,
            schedule: describeSchedule(j.schedule),
            nextSlot: nextSlot(j.schedule, now).toISOString(),
            lastRun: run ? runDto(run) : null,
          };
        }),
      };
    },
  });

  r.get('/api/jobs/runs', {
    schema: {
      operationId: 'listJobRuns',
      tags,
      summary: '任务运行记录 Runs of scheduled jobs, newest first',
      querystring: jobRunsQuery,
      response: { 200: pageOf(runSchema) },
    },
    config: { permission: 'platform.jobs.read' },
    handler: async (req) => {
      const { rows, total } = await repo.listRuns(db, req.query);
      return { items: rows.map(runDto), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.post('/api/jobs/:name/run', {
    schema: {
      operationId: 'runJobNow',
      tags,
      summary: '立即运行 Run a scheduled job now (a slot of its own)',
      params: z.object({ name: z.string().max(100) }),
      response: { 200: runSchema },
    },
    config: { permission: 'platform.jobs.manage' },
    handler: async (req) => {
      const job = jobDefs().find((j) => j.name === req.params.name);
      if (!job) throw JobsError('JOB_NOT_FOUND', { vars: { name: req.params.name } });
      const actor = actorFrom(req);
      const workerId = `manual:${actor.name}`;
      const run = await db.tx(async (tx) => {
        const inserted = await tx.query<{ id: number; slot: Date }>(
          `INSERT INTO job_runs (job_name, slot, claimed_by, lease_until) VALUES ($1, now(), $2, now() + interval '10 minutes')
           RETURNING id, slot`,
          [job.name, workerId],
        );
        await recordAudit(tx, actor, { action: 'job.runNow', entityType: 'job', entityId: job.name });
        return inserted.rows[0]!;
      });
      await executeRun(db, job, run.id, run.slot, { workerId, leaseMs: 600_000, log: (m) => req.log.info(m) });
      const done = (await repo.listRuns(db, { page: 1, pageSize: 1, job: job.name })).rows[0]!;
      return runDto(done);
    },
  });

  r.get('/api/jobs/tasks', {
    schema: {
      operationId: 'listBackgroundTasks',
      tags,
      summary: '后台任务 Background tasks of the company',
      querystring: tasksQuery,
      response: { 200: pageOf(taskSchema) },
    },
    config: { permission: 'platform.jobs.read' },
    handler: async (req) => {
      const { rows, total } = await repo.listTasks(db, principalOf(req).companyId, req.query);
      return { items: rows.map(taskDto), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.post('/api/jobs/tasks/:id/retry', {
    schema: {
      operationId: 'retryBackgroundTask',
      tags,
      summary: '重新排队 Queue a dead task again',
      params: z.object({ id: z.uuid() }),
      response: { 200: taskSchema },
    },
    config: { permission: 'platform.jobs.manage' },
    handler: async (req) => {
      const actor = actorFrom(req);
      return db.tx(async (tx) => {
        const before = await repo.findTask(tx, actor.companyId, req.params.id);
        if (!before) throw JobsError('TASK_NOT_FOUND');
        const after = await repo.requeueDeadTask(tx, actor.companyId, req.params.id);
        if (!after) throw JobsError('TASK_NOT_DEAD');
        await recordAudit(tx, actor, {
          action: 'task.retry',
          entityType: 'backgroundTask',
          entityId: after.id,
          before,
          after,
        });
        return taskDto(after);
      });
    },
  });
}

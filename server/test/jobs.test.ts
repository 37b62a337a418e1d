import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import type { Db } from '../src/db/types.js';
import { enqueueTask, type JobDef, registerTask } from '../src/platform/jobs/registry.js';
import { dueSlot, nextSlot } from '../src/platform/jobs/schedule.js';
import { tick } from '../src/platform/jobs/scheduler.js';
import { PermanentTaskError, runDueTasks } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './app.js';
import { createTestDb, dbKinds } from './db.js';

const at = (s: string) => new Date(s);

describe('job schedules (Asia/Shanghai)', () => {
  it('a minute job is due at the start of the current minute', () => {
    expect(dueSlot({ every: 'minute' }, at('2026-11-23T04:05:37Z')).toISOString()).toBe('2026-11-23T04:05:00.000Z');
  });
  it('a daily 02:00 job is due at 02:00 Shanghai time, i.e. 18:00 UTC the day before', () => {
    expect(dueSlot({ daily: '02:00' }, at('2026-11-23T01:00:00Z')).toISOString()).toBe('2026-11-22T18:00:00.000Z');
    expect(dueSlot({ daily: '02:00' }, at('2026-11-22T17:59:00Z')).toISOString()).toBe('2026-11-21T18:00:00.000Z');
  });
  it('a monthly job on day 31 runs on the last day of a shorter month', () => {
    expect(dueSlot({ monthly: { day: 31, at: '01:00' } }, at('2026-11-30T20:00:00Z')).toISOString()).toBe(
      '2026-11-29T17:00:00.000Z',
    );
    expect(nextSlot({ monthly: { day: 1, at: '00:00' } }, at('2026-11-23T00:00:00Z')).toISOString()).toBe(
      '2026-11-30T16:00:00.000Z',
    );
  });
});

describe.each(dbKinds)('scheduled jobs and background tasks on %s', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  let companyId: string;
  beforeAll(async () => {
    ({ db, drop } = await createTestDb(kind));
    await migrate(db);
    const g = await db.query<{ id: string }>("INSERT INTO company_groups (code, name) VALUES ('G', 'G') RETURNING id");
    const c = await db.query<{ id: string }>(
      "INSERT INTO companies (group_id, code, name) VALUES ($1, 'C', 'C') RETURNING id",
      [g.rows[0]!.id],
    );
    companyId = c.rows[0]!.id;
  });
  afterAll(() => drop());

  it('a slot is run once however many instances tick', async () => {
    let runs = 0;
    const job: JobDef = {
      name: 'test.once',
      description: { zh: '', en: '' },
      schedule: { every: 'minute' },
      run: async () => {
        runs++;
        return { ok: true };
      },
    };
    const now = at('2026-11-23T04:05:10Z');
    const a = await tick(db, { workerId: 'a', jobs: () => [job] }, now);
    const b = await tick(db, { workerId: 'b', jobs: () => [job] }, now);
    const again = await tick(db, { workerId: 'a', jobs: () => [job] }, at('2026-11-23T04:05:50Z'));
    expect([a, b, again]).toEqual([['test.once'], [], []]);
    expect(runs).toBe(1);
    const row = await db.query<{ status: string; result: unknown }>(
      "SELECT status, result FROM job_runs WHERE job_name = 'test.once'",
    );
    expect(row.rows).toEqual([{ status: 'succeeded', result: { ok: true } }]);
  });

  it('a run whose instance died is taken over when its lease lapses, and a failure is recorded', async () => {
    const slot = dueSlot({ every: 'minute' }, new Date());
    await db.query(
      `INSERT INTO job_runs (job_name, slot, claimed_by, lease_until) VALUES ('test.crash', $1, 'dead-instance', now() - interval '1 second')`,
      [slot],
    );
    const job: JobDef = {
      name: 'test.crash',
      description: { zh: '', en: '' },
      schedule: { every: 'minute' },
      run: async () => {
        throw new Error('boom');
      },
    };
    expect(await tick(db, { workerId: 'survivor', jobs: () => [job] })).toEqual(['test.crash']);
    const row = await db.query<{ status: string; attempts: number; claimed_by: string; error: string }>(
      "SELECT status, attempts, claimed_by, error FROM job_runs WHERE job_name = 'test.crash'",
    );
    expect(row.rows[0]).toMatchObject({ status: 'failed', attempts: 2, claimed_by: 'survivor' });
    expect(row.rows[0]!.error).toContain('boom');
  });

  it('a failing task is retried with doubling back-off, then marked dead; a permanent failure is not retried', async () => {
    let calls = 0;
    registerTask<{ n: number }>({
      kind: 'test.flaky',
      maxAttempts: 3,
      backoffSeconds: 10,
      run: async (_ctx, payload) => {
        calls++;
        if (calls < 3) throw new Error(`attempt ${calls} failed`);
        return { n: payload.n };
      },
    });
    registerTask({
      kind: 'test.hopeless',
      run: async () => {
        throw new PermanentTaskError('wrong number');
      },
    });
    await db.tx((tx) => enqueueTask(tx, { companyId, kind: 'test.flaky', payload: { n: 7 }, dedupeKey: 'x' }));
    expect(
      await db.tx((tx) => enqueueTask(tx, { companyId, kind: 'test.flaky', payload: { n: 8 }, dedupeKey: 'x' })),
    ).toBeNull();
    await db.tx((tx) => enqueueTask(tx, { companyId, kind: 'test.hopeless', payload: null }));
    // A millisecond on: the tasks' run_at is the database's now() in microseconds, and may fall inside the
    // very millisecond a JS Date truncates it to — a task would then not yet be due at t0.
    const t0 = new Date(Date.now() + 1);
    const state = async (kind: string) =>
      (
        await db.query<{ status: string; attempts: number; run_at: Date; result: unknown }>(
          'SELECT status, attempts, run_at, result FROM background_tasks WHERE kind = $1',
          [kind],
        )
      ).rows[0]!;
    expect(await runDueTasks(db, { now: t0 })).toBe(2);
    expect(await state('test.hopeless')).toMatchObject({ status: 'dead', attempts: 1 });
    const first = await state('test.flaky');
    expect(first).toMatchObject({ status: 'queued', attempts: 1 });
    expect(new Date(first.run_at).getTime() - t0.getTime()).toBe(10_000);
    expect(await runDueTasks(db, { now: new Date(t0.getTime() + 5_000) })).toBe(0);
    await runDueTasks(db, { now: new Date(t0.getTime() + 10_000) });
    const second = await state('test.flaky');
    expect(new Date(second.run_at).getTime() - t0.getTime()).toBe(30_000);
    await runDueTasks(db, { now: new Date(t0.getTime() + 30_000) });
    expect(await state('test.flaky')).toMatchObject({ status: 'succeeded', attempts: 3, result: { n: 7 } });
  });
});

describe.each(dbKinds)('jobs console on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('jobs list their schedule, and a manual run is recorded and audited', async () => {
    const admin = await t.login('system.admin');
    const jobs = (await t.call('GET', '/api/jobs', { cookie: admin })).json().items;
    expect(jobs.map((j: { name: string }) => j.name)).toContain('iam.sessionCleanup');
    const run = await t.call('POST', '/api/jobs/iam.deprovisioningCheck/run', { cookie: admin });
    expect(run.json()).toMatchObject({
      jobName: 'iam.deprovisioningCheck',
      status: 'succeeded',
      result: { overdue: 0 },
    });
    const runs = (await t.call('GET', '/api/jobs/runs?status=succeeded', { cookie: admin })).json();
    expect(runs.total).toBe(1);
    const audit = (await t.call('GET', '/api/audit-entries?action=job.runNow', { cookie: admin })).json();
    expect(audit.total).toBe(1);
    const clerk = await t.login('hall.clerk');
    expect((await t.call('GET', '/api/jobs', { cookie: clerk })).statusCode).toBe(403);
  });
});

// Two instances need a shared server: PGlite is one process's database.
describe.skipIf(!process.env.TEST_DATABASE_URL)('two server instances on one PostgreSQL', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let url: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    const created = await createTestDb('postgres');
    db = created.db;
    drop = created.drop;
    url = created.url!;
    await migrate(db);
    await db.query('CREATE TABLE test_ticks (slot timestamptz NOT NULL, worker text NOT NULL)');
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await drop();
  });

  it('a minute job runs once per minute, not twice', async () => {
    const script = path.join(import.meta.dirname, 'fixtures', 'scheduler-process.ts');
    const ready: Promise<void>[] = [];
    for (const instance of ['1', '2']) {
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, DATABASE_URL: url, INSTANCE: instance },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      ready.push(new Promise((resolve) => child.stdout!.once('data', () => resolve())));
    }
    await Promise.all(ready);
    const started = new Date();
    // Wait for the first minute that begins while both instances are ticking, plus a few ticks.
    const boundary = dueSlot({ every: 'minute' }, new Date(started.getTime() + 60_000));
    while (Date.now() < boundary.getTime() + 3_000) await new Promise((r) => setTimeout(r, 500));
    const ticks = await db.query<{ slot: Date; n: number; workers: string[] }>(
      'SELECT slot, count(*)::int AS n, array_agg(worker) AS workers FROM test_ticks GROUP BY slot ORDER BY slot',
    );
    expect(ticks.rows.map((r) => new Date(r.slot).toISOString())).toContain(boundary.toISOString());
    for (const row of ticks.rows) expect(row.n, `slot ${new Date(row.slot).toISOString()} ran ${row.workers}`).toBe(1);
  }, 120_000);
});

import { hostname } from 'node:os';
import type { Db } from '../../db/types.js';
import { tick } from './scheduler.js';
import { runDueTasks } from './worker.js';

export interface BackgroundOptions {
  schedulerTickMs: number;
  taskPollMs: number;
  log: (msg: string) => void;
}

/**
 * The scheduler and the task worker of one server instance. Several instances may run them
 * against one PostgreSQL: slots and tasks are claimed in the database, never twice.
 */
export function startBackground(db: Db, opts: BackgroundOptions): { stop(): Promise<void> } {
  const workerId = `${hostname()}:${process.pid}`;
  let stopped = false;
  const inflight = new Set<Promise<unknown>>();
  const loop = (ms: number, fn: () => Promise<unknown>) => {
    let timer: NodeJS.Timeout;
    const step = async () => {
      if (stopped) return;
      const p = fn().catch((err) => opts.log(`background: ${(err as Error).message}`));
      inflight.add(p);
      await p;
      inflight.delete(p);
      if (!stopped) timer = setTimeout(step, ms);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  };
  const stopScheduler = loop(opts.schedulerTickMs, () => tick(db, { workerId, log: opts.log }));
  const stopWorker = loop(opts.taskPollMs, async () => {
    // Drain what is due, then wait for the next poll.
    while (!stopped && (await runDueTasks(db, { workerId, log: opts.log })) > 0) {}
  });
  return {
    async stop() {
      stopped = true;
      stopScheduler();
      stopWorker();
      await Promise.all(inflight);
    },
  };
}

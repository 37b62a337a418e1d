import { registerTask } from '../../platform/jobs/registry.js';
import { BILLING_RUN_TASK, processRun } from './service.js';

/**
 * BIL-2: the billing run works in the background; a retry after a crash continues after the last chunk
 * the run row records.
 */
registerTask<{ runId: string; userId?: string | null }>({
  kind: BILLING_RUN_TASK,
  maxAttempts: 10,
  backoffSeconds: 5,
  async run(ctx, payload) {
    const run = await processRun(ctx.db, ctx.companyId, payload.runId, { postedBy: payload.userId ?? null });
    return { runId: run.id, bills: run.billsCreated, status: run.status };
  },
});

import type { z } from 'zod';
import type { Lang, Text } from '../errors.js';
import { paged } from '../spreadsheets/export-service.js';
import { shanghaiTime } from '../spreadsheets/format.js';
import { registerExport } from '../spreadsheets/registry.js';
import * as repo from './repo.js';
import { jobRunsQuery, tasksQuery } from './routes.js';

const runsQuery = jobRunsQuery.omit({ page: true, pageSize: true });
const taskListQuery = tasksQuery.omit({ page: true, pageSize: true });

const pick = (text: Text, lang: Lang) => (lang === 'en' ? text.en : text.zh);

const runStatus: Record<repo.JobRunRow['status'], Text> = {
  running: { zh: '运行中', en: 'running' },
  succeeded: { zh: '成功', en: 'succeeded' },
  failed: { zh: '失败', en: 'failed' },
};

const taskStatus: Record<string, Text> = {
  queued: { zh: '排队中', en: 'queued' },
  running: { zh: '执行中', en: 'running' },
  succeeded: { zh: '已完成', en: 'succeeded' },
  dead: { zh: '已放弃', en: 'dead' },
};

/**
 * Both lists are newest first and grow while they are read: a row started meanwhile pushes the
 * pages down, so a row already written can come round again. It is written once.
 */
async function* once<R extends { id: unknown }>(rows: AsyncIterable<R>): AsyncIterable<R> {
  const seen = new Set<unknown>();
  for await (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    yield row;
  }
}

// Runs of the scheduled jobs are the platform's, not a company's: the list shows them all, and so does the export.
registerExport<z.infer<typeof runsQuery>, repo.JobRunRow & Record<string, unknown>>({
  name: 'jobRuns',
  title: { zh: '任务运行记录', en: 'Job runs' },
  permission: 'platform.jobs.read',
  sensitive: false,
  query: runsQuery,
  rows: (db, _principal, q) =>
    once(
      paged(
        async (page, pageSize) =>
          (await repo.listRuns(db, { ...q, page, pageSize })).rows as (repo.JobRunRow & Record<string, unknown>)[],
      ),
    ),
  columns: [
    { key: 'jobName', header: { zh: '名称', en: 'Name' }, width: 32 },
    { key: 'slot', header: { zh: '时段', en: 'Slot' }, width: 20, format: shanghaiTime },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 8,
      format: (v, _, lang) => pick(runStatus[v as repo.JobRunRow['status']], lang),
    },
    { key: 'attempts', header: { zh: '尝试次数', en: 'Attempts' }, width: 8 },
    { key: 'claimedBy', header: { zh: '执行者', en: 'Claimed by' }, width: 24 },
    { key: 'startedAt', header: { zh: '开始时间', en: 'Started' }, width: 20, format: shanghaiTime },
    { key: 'finishedAt', header: { zh: '结束时间', en: 'Finished' }, width: 20, format: shanghaiTime },
    { key: 'result', header: { zh: '结果', en: 'Result' }, width: 40 },
    { key: 'error', header: { zh: '错误信息', en: 'Error' }, width: 40 },
  ],
});

registerExport<z.infer<typeof taskListQuery>, repo.TaskRow & Record<string, unknown>>({
  name: 'backgroundTasks',
  title: { zh: '后台任务', en: 'Background tasks' },
  permission: 'platform.jobs.read',
  sensitive: false,
  query: taskListQuery,
  rows: (db, principal, q) =>
    once(
      paged(
        async (page, pageSize) =>
          (await repo.listTasks(db, principal.companyId, { ...q, page, pageSize })).rows as (repo.TaskRow &
            Record<string, unknown>)[],
      ),
    ),
  columns: [
    { key: 'kind', header: { zh: '任务类型', en: 'Kind' }, width: 28 },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 8,
      format: (v, _, lang) => (taskStatus[String(v)] ? pick(taskStatus[String(v)]!, lang) : v),
    },
    { key: 'attempts', header: { zh: '尝试次数', en: 'Attempts' }, width: 8 },
    { key: 'runAt', header: { zh: '计划执行', en: 'Run at' }, width: 20, format: shanghaiTime },
    { key: 'createdAt', header: { zh: '创建时间', en: 'Created' }, width: 20, format: shanghaiTime },
    { key: 'finishedAt', header: { zh: '结束时间', en: 'Finished' }, width: 20, format: shanghaiTime },
    { key: 'lastError', header: { zh: '最近错误', en: 'Last error' }, width: 40 },
    { key: 'id', header: { zh: '任务编号', en: 'Task id' }, width: 38 },
  ],
});

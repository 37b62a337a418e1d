import { Tag } from 'antd';
import type { JobRunStatus, TaskStatus } from '../../../api/jobs';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

export const RUN_STATUSES: JobRunStatus[] = ['running', 'succeeded', 'failed'];
export const TASK_STATUSES: TaskStatus[] = ['queued', 'running', 'succeeded', 'dead'];

const runLabel: Record<JobRunStatus, MessageKey> = {
  running: 'jobs.run.running',
  succeeded: 'jobs.run.succeeded',
  failed: 'jobs.run.failed',
};
const runColor: Record<JobRunStatus, string> = { running: 'processing', succeeded: 'green', failed: 'red' };

const taskLabel: Record<TaskStatus, MessageKey> = {
  queued: 'jobs.task.queued',
  running: 'jobs.task.running',
  succeeded: 'jobs.task.succeeded',
  dead: 'jobs.task.dead',
};
const taskColor: Record<TaskStatus, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'green',
  dead: 'red',
};

export function RunStatusTag({ status }: { status: JobRunStatus }) {
  const { t } = useT();
  return <Tag color={runColor[status]}>{t(runLabel[status] ?? 'jobs.run.running')}</Tag>;
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useT();
  return <Tag color={taskColor[status] ?? 'default'}>{taskLabel[status] ? t(taskLabel[status]) : status}</Tag>;
}

export function useRunStatusOptions() {
  const { t } = useT();
  return RUN_STATUSES.map((value) => ({ value, label: t(runLabel[value]) }));
}

export function useTaskStatusOptions() {
  const { t } = useT();
  return TASK_STATUSES.map((value) => ({ value, label: t(taskLabel[value]) }));
}

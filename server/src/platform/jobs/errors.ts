import { defineErrors } from '../errors.js';

export const JobsError = defineErrors({
  JOB_NOT_FOUND: { status: 404, zh: '没有名为「{name}」的定时任务', en: 'No scheduled job named "{name}"' },
  TASK_NOT_FOUND: { status: 404, zh: '找不到该后台任务', en: 'No such background task' },
  TASK_NOT_DEAD: { status: 409, zh: '只有已终止的任务可以重新排队', en: 'Only a dead task can be queued again' },
});

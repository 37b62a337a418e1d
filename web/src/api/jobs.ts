import type { Bilingual } from './approvals';
import { http } from './client';
import type { Items, Page, PageParams } from './types';

export type JobRunStatus = 'running' | 'succeeded' | 'failed';
export type TaskStatus = 'queued' | 'running' | 'succeeded' | 'dead';

export interface JobRun {
  id: number;
  jobName: string;
  /** The slot the run stands for (start of its minute, day or month). */
  slot: string;
  status: JobRunStatus;
  attempts: number;
  claimedBy: string;
  startedAt: string;
  finishedAt: string | null;
  result: unknown;
  error: string | null;
}

export interface Job {
  name: string;
  description: Bilingual;
  schedule: Bilingual;
  nextSlot: string;
  lastRun: JobRun | null;
}

export interface BackgroundTask {
  id: string;
  kind: string;
  status: TaskStatus;
  attempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobRunParams extends PageParams {
  job?: string;
  status?: JobRunStatus;
}

export interface TaskParams extends PageParams {
  kind?: string;
  status?: TaskStatus;
}

export const jobsKey = ['jobs'] as const;

export const listJobs = () => http.get<Items<Job>>('/api/jobs');
export const listJobRuns = (params: JobRunParams) => http.get<Page<JobRun>>('/api/jobs/runs', { ...params });
export const runJobNow = (name: string) => http.post<JobRun>(`/api/jobs/${encodeURIComponent(name)}/run`);
export const listTasks = (params: TaskParams) => http.get<Page<BackgroundTask>>('/api/jobs/tasks', { ...params });
export const retryTask = (id: string) => http.post<BackgroundTask>(`/api/jobs/tasks/${encodeURIComponent(id)}/retry`);

import { Card, Space } from 'antd';
import { useRef, useState } from 'react';
import type { JobRunParams } from '../../../api/jobs';
import { useT } from '../../../i18n/useT';
import { JobRunsTable } from './JobRunsTable';
import { JobsTable } from './JobsTable';
import { TasksTable } from './TasksTable';

/** 定时任务: scheduled jobs, their runs, and the background task queue, one above the other. */
export function JobsPage() {
  const { t } = useT();
  const runsRef = useRef<HTMLDivElement>(null);
  const [runParams, setRunParams] = useState<JobRunParams>({ page: 1, pageSize: 20 });

  const showRuns = (job: string) => {
    setRunParams((p) => ({ ...p, job, status: undefined, page: 1 }));
    runsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless" title={t('menu.jobs')}>
        <JobsTable onShowRuns={showRuns} />
      </Card>
      <div ref={runsRef}>
        <Card variant="borderless" title={t('jobs.runsTitle')}>
          <JobRunsTable params={runParams} onParams={setRunParams} />
        </Card>
      </div>
      <Card variant="borderless" title={t('jobs.tasksTitle')}>
        <TasksTable />
      </Card>
    </Space>
  );
}

import { PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, type TableProps, Typography } from 'antd';
import { type Job, jobsKey, listJobs, runJobNow } from '../../../api/jobs';
import { useCan } from '../../../auth/CurrentUserContext';
import { useT } from '../../../i18n/useT';
import { settle } from '../../../lib/settle';
import { formatDateTime } from '../../../lib/time';
import { usePick } from '../../approvals/format';
import { RunStatusTag } from './jobStatus';

/** The scheduled jobs with their plan, next slot and last run; 立即运行 for platform.jobs.manage. */
export function JobsTable({ onShowRuns }: { onShowRuns: (job: string) => void }) {
  const { t } = useT();
  const pick = usePick();
  const { message } = App.useApp();
  const canManage = useCan()('platform.jobs.manage');
  const queryClient = useQueryClient();
  const jobs = useQuery({ queryKey: [...jobsKey, 'list'], queryFn: listJobs, refetchInterval: 60_000 });
  const runNow = useMutation({
    mutationFn: runJobNow,
    onSuccess: (run) => {
      queryClient.invalidateQueries({ queryKey: jobsKey });
      if (run.status === 'failed') message.error(t('jobs.runFailed', { name: run.jobName, error: run.error ?? '' }));
      else message.success(t('jobs.runDone', { name: run.jobName }));
    },
  });

  const columns: TableProps<Job>['columns'] = [
    {
      title: t('jobs.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <Typography.Text code>{name}</Typography.Text>,
    },
    { title: t('jobs.description'), key: 'description', render: (_, job) => pick(job.description) },
    { title: t('jobs.schedule'), key: 'schedule', render: (_, job) => pick(job.schedule) },
    {
      title: t('jobs.nextSlot'),
      dataIndex: 'nextSlot',
      key: 'nextSlot',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('jobs.lastRun'),
      key: 'lastRun',
      render: (_, job) =>
        job.lastRun ? (
          <Space size={4}>
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => onShowRuns(job.name)}
              data-testid={`job-last-run-${job.name}`}
            >
              <RunStatusTag status={job.lastRun.status} />
            </Button>
            <Typography.Text type="secondary">
              {formatDateTime(job.lastRun.finishedAt ?? job.lastRun.startedAt)}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('jobs.neverRun')}</Typography.Text>
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, job) => (
        <Popconfirm
          title={t('jobs.runNowConfirm', { name: job.name })}
          onConfirm={() => settle(runNow.mutateAsync(job.name))}
        >
          <Button
            type="link"
            size="small"
            icon={<PlayCircleOutlined />}
            loading={runNow.isPending && runNow.variables === job.name}
            data-testid={`job-run-${job.name}`}
          >
            {t('jobs.runNow')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Table<Job>
      rowKey="name"
      data-testid="jobs-table"
      columns={columns}
      dataSource={jobs.data?.items}
      loading={jobs.isFetching}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Space, Table, type TableProps, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { type JobRun, type JobRunParams, type JobRunStatus, jobsKey, listJobRuns, listJobs } from '../../../api/jobs';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { compactJson, prettyJson } from '../policy/policyFormat';
import { RunStatusTag, useRunStatusOptions } from './jobStatus';

const pre = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 } as const;

const hasResult = (run: JobRun) => run.result !== null && run.result !== undefined;

/** Runs of the scheduled jobs, newest first; failed ones are highlighted and expand to their error. */
export function JobRunsTable({ params, onParams }: { params: JobRunParams; onParams: (next: JobRunParams) => void }) {
  const { t } = useT();
  const { token } = theme.useToken();
  const statusOptions = useRunStatusOptions();
  const jobs = useQuery({ queryKey: [...jobsKey, 'list'], queryFn: listJobs });
  const runs = useQuery({
    queryKey: [...jobsKey, 'runs', params],
    queryFn: () => listJobRuns(params),
    placeholderData: keepPreviousData,
  });

  const columns: TableProps<JobRun>['columns'] = [
    {
      title: t('jobs.name'),
      dataIndex: 'jobName',
      key: 'jobName',
      render: (name: string) => <Typography.Text code>{name}</Typography.Text>,
    },
    { title: t('jobs.slot'), dataIndex: 'slot', key: 'slot', render: (value: string) => formatDateTime(value) },
    {
      title: t('jobs.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: JobRunStatus) => <RunStatusTag status={status} />,
    },
    { title: t('jobs.attempts'), dataIndex: 'attempts', key: 'attempts', align: 'right' },
    { title: t('jobs.claimedBy'), dataIndex: 'claimedBy', key: 'claimedBy' },
    {
      title: t('jobs.startedAt'),
      dataIndex: 'startedAt',
      key: 'startedAt',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('jobs.finishedAt'),
      dataIndex: 'finishedAt',
      key: 'finishedAt',
      render: (value: string | null) => formatDateTime(value),
    },
    {
      title: t('jobs.result'),
      key: 'result',
      ellipsis: true,
      render: (_, run) =>
        run.error ? (
          <Typography.Text type="danger">{run.error}</Typography.Text>
        ) : hasResult(run) ? (
          <Typography.Text type="secondary">{compactJson(run.result)}</Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  const onRow = (run: JobRun) => {
    const attrs: HTMLAttributes<HTMLElement> & { 'data-testid': string } = {
      'data-testid': `job-run-row-${run.id}`,
      style: run.status === 'failed' ? { background: token.colorErrorBg } : undefined,
    };
    return attrs;
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('jobs.name')}
          value={params.job}
          onChange={(job) => onParams({ ...params, job, page: 1 })}
          options={(jobs.data?.items ?? []).map((j) => ({ value: j.name, label: j.name }))}
          style={{ width: 260 }}
          data-testid="runs-filter-job"
        />
        <Select<JobRunStatus>
          allowClear
          placeholder={t('jobs.status')}
          value={params.status}
          onChange={(status) => onParams({ ...params, status, page: 1 })}
          options={statusOptions}
          style={{ width: 140 }}
          data-testid="runs-filter-status"
        />
        <ExportButton exportName="jobRuns" filters={{ ...params }} />
      </Space>
      <Table<JobRun>
        rowKey="id"
        data-testid="job-runs-table"
        columns={columns}
        dataSource={runs.data?.items}
        loading={runs.isFetching}
        onRow={onRow}
        expandable={{
          rowExpandable: (run) => Boolean(run.error) || hasResult(run),
          expandedRowRender: (run) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {run.error && (
                <div>
                  <Typography.Text strong>{t('jobs.error')}</Typography.Text>
                  <pre style={{ ...pre, color: token.colorError }}>{run.error}</pre>
                </div>
              )}
              {hasResult(run) && (
                <div>
                  <Typography.Text strong>{t('jobs.result')}</Typography.Text>
                  <pre style={pre}>{prettyJson(run.result)}</pre>
                </div>
              )}
            </Space>
          ),
        }}
        onChange={(pagination) =>
          onParams({ ...params, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 })
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: runs.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}

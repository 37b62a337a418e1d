import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Table, type TableProps, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import {
  type BackgroundTask,
  jobsKey,
  listTasks,
  retryTask,
  type TaskParams,
  type TaskStatus,
} from '../../../api/jobs';
import { useCan } from '../../../auth/CurrentUserContext';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { TaskStatusTag, useTaskStatusOptions } from './jobStatus';

/** Background tasks of the company; dead ones (retries exhausted) can be queued again. */
export function TasksTable() {
  const { t } = useT();
  const { message } = App.useApp();
  const canManage = useCan()('platform.jobs.manage');
  const queryClient = useQueryClient();
  const statusOptions = useTaskStatusOptions();
  const [params, setParams] = useState<TaskParams>({ page: 1, pageSize: 20 });
  const tasks = useQuery({
    queryKey: [...jobsKey, 'tasks', params],
    queryFn: () => listTasks(params),
    placeholderData: keepPreviousData,
  });
  const retry = useMutation({
    mutationFn: retryTask,
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: [...jobsKey, 'tasks'] });
      message.success(t('jobs.retried'));
    },
  });

  const columns: TableProps<BackgroundTask>['columns'] = [
    {
      title: t('jobs.taskKind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (kind: string) => <Typography.Text code>{kind}</Typography.Text>,
    },
    {
      title: t('jobs.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: TaskStatus) => <TaskStatusTag status={status} />,
    },
    { title: t('jobs.attempts'), dataIndex: 'attempts', key: 'attempts', align: 'right' },
    { title: t('jobs.runAt'), dataIndex: 'runAt', key: 'runAt', render: (value: string) => formatDateTime(value) },
    {
      title: t('jobs.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('jobs.finishedAt'),
      dataIndex: 'finishedAt',
      key: 'finishedAt',
      render: (value: string | null) => formatDateTime(value),
    },
    {
      title: t('jobs.lastError'),
      dataIndex: 'lastError',
      key: 'lastError',
      ellipsis: { showTitle: false },
      render: (error: string | null) =>
        error ? (
          <Tooltip title={error} placement="topLeft">
            <Typography.Text type="danger">{error}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, task) =>
        task.status === 'dead' && (
          <Button
            type="link"
            size="small"
            loading={retry.isPending && retry.variables === task.id}
            onClick={() => retry.mutate(task.id)}
            data-testid={`task-retry-${task.id}`}
          >
            {t('common.retry')}
          </Button>
        ),
    });
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('jobs.taskKind')}
          onSearch={(kind) => setParams((p) => ({ ...p, kind: kind.trim() || undefined, page: 1 }))}
          style={{ width: 220 }}
          data-testid="tasks-filter-kind"
        />
        <Select<TaskStatus>
          allowClear
          placeholder={t('jobs.status')}
          value={params.status}
          onChange={(status) => setParams((p) => ({ ...p, status, page: 1 }))}
          options={statusOptions}
          style={{ width: 140 }}
          data-testid="tasks-filter-status"
        />
        <ExportButton exportName="backgroundTasks" filters={{ ...params }} />
      </Space>
      <Table<BackgroundTask>
        rowKey="id"
        data-testid="tasks-table"
        columns={columns}
        dataSource={tasks.data?.items}
        loading={tasks.isFetching}
        onChange={(pagination) =>
          setParams((p) => ({ ...p, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: tasks.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}

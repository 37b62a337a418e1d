import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Space, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { type ApprovalRequest, inboxKey, listInbox } from '../../api/approvals';
import { PageCard } from '../../components/PageCard';
import { useT } from '../../i18n/useT';
import { approvalPath, useApprovalColumns } from './useApprovalColumns';

/** 我的待办: requests whose current step I may sign. */
export function ApprovalInboxPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const inbox = useQuery({ queryKey: inboxKey, queryFn: listInbox, refetchInterval: 60_000 });
  const columns = useApprovalColumns({});
  const count = inbox.data?.items.length ?? 0;

  const onRow = (r: ApprovalRequest) => {
    const attrs: HTMLAttributes<HTMLElement> & { 'data-testid': string } = {
      'data-testid': `inbox-row-${r.no}`,
      onClick: () => navigate(approvalPath(r.id)),
      style: { cursor: 'pointer' },
    };
    return attrs;
  };

  return (
    <PageCard
      title={
        <Space>
          {t('menu.approvalInbox')}
          <Badge count={count} showZero={false} data-testid="approval-inbox-count" />
        </Space>
      }
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => inbox.refetch()} loading={inbox.isFetching}>
          {t('approvals.refresh')}
        </Button>
      }
    >
      <Table<ApprovalRequest>
        rowKey="id"
        data-testid="approval-inbox"
        columns={columns}
        dataSource={inbox.data?.items}
        loading={inbox.isPending}
        onRow={onRow}
        locale={{ emptyText: t('approvals.inboxEmpty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

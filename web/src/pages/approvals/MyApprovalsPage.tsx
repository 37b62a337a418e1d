import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import {
  type ApprovalRequest,
  type ApprovalStatus,
  approvalsKey,
  listMyApprovals,
  type MyApprovalsParams,
  useApprovalKinds,
} from '../../api/approvals';
import { PageCard } from '../../components/PageCard';
import { useT } from '../../i18n/useT';
import { useStatusOptions } from './ApprovalStatusTag';
import { usePick } from './format';
import { useApprovalColumns } from './useApprovalColumns';
import { WithdrawAction } from './WithdrawAction';

/** 我的申请: what I filed, newest first, with 撤回 while pending. */
export function MyApprovalsPage() {
  const { t } = useT();
  const pick = usePick();
  const kinds = useApprovalKinds();
  const statusOptions = useStatusOptions();
  const [params, setParams] = useState<MyApprovalsParams>({ page: 1, pageSize: 20, order: 'desc' });

  const requests = useQuery({
    queryKey: [...approvalsKey, 'mine', params],
    queryFn: () => listMyApprovals(params),
    placeholderData: keepPreviousData,
  });

  const columns = useApprovalColumns({
    status: true,
    requester: false,
    linkNo: true,
    createdOrder: params.order === 'asc' ? 'ascend' : 'descend',
  });
  columns.push({
    title: t('common.actions'),
    key: 'actions',
    render: (_, r) => (r.status === 'pending' ? <WithdrawAction request={r} /> : null),
  });

  const onChange: TableProps<ApprovalRequest>['onChange'] = (pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    setParams((p) => ({
      ...p,
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? 20,
      order: single?.order === 'ascend' ? 'asc' : 'desc',
    }));
  };

  return (
    <PageCard title={t('menu.approvalMine')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<ApprovalStatus>
          allowClear
          placeholder={t('approvals.status')}
          value={params.status}
          onChange={(status) => setParams((p) => ({ ...p, status, page: 1 }))}
          options={statusOptions}
          style={{ width: 140 }}
          data-testid="mine-filter-status"
        />
        <Select<string>
          allowClear
          placeholder={t('approvals.kind')}
          value={params.kind}
          onChange={(kind) => setParams((p) => ({ ...p, kind, page: 1 }))}
          options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: pick(k.name) }))}
          loading={kinds.isPending}
          style={{ width: 180 }}
          data-testid="mine-filter-kind"
        />
      </Space>
      <Table<ApprovalRequest>
        rowKey="id"
        data-testid="approval-mine"
        columns={columns}
        dataSource={requests.data?.items}
        loading={requests.isFetching}
        onChange={onChange}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: requests.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

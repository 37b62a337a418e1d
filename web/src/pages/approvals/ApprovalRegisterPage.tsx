import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  type ApprovalRequest,
  approvalsKey,
  type RegisterFilters as Filters,
  listApprovalRegister,
} from '../../api/approvals';
import type { SortOrder } from '../../api/types';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/spreadsheets/ExportButton';
import { useT } from '../../i18n/useT';
import { RegisterFilters } from './RegisterFilters';
import { approvalPath, useApprovalColumns } from './useApprovalColumns';

/** 审批登记簿: every request of the company, filtered on the server. */
export function ApprovalRegisterPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState<{ page: number; pageSize: number; order: SortOrder }>({
    page: 1,
    pageSize: 20,
    order: 'desc',
  });

  const params = { ...page, ...filters };
  const requests = useQuery({
    queryKey: [...approvalsKey, 'register', params],
    queryFn: () => listApprovalRegister(params),
    placeholderData: keepPreviousData,
  });

  const columns = useApprovalColumns({ status: true, createdOrder: page.order === 'asc' ? 'ascend' : 'descend' });

  const onChange: TableProps<ApprovalRequest>['onChange'] = (pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    setPage({
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? 20,
      order: single?.order === 'ascend' ? 'asc' : 'desc',
    });
  };

  const onRow = (r: ApprovalRequest) => {
    const attrs: HTMLAttributes<HTMLElement> & { 'data-testid': string } = {
      'data-testid': `register-row-${r.no}`,
      onClick: () => navigate(approvalPath(r.id)),
      style: { cursor: 'pointer' },
    };
    return attrs;
  };

  return (
    <PageCard
      title={t('menu.approvalRegister')}
      extra={<ExportButton exportName="approvals" filters={{ ...filters, order: page.order }} />}
    >
      <RegisterFilters
        onSearch={(next) => {
          setFilters(next);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      <Table<ApprovalRequest>
        rowKey="id"
        data-testid="approval-register"
        columns={columns}
        dataSource={requests.data?.items}
        loading={requests.isFetching}
        onChange={onChange}
        onRow={onRow}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: requests.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

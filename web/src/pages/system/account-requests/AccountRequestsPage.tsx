import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Select, Table, type TableProps, Tabs, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  type AccountRequestListParams,
  accountRequestsKey,
  listAllAccountRequests,
  listMyAccountRequests,
} from '../../../api/accountRequests';
import type { ApprovalRequest, ApprovalStatus } from '../../../api/approvals';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { ApprovalStatusTag, useStatusOptions } from '../../approvals/ApprovalStatusTag';
import { approvalPath, useCurrentStepText } from '../../approvals/useApprovalColumns';
import { asAccountRequestPayload, RoleNameTags, useAccountRequestLookups } from './accountRequestPayload';
import { CreateAccountRequestModal } from './CreateAccountRequestModal';

type Scope = 'mine' | 'all';

function AccountRequestsTable({ scope }: { scope: Scope }) {
  const { t } = useT();
  const statusOptions = useStatusOptions();
  const currentStep = useCurrentStepText();
  const { unitName } = useAccountRequestLookups();
  const [params, setParams] = useState<AccountRequestListParams>({ page: 1, pageSize: 20, order: 'desc' });

  const requests = useQuery({
    queryKey: [...accountRequestsKey, scope, params],
    queryFn: () => (scope === 'mine' ? listMyAccountRequests(params) : listAllAccountRequests(params)),
    placeholderData: keepPreviousData,
  });

  const columns: TableProps<ApprovalRequest>['columns'] = [
    {
      title: t('approvals.no'),
      dataIndex: 'no',
      key: 'no',
      render: (no: string, r) => (
        <Link to={approvalPath(r.id)} data-testid={`req-link-${no}`}>
          {no}
        </Link>
      ),
    },
    { title: t('user.fullName'), key: 'fullName', render: (_, r) => asAccountRequestPayload(r.payload).fullName },
    { title: t('user.username'), key: 'username', render: (_, r) => asAccountRequestPayload(r.payload).username },
    {
      title: t('user.orgUnit'),
      key: 'orgUnit',
      render: (_, r) => {
        const id = asAccountRequestPayload(r.payload).orgUnitId;
        return unitName(id) ?? (id ? '…' : '—');
      },
    },
    {
      title: t('user.roles'),
      key: 'roles',
      render: (_, r) => <RoleNameTags roleIds={asAccountRequestPayload(r.payload).roleIds} />,
    },
    ...(scope === 'all'
      ? [
          {
            title: t('accountRequests.requestedBy'),
            key: 'requestedBy',
            render: (_: unknown, r: ApprovalRequest) => r.requestedBy.fullName,
          },
        ]
      : []),
    {
      title: t('accountRequests.status'),
      key: 'status',
      render: (_, r) => <ApprovalStatusTag status={r.status} />,
    },
    {
      title: t('approvals.currentStep'),
      key: 'currentStep',
      render: (_, r) => {
        const step = currentStep(r);
        return step ? (
          <Tooltip title={step.roles || undefined}>
            <span>{step.label}</span>
          </Tooltip>
        ) : (
          '—'
        );
      },
    },
    {
      title: t('accountRequests.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: params.order === 'asc' ? 'ascend' : 'descend',
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('approvals.decidedAt'),
      dataIndex: 'decidedAt',
      key: 'decidedAt',
      render: (value: string | null) => formatDateTime(value),
    },
  ];

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
    <>
      <Select<ApprovalStatus>
        allowClear
        placeholder={t('accountRequests.status')}
        value={params.status}
        onChange={(status) => setParams((p) => ({ ...p, status, page: 1 }))}
        options={statusOptions}
        style={{ width: 180, marginBottom: 16 }}
        data-testid={`req-filter-status-${scope}`}
      />
      <Table<ApprovalRequest>
        rowKey="id"
        data-testid={scope === 'mine' ? 'account-requests-table' : 'account-requests-all-table'}
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
        expandable={{
          expandedRowRender: (r) => (
            <div style={{ whiteSpace: 'pre-wrap' }}>
              <div>
                {t('accountRequests.reason')}: {r.reason}
              </div>
              {r.steps
                .filter((s) => s.comment)
                .map((s) => (
                  <div key={s.stepNo}>
                    {s.label}
                    {s.actedBy ? `（${s.actedBy.fullName}）` : ''}: {s.comment}
                  </div>
                ))}
            </div>
          ),
        }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}

/**
 * IAM-1 账号申请: my requests (and, for the register, everyone's). They are approvals of kind
 * accountRequest: signing happens in the inbox, and the final approver sees the initial password.
 */
export function AccountRequestsPage() {
  const { t } = useT();
  const can = useCan();
  const canCreate = can('iam.accountRequest.create');
  const canSeeAll = can('approvals.register');
  const [creating, setCreating] = useState(false);

  const tabs = [
    ...(canCreate || !canSeeAll
      ? [{ key: 'mine', label: t('accountRequests.tabMine'), children: <AccountRequestsTable scope="mine" /> }]
      : []),
    ...(canSeeAll
      ? [{ key: 'all', label: t('accountRequests.tabAll'), children: <AccountRequestsTable scope="all" /> }]
      : []),
  ];

  return (
    <PageCard
      title={t('menu.accountRequests')}
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="req-create">
            {t('accountRequests.create')}
          </Button>
        )
      }
    >
      {tabs.length > 1 ? <Tabs items={tabs} data-testid="req-tabs" /> : tabs[0]?.children}
      <CreateAccountRequestModal open={creating} onClose={() => setCreating(false)} />
    </PageCard>
  );
}

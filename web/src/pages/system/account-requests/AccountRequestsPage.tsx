import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Select, Table, type TableProps, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { accountRequestsKey, listAccountRequests } from '../../../api/accountRequests';
import type { AccountRequest, AccountRequestStatus } from '../../../api/types';
import { useCan } from '../../../auth/CurrentUserContext';
import { type OneTimePassword, OneTimePasswordModal } from '../../../components/OneTimePasswordModal';
import { PageCard } from '../../../components/PageCard';
import { RoleTags } from '../../../components/RoleTags';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { CreateAccountRequestModal } from './CreateAccountRequestModal';
import { RejectRequestModal } from './RejectRequestModal';
import { RequestActions } from './RequestActions';

const statusLabel: Record<AccountRequestStatus, MessageKey> = {
  submitted: 'requestStatus.submitted',
  department_approved: 'requestStatus.department_approved',
  provisioned: 'requestStatus.provisioned',
  rejected: 'requestStatus.rejected',
};
const statusColor: Record<AccountRequestStatus, string> = {
  submitted: 'gold',
  department_approved: 'blue',
  provisioned: 'green',
  rejected: 'red',
};

export function AccountRequestsPage() {
  const { t } = useT();
  const can = useCan();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [status, setStatus] = useState<AccountRequestStatus | undefined>();
  const [creating, setCreating] = useState(false);
  const [rejecting, setRejecting] = useState<AccountRequest | null>(null);
  const [oneTime, setOneTime] = useState<OneTimePassword | null>(null);

  const params = { ...page, status };
  const requests = useQuery({
    queryKey: [...accountRequestsKey, params],
    queryFn: () => listAccountRequests(params),
    placeholderData: keepPreviousData,
  });

  const columns: TableProps<AccountRequest>['columns'] = [
    { title: t('accountRequests.requestedBy'), key: 'requestedBy', render: (_, r) => r.requestedBy.fullName },
    { title: t('user.fullName'), dataIndex: 'fullName', key: 'fullName' },
    { title: t('user.username'), dataIndex: 'username', key: 'username' },
    { title: t('user.orgUnit'), dataIndex: 'orgUnitName', key: 'orgUnitName' },
    { title: t('user.roles'), key: 'roles', render: (_, r) => <RoleTags roles={r.roles} /> },
    {
      title: t('accountRequests.status'),
      key: 'status',
      render: (_, r) => (
        <Tooltip title={r.comment ?? undefined}>
          <Tag color={statusColor[r.status]}>{t(statusLabel[r.status])}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('accountRequests.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => <RequestActions request={r} onReject={setRejecting} onProvisioned={setOneTime} />,
    },
  ];

  return (
    <PageCard
      title={t('menu.accountRequests')}
      extra={
        can('iam.accountRequest.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="req-create">
            {t('accountRequests.create')}
          </Button>
        )
      }
    >
      <Select<AccountRequestStatus>
        allowClear
        placeholder={t('accountRequests.status')}
        value={status}
        onChange={(next) => {
          setStatus(next);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        options={(Object.keys(statusLabel) as AccountRequestStatus[]).map((value) => ({
          value,
          label: t(statusLabel[value]),
        }))}
        style={{ width: 180, marginBottom: 16 }}
        data-testid="req-filter-status"
      />
      <Table<AccountRequest>
        rowKey="id"
        data-testid="account-requests-table"
        columns={columns}
        dataSource={requests.data?.items}
        loading={requests.isFetching}
        onChange={(pagination) => setPage({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: requests.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        expandable={{
          expandedRowRender: (r) => (
            <div>
              <div>
                {t('accountRequests.reason')}: {r.reason}
              </div>
              {r.comment && (
                <div>
                  {t('accountRequests.comment')}: {r.comment}
                </div>
              )}
            </div>
          ),
        }}
        scroll={{ x: 'max-content' }}
      />
      <CreateAccountRequestModal open={creating} onClose={() => setCreating(false)} />
      <RejectRequestModal request={rejecting} onClose={() => setRejecting(null)} />
      <OneTimePasswordModal value={oneTime} onClose={() => setOneTime(null)} />
    </PageCard>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Space, Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import type { User } from '../../../api/types';
import { listUsers, type UserListParams, type UserSort, usersKey } from '../../../api/users';
import { useCan } from '../../../auth/CurrentUserContext';
import { type OneTimePassword, OneTimePasswordModal } from '../../../components/OneTimePasswordModal';
import { PageCard } from '../../../components/PageCard';
import { RoleTags } from '../../../components/RoleTags';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime } from '../../../lib/time';
import { AssignRolesModal } from './AssignRolesModal';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';
import { UserFilters, type UserFilterValues } from './UserFilters';
import { UserRowActions } from './UserRowActions';

const SORTABLE: UserSort[] = ['username', 'fullName', 'employeeNo', 'createdAt', 'lastLoginAt'];

export function UsersPage() {
  const { t } = useT();
  const can = useCan();
  const canManage = can('iam.user.manage');
  const [params, setParams] = useState<UserListParams>({ page: 1, pageSize: 20, sort: 'username', order: 'asc' });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [assigning, setAssigning] = useState<User | null>(null);
  const [oneTime, setOneTime] = useState<OneTimePassword | null>(null);

  const users = useQuery({
    queryKey: [...usersKey, 'list', params],
    queryFn: () => listUsers(params),
    placeholderData: keepPreviousData,
  });

  const onFilters = (filters: UserFilterValues) => setParams((p) => ({ ...p, ...filters, page: 1 }));

  const onChange: TableProps<User>['onChange'] = (pagination, _filters, sorter) =>
    setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }));

  const columns: TableProps<User>['columns'] = [
    {
      title: t('user.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: sortOrderOf(params, 'username'),
    },
    {
      title: t('user.fullName'),
      dataIndex: 'fullName',
      key: 'fullName',
      sorter: true,
      sortOrder: sortOrderOf(params, 'fullName'),
    },
    {
      title: t('user.employeeNo'),
      dataIndex: 'employeeNo',
      key: 'employeeNo',
      sorter: true,
      sortOrder: sortOrderOf(params, 'employeeNo'),
    },
    { title: t('user.orgUnit'), dataIndex: 'orgUnitName', key: 'orgUnitName' },
    { title: t('user.roles'), key: 'roles', render: (_, user) => <RoleTags roles={user.roles} /> },
    {
      title: t('user.status'),
      key: 'status',
      render: (_, user) => (
        <Space size={4}>
          {user.status === 'active' ? (
            <Tag color="green">{t('status.active')}</Tag>
          ) : (
            <Tag color="default">{t('status.disabled')}</Tag>
          )}
          {user.locked && <Tag color="orange">{t('status.locked')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('user.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: sortOrderOf(params, 'lastLoginAt'),
      render: (value: string | null) => formatDateTime(value),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => (
        <UserRowActions user={user} onEdit={setEditing} onAssignRoles={setAssigning} onPassword={setOneTime} />
      ),
    });
  }

  return (
    <PageCard
      title={t('menu.users')}
      extra={
        <Space>
          <ExportButton exportName="users" filters={{ ...params }} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="users-create">
              {t('users.create')}
            </Button>
          )}
        </Space>
      }
    >
      <UserFilters value={params} onChange={onFilters} />
      <Table<User>
        rowKey="id"
        data-testid="users-table"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        onChange={onChange}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={setOneTime} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      <AssignRolesModal user={assigning} onClose={() => setAssigning(null)} />
      <OneTimePasswordModal value={oneTime} onClose={() => setOneTime(null)} />
    </PageCard>
  );
}

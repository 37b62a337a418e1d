import { useQuery } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import { listRoles, rolesKey, usePermissions } from '../../../api/roles';
import type { Role } from '../../../api/types';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { RolePermissions } from './RolePermissions';

export function RolesPage() {
  const { t, name } = useT();
  const roles = useQuery({ queryKey: rolesKey, queryFn: listRoles, select: (data) => data.items });
  const permissions = usePermissions();

  const columns: TableProps<Role>['columns'] = [
    { title: t('roles.code'), dataIndex: 'code', key: 'code' },
    { title: t('roles.name'), key: 'name', render: (_, role) => name(role) },
    { title: t('roles.description'), dataIndex: 'description', key: 'description' },
    {
      title: t('roles.permissionCount'),
      key: 'permissionCount',
      align: 'right',
      render: (_, role) => role.permissions.length,
    },
    { title: t('roles.userCount'), dataIndex: 'userCount', key: 'userCount', align: 'right' },
  ];

  return (
    <PageCard title={t('menu.roles')} extra={<ExportButton exportName="roles" filters={{}} />}>
      <Table<Role>
        rowKey="id"
        data-testid="roles-table"
        columns={columns}
        dataSource={roles.data}
        loading={roles.isPending}
        pagination={false}
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (role) => <RolePermissions role={role} catalogue={permissions.data ?? []} />,
        }}
      />
    </PageCard>
  );
}

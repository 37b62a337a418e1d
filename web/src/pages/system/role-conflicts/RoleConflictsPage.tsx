import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { deleteRoleConflict, listRoleConflicts, roleConflictsKey } from '../../../api/roles';
import type { RoleConflict } from '../../../api/types';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { settle } from '../../../lib/settle';
import { AddRoleConflictModal } from './AddRoleConflictModal';

export function RoleConflictsPage() {
  const { t, name } = useT();
  const canManage = useCan()('iam.role.manage');
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const conflicts = useQuery({
    queryKey: roleConflictsKey,
    queryFn: listRoleConflicts,
    select: (data) => data.items,
  });
  const remove = useMutation({
    mutationFn: deleteRoleConflict,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleConflictsKey }),
  });

  const columns: TableProps<RoleConflict>['columns'] = [
    { title: t('roleConflicts.roleA'), key: 'roleA', render: (_, row) => name(row.roleA) },
    { title: t('roleConflicts.roleB'), key: 'roleB', render: (_, row) => name(row.roleB) },
    { title: t('roleConflicts.reason'), dataIndex: 'reason', key: 'reason' },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) => (
        <Popconfirm
          title={t('roleConflicts.deleteConfirm', { a: name(row.roleA), b: name(row.roleB) })}
          okButtonProps={{ danger: true }}
          onConfirm={() => settle(remove.mutateAsync(row.id))}
        >
          <Button type="link" size="small" danger data-testid="rc-delete">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <PageCard
      title={t('menu.roleConflicts')}
      extra={
        <Space>
          <ExportButton exportName="roleConflicts" filters={{}} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="rc-add">
              {t('roleConflicts.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<RoleConflict>
        rowKey="id"
        data-testid="role-conflicts-table"
        columns={columns}
        dataSource={conflicts.data}
        loading={conflicts.isPending}
        pagination={false}
      />
      <AddRoleConflictModal open={adding} onClose={() => setAdding(false)} />
    </PageCard>
  );
}

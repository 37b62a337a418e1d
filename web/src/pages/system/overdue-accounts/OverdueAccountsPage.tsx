import { useQuery } from '@tanstack/react-query';
import { Table, type TableProps, Tag } from 'antd';
import type { LeaveKind, OverdueAccount } from '../../../api/types';
import { listOverdueAccounts, overdueKey } from '../../../api/users';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { DisableUserAction } from '../users/DisableUserAction';

const leaveKindLabel: Record<LeaveKind, MessageKey> = {
  departure: 'leaveKind.departure',
  transfer: 'leaveKind.transfer',
};

export function OverdueAccountsPage() {
  const { t } = useT();
  const canManage = useCan()('iam.user.manage');
  const overdue = useQuery({ queryKey: overdueKey, queryFn: listOverdueAccounts, select: (data) => data.items });

  const columns: TableProps<OverdueAccount>['columns'] = [
    { title: t('user.username'), key: 'username', render: (_, row) => row.user.username },
    { title: t('user.fullName'), key: 'fullName', render: (_, row) => row.user.fullName },
    {
      title: t('user.leaveKind'),
      key: 'leaveKind',
      render: (_, row) => <Tag>{t(leaveKindLabel[row.leaveKind])}</Tag>,
    },
    { title: t('user.leaveDate'), dataIndex: 'leaveDate', key: 'leaveDate' },
    { title: t('overdue.dueDate'), dataIndex: 'dueDate', key: 'dueDate' },
    {
      title: t('overdue.overdueWorkingDays'),
      dataIndex: 'overdueWorkingDays',
      key: 'overdueWorkingDays',
      align: 'right',
      render: (days: number) => <Tag color="red">{days}</Tag>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) => (row.user.status === 'active' ? <DisableUserAction user={row.user} /> : null),
    });
  }

  return (
    <PageCard title={t('menu.overdueAccounts')} extra={<ExportButton exportName="overdueAccounts" filters={{}} />}>
      <Table<OverdueAccount>
        rowKey={(row) => row.user.id}
        data-testid="overdue-table"
        columns={columns}
        dataSource={overdue.data}
        loading={overdue.isFetching}
        pagination={false}
      />
    </PageCard>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import { useState } from 'react';
import { auditKey, type AuditFilters as Filters, listAuditEntries } from '../../../api/audit';
import type { AuditEntry } from '../../../api/types';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { AuditFilters } from './AuditFilters';

export function AuditPage() {
  const { t } = useT();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<AuditEntry | null>(null);

  const params = { ...page, ...filters };
  const entries = useQuery({
    queryKey: [...auditKey, 'list', params],
    queryFn: () => listAuditEntries(params),
    placeholderData: keepPreviousData,
  });

  const columns: TableProps<AuditEntry>['columns'] = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 180,
      render: (at: string) => formatDateTime(at),
    },
    { title: t('audit.actor'), key: 'actor', render: (_, e) => e.actorName ?? e.actorId ?? '—' },
    { title: t('audit.action'), dataIndex: 'action', key: 'action' },
    { title: t('audit.entityType'), dataIndex: 'entityType', key: 'entityType' },
    { title: t('audit.entityId'), dataIndex: 'entityId', key: 'entityId', ellipsis: true },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip' },
  ];

  return (
    <PageCard title={t('menu.audit')} extra={<ExportButton exportName="auditLog" filters={{ ...filters }} />}>
      <AuditFilters
        onSearch={(next) => {
          setFilters(next);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      <Table<AuditEntry>
        rowKey="id"
        data-testid="audit-table"
        columns={columns}
        dataSource={entries.data?.items}
        loading={entries.isFetching}
        onRow={(entry) => ({ onClick: () => setSelected(entry), style: { cursor: 'pointer' } })}
        onChange={(pagination) => setPage({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: entries.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <AuditDetailDrawer entry={selected} onClose={() => setSelected(null)} />
    </PageCard>
  );
}

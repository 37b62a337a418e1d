import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Table, type TableProps, Tag, theme } from 'antd';
import { auditKey, getAuditEntry } from '../../../api/audit';
import type { AuditEntry } from '../../../api/types';
import { useT } from '../../../i18n/useT';
import { type DiffRow, diffSnapshots, displayValue } from '../../../lib/diff';
import { formatDateTime } from '../../../lib/time';

const pre = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontFamily: 'inherit' } as const;

export function AuditDetailDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useT();
  const { token } = theme.useToken();
  const detail = useQuery({
    queryKey: [...auditKey, 'detail', entry?.id],
    queryFn: () => getAuditEntry(entry?.id ?? ''),
    enabled: entry !== null,
    placeholderData: entry ?? undefined,
  });
  const shown = detail.data ?? entry;
  const rows = shown ? diffSnapshots(shown.before, shown.after) : [];

  const columns: TableProps<DiffRow>['columns'] = [
    {
      title: t('audit.field'),
      dataIndex: 'key',
      key: 'key',
      width: 180,
      render: (key: string, row) => (
        <span>
          {key} {row.changed && <Tag color="orange">{t('audit.changed')}</Tag>}
        </span>
      ),
    },
    {
      title: t('audit.before'),
      key: 'before',
      render: (_, row) => <pre style={pre}>{displayValue(row.before)}</pre>,
    },
    {
      title: t('audit.after'),
      key: 'after',
      render: (_, row) => <pre style={pre}>{displayValue(row.after)}</pre>,
    },
  ];

  return (
    <Drawer open={entry !== null} onClose={onClose} size={760} title={t('audit.detailTitle')} destroyOnHidden>
      {shown && (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'at', label: t('audit.at'), children: formatDateTime(shown.at) },
              { key: 'actor', label: t('audit.actor'), children: shown.actorName ?? shown.actorId ?? '—' },
              { key: 'action', label: t('audit.action'), children: shown.action },
              { key: 'ip', label: t('audit.ip'), children: shown.ip ?? '—' },
              { key: 'entityType', label: t('audit.entityType'), children: shown.entityType },
              { key: 'entityId', label: t('audit.entityId'), children: shown.entityId ?? '—' },
            ]}
          />
          <Table<DiffRow>
            rowKey="key"
            size="small"
            data-testid="audit-diff"
            columns={columns}
            dataSource={rows}
            pagination={false}
            onRow={(row) => ({ style: row.changed ? { background: token.colorWarningBg } : undefined })}
            locale={{ emptyText: t('audit.noSnapshot') }}
          />
        </>
      )}
    </Drawer>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Button, Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { listTemplates, type MessageTemplate, templatesKey } from '../../../api/notify';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { EditTemplateModal } from './EditTemplateModal';

export function MessageTemplatesPage() {
  const { t, lang } = useT();
  const canManage = useCan()('notify.manage');
  const [editing, setEditing] = useState<MessageTemplate | null>(null);
  const templates = useQuery({ queryKey: templatesKey, queryFn: listTemplates, select: (data) => data.items });

  const columns: TableProps<MessageTemplate>['columns'] = [
    {
      title: t('notify.kind'),
      key: 'kind',
      width: 120,
      render: (_, x) => (lang === 'en' ? x.kindName.en : x.kindName.zh),
    },
    {
      title: t('notify.channel'),
      key: 'channel',
      width: 70,
      render: (_, x) => t(x.channel === 'sms' ? 'notify.channel.sms' : 'notify.channel.wechat'),
    },
    { title: t('notify.templates.name'), dataIndex: 'name', key: 'name', width: 130 },
    { title: t('notify.templates.body'), dataIndex: 'body', key: 'body' },
    {
      title: t('notify.templates.enabled'),
      key: 'enabled',
      width: 80,
      render: (_, x) =>
        x.enabled ? (
          <Tag color="green">{t('notify.templates.enabled')}</Tag>
        ) : (
          <Tag>{t('notify.templates.disabled')}</Tag>
        ),
    },
    {
      title: t('notify.templates.updatedAt'),
      key: 'updatedAt',
      width: 170,
      render: (_, x) => formatDateTime(x.updatedAt),
    },
    { title: t('notify.templates.updatedBy'), key: 'updatedBy', width: 100, render: (_, x) => x.updatedByName ?? '—' },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, x: MessageTemplate) => (
              <Button type="link" size="small" onClick={() => setEditing(x)} data-testid={`template-edit-${x.code}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageCard title={t('menu.messageTemplates')}>
      <Table<MessageTemplate>
        rowKey="id"
        data-testid="templates-table"
        columns={columns}
        dataSource={templates.data}
        loading={templates.isPending}
        pagination={false}
      />
      <EditTemplateModal template={editing} onClose={() => setEditing(null)} />
    </PageCard>
  );
}

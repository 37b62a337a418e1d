import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { type MessageFilters as Filters, listMessages, messagesKey, type NotifyMessage } from '../../../api/notify';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { MessageDrawer } from './MessageDrawer';
import { MessageFilters } from './MessageFilters';
import { MessageStatusTag } from './MessageStatusTag';
import { SendTestMessageModal } from './SendTestMessageModal';
import { useKindName } from './useKindName';
import { useRetryMessage } from './useRetryMessage';

const POLL_MS = 3000;
const isUnderway = (m: NotifyMessage) => m.status === 'queued' || m.status === 'sending';

export function MessagesPage() {
  const { t } = useT();
  const canSend = useCan()('notify.send');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<NotifyMessage | null>(null);
  const [sending, setSending] = useState(false);
  const retry = useRetryMessage();
  const kindName = useKindName();

  const params = { ...page, ...filters };
  const messages = useQuery({
    queryKey: [...messagesKey, 'list', params],
    queryFn: () => listMessages(params),
    placeholderData: keepPreviousData,
    // Delivery happens in the background: while a shown message is on its way, look again.
    refetchInterval: (query) => (query.state.data?.items.some(isUnderway) ? POLL_MS : false),
  });

  const columns: TableProps<NotifyMessage>['columns'] = [
    { title: t('notify.createdAt'), key: 'createdAt', width: 170, render: (_, m) => formatDateTime(m.createdAt) },
    { title: t('notify.kind'), key: 'kind', width: 120, render: (_, m) => kindName(m.templateCode) },
    { title: t('notify.recipient'), dataIndex: 'recipient', key: 'recipient', width: 120 },
    { title: t('notify.customerRef'), key: 'customerRef', width: 130, render: (_, m) => m.customerRef ?? '—' },
    {
      title: t('notify.status'),
      key: 'status',
      width: 90,
      render: (_, m) => <MessageStatusTag status={m.status} />,
    },
    { title: t('notify.attempts'), dataIndex: 'attempts', key: 'attempts', width: 90, align: 'right' },
    { title: t('notify.text'), dataIndex: 'rendered', key: 'rendered', ellipsis: true },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, m) =>
        m.status === 'failed' && canSend ? (
          <Button
            type="link"
            size="small"
            loading={retry.isPending && retry.variables === m.id}
            onClick={(e) => {
              e.stopPropagation();
              retry.mutate(m.id);
            }}
            data-testid={`message-retry-${m.id}`}
          >
            {t('notify.retry')}
          </Button>
        ) : null,
    },
  ];

  return (
    <PageCard
      title={t('menu.messages')}
      extra={
        <Space>
          <ExportButton exportName="notifyMessages" filters={{ ...filters }} />
          {canSend && (
            <Button type="primary" onClick={() => setSending(true)} data-testid="send-test-open">
              {t('notify.sendTest')}
            </Button>
          )}
        </Space>
      }
    >
      <MessageFilters
        onSearch={(next) => {
          // Searching again with the same filters still means "show me what is there now".
          if (page.page === 1 && JSON.stringify(next) === JSON.stringify(filters)) void messages.refetch();
          setFilters(next);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      <Table<NotifyMessage>
        rowKey="id"
        data-testid="messages-table"
        columns={columns}
        dataSource={messages.data?.items}
        loading={messages.isFetching}
        onRow={(m) => ({ onClick: () => setSelected(m), style: { cursor: 'pointer' } })}
        onChange={(pagination) => setPage({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: messages.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <MessageDrawer message={selected} onClose={() => setSelected(null)} />
      <SendTestMessageModal open={sending} onClose={() => setSending(false)} />
    </PageCard>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Table, type TableProps, Tag, Typography } from 'antd';
import { type DeliveryAttempt, getMessage, messagesKey, type NotifyMessage } from '../../../api/notify';
import { useCan } from '../../../auth/CurrentUserContext';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { MessageStatusTag } from './MessageStatusTag';
import { useKindName } from './useKindName';
import { useRetryMessage } from './useRetryMessage';

const pre = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontFamily: 'inherit' } as const;

function responseText(response: unknown): string {
  if (response === null || response === undefined) return '—';
  return typeof response === 'string' ? response : JSON.stringify(response, null, 2);
}

export function MessageDrawer({ message, onClose }: { message: NotifyMessage | null; onClose: () => void }) {
  const { t } = useT();
  const canSend = useCan()('notify.send');
  const retry = useRetryMessage();
  const kindName = useKindName();
  const detail = useQuery({
    queryKey: [...messagesKey, 'detail', message?.id],
    queryFn: () => getMessage(message?.id ?? ''),
    enabled: message !== null,
    refetchInterval: (query) => (['queued', 'sending'].includes(query.state.data?.status ?? '') ? 3000 : false),
  });
  const shown = detail.data ?? message;

  const columns: TableProps<DeliveryAttempt>['columns'] = [
    { title: t('notify.attempts'), key: 'attempt', width: 90, render: (_, d) => t('notify.attempt', { n: d.attempt }) },
    { title: t('notify.attemptAt'), key: 'at', width: 170, render: (_, d) => formatDateTime(d.at) },
    { title: t('notify.provider'), dataIndex: 'provider', key: 'provider', width: 80 },
    {
      title: t('notify.result'),
      key: 'ok',
      width: 80,
      render: (_, d) => <Tag color={d.ok ? 'green' : 'red'}>{d.ok ? t('notify.ok') : t('notify.notOk')}</Tag>,
    },
    {
      title: t('notify.response'),
      key: 'response',
      render: (_, d) => <pre style={pre}>{responseText(d.response)}</pre>,
    },
  ];

  return (
    <Drawer
      open={message !== null}
      onClose={onClose}
      size={760}
      title={t('notify.detailTitle')}
      destroyOnHidden
      extra={
        shown?.status === 'failed' && canSend ? (
          <Button
            danger
            loading={retry.isPending}
            onClick={() => retry.mutate(shown.id)}
            data-testid="message-drawer-retry"
          >
            {t('notify.retry')}
          </Button>
        ) : null
      }
    >
      {shown && (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'status', label: t('notify.status'), children: <MessageStatusTag status={shown.status} /> },
              { key: 'attempts', label: t('notify.attempts'), children: shown.attempts },
              { key: 'recipient', label: t('notify.recipient'), children: shown.recipient },
              { key: 'customerRef', label: t('notify.customerRef'), children: shown.customerRef ?? '—' },
              { key: 'kind', label: t('notify.kind'), children: kindName(shown.templateCode) },
              { key: 'createdBy', label: t('notify.createdBy'), children: shown.createdByName ?? '—' },
              { key: 'createdAt', label: t('notify.createdAt'), children: formatDateTime(shown.createdAt) },
              { key: 'sentAt', label: t('notify.sentAt'), children: formatDateTime(shown.sentAt) },
              { key: 'deliveredAt', label: t('notify.deliveredAt'), children: formatDateTime(shown.deliveredAt) },
              { key: 'provider', label: t('notify.providerMessageId'), children: shown.providerMessageId ?? '—' },
              {
                key: 'text',
                label: t('notify.text'),
                span: 2,
                children: <Typography.Paragraph style={{ margin: 0 }}>{shown.rendered}</Typography.Paragraph>,
              },
              ...(shown.lastError
                ? [{ key: 'lastError', label: t('notify.lastError'), span: 2, children: shown.lastError }]
                : []),
            ]}
          />
          <Typography.Title level={5}>{t('notify.deliveries')}</Typography.Title>
          <Table<DeliveryAttempt>
            rowKey="id"
            size="small"
            data-testid="message-deliveries"
            columns={columns}
            dataSource={detail.data?.deliveries}
            loading={detail.isFetching}
            pagination={false}
            locale={{ emptyText: t('notify.noDeliveries') }}
          />
        </>
      )}
    </Drawer>
  );
}

import { Tag } from 'antd';
import { type MessageStatus, messageStatuses } from '../../../api/notify';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

const label: Record<MessageStatus, MessageKey> = {
  queued: 'notify.status.queued',
  sending: 'notify.status.sending',
  sent: 'notify.status.sent',
  delivered: 'notify.status.delivered',
  failed: 'notify.status.failed',
};

const color: Record<MessageStatus, string> = {
  queued: 'default',
  sending: 'processing',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
};

export function MessageStatusTag({ status }: { status: MessageStatus }) {
  const { t } = useT();
  return (
    <Tag color={color[status]} data-testid={`message-status-${status}`}>
      {t(label[status])}
    </Tag>
  );
}

export function useStatusOptions() {
  const { t } = useT();
  return messageStatuses.map((value) => ({ value, label: t(label[value]) }));
}

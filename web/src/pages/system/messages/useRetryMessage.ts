import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { messagesKey, retryMessage } from '../../../api/notify';
import { useT } from '../../../i18n/useT';

/** Resends a failed message and refreshes the list and the open detail. */
export function useRetryMessage() {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryMessage,
    onSuccess: () => {
      message.success(t('notify.retried'));
      queryClient.invalidateQueries({ queryKey: messagesKey });
    },
  });
}

import { Button, Input, Popconfirm } from 'antd';
import { useState } from 'react';
import type { User } from '../../../api/types';
import { disableUser } from '../../../api/users';
import { useT } from '../../../i18n/useT';
import { settle } from '../../../lib/settle';
import { useUserMutation } from './useUserMutation';

/** 停用 with a required reason, asked for in the confirmation itself. */
export function DisableUserAction({ user }: { user: Pick<User, 'id' | 'username'> }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const mutation = useUserMutation((vars: { id: string; reason: string }) => disableUser(vars.id, vars.reason));

  return (
    <Popconfirm
      title={t('users.disableConfirm', { username: user.username })}
      description={
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('users.disableReason')}
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={200}
          style={{ width: 260, marginTop: 8 }}
          data-testid="disable-reason"
        />
      }
      okText={t('users.disable')}
      okButtonProps={{ danger: true, disabled: !reason.trim(), loading: mutation.isPending }}
      onOpenChange={(open) => open && setReason('')}
      onConfirm={() => settle(mutation.mutateAsync({ id: user.id, reason: reason.trim() }))}
    >
      <Button type="link" size="small" danger data-testid="user-disable">
        {t('users.disable')}
      </Button>
    </Popconfirm>
  );
}

import { Button, Popconfirm, Space } from 'antd';
import type { User } from '../../../api/types';
import { enableUser, resetPassword, unlockUser } from '../../../api/users';
import type { OneTimePassword } from '../../../components/OneTimePasswordModal';
import { useT } from '../../../i18n/useT';
import { settle } from '../../../lib/settle';
import { DisableUserAction } from './DisableUserAction';
import { useUserMutation } from './useUserMutation';

export function UserRowActions({
  user,
  onEdit,
  onAssignRoles,
  onPassword,
}: {
  user: User;
  onEdit: (user: User) => void;
  onAssignRoles: (user: User) => void;
  onPassword: (password: OneTimePassword) => void;
}) {
  const { t } = useT();
  const enable = useUserMutation(enableUser);
  const unlock = useUserMutation(unlockUser);
  const reset = useUserMutation(resetPassword, {
    onSuccess: (data) => onPassword({ username: user.username, password: data.initialPassword }),
  });

  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onEdit(user)} data-testid="user-edit">
        {t('common.edit')}
      </Button>
      <Button type="link" size="small" onClick={() => onAssignRoles(user)} data-testid="user-assign-roles">
        {t('users.assignRoles')}
      </Button>
      <Popconfirm
        title={t('users.resetPasswordConfirm', { username: user.username })}
        onConfirm={() => settle(reset.mutateAsync(user.id))}
      >
        <Button type="link" size="small" loading={reset.isPending} data-testid="user-reset-password">
          {t('users.resetPassword')}
        </Button>
      </Popconfirm>
      {user.locked && (
        <Button
          type="link"
          size="small"
          loading={unlock.isPending}
          onClick={() => unlock.mutate(user.id)}
          data-testid="user-unlock"
        >
          {t('users.unlock')}
        </Button>
      )}
      {user.status === 'active' ? (
        <DisableUserAction user={user} />
      ) : (
        <Popconfirm
          title={t('users.enableConfirm', { username: user.username })}
          onConfirm={() => settle(enable.mutateAsync(user.id))}
        >
          <Button type="link" size="small" loading={enable.isPending} data-testid="user-enable">
            {t('users.enable')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

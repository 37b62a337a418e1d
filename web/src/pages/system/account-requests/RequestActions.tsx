import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Popconfirm, Space } from 'antd';
import { accountRequestsKey, approveAccountRequest, provisionAccountRequest } from '../../../api/accountRequests';
import type { AccountRequest } from '../../../api/types';
import { usersKey } from '../../../api/users';
import { useCan } from '../../../auth/CurrentUserContext';
import type { OneTimePassword } from '../../../components/OneTimePasswordModal';
import { useT } from '../../../i18n/useT';
import { settle } from '../../../lib/settle';

export function RequestActions({
  request,
  onReject,
  onProvisioned,
}: {
  request: AccountRequest;
  onReject: (request: AccountRequest) => void;
  onProvisioned: (password: OneTimePassword) => void;
}) {
  const { t } = useT();
  const can = useCan();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: accountRequestsKey });
  const approve = useMutation({ mutationFn: (id: string) => approveAccountRequest(id), onSuccess: refresh });
  const provision = useMutation({
    mutationFn: provisionAccountRequest,
    onSuccess: (data) => {
      refresh();
      queryClient.invalidateQueries({ queryKey: usersKey });
      onProvisioned({ username: data.user.username, password: data.initialPassword });
    },
  });

  // Department approval comes first; the administrator provisions (or rejects) after it.
  const canApprove = request.status === 'submitted' && can('iam.accountRequest.approve');
  const canProvision = request.status === 'department_approved' && can('iam.accountRequest.provision');
  const canReject = canApprove || canProvision;

  return (
    <Space size={0}>
      {canApprove && (
        <Popconfirm
          title={t('accountRequests.approveConfirm', { username: request.username })}
          onConfirm={() => settle(approve.mutateAsync(request.id))}
        >
          <Button type="link" size="small" loading={approve.isPending} data-testid="req-approve">
            {t('accountRequests.approve')}
          </Button>
        </Popconfirm>
      )}
      {canProvision && (
        <Popconfirm
          title={t('accountRequests.provisionConfirm', { username: request.username })}
          onConfirm={() => settle(provision.mutateAsync(request.id))}
        >
          <Button type="link" size="small" loading={provision.isPending} data-testid="req-provision">
            {t('accountRequests.provision')}
          </Button>
        </Popconfirm>
      )}
      {canReject && (
        <Button type="link" size="small" danger onClick={() => onReject(request)} data-testid="req-reject">
          {t('accountRequests.reject')}
        </Button>
      )}
    </Space>
  );
}

import { Form } from 'antd';
import { ApiError } from '../../../api/client';
import type { User } from '../../../api/types';
import { assignRoles } from '../../../api/users';
import { FormModal } from '../../../components/FormModal';
import { RoleSelect } from '../../../components/RoleSelect';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { useUserMutation } from './useUserMutation';

interface AssignRolesForm {
  roleIds: string[];
}

export function AssignRolesModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<AssignRolesForm>();
  const mutation = useUserMutation((vars: { id: string; roleIds: string[] }) => assignRoles(vars.id, vars.roleIds), {
    handlesErrors: true,
    onError: (err) =>
      applyServerFieldErrors(form, err, err instanceof ApiError && err.code === 'ROLE_CONFLICT' ? [['roleIds']] : []),
    onSuccess: onClose,
  });

  const close = () => {
    mutation.reset();
    onClose();
  };

  return (
    <FormModal
      open={user !== null}
      title={t('users.assignRolesTitle', { username: user?.username ?? '' })}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="ar-submit"
    >
      {user && (
        <Form<AssignRolesForm>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ roleIds: user.roles.map((role) => role.id) }}
          onFinish={({ roleIds }) => mutation.mutate({ id: user.id, roleIds: roleIds ?? [] })}
        >
          <Form.Item name="roleIds" label={t('user.roles')}>
            <RoleSelect mode="multiple" data-testid="ar-roles" placeholder={t('users.selectRoles')} />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

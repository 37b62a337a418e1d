import { Form, Input } from 'antd';
import { ApiError } from '../../../api/client';
import { type CreateUserBody, createUser } from '../../../api/users';
import { FormModal } from '../../../components/FormModal';
import type { OneTimePassword } from '../../../components/OneTimePasswordModal';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import { RoleSelect } from '../../../components/RoleSelect';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { blankToUndefined, rules } from '../../../lib/validation';
import { useUserMutation } from './useUserMutation';

interface CreateUserForm {
  username: string;
  fullName: string;
  employeeNo?: string;
  phone?: string;
  email?: string;
  orgUnitId?: string;
  roleIds?: string[];
}

function toBody(values: CreateUserForm): CreateUserBody {
  return {
    username: values.username.trim(),
    fullName: values.fullName.trim(),
    employeeNo: blankToUndefined(values.employeeNo),
    phone: blankToUndefined(values.phone),
    email: blankToUndefined(values.email),
    orgUnitId: values.orgUnitId,
    roleIds: values.roleIds ?? [],
  };
}

export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (password: OneTimePassword) => void;
}) {
  const { t } = useT();
  const [form] = Form.useForm<CreateUserForm>();
  const mutation = useUserMutation(createUser, {
    handlesErrors: true,
    onError: (err) =>
      applyServerFieldErrors(form, err, err instanceof ApiError && err.code === 'ROLE_CONFLICT' ? [['roleIds']] : []),
    onSuccess: (data) => {
      onClose();
      onCreated({ username: data.user.username, password: data.initialPassword });
    },
  });

  const close = () => {
    mutation.reset();
    onClose();
  };

  return (
    <FormModal
      open={open}
      title={t('users.createTitle')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="uf-submit"
    >
      <Form<CreateUserForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={(values) => mutation.mutate(toBody(values))}
      >
        <Form.Item
          name="username"
          label={t('user.username')}
          extra={t('users.usernameHint')}
          rules={[rules.required(t, 'user.username'), rules.usernameLength(t), rules.usernameChars(t)]}
        >
          <Input autoComplete="off" data-testid="uf-username" />
        </Form.Item>
        <Form.Item name="fullName" label={t('user.fullName')} rules={[rules.required(t, 'user.fullName')]}>
          <Input data-testid="uf-fullName" />
        </Form.Item>
        <Form.Item name="employeeNo" label={t('user.employeeNo')}>
          <Input data-testid="uf-employeeNo" />
        </Form.Item>
        <Form.Item name="phone" label={t('user.phone')} rules={[rules.phone(t)]}>
          <Input data-testid="uf-phone" inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Form.Item name="email" label={t('user.email')} rules={[rules.email(t)]}>
          <Input data-testid="uf-email" />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('user.orgUnit')}>
          <OrgUnitTreeSelect data-testid="uf-orgUnit" placeholder={t('users.selectOrgUnit')} />
        </Form.Item>
        <Form.Item name="roleIds" label={t('user.roles')}>
          <RoleSelect mode="multiple" data-testid="uf-roles" placeholder={t('users.selectRoles')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

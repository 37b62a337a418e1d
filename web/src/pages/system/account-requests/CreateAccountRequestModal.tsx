import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal } from 'antd';
import { accountRequestsKey, createAccountRequest } from '../../../api/accountRequests';
import { ApiError } from '../../../api/client';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import { RoleSelect } from '../../../components/RoleSelect';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { blankToUndefined, rules } from '../../../lib/validation';

interface AccountRequestForm {
  fullName: string;
  username: string;
  employeeNo?: string;
  orgUnitId?: string;
  roleIds: string[];
  reason: string;
}

export function CreateAccountRequestModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<AccountRequestForm>();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: createAccountRequest,
    meta: { handlesErrors: true },
    onError: (err) =>
      applyServerFieldErrors(form, err, err instanceof ApiError && err.code === 'ROLE_CONFLICT' ? [['roleIds']] : []),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: accountRequestsKey });
      onClose();
    },
  });

  const close = () => {
    mutation.reset();
    onClose();
  };

  const onFinish = (values: AccountRequestForm) =>
    mutation.mutate({
      fullName: values.fullName.trim(),
      username: values.username.trim(),
      employeeNo: blankToUndefined(values.employeeNo),
      orgUnitId: values.orgUnitId,
      roleIds: values.roleIds ?? [],
      reason: values.reason.trim(),
    });

  return (
    <Modal
      open={open}
      title={t('accountRequests.createTitle')}
      onCancel={close}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={mutation.isPending}
          onClick={() => form.submit()}
          data-testid="req-submit"
        >
          {t('common.submit')}
        </Button>,
      ]}
    >
      <FormErrorAlert error={mutation.error} />
      <Form<AccountRequestForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={onFinish}
      >
        <Form.Item name="fullName" label={t('user.fullName')} rules={[rules.required(t, 'user.fullName')]}>
          <Input data-testid="req-fullName" />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('user.username')}
          extra={t('users.usernameHint')}
          rules={[rules.required(t, 'user.username'), rules.usernameLength(t), rules.usernameChars(t)]}
        >
          <Input autoComplete="off" data-testid="req-username" />
        </Form.Item>
        <Form.Item name="employeeNo" label={t('user.employeeNo')}>
          <Input data-testid="req-employeeNo" />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('user.orgUnit')}>
          <OrgUnitTreeSelect placeholder={t('users.selectOrgUnit')} data-testid="req-orgUnit" />
        </Form.Item>
        <Form.Item name="roleIds" label={t('user.roles')} rules={[rules.requiredSelect(t, 'user.roles')]}>
          <RoleSelect mode="multiple" placeholder={t('users.selectRoles')} data-testid="req-roles" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('accountRequests.reason')}
          rules={[rules.required(t, 'accountRequests.reason')]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="req-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { App, Form, Input } from 'antd';
import { fileAccountRequest } from '../../../api/accountRequests';
import { ApiError } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import { RoleSelect } from '../../../components/RoleSelect';
import { useT } from '../../../i18n/useT';
import { blankToUndefined, rules } from '../../../lib/validation';
import { ChainPreview } from '../../approvals/ChainPreview';
import { applyMappedFieldErrors, fieldsUnder } from '../../approvals/formErrors';
import { useApprovalMutation } from '../../approvals/useApprovalMutation';

interface AccountRequestForm {
  fullName: string;
  username: string;
  employeeNo?: string;
  orgUnitId?: string;
  roleIds: string[];
  reason: string;
}

const FIELDS = ['fullName', 'username', 'employeeNo', 'orgUnitId', 'roleIds', 'reason'] as const;

/** IAM-1 新建申请: filed as an `accountRequest` approval; the form shows who will sign it. */
export function CreateAccountRequestModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AccountRequestForm>();
  const mutation = useApprovalMutation(fileAccountRequest, {
    handlesErrors: true,
    onError: (err) => {
      // The payload's fields come back as `payload.username`; a role conflict lands on the roles.
      applyMappedFieldErrors(form, err, fieldsUnder('payload', FIELDS));
      if (err instanceof ApiError && err.code === 'ROLE_CONFLICT')
        form.setFields([{ name: 'roleIds', errors: [err.message] }]);
    },
    onSuccess: (request) => {
      message.success(t('accountRequests.filed', { no: request.no }));
      onClose();
    },
  });

  const close = () => {
    mutation.reset();
    onClose();
  };

  const onFinish = (values: AccountRequestForm) =>
    mutation.mutate({
      reason: values.reason.trim(),
      payload: {
        fullName: values.fullName.trim(),
        username: values.username.trim(),
        employeeNo: blankToUndefined(values.employeeNo),
        orgUnitId: values.orgUnitId,
        roleIds: values.roleIds ?? [],
      },
    });

  return (
    <FormModal
      open={open}
      title={t('accountRequests.createTitle')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="req-submit"
      submitLabel={t('common.submit')}
    >
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
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} data-testid="req-reason" />
        </Form.Item>
      </Form>
      {open && <ChainPreview kind="accountRequest" />}
    </FormModal>
  );
}

import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { LeaveKind, User } from '../../../api/types';
import { type UpdateUserBody, updateUser } from '../../../api/users';
import { FormModal } from '../../../components/FormModal';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { fromDateString, toDateString } from '../../../lib/time';
import { blankToNull, rules } from '../../../lib/validation';
import { useUserMutation } from './useUserMutation';

interface EditUserForm {
  fullName: string;
  employeeNo?: string;
  phone?: string;
  email?: string;
  orgUnitId?: string;
  leaveDate?: Dayjs | null;
  leaveKind?: LeaveKind;
}

function toBody(values: EditUserForm): Required<UpdateUserBody> {
  const leaveDate = toDateString(values.leaveDate);
  return {
    fullName: values.fullName.trim(),
    employeeNo: blankToNull(values.employeeNo),
    phone: blankToNull(values.phone),
    email: blankToNull(values.email),
    orgUnitId: values.orgUnitId ?? null,
    leaveDate,
    leaveKind: leaveDate ? (values.leaveKind ?? null) : null,
  };
}

/** Only what the user changed, so the audit log shows the real edit. */
function changedOnly(body: Required<UpdateUserBody>, user: User): UpdateUserBody {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value !== (user[key as keyof User] ?? null)) changed[key] = value;
  }
  return changed as UpdateUserBody;
}

export function EditUserModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<EditUserForm>();
  const mutation = useUserMutation((vars: { id: string; body: UpdateUserBody }) => updateUser(vars.id, vars.body), {
    handlesErrors: true,
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: onClose,
  });

  const close = () => {
    mutation.reset();
    onClose();
  };

  const onFinish = (values: EditUserForm) => {
    if (!user) return;
    const body = changedOnly(toBody(values), user);
    if (Object.keys(body).length === 0) return close();
    mutation.mutate({ id: user.id, body });
  };

  return (
    <FormModal
      open={user !== null}
      title={t('users.editTitle', { username: user?.username ?? '' })}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="ue-submit"
    >
      {user && (
        <Form<EditUserForm>
          form={form}
          layout="vertical"
          validateTrigger="onChange"
          preserve={false}
          initialValues={{
            fullName: user.fullName,
            employeeNo: user.employeeNo ?? undefined,
            phone: user.phone ?? undefined,
            email: user.email ?? undefined,
            orgUnitId: user.orgUnitId ?? undefined,
            leaveDate: fromDateString(user.leaveDate),
            leaveKind: user.leaveKind ?? undefined,
          }}
          onFinish={onFinish}
        >
          <Form.Item name="fullName" label={t('user.fullName')} rules={[rules.required(t, 'user.fullName')]}>
            <Input data-testid="ue-fullName" />
          </Form.Item>
          <Form.Item name="employeeNo" label={t('user.employeeNo')}>
            <Input data-testid="ue-employeeNo" />
          </Form.Item>
          <Form.Item name="phone" label={t('user.phone')} rules={[rules.phone(t)]}>
            <Input data-testid="ue-phone" inputMode="numeric" maxLength={11} />
          </Form.Item>
          <Form.Item name="email" label={t('user.email')} rules={[rules.email(t)]}>
            <Input data-testid="ue-email" />
          </Form.Item>
          <Form.Item name="orgUnitId" label={t('user.orgUnit')}>
            <OrgUnitTreeSelect placeholder={t('users.selectOrgUnit')} />
          </Form.Item>
          <Form.Item name="leaveDate" label={t('user.leaveDate')} extra={t('users.leaveHint')}>
            <DatePicker style={{ width: '100%' }} data-testid="ue-leaveDate" />
          </Form.Item>
          <Form.Item
            name="leaveKind"
            label={t('user.leaveKind')}
            dependencies={['leaveDate']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: LeaveKind | undefined) =>
                  getFieldValue('leaveDate') && !value
                    ? Promise.reject(new Error(t('validation.leaveKindRequired')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Select
              allowClear
              data-testid="ue-leaveKind"
              options={[
                { value: 'departure', label: t('leaveKind.departure') },
                { value: 'transfer', label: t('leaveKind.transfer') },
              ]}
            />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

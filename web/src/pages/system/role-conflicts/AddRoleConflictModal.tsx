import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input } from 'antd';
import { createRoleConflict, roleConflictsKey } from '../../../api/roles';
import { FormModal } from '../../../components/FormModal';
import { RoleSelect } from '../../../components/RoleSelect';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { rules } from '../../../lib/validation';

interface AddRoleConflictForm {
  roleAId: string;
  roleBId: string;
  reason: string;
}

export function AddRoleConflictModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<AddRoleConflictForm>();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: createRoleConflict,
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: roleConflictsKey });
      onClose();
    },
  });

  const close = () => {
    mutation.reset();
    onClose();
  };

  return (
    <FormModal
      open={open}
      title={t('roleConflicts.addTitle')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="rc-submit"
    >
      <Form<AddRoleConflictForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={(values) => mutation.mutate({ ...values, reason: values.reason.trim() })}
      >
        <Form.Item
          name="roleAId"
          label={t('roleConflicts.roleA')}
          rules={[rules.requiredSelect(t, 'roleConflicts.roleA')]}
        >
          <RoleSelect data-testid="rc-roleA" />
        </Form.Item>
        <Form.Item
          name="roleBId"
          label={t('roleConflicts.roleB')}
          dependencies={['roleAId']}
          rules={[
            rules.requiredSelect(t, 'roleConflicts.roleB'),
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value === getFieldValue('roleAId')
                  ? Promise.reject(new Error(t('validation.sameRole')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <RoleSelect data-testid="rc-roleB" />
        </Form.Item>
        <Form.Item name="reason" label={t('roleConflicts.reason')} rules={[rules.required(t, 'roleConflicts.reason')]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="rc-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

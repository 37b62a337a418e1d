import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { changePassword, meKey } from '../../api/auth';
import type { CurrentUser } from '../../api/types';
import { useCurrentUser } from '../../auth/CurrentUserContext';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useT } from '../../i18n/useT';
import { applyServerFieldErrors } from '../../lib/forms';
import { rules } from '../../lib/validation';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ChangePasswordForm>();

  const mutation = useMutation({
    mutationFn: changePassword,
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      queryClient.setQueryData<CurrentUser | null>(meKey, (me) => (me ? { ...me, mustChangePassword: false } : me));
      message.success(t('password.changed'));
      navigate('/', { replace: true });
    },
  });

  const onFinish = ({ currentPassword, newPassword }: ChangePasswordForm) =>
    mutation.mutate({ currentPassword, newPassword });

  return (
    <Card title={t('password.changeTitle')} style={{ maxWidth: 480, margin: '0 auto' }}>
      {user.mustChangePassword && (
        <Alert type="info" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />
      )}
      <FormErrorAlert error={mutation.error} />
      <Form<ChangePasswordForm> form={form} layout="vertical" validateTrigger="onChange" onFinish={onFinish}>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('validation.required', { field: t('password.current') }) }]}
        >
          <Input.Password autoComplete="current-password" data-testid="cp-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          dependencies={['currentPassword']}
          hasFeedback
          rules={[
            { required: true, message: t('validation.required', { field: t('password.new') }) },
            rules.passwordMin(t),
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value === getFieldValue('currentPassword')
                  ? Promise.reject(new Error(t('validation.passwordSameAsCurrent')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="cp-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          hasFeedback
          rules={[
            { required: true, message: t('validation.required', { field: t('password.confirm') }) },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="cp-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={mutation.isPending} data-testid="cp-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}

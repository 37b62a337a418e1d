import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal } from 'antd';
import { accountRequestsKey, rejectAccountRequest } from '../../../api/accountRequests';
import type { AccountRequest } from '../../../api/types';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { rules } from '../../../lib/validation';

export function RejectRequestModal({ request, onClose }: { request: AccountRequest | null; onClose: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ comment: string }>();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (vars: { id: string; comment: string }) => rejectAccountRequest(vars.id, vars.comment),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: accountRequestsKey });
      onClose();
    },
  });

  const close = () => {
    mutation.reset();
    onClose();
  };

  return (
    <Modal
      open={request !== null}
      title={t('accountRequests.rejectTitle', { username: request?.username ?? '' })}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          danger
          type="primary"
          loading={mutation.isPending}
          onClick={() => form.submit()}
          data-testid="req-reject-submit"
        >
          {t('accountRequests.reject')}
        </Button>,
      ]}
    >
      <FormErrorAlert error={mutation.error} />
      {request && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={({ comment }) => mutation.mutate({ id: request.id, comment: comment.trim() })}
        >
          <Form.Item
            name="comment"
            label={t('accountRequests.comment')}
            rules={[rules.required(t, 'accountRequests.comment')]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="req-reject-comment" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

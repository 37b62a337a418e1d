import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Divider, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { messagesKey, type SendMessageBody, sendMessage, useMessageKinds } from '../../../api/notify';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { blankToUndefined, rules } from '../../../lib/validation';

interface SendForm {
  templateCode: string;
  recipient: string;
  customerRef?: string;
  variables: Record<string, string>;
}

const MOBILE = /^1[3-9]\d{9}$/;

export function SendTestMessageModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SendForm>();
  const [code, setCode] = useState<string>();
  const kinds = useMessageKinds();
  const smsKinds = (kinds.data ?? []).filter((k) => k.channels.includes('sms'));
  const kind = smsKinds.find((k) => k.code === code);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (body: SendMessageBody) => sendMessage(body),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('notify.sent'));
      queryClient.invalidateQueries({ queryKey: messagesKey });
      close();
    },
  });

  function close() {
    mutation.reset();
    setCode(undefined);
    onClose();
  }

  const onFinish = (values: SendForm) =>
    mutation.mutate({
      channel: 'sms',
      templateCode: values.templateCode,
      recipient: values.recipient.replace(/[\s-]/g, ''),
      customerRef: blankToUndefined(values.customerRef),
      variables: Object.fromEntries(Object.entries(values.variables ?? {}).map(([k, v]) => [k, v.trim()])),
    });

  return (
    <FormModal
      open={open}
      title={t('notify.sendTestTitle')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="send-test-submit"
      submitLabel={t('notify.send')}
    >
      <Form<SendForm> form={form} layout="vertical" preserve={false} onFinish={onFinish}>
        <Form.Item name="templateCode" label={t('notify.kind')} rules={[rules.requiredSelect(t, 'notify.kind')]}>
          <Select
            placeholder={t('notify.selectKind')}
            data-testid="send-test-kind"
            options={smsKinds.map((k) => ({ value: k.code, label: lang === 'en' ? k.name.en : k.name.zh }))}
            onChange={(value: string) => {
              setCode(value);
              const picked = smsKinds.find((k) => k.code === value);
              form.setFieldsValue({ variables: { ...picked?.sample } });
            }}
          />
        </Form.Item>
        <Form.Item
          name="recipient"
          label={t('notify.recipient')}
          rules={[
            rules.required(t, 'notify.recipient'),
            {
              validator: (_, value: string | undefined) =>
                !value || MOBILE.test(value.replace(/[\s-]/g, ''))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('notify.recipientInvalid'))),
            },
          ]}
        >
          <Input inputMode="numeric" maxLength={16} data-testid="send-test-recipient" />
        </Form.Item>
        <Form.Item name="customerRef" label={t('notify.customerRef')}>
          <Input maxLength={64} data-testid="send-test-customer" />
        </Form.Item>
        {kind && (
          <>
            <Divider titlePlacement="start" plain>
              {t('notify.variables')}
            </Divider>
            {kind.variables.map((name) => (
              <Form.Item
                key={name}
                name={['variables', name]}
                label={`{${name}}`}
                rules={[{ required: true, whitespace: true, message: t('notify.variableRequired', { name }) }]}
              >
                <Input maxLength={200} data-testid={`send-test-var-${name}`} />
              </Form.Item>
            ))}
          </>
        )}
      </Form>
    </FormModal>
  );
}

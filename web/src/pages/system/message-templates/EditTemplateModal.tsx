import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Space, Switch, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef } from 'react';
import { ApiError } from '../../../api/client';
import {
  type MessageTemplate,
  previewTemplate,
  type TemplateUpdate,
  templatesKey,
  updateTemplate,
} from '../../../api/notify';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { rules } from '../../../lib/validation';

interface TemplateForm {
  name: string;
  body: string;
  enabled: boolean;
}

const PREVIEW_DELAY_MS = 300;

/** The server's refusal of a body (a missing or unknown variable), for the body field. */
function bodyErrorOf(err: unknown): string | null {
  if (!(err instanceof ApiError)) return null;
  const field = err.details?.fields?.find((f) => f.path === 'body');
  return field?.message ?? null;
}

export function EditTemplateModal({ template, onClose }: { template: MessageTemplate | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateForm>();
  const bodyRef = useRef<TextAreaRef>(null);
  const body = Form.useWatch('body', form);
  const queryClient = useQueryClient();

  const preview = useMutation({
    mutationFn: (text: string) => previewTemplate(template?.id ?? '', { body: text }),
    meta: { handlesErrors: true },
    // The server checks the text being edited exactly as it checks a save: its refusal shows at the field.
    onSuccess: () => form.setFields([{ name: 'body', errors: [] }]),
    onError: (err) => {
      const text = bodyErrorOf(err);
      if (text) form.setFields([{ name: 'body', errors: [text] }]);
    },
  });
  const save = useMutation({
    mutationFn: (values: TemplateUpdate) => updateTemplate(template?.id ?? '', values),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('notify.templates.saved'));
      queryClient.invalidateQueries({ queryKey: templatesKey });
      close();
    },
  });
  const { mutate: runPreview } = preview;

  useEffect(() => {
    const text = body?.trim();
    if (!template || !text) return;
    const timer = setTimeout(() => runPreview(text), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [body, template, runPreview]);

  function close() {
    save.reset();
    preview.reset();
    onClose();
  }

  /** Puts `{name}` where the cursor is in the body. */
  const insert = (name: string) => {
    const area = bodyRef.current?.resizableTextArea?.textArea;
    const current: string = form.getFieldValue('body') ?? '';
    const at = area ? area.selectionStart : current.length;
    const end = area ? area.selectionEnd : current.length;
    const token = `{${name}}`;
    form.setFieldsValue({ body: current.slice(0, at) + token + current.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const used = new Set([...(body ?? '').matchAll(/\{([A-Za-z]\w*)\}/g)].map((m) => m[1]));

  return (
    <FormModal
      open={template !== null}
      title={t('notify.templates.editTitle', { name: template?.name ?? '' })}
      onCancel={close}
      form={form}
      pending={save.isPending}
      error={save.error && !bodyErrorOf(save.error) ? save.error : null}
      submitTestId="template-save"
      width={680}
    >
      {template && (
        <Form<TemplateForm>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ name: template.name, body: template.body, enabled: template.enabled }}
          onFinish={(values) =>
            save.mutate({ name: values.name.trim(), body: values.body.trim(), enabled: values.enabled })
          }
        >
          <Form.Item
            name="name"
            label={t('notify.templates.name')}
            rules={[rules.required(t, 'notify.templates.name')]}
          >
            <Input maxLength={50} data-testid="template-name" />
          </Form.Item>
          <Form.Item label={t('notify.templates.required')}>
            <Space size={[4, 8]} wrap>
              {template.required.map((name) => (
                <Tag
                  key={name}
                  color={used.has(name) ? 'blue' : 'orange'}
                  style={{ cursor: 'pointer' }}
                  onClick={() => insert(name)}
                  data-testid={`template-var-${name}`}
                >
                  {`{${name}}`}
                </Tag>
              ))}
            </Space>
          </Form.Item>
          <Form.Item
            name="body"
            label={t('notify.templates.body')}
            extra={t('notify.templates.hint')}
            rules={[rules.required(t, 'notify.templates.body')]}
          >
            <Input.TextArea
              ref={bodyRef}
              autoSize={{ minRows: 4, maxRows: 10 }}
              maxLength={500}
              showCount
              data-testid="template-body"
            />
          </Form.Item>
          <Form.Item name="enabled" label={t('notify.templates.enabled')} valuePropName="checked">
            <Switch data-testid="template-enabled" />
          </Form.Item>
          {preview.data && !preview.isError && (
            <Alert
              type="info"
              data-testid="template-preview"
              title={t('notify.templates.preview')}
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{preview.data.rendered}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {t('notify.templates.length', { length: preview.data.length, parts: preview.data.parts })}
                  </Typography.Text>
                </>
              }
            />
          )}
        </Form>
      )}
    </FormModal>
  );
}

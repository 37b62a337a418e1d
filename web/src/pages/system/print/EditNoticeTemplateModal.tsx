import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Space, Tag, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef } from 'react';
import { ApiError } from '../../../api/client';
import { type NoticeKind, type NoticeVariable, saveNoticeTemplate } from '../../../api/print';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { rules } from '../../../lib/validation';

/** What clicking a variable puts in the template: a value, or a whole loop for a list. */
function snippetOf(v: NoticeVariable): string {
  if (v.kind === 'list') return `{{#each ${v.path}}}\n\n{{/each}}`;
  const inList = v.path.lastIndexOf('[].');
  return `{{${inList >= 0 ? v.path.slice(inList + 3) : v.path}}}`;
}

interface Props {
  notice: NoticeKind | null;
  onClose: () => void;
  onSaved: () => void;
}

/** The company's own template of a notice; the server refuses a variable the notice does not have. */
export function EditNoticeTemplateModal({ notice, onClose, onSaved }: Props) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const area = useRef<TextAreaRef>(null);

  const save = useMutation({
    mutationFn: ({ body }: { body: string }) => saveNoticeTemplate(notice!.code, body),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('print.saved'));
      onSaved();
      close();
    },
  });

  function close() {
    save.reset();
    onClose();
  }

  const insert = (v: NoticeVariable) => {
    const el = area.current?.resizableTextArea?.textArea;
    const current: string = form.getFieldValue('body') ?? '';
    const start = el ? el.selectionStart : current.length;
    const end = el ? el.selectionEnd : current.length;
    const text = snippetOf(v);
    form.setFieldsValue({ body: current.slice(0, start) + text + current.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const fieldError = save.error instanceof ApiError && save.error.details?.fields?.some((f) => f.path === 'body');
  const title = notice ? (lang === 'en' ? notice.name.en : notice.name.zh) : '';

  return (
    <FormModal
      open={notice !== null}
      title={t('print.editTitle', { name: title })}
      onCancel={close}
      form={form}
      pending={save.isPending}
      error={fieldError ? null : save.error}
      submitTestId="print-save"
      width={860}
    >
      {notice && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ body: notice.override?.body ?? notice.defaultTemplate }}
          onFinish={(values) => save.mutate(values)}
        >
          <Typography.Paragraph type="secondary">{t('print.syntaxHelp')}</Typography.Paragraph>
          <Form.Item label={`${t('print.variables')}（${t('print.insert')}）`}>
            <Space size={[4, 4]} wrap>
              {notice.variables.map((v) => (
                <Tooltip key={v.path} title={v.description || undefined}>
                  <Tag style={{ cursor: 'pointer' }} onClick={() => insert(v)}>
                    {v.path}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          </Form.Item>
          <Form.Item name="body" label={t('print.body')} rules={[rules.required(t, 'print.body')]}>
            <Input.TextArea
              ref={area}
              rows={18}
              spellCheck={false}
              style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
              data-testid="print-body"
            />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

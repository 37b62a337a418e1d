import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, type FormInstance, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../../../../api/client';
import { type OrderRecord, type RecordForm, recordKey, saveOrderForm } from '../../../../api/workOrderForms';
import { FormErrorAlert } from '../../../../components/FormErrorAlert';
import { useT } from '../../../../i18n/useT';
import { formatDateTime } from '../../../../lib/time';

type NamePath = (string | number)[];

/** The server names fields as `data.lines.0.code`: each message goes on that very field of the form. */
export function applyDataFieldErrors(form: FormInstance, err: unknown): void {
  if (!(err instanceof ApiError)) return;
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const f of err.details?.fields ?? []) {
    if (!f.path.startsWith('data.')) continue;
    const name = f.path
      .slice(5)
      .split('.')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    byField.set(key, entry);
  }
  if (byField.size) form.setFields([...byField.values()]);
}

/**
 * One form of the order's type, saved as a whole at the version read. `fromApi`/`toApi` translate between
 * what the server keeps and what the antd fields hold (dates, switches).
 */
export function FormCard<V extends object>({
  orderId,
  form: def,
  editable,
  fromApi,
  toApi,
  children,
  extra,
}: {
  orderId: string;
  form: RecordForm;
  editable: boolean;
  fromApi: (data: Record<string, unknown> | null) => Partial<V>;
  toApi: (values: V) => Record<string, unknown>;
  children: (form: FormInstance<V>) => ReactNode;
  extra?: ReactNode;
}) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const save = useMutation({
    mutationFn: (values: V) => saveOrderForm(orderId, def.code, def.version, toApi(values)),
    onSuccess: (record: OrderRecord) => {
      queryClient.setQueryData(recordKey(orderId), record);
      message.success(t('tech.form.saved'));
    },
    onError: (err) => applyDataFieldErrors(form, err),
  });
  const name = lang === 'en' ? def.name.en : def.name.zh;
  return (
    <Card
      size="small"
      data-testid={`form-${def.code}`}
      title={
        <span>
          {name} {def.required && <Tag color="blue">{t('tech.form.required')}</Tag>}
        </span>
      }
      style={{ marginBottom: 12 }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {def.version > 0
          ? t('tech.form.version', {
              v: def.version,
              who: def.updatedByName ?? '',
              time: formatDateTime(def.updatedAt),
            })
          : t('tech.form.notSaved')}
      </Typography.Paragraph>
      {extra}
      <Form<V>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={fromApi(def.data) as V}
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError
      >
        {children(form)}
        <FormErrorAlert error={save.error} />
        {editable && (
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={save.isPending}
            data-testid={`save-${def.code}`}
          >
            {t('tech.form.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

export const yesNo = (t: (k: 'tech.yes' | 'tech.no') => string) => ({
  checkedChildren: t('tech.yes'),
  unCheckedChildren: t('tech.no'),
});

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../api/client';
import {
  type AreaEntry,
  createOutage,
  type Outage,
  type OutageInput,
  type OutageKind,
  outagesKey,
  updateOutage,
} from '../../../api/outages';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { BUSINESS_TZ, businessInstant } from '../../../lib/time';
import { blankToUndefined, rules } from '../../../lib/validation';

interface OutageForm {
  kind: OutageKind;
  area: AreaEntry[];
  range: [Dayjs | null, Dayjs | null] | null;
  reason: string;
  contactName?: string;
  contactPhone: string;
  note?: string;
}

const PHONE = /^[0-9+\-() ]{3,32}$/;

/** SVC-10: register or change a planned or emergency outage (停气通知) and the area it covers. */
export function OutageFormModal({
  open,
  outage,
  onClose,
}: {
  open: boolean;
  /** The outage being changed; a new one when absent. */
  outage?: Outage | null;
  onClose: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OutageForm>();
  const kind = Form.useWatch('kind', form);

  const mutation = useMutation({
    mutationFn: (body: OutageInput) =>
      outage ? updateOutage(outage.id, { ...body, version: outage.version }) : createOutage(body),
    meta: { handlesErrors: true },
    onError: (err) => {
      // The time fields map onto the one range picker.
      if (err instanceof ApiError) {
        for (const f of err.details?.fields ?? []) {
          if (f.path === 'startsAt' || f.path === 'endsAt') form.setFields([{ name: 'range', errors: [f.message] }]);
        }
      }
      applyServerFieldErrors(form, err);
    },
    onSuccess: (o) => {
      message.success(t('outage.saved', { no: o.outageNo, count: o.affectedNow }));
      queryClient.invalidateQueries({ queryKey: outagesKey });
      close();
    },
  });

  function close() {
    mutation.reset();
    onClose();
  }

  const onFinish = (v: OutageForm) => {
    const [start, end] = v.range ?? [];
    mutation.mutate({
      kind: v.kind,
      area: v.area.map((a) => ({
        district: a.district.trim(),
        street: blankToUndefined(a.street) ?? null,
        community: blankToUndefined(a.community) ?? null,
      })),
      startsAt: businessInstant(start!),
      endsAt: businessInstant(end!),
      reason: v.reason.trim(),
      contactName: blankToUndefined(v.contactName) ?? null,
      contactPhone: v.contactPhone.trim(),
      note: blankToUndefined(v.note) ?? null,
    });
  };

  const initial: Partial<OutageForm> = outage
    ? {
        kind: outage.kind,
        area: outage.area.map((a) => ({ district: a.district, street: a.street ?? '', community: a.community ?? '' })),
        range: [dayjs(outage.startsAt).tz(BUSINESS_TZ), dayjs(outage.endsAt).tz(BUSINESS_TZ)],
        reason: outage.reason,
        contactName: outage.contactName ?? '',
        contactPhone: outage.contactPhone,
        note: outage.note ?? '',
      }
    : { kind: 'planned', area: [{ district: '', street: '', community: '' }], range: null };

  const fieldError = mutation.error instanceof ApiError && (mutation.error.details?.fields?.length ?? 0) > 0;
  return (
    <FormModal
      open={open}
      title={outage ? t('outage.editTitle', { no: outage.outageNo }) : t('outage.newTitle')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={fieldError ? null : mutation.error}
      submitTestId="outage-submit"
      width={760}
    >
      <Form<OutageForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={initial}
        onFinish={onFinish}
      >
        <Form.Item name="kind" label={t('outage.kind')} rules={[rules.requiredSelect(t, 'outage.kind')]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'planned', label: t('outage.kind.planned') },
              { value: 'emergency', label: t('outage.kind.emergency') },
            ]}
            data-testid="outage-kind"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {kind === 'emergency' ? t('outage.hint.emergency') : t('outage.hint.planned')}
        </Typography.Paragraph>
        <Form.Item label={t('outage.area')} required>
          <Form.List
            name="area"
            rules={[
              {
                validator: async (_, value: AreaEntry[] | undefined) => {
                  if (!value?.length) throw new Error(t('outage.areaRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item
                      name={[field.name, 'district']}
                      rules={[rules.required(t, 'outage.district'), { max: 40 }]}
                    >
                      <Input placeholder={t('outage.district')} data-testid={`outage-district-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'street']} rules={[{ max: 40 }]}>
                      <Input placeholder={t('outage.streetOptional')} data-testid={`outage-street-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'community']} rules={[{ max: 40 }]}>
                      <Input placeholder={t('outage.communityOptional')} data-testid={`outage-community-${i}`} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                    )}
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ district: '', street: '', community: '' })}
                  data-testid="outage-add-area"
                >
                  {t('outage.addArea')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          name="range"
          label={t('outage.range')}
          required
          rules={[
            {
              validator: async (_, v: [Dayjs | null, Dayjs | null] | null) => {
                if (!v?.[0] || !v?.[1]) throw new Error(t('outage.rangeRequired'));
                if (!v[1].isAfter(v[0])) throw new Error(t('outage.rangeOrder'));
              },
            },
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="outage-range" />
        </Form.Item>
        <Form.Item name="reason" label={t('outage.reason')} rules={[rules.required(t, 'outage.reason'), { max: 200 }]}>
          <Input maxLength={200} data-testid="outage-reason" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label={t('outage.contactName')} rules={[{ max: 50 }]}>
            <Input data-testid="outage-contactName" />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t('outage.contactPhone')}
            rules={[rules.required(t, 'outage.contactPhone'), { pattern: PHONE, message: t('outage.phoneChars') }]}
          >
            <Input data-testid="outage-contactPhone" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('outage.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

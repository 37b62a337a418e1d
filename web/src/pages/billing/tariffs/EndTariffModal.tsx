import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { endTariff, type Tariff, type TariffChangeFiled, tariffsKey } from '../../../api/billing';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { toDateString } from '../../../lib/time';
import { rules } from '../../../lib/validation';

interface EndForm {
  effectiveTo: Dayjs;
  reason: string;
}

/** BIL-1 终止: an active tariff ends earlier (its last day in force), filed for approval. */
export function EndTariffModal({
  tariff,
  onClose,
  onFiled,
}: {
  tariff: Tariff;
  onClose: () => void;
  onFiled: (filed: TariffChangeFiled) => void;
}) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EndForm>();
  const mutation = useMutation({
    mutationFn: (v: EndForm) =>
      endTariff(tariff.id, { effectiveTo: toDateString(v.effectiveTo)!, reason: v.reason.trim() }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (filed) => {
      queryClient.invalidateQueries({ queryKey: tariffsKey });
      onFiled(filed);
      onClose();
    },
  });
  const from = dayjs(tariff.effectiveFrom);
  const to = tariff.effectiveTo ? dayjs(tariff.effectiveTo) : null;
  const outside = (d: Dayjs) => d.isBefore(from, 'day') || (to !== null && !d.isBefore(to, 'day'));

  return (
    <FormModal
      open
      title={t('tariff.end.title', { name: tariff.name })}
      onCancel={onClose}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="tariff-end-submit"
      submitLabel={t('tariff.submitApproval')}
    >
      <Form<EndForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Typography.Paragraph type="secondary">
          {t('tariff.end.hint', { from: tariff.effectiveFrom, to: tariff.effectiveTo ?? t('tariff.openEnded') })}
        </Typography.Paragraph>
        <Form.Item
          name="effectiveTo"
          label={t('tariff.end.lastDay')}
          rules={[
            rules.requiredSelect(t, 'tariff.end.lastDay'),
            {
              validator: (_, value: Dayjs | null | undefined) =>
                value && outside(value)
                  ? Promise.reject(
                      new Error(
                        to
                          ? t('tariff.end.between', { from: tariff.effectiveFrom, to: tariff.effectiveTo ?? '' })
                          : t('tariff.end.notBefore', { from: tariff.effectiveFrom }),
                      ),
                    )
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker disabledDate={outside} data-testid="tariff-end-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('tariff.reason')} rules={[rules.required(t, 'tariff.reason'), { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="tariff-end-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

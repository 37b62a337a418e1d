import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, DatePicker, Form, Input, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { listCaseUsageNatures } from '../../../api/accountCases';
import { createTariff, type Tariff, type TariffInput, tariffsKey } from '../../../api/billing';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { toDateString } from '../../../lib/time';
import { rules } from '../../../lib/validation';

const PRICE = /^\d{1,6}(\.\d{1,4})?$/;
const VOLUME = /^\d{1,9}(\.\d{1,3})?$/;
const NATURE = /^[A-Z][A-Z0-9_]{0,31}$/;

interface TariffForm {
  usageNature: string;
  name: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  mode: 'flat' | 'tiered';
  price?: string;
  tiers?: { upTo?: string; price: string }[];
  reason?: string;
}

/** The form's start: a new tariff, or a new price version with the tiers of the one it replaces. */
function initialValuesOf(current: Tariff | null | undefined): Partial<TariffForm> {
  if (!current) return { mode: 'tiered', tiers: [{ upTo: '' }, { upTo: '' }, {}] as TariffForm['tiers'] };
  const tiers = current.tiers.map((x) => ({ upTo: x.upTo ?? '', price: x.price }));
  return current.tiered
    ? { usageNature: current.usageNature, mode: 'tiered', tiers }
    : { usageNature: current.usageNature, mode: 'flat', price: current.tiers[0]?.price };
}

/** Usage natures to choose from, when the user may see them; a code can always be typed. */
export function useNatureOptions(extra: { code: string; name: string }[] = []) {
  const can = useCan();
  const natures = useQuery({
    queryKey: ['account-cases', 'usage-natures'],
    queryFn: listCaseUsageNatures,
    enabled: can('customer.read', 'customer.case'),
    staleTime: 300_000,
  });
  const seen = new Map<string, string>();
  for (const n of natures.data?.items ?? []) if (n.commodity === 'gas') seen.set(n.code, n.name);
  for (const n of extra) if (!seen.has(n.code)) seen.set(n.code, n.name);
  return [...seen].map(([code, name]) => ({ value: code, label: `${code} ${name}` }));
}

/**
 * BIL-1: a new tariff of a usage nature, flat or tiered (阶梯), filed for approval; with `supersedes`, a new price
 * version (调价) of that active tariff, which is ended the day before the new one starts once approved.
 */
export function TariffFormModal({
  open,
  onClose,
  knownNatures,
  supersedes,
  onFiled,
}: {
  open: boolean;
  onClose: () => void;
  knownNatures: { code: string; name: string }[];
  supersedes?: Tariff | null;
  onFiled?: (created: Tariff) => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TariffForm>();
  const mode = Form.useWatch('mode', form);
  const options = useNatureOptions(knownNatures);
  const mutation = useMutation({
    mutationFn: (body: TariffInput) => createTariff(body),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (created) => {
      message.success(
        created.status === 'pending'
          ? t('tariff.createdPending', { name: created.name })
          : t('tariff.created', { name: created.name }),
      );
      queryClient.invalidateQueries({ queryKey: tariffsKey });
      mutation.reset();
      onFiled?.(created);
      onClose();
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  const submit = (v: TariffForm) => {
    const base = {
      usageNature: v.usageNature.trim(),
      name: v.name.trim(),
      effectiveFrom: toDateString(v.effectiveFrom)!,
      effectiveTo: toDateString(v.effectiveTo ?? null),
      supersedes: supersedes?.id ?? null,
      reason: v.reason?.trim() || null,
    };
    mutation.mutate(
      v.mode === 'flat'
        ? { ...base, price: v.price!.trim() }
        : {
            ...base,
            tiers: (v.tiers ?? []).map((tier, i, all) => ({
              upTo: i === all.length - 1 ? null : tier.upTo!.trim(),
              price: tier.price.trim(),
            })),
          },
    );
  };

  return (
    <FormModal
      open={open}
      title={supersedes ? t('tariff.revise.title', { name: supersedes.name }) : t('tariff.new')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="tariff-submit"
      submitLabel={supersedes ? t('tariff.submitApproval') : undefined}
      width={640}
    >
      <Form<TariffForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={initialValuesOf(supersedes)}
        onFinish={submit}
      >
        {supersedes && (
          <Typography.Paragraph type="secondary" data-testid="tariff-revise-hint">
            {t('tariff.revise.hint', { name: supersedes.name, from: supersedes.effectiveFrom })}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="usageNature"
          label={t('tariff.usageNature')}
          rules={[
            rules.required(t, 'tariff.usageNature'),
            { pattern: NATURE, message: t('tariff.usageNatureInvalid') },
          ]}
        >
          <AutoComplete
            disabled={!!supersedes}
            options={options}
            filterOption={(input, o) =>
              String(o?.label ?? '')
                .toUpperCase()
                .includes(input.toUpperCase())
            }
            data-testid="tariff-nature"
          />
        </Form.Item>
        <Form.Item name="name" label={t('tariff.name')} rules={[rules.required(t, 'tariff.name'), { max: 100 }]}>
          <Input maxLength={100} data-testid="tariff-name" />
        </Form.Item>
        <Space align="start">
          <Form.Item
            name="effectiveFrom"
            label={t('tariff.effectiveFrom')}
            rules={[
              rules.requiredSelect(t, 'tariff.effectiveFrom'),
              {
                validator: (_, value: Dayjs | null | undefined) =>
                  supersedes && value && !value.isAfter(dayjs(supersedes.effectiveFrom), 'day')
                    ? Promise.reject(new Error(t('tariff.revise.fromAfter', { from: supersedes.effectiveFrom })))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker data-testid="tariff-from" />
          </Form.Item>
          <Form.Item
            name="effectiveTo"
            label={t('tariff.effectiveTo')}
            dependencies={['effectiveFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null | undefined) => {
                  const from = getFieldValue('effectiveFrom') as Dayjs | undefined;
                  return value && from && value.isBefore(from, 'day')
                    ? Promise.reject(new Error(t('tariff.endBeforeStart')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker placeholder={t('tariff.openEnded')} data-testid="tariff-to" />
          </Form.Item>
        </Space>
        <Form.Item name="mode" label={t('tariff.kind')}>
          <Radio.Group
            options={[
              { value: 'tiered', label: t('tariff.tiered') },
              { value: 'flat', label: t('tariff.flat') },
            ]}
          />
        </Form.Item>
        {mode === 'flat' ? (
          <Form.Item
            name="price"
            label={t('tariff.price')}
            rules={[rules.required(t, 'tariff.price'), { pattern: PRICE, message: t('tariff.priceInvalid') }]}
          >
            <Input inputMode="decimal" suffix={t('tariff.perM3')} style={{ width: 220 }} data-testid="tariff-price" />
          </Form.Item>
        ) : (
          <Form.List
            name="tiers"
            rules={[
              {
                validator: async (_, tiers: unknown[] | undefined) => {
                  if (!tiers || tiers.length < 1) throw new Error(t('tariff.tiersRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                <Typography.Text type="secondary">{t('tariff.tiersHint')}</Typography.Text>
                {fields.map((field, i) => {
                  const last = i === fields.length - 1;
                  return (
                    <Space key={field.key} align="start" style={{ display: 'flex', marginTop: 8 }}>
                      <span style={{ lineHeight: '32px', width: 56 }}>{t('tariff.tierNo', { n: i + 1 })}</span>
                      <Form.Item
                        name={[field.name, 'upTo']}
                        dependencies={fields.filter((_, j) => j === i - 1).map((f) => ['tiers', f.name, 'upTo'])}
                        rules={
                          last
                            ? []
                            : [
                                { required: true, message: t('tariff.upToRequired') },
                                { pattern: VOLUME, message: t('tariff.volumeInvalid') },
                                ({ getFieldValue }) => ({
                                  validator: (_, value: string | undefined) => {
                                    if (!value || !VOLUME.test(value) || i === 0) return Promise.resolve();
                                    const before = getFieldValue(['tiers', i - 1, 'upTo']) as string | undefined;
                                    return before && VOLUME.test(before) && Number(value) <= Number(before)
                                      ? Promise.reject(new Error(t('tariff.tiersAscending')))
                                      : Promise.resolve();
                                  },
                                }),
                              ]
                        }
                      >
                        <Input
                          disabled={last}
                          placeholder={last ? t('tariff.unbounded') : t('tariff.upTo')}
                          suffix="m³"
                          style={{ width: 200 }}
                          data-testid={`tariff-tier-${i + 1}-upto`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'price']}
                        rules={[
                          { required: true, message: t('validation.required', { field: t('tariff.price') }) },
                          { pattern: PRICE, message: t('tariff.priceInvalid') },
                        ]}
                      >
                        <Input
                          inputMode="decimal"
                          placeholder={t('tariff.price')}
                          suffix={t('tariff.perM3')}
                          style={{ width: 200 }}
                          data-testid={`tariff-tier-${i + 1}-price`}
                        />
                      </Form.Item>
                      {fields.length > 1 && (
                        <MinusCircleOutlined
                          style={{ lineHeight: '32px', marginTop: 9 }}
                          aria-label={t('tariff.removeTier')}
                          onClick={() => remove(field.name)}
                        />
                      )}
                    </Space>
                  );
                })}
                {fields.length < 9 && (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    style={{ marginTop: 8 }}
                    onClick={() => add({}, Math.max(fields.length - 1, 0))}
                  >
                    {t('tariff.addTier')}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        )}
        <Form.Item name="reason" label={t('tariff.reason')} rules={[{ max: 500 }]} style={{ marginTop: 16 }}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('tariff.reasonHint')} data-testid="tariff-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

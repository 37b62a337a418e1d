import { useMutation } from '@tanstack/react-query';
import { App, Form, InputNumber } from 'antd';
import { setHousehold } from '../../../api/billing';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { rules } from '../../../lib/validation';
import { AccountSelect } from '../../customers/AccountSelect';

interface HouseholdForm {
  accountId: string;
  persons: number;
}

/** BIL-1: the household size (户籍人口) a residential account's tiers are widened for. */
export function HouseholdModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<HouseholdForm>();
  const mutation = useMutation({
    mutationFn: (v: HouseholdForm) => setHousehold(v.accountId, v.persons),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (r) => {
      message.success(t('tariff.household.saved', { persons: r.persons }));
      mutation.reset();
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
      title={t('tariff.household.title')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="household-submit"
    >
      <Form<HouseholdForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <p>{t('tariff.household.hint')}</p>
        <Form.Item
          name="accountId"
          label={t('tariff.household.account')}
          rules={[rules.requiredSelect(t, 'tariff.household.account')]}
        >
          <AccountSelect data-testid="household-account" />
        </Form.Item>
        <Form.Item
          name="persons"
          label={t('tariff.household.persons')}
          rules={[
            rules.requiredSelect(t, 'tariff.household.persons'),
            { type: 'integer', min: 1, max: 99, message: t('tariff.household.personsRange') },
          ]}
        >
          <InputNumber min={1} max={99} precision={0} data-testid="household-persons" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

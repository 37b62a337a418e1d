import { Alert, Checkbox, Form, type FormInstance, Input, Select } from 'antd';
import type { AccountOverview } from '../../../api/customers';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import { label, SMS_CARRIERS, SPECIAL_CARE } from '../labels';
import { type DirectForm, directInitial } from './model';
import { useKeepUntouchedCurrent } from './useKeepUntouchedCurrent';

/** Special care, note, SMS number and a payment method that touches no bank details: saved at once. */
export function DirectFields({
  form,
  overview,
  onFinish,
}: {
  form: FormInstance<DirectForm>;
  overview: AccountOverview;
  onFinish: (values: DirectForm) => void;
}) {
  const { t } = useT();
  useKeepUntouchedCurrent(form, directInitial(overview));
  const meterType = overview.meter?.meterType;
  const debit = overview.account.paymentMethod === 'bankDebit';
  // CUS-7: an IC-card meter is paid by top-up; a metered one never is. Bank debit is a protected change.
  const methods = meterType === 'icCard' ? ['icTopUp'] : ['counter', 'online'];
  const smsMobile = Form.useWatch(['account', 'smsMobile'], form);
  return (
    <Form<DirectForm>
      form={form}
      layout="vertical"
      validateTrigger="onChange"
      initialValues={directInitial(overview)}
      onFinish={onFinish}
      data-testid="edit-direct-form"
    >
      <Alert type="info" showIcon title={t('customers.edit.directHint')} style={{ marginBottom: 16 }} />
      <Form.Item name={['customer', 'specialCare']} label={t('customers.specialCare')}>
        <Checkbox.Group
          options={SPECIAL_CARE.map((c) => ({ value: c, label: t(label('specialCare', c)) }))}
          data-testid="edit-specialCare"
        />
      </Form.Item>
      <Form.Item name={['customer', 'note']} label={t('customers.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="edit-note" />
      </Form.Item>
      <Form.Item
        name={['account', 'paymentMethod']}
        label={t('customers.paymentMethod')}
        extra={debit ? t('customers.edit.protectedHint') : undefined}
      >
        <Select
          disabled={debit}
          options={(debit ? ['bankDebit'] : methods).map((m) => ({ value: m, label: t(label('payment', m)) }))}
          data-testid="edit-paymentMethod"
        />
      </Form.Item>
      <Form.Item
        name={['account', 'smsMobile']}
        label={t('customers.smsMobile')}
        rules={[rules.phone(t)]}
        extra={overview.account.smsMobile ? `${overview.account.smsMobile}` : undefined}
      >
        <Input inputMode="numeric" maxLength={11} data-testid="edit-smsMobile" />
      </Form.Item>
      <Form.Item
        name={['account', 'smsCarrier']}
        label={t('customers.smsCarrier')}
        dependencies={[['account', 'smsMobile']]}
        rules={[
          {
            validator: (_, v) =>
              smsMobile?.trim() && !v
                ? Promise.reject(new Error(t('customers.edit.carrierRequired')))
                : Promise.resolve(),
          },
        ]}
      >
        <Select
          allowClear
          options={SMS_CARRIERS.map((c) => ({ value: c, label: t(label('carrier', c)) }))}
          data-testid="edit-smsCarrier"
        />
      </Form.Item>
      <Form.Item name="reason" label={t('customers.edit.reason')} rules={[{ max: 500 }]}>
        <Input placeholder={t('customers.edit.reasonPlaceholder')} data-testid="edit-direct-reason" />
      </Form.Item>
    </Form>
  );
}

import { Form, type FormInstance, Input, Select } from 'antd';
import type { AccountOverview } from '../../../api/customers';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import { label } from '../labels';
import { type InvoiceForm, invoiceInitial } from './model';
import { useKeepUntouchedCurrent } from './useKeepUntouchedCurrent';

const TAX_NO = /^[0-9A-Z]{15,20}$/;

/** 开票信息: edited directly with its own version. */
export function InvoiceFields({
  form,
  overview,
  onFinish,
}: {
  form: FormInstance<InvoiceForm>;
  overview: AccountOverview;
  onFinish: (values: InvoiceForm) => void;
}) {
  const { t } = useT();
  useKeepUntouchedCurrent(form, invoiceInitial(overview));
  const kind = Form.useWatch('invoiceKind', form);
  // A special VAT invoice needs the tax number, address and bank account.
  const neededForSpecial = (field: MessageKey) => ({
    validator: (_: unknown, v: string | undefined) =>
      kind === 'special' && !v?.trim()
        ? Promise.reject(new Error(t('customers.edit.specialNeeds', { field: t(field) })))
        : Promise.resolve(),
  });
  return (
    <Form<InvoiceForm>
      form={form}
      layout="vertical"
      validateTrigger="onChange"
      initialValues={invoiceInitial(overview)}
      onFinish={onFinish}
      data-testid="edit-invoice-form"
    >
      <Form.Item name="invoiceKind" label={t('customers.view.invoiceKind')}>
        <Select
          options={(['ordinary', 'special'] as const).map((k) => ({ value: k, label: t(label('invoiceKind', k)) }))}
          data-testid="edit-invoiceKind"
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('customers.view.invoiceTitle')}
        rules={[rules.required(t, 'customers.view.invoiceTitle'), { max: 100 }]}
      >
        <Input data-testid="edit-invoice-title" />
      </Form.Item>
      <Form.Item
        name="taxNo"
        label={t('customers.taxNo')}
        dependencies={['invoiceKind']}
        rules={[neededForSpecial('customers.taxNo'), { pattern: TAX_NO, message: t('customers.edit.taxNo') }]}
      >
        <Input data-testid="edit-invoice-taxNo" />
      </Form.Item>
      <Form.Item
        name="address"
        label={t('customers.view.invoiceAddress')}
        dependencies={['invoiceKind']}
        rules={[neededForSpecial('customers.view.invoiceAddress'), { max: 200 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t('customers.view.invoicePhone')} rules={[{ max: 32 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="bankName" label={t('customers.bankName')} rules={[{ max: 64 }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="bankAccountNo"
        label={t('customers.bankAccountNo')}
        dependencies={['invoiceKind']}
        rules={[neededForSpecial('customers.bankAccountNo'), { max: 40 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t('customers.view.email')} rules={[rules.email(t)]}>
        <Input />
      </Form.Item>
    </Form>
  );
}

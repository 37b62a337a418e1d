import type { FormInstance, FormRule } from 'antd';
import { Form, Input, Tag } from 'antd';
import { ApiError } from '../../../api/client';
import { type CustomerKind, type InvoiceKind, type InvoiceStatus, isCommercial, TAX_NO } from '../../../api/invoices';
import { useT } from '../../../i18n/useT';

/**
 * 购买方信息 under `buyer` in a form: the rules of PAY-6 checked as you type — residential invoices are made out to
 * the customer (title fixed), C&I need the tax ID, special invoices also address, phone, bank and account.
 */
export function BuyerFields({
  kind,
  customerKind,
  customerName,
  prefix = ['buyer'],
  emailRequired = false,
}: {
  kind: InvoiceKind | undefined;
  customerKind: CustomerKind;
  customerName: string;
  prefix?: string[];
  emailRequired?: boolean;
}) {
  const { t } = useT();
  const ci = isCommercial(customerKind);
  const special = kind === 'special';
  const need = (on: boolean, field: Parameters<typeof t>[0]): FormRule[] =>
    on ? [{ required: true, whitespace: true, message: t('invoice.buyer.required', { field: t(field) }) }] : [];
  const name = (n: string) => [...prefix, n];
  return (
    <>
      <Form.Item
        name={name('title')}
        label={t('invoice.buyer.title')}
        extra={ci ? undefined : t('invoice.buyer.residentialTitle')}
        rules={[...need(true, 'invoice.buyer.title'), { max: 100, message: t('invoice.buyer.titleLong') }]}
        initialValue={ci ? undefined : customerName}
      >
        <Input disabled={!ci} data-testid="invoice-buyer-title" maxLength={100} />
      </Form.Item>
      <Form.Item
        name={name('taxNo')}
        label={t('invoice.buyer.taxNo')}
        normalize={(v: string) => v?.toUpperCase()}
        rules={[...need(ci, 'invoice.buyer.taxNo'), { pattern: TAX_NO, message: t('invoice.buyer.taxNoInvalid') }]}
      >
        <Input data-testid="invoice-buyer-taxNo" maxLength={20} />
      </Form.Item>
      {ci && (
        <>
          <Form.Item
            name={name('address')}
            label={t('invoice.buyer.address')}
            rules={need(special, 'invoice.buyer.address')}
          >
            <Input data-testid="invoice-buyer-address" maxLength={200} />
          </Form.Item>
          <Form.Item
            name={name('phone')}
            label={t('invoice.buyer.phone')}
            rules={[
              ...need(special, 'invoice.buyer.phone'),
              { pattern: /^[0-9+() -]{5,30}$/, message: t('invoice.buyer.phoneInvalid') },
            ]}
          >
            <Input data-testid="invoice-buyer-phone" maxLength={30} />
          </Form.Item>
          <Form.Item
            name={name('bankName')}
            label={t('invoice.buyer.bankName')}
            rules={need(special, 'invoice.buyer.bankName')}
          >
            <Input data-testid="invoice-buyer-bankName" maxLength={100} />
          </Form.Item>
          <Form.Item
            name={name('bankAccount')}
            label={t('invoice.buyer.bankAccount')}
            rules={[
              ...need(special, 'invoice.buyer.bankAccount'),
              { pattern: /^[0-9 -]{6,40}$/, message: t('invoice.buyer.bankAccountInvalid') },
            ]}
          >
            <Input data-testid="invoice-buyer-bankAccount" maxLength={40} />
          </Form.Item>
        </>
      )}
      {(kind === 'electronic' || emailRequired) && (
        <Form.Item
          name={name('email')}
          label={t('invoice.buyer.email')}
          rules={[
            ...need(emailRequired, 'invoice.buyer.email'),
            { type: 'email', message: t('invoice.buyer.emailInvalid') },
          ]}
        >
          <Input data-testid="invoice-buyer-email" maxLength={100} />
        </Form.Item>
      )}
    </>
  );
}

/** The buyer as the server takes it: blanks left out. */
export function cleanBuyer(b: Record<string, string | undefined> | undefined) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(b ?? {})) if (v?.trim()) out[k] = v.trim();
  return out;
}

/**
 * Puts the server's field errors on the form (`buyer.taxNo` → ['buyer', 'taxNo']); answers whether any landed, so
 * the caller shows the rest (e.g. `paymentIds`) above the form.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, known: string[]): boolean {
  if (!(err instanceof ApiError)) return false;
  const fields = (err.details?.fields ?? []).filter((f) => known.includes(f.path));
  form.setFields(fields.map((f) => ({ name: f.path.split('.'), errors: [f.message] })));
  return fields.length > 0;
}

export function KindTag({ kind }: { kind: InvoiceKind }) {
  const { t } = useT();
  const color = kind === 'special' ? 'purple' : kind === 'electronic' ? 'cyan' : 'blue';
  return <Tag color={color}>{t(`invoice.kind.${kind}`)}</Tag>;
}

export function StatusTag({ status }: { status: InvoiceStatus }) {
  const { t } = useT();
  return <Tag color={status === 'issued' ? 'green' : 'red'}>{t(`invoice.status.${status}`)}</Tag>;
}

export const BUYER_FIELDS = ['title', 'taxNo', 'address', 'phone', 'bankName', 'bankAccount', 'email'];

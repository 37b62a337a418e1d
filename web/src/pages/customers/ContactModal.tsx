import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import {
  CHANNELS,
  type Channel,
  contactsKey,
  listContactCategories,
  type NewContact,
  recordContact,
} from '../../api/contacts';
import { customersKey } from '../../api/customers';
import { useCan } from '../../auth/CurrentUserContext';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import { applyServerFieldErrors } from '../../lib/forms';
import { businessInstant } from '../../lib/time';
import { blankToUndefined, rules } from '../../lib/validation';
import { AccountSelect } from './AccountSelect';
import { label } from './labels';

interface ContactForm {
  channel: Channel;
  category?: string;
  accountId?: string;
  callerName?: string;
  phone?: string;
  summary: string;
  contactedAt?: Dayjs | null;
}

const PHONE = /^[0-9+\-() ]{3,32}$/;

/**
 * 登记来访/来电 (SVC-1): every hall visit, call or online contact goes into the intake register,
 * about an account when there is one, or by the caller's name or phone.
 */
export function ContactModal({
  open,
  onClose,
  account,
  defaultChannel = 'hall',
}: {
  open: boolean;
  onClose: () => void;
  /** The account the contact is about, when opened from its 360° view. */
  account?: { id: string; accountNo: string; name: string };
  defaultChannel?: Channel;
}) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ContactForm>();
  const categories = useQuery({
    queryKey: [...contactsKey, 'categories'],
    queryFn: listContactCategories,
    staleTime: 300_000,
  });
  const accountId = Form.useWatch('accountId', form);

  const mutation = useMutation({
    mutationFn: (body: NewContact) => recordContact(body),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('customers.contact.saved'));
      queryClient.invalidateQueries({ queryKey: contactsKey });
      if (account) queryClient.invalidateQueries({ queryKey: [...customersKey, 'account', account.id] });
      close();
    },
  });

  function close() {
    mutation.reset();
    onClose();
  }

  const onFinish = (v: ContactForm) =>
    mutation.mutate({
      channel: v.channel,
      category: v.category!,
      accountId: account?.id ?? v.accountId ?? null,
      callerName: blankToUndefined(v.callerName) ?? null,
      phone: blankToUndefined(v.phone) ?? null,
      summary: v.summary.trim(),
      contactedAt: v.contactedAt ? businessInstant(v.contactedAt) : null,
    });

  const fieldError = mutation.error instanceof ApiError && (mutation.error.details?.fields?.length ?? 0) > 0;
  return (
    <FormModal
      open={open}
      title={
        account
          ? `${t('customers.contact.title')} · ${account.accountNo} ${account.name}`
          : t('customers.contact.title')
      }
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={fieldError ? null : mutation.error}
      submitTestId="contact-submit"
      width={640}
    >
      <Form<ContactForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ channel: defaultChannel }}
        onFinish={onFinish}
      >
        <Form.Item
          name="channel"
          label={t('customers.contact.channel')}
          rules={[rules.requiredSelect(t, 'customers.contact.channel')]}
        >
          <Radio.Group
            optionType="button"
            options={CHANNELS.map((c) => ({ value: c, label: t(label('channel', c)) }))}
            data-testid="contact-channel"
          />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('customers.contact.category')}
          rules={[rules.requiredSelect(t, 'customers.contact.category')]}
        >
          <Select
            loading={categories.isLoading}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: lang === 'en' ? c.en : c.zh }))}
            data-testid="contact-category"
          />
        </Form.Item>
        {!account && can('customer.read') && (
          <Form.Item name="accountId" label={t('customers.contact.account')}>
            <AccountSelect data-testid="contact-account" />
          </Form.Item>
        )}
        <Form.Item
          name="callerName"
          label={t('customers.contact.callerName')}
          dependencies={['phone', 'accountId']}
          rules={[
            { max: 50 },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                account || accountId || v?.trim() || getFieldValue('phone')?.trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('customers.contact.whoRequired'))),
            }),
          ]}
        >
          <Input data-testid="contact-callerName" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('customers.contact.phone')}
          rules={[{ pattern: PHONE, message: t('validation.phone') }]}
        >
          <Input data-testid="contact-phone" />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('customers.contact.summary')}
          rules={[rules.required(t, 'customers.contact.summary'), { max: 1000 }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="contact-summary" />
        </Form.Item>
        <Form.Item
          name="contactedAt"
          label={t('customers.contact.contactedAt')}
          extra={t('customers.contact.contactedAtHint')}
        >
          <DatePicker
            showTime
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MessageFilters as Filters, MessageStatus } from '../../../api/notify';
import { FilterActions } from '../../../components/FilterActions';
import { useT } from '../../../i18n/useT';
import { businessInstant } from '../../../lib/time';
import { blankToUndefined } from '../../../lib/validation';
import { useStatusOptions } from './MessageStatusTag';

interface FilterForm {
  customerRef?: string;
  recipient?: string;
  status?: MessageStatus;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(values: FilterForm): Filters {
  const [from, to] = values.range ?? [];
  return {
    customerRef: blankToUndefined(values.customerRef),
    recipient: blankToUndefined(values.recipient)?.replace(/[\s-]/g, ''),
    status: values.status,
    from: from ? businessInstant(from) : undefined,
    to: to ? businessInstant(to) : undefined,
  };
}

export function MessageFilters({ onSearch }: { onSearch: (filters: Filters) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<FilterForm>();
  const statusOptions = useStatusOptions();

  return (
    <Form<FilterForm>
      form={form}
      layout="inline"
      onFinish={(values) => onSearch(toFilters(values))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item name="customerRef" label={t('notify.customerRef')}>
        <Input allowClear style={{ width: 160 }} data-testid="message-filter-customer" />
      </Form.Item>
      <Form.Item name="recipient" label={t('notify.recipient')}>
        <Input allowClear style={{ width: 150 }} inputMode="numeric" data-testid="message-filter-recipient" />
      </Form.Item>
      <Form.Item name="status" label={t('notify.status')}>
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('notify.allStatuses')}
          options={statusOptions}
          data-testid="message-filter-status"
        />
      </Form.Item>
      <Form.Item name="range" label={t('notify.range')}>
        <DatePicker.RangePicker
          showTime={{ defaultValue: [dayjs('00:00:00', 'HH:mm:ss'), dayjs('23:59:59', 'HH:mm:ss')] }}
          format="YYYY-MM-DD HH:mm:ss"
          allowEmpty={[true, true]}
        />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch({})} searchTestId="message-search" />
    </Form>
  );
}

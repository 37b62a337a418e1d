import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ApprovalStatus, type RegisterFilters as Filters, useApprovalKinds } from '../../api/approvals';
import { useCan } from '../../auth/CurrentUserContext';
import { FilterActions } from '../../components/FilterActions';
import { UserSelect } from '../../components/UserSelect';
import { useT } from '../../i18n/useT';
import { businessInstant } from '../../lib/time';
import { blankToUndefined } from '../../lib/validation';
import { useStatusOptions } from './ApprovalStatusTag';
import { usePick } from './format';

interface RegisterFilterForm {
  kind?: string;
  status?: ApprovalStatus;
  range?: [Dayjs | null, Dayjs | null] | null;
  requestedBy?: string;
  q?: string;
}

function toFilters(values: RegisterFilterForm): Filters {
  const [from, to] = values.range ?? [];
  return {
    kind: values.kind,
    status: values.status,
    // Whole business days: from the start of the first to the end of the last.
    from: from ? businessInstant(from.startOf('day')) : undefined,
    to: to ? businessInstant(to.endOf('day')) : undefined,
    requestedBy: values.requestedBy,
    q: blankToUndefined(values.q),
  };
}

export function RegisterFilters({ onSearch }: { onSearch: (filters: Filters) => void }) {
  const { t } = useT();
  const pick = usePick();
  const canPickUser = useCan()('iam.user.read');
  const kinds = useApprovalKinds();
  const statusOptions = useStatusOptions();
  const [form] = Form.useForm<RegisterFilterForm>();

  return (
    <Form<RegisterFilterForm>
      form={form}
      layout="inline"
      onFinish={(values) => onSearch(toFilters(values))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item name="kind" label={t('approvals.kind')}>
        <Select<string>
          allowClear
          style={{ width: 160 }}
          loading={kinds.isPending}
          options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: pick(k.name) }))}
          data-testid="register-filter-kind"
        />
      </Form.Item>
      <Form.Item name="status" label={t('approvals.status')}>
        <Select<ApprovalStatus>
          allowClear
          style={{ width: 120 }}
          options={statusOptions}
          data-testid="register-filter-status"
        />
      </Form.Item>
      <Form.Item name="range" label={t('approvals.createdRange')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="register-filter-range" />
      </Form.Item>
      {canPickUser && (
        <Form.Item name="requestedBy" label={t('approvals.requestedBy')}>
          <UserSelect
            style={{ width: 180 }}
            placeholder={t('approvals.requesterPlaceholder')}
            data-testid="register-filter-requester"
          />
        </Form.Item>
      )}
      <Form.Item name="q" label={t('approvals.keyword')}>
        <Input allowClear placeholder={t('approvals.keywordPlaceholder')} data-testid="register-filter-q" />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch({})} searchTestId="register-search" />
    </Form>
  );
}

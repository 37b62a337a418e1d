import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AuditFilters as Filters } from '../../../api/audit';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { UserSelect } from '../../../components/UserSelect';
import { useT } from '../../../i18n/useT';
import { businessInstant } from '../../../lib/time';
import { blankToUndefined } from '../../../lib/validation';

interface AuditFilterForm {
  range?: [Dayjs | null, Dayjs | null] | null;
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  q?: string;
}

function toFilters(values: AuditFilterForm): Filters {
  const [from, to] = values.range ?? [];
  return {
    from: from ? businessInstant(from) : undefined,
    to: to ? businessInstant(to) : undefined,
    actorId: blankToUndefined(values.actorId),
    action: blankToUndefined(values.action),
    entityType: blankToUndefined(values.entityType),
    entityId: blankToUndefined(values.entityId),
    q: blankToUndefined(values.q),
  };
}

export function AuditFilters({ onSearch }: { onSearch: (filters: Filters) => void }) {
  const { t } = useT();
  const canPickUser = useCan()('iam.user.read');
  const [form] = Form.useForm<AuditFilterForm>();

  return (
    <Form<AuditFilterForm>
      form={form}
      layout="inline"
      onFinish={(values) => onSearch(toFilters(values))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item name="range" label={t('audit.range')}>
        <DatePicker.RangePicker
          showTime={{ defaultValue: [dayjs('00:00:00', 'HH:mm:ss'), dayjs('23:59:59', 'HH:mm:ss')] }}
          format="YYYY-MM-DD HH:mm:ss"
          allowEmpty={[true, true]}
        />
      </Form.Item>
      <Form.Item name="actorId" label={t('audit.actor')}>
        {canPickUser ? (
          <UserSelect style={{ width: 180 }} data-testid="audit-filter-actor" />
        ) : (
          <Input allowClear placeholder={t('audit.actorIdPlaceholder')} data-testid="audit-filter-actor" />
        )}
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input allowClear placeholder="iam.user.create" data-testid="audit-filter-action" />
      </Form.Item>
      <Form.Item name="entityType" label={t('audit.entityType')}>
        <Input allowClear style={{ width: 140 }} data-testid="audit-filter-entityType" />
      </Form.Item>
      <Form.Item name="entityId" label={t('audit.entityId')}>
        <Input allowClear style={{ width: 160 }} data-testid="audit-filter-entityId" />
      </Form.Item>
      <Form.Item name="q" label={t('audit.keyword')}>
        <Input allowClear data-testid="audit-filter-q" />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch({})} searchTestId="audit-search" />
    </Form>
  );
}

import { Form, InputNumber, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { PlanStatus, ReadingStatus } from '../../../api/readings';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { BUSINESS_TZ } from '../../../lib/time';

const FLAG_COLORS: Record<string, string> = {
  zeroUse: 'default',
  reversal: 'red',
  rollover: 'purple',
  high: 'orange',
  low: 'gold',
  meterChange: 'blue',
  belowDesignedFlow: 'magenta',
};

/** MTR-4: a reading's anomaly flags, in Chinese first. */
export function FlagTags({ flags }: { flags: string[] }) {
  const { t } = useT();
  return (
    <>
      {flags.map((f) => (
        <Tag key={f} color={FLAG_COLORS[f] ?? 'default'} data-testid={`flag-${f}`}>
          {FLAG_COLORS[f] ? t(`reading.flag.${f}` as MessageKey) : f}
        </Tag>
      ))}
    </>
  );
}

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useT();
  const color = { planned: 'default', downloaded: 'blue', uploaded: 'green' }[status];
  return <Tag color={color}>{t(`reading.plan.status.${status}`)}</Tag>;
}

export function ReadingStatusTag({ status }: { status: ReadingStatus }) {
  const { t } = useT();
  const color = { pending: 'default', flagged: 'orange', accepted: 'green', reread: 'purple', superseded: 'default' }[
    status
  ];
  return <Tag color={color}>{t(`reading.status.${status}`)}</Tag>;
}

/** A month picker's value as the period YYYY-MM. */
export const toPeriod = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM') : undefined);
export const fromPeriod = (p: string | undefined) => (p ? dayjs(`${p}-01`) : undefined);
/** The current business month (Asia/Shanghai). */
export const currentPeriod = () => dayjs().tz(BUSINESS_TZ).format('YYYY-MM');

/** The reading day and the cycle offset of a book: the same two fields in the new-book form and the book's own. */
export function BookScheduleFields() {
  const { t } = useT();
  return (
    <Space>
      <Form.Item
        name="readDay"
        label={t('reading.book.readDay')}
        rules={[{ required: true, type: 'integer', min: 1, max: 28, message: t('reading.book.readDayRange') }]}
      >
        <InputNumber min={1} max={28} precision={0} />
      </Form.Item>
      <Form.Item
        name="cycleOffset"
        label={t('reading.book.cycleOffset')}
        rules={[{ required: true, type: 'integer', min: 0, max: 11, message: t('reading.book.cycleOffsetRange') }]}
      >
        <InputNumber min={0} max={11} precision={0} />
      </Form.Item>
    </Space>
  );
}

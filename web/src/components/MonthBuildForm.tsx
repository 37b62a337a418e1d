import { Button, DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import type { MessageKey } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { rules } from '../lib/validation';

/**
 * A month and a button that builds that month's report now (the scheduled job builds it on its day): the
 * meter-fault summary (BIL-5), the fiscal stock count (PAY-5). The month is cleared once the build succeeded.
 */
export function MonthBuildForm(props: {
  monthLabel: MessageKey;
  buildLabel: MessageKey;
  loading: boolean;
  onBuild: (month: string) => Promise<unknown>;
  /** `<prefix>-month` and `<prefix>-build` for tests. */
  testIdPrefix: string;
}) {
  const { t } = useT();
  const [form] = Form.useForm<{ month: Dayjs }>();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) =>
        props.onBuild(v.month.format('YYYY-MM')).then(
          () => form.resetFields(),
          () => undefined, // the caller shows the error; the month stays for another try
        )
      }
    >
      <Form.Item name="month" rules={[rules.requiredSelect(t, props.monthLabel)]} style={{ marginBottom: 0 }}>
        <DatePicker picker="month" data-testid={`${props.testIdPrefix}-month`} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={props.loading} data-testid={`${props.testIdPrefix}-build`}>
          {t(props.buildLabel)}
        </Button>
      </Form.Item>
    </Form>
  );
}

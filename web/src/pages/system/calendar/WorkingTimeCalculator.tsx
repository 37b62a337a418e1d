import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Segmented, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { computeWorkingTime } from '../../../api/calendar';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { businessInstant, formatDateTime } from '../../../lib/time';
import { rules } from '../../../lib/validation';

type Mode = 'days' | 'hours';

interface CalculatorForm {
  from: Dayjs;
  amount: number;
}

/** From a date plus N working days, or from an instant plus N working hours, on the company's calendar. */
export function WorkingTimeCalculator() {
  const { t } = useT();
  const [form] = Form.useForm<CalculatorForm>();
  const [mode, setMode] = useState<Mode>('days');
  const compute = useMutation({
    mutationFn: ({ from, amount }: CalculatorForm) =>
      mode === 'days'
        ? computeWorkingTime({ from: from.format('YYYY-MM-DD'), workingDays: amount })
        : computeWorkingTime({ from: businessInstant(from), workingHours: amount }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
  });
  const result = compute.data;

  const switchMode = (next: Mode) => {
    compute.reset();
    setMode(next);
  };

  return (
    <Card size="small" title={t('calendar.calculator')} data-testid="cal-calculator">
      <Segmented<Mode>
        value={mode}
        onChange={switchMode}
        options={[
          { value: 'days', label: t('calendar.calc.days') },
          { value: 'hours', label: t('calendar.calc.hours') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <FormErrorAlert error={compute.error} />
      <Form<CalculatorForm>
        form={form}
        layout="inline"
        initialValues={{ from: dayjs(), amount: 3 }}
        onFinish={(values) => compute.mutate(values)}
      >
        <Form.Item name="from" label={t('calendar.calc.from')} rules={[rules.requiredSelect(t, 'calendar.calc.from')]}>
          {mode === 'days' ? (
            <DatePicker allowClear={false} data-testid="cal-calc-from" />
          ) : (
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} />
          )}
        </Form.Item>
        <Form.Item
          name="amount"
          label={t(mode === 'days' ? 'calendar.calc.workingDays' : 'calendar.calc.workingHours')}
          rules={[
            rules.requiredSelect(t, mode === 'days' ? 'calendar.calc.workingDays' : 'calendar.calc.workingHours'),
          ]}
        >
          <InputNumber
            min={0}
            max={mode === 'days' ? 366 : 2000}
            precision={mode === 'days' ? 0 : 2}
            data-testid="cal-calc-amount"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={compute.isPending} data-testid="cal-calc-submit">
          {t('calendar.calc.compute')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 8 }}>
        {t(mode === 'days' ? 'calendar.calc.daysHint' : 'calendar.calc.hoursHint')}
      </Typography.Paragraph>
      {result && (
        <Alert
          type="success"
          data-testid="cal-calc-result"
          title={t('calendar.calc.result', {
            value:
              result.workingDays === null
                ? formatDateTime(result.to)
                : `${result.to} ${dayjs(result.to).format('dddd')}`,
          })}
        />
      )}
    </Card>
  );
}

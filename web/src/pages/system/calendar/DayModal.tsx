import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Divider, Flex, Form, Input, Modal, Popconfirm, Radio, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  type CalendarDayKind,
  calendarKey,
  createClosure,
  deleteCalendarDay,
  deleteClosure,
  upsertCalendarDay,
} from '../../../api/calendar';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { settle } from '../../../lib/settle';
import { rules } from '../../../lib/validation';
import { type DayInfo, isWeekend } from './calendarModel';

type KindChoice = CalendarDayKind | 'normal';

interface NationalForm {
  kind: KindChoice;
  name?: string;
}

/** Sets one day: its place in the official schedule (national) and whether the company is closed. */
export function DayModal({
  info,
  onClose,
  canEditNational,
  canEditClosures,
}: {
  info: DayInfo;
  onClose: () => void;
  canEditNational: boolean;
  canEditClosures: boolean;
}) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [national] = Form.useForm<NationalForm>();
  const [closureForm] = Form.useForm<{ reason: string }>();
  const kind = Form.useWatch('kind', national);
  const refresh = () => queryClient.invalidateQueries({ queryKey: calendarKey });

  const saveDay = useMutation({
    mutationFn: async ({ date, values }: { date: string; values: NationalForm }) => {
      if (values.kind !== 'normal') return upsertCalendarDay(date, { kind: values.kind, name: values.name!.trim() });
      if (info.day) await deleteCalendarDay(date);
    },
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(national, err),
    onSuccess: async () => {
      await refresh();
      close();
    },
  });
  const addClosure = useMutation({
    mutationFn: createClosure,
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(closureForm, err),
    onSuccess: async () => {
      await refresh();
      close();
    },
  });
  const removeClosure = useMutation({ mutationFn: deleteClosure, onSuccess: refresh });

  function close() {
    saveDay.reset();
    addClosure.reset();
    onClose();
  }

  const { date } = info;
  const weekend = isWeekend(date);

  return (
    <Modal
      open
      title={
        <Flex gap="small" align="center">
          <span>
            {date} {dayjs(date).format('dddd')}
          </span>
          <Tag color={info.working ? 'green' : 'default'}>
            {t(info.working ? 'calendar.status.working' : 'calendar.status.off')}
          </Tag>
        </Flex>
      }
      onCancel={close}
      footer={null}
      destroyOnHidden
    >
      <Typography.Title level={5}>{t('calendar.national')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendar.nationalHint')}</Typography.Paragraph>
      {canEditNational && <FormErrorAlert error={saveDay.error} />}
      {canEditNational && (
        <Form<NationalForm>
          form={national}
          layout="vertical"
          initialValues={{ kind: info.day?.kind ?? 'normal', name: info.day?.name }}
          onFinish={(values) => saveDay.mutate({ date, values })}
        >
          <Form.Item
            name="kind"
            label={t('calendar.kind')}
            extra={weekend ? undefined : t('calendar.workdayOnlyWeekend')}
          >
            <Radio.Group data-testid="cal-kind">
              <Radio value="normal">{t('calendar.kind.normal')}</Radio>
              <Radio value="holiday">{t('calendar.kind.holiday')}</Radio>
              <Radio value="workday" disabled={!weekend}>
                {t('calendar.kind.workday')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {kind !== 'normal' && (
            <Form.Item name="name" label={t('calendar.name')} rules={[rules.required(t, 'calendar.name')]}>
              <Input maxLength={40} placeholder={t('calendar.namePlaceholder')} data-testid="cal-name" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={saveDay.isPending} data-testid="cal-save-day">
            {t('common.save')}
          </Button>
        </Form>
      )}

      <Divider />
      <Typography.Title level={5}>{t('calendar.closure')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendar.closureHint')}</Typography.Paragraph>
      {!canEditClosures ? (
        <Typography.Text>
          {info.closure ? t('calendar.closedFor', { reason: info.closure.reason }) : '—'}
        </Typography.Text>
      ) : info.closure ? (
        <Flex justify="space-between" align="center">
          <Typography.Text>{t('calendar.closedFor', { reason: info.closure.reason })}</Typography.Text>
          <Popconfirm
            title={t('calendar.removeClosureConfirm', { date })}
            okButtonProps={{ danger: true }}
            onConfirm={() => settle(removeClosure.mutateAsync(date).then(close))}
          >
            <Button danger data-testid="cal-remove-closure">
              {t('calendar.removeClosure')}
            </Button>
          </Popconfirm>
        </Flex>
      ) : (
        <>
          <FormErrorAlert error={addClosure.error} />
          <Form<{ reason: string }>
            form={closureForm}
            layout="inline"
            onFinish={(values) => addClosure.mutate({ date, reason: values.reason.trim() })}
          >
            <Form.Item name="reason" rules={[rules.required(t, 'calendar.closureReason')]} style={{ flex: 1 }}>
              <Input maxLength={200} placeholder={t('calendar.closureReason')} data-testid="cal-closure-reason" />
            </Form.Item>
            <Button htmlType="submit" loading={addClosure.isPending} data-testid="cal-add-closure">
              {t('calendar.addClosure')}
            </Button>
          </Form>
        </>
      )}
    </Modal>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import {
  pauseWorkOrder,
  resumeWorkOrder,
  type StatusTarget,
  takeWorkOrder,
  transitionWorkOrder,
  type WorkOrderDetail,
  workOrdersKey,
} from '../../../api/workOrders';
import { useCan, useCurrentUser } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { applyServerFieldErrors } from '../../../lib/forms';
import { businessInstant } from '../../../lib/time';
import { AssignModal } from './AssignModal';

/**
 * SVC-4: where a status change may take the order (the server's table; dispatch happens by assignment).
 * Completion is not here: it goes with the customer's signature, photos and the type's forms, recorded
 * on the technician's screen.
 */
const NEXT: Record<string, StatusTarget[]> = {
  created: ['cancelled'],
  dispatched: ['appointed', 'arrived', 'cancelled'],
  appointed: ['appointed', 'arrived', 'cancelled'],
  arrived: ['notCompleted'],
  notCompleted: ['appointed', 'closed', 'cancelled'],
  completed: ['closed'],
};
const DONE = ['completed', 'notCompleted', 'closed', 'cancelled'];
const ENDED = ['closed', 'cancelled'];

type Action = StatusTarget | 'pause' | 'resume';

/** What each dialog asks: a reason, an appointment time, or nothing but a confirmation. */
const ASKS: Record<Action, 'reason' | 'reasonOptional' | 'time' | 'none'> = {
  appointed: 'time',
  arrived: 'none',
  notCompleted: 'reason',
  closed: 'reasonOptional',
  cancelled: 'reason',
  pause: 'reason',
  resume: 'reason',
};

interface ActionForm {
  reason?: string;
  appointmentAt?: Dayjs;
}

/** The order's actions, each shown to those the server would let do it. */
export function OrderActions({ order }: { order: WorkOrderDetail }) {
  const { t } = useT();
  const { message } = App.useApp();
  const can = useCan();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [form] = Form.useForm<ActionForm>();
  const dispatcher = can('workorder.dispatch');
  const mine = order.technicianId === me.id;
  const worker = dispatcher || mine;

  const done = async (label: string) => {
    await queryClient.invalidateQueries({ queryKey: workOrdersKey });
    message.success(label);
  };
  const take = useMutation({
    mutationFn: () => takeWorkOrder(order.id, order.version),
    onSuccess: () => done(t('wo.action.takeDone')),
    onError: (err) => {
      message.error(errorText(err));
      void queryClient.invalidateQueries({ queryKey: workOrdersKey });
    },
  });
  const act = useMutation({
    mutationFn: ({ a, v }: { a: Action; v: ActionForm }) => {
      const reason = v.reason?.trim() || null;
      if (a === 'pause') return pauseWorkOrder(order.id, { reason: reason ?? '', version: order.version });
      if (a === 'resume') return resumeWorkOrder(order.id, { reason: reason ?? '', version: order.version });
      return transitionWorkOrder(order.id, {
        to: a,
        version: order.version,
        reason,
        appointmentAt: v.appointmentAt ? businessInstant(v.appointmentAt) : null,
      });
    },
    onSuccess: async (_, { a }) => {
      setAction(null);
      await done(t(`wo.action.${a}` as MessageKey));
    },
    onError: (err) => {
      applyServerFieldErrors(form, err);
      if (err instanceof ApiError && err.status === 409)
        void queryClient.invalidateQueries({ queryKey: workOrdersKey });
    },
  });

  const open = !ENDED.includes(order.status);
  const statusActions = worker && !order.paused ? (NEXT[order.status] ?? []) : [];
  const allowed: Action[] = statusActions.filter((a) => dispatcher || (a !== 'closed' && a !== 'cancelled'));
  // A paused order may still be cancelled by a dispatcher.
  if (
    order.paused &&
    dispatcher &&
    open &&
    !allowed.includes('cancelled') &&
    NEXT[order.status]?.includes('cancelled')
  ) {
    allowed.push('cancelled');
  }
  const mayPause = worker && !DONE.includes(order.status) && !order.paused;
  const mayResume = worker && open && order.paused;
  const mayTake = can('workorder.work') && !order.technicianId && !DONE.includes(order.status);
  const mayAssign = dispatcher && !DONE.includes(order.status);

  const start = (a: Action) => {
    act.reset();
    form.resetFields();
    setAction(a);
  };
  const asks = action ? ASKS[action] : 'none';

  return (
    <>
      <Space wrap data-testid="order-actions">
        {mayAssign && (
          <Button type="primary" onClick={() => setAssigning(true)} data-testid="order-assign">
            {order.technicianId || order.teamId ? t('wo.reassign') : t('wo.assign')}
          </Button>
        )}
        {mayTake && (
          <Button onClick={() => take.mutate()} loading={take.isPending} data-testid="order-take">
            {t('wo.action.take')}
          </Button>
        )}
        {allowed.map((a) => (
          <Button key={a} danger={a === 'cancelled'} onClick={() => start(a)} data-testid={`order-${a}`}>
            {t(`wo.action.to.${a}` as MessageKey)}
          </Button>
        ))}
        {mayPause && (
          <Button onClick={() => start('pause')} data-testid="order-pause">
            {t('wo.action.to.pause')}
          </Button>
        )}
        {mayResume && (
          <Button type="primary" onClick={() => start('resume')} data-testid="order-resume">
            {t('wo.action.to.resume')}
          </Button>
        )}
      </Space>
      {action && (
        <FormModal
          open
          title={t(`wo.action.to.${action}` as MessageKey)}
          onCancel={() => setAction(null)}
          form={form}
          pending={act.isPending}
          error={act.error}
          submitTestId="action-submit"
          submitLabel={t('common.submit')}
        >
          <Form<ActionForm> form={form} layout="vertical" onFinish={(v) => act.mutate({ a: action, v })}>
            {asks === 'none' && <p>{t('wo.action.confirm', { no: order.orderNo })}</p>}
            {asks === 'time' && (
              <Form.Item
                name="appointmentAt"
                label={t('wo.appointmentAt')}
                rules={[
                  { required: true, message: t('wo.action.timeRequired') },
                  {
                    validator: (_, v: Dayjs | undefined) =>
                      !v || Date.parse(businessInstant(v)) >= Date.parse(order.reportedAt)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('wo.action.timeBeforeReport'))),
                  },
                ]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="action-time" />
              </Form.Item>
            )}
            {(asks === 'reason' || asks === 'reasonOptional') && (
              <Form.Item
                name="reason"
                label={t('wo.reason')}
                rules={[
                  { required: asks === 'reason', whitespace: true, message: t('wo.action.reasonRequired') },
                  { max: 500, message: t('wo.reasonMax') },
                ]}
              >
                <Input.TextArea rows={3} maxLength={500} data-testid="action-reason" />
              </Form.Item>
            )}
          </Form>
        </FormModal>
      )}
      {assigning && <AssignModal order={order} onClose={() => setAssigning(false)} />}
    </>
  );
}

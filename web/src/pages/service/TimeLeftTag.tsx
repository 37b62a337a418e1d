import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { WorkOrder, WorkOrderPriority, WorkOrderStatus } from '../../api/workOrders';
import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../i18n/useT';

type TFn = ReturnType<typeof useT>['t'];

/** A span of time as the desk reads it: "2天3小时", "1小时20分", "35分钟". */
export function formatDuration(t: TFn, ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('wo.duration.dh', { d, h });
  if (h > 0) return t('wo.duration.hm', { h, m });
  return t('wo.duration.m', { m });
}

/** The time left of a promise, counting down in the browser between fetches (SVC-6). */
export function useTimeLeft(order: Pick<WorkOrder, 'timeLeftMs' | 'paused'>, fetchedAt: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (order.timeLeftMs === null || order.paused) return;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [order.timeLeftMs, order.paused]);
  if (order.timeLeftMs === null) return null;
  return order.paused ? order.timeLeftMs : order.timeLeftMs - Math.max(0, now - fetchedAt);
}

/**
 * SVC-6: time left on an order's promise, shown everywhere an order is: green, orange in the last
 * fifth of the promise, red once breached; grey while the clock is paused or the work is done.
 */
export function TimeLeftTag({
  order,
  fetchedAt = Date.now(),
}: {
  order: Pick<WorkOrder, 'timeLeftMs' | 'paused' | 'breached' | 'promise' | 'id'>;
  fetchedAt?: number;
}) {
  const { t } = useT();
  const left = useTimeLeft(order, fetchedAt);
  if (left === null) {
    return (
      <Tag color={order.breached ? 'red' : 'default'}>
        {t(order.breached ? 'wo.timeLeft.doneBreached' : 'wo.timeLeft.done')}
      </Tag>
    );
  }
  const text =
    left < 0
      ? t('wo.timeLeft.over', { time: formatDuration(t, left) })
      : t('wo.timeLeft.left', { time: formatDuration(t, left) });
  if (order.paused) {
    return (
      <Tag color="default" data-testid={`time-left-${order.id}`}>
        {t('wo.timeLeft.paused')} · {text}
      </Tag>
    );
  }
  const whole = promiseMs(order.promise);
  const color = left < 0 ? 'red' : whole && left < whole * 0.2 ? 'orange' : 'green';
  return (
    <Tag color={color} data-testid={`time-left-${order.id}`}>
      {text}
    </Tag>
  );
}

/** Roughly how long a promise is, for colouring only (working days count as calendar days). */
function promiseMs(p: WorkOrder['promise']): number | null {
  const unit: Record<string, number> = {
    minutes: 60_000,
    hours: 3_600_000,
    workingHours: 3_600_000,
    days: 86_400_000,
    workingDays: 86_400_000,
  };
  return unit[p.unit] ? unit[p.unit]! * p.amount : null;
}

const STATUS_COLOR: Record<WorkOrderStatus, string> = {
  created: 'default',
  dispatched: 'blue',
  appointed: 'cyan',
  arrived: 'geekblue',
  completed: 'green',
  notCompleted: 'orange',
  closed: 'default',
  cancelled: 'default',
};

export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`wo.status.${status}` as MessageKey)}</Tag>;
}

const PRIORITY_COLOR: Record<WorkOrderPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function PriorityTag({ priority }: { priority: WorkOrderPriority }) {
  const { t } = useT();
  return <Tag color={PRIORITY_COLOR[priority]}>{t(`wo.priority.${priority}` as MessageKey)}</Tag>;
}

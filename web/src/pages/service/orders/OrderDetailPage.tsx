import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Steps, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useOrgUnits } from '../../../api/org';
import { getWorkOrder, type WorkOrderEvent, workOrdersKey } from '../../../api/workOrders';
import { useCan } from '../../../auth/CurrentUserContext';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { formatDuration, PriorityTag, TimeLeftTag, WorkOrderStatusTag } from '../TimeLeftTag';
import { OrderRecordPanel } from '../technician/OrderRecordPanel';
import { OrderActions } from './OrderActions';
import { useBilingual, useEventText, useWorkOrderTypes } from './shared';

const EVENT_COLOR: Record<string, string> = {
  created: 'blue',
  assigned: 'blue',
  reassigned: 'orange',
  taken: 'blue',
  status: 'green',
  paused: 'gray',
  resumed: 'gray',
  warned: 'orange',
  escalated: 'red',
};

/** 工单详情 (SVC-4, SVC-6): who and where, the promise and its time left, the type's steps, every event, the actions. */
export function OrderDetailPage() {
  const { t } = useT();
  const bi = useBilingual();
  const navigate = useNavigate();
  const can = useCan();
  const { id = '' } = useParams<{ id: string }>();
  const detail = useQuery({
    queryKey: [...workOrdersKey, 'detail', id],
    queryFn: () => getWorkOrder(id),
    refetchInterval: 60_000,
  });
  const types = useWorkOrderTypes();
  const units = useOrgUnits();
  const eventText = useEventText();
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
      {t('wo.back')}
    </Button>
  );
  if (detail.isPending || detail.isError || !detail.data) {
    return <DetailPlaceholder query={detail} notFound={t('wo.notFound')} failed={t('wo.loadFailed')} back={back} />;
  }
  const o = detail.data;
  const type = types.data?.find((x) => x.code === o.typeCode);
  const teamName = (unitId: string | null) => (unitId ? (units.data?.find((u) => u.id === unitId)?.name ?? '') : '');
  const promiseText = t(`wo.promise.${o.promise.unit}` as MessageKey, { n: o.promise.amount });
  const arrival = o.promise.key.includes('Arrival');

  const event = (e: WorkOrderEvent) => (
    <div data-testid={`event-${e.kind}`}>
      <div>
        {eventText(e, teamName)}
        <Typography.Text type="secondary"> · {e.actorName ?? t('wo.system')}</Typography.Text>
      </div>
      {e.reason && (
        <div data-testid="event-reason">
          {t('wo.reason')}：{e.reason}
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(e.at)}
      </Typography.Text>
    </div>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        variant="borderless"
        title={
          <Space wrap>
            {back}
            <span data-testid="order-no">{o.orderNo}</span>
            <span>{bi(o.typeName)}</span>
            <span data-testid="order-status">
              <WorkOrderStatusTag status={o.status} />
            </span>
            <PriorityTag priority={o.priority} />
            <span data-testid="order-time-left">
              <TimeLeftTag order={o} fetchedAt={detail.dataUpdatedAt} />
            </span>
          </Space>
        }
      >
        {o.paused && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('wo.pausedSince', { at: formatDateTime(o.pausedSince), reason: o.pauseReason ?? '' })}
          />
        )}
        <Space orientation="vertical" style={{ width: '100%' }}>
          <OrderActions order={o} />
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            data-testid="order-header"
            items={[
              {
                key: 'customer',
                label: t('wo.customer'),
                children: (
                  <Space>
                    {o.callerName ?? ''}
                    {o.accountNo &&
                      (can('customer.read') && o.accountId ? (
                        <Link to={`/customers/accounts/${o.accountId}`}>{o.accountNo}</Link>
                      ) : (
                        o.accountNo
                      ))}
                  </Space>
                ),
              },
              { key: 'phone', label: t('wo.phone'), children: o.phone ?? '' },
              { key: 'address', label: t('wo.address'), children: o.address ?? '' },
              { key: 'channel', label: t('wo.channel'), children: t(`wo.channel.${o.channel}` as MessageKey) },
              { key: 'owner', label: t('wo.owner'), children: o.ownerName ?? '' },
              { key: 'centre', label: t('wo.centre'), children: o.orgUnitName ?? '' },
              { key: 'team', label: t('wo.team'), children: o.teamName ?? '—' },
              {
                key: 'technician',
                label: t('wo.technician'),
                children: <span data-testid="order-technician">{o.technicianName ?? t('wo.unassigned')}</span>,
              },
              { key: 'reportedAt', label: t('wo.reportedAt'), children: formatDateTime(o.reportedAt) },
              {
                key: 'description',
                label: t('wo.description'),
                span: 'filled',
                children: o.description,
              },
            ]}
          />
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card variant="borderless" title={t('wo.promiseTitle')} data-testid="order-promise">
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'promise',
                  label: t('wo.promise'),
                  children: t(arrival ? 'wo.promise.arrive' : 'wo.promise.finish', { time: promiseText }),
                },
                { key: 'deadline', label: t('wo.deadline'), children: formatDateTime(o.deadlineAt) },
                {
                  key: 'paused',
                  label: t('wo.pausedTotal'),
                  children: o.pausedMs > 0 ? formatDuration(t, o.pausedMs) : '—',
                },
                {
                  key: 'left',
                  label: t('wo.timeLeft'),
                  children: <TimeLeftTag order={o} fetchedAt={detail.dataUpdatedAt} />,
                },
                { key: 'dispatchedAt', label: t('wo.dispatchedAt'), children: formatDateTime(o.dispatchedAt) },
                { key: 'appointmentAt', label: t('wo.appointmentAt'), children: formatDateTime(o.appointmentAt) },
                { key: 'arrivedAt', label: t('wo.arrivedAt'), children: formatDateTime(o.arrivedAt) },
                { key: 'completedAt', label: t('wo.completedAt'), children: formatDateTime(o.completedAt) },
                { key: 'closedAt', label: t('wo.closedAt'), children: formatDateTime(o.closedAt) },
                ...(o.outcomeReason
                  ? [{ key: 'outcome', label: t('wo.outcomeReason'), children: o.outcomeReason }]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card variant="borderless" title={t('wo.steps')} data-testid="order-steps">
            <Steps
              orientation="vertical"
              size="small"
              current={-1}
              items={(type?.steps ?? []).map((s) => ({ key: s.code, title: bi(s) }))}
            />
          </Card>
        </Col>
      </Row>
      <div data-testid="order-record">
        <OrderRecordPanel orderId={o.id} />
      </div>
      <Card variant="borderless" title={t('wo.events')}>
        <Timeline
          data-testid="order-events"
          items={o.events.map((e) => ({ key: e.id, color: EVENT_COLOR[e.kind] ?? 'gray', content: event(e) }))}
        />
      </Card>
    </Space>
  );
}

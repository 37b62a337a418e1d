import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { myOrdersKey, myWorkOrders } from '../../../api/workOrderForms';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { PriorityTag, TimeLeftTag, WorkOrderStatusTag } from '../TimeLeftTag';

/** The technician's open orders on the phone, nearest deadline first, with the time left of each. */
export function MyOrdersPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const orders = useQuery({ queryKey: myOrdersKey, queryFn: myWorkOrders, refetchInterval: 60_000 });
  const items = orders.data?.items ?? [];
  return (
    <Card
      variant="borderless"
      styles={{ body: { padding: 8 } }}
      title={t('tech.myOrders')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void orders.refetch()} loading={orders.isFetching}>
          {t('tech.refresh')}
        </Button>
      }
    >
      <Typography.Text type="secondary">{t('tech.myOrders.count', { n: items.length })}</Typography.Text>
      <List
        loading={orders.isPending}
        dataSource={items}
        locale={{ emptyText: t('tech.myOrders.empty') }}
        renderItem={(o) => (
          <Card
            key={o.id}
            size="small"
            hoverable
            data-testid={`my-order-${o.orderNo}`}
            onClick={() => navigate(`/service/my-orders/${o.id}`)}
            style={{ margin: '8px 0' }}
          >
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{lang === 'en' ? o.typeName.en : o.typeName.zh}</Typography.Text>
                <WorkOrderStatusTag status={o.status} />
                <PriorityTag priority={o.priority} />
              </Space>
              <TimeLeftTag order={o} fetchedAt={orders.dataUpdatedAt} />
              <Typography.Text>{o.address ?? '—'}</Typography.Text>
              <Typography.Text type="secondary">
                {o.orderNo}
                {o.appointmentAt ? ` · ${t('tech.appointment', { time: formatDateTime(o.appointmentAt) })}` : ''}
              </Typography.Text>
            </Space>
          </Card>
        )}
      />
    </Card>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { complaintsKey, listComplaints } from '../../../api/complaints';
import { listWorkOrders, workOrdersKey } from '../../../api/workOrders';
import { useCan } from '../../../auth/CurrentUserContext';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { ComplaintStatusTag, ComplaintTimeLeft, GradeTag } from '../../service/complaints/shared';
import { TimeLeftTag, WorkOrderStatusTag } from '../../service/TimeLeftTag';

const RECENT = 10;

/** The account's work orders, newest first, with their status and time left (SVC-4, SVC-6). */
export function AccountWorkOrders({ accountNo }: { accountNo: string }) {
  const { t, lang } = useT();
  const can = useCan();
  const allowed = can('workorder.read', 'workorder.create', 'workorder.dispatch', 'workorder.work');
  const params = { accountNo, page: 1, pageSize: RECENT, sort: 'reportedAt' as const, order: 'desc' as const };
  const list = useQuery({
    queryKey: [...workOrdersKey, 'account', params],
    queryFn: () => listWorkOrders(params),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('customers.view.accountWorkOrders')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: t('customers.none') }}
        data-testid="view-account-work-orders"
        columns={[
          {
            title: t('wo.orderNo'),
            key: 'no',
            render: (_, o) => <Link to={`/service/orders/${o.id}`}>{o.orderNo}</Link>,
          },
          { title: t('wo.type'), key: 'type', render: (_, o) => (lang === 'en' ? o.typeName.en : o.typeName.zh) },
          { title: t('wo.statusLabel'), key: 'status', render: (_, o) => <WorkOrderStatusTag status={o.status} /> },
          {
            title: t('wo.timeLeft'),
            key: 'left',
            render: (_, o) => <TimeLeftTag order={o} fetchedAt={list.dataUpdatedAt} />,
          },
          { title: t('wo.reportedAt'), key: 'at', render: (_, o) => formatDateTime(o.reportedAt) },
        ]}
      />
    </>
  );
}

/** The account's complaints (CMP-1), masked as the complaints register masks them. */
export function AccountComplaints({ accountId }: { accountId: string }) {
  const { t } = useT();
  const can = useCan();
  const allowed = can('complaint.read', 'complaint.handle');
  const params = { accountId, page: 1, pageSize: RECENT, sort: 'receivedAt' as const, order: 'desc' as const };
  const list = useQuery({
    queryKey: [...complaintsKey, 'account', params],
    queryFn: () => listComplaints(params),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('customers.view.accountComplaints')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: t('customers.none') }}
        data-testid="view-account-complaints"
        columns={[
          {
            title: t('cmp.complaintNo'),
            key: 'no',
            render: (_, c) => <Link to={`/service/complaints/${c.id}`}>{c.complaintNo}</Link>,
          },
          { title: t('cmp.subject'), dataIndex: 'subject', key: 'subject' },
          { title: t('cmp.grade'), key: 'grade', render: (_, c) => <GradeTag grade={c.grade} /> },
          { title: t('cmp.status'), key: 'status', render: (_, c) => <ComplaintStatusTag status={c.status} /> },
          {
            title: t('cmp.timeLeft'),
            key: 'left',
            render: (_, c) => <ComplaintTimeLeft complaint={c} fetchedAt={list.dataUpdatedAt} />,
          },
        ]}
      />
    </>
  );
}

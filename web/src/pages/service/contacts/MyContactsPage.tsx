import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Segmented, Space, Table, type TableProps, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type MyContact, type MyContactsParams, myContacts, myContactsKey } from '../../../api/outages';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { TimeLeftTag, WorkOrderStatusTag } from '../TimeLeftTag';
import { MyComplaintsCard } from './MyComplaintsCard';

type State = 'all' | 'open' | 'closed';

/**
 * 我的首问 (SVC-3): the orders I took, open ones first by deadline, then those closed or cancelled in
 * the last days — with their status, technician, time left and latest step, after they moved on.
 */
export function MyContactsPage() {
  const { t, lang } = useT();
  const can = useCan();
  const [state, setState] = useState<State>('all');
  const [params, setParams] = useState<MyContactsParams>({ page: 1, pageSize: 20, closedWithinDays: 7 });
  const query = { ...params, state: state === 'all' ? undefined : state };
  const list = useQuery({
    queryKey: [...myContactsKey, query],
    queryFn: () => myContacts(query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const fetchedAt = list.dataUpdatedAt;

  const lastStep = (o: MyContact) => {
    const e = o.lastEvent;
    if (!e) return '—';
    const what =
      e.kind === 'status' && e.toStatus
        ? t(`wo.status.${e.toStatus}` as MessageKey)
        : t(`myContacts.event.${e.kind}` as MessageKey);
    return (
      <Space direction="vertical" size={0}>
        <span>
          {what}
          {e.toUserName ? ` → ${e.toUserName}` : ''}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(e.at)} · {e.actorName ?? t('wo.system')}
          {e.reason ? ` · ${e.reason}` : ''}
        </Typography.Text>
      </Space>
    );
  };

  const columns: TableProps<MyContact>['columns'] = [
    {
      title: t('wo.orderNo'),
      dataIndex: 'orderNo',
      key: 'orderNo',
      render: (no: string, o) => <Link to={`/service/orders/${o.id}`}>{no}</Link>,
    },
    {
      title: t('wo.type'),
      key: 'type',
      render: (_, o) => (lang === 'en' ? o.typeName.en : o.typeName.zh),
    },
    { title: t('wo.statusLabel'), key: 'status', render: (_, o) => <WorkOrderStatusTag status={o.status} /> },
    {
      title: t('wo.timeLeft'),
      key: 'timeLeft',
      render: (_, o) => <TimeLeftTag order={o} fetchedAt={fetchedAt} />,
    },
    {
      title: t('wo.assignee'),
      key: 'assignee',
      render: (_, o) =>
        o.technicianName || o.teamName
          ? [o.teamName, o.technicianName].filter(Boolean).join(' / ')
          : t('wo.unassigned'),
    },
    { title: t('myContacts.lastStep'), key: 'last', render: (_, o) => lastStep(o) },
    {
      title: t('wo.customer'),
      key: 'who',
      render: (_, o) => (
        <Space direction="vertical" size={0}>
          <span>{[o.accountNo, o.callerName].filter(Boolean).join(' ')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.address ?? ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('wo.reportedAt'),
      dataIndex: 'reportedAt',
      key: 'reportedAt',
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <PageCard
      title={t('menu.myContacts')}
      extra={
        <Segmented
          value={state}
          onChange={(v) => {
            setState(v as State);
            setParams((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('myContacts.all') },
            { value: 'open', label: t('myContacts.open') },
            { value: 'closed', label: t('myContacts.closed') },
          ]}
          data-testid="my-contacts-state"
        />
      }
    >
      <Typography.Paragraph type="secondary">
        {t('myContacts.hint', { days: params.closedWithinDays ?? 7 })}
      </Typography.Paragraph>
      <Table<MyContact>
        rowKey="id"
        data-testid="my-contacts-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={(pagination) =>
          setParams((p) => ({ ...p, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      {can('complaint.read', 'complaint.create', 'complaint.handle') && <MyComplaintsCard />}
    </PageCard>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Escalation, listEscalations, workOrdersKey } from '../../../api/workOrders';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { formatDuration } from '../TimeLeftTag';
import { statusKey, useBilingual } from './shared';

const LEVEL_COLOR: Record<Escalation['level'], string> = {
  warning: 'orange',
  teamHead: 'red',
  centreManager: 'magenta',
};

/** 超时升级 (SVC-6): the breached orders still open, escalated to the caller or of the caller's unit. */
export function EscalationsPage() {
  const { t } = useT();
  const bi = useBilingual();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: [...workOrdersKey, 'escalations', paging],
    queryFn: () => listEscalations(paging),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  const columns: TableProps<Escalation>['columns'] = [
    {
      key: 'orderNo',
      title: t('wo.orderNo'),
      render: (_, e) => <Link to={`/service/orders/${e.workOrderId}`}>{e.orderNo}</Link>,
    },
    { key: 'type', title: t('wo.type'), render: (_, e) => bi(e.typeName) },
    { key: 'status', title: t('wo.statusLabel'), render: (_, e) => t(statusKey(e.status)) },
    {
      key: 'level',
      title: t('wo.escalation.level'),
      render: (_, e) => <Tag color={LEVEL_COLOR[e.level]}>{t(`wo.escalation.${e.level}` as MessageKey)}</Tag>,
    },
    {
      key: 'over',
      title: t('wo.timeLeft'),
      render: (_, e) =>
        e.timeLeftMs === null ? (
          t('wo.timeLeft.done')
        ) : (
          <Tag color={e.timeLeftMs < 0 ? 'red' : 'orange'}>
            {t(e.timeLeftMs < 0 ? 'wo.timeLeft.over' : 'wo.timeLeft.left', {
              time: formatDuration(t, e.timeLeftMs),
            })}
          </Tag>
        ),
    },
    { key: 'to', title: t('wo.escalation.to'), render: (_, e) => e.toUserName ?? t('wo.nobodyFound') },
    { key: 'at', title: t('wo.escalation.at'), render: (_, e) => formatDateTime(e.at) },
    { key: 'centre', title: t('wo.centre'), render: (_, e) => e.orgUnitName ?? '' },
    {
      key: 'who',
      title: t('wo.assignee'),
      render: (_, e) => [e.teamName, e.technicianName].filter(Boolean).join(' · ') || t('wo.unassigned'),
    },
    { key: 'deadline', title: t('wo.deadline'), render: (_, e) => formatDateTime(e.deadlineAt) },
  ];

  return (
    <PageCard title={t('menu.escalations')}>
      <Table<Escalation>
        rowKey={(e) => `${e.workOrderId}-${e.level}`}
        data-testid="escalations-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

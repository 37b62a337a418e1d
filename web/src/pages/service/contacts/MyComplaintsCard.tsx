import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Complaint, complaintsKey, listComplaints } from '../../../api/complaints';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { ComplaintStatusTag, ComplaintTimeLeft, GradeTag, useLevelName } from '../complaints/shared';

/** SVC-3 for complaints: the ones I took, whoever handles them now, with their level and time left. */
export function MyComplaintsCard() {
  const { t } = useT();
  const levelName = useLevelName();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const query = { ...page, mine: 'owner' as const, sort: 'receivedAt' as const, order: 'desc' as const };
  const list = useQuery({
    queryKey: [...complaintsKey, 'mine', query],
    queryFn: () => listComplaints(query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const columns: TableProps<Complaint>['columns'] = [
    {
      title: t('cmp.complaintNo'),
      key: 'no',
      render: (_, c) => <Link to={`/service/complaints/${c.id}`}>{c.complaintNo}</Link>,
    },
    { title: t('cmp.subject'), dataIndex: 'subject', key: 'subject' },
    { title: t('cmp.grade'), key: 'grade', render: (_, c) => <GradeTag grade={c.grade} /> },
    { title: t('cmp.level'), key: 'level', render: (_, c) => levelName(c) },
    { title: t('cmp.handler'), key: 'handler', render: (_, c) => c.handlerName ?? t('cmp.noHandler') },
    { title: t('cmp.status'), key: 'status', render: (_, c) => <ComplaintStatusTag status={c.status} /> },
    {
      title: t('cmp.timeLeft'),
      key: 'left',
      render: (_, c) => <ComplaintTimeLeft complaint={c} fetchedAt={list.dataUpdatedAt} />,
    },
    { title: t('cmp.receivedAt'), key: 'receivedAt', render: (_, c) => formatDateTime(c.receivedAt) },
  ];
  return (
    <Card variant="borderless" title={t('myContacts.complaints')} style={{ marginTop: 16 }}>
      <Table<Complaint>
        rowKey="id"
        size="small"
        data-testid="my-complaints-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 10 })}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0 }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

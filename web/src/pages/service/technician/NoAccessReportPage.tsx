import { useQuery } from '@tanstack/react-query';
import { Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type RepeatedNoAccess, repeatedNoAccess } from '../../../api/workOrderForms';
import type { WorkOrderStatus } from '../../../api/workOrders';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { WorkOrderStatusTag } from '../TimeLeftTag';

type Row = RepeatedNoAccess['items'][number];

/** SVC-5: the orders nobody was home for repeatedly (from the policy's count on), most visits first. */
export function NoAccessReportPage() {
  const { t, lang } = useT();
  const report = useQuery({ queryKey: ['work-orders', 'no-access'], queryFn: repeatedNoAccess });
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const rows = (report.data?.items ?? []).filter(
    (r) =>
      !needle || [r.orderNo, r.address ?? '', r.technicianName ?? ''].some((v) => v.toLowerCase().includes(needle)),
  );
  return (
    <PageCard title={t('menu.noAccessReport')} extra={<ExportButton exportName="workOrderNoAccess" filters={{}} />}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('tech.noAccess.reportHint', { n: report.data?.min ?? '—' })}
        </Typography.Text>
        <Input.Search
          allowClear
          placeholder={t('tech.noAccess.filter')}
          onSearch={setQ}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 360 }}
        />
        <Table<Row>
          rowKey="id"
          loading={report.isPending}
          dataSource={rows}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
          columns={[
            {
              title: t('wo.orderNo'),
              dataIndex: 'orderNo',
              sorter: (a, b) => a.orderNo.localeCompare(b.orderNo),
              render: (v: string, r) => <Link to={`/service/orders/${r.id}`}>{v}</Link>,
            },
            { title: t('wo.type'), render: (_, r) => (lang === 'en' ? r.typeName.en : r.typeName.zh) },
            {
              title: t('wo.statusLabel'),
              dataIndex: 'status',
              render: (v: WorkOrderStatus) => <WorkOrderStatusTag status={v} />,
            },
            { title: t('tech.address'), dataIndex: 'address' },
            { title: t('tech.noAccess.technician'), dataIndex: 'technicianName' },
            {
              title: t('tech.noAccess.count'),
              dataIndex: 'noAccessCount',
              defaultSortOrder: 'descend',
              sorter: (a, b) => a.noAccessCount - b.noAccessCount,
            },
            {
              title: t('tech.noAccess.lastVisit'),
              dataIndex: 'lastVisitAt',
              sorter: (a, b) => (a.lastVisitAt ?? '').localeCompare(b.lastVisitAt ?? ''),
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: t('tech.noAccess.revisitAt'),
              dataIndex: 'revisitAt',
              render: (v: string | null) => formatDateTime(v),
            },
          ]}
        />
      </Space>
    </PageCard>
  );
}

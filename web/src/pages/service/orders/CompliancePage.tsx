import { useQuery } from '@tanstack/react-query';
import { DatePicker, Progress, Segmented, Space, Table, type TableProps, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { type ComplianceRow, complianceReport, workOrdersKey } from '../../../api/workOrders';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { BUSINESS_TZ } from '../../../lib/time';
import { useBilingual } from './shared';

/** 服务承诺达标率 (SVC-6): a month's orders due, met, breached and pending by type or team. */
export function CompliancePage() {
  const { t } = useT();
  const bi = useBilingual();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().tz(BUSINESS_TZ));
  const [by, setBy] = useState<'type' | 'team'>('type');
  const monthText = month.format('YYYY-MM');
  const report = useQuery({
    queryKey: [...workOrdersKey, 'compliance', monthText, by],
    queryFn: () => complianceReport(monthText, by),
  });
  const rows = report.data?.items ?? [];
  const sum = (k: 'due' | 'met' | 'breached' | 'pending') => rows.reduce((n, r) => n + r[k], 0);
  const met = sum('met');
  const breached = sum('breached');

  const rate = (v: number | null) =>
    v === null ? (
      '—'
    ) : (
      <Progress
        percent={v}
        size="small"
        status={v >= 95 ? 'success' : v >= 80 ? 'normal' : 'exception'}
        format={(p) => `${p}%`}
        style={{ minWidth: 120 }}
      />
    );
  const columns: TableProps<ComplianceRow>['columns'] = [
    {
      key: 'name',
      title: by === 'type' ? t('wo.type') : t('wo.team'),
      render: (_, r) => bi(r.name),
      sorter: (a, b) => bi(a.name).localeCompare(bi(b.name)),
    },
    { key: 'due', title: t('wo.compliance.due'), dataIndex: 'due', sorter: (a, b) => a.due - b.due },
    { key: 'met', title: t('wo.compliance.met'), dataIndex: 'met', sorter: (a, b) => a.met - b.met },
    {
      key: 'breached',
      title: t('wo.compliance.breached'),
      sorter: (a, b) => a.breached - b.breached,
      render: (_, r) => <Typography.Text type={r.breached ? 'danger' : undefined}>{r.breached}</Typography.Text>,
    },
    {
      key: 'pending',
      title: t('wo.compliance.pending'),
      dataIndex: 'pending',
      sorter: (a, b) => a.pending - b.pending,
    },
    {
      key: 'rate',
      title: t('wo.compliance.rate'),
      render: (_, r) => rate(r.complianceRate),
      sorter: (a, b) => (a.complianceRate ?? -1) - (b.complianceRate ?? -1),
    },
    {
      key: 'used',
      title: t('wo.compliance.used'),
      render: (_, r) => (r.averageUsedPercent === null ? '—' : `${r.averageUsedPercent}%`),
      sorter: (a, b) => (a.averageUsedPercent ?? -1) - (b.averageUsedPercent ?? -1),
    },
  ];

  return (
    <PageCard
      title={t('menu.compliance')}
      extra={<ExportButton exportName="workOrderCompliance" filters={{ month: monthText, by }} />}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('wo.compliance.month')}</span>
        <DatePicker
          picker="month"
          allowClear={false}
          value={month}
          onChange={(v) => v && setMonth(v)}
          data-testid="compliance-month"
        />
        <Segmented<'type' | 'team'>
          value={by}
          onChange={setBy}
          options={[
            { value: 'type', label: t('wo.compliance.byType') },
            { value: 'team', label: t('wo.compliance.byTeam') },
          ]}
          data-testid="compliance-by"
        />
        <Typography.Text data-testid="compliance-summary">
          {t('wo.compliance.summary', {
            month: monthText,
            due: sum('due'),
            met,
            breached,
            pending: sum('pending'),
            rate: met + breached ? `${Math.round((met / (met + breached)) * 1000) / 10}%` : '—',
          })}
        </Typography.Text>
      </Space>
      <Table<ComplianceRow>
        rowKey="key"
        data-testid="compliance-table"
        columns={columns}
        dataSource={rows}
        loading={report.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

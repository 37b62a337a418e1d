import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Space, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { downloadWaiverReport, getWaiverReport, lateFeesKey, type WaiverReport } from '../../../api/lateFees';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { businessToday, formatYuan, usePick } from '../../approvals/format';

type ReasonRow = WaiverReport['byReason'][number];
type TierRow = WaiverReport['byTier'][number];

/** 违约金减免月报 (BIL-4): the waivers decided in a month, by reason and by approval tier, with the XLSX export. */
export function WaiverReportPage() {
  const { t } = useT();
  const pick = usePick();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(() => businessToday().startOf('month'));
  const [exporting, setExporting] = useState(false);
  const key = month.format('YYYY-MM');
  const report = useQuery({
    queryKey: [...lateFeesKey, 'report', key],
    queryFn: () => getWaiverReport(key),
    placeholderData: keepPreviousData,
  });
  const r = report.data;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadWaiverReport(key);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };

  const counts = [
    { title: t('lateFee.report.approved'), dataIndex: 'approved', key: 'approved', align: 'right' as const },
    {
      title: t('lateFee.report.approvedAmount'),
      dataIndex: 'approvedAmount',
      key: 'approvedAmount',
      align: 'right' as const,
      render: (v: string) => formatYuan(v),
    },
    { title: t('lateFee.report.rejected'), dataIndex: 'rejected', key: 'rejected', align: 'right' as const },
    { title: t('lateFee.report.withdrawn'), dataIndex: 'withdrawn', key: 'withdrawn', align: 'right' as const },
  ];
  const totalRow = (leading: number) => (
    <Table.Summary.Row>
      <Table.Summary.Cell index={0} colSpan={leading}>
        <strong>{t('lateFee.report.total')}</strong>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={leading} align="right">
        {r?.approved ?? 0}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={leading + 1} align="right">
        {formatYuan(r?.approvedAmount ?? '0')}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={leading + 2} align="right">
        {r?.rejected ?? 0}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={leading + 3} align="right">
        {r?.withdrawn ?? 0}
      </Table.Summary.Cell>
    </Table.Summary.Row>
  );

  return (
    <PageCard
      title={t('menu.lateFeeWaiverReport')}
      extra={
        <Space>
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            onChange={(m) => m && setMonth(m)}
            data-testid="waiver-report-month"
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={exportXlsx}
            data-testid="waiver-report-export"
          >
            {t('lateFee.report.export')}
          </Button>
        </Space>
      }
    >
      <Space wrap size={48} style={{ marginBottom: 8 }}>
        <Statistic title={t('lateFee.report.approved')} value={r?.approved ?? 0} data-testid="waiver-report-approved" />
        <Statistic
          title={t('lateFee.report.approvedAmount')}
          value={formatYuan(r?.approvedAmount ?? '0')}
          data-testid="waiver-report-amount"
        />
        <Statistic title={t('lateFee.report.rejected')} value={r?.rejected ?? 0} />
        <Statistic title={t('lateFee.report.withdrawn')} value={r?.withdrawn ?? 0} />
      </Space>
      <Typography.Paragraph type="secondary">
        {t('lateFee.report.basis', {
          requested: r?.requested ?? 0,
          requestedAmount: formatYuan(r?.requestedAmount ?? '0'),
        })}
      </Typography.Paragraph>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('lateFee.report.byReason')}>
          <Table<ReasonRow>
            size="small"
            rowKey="reason"
            data-testid="waiver-report-reasons"
            loading={report.isFetching}
            pagination={false}
            dataSource={r?.byReason ?? []}
            columns={[
              { title: t('lateFee.waiver.reason'), key: 'reason', render: (_, x) => pick(x.reasonName) },
              {
                title: t('lateFee.waiver.category'),
                dataIndex: 'category',
                key: 'category',
                render: (c: ReasonRow['category']) => t(`lateFee.category.${c}`),
              },
              ...counts,
            ]}
            summary={() => (r && r.byReason.length > 0 ? totalRow(2) : null)}
          />
        </Card>
        <Card size="small" title={t('lateFee.report.byTier')}>
          <Table<TierRow>
            size="small"
            rowKey="levels"
            data-testid="waiver-report-tiers"
            loading={report.isFetching}
            pagination={false}
            dataSource={r?.byTier ?? []}
            columns={[
              {
                title: t('lateFee.report.tier'),
                dataIndex: 'levels',
                key: 'levels',
                render: (n: number) => t('lateFee.levels', { n }),
              },
              { title: t('lateFee.report.finalLevel'), dataIndex: 'tierLabel', key: 'tierLabel' },
              ...counts,
            ]}
            summary={() => (r && r.byTier.length > 0 ? totalRow(2) : null)}
          />
        </Card>
      </Space>
    </PageCard>
  );
}

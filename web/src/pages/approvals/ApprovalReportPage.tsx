import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Select, Space, Table, type TableProps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  type ApprovalReportRow,
  approvalsKey,
  downloadApprovalReport,
  getApprovalReport,
  useApprovalKinds,
} from '../../api/approvals';
import { PageCard } from '../../components/PageCard';
import { useT } from '../../i18n/useT';
import { errorText } from '../../lib/feedback';
import { businessToday, formatYuan, sumYuan, usePick } from './format';
import { ReportChart } from './ReportChart';

type Counts = Pick<ApprovalReportRow, 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'pending'>;
const COUNTS: (keyof Counts)[] = ['submitted', 'approved', 'rejected', 'withdrawn', 'pending'];

/** 月度报表: requests per month and kind for a year, with totals, a bar chart and the XLSX export. */
export function ApprovalReportPage() {
  const { t } = useT();
  const pick = usePick();
  const { message } = App.useApp();
  const kinds = useApprovalKinds();
  const [year, setYear] = useState(() => businessToday().year());
  const [kind, setKind] = useState<string | undefined>();
  const [exporting, setExporting] = useState(false);

  const report = useQuery({
    queryKey: [...approvalsKey, 'report', year, kind ?? null],
    queryFn: () => getApprovalReport(year, kind),
    placeholderData: keepPreviousData,
  });
  const rows = report.data?.items ?? [];

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadApprovalReport(year, kind);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };

  const countColumn = (key: keyof Counts) => ({
    title: t(`approvals.report.${key}`),
    dataIndex: key,
    key,
    align: 'right' as const,
  });

  const columns: TableProps<ApprovalReportRow>['columns'] = [
    { title: t('approvals.report.month'), dataIndex: 'month', key: 'month' },
    { title: t('approvals.kind'), key: 'kind', render: (_, r) => pick(r.kindName) },
    ...COUNTS.map(countColumn),
    {
      title: t('approvals.report.approvedAmount'),
      dataIndex: 'approvedAmount',
      key: 'approvedAmount',
      align: 'right',
      render: (value: string) => formatYuan(value),
    },
  ];

  const total = (key: keyof Counts) => rows.reduce((sum, r) => sum + r[key], 0);

  return (
    <PageCard
      title={t('menu.approvalReport')}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx} data-testid="report-export">
          {t('approvals.report.export')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(value) => value && setYear(value.year())}
          data-testid="report-year"
        />
        <Select<string>
          allowClear
          placeholder={t('approvals.allKinds')}
          value={kind}
          onChange={setKind}
          loading={kinds.isPending}
          options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: pick(k.name) }))}
          style={{ width: 180 }}
          data-testid="report-kind"
        />
      </Space>
      <ReportChart year={year} rows={rows} />
      <Table<ApprovalReportRow>
        rowKey={(r) => `${r.month}:${r.kind}`}
        data-testid="approval-report"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={report.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        summary={() =>
          rows.length > 0 && (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid="report-total">
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>{t('approvals.report.total')}</Typography.Text>
                </Table.Summary.Cell>
                {COUNTS.map((key, i) => (
                  <Table.Summary.Cell key={key} index={i + 2} align="right">
                    <Typography.Text strong>{total(key)}</Typography.Text>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={COUNTS.length + 2} align="right">
                  <Typography.Text strong>{formatYuan(sumYuan(rows.map((r) => r.approvedAmount)))}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )
        }
      />
    </PageCard>
  );
}

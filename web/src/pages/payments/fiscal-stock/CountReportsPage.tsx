import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import {
  buildCountReport,
  type CountReport,
  type CountRow,
  downloadCountReport,
  fiscalStockKey,
  listCountReports,
} from '../../../api/fiscalStock';
import type { PageParams } from '../../../api/types';
import { useCan } from '../../../auth/CurrentUserContext';
import { MonthBuildForm } from '../../../components/MonthBuildForm';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { notifyError } from '../../../lib/feedback';
import { kindKey } from './shared';

function ReportRows({ rows, month }: { rows: CountRow[]; month: string }) {
  const { t } = useT();
  const columns: TableProps<CountRow>['columns'] = [
    { title: t('fiscal.holder'), dataIndex: 'holderName', key: 'holderName' },
    { title: t('fiscal.kind'), key: 'kind', render: (_, r) => t(kindKey(r.kind)) },
    { title: t('fiscal.series'), dataIndex: 'series', key: 'series' },
    { title: t('fiscal.report.issued'), dataIndex: 'issued', key: 'issued', align: 'right' },
    { title: t('fiscal.report.handedOver'), dataIndex: 'handedOver', key: 'handedOver', align: 'right' },
    { title: t('fiscal.used'), dataIndex: 'used', key: 'used', align: 'right' },
    { title: t('fiscal.voided'), dataIndex: 'voided', key: 'voided', align: 'right' },
    { title: t('fiscal.report.missing'), dataIndex: 'missing', key: 'missing', align: 'right' },
    { title: t('fiscal.remaining'), dataIndex: 'remaining', key: 'remaining', align: 'right' },
  ];
  return (
    <Table<CountRow>
      rowKey={(r) => `${r.holderId}-${r.kind}-${r.series}`}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid={`fiscal-count-rows-${month}`}
    />
  );
}

/** PAY-5 票据盘点表: per holder and series, built on the report day (1st) for last month, or on demand. */
export function CountReportsPage() {
  const { t } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize: 20, order: 'desc' });
  const list = useQuery({
    queryKey: [...fiscalStockKey, 'count-reports', params],
    queryFn: () => listCountReports(params),
    placeholderData: keepPreviousData,
  });
  const build = useMutation({
    mutationFn: (month: string) => buildCountReport(month),
    meta: { handlesErrors: true },
    onError: (err) => notifyError(err),
    onSuccess: (r) => {
      message.success(t('fiscal.report.built', { month: r.month, count: r.rows.length }));
      queryClient.invalidateQueries({ queryKey: fiscalStockKey });
    },
  });
  const columns: TableProps<CountReport>['columns'] = [
    { title: t('fiscal.report.month'), dataIndex: 'month', key: 'month' },
    { title: t('fiscal.report.builtOn'), dataIndex: 'builtOn', key: 'builtOn' },
    {
      title: t('fiscal.report.builtBy'),
      key: 'builtBy',
      render: (_, r) => r.builtBy?.name ?? t('fiscal.report.system'),
    },
    { title: t('fiscal.report.rows'), key: 'rows', align: 'right', render: (_, r) => r.rows.length },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Button
          size="small"
          icon={<DownloadOutlined />}
          onClick={() => downloadCountReport(r).catch(notifyError)}
          data-testid={`fiscal-count-download-${r.month}`}
        >
          {t('fiscal.report.download')}
        </Button>
      ),
    },
  ];
  return (
    <PageCard
      title={t('menu.fiscalCountReports')}
      extra={
        can('fiscal.stock.manage') && (
          <MonthBuildForm
            monthLabel="fiscal.report.month"
            buildLabel="fiscal.report.build"
            loading={build.isPending}
            onBuild={(month) => build.mutateAsync(month)}
            testIdPrefix="fiscal-count"
          />
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('fiscal.report.hint')} />
        <Table<CountReport>
          rowKey="id"
          data-testid="fiscal-count-reports"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          expandable={{ expandedRowRender: (r) => <ReportRows rows={r.rows} month={r.month} /> }}
          onChange={(p) => setParams((x) => ({ ...x, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Space>
    </PageCard>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  type Adjustment,
  adjustmentsKey,
  buildMeterFaultSummary,
  downloadMeterFaultSummary,
  getMeterFaultSummary,
  listMeterFaultSummaries,
  type MeterFaultSummary,
} from '../../../api/adjustments';
import type { PageParams } from '../../../api/types';
import { useCan } from '../../../auth/CurrentUserContext';
import { MonthBuildForm } from '../../../components/MonthBuildForm';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { errorText, notifyError } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/time';
import { adjustmentPath } from './AdjustmentsPage';
import { DirectionTag } from './AdjustmentTags';

function SummaryItems({ id }: { id: string }) {
  const { t } = useT();
  const detail = useQuery({ queryKey: [...adjustmentsKey, 'summary', id], queryFn: () => getMeterFaultSummary(id) });
  const columns: TableProps<Adjustment>['columns'] = [
    {
      title: t('adjustment.no'),
      dataIndex: 'adjustmentNo',
      key: 'adjustmentNo',
      render: (no: string, a) => <Link to={adjustmentPath(a.id)}>{no}</Link>,
    },
    { title: t('adjustment.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
    { title: t('adjustment.customerName'), dataIndex: 'customerName', key: 'customerName' },
    { title: t('adjustment.direction'), key: 'direction', render: (_, a) => <DirectionTag direction={a.direction} /> },
    { title: t('adjustment.volume'), dataIndex: 'volume', key: 'volume', render: (v: string | null) => v ?? '—' },
    { title: t('adjustment.ledgerAmount'), dataIndex: 'signedAmount', key: 'signedAmount', align: 'right' },
    { title: t('adjustment.reason'), dataIndex: 'reason', key: 'reason' },
    { title: t('adjustment.postedAt'), dataIndex: 'postedAt', key: 'postedAt', render: (v) => formatDateTime(v) },
  ];
  if (detail.error) return <Alert type="error" title={errorText(detail.error)} />;
  return (
    <Table<Adjustment>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={detail.data?.items}
      loading={detail.isFetching}
      pagination={false}
      data-testid={`summary-items-${id}`}
    />
  );
}

/** 维修换表退补汇总表 (BIL-5, 000 §143 (三)): one per month, built on the summary day or on demand. */
export function MeterFaultSummariesPage() {
  const { t } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize: 20, order: 'desc' });
  const list = useQuery({
    queryKey: [...adjustmentsKey, 'summaries', params],
    queryFn: () => listMeterFaultSummaries(params),
    placeholderData: keepPreviousData,
  });
  const build = useMutation({
    mutationFn: (month: string) => buildMeterFaultSummary(month),
    meta: { handlesErrors: true },
    onError: (err) => notifyError(err),
    onSuccess: (s) => {
      message.success(t('meterFaultSummary.built', { month: s.month, count: s.adjustments }));
      queryClient.invalidateQueries({ queryKey: adjustmentsKey });
    },
  });
  const columns: TableProps<MeterFaultSummary>['columns'] = [
    { title: t('meterFaultSummary.month'), dataIndex: 'month', key: 'month' },
    { title: t('meterFaultSummary.builtOn'), dataIndex: 'builtOn', key: 'builtOn' },
    { title: t('meterFaultSummary.count'), dataIndex: 'adjustments', key: 'adjustments', align: 'right' },
    { title: t('meterFaultSummary.credit'), dataIndex: 'creditTotal', key: 'creditTotal', align: 'right' },
    { title: t('meterFaultSummary.debit'), dataIndex: 'debitTotal', key: 'debitTotal', align: 'right' },
    {
      title: t('meterFaultSummary.builtBy'),
      key: 'builtBy',
      render: (_, s) => s.builtBy?.name ?? t('meterFaultSummary.system'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) => (
        <Button
          size="small"
          icon={<DownloadOutlined />}
          onClick={() => downloadMeterFaultSummary(s).catch(notifyError)}
          data-testid={`summary-download-${s.month}`}
        >
          {t('meterFaultSummary.download')}
        </Button>
      ),
    },
  ];
  return (
    <PageCard
      title={t('menu.meterFaultSummaries')}
      extra={
        can('adjustment.archive') && (
          <MonthBuildForm
            monthLabel="meterFaultSummary.month"
            buildLabel="meterFaultSummary.build"
            loading={build.isPending}
            onBuild={(month) => build.mutateAsync(month)}
            testIdPrefix="summary"
          />
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('meterFaultSummary.hint')} />
        <Table<MeterFaultSummary>
          rowKey="id"
          data-testid="summary-table"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          expandable={{ expandedRowRender: (s) => <SummaryItems id={s.id} /> }}
          onChange={(pagination) =>
            setParams((p) => ({ ...p, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 }))
          }
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Space>
    </PageCard>
  );
}

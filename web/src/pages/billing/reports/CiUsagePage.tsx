import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Table, type TableProps, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type CiUsageParams, type CiUsageRow, ciUsageKey, ciUsageReport } from '../../../api/notices';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { currentPeriod, fromPeriod, toPeriod } from '../readings/shared';

interface FilterForm {
  period?: Dayjs | null;
  usageNature?: string;
  q?: string;
}

/** 工商业用户用量明细表 (MTR-9): each C&I account's meter, readings, volume and amount for a month, with totals. */
export function CiUsagePage() {
  const { t } = useT();
  const [form] = Form.useForm<FilterForm>();
  const [params, setParams] = useState<CiUsageParams>({
    page: 1,
    pageSize: 20,
    order: 'asc',
    period: currentPeriod(),
  });
  const report = useQuery({
    queryKey: [...ciUsageKey, params],
    queryFn: () => ciUsageReport(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = params;

  const columns: TableProps<CiUsageRow>['columns'] = [
    { title: t('ciUsage.accountNo'), dataIndex: 'accountNo', key: 'accountNo', fixed: 'left' },
    { title: t('ciUsage.customerName'), dataIndex: 'customerName', key: 'customerName' },
    { title: t('ciUsage.address'), dataIndex: 'address', key: 'address' },
    { title: t('ciUsage.usageNature'), dataIndex: 'usageNatureName', key: 'usageNatureName' },
    { title: t('ciUsage.meter'), dataIndex: 'meterSerials', key: 'meterSerials' },
    {
      title: t('ciUsage.designFlow'),
      dataIndex: 'designFlow',
      key: 'designFlow',
      align: 'right',
      render: (v: string | null) => v ?? '—',
    },
    { title: t('ciUsage.previousReading'), dataIndex: 'previousReading', key: 'previousReading', align: 'right' },
    { title: t('ciUsage.reading'), dataIndex: 'reading', key: 'reading', align: 'right' },
    { title: t('ciUsage.readOn'), dataIndex: 'readOn', key: 'readOn' },
    { title: t('ciUsage.volume'), dataIndex: 'volume', key: 'volume', align: 'right' },
    {
      title: t('ciUsage.amount'),
      dataIndex: 'amount',
      key: 'amount',
      align: 'right',
      render: (v: string | null) => v ?? <Tag>{t('ciUsage.unbilled')}</Tag>,
    },
  ];
  const totals = report.data?.totals;

  return (
    <PageCard title={t('menu.ciUsageReport')} extra={<ExportButton exportName="ciUsage" filters={{ ...exportable }} />}>
      <Form<FilterForm>
        form={form}
        layout="inline"
        initialValues={{ period: fromPeriod(currentPeriod()) }}
        style={{ marginBottom: 16, rowGap: 12 }}
        onFinish={(v) =>
          setParams((p) => ({
            ...p,
            page: 1,
            period: toPeriod(v.period) ?? p.period,
            usageNature: v.usageNature?.trim().toUpperCase() || undefined,
            q: v.q?.trim() || undefined,
          }))
        }
      >
        <Form.Item name="period" label={t('ciUsage.period')}>
          <DatePicker picker="month" allowClear={false} data-testid="ci-usage-period" />
        </Form.Item>
        <Form.Item name="usageNature" label={t('ciUsage.usageNature')}>
          <Input allowClear style={{ width: 120 }} maxLength={32} placeholder="CATERING" />
        </Form.Item>
        <Form.Item name="q" label={t('ciUsage.q')}>
          <Input allowClear style={{ width: 200 }} maxLength={64} />
        </Form.Item>
        <FilterActions
          form={form}
          searchTestId="ci-usage-search"
          onReset={() =>
            setParams((p) => ({ ...p, page: 1, period: currentPeriod(), usageNature: undefined, q: undefined }))
          }
        />
      </Form>
      <Table<CiUsageRow>
        rowKey="accountId"
        data-testid="ci-usage-table"
        columns={columns}
        dataSource={report.data?.items}
        loading={report.isFetching}
        onChange={(pagination) =>
          setParams((p) => ({ ...p, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: report.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
        summary={() =>
          totals ? (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid="ci-usage-totals">
                <Table.Summary.Cell index={0} colSpan={9}>
                  <strong>{t('ciUsage.totals', { accounts: totals.accounts })}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">
                  <strong>{totals.volume}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={10} align="right">
                  <strong>{totals.amount}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </PageCard>
  );
}

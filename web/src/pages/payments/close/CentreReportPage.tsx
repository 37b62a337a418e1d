import { BankOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  type TableProps,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  type CentreReport,
  CLOSE_METHODS,
  cashOfficeKey,
  centreReportPrintUrl,
  type Deposit,
  downloadCentreReport,
  getCentreReport,
  listDeposits,
  recordDeposit,
} from '../../../api/cashOffice';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { notifyError } from '../../../lib/feedback';
import { applyServerFieldErrors } from '../../../lib/forms';
import { BUSINESS_TZ } from '../../../lib/time';
import { formatYuan } from '../../approvals/format';
import { methodKey, openPrint } from './shared';

type CashierRow = CentreReport['cashiers'][number];
const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

function DepositModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ amount: string; slipNo: string; note?: string }>();
  const save = useMutation({
    mutationFn: recordDeposit,
    meta: { handlesErrors: true },
    onSuccess: (d) => {
      message.success(t('cash.deposit.done', { cash: d.safe.cash }));
      void queryClient.invalidateQueries({ queryKey: cashOfficeKey });
      onClose();
    },
    onError: (err) => applyServerFieldErrors(form, err),
  });
  return (
    <FormModal
      open={open}
      title={t('cash.deposit.title')}
      onCancel={onClose}
      form={form}
      pending={save.isPending}
      error={save.error}
      submitTestId="deposit-submit"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate({ amount: v.amount.trim(), slipNo: v.slipNo.trim(), note: v.note?.trim() || undefined })
        }
      >
        <Form.Item
          name="amount"
          label={t('cash.deposit.amount')}
          rules={[
            { required: true, whitespace: true, message: t('cash.amountRequired') },
            {
              validator: (_, v: string | undefined) =>
                !v?.trim() || (AMOUNT.test(v.trim()) && Number(v) > 0)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('cash.amountFormat'))),
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="slipNo"
          label={t('cash.deposit.slipNo')}
          rules={[{ required: true, whitespace: true, message: t('cash.deposit.slipRequired') }, { max: 64 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="note" label={t('cash.note')} rules={[{ max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** PAY-2 营业厅日报 with the PAY-3 safe: a day by method and cashier, the closes, export and print. */
export function CentreReportPage() {
  const { t } = useT();
  const can = useCan();
  const [date, setDate] = useState(() => dayjs().tz(BUSINESS_TZ).format('YYYY-MM-DD'));
  const [orgUnitId, setOrgUnitId] = useState<string>();
  const [depositing, setDepositing] = useState(false);
  const report = useQuery({
    queryKey: [...cashOfficeKey, 'centre', date, orgUnitId],
    queryFn: () => getCentreReport(date, orgUnitId),
  });
  const deposits = useQuery({
    queryKey: [...cashOfficeKey, 'deposits', date],
    queryFn: () => listDeposits({ page: 1, pageSize: 50, order: 'asc', from: date, to: date }),
  });
  const r = report.data;
  const methods = [...new Set([...CLOSE_METHODS, ...Object.keys(r?.totals.byMethod ?? {})])];
  const columns: TableProps<CashierRow>['columns'] = [
    { title: t('cash.cashier'), key: 'cashier', render: (_, c) => c.cashier.name },
    { title: t('cash.orgUnit'), dataIndex: 'orgUnitName', key: 'orgUnitName', render: (v) => v ?? '—' },
    { title: t('cash.postingCount'), dataIndex: 'count', key: 'count', align: 'right' },
    ...methods.map((m) => ({
      title: t(methodKey(m)),
      key: m,
      align: 'right' as const,
      render: (_: unknown, c: CashierRow) => formatYuan(c.byMethod[m] ?? '0'),
    })),
    { title: t('cash.collectorAmount'), dataIndex: 'collector', key: 'collector', align: 'right', render: formatYuan },
    { title: t('cash.total'), dataIndex: 'total', key: 'total', align: 'right', render: formatYuan },
    ...(['depositsReceived', 'depositsRefunded'] as const).map((k) => ({
      title: t(`cash.${k}`),
      key: k,
      render: (_: unknown, c: CashierRow) =>
        Object.entries(c[k])
          .map(([m, v]) => `${t(methodKey(m))} ${formatYuan(v)}`)
          .join('，') || '—',
    })),
    {
      title: t('cash.closes'),
      key: 'closes',
      render: (_, c) =>
        c.shifts.length === 0
          ? t('cash.noShift')
          : c.shifts.map((s) => t(`cash.status.${s.status}` as MessageKey)).join('、'),
    },
  ];
  return (
    <PageCard
      title={t('menu.cashCentreReport')}
      extra={
        <Space wrap>
          {can('org.read') && (
            <OrgUnitTreeSelect
              style={{ width: 200 }}
              placeholder={t('cash.orgUnitAll')}
              value={orgUnitId}
              onChange={(v) => setOrgUnitId(v || undefined)}
            />
          )}
          <DatePicker
            allowClear={false}
            value={dayjs(date, 'YYYY-MM-DD')}
            onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
            data-testid="centre-date"
          />
          <Button icon={<DownloadOutlined />} onClick={() => downloadCentreReport(date, orgUnitId).catch(notifyError)}>
            {t('cash.export')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => openPrint(centreReportPrintUrl(date, orgUnitId))}>
            {t('cash.print')}
          </Button>
          {can('cash.safe.manage') && (
            <Button icon={<BankOutlined />} onClick={() => setDepositing(true)} data-testid="deposit-open">
              {t('cash.deposit.title')}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {r?.safe.warning && <Alert type="warning" showIcon title={r.safe.warning} data-testid="safe-warning" />}
        {r && (
          <Row gutter={16}>
            <Col span={4}>
              <Statistic title={t('cash.total')} value={formatYuan(r.totals.total)} data-testid="centre-total" />
            </Col>
            <Col span={3}>
              <Statistic title={t('cash.postingCount')} value={r.totals.count} />
            </Col>
            <Col span={3}>
              <Statistic title={t('cash.reversals')} value={r.totals.reversedCount} />
            </Col>
            <Col span={5}>
              <Statistic
                title={t('cash.closesSummary')}
                value={`${r.closes.signed} / ${r.closes.submitted} / ${r.closes.returned} / ${r.closes.open}`}
              />
            </Col>
            <Col span={3}>
              <Statistic title={t('cash.varianceTotal')} value={formatYuan(r.varianceTotal)} />
            </Col>
            <Col span={3}>
              <Statistic title={t('cash.deposit.banked')} value={formatYuan(r.deposits)} />
            </Col>
            <Col span={3}>
              <Statistic
                title={t('cash.safe', { limit: formatYuan(r.safe.limit) })}
                value={formatYuan(r.safe.cash)}
                styles={{ content: { color: r.safe.over ? '#cf1322' : undefined } }}
                data-testid="safe-cash"
              />
            </Col>
          </Row>
        )}
        <Typography.Text type="secondary">{t('cash.closesHint')}</Typography.Text>
        <Table<CashierRow>
          rowKey={(c) => c.cashier.id}
          size="small"
          data-testid="centre-cashiers"
          columns={columns}
          dataSource={r?.cashiers}
          loading={report.isFetching}
          pagination={false}
          scroll={{ x: true }}
          summary={() =>
            r && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('cash.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {r.totals.count}
                </Table.Summary.Cell>
                {methods.map((m, i) => (
                  <Table.Summary.Cell key={m} index={3 + i} align="right">
                    {formatYuan(r.totals.byMethod[m] ?? '0')}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={3 + methods.length} />
                <Table.Summary.Cell index={4 + methods.length} align="right">
                  {formatYuan(r.totals.total)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5 + methods.length} />
              </Table.Summary.Row>
            )
          }
        />
        {(deposits.data?.items.length ?? 0) > 0 && (
          <Table<Deposit>
            size="small"
            rowKey="id"
            title={() => t('cash.deposit.banked')}
            pagination={false}
            dataSource={deposits.data?.items}
            columns={[
              { title: t('cash.deposit.slipNo'), dataIndex: 'slipNo', key: 'slipNo' },
              {
                title: t('cash.deposit.amount'),
                dataIndex: 'amount',
                key: 'amount',
                align: 'right',
                render: formatYuan,
              },
              { title: t('cash.deposit.recordedBy'), key: 'by', render: (_, d) => d.recordedBy.name },
              { title: t('cash.note'), dataIndex: 'note', key: 'note', render: (v) => v ?? '' },
            ]}
          />
        )}
      </Space>
      <DepositModal open={depositing} onClose={() => setDepositing(false)} />
    </PageCard>
  );
}

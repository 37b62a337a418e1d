import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Select, Space, Table, type TableProps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  type FaultListParams,
  type FaultSort,
  listMeterFaults,
  type MeterFault,
  meterFaultsKey,
  reportMeterFault,
  resolveMeterFault,
  TOP_UP_REGISTER_NOTICE,
} from '../../../api/billingExtras';
import { noticeHtmlUrl } from '../../../api/print';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { toDateString } from '../../../lib/time';
import { blankToNull, rules } from '../../../lib/validation';
import { formatYuan } from '../../approvals/format';

const SORTABLE: FaultSort[] = ['fromOn', 'accountNo'];
const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

interface ReportForm {
  accountNo: string;
  meterSerial: string;
  fromOn: Dayjs;
  note?: string;
}

/** 登记坏表 (MTR-5): the account, the meter and since when; billed on the average from then until resolved. */
function ReportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReportForm>();
  const mutation = useMutation({
    mutationFn: (v: ReportForm) =>
      reportMeterFault({
        accountNo: v.accountNo.trim(),
        meterSerial: v.meterSerial.trim(),
        fromOn: toDateString(v.fromOn)!,
        note: blankToNull(v.note),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (f) => {
      message.success(t('meterFault.reported', { date: f.fromOn }));
      queryClient.invalidateQueries({ queryKey: meterFaultsKey });
      close();
    },
  });
  function close() {
    mutation.reset();
    onClose();
  }
  return (
    <FormModal
      open={open}
      title={t('meterFault.reportTitle')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="fault-submit"
      submitLabel={t('meterFault.report')}
      width={520}
    >
      <Form<ReportForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Typography.Paragraph type="secondary">{t('meterFault.billingHint')}</Typography.Paragraph>
        <Form.Item
          name="accountNo"
          label={t('meterFault.accountNo')}
          rules={[
            rules.required(t, 'meterFault.accountNo'),
            { pattern: /^\s*\d{6,18}\s*$/, message: t('meterFault.accountNoInvalid') },
          ]}
        >
          <Input maxLength={18} inputMode="numeric" data-testid="fault-account" />
        </Form.Item>
        <Form.Item
          name="meterSerial"
          label={t('meterFault.meterSerial')}
          rules={[rules.required(t, 'meterFault.meterSerial'), { min: 3, max: 32 }]}
        >
          <Input maxLength={32} data-testid="fault-meter" />
        </Form.Item>
        <Form.Item
          name="fromOn"
          label={t('meterFault.fromOn')}
          rules={[
            rules.requiredSelect(t, 'meterFault.fromOn'),
            {
              validator: async (_, v: Dayjs | undefined) => {
                if (v && notAfterToday(v)) throw new Error(t('meterFault.futureDate'));
              },
            },
          ]}
        >
          <DatePicker disabledDate={notAfterToday} data-testid="fault-from" />
        </Form.Item>
        <Form.Item name="note" label={t('meterFault.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="fault-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface ResolveForm {
  resolvedOn: Dayjs;
  note?: string;
}

function ResolveModal({ fault, onClose }: { fault: MeterFault | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ResolveForm>();
  const mutation = useMutation({
    mutationFn: (v: ResolveForm) =>
      resolveMeterFault(fault!.id, { resolvedOn: toDateString(v.resolvedOn)!, note: blankToNull(v.note) }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('meterFault.resolvedOk'));
      queryClient.invalidateQueries({ queryKey: meterFaultsKey });
      close();
    },
  });
  function close() {
    mutation.reset();
    onClose();
  }
  const outOfRange = (d: Dayjs) => notAfterToday(d) || (fault ? d.isBefore(dayjs(fault.fromOn), 'day') : false);
  return (
    <FormModal
      open={fault !== null}
      title={t('meterFault.resolveTitle', { serial: fault?.meterSerial ?? '' })}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="fault-resolve-submit"
      width={480}
    >
      <Form<ResolveForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="resolvedOn"
          label={t('meterFault.resolvedOn')}
          rules={[rules.requiredSelect(t, 'meterFault.resolvedOn')]}
        >
          <DatePicker disabledDate={outOfRange} data-testid="fault-resolved-on" />
        </Form.Item>
        <Form.Item name="note" label={t('meterFault.resolvedNote')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface FilterForm {
  accountNo?: string;
  status?: 'open' | 'resolved';
}

/** 坏表登记 (MTR-5): broken meters, what was billed on the average, the 补气登记表 to print. */
export function MeterFaultsPage() {
  const { t } = useT();
  const can = useCan();
  const manage = can('reading.meterFault.manage');
  const [form] = Form.useForm<FilterForm>();
  const [reporting, setReporting] = useState(false);
  const [resolving, setResolving] = useState<MeterFault | null>(null);
  const [params, setParams] = useState<FaultListParams>({ page: 1, pageSize: 20, sort: 'fromOn', order: 'desc' });
  const faults = useQuery({
    queryKey: [...meterFaultsKey, params],
    queryFn: () => listMeterFaults(params),
    placeholderData: keepPreviousData,
  });
  const sortable = (key: FaultSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<MeterFault>['columns'] = [
    {
      title: t('meterFault.accountNo'),
      dataIndex: 'accountNo',
      key: 'accountNo',
      ...sortable('accountNo'),
      render: (no: string, f) => <Link to={`/customers/accounts/${f.accountId}`}>{no}</Link>,
    },
    { title: t('meterFault.customerName'), dataIndex: 'customerName', key: 'customerName' },
    { title: t('meterFault.meterSerial'), dataIndex: 'meterSerial', key: 'meterSerial' },
    { title: t('meterFault.fromOn'), dataIndex: 'fromOn', key: 'fromOn', ...sortable('fromOn') },
    {
      title: t('meterFault.status'),
      key: 'status',
      render: (_, f) =>
        f.resolvedOn ? (
          <Tag color="green">{t('meterFault.status.resolved')}</Tag>
        ) : (
          <Tag color="red">{t('meterFault.status.open')}</Tag>
        ),
    },
    { title: t('meterFault.resolvedOn'), dataIndex: 'resolvedOn', key: 'resolvedOn', render: (d) => d ?? '—' },
    {
      title: t('meterFault.periods'),
      key: 'periods',
      render: (_, f) => (f.periods.length ? f.periods.map((p) => p.period).join('、') : '—'),
    },
    { title: t('meterFault.volume'), dataIndex: 'volume', key: 'volume', align: 'right' },
    {
      title: t('meterFault.amount'),
      dataIndex: 'amount',
      key: 'amount',
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    { title: t('meterFault.note'), dataIndex: 'note', key: 'note', render: (n: string | null) => n ?? '' },
    { title: t('meterFault.reportedBy'), dataIndex: 'reportedBy', key: 'reportedBy', render: (n) => n ?? '—' },
    {
      title: '',
      key: 'actions',
      render: (_, f) => (
        <Space>
          <Button
            size="small"
            href={noticeHtmlUrl(TOP_UP_REGISTER_NOTICE, f.id)}
            target="_blank"
            data-testid={`fault-print-${f.accountNo}`}
          >
            {t('meterFault.print')}
          </Button>
          {manage && !f.resolvedOn && (
            <Button size="small" onClick={() => setResolving(f)} data-testid={`fault-resolve-${f.accountNo}`}>
              {t('meterFault.resolve')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title={t('menu.meterFaults')}
      extra={
        manage && (
          <Button type="primary" onClick={() => setReporting(true)} data-testid="fault-report">
            {t('meterFault.report')}
          </Button>
        )
      }
    >
      <Form<FilterForm>
        form={form}
        layout="inline"
        validateTrigger="onChange"
        onFinish={(v) =>
          setParams((p) => ({ ...p, page: 1, accountNo: v.accountNo?.trim() || undefined, status: v.status }))
        }
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item
          name="accountNo"
          label={t('meterFault.accountNo')}
          rules={[{ pattern: /^\s*\d{0,18}\s*$/, message: t('meterFault.accountNoInvalid') }]}
        >
          <Input allowClear style={{ width: 170 }} data-testid="fault-filter-account" />
        </Form.Item>
        <Form.Item name="status" label={t('meterFault.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            data-testid="fault-filter-status"
            options={(['open', 'resolved'] as const).map((s) => ({ value: s, label: t(`meterFault.status.${s}`) }))}
          />
        </Form.Item>
        <FilterActions
          form={form}
          onReset={() => setParams((p) => ({ ...p, page: 1, accountNo: undefined, status: undefined }))}
          searchTestId="fault-search"
        />
      </Form>
      <Table<MeterFault>
        rowKey="id"
        data-testid="fault-table"
        columns={columns}
        dataSource={faults.data?.items}
        loading={faults.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: faults.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <ReportModal open={reporting} onClose={() => setReporting(false)} />
      <ResolveModal fault={resolving} onClose={() => setResolving(null)} />
    </PageCard>
  );
}

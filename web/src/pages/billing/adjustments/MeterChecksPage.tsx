import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Radio,
  Segmented,
  Space,
  Table,
  type TableProps,
  Tabs,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  type DueParams,
  type IcMeterCheck,
  type IcMeterDue,
  listIcMeterChecks,
  listIcMetersDue,
  listSafetyChecks,
  listSuspendedDue,
  meterChecksKey,
  recordIcMeterCheck,
  recordSafetyCheck,
  type SafetyCheck,
  type SuspendedDue,
} from '../../../api/adjustments';
import type { PageParams } from '../../../api/types';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/time';
import { rules } from '../../../lib/validation';
import { businessToday } from '../../approvals/format';
import { AccountSelect } from '../../customers/AccountSelect';

const READING = /^\d{1,9}(\.\d{1,3})?$/;
const WITHIN_DAYS = 7;

function DueTag({ dueOn, overdueDays }: { dueOn: string | null; overdueDays: number | null }) {
  const { t } = useT();
  if (dueOn === null) return <Tag color="red">{t('meterCheck.never')}</Tag>;
  if (overdueDays !== null && overdueDays > 0)
    return <Tag color="red">{t('meterCheck.overdue', { days: overdueDays })}</Tag>;
  return <span>{dueOn}</span>;
}

function DueFilters({ onSearch }: { onSearch: (f: { q?: string; withinDays?: number }) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ q?: string; within?: boolean }>();
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 12 }}
      onFinish={(v) => onSearch({ q: v.q?.trim() || undefined, withinDays: v.within ? WITHIN_DAYS : undefined })}
    >
      <Form.Item name="q" label={t('meterCheck.filter.q')}>
        <Input allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="within" valuePropName="checked">
        <Checkbox>{t('meterCheck.within', { days: WITHIN_DAYS })}</Checkbox>
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form.Item>
    </Form>
  );
}

const notAfterToday = (t: ReturnType<typeof useT>['t']) => ({
  validator: (_: unknown, v?: Dayjs) =>
    !v?.isAfter(businessToday(), 'day') ? Promise.resolve() : Promise.reject(new Error(t('meterCheck.futureDate'))),
});

function IcCheckModal({ meter, onClose }: { meter: IcMeterDue | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ checkedOn: Dayjs; baseReading: string; remainingVolume: string; note?: string }>();
  const mutation = useMutation({
    mutationFn: (v: { checkedOn: Dayjs; baseReading: string; remainingVolume: string; note?: string }) =>
      recordIcMeterCheck({
        meterId: meter!.meterId,
        checkedOn: v.checkedOn.format('YYYY-MM-DD'),
        baseReading: v.baseReading.trim(),
        remainingVolume: v.remainingVolume.trim(),
        note: v.note?.trim() || undefined,
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('meterCheck.recorded'));
      queryClient.invalidateQueries({ queryKey: meterChecksKey });
      mutation.reset();
      onClose();
    },
  });
  const reading = { pattern: READING, message: t('adjustment.invalidReading') };
  return (
    <FormModal
      open={!!meter}
      title={t('meterCheck.recordIcTitle', { serial: meter?.meterSerial ?? '' })}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="ic-check-submit"
    >
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ checkedOn: businessToday() }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="checkedOn"
          label={t('meterCheck.checkedOn')}
          rules={[rules.requiredSelect(t, 'meterCheck.checkedOn'), notAfterToday(t)]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="baseReading"
          label={t('meterCheck.baseReading')}
          rules={[rules.required(t, 'meterCheck.baseReading'), reading]}
        >
          <Input inputMode="decimal" data-testid="ic-check-base" />
        </Form.Item>
        <Form.Item
          name="remainingVolume"
          label={t('meterCheck.remainingVolume')}
          rules={[rules.required(t, 'meterCheck.remainingVolume'), reading]}
        >
          <Input inputMode="decimal" data-testid="ic-check-remaining" />
        </Form.Item>
        <Form.Item name="note" label={t('meterCheck.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function SafetyCheckModal({ account, onClose }: { account: SuspendedDue | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ checkedOn: Dayjs; result: 'ok' | 'hazard'; note?: string }>();
  const result = Form.useWatch('result', form);
  const mutation = useMutation({
    mutationFn: (v: { checkedOn: Dayjs; result: 'ok' | 'hazard'; note?: string }) =>
      recordSafetyCheck({
        accountId: account!.accountId,
        checkedOn: v.checkedOn.format('YYYY-MM-DD'),
        result: v.result,
        note: v.note?.trim() || undefined,
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('meterCheck.recorded'));
      queryClient.invalidateQueries({ queryKey: meterChecksKey });
      mutation.reset();
      onClose();
    },
  });
  return (
    <FormModal
      open={!!account}
      title={t('meterCheck.recordSafetyTitle', { accountNo: account?.accountNo ?? '' })}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="safety-check-submit"
    >
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ checkedOn: businessToday(), result: 'ok' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="checkedOn"
          label={t('meterCheck.checkedOn')}
          rules={[rules.requiredSelect(t, 'meterCheck.checkedOn'), notAfterToday(t)]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="result" label={t('meterCheck.result')}>
          <Radio.Group data-testid="safety-check-result">
            <Radio value="ok">{t('meterCheck.result.ok')}</Radio>
            <Radio value="hazard">{t('meterCheck.result.hazard')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="note"
          label={result === 'hazard' ? t('meterCheck.hazardNote') : t('meterCheck.note')}
          required={result === 'hazard'}
          dependencies={['result']}
          rules={[
            // Read from the form, so switching to 隐患 re-validates with the new rule at once.
            ({ getFieldValue }) => ({
              validator: (_: unknown, v?: string) =>
                getFieldValue('result') === 'hazard' && !v?.trim()
                  ? Promise.reject(new Error(t('validation.required', { field: t('meterCheck.hazardNote') })))
                  : Promise.resolve(),
            }),
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="safety-check-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/**
 * A due list (MTR-6 IC-card meters, MTR-7 suspended accounts): the hint with the policy interval, the filters,
 * the paged table, and a 登记 button per row for holders of meterCheck.record.
 */
function DueList<
  R extends { dueOn: string | null; overdueDays: number | null },
  D extends { items: R[]; total: number },
>(props: {
  kind: 'ic' | 'suspended';
  list: (p: DueParams) => Promise<D>;
  /** The hint above the list, with the policy interval the answer carries. */
  hint: (data: D) => string;
  rowKey: keyof R & string;
  testId: string;
  /** The columns before the due date. */
  columns: NonNullable<TableProps<R>['columns']>;
  recordTestId: (row: R) => string;
  onRecord: (row: R) => void;
}) {
  const { t } = useT();
  const can = useCan();
  const [params, setParams] = useState<DueParams>({ page: 1, pageSize: 20 });
  const due = useQuery({
    queryKey: [...meterChecksKey, props.kind, params],
    queryFn: () => props.list(params),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<R>['columns'] = [
    ...props.columns,
    {
      title: t('meterCheck.dueOn'),
      key: 'dueOn',
      render: (_, r) => <DueTag dueOn={r.dueOn} overdueDays={r.overdueDays} />,
    },
    ...(can('meterCheck.record')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: R) => (
              <Button size="small" type="primary" onClick={() => props.onRecord(r)} data-testid={props.recordTestId(r)}>
                {t('meterCheck.record')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {due.data && <Alert type="info" showIcon title={props.hint(due.data)} style={{ marginBottom: 16 }} />}
      <DueFilters onSearch={(f) => setParams((p) => ({ ...p, ...f, page: 1 }))} />
      <Table<R>
        rowKey={props.rowKey}
        data-testid={props.testId}
        columns={columns}
        dataSource={due.data?.items}
        loading={due.isFetching}
        onChange={(pg) => setParams((p) => ({ ...p, page: pg.current ?? 1, pageSize: pg.pageSize ?? 20 }))}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: due.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}

function IcMetersTab() {
  const { t } = useT();
  const [recording, setRecording] = useState<IcMeterDue | null>(null);
  return (
    <>
      <DueList<IcMeterDue, Awaited<ReturnType<typeof listIcMetersDue>>>
        kind="ic"
        list={listIcMetersDue}
        hint={(d) => t('meterCheck.icHint', { days: d.checkEveryDays })}
        rowKey="meterId"
        testId="ic-due-table"
        columns={[
          { title: t('meterCheck.meterSerial'), dataIndex: 'meterSerial', key: 'meterSerial' },
          { title: t('meterCheck.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
          { title: t('meterCheck.customerName'), dataIndex: 'customerName', key: 'customerName' },
          { title: t('meterCheck.address'), dataIndex: 'address', key: 'address' },
          {
            title: t('meterCheck.lastCheckedOn'),
            dataIndex: 'lastCheckedOn',
            key: 'lastCheckedOn',
            render: (v) => v ?? '—',
          },
          {
            title: t('meterCheck.lastReading'),
            key: 'lastReading',
            render: (_, m) => (m.lastBaseReading ? `${m.lastBaseReading} / ${m.lastRemainingVolume}` : '—'),
          },
        ]}
        recordTestId={(m) => `ic-check-${m.meterSerial}`}
        onRecord={setRecording}
      />
      <IcCheckModal meter={recording} onClose={() => setRecording(null)} />
    </>
  );
}

function SuspendedTab() {
  const { t } = useT();
  const [recording, setRecording] = useState<SuspendedDue | null>(null);
  return (
    <>
      <DueList<SuspendedDue, Awaited<ReturnType<typeof listSuspendedDue>>>
        kind="suspended"
        list={listSuspendedDue}
        hint={(d) => t('meterCheck.suspendedHint', { months: d.checkEveryMonths })}
        rowKey="accountId"
        testId="suspended-due-table"
        columns={[
          { title: t('meterCheck.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
          { title: t('meterCheck.customerName'), dataIndex: 'customerName', key: 'customerName' },
          { title: t('meterCheck.address'), dataIndex: 'address', key: 'address' },
          {
            title: t('meterCheck.suspendedOn'),
            dataIndex: 'suspendedOn',
            key: 'suspendedOn',
            render: (v) => v ?? '—',
          },
          {
            title: t('meterCheck.lastCheckedOn'),
            dataIndex: 'lastCheckedOn',
            key: 'lastCheckedOn',
            render: (v) => v ?? '—',
          },
          {
            title: t('meterCheck.lastResult'),
            dataIndex: 'lastResult',
            key: 'lastResult',
            render: (v: string | null) =>
              v ? <Tag color={v === 'ok' ? 'green' : 'red'}>{t(`meterCheck.result.${v}` as MessageKey)}</Tag> : '—',
          },
        ]}
        recordTestId={(a) => `safety-check-${a.accountNo}`}
        onRecord={setRecording}
      />
      <SafetyCheckModal account={recording} onClose={() => setRecording(null)} />
    </>
  );
}

type HistoryKind = 'ic' | 'suspended';

/** MTR-6 / MTR-7: the checks recorded so far (IC-card meters, suspended accounts), newest first, by account. */
function HistoryTab() {
  const { t } = useT();
  const [kind, setKind] = useState<HistoryKind>('ic');
  const [params, setParams] = useState<PageParams & { accountId?: string }>({ page: 1, pageSize: 20 });
  const ic = useQuery({
    queryKey: [...meterChecksKey, 'history', 'ic', params],
    queryFn: () => listIcMeterChecks(params),
    placeholderData: keepPreviousData,
    enabled: kind === 'ic',
  });
  const suspended = useQuery({
    queryKey: [...meterChecksKey, 'history', 'suspended', params],
    queryFn: () => listSafetyChecks(params),
    placeholderData: keepPreviousData,
    enabled: kind === 'suspended',
  });
  const current = kind === 'ic' ? ic : suspended;
  const common = {
    size: 'middle' as const,
    loading: current.isFetching,
    onChange: (pg: { current?: number; pageSize?: number }) =>
      setParams((p) => ({ ...p, page: pg.current ?? 1, pageSize: pg.pageSize ?? 20 })),
    pagination: {
      current: params.page,
      pageSize: params.pageSize,
      total: current.data?.total ?? 0,
      showSizeChanger: true,
      showTotal: (total: number) => t('common.total', { total }),
    },
    scroll: { x: 'max-content' as const },
  };
  const by = {
    title: t('meterCheck.checkedBy'),
    key: 'checkedBy',
    render: (_: unknown, c: { checkedBy: { name: string } }) => c.checkedBy.name,
  };
  const recordedAt = {
    title: t('meterCheck.recordedAt'),
    dataIndex: 'createdAt',
    key: 'createdAt',
    render: (v: string) => formatDateTime(v),
  };
  const note = { title: t('meterCheck.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' };
  const icColumns: TableProps<IcMeterCheck>['columns'] = [
    { title: t('meterCheck.checkedOn'), dataIndex: 'checkedOn', key: 'checkedOn' },
    { title: t('meterCheck.meterSerial'), dataIndex: 'meterSerial', key: 'meterSerial' },
    { title: t('meterCheck.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
    { title: t('meterCheck.customerName'), dataIndex: 'customerName', key: 'customerName' },
    { title: t('meterCheck.baseReading'), dataIndex: 'baseReading', key: 'baseReading', align: 'right' },
    { title: t('meterCheck.remainingVolume'), dataIndex: 'remainingVolume', key: 'remainingVolume', align: 'right' },
    note,
    by,
    recordedAt,
  ];
  const safetyColumns: TableProps<SafetyCheck>['columns'] = [
    { title: t('meterCheck.checkedOn'), dataIndex: 'checkedOn', key: 'checkedOn' },
    { title: t('meterCheck.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
    { title: t('meterCheck.customerName'), dataIndex: 'customerName', key: 'customerName' },
    {
      title: t('meterCheck.result'),
      dataIndex: 'result',
      key: 'result',
      render: (v: SafetyCheck['result']) => (
        <Tag color={v === 'ok' ? 'green' : 'red'}>{t(`meterCheck.result.${v}`)}</Tag>
      ),
    },
    note,
    by,
    recordedAt,
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<HistoryKind>
          value={kind}
          onChange={(k) => {
            setKind(k);
            setParams((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'ic', label: t('meterCheck.history.ic') },
            { value: 'suspended', label: t('meterCheck.history.suspended') },
          ]}
          data-testid="check-history-kind"
        />
        <AccountSelect
          style={{ width: 260 }}
          placeholder={t('meterCheck.history.account')}
          onChange={(accountId?: string) => setParams((p) => ({ ...p, page: 1, accountId: accountId || undefined }))}
        />
      </Space>
      {kind === 'ic' ? (
        <Table<IcMeterCheck>
          rowKey="id"
          data-testid="ic-history-table"
          columns={icColumns}
          dataSource={ic.data?.items}
          {...common}
        />
      ) : (
        <Table<SafetyCheck>
          rowKey="id"
          data-testid="suspended-history-table"
          columns={safetyColumns}
          dataSource={suspended.data?.items}
          {...common}
        />
      )}
    </>
  );
}

/** MTR-6 / MTR-7: the due lists of C&I IC-card meter checks and suspended-account safety checks, with the record form. */
export function MeterChecksPage() {
  const { t } = useT();
  return (
    <PageCard title={t('menu.meterChecks')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Tabs
          items={[
            { key: 'ic', label: t('meterCheck.icTab'), children: <IcMetersTab /> },
            { key: 'suspended', label: t('meterCheck.suspendedTab'), children: <SuspendedTab /> },
            { key: 'history', label: t('meterCheck.historyTab'), children: <HistoryTab /> },
          ]}
        />
      </Space>
    </PageCard>
  );
}

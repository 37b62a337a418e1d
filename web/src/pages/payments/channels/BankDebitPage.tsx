import { UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Progress,
  Space,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  cancelMandate,
  channelPaymentsKey,
  createBatches,
  createMandate,
  type DebitBatch,
  type DebitLine,
  downloadBatchFile,
  type LineStatus,
  listBatches,
  listLines,
  listMandates,
  type Mandate,
  type MandateStatus,
  type NewMandate,
  type ResultRowError,
  uploadResults,
} from '../../../api/channelPayments';
import { ApiError } from '../../../api/client';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText, notifyError } from '../../../lib/feedback';
import { applyServerFieldErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/time';
import { blankToUndefined } from '../../../lib/validation';
import { formatYuan } from '../../approvals/format';
import { AccountSelect, LineStatusTag, MANAGE, pagination, usePaging } from './shared';

/** PAY-1 银行代扣: mandates per account; batch runs with their file out and the bank's results back. */
export function BankDebitPage() {
  const { t } = useT();
  return (
    <PageCard title={t('menu.bankDebit')}>
      <Tabs
        items={[
          { key: 'mandates', label: t('channelPay.tab.mandates'), children: <MandatesTab /> },
          { key: 'batches', label: t('channelPay.tab.batches'), children: <BatchesTab /> },
        ]}
      />
    </PageCard>
  );
}

function MandatesTab() {
  const { t } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { params, setParams, onChange } = usePaging({ order: 'desc' });
  const [status, setStatus] = useState<MandateStatus | undefined>('active');
  const [accountNo, setAccountNo] = useState<string>();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [...channelPaymentsKey, 'mandates', params, status, accountNo],
    queryFn: () => listMandates({ ...params, status, accountNo }),
    placeholderData: keepPreviousData,
  });
  const cancel = useMutation({
    mutationFn: (id: string) => cancelMandate(id),
    onSuccess: () => {
      message.success(t('channelPay.mandate.cancelled'));
      void queryClient.invalidateQueries({ queryKey: [...channelPaymentsKey, 'mandates'] });
    },
  });
  const columns: TableProps<Mandate>['columns'] = [
    { title: t('channelPay.account'), key: 'account', render: (_, m) => `${m.accountNo} ${m.customerName}` },
    { title: t('channelPay.mandate.bankName'), key: 'bank', render: (_, m) => `${m.bankName}（${m.bankCode}）` },
    { title: t('channelPay.mandate.bankAccountNo'), dataIndex: 'bankAccountNo', key: 'bankAccountNo' },
    { title: t('channelPay.mandate.holderName'), dataIndex: 'holderName', key: 'holderName' },
    {
      title: t('channelPay.status'),
      key: 'status',
      render: (_, m) => (
        <Tag color={m.status === 'active' ? 'green' : 'default'}>
          {t(`channelPay.mandate.status.${m.status}` as MessageKey)}
        </Tag>
      ),
    },
    { title: t('channelPay.createdBy'), key: 'createdBy', render: (_, m) => m.createdByName ?? '—' },
    { title: t('channelPay.createdAt'), key: 'createdAt', render: (_, m) => formatDateTime(m.createdAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, m) =>
        can(MANAGE) && m.status === 'active' ? (
          <Popconfirm
            title={t('channelPay.mandate.cancelConfirm', { accountNo: m.accountNo })}
            onConfirm={() => cancel.mutate(m.id)}
          >
            <Button size="small" danger data-testid={`mandate-cancel-${m.accountNo}`}>
              {t('channelPay.mandate.cancel')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tabs
          size="small"
          activeKey={status ?? 'all'}
          onChange={(k) => {
            setStatus(k === 'all' ? undefined : (k as MandateStatus));
            setParams((p) => ({ ...p, page: 1 }));
          }}
          items={[
            { key: 'all', label: t('channelPay.tab.mandates') },
            { key: 'active', label: t('channelPay.mandate.status.active') },
            { key: 'cancelled', label: t('channelPay.mandate.status.cancelled') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('channelPay.order.accountNoFilter')}
          style={{ width: 200 }}
          onSearch={(v) => {
            setAccountNo(blankToUndefined(v));
            setParams((p) => ({ ...p, page: 1 }));
          }}
        />
        {can(MANAGE) && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="mandate-create">
            {t('channelPay.mandate.create')}
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" title={errorText(list.error)} />}
      <Table<Mandate>
        rowKey="id"
        data-testid="debit-mandates"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={onChange}
        pagination={pagination(t, params, list.data?.total)}
        scroll={{ x: 'max-content' }}
      />
      <MandateModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}

function MandateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewMandate>();
  const m = useMutation({
    mutationFn: (v: NewMandate) =>
      createMandate({
        accountId: v.accountId,
        bankCode: v.bankCode.trim().toUpperCase(),
        bankName: v.bankName.trim(),
        bankAccountNo: v.bankAccountNo.replace(/\s/g, ''),
        holderName: v.holderName.trim(),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('channelPay.mandate.created'));
      void queryClient.invalidateQueries({ queryKey: [...channelPaymentsKey, 'mandates'] });
      form.resetFields();
      m.reset();
      onClose();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  return (
    <FormModal
      open={open}
      title={t('channelPay.mandate.create')}
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="mandate-submit"
    >
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} validateTrigger={['onChange', 'onBlur']}>
        <Form.Item
          name="accountId"
          label={t('channelPay.account')}
          rules={[{ required: true, message: t('channelPay.accountRequired') }]}
        >
          <AccountSelect testId="mandate-account" />
        </Form.Item>
        <Form.Item
          name="bankCode"
          label={t('channelPay.mandate.bankCode')}
          extra={t('channelPay.mandate.bankCodeHint')}
          rules={[
            { required: true, pattern: /^\s*[A-Za-z0-9]{2,12}\s*$/, message: t('channelPay.mandate.bankCodeInvalid') },
          ]}
        >
          <Input maxLength={12} data-testid="mandate-bank-code" />
        </Form.Item>
        <Form.Item
          name="bankName"
          label={t('channelPay.mandate.bankName')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('channelPay.mandate.bankNameRequired') }]}
        >
          <Input maxLength={40} data-testid="mandate-bank-name" />
        </Form.Item>
        <Form.Item
          name="bankAccountNo"
          label={t('channelPay.mandate.bankAccountNo')}
          rules={[
            {
              required: true,
              validator: (_, v?: string) =>
                /^\d{8,30}$/.test((v ?? '').replace(/\s/g, ''))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('channelPay.mandate.bankAccountNoInvalid'))),
            },
          ]}
        >
          <Input inputMode="numeric" maxLength={40} data-testid="mandate-bank-account" />
        </Form.Item>
        <Form.Item
          name="holderName"
          label={t('channelPay.mandate.holderName')}
          rules={[{ required: true, whitespace: true, message: t('channelPay.mandate.holderNameRequired') }]}
        >
          <Input maxLength={60} data-testid="mandate-holder" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

const RESULT_FIELD: Record<string, MessageKey> = {
  reference: 'channelPay.line.reference',
  status: 'channelPay.status',
  amount: 'channelPay.amount',
  reason: 'channelPay.line.failureReason',
};

function BatchesTab() {
  const { t, lang } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { params, onChange } = usePaging();
  const [creating, setCreating] = useState(false);
  const [rowErrors, setRowErrors] = useState<{ no: string; rows: ResultRowError[] } | null>(null);
  const list = useQuery({
    queryKey: [...channelPaymentsKey, 'batches', params],
    queryFn: () => listBatches(params),
    placeholderData: keepPreviousData,
    // A run builds in the background: its progress is polled until it is done.
    refetchInterval: (q) => (q.state.data?.items.some((b) => b.status === 'building') ? 1000 : false),
  });
  const upload = useMutation({
    mutationFn: ({ batch, file }: { batch: DebitBatch; file: File }) => uploadResults(batch.id, file),
    meta: { handlesErrors: true },
    onMutate: () => setRowErrors(null),
    onError: (err, { batch }) => {
      const rows = err instanceof ApiError ? (err.details?.rows as ResultRowError[] | undefined) : undefined;
      if (rows?.length) setRowErrors({ no: batch.no, rows });
      notifyError(err);
    },
    onSuccess: (s) => {
      message.success(t('channelPay.batch.uploaded', { ...s }));
      void queryClient.invalidateQueries({ queryKey: [...channelPaymentsKey, 'batches'] });
      void queryClient.invalidateQueries({ queryKey: [...channelPaymentsKey, 'lines'] });
    },
  });
  const columns: TableProps<DebitBatch>['columns'] = [
    { title: t('channelPay.batch.no'), dataIndex: 'no', key: 'no' },
    {
      title: t('channelPay.batch.bank'),
      key: 'bank',
      render: (_, b) => (b.bankName ? `${b.bankName}（${b.bankCode}）` : b.bankCode),
    },
    { title: t('channelPay.batch.debitDate'), dataIndex: 'debitDate', key: 'debitDate' },
    { title: t('channelPay.batch.lines'), dataIndex: 'lineCount', key: 'lineCount', align: 'right' },
    { title: t('channelPay.batch.total'), key: 'total', align: 'right', render: (_, b) => formatYuan(b.totalAmount) },
    {
      title: t('channelPay.batch.progress'),
      key: 'progress',
      render: (_, b) =>
        b.status === 'building' ? (
          <Space direction="vertical" size={0} style={{ minWidth: 180 }}>
            <Progress
              size="small"
              status="active"
              percent={Math.floor((b.mandatesDone / Math.max(1, b.mandatesTotal)) * 100)}
            />
            <span style={{ fontSize: 12 }}>
              {t('channelPay.batch.building', { done: b.mandatesDone, total: b.mandatesTotal })}
            </span>
          </Space>
        ) : (
          <Space direction="vertical" size={0} style={{ minWidth: 180 }}>
            <Progress
              size="small"
              percent={Math.round(((b.succeeded + b.failed) / Math.max(1, b.lineCount)) * 100)}
              strokeColor={b.failed > 0 ? '#fa8c16' : '#52c41a'}
            />
            <span style={{ fontSize: 12 }}>
              {t('channelPay.line.status.succeeded')} {b.succeeded} · {t('channelPay.line.status.failed')} {b.failed} ·{' '}
              {t('channelPay.line.status.pending')} {b.pending}
            </span>
          </Space>
        ),
    },
    {
      title: t('channelPay.status'),
      key: 'status',
      render: (_, b) => (
        <Tag color={b.status === 'completed' ? 'green' : b.status === 'building' ? 'orange' : 'blue'}>
          {t(`channelPay.batch.status.${b.status}` as MessageKey)}
        </Tag>
      ),
    },
    { title: t('channelPay.createdBy'), key: 'createdBy', render: (_, b) => b.createdByName ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, b) =>
        can(MANAGE) && b.status !== 'building' ? (
          <Space>
            <Button
              size="small"
              onClick={() => downloadBatchFile(b).catch(notifyError)}
              data-testid={`debit-batch-download-${b.no}`}
            >
              {t('channelPay.batch.download')}
            </Button>
            <Upload
              accept=".csv,text/csv"
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate({ batch: b, file });
                return false;
              }}
            >
              <Button
                size="small"
                icon={<UploadOutlined />}
                loading={upload.isPending && upload.variables?.batch.id === b.id}
                data-testid={`debit-batch-upload-${b.no}`}
              >
                {t('channelPay.batch.upload')}
              </Button>
            </Upload>
          </Space>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {can(MANAGE) && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="debit-batch-create">
            {t('channelPay.batch.create')}
          </Button>
        )}
        <span style={{ color: '#888' }}>{t('channelPay.resultsFormat')}</span>
      </Space>
      {rowErrors && (
        <Alert
          type="error"
          closable={{ onClose: () => setRowErrors(null) }}
          title={`${rowErrors.no}：${t('channelPay.batch.rowErrors')}`}
          description={
            <Table<ResultRowError>
              size="small"
              rowKey={(r) => `${r.line}-${r.field}`}
              data-testid="debit-results-errors"
              pagination={false}
              dataSource={rowErrors.rows}
              columns={[
                { title: t('channelPay.batch.line'), dataIndex: 'line', key: 'line', width: 80 },
                {
                  title: t('channelPay.batch.field'),
                  key: 'field',
                  width: 120,
                  render: (_, r) => (RESULT_FIELD[r.field] ? t(RESULT_FIELD[r.field]!) : r.field),
                },
                {
                  title: t('channelPay.batch.problem'),
                  key: 'message',
                  render: (_, r) => (lang === 'en' ? r.messageEn : r.message),
                },
              ]}
            />
          }
        />
      )}
      {list.error && <Alert type="error" title={errorText(list.error)} />}
      <Table<DebitBatch>
        rowKey="id"
        data-testid="debit-batches"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        expandable={{ expandedRowRender: (b) => <BatchLines batch={b} /> }}
        onChange={onChange}
        pagination={pagination(t, params, list.data?.total)}
        scroll={{ x: 'max-content' }}
      />
      <BatchModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}

function BatchLines({ batch }: { batch: DebitBatch }) {
  const { t } = useT();
  const { params, setParams, onChange } = usePaging({ order: 'asc' });
  const [status, setStatus] = useState<LineStatus | undefined>(batch.failed > 0 ? 'failed' : undefined);
  const lines = useQuery({
    queryKey: [...channelPaymentsKey, 'lines', batch.id, params, status],
    queryFn: () => listLines(batch.id, { ...params, status }),
    placeholderData: keepPreviousData,
  });
  const notice = (l: DebitLine) =>
    l.noticeMessageId
      ? t('channelPay.line.noticeQueued')
      : l.noticeSkipped
        ? t(`channelPay.line.notice.${l.noticeSkipped}` as MessageKey)
        : '—';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Tabs
        size="small"
        activeKey={status ?? 'all'}
        onChange={(k) => {
          setStatus(k === 'all' ? undefined : (k as LineStatus));
          setParams((p) => ({ ...p, page: 1 }));
        }}
        items={[
          { key: 'all', label: t('channelPay.batch.details') },
          ...(['pending', 'succeeded', 'failed'] as const).map((s) => ({
            key: s,
            label: t(`channelPay.line.status.${s}`),
          })),
        ]}
      />
      <Table<DebitLine>
        rowKey="lineNo"
        size="small"
        data-testid={`debit-lines-${batch.no}`}
        dataSource={lines.data?.items}
        loading={lines.isFetching}
        onChange={onChange}
        pagination={pagination(t, params, lines.data?.total)}
        columns={[
          { title: t('channelPay.line.reference'), dataIndex: 'reference', key: 'reference' },
          { title: t('channelPay.account'), key: 'account', render: (_, l) => `${l.accountNo} ${l.customerName}` },
          { title: t('channelPay.mandate.bankAccountNo'), dataIndex: 'bankAccountNo', key: 'bankAccountNo' },
          { title: t('channelPay.amount'), key: 'amount', align: 'right', render: (_, l) => formatYuan(l.amount) },
          { title: t('channelPay.status'), key: 'status', render: (_, l) => <LineStatusTag status={l.status} /> },
          { title: t('channelPay.line.failureReason'), key: 'reason', render: (_, l) => l.failureReason ?? '—' },
          { title: t('channelPay.order.paymentNo'), key: 'paymentNo', render: (_, l) => l.paymentNo ?? '—' },
          { title: t('channelPay.line.notice'), key: 'notice', render: (_, l) => notice(l) },
        ]}
      />
    </Space>
  );
}

function BatchModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ debitDate: Dayjs; bankCode?: string }>();
  const m = useMutation({
    mutationFn: (v: { debitDate: Dayjs; bankCode?: string }) =>
      createBatches({
        debitDate: v.debitDate.format('YYYY-MM-DD'),
        bankCode: blankToUndefined(v.bankCode)?.toUpperCase(),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (r) => {
      message.success(t('channelPay.batch.created', { count: r.items.length }));
      void queryClient.invalidateQueries({ queryKey: [...channelPaymentsKey, 'batches'] });
      form.resetFields();
      m.reset();
      onClose();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  return (
    <FormModal
      open={open}
      title={t('channelPay.batch.createTitle')}
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="debit-batch-submit"
      submitLabel={t('channelPay.batch.create')}
    >
      <Alert type="info" title={t('channelPay.batch.createHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} validateTrigger={['onChange', 'onBlur']}>
        <Form.Item
          name="debitDate"
          label={t('channelPay.batch.debitDate')}
          rules={[{ required: true, message: t('channelPay.batch.debitDateRequired') }]}
        >
          <DatePicker data-testid="debit-batch-date" />
        </Form.Item>
        <Form.Item
          name="bankCode"
          label={t('channelPay.batch.bankCodeOptional')}
          rules={[{ pattern: /^\s*[A-Za-z0-9]{2,12}\s*$/, message: t('channelPay.mandate.bankCodeInvalid') }]}
        >
          <Input maxLength={12} data-testid="debit-batch-bank" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

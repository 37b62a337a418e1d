import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  DEPOSIT_KINDS,
  DEPOSIT_STATUSES,
  type Deposit,
  type DepositFilters,
  type DepositListParams,
  type DepositSort,
  type DepositStatus,
  depositsKey,
  listDeposits,
} from '../../../api/deposits';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime } from '../../../lib/time';
import { AccountSelect } from '../../customers/AccountSelect';
import { ReceiveModal, ReleaseModal, usePrintReceipt } from './DepositModals';

const SORTABLE: DepositSort[] = ['receivedAt', 'no', 'amount'];
const STATUS_COLOR: Record<DepositStatus, string> = {
  held: 'processing',
  refunded: 'success',
  transferred: 'purple',
  applied: 'green',
  forfeited: 'orange',
};

export function DepositStatusTag({ status }: { status: DepositStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="deposit-status">
      {t(`deposit.status.${status}` as MessageKey)}
    </Tag>
  );
}

interface FilterForm {
  q?: string;
  kind?: DepositFilters['kind'];
  status?: DepositFilters['status'];
  accountId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function Filters({ onSearch }: { onSearch: (f: DepositFilters) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<FilterForm>();
  const toFilters = (v: FilterForm): DepositFilters => {
    const [from, to] = v.range ?? [];
    return {
      q: v.q?.trim() || undefined,
      kind: v.kind,
      status: v.status,
      accountId: v.accountId,
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
    };
  };
  return (
    <Form<FilterForm>
      form={form}
      layout="inline"
      onFinish={(v) => onSearch(toFilters(v))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item name="q" label={t('deposit.filter.q')}>
        <Input allowClear style={{ width: 180 }} data-testid="deposit-filter-q" />
      </Form.Item>
      <Form.Item name="accountId" label={t('deposit.account')}>
        <AccountSelect style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="kind" label={t('deposit.kind')}>
        <Select
          allowClear
          style={{ width: 150 }}
          options={DEPOSIT_KINDS.map((k) => ({ value: k, label: t(`deposit.kind.${k}` as MessageKey) }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('deposit.status')}>
        <Select
          allowClear
          style={{ width: 120 }}
          data-testid="deposit-filter-status"
          options={DEPOSIT_STATUSES.map((s) => ({ value: s, label: t(`deposit.status.${s}` as MessageKey) }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('deposit.filter.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch(toFilters({}))} searchTestId="deposit-search" />
    </Form>
  );
}

function Movements({ deposit }: { deposit: Deposit }) {
  const { t } = useT();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('deposit.movements')}</Typography.Text>
      <Timeline
        data-testid="deposit-movements"
        items={deposit.movements.map((m) => ({
          key: `${m.kind}-${m.at}`,
          content: (
            <span>
              {formatDateTime(m.at)} {t(`deposit.movement.${m.kind}` as MessageKey)} ¥{m.amount}
              {m.method
                ? `（${t(`payment.method.${m.method}` as MessageKey)}${m.reference ? ` ${m.reference}` : ''}）`
                : ''}
              {m.by ? ` · ${m.by.name}` : ''}
              {m.note ? ` · ${m.note}` : ''}
            </span>
          ),
        }))}
      />
      {deposit.status !== 'held' && deposit.releasedAt && (
        <Typography.Text type="secondary">
          {t('deposit.released', {
            refunded: deposit.refundedAmount,
            applied: deposit.appliedAmount,
            forfeited: deposit.forfeitedAmount,
          })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 押金管理 (PAY-8): deposits received, held outside the gas balance, refunded / applied / kept once. */
export function DepositsPage() {
  const { t } = useT();
  const can = useCan();
  const print = usePrintReceipt();
  const [receiving, setReceiving] = useState(false);
  const [releasing, setReleasing] = useState<Deposit | null>(null);
  const [params, setParams] = useState<DepositListParams>({ page: 1, pageSize: 20, sort: 'receivedAt', order: 'desc' });
  const list = useQuery({
    queryKey: [...depositsKey, 'list', params],
    queryFn: () => listDeposits(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = params;
  const sortable = (key: DepositSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });
  const manage = can('deposit.manage');

  const columns: TableProps<Deposit>['columns'] = [
    { title: t('deposit.no'), dataIndex: 'no', key: 'no', ...sortable('no') },
    { title: t('deposit.receiptNo'), dataIndex: 'receiptNo', key: 'receiptNo', render: (v) => v ?? '—' },
    { title: t('deposit.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
    { title: t('deposit.customerName'), dataIndex: 'customerName', key: 'customerName' },
    {
      title: t('deposit.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: string) => t(`deposit.kind.${k}` as MessageKey),
    },
    { title: t('deposit.amount'), dataIndex: 'amount', key: 'amount', align: 'right', ...sortable('amount') },
    {
      title: t('deposit.method'),
      dataIndex: 'method',
      key: 'method',
      render: (m: string | null) => (m ? t(`payment.method.${m}` as MessageKey) : '—'),
    },
    {
      title: t('deposit.status'),
      dataIndex: 'status',
      key: 'status',
      render: (_, d) => <DepositStatusTag status={d.status} />,
    },
    {
      title: t('deposit.receivedAt'),
      dataIndex: 'receivedAt',
      key: 'receivedAt',
      ...sortable('receivedAt'),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, d) => (
        <Space>
          <Button size="small" icon={<PrinterOutlined />} onClick={() => print(d.id)} data-testid="deposit-print">
            {t('deposit.printReceipt')}
          </Button>
          {manage && d.status === 'held' && (
            <Button size="small" type="primary" onClick={() => setReleasing(d)} data-testid="deposit-release">
              {t('deposit.release')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title={t('menu.deposits')}
      extra={
        <Space>
          {list.data && (
            <Typography.Text data-testid="deposit-held-total">
              {t('deposit.heldTotal', { held: list.data.held })}
            </Typography.Text>
          )}
          <ExportButton exportName="deposits" filters={{ ...exportable }} />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setReceiving(true)} data-testid="deposit-new">
              {t('deposit.receive')}
            </Button>
          )}
        </Space>
      }
    >
      <Filters onSearch={(f) => setParams((p) => ({ ...p, ...f, page: 1 }))} />
      <Table<Deposit>
        rowKey="id"
        data-testid="deposit-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        expandable={{ expandedRowRender: (d) => <Movements deposit={d} /> }}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <ReceiveModal open={receiving} onClose={() => setReceiving(false)} />
      {releasing && <ReleaseModal deposit={releasing} onClose={() => setReleasing(null)} />}
    </PageCard>
  );
}

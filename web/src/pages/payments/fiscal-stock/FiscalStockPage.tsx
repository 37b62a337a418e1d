import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Table, type TableProps, Tabs, Tag } from 'antd';
import { useState } from 'react';
import {
  acknowledgeLoss,
  type Batch,
  type FiscalKind,
  type FiscalNumber,
  fiscalStockKey,
  getBatch,
  type Handover,
  type Loss,
  listBatches,
  listHandovers,
  listLosses,
  listNumbers,
  listRanges,
  listRequests,
  type Range,
  type RangeStatus,
  type StockRequest,
} from '../../../api/fiscalStock';
import type { PageParams } from '../../../api/types';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText, notifyError } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/time';
import { HandoverModal, IssueRangeModal, ReceiveBatchModal, RequestModal, VoidModal } from './modals';
import { KindSelect, kindKey, RangeStatusTag, rangeText } from './shared';

const MANAGE = 'fiscal.stock.manage';

function usePaging(initial: Partial<PageParams> = {}) {
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize: 20, order: 'desc', ...initial });
  const onChange = (p: { current?: number; pageSize?: number }) =>
    setParams((x) => ({ ...x, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }));
  return { params, setParams, onChange };
}

function pagination(t: ReturnType<typeof useT>['t'], params: PageParams, total?: number) {
  return {
    current: params.page,
    pageSize: params.pageSize,
    total: total ?? 0,
    showTotal: (n: number) => t('common.total', { total: n }),
  };
}

/** Range columns shared by the batch detail and the issued-ranges list. */
export function useRangeColumns(actions?: (r: Range) => React.ReactNode): TableProps<Range>['columns'] {
  const { t } = useT();
  return [
    { title: t('fiscal.holder'), key: 'holder', render: (_, r) => r.holder.name },
    { title: t('fiscal.kind'), key: 'kind', render: (_, r) => t(kindKey(r.kind)) },
    { title: t('fiscal.series'), dataIndex: 'series', key: 'series' },
    {
      title: t('fiscal.range'),
      key: 'range',
      render: (_, r) => (
        <span>
          {rangeText(r)}
          {r.status === 'closed' && (
            <span style={{ color: '#888' }}>
              {' '}
              （{r.endNo ? t('fiscal.keptTo', { no: r.endNo }) : t('fiscal.nothingKept')}）
            </span>
          )}
        </span>
      ),
    },
    { title: t('fiscal.count'), dataIndex: 'count', key: 'count', align: 'right' },
    { title: t('fiscal.used'), dataIndex: 'used', key: 'used', align: 'right' },
    { title: t('fiscal.voided'), dataIndex: 'voided', key: 'voided', align: 'right' },
    { title: t('fiscal.remaining'), dataIndex: 'remaining', key: 'remaining', align: 'right' },
    { title: t('fiscal.nextNo'), key: 'nextNo', render: (_, r) => r.nextNo ?? '—' },
    { title: t('fiscal.status'), key: 'status', render: (_, r) => <RangeStatusTag status={r.status} /> },
    { title: t('fiscal.issuedOn'), dataIndex: 'issuedOn', key: 'issuedOn' },
    ...(actions ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, r: Range) => actions(r) }] : []),
  ];
}

function BatchRanges({ id }: { id: string }) {
  const detail = useQuery({ queryKey: [...fiscalStockKey, 'batch', id], queryFn: () => getBatch(id) });
  const columns = useRangeColumns();
  if (detail.error) return <Alert type="error" title={errorText(detail.error)} />;
  return (
    <Table<Range>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={detail.data?.ranges}
      loading={detail.isFetching}
      pagination={false}
      data-testid={`fiscal-batch-ranges-${id}`}
    />
  );
}

function BatchesTab() {
  const { t } = useT();
  const can = useCan();
  const { params, setParams, onChange } = usePaging();
  const [kind, setKind] = useState<FiscalKind | undefined>();
  const [receiving, setReceiving] = useState(false);
  const [issuing, setIssuing] = useState<Batch | null>(null);
  const list = useQuery({
    queryKey: [...fiscalStockKey, 'batches', params, kind],
    queryFn: () => listBatches({ ...params, kind }),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<Batch>['columns'] = [
    { title: t('fiscal.kind'), key: 'kind', render: (_, b) => t(kindKey(b.kind)) },
    { title: t('fiscal.series'), dataIndex: 'series', key: 'series' },
    { title: t('fiscal.range'), key: 'range', render: (_, b) => rangeText(b) },
    { title: t('fiscal.count'), dataIndex: 'count', key: 'count', align: 'right' },
    { title: t('fiscal.inStock'), dataIndex: 'inStock', key: 'inStock', align: 'right' },
    { title: t('fiscal.parts'), dataIndex: 'parts', key: 'parts', align: 'right' },
    { title: t('fiscal.receivedOn'), dataIndex: 'receivedOn', key: 'receivedOn' },
    { title: t('fiscal.receivedBy'), key: 'receivedBy', render: (_, b) => b.receivedBy.name },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, b) =>
        can(MANAGE) && b.inStock > 0 ? (
          <Button size="small" onClick={() => setIssuing(b)} data-testid={`fiscal-issue-${b.series}-${b.fromNo}`}>
            {t('fiscal.issue')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <KindSelect
          value={kind}
          allowClear
          onChange={(v) => {
            setKind(v);
            setParams((p) => ({ ...p, page: 1 }));
          }}
        />
        {can(MANAGE) && (
          <Button type="primary" onClick={() => setReceiving(true)} data-testid="fiscal-receive">
            {t('fiscal.receive')}
          </Button>
        )}
      </Space>
      <Table<Batch>
        rowKey="id"
        data-testid="fiscal-batches"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        expandable={{ expandedRowRender: (b) => <BatchRanges id={b.id} /> }}
        onChange={onChange}
        pagination={pagination(t, params, list.data?.total)}
        scroll={{ x: 'max-content' }}
      />
      <ReceiveBatchModal open={receiving} onClose={() => setReceiving(false)} />
      <IssueRangeModal batch={issuing} onClose={() => setIssuing(null)} />
    </Space>
  );
}

function RangesTab() {
  const { t } = useT();
  const can = useCan();
  const { params, setParams, onChange } = usePaging();
  const [status, setStatus] = useState<RangeStatus | undefined>();
  const [handing, setHanding] = useState<Range | null>(null);
  const [voiding, setVoiding] = useState<Range | null>(null);
  const list = useQuery({
    queryKey: [...fiscalStockKey, 'ranges', params, status],
    queryFn: () => listRanges({ ...params, status }),
    placeholderData: keepPreviousData,
  });
  const columns = useRangeColumns((r) =>
    can(MANAGE) && r.status !== 'closed' ? (
      <Space>
        <Button size="small" onClick={() => setHanding(r)} data-testid={`fiscal-handover-${r.id}`}>
          {t('fiscal.handover')}
        </Button>
        <Button size="small" danger onClick={() => setVoiding(r)}>
          {t('fiscal.void')}
        </Button>
      </Space>
    ) : null,
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Tabs
        size="small"
        activeKey={status ?? 'all'}
        onChange={(k) => {
          setStatus(k === 'all' ? undefined : (k as RangeStatus));
          setParams((p) => ({ ...p, page: 1 }));
        }}
        items={[
          { key: 'all', label: t('fiscal.tab.ranges') },
          ...(['issued', 'open', 'closed'] as const).map((s) => ({ key: s, label: t(`fiscal.status.${s}`) })),
        ]}
      />
      <Table<Range>
        rowKey="id"
        data-testid="fiscal-ranges"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={onChange}
        pagination={pagination(t, params, list.data?.total)}
        scroll={{ x: 'max-content' }}
      />
      <HandoverModal range={handing} onClose={() => setHanding(null)} />
      <VoidModal open={voiding !== null} range={voiding} onClose={() => setVoiding(null)} />
    </Space>
  );
}

function RequestsTab() {
  const { t } = useT();
  const can = useCan();
  const { params, onChange } = usePaging();
  const [filing, setFiling] = useState(false);
  const list = useQuery({
    queryKey: [...fiscalStockKey, 'requests', params],
    queryFn: () => listRequests(params),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<StockRequest>['columns'] = [
    { title: t('fiscal.kind'), key: 'kind', render: (_, r) => t(kindKey(r.kind)) },
    { title: t('fiscal.quantity'), dataIndex: 'quantity', key: 'quantity', align: 'right' },
    { title: t('fiscal.neededBy'), dataIndex: 'neededBy', key: 'neededBy' },
    { title: t('fiscal.requestedOn'), dataIndex: 'requestedOn', key: 'requestedOn' },
    {
      title: t('fiscal.late'),
      key: 'late',
      render: (_, r) => (r.late ? <Tag color="red">{t('fiscal.late')}</Tag> : <Tag>{t('fiscal.onTime')}</Tag>),
    },
    { title: t('fiscal.requestedBy'), key: 'requestedBy', render: (_, r) => r.requestedBy.name },
    { title: t('fiscal.status'), key: 'status', render: (_, r) => t(`fiscal.request.${r.status}` as MessageKey) },
    { title: t('fiscal.note'), dataIndex: 'note', key: 'note' },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('fiscal.stock.use', MANAGE) && (
        <Button onClick={() => setFiling(true)} data-testid="fiscal-request">
          {t('fiscal.request')}
        </Button>
      )}
      <Table<StockRequest>
        rowKey="id"
        data-testid="fiscal-requests"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={onChange}
        pagination={pagination(t, params, list.data?.total)}
        scroll={{ x: 'max-content' }}
      />
      <RequestModal open={filing} onClose={() => setFiling(false)} />
    </Space>
  );
}

export function LossesTable({ open }: { open?: boolean }) {
  const { t } = useT();
  const can = useCan();
  const queryClient = useQueryClient();
  const { params, onChange } = usePaging();
  const list = useQuery({
    queryKey: [...fiscalStockKey, 'losses', params, open],
    queryFn: () => listLosses({ ...params, open }),
    placeholderData: keepPreviousData,
  });
  const ack = useMutation({
    mutationFn: (id: string) => acknowledgeLoss(id),
    meta: { handlesErrors: true },
    onError: (err) => notifyError(err),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fiscalStockKey }),
  });
  const columns: TableProps<Loss>['columns'] = [
    { title: t('fiscal.holder'), key: 'holder', render: (_, l) => l.holder.name },
    { title: t('fiscal.kind'), key: 'kind', render: (_, l) => `${t(kindKey(l.kind))} ${l.series}` },
    { title: t('fiscal.range'), key: 'range', render: (_, l) => rangeText(l) },
    { title: t('fiscal.count'), dataIndex: 'count', key: 'count', align: 'right' },
    { title: t('fiscal.lostOn'), dataIndex: 'lostOn', key: 'lostOn' },
    {
      title: t('fiscal.reportedOn'),
      key: 'reportedOn',
      render: (_, l) => (
        <Space>
          {l.reportedOn}
          {l.late && <Tag color="red">{t('fiscal.lossLate')}</Tag>}
        </Space>
      ),
    },
    { title: t('fiscal.description'), dataIndex: 'description', key: 'description' },
    {
      title: t('fiscal.acknowledged'),
      key: 'ack',
      render: (_, l) =>
        l.acknowledgedAt ? (
          `${l.acknowledgedBy?.name ?? ''} ${formatDateTime(l.acknowledgedAt)}`
        ) : can(MANAGE) ? (
          <Button size="small" type="primary" loading={ack.isPending} onClick={() => ack.mutate(l.id)}>
            {t('fiscal.acknowledge')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Table<Loss>
      rowKey="id"
      data-testid="fiscal-losses"
      columns={columns}
      dataSource={list.data?.items}
      loading={list.isFetching}
      onChange={onChange}
      pagination={pagination(t, params, list.data?.total)}
      scroll={{ x: 'max-content' }}
    />
  );
}

function NumbersTab() {
  const { t } = useT();
  const can = useCan();
  const { params, onChange } = usePaging();
  const [voiding, setVoiding] = useState(false);
  const list = useQuery({
    queryKey: [...fiscalStockKey, 'numbers', params],
    queryFn: () => listNumbers(params),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<FiscalNumber>['columns'] = [
    { title: t('fiscal.kind'), key: 'kind', render: (_, n) => t(kindKey(n.kind)) },
    { title: t('fiscal.series'), dataIndex: 'series', key: 'series' },
    { title: t('fiscal.number'), dataIndex: 'number', key: 'number' },
    {
      title: t('fiscal.status'),
      key: 'status',
      render: (_, n) => (
        <Tag color={n.status === 'voided' ? 'red' : 'blue'}>{t(`fiscal.numberStatus.${n.status}` as MessageKey)}</Tag>
      ),
    },
    {
      title: t('fiscal.cause'),
      key: 'cause',
      render: (_, n) => (n.cause ? t(`fiscal.cause.${n.cause}` as MessageKey) : '—'),
    },
    { title: t('fiscal.reason'), dataIndex: 'reason', key: 'reason' },
    { title: t('fiscal.parts'), dataIndex: 'parts', key: 'parts', align: 'right' },
    { title: t('fiscal.reference'), dataIndex: 'reference', key: 'reference' },
    { title: t('fiscal.by'), key: 'by', render: (_, n) => n.by?.name ?? '—' },
    { title: t('fiscal.at'), key: 'at', render: (_, n) => formatDateTime(n.at) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can(MANAGE) && (
        <Button danger onClick={() => setVoiding(true)}>
          {t('fiscal.void')}
        </Button>
      )}
      <Table<FiscalNumber>
        rowKey="id"
        data-testid="fiscal-numbers"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={onChange}
        pagination={pagination(t, params, list.data?.total)}
        scroll={{ x: 'max-content' }}
      />
      <VoidModal open={voiding} onClose={() => setVoiding(false)} />
    </Space>
  );
}

function HandoversTab() {
  const { t } = useT();
  const { params, onChange } = usePaging();
  const list = useQuery({
    queryKey: [...fiscalStockKey, 'handovers', params],
    queryFn: () => listHandovers(params),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<Handover>['columns'] = [
    { title: t('fiscal.kind'), key: 'kind', render: (_, h) => `${t(kindKey(h.kind))} ${h.series}` },
    { title: t('fiscal.holder'), key: 'from', render: (_, h) => h.fromHolder.name },
    { title: t('fiscal.toHolder'), key: 'to', render: (_, h) => h.toHolder?.name ?? t('fiscal.backToStock') },
    { title: t('fiscal.range'), key: 'range', render: (_, h) => (h.fromNo ? `${h.fromNo}–${h.toNo}` : '—') },
    { title: t('fiscal.count'), dataIndex: 'count', key: 'count', align: 'right' },
    {
      title: t('fiscal.handoverReason'),
      key: 'reason',
      render: (_, h) => t(`fiscal.handoverReason.${h.reason}` as MessageKey),
    },
    { title: t('fiscal.fromSignature'), dataIndex: 'fromSignature', key: 'fromSignature' },
    { title: t('fiscal.toSignature'), dataIndex: 'toSignature', key: 'toSignature' },
    { title: t('fiscal.recordedBy'), key: 'recordedBy', render: (_, h) => h.recordedBy.name },
    { title: t('fiscal.at'), key: 'at', render: (_, h) => formatDateTime(h.createdAt) },
  ];
  return (
    <Table<Handover>
      rowKey="id"
      data-testid="fiscal-handovers"
      columns={columns}
      dataSource={list.data?.items}
      loading={list.isFetching}
      onChange={onChange}
      pagination={pagination(t, params, list.data?.total)}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** PAY-5 票据库存 (the keeper's desk): batches received and issued, ranges, requests, losses, numbers, hand-overs. */
export function FiscalStockPage() {
  const { t } = useT();
  const openLosses = useQuery({
    queryKey: [...fiscalStockKey, 'losses', 'open-count'],
    queryFn: () => listLosses({ page: 1, pageSize: 1, open: true }),
  });
  const open = openLosses.data?.total ?? 0;
  return (
    <PageCard title={t('menu.fiscalStock')}>
      {open > 0 && (
        <Alert type="warning" showIcon title={t('fiscal.openLosses', { count: open })} style={{ marginBottom: 16 }} />
      )}
      <Tabs
        items={[
          { key: 'batches', label: t('fiscal.tab.batches'), children: <BatchesTab /> },
          { key: 'ranges', label: t('fiscal.tab.ranges'), children: <RangesTab /> },
          { key: 'requests', label: t('fiscal.tab.requests'), children: <RequestsTab /> },
          { key: 'losses', label: t('fiscal.tab.losses'), children: <LossesTable /> },
          { key: 'numbers', label: t('fiscal.tab.numbers'), children: <NumbersTab /> },
          { key: 'handovers', label: t('fiscal.tab.handovers'), children: <HandoversTab /> },
        ]}
      />
    </PageCard>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { fiscalStockKey, listMyRanges, nextNumber, type Range, type RangeStatus } from '../../../api/fiscalStock';
import type { PageParams } from '../../../api/types';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { useRangeColumns } from './FiscalStockPage';
import { CheckModal, LossModal, RequestModal, VoidModal } from './modals';
import { kindKey } from './shared';

/** PAY-5 我的票据 (the holder's desk): my ranges and next number, check before use, void, loss, requests. */
export function MyStockPage() {
  const { t } = useT();
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize: 20, order: 'desc' });
  const [status, setStatus] = useState<RangeStatus | undefined>();
  const [checking, setChecking] = useState<Range | null>(null);
  const [losing, setLosing] = useState<Range | null>(null);
  const [voiding, setVoiding] = useState<Range | null>(null);
  const [requesting, setRequesting] = useState(false);
  const list = useQuery({
    queryKey: [...fiscalStockKey, 'mine', params, status],
    queryFn: () => listMyRanges({ ...params, status }),
    placeholderData: keepPreviousData,
  });
  const next = useQuery({ queryKey: [...fiscalStockKey, 'next'], queryFn: () => nextNumber() });
  const columns = useRangeColumns((r) => (
    <Space>
      {r.status === 'issued' && (
        <Button size="small" type="primary" onClick={() => setChecking(r)} data-testid={`fiscal-check-${r.id}`}>
          {t('fiscal.check')}
        </Button>
      )}
      {r.status === 'open' && (
        <Button size="small" danger onClick={() => setVoiding(r)} data-testid={`fiscal-void-${r.id}`}>
          {t('fiscal.void')}
        </Button>
      )}
      {r.status !== 'closed' && (
        <Button size="small" onClick={() => setLosing(r)} data-testid={`fiscal-loss-${r.id}`}>
          {t('fiscal.loss')}
        </Button>
      )}
    </Space>
  ));
  const n = next.data?.next;
  return (
    <PageCard
      title={t('fiscal.myTitle')}
      extra={
        <Button onClick={() => setRequesting(true)} data-testid="fiscal-my-request">
          {t('fiscal.request')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type={n ? 'success' : 'warning'}
          showIcon
          data-testid="fiscal-next-number"
          title={
            n
              ? t('fiscal.myNext', { kind: t(kindKey(n.kind)), series: n.series, number: n.number })
              : t('fiscal.myNone')
          }
        />
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
          data-testid="fiscal-my-ranges"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          onChange={(p) => setParams((x) => ({ ...x, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Space>
      <CheckModal range={checking} onClose={() => setChecking(null)} />
      <LossModal range={losing} onClose={() => setLosing(null)} />
      <VoidModal open={voiding !== null} range={voiding} onClose={() => setVoiding(null)} />
      <RequestModal open={requesting} onClose={() => setRequesting(false)} />
    </PageCard>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  deskReader,
  getSimulator,
  icKey,
  type SimState,
  simConsume,
  simFailWrites,
  simFault,
  simInsert,
  simReader,
} from '../../../api/icCards';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { m3, useDevice } from './shared';

/** The device simulator: card and meter memory; "the customer inserts the card into the meter"; gas used; faults. */
export function SimulatorPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const device = useDevice();
  const isSim = device.data?.kind === 'simulator';
  const sim = useQuery({ queryKey: [...icKey, 'sim'], queryFn: getSimulator, enabled: isSim });
  const [cardNo, setCardNo] = useState<string>();
  const [meterNo, setMeterNo] = useState<string>();
  const [use, setUse] = useState<Record<string, string>>({});
  const run = useMutation({
    mutationFn: (fn: () => Promise<SimState & { result?: string }>) => fn(),
    onSuccess: (s) => {
      queryClient.setQueryData([...icKey, 'sim'], { cards: s.cards, meters: s.meters });
      if (s.result) message.success(s.result);
    },
    onError: (err) => message.error(errorText(err)),
  });

  if (device.data && !isSim) {
    return (
      <PageCard title={t('ic.simulator.title')}>
        <Alert type="info" showIcon title={t('ic.simulator.notConfigured')} />
      </PageCard>
    );
  }
  const reader = deskReader();
  const cards = sim.data?.cards ?? [];
  const meters = sim.data?.meters ?? [];
  return (
    <PageCard title={t('ic.simulator.title')}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('ic.simulator.help', { reader })} />
        <Space wrap>
          <Typography.Text strong>{t('ic.simulator.insertTitle')}</Typography.Text>
          <Select<string>
            style={{ width: 240 }}
            placeholder={t('ic.simulator.card')}
            value={cardNo}
            onChange={(v) => {
              setCardNo(v);
              const c = cards.find((x) => x.cardNo === v);
              if (c) setMeterNo(c.kind === 'transfer' && c.stage === 'picked' ? (c.toMeterNo ?? undefined) : c.meterNo);
            }}
            showSearch
            data-testid="ic-sim-card"
            options={cards.map((c) => ({ value: c.cardNo, label: c.cardNo }))}
          />
          <Select<string>
            style={{ width: 220 }}
            placeholder={t('ic.simulator.meter')}
            value={meterNo}
            onChange={setMeterNo}
            showSearch
            data-testid="ic-sim-meter"
            options={meters.map((m) => ({ value: m.meterNo, label: m.meterNo }))}
          />
          <Button
            type="primary"
            disabled={!cardNo || !meterNo}
            loading={run.isPending}
            onClick={() => run.mutate(() => simInsert(cardNo!, meterNo!))}
            data-testid="ic-sim-insert"
          >
            {t('ic.simulator.insert')}
          </Button>
        </Space>
        <Table
          size="small"
          rowKey="cardNo"
          title={() => t('ic.simulator.cards')}
          loading={sim.isFetching}
          dataSource={cards}
          pagination={{ pageSize: 10 }}
          data-testid="ic-sim-cards"
          columns={[
            { title: t('ic.card.cardNo'), dataIndex: 'cardNo' },
            {
              title: t('ic.cards.kind'),
              dataIndex: 'kind',
              render: (k: string) => t(k === 'transfer' ? 'ic.card.kind.transfer' : 'ic.card.kind.user'),
            },
            { title: t('ic.accountNo'), dataIndex: 'accountNo' },
            {
              title: t('ic.meterNo'),
              dataIndex: 'meterNo',
              render: (m: string, c) => (c.toMeterNo ? `${m} → ${c.toMeterNo}` : m),
            },
            { title: t('ic.card.seq'), dataIndex: 'seq' },
            { title: t('ic.card.onCard'), dataIndex: 'volume', render: (v: string) => `${m3(v)} ${t('ic.m3')}` },
            {
              title: t('ic.simulator.state'),
              key: 's',
              render: (_: unknown, c) => (
                <Space size={4}>
                  {c.loaded ? (
                    <Tag color="green">{t('ic.card.empty')}</Tag>
                  ) : (
                    <Tag color="red">{t('ic.simulator.charged')}</Tag>
                  )}
                  {c.inReader && <Tag color="blue">{t('ic.simulator.inReader', { reader: c.inReader })}</Tag>}
                  {c.failWrites > 0 && <Tag color="orange">{t('ic.simulator.failing', { n: c.failWrites })}</Tag>}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, c) => (
                <Space size={4}>
                  <Button size="small" onClick={() => run.mutate(() => simReader(c.cardNo, reader))}>
                    {t('ic.simulator.toReader', { reader })}
                  </Button>
                  {c.inReader && (
                    <Button size="small" onClick={() => run.mutate(() => simReader(c.cardNo, null))}>
                      {t('ic.simulator.takeOut')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => run.mutate(() => simFailWrites(c.cardNo, 1))}>
                    {t('ic.simulator.failNext')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        <Table
          size="small"
          rowKey="meterNo"
          title={() => t('ic.simulator.meters')}
          loading={sim.isFetching}
          dataSource={meters}
          pagination={{ pageSize: 10 }}
          data-testid="ic-sim-meters"
          columns={[
            { title: t('ic.meterNo'), dataIndex: 'meterNo' },
            { title: t('ic.accountNo'), dataIndex: 'accountNo', render: (v: string | null) => v ?? '—' },
            { title: t('ic.simulator.lastSeq'), dataIndex: 'lastSeq' },
            { title: t('ic.repl.purchased'), dataIndex: 'cumulativePurchased', render: m3 },
            { title: t('ic.simulator.remaining'), dataIndex: 'remaining', render: m3 },
            { title: t('ic.repl.reading'), dataIndex: 'reading', render: m3 },
            {
              title: t('ic.simulator.state'),
              dataIndex: 'dead',
              render: (d: boolean) =>
                d ? <Tag color="red">{t('ic.simulator.dead')}</Tag> : <Tag color="green">{t('ic.simulator.ok')}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, m) => (
                <Space size={4}>
                  <Input
                    size="small"
                    style={{ width: 80 }}
                    placeholder={t('ic.m3')}
                    value={use[m.meterNo] ?? ''}
                    onChange={(e) => setUse((u) => ({ ...u, [m.meterNo]: e.target.value.trim() }))}
                  />
                  <Button
                    size="small"
                    disabled={!/^\d{1,9}(\.\d{1,3})?$/.test(use[m.meterNo] ?? '')}
                    onClick={() => run.mutate(() => simConsume(m.meterNo, use[m.meterNo]!))}
                  >
                    {t('ic.simulator.consume')}
                  </Button>
                  <Button size="small" onClick={() => run.mutate(() => simFault(m.meterNo, 'loseGas'))}>
                    {t('ic.simulator.loseGas')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => run.mutate(() => simFault(m.meterNo, m.dead ? 'repair' : 'dead'))}
                  >
                    {m.dead ? t('ic.simulator.repair') : t('ic.simulator.kill')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </PageCard>
  );
}

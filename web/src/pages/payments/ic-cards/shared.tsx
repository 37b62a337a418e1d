import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { customersKey, searchAccounts } from '../../../api/customers';
import {
  type CardWrite,
  deskReader,
  getDevice,
  getSimulator,
  icKey,
  listWrites,
  setDeskReader,
  simReader,
  writeCard,
} from '../../../api/icCards';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';

/** m³ without trailing zeros (display only; the server keeps numeric(12,3)). */
export const m3 = (v: string) => v.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

export function useDevice() {
  return useQuery({ queryKey: [...icKey, 'device'], queryFn: getDevice, staleTime: 60_000 });
}

/** The desk's reader id; with the simulator, a picker that puts a simulated card into it. */
export function ReaderBar({ deviceId, onChange }: { deviceId: string; onChange: (id: string) => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const device = useDevice();
  const isSim = device.data?.kind === 'simulator';
  const sim = useQuery({ queryKey: [...icKey, 'sim'], queryFn: getSimulator, enabled: isSim });
  const inReader = sim.data?.cards.find((c) => c.inReader === deviceId)?.cardNo;
  const put = useMutation({
    mutationFn: (cardNo: string) => simReader(cardNo, deviceId),
    onSuccess: (s) => queryClient.setQueryData([...icKey, 'sim'], s),
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <Space wrap>
      <span>{t('ic.reader')}</span>
      <Input
        style={{ width: 140 }}
        value={deviceId}
        data-testid="ic-reader-id"
        onChange={(e) => {
          const v = e.target.value.trim();
          onChange(v);
          if (v) setDeskReader(v);
        }}
      />
      {isSim && (
        <>
          <Tag color="purple">{t('ic.simulator.badge')}</Tag>
          <Select<string>
            style={{ width: 260 }}
            data-testid="ic-sim-put"
            placeholder={t('ic.simulator.putCard')}
            value={inReader}
            showSearch
            options={(sim.data?.cards ?? []).map((c) => ({
              value: c.cardNo,
              label: `${c.cardNo}（${c.kind === 'transfer' ? t('ic.card.kind.transfer') : c.accountNo}）`,
            }))}
            onChange={(v) => put.mutate(v)}
          />
        </>
      )}
    </Space>
  );
}

export function WriteStatusTag({ status }: { status: string | null | undefined }) {
  const { t } = useT();
  if (!status) return <span>—</span>;
  const color = status === 'verified' ? 'green' : status === 'failed' ? 'red' : 'gold';
  return (
    <Tag color={color} data-testid="ic-write-status">
      {t(`ic.write.status.${status}` as MessageKey)}
    </Tag>
  );
}

/** Writes a recorded write to the card in the desk's reader (a retry writes the same sequence and volume). */
export function useWriteCard(onDone?: (w: CardWrite) => void) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (writeId: string) => writeCard(writeId, deskReader()),
    onSuccess: (w) => {
      message.success(t('ic.write.done', { volume: m3(w.volume), cardNo: w.cardNo }));
      void queryClient.invalidateQueries({ queryKey: icKey });
      onDone?.(w);
    },
    onError: (err) => {
      message.error(errorText(err));
      void queryClient.invalidateQueries({ queryKey: icKey });
    },
  });
}

/** Writes recorded but not verified yet (failed, or approved replenishments and found cards waiting for the card). */
export function PendingWrites() {
  const { t } = useT();
  const [status, setStatus] = useState<'pending' | 'failed'>('pending');
  const list = useQuery({
    queryKey: [...icKey, 'writes', status],
    queryFn: () => listWrites({ status, pageSize: 50 }),
  });
  const write = useWriteCard();
  return (
    <Table<CardWrite>
      size="small"
      rowKey="id"
      data-testid="ic-pending-writes"
      title={() => (
        <Space>
          {t('ic.write.unfinished')}
          <Select
            size="small"
            value={status}
            onChange={setStatus}
            options={[
              { value: 'pending', label: t('ic.write.status.pending') },
              { value: 'failed', label: t('ic.write.status.failed') },
            ]}
          />
        </Space>
      )}
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      pagination={false}
      columns={[
        { title: t('ic.card.cardNo'), dataIndex: 'cardNo' },
        { title: t('ic.accountNo'), dataIndex: 'accountNo' },
        { title: t('ic.write.kind'), dataIndex: 'kind', render: (k: string) => t(`ic.write.kind.${k}` as MessageKey) },
        { title: t('ic.write.seq'), dataIndex: 'seq' },
        { title: t('ic.volume'), dataIndex: 'volume', render: m3 },
        { title: t('ic.write.status'), dataIndex: 'status', render: (s: string) => <WriteStatusTag status={s} /> },
        { title: t('ic.write.lastError'), dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
        {
          title: t('common.actions'),
          key: 'a',
          render: (_: unknown, w) => (
            <Button
              size="small"
              loading={write.isPending}
              onClick={() => write.mutate(w.id)}
              data-testid={`ic-write-${w.id}`}
            >
              {t('ic.write.action')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/** The account search of the console (number, name, phone, address). */
export function AccountSelect({
  value,
  onChange,
  testId,
}: {
  value?: string;
  onChange?: (v: string) => void;
  testId: string;
}) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const hits = useQuery({
    queryKey: [...customersKey, 'search', q],
    queryFn: () => searchAccounts(q),
    enabled: q.length >= 2,
  });
  return (
    <Select<string>
      style={{ width: '100%' }}
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setText }}
      defaultActiveFirstOption
      placeholder={t('ic.accountPlaceholder')}
      loading={hits.isFetching}
      options={(hits.data?.items ?? []).map((h) => ({
        value: h.accountId,
        label: `${h.accountNo} ${h.customerName} · ${h.address}`,
      }))}
      value={value}
      onChange={onChange}
    />
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { getOverview } from '../../../api/customers';
import {
  blacklistCard,
  deskReader,
  type IcCard,
  icKey,
  issueCard,
  listCards,
  makeTransferCard,
  oldCardFound,
  reissueCard,
} from '../../../api/icCards';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { AccountSelect, PendingWrites, ReaderBar } from './shared';

type Dialog =
  | { kind: 'issue' }
  | { kind: 'reissue'; card: IcCard }
  | { kind: 'transfer'; card: IcCard }
  | { kind: 'blacklist'; card: IcCard }
  | null;

const STATUS_COLOR: Record<string, string> = { active: 'green', blacklisted: 'red', used: 'default' };

/** ICC-3 卡管理: issue, reissue (lost/damaged), old card found, transfer card for a meter change, blacklist. */
export function CardsPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const can = useCan();
  const manage = can('ic.card.manage');
  const [deviceId, setDeviceId] = useState(deskReader());
  const [q, setQ] = useState('');
  const [search, setSearch] = useState<{ q?: string; status?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();

  const list = useQuery({
    queryKey: [...icKey, 'cards', search, page],
    queryFn: () => listCards({ ...search, ...page, order: 'desc' }),
  });
  const transferCard = dialog?.kind === 'transfer' ? dialog.card : null;
  const meters = useQuery({
    queryKey: [...icKey, 'meters', transferCard?.accountId],
    queryFn: () => getOverview(transferCard!.accountId),
    enabled: Boolean(transferCard),
  });

  const act = useMutation({
    mutationFn: async (values: Record<string, string>) => {
      if (!dialog) return null;
      if (dialog.kind === 'issue') return issueCard(values.accountId!, deviceId);
      if (dialog.kind === 'reissue') {
        return reissueCard(dialog.card.id, {
          reason: values.reason as 'lost' | 'damaged',
          usage: values.usage as 'neverUsed' | 'inUse',
          deviceId,
        });
      }
      if (dialog.kind === 'transfer') return makeTransferCard(dialog.card.id, values.toMeterId!, deviceId);
      return blacklistCard(dialog.card.id, values.reason!);
    },
    onSuccess: () => {
      message.success(t('ic.cards.done'));
      setDialog(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: icKey });
    },
  });
  const found = useMutation({
    mutationFn: (card: IcCard) => oldCardFound(card.id, deviceId),
    onSuccess: (w) => {
      message.success(t('ic.cards.foundDone', { volume: w.volume, cardNo: w.cardNo }));
      void queryClient.invalidateQueries({ queryKey: icKey });
    },
    onError: (err) => message.error(errorText(err)),
  });

  const titleOf = (d: NonNullable<Dialog>) =>
    d.kind === 'issue' ? t('ic.cards.issue') : `${t(`ic.cards.${d.kind}` as MessageKey)} ${d.card.cardNo}`;

  return (
    <PageCard
      title={t('ic.cards.title')}
      extra={
        <Space>
          <ReaderBar deviceId={deviceId} onChange={setDeviceId} />
          {manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'issue' })}
              data-testid="ic-issue"
            >
              {t('ic.cards.issue')}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Space>
          <Input.Search
            allowClear
            style={{ width: 280 }}
            placeholder={t('ic.cards.searchPlaceholder')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => {
              setSearch((s) => ({ ...s, q: v.trim() || undefined }));
              setPage((p) => ({ ...p, page: 1 }));
            }}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('ic.cards.status')}
            onChange={(v?: string) => setSearch((s) => ({ ...s, status: v }))}
            options={['active', 'blacklisted', 'used'].map((s) => ({
              value: s,
              label: t(`ic.card.status.${s}` as MessageKey),
            }))}
          />
        </Space>
        <Table<IcCard>
          size="small"
          rowKey="id"
          data-testid="ic-cards"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            onChange: (n, size) => setPage({ page: n, pageSize: size }),
          }}
          columns={[
            { title: t('ic.card.cardNo'), dataIndex: 'cardNo' },
            {
              title: t('ic.cards.kind'),
              dataIndex: 'kind',
              render: (k: string) => t(`ic.card.kind.${k}` as MessageKey),
            },
            { title: t('ic.accountNo'), dataIndex: 'accountNo' },
            { title: t('ic.customerName'), dataIndex: 'customerName' },
            {
              title: t('ic.meterNo'),
              dataIndex: 'meterNo',
              render: (m: string, c) => (c.toMeterNo ? `${m} → ${c.toMeterNo}` : m),
            },
            {
              title: t('ic.cards.status'),
              dataIndex: 'status',
              render: (s: string, c) => (
                <Space size={4}>
                  <Tag color={STATUS_COLOR[s]}>{t(`ic.card.status.${s}` as MessageKey)}</Tag>
                  {c.onsiteCheckRequired && <Tag color="orange">{t('ic.cards.onsiteCheck')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('ic.cards.issuedAt'),
              dataIndex: 'issuedAt',
              render: (v: string) => new Date(v).toLocaleString(),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, c) =>
                manage && (
                  <Space size={4}>
                    {c.kind === 'user' && c.status === 'active' && (
                      <>
                        <Button size="small" onClick={() => setDialog({ kind: 'reissue', card: c })}>
                          {t('ic.cards.reissue')}
                        </Button>
                        <Button size="small" onClick={() => setDialog({ kind: 'transfer', card: c })}>
                          {t('ic.cards.transfer')}
                        </Button>
                        <Button size="small" danger onClick={() => setDialog({ kind: 'blacklist', card: c })}>
                          {t('ic.cards.blacklist')}
                        </Button>
                      </>
                    )}
                    {c.kind === 'user' && c.status === 'blacklisted' && (
                      <Button size="small" loading={found.isPending} onClick={() => found.mutate(c)}>
                        {t('ic.cards.found')}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
        <PendingWrites />
      </Space>
      <FormModal
        open={dialog !== null}
        title={dialog ? titleOf(dialog) : ''}
        onCancel={() => {
          setDialog(null);
          act.reset();
        }}
        form={form}
        pending={act.isPending}
        error={act.error}
        submitTestId="ic-card-submit"
      >
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} preserve={false}>
          {dialog?.kind === 'issue' && (
            <Form.Item
              name="accountId"
              label={t('ic.account')}
              rules={[{ required: true, message: t('ic.accountRequired') }]}
            >
              <AccountSelect testId="ic-issue-account" />
            </Form.Item>
          )}
          {dialog?.kind === 'reissue' && (
            <>
              <Form.Item
                name="reason"
                label={t('ic.cards.reissueReason')}
                initialValue="lost"
                rules={[{ required: true }]}
              >
                <Radio.Group
                  options={[
                    { value: 'lost', label: t('ic.cards.reason.lost') },
                    { value: 'damaged', label: t('ic.cards.reason.damaged') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="usage"
                label={t('ic.cards.usage')}
                rules={[{ required: true, message: t('ic.cards.usageRequired') }]}
                extra={t('ic.cards.usageHelp')}
              >
                <Radio.Group
                  options={[
                    { value: 'neverUsed', label: t('ic.cards.usage.neverUsed') },
                    { value: 'inUse', label: t('ic.cards.usage.inUse') },
                  ]}
                />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'transfer' && (
            <Form.Item
              name="toMeterId"
              label={t('ic.cards.newMeter')}
              rules={[{ required: true, message: t('ic.cards.newMeterRequired') }]}
              extra={t('ic.cards.transferHelp')}
            >
              <Select
                loading={meters.isFetching}
                options={(meters.data?.meters ?? [])
                  .filter((m) => m.meterType === 'icCard' && m.id !== dialog.card.meterId)
                  .map((m) => ({ value: m.id, label: `${m.serial}（${m.manufacturer}）` }))}
              />
            </Form.Item>
          )}
          {dialog?.kind === 'blacklist' && (
            <Form.Item
              name="reason"
              label={t('ic.cards.blacklistReason')}
              rules={[{ required: true, min: 2, max: 200, message: t('ic.cards.blacklistReasonRequired') }]}
            >
              <Input />
            </Form.Item>
          )}
        </Form>
      </FormModal>
    </PageCard>
  );
}

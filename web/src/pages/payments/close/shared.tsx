import { Alert, Table, Tag } from 'antd';
import type { CloseLine, Posting, ShiftStatus } from '../../../api/cashOffice';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { formatYuan } from '../../approvals/format';

const STATUS_COLOR: Record<ShiftStatus, string> = {
  open: 'blue',
  submitted: 'orange',
  returned: 'red',
  signed: 'green',
};

export function ShiftStatusTag({ status }: { status: ShiftStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="close-status">
      {t(`cash.status.${status}` as MessageKey)}
    </Tag>
  );
}

export const methodKey = (m: string) => `payment.method.${m}` as MessageKey;

/** Yuan string → fen (integer), so totals never go through floating point. */
export const fen = (v: string | number | null | undefined) => {
  const s = String(v ?? '').trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return 0;
  const n = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -n : n;
};
export const yuanOf = (f: number) => {
  const sign = f < 0 ? '-' : '';
  const a = Math.abs(f);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

export function Warnings({ warnings }: { warnings: string[] }) {
  return (
    <>
      {warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} data-testid="cash-warning" style={{ marginBottom: 8 }} />
      ))}
    </>
  );
}

export function LinesTable({ lines }: { lines: CloseLine[] }) {
  const { t } = useT();
  return (
    <Table<CloseLine>
      size="small"
      rowKey="method"
      pagination={false}
      dataSource={lines}
      data-testid="close-lines"
      columns={[
        { title: t('cash.method'), key: 'method', render: (_, l) => t(methodKey(l.method)) },
        { title: t('cash.expected'), dataIndex: 'expected', key: 'expected', align: 'right', render: formatYuan },
        { title: t('cash.counted'), dataIndex: 'counted', key: 'counted', align: 'right', render: formatYuan },
        {
          title: t('cash.variance'),
          dataIndex: 'variance',
          key: 'variance',
          align: 'right',
          render: (v: string) => <span style={{ color: fen(v) === 0 ? undefined : '#cf1322' }}>{formatYuan(v)}</span>,
        },
        { title: t('cash.explanation'), dataIndex: 'explanation', key: 'explanation', render: (v) => v ?? '' },
      ]}
    />
  );
}

export function PostingsTable({ postings, emptyText }: { postings: Posting[]; emptyText?: string }) {
  const { t } = useT();
  return (
    <Table<Posting>
      size="small"
      rowKey="id"
      dataSource={postings}
      data-testid="shift-postings"
      pagination={{ pageSize: 10, showTotal: (total) => t('common.total', { total }) }}
      locale={{ emptyText: emptyText ?? t('cash.noPostings') }}
      columns={[
        { title: t('cash.paymentNo'), dataIndex: 'no', key: 'no' },
        { title: t('cash.receivedAt'), dataIndex: 'receivedAt', key: 'receivedAt', render: formatDateTime },
        { title: t('cash.account'), key: 'account', render: (_, p) => `${p.accountNo} ${p.customerName}` },
        {
          title: t('cash.tenders'),
          key: 'tenders',
          render: (_, p) => p.tenders.map((x) => `${t(methodKey(x.method))} ${formatYuan(x.amount)}`).join('，'),
        },
        { title: t('cash.amount'), dataIndex: 'amount', key: 'amount', align: 'right', render: formatYuan },
        {
          title: t('cash.paymentStatus'),
          dataIndex: 'status',
          key: 'status',
          render: (s: string) => (s === 'reversed' ? <Tag color="red">{t('cash.reversed')}</Tag> : null),
        },
      ]}
    />
  );
}

/** Opens a printable page in a new tab (without giving it this window). */
export function openPrint(url: string) {
  const w = window.open(url, '_blank', 'noopener');
  w?.focus();
}

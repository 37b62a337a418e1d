import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Row, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { getLedger, ledgerKey, type Waiver } from '../../../api/lateFees';
import { useCan } from '../../../auth/CurrentUserContext';
import { hasMessage, type MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { formatYuan, usePick } from '../../approvals/format';
import { WaiverFormModal } from '../../billing/late-fees/WaiverFormModal';
import { WaiverStatusTag } from '../../billing/late-fees/WaiverStatusTag';
import { Nothing, Section } from './Section';

const yuan = (v: string | null) => formatYuan(v);
const right = 'right' as const;

/**
 * 账务 (BIL-3/BIL-4) in the 360° view: balance, arrears, the late fee accrued to today per debt, the bills
 * (with their tier lines), every ledger entry and the waivers; a clerk files a late-fee waiver from here.
 */
export function LedgerCard({ accountId }: { accountId: string }) {
  const { t } = useT();
  const pick = usePick();
  const can = useCan();
  const [waiving, setWaiving] = useState(false);
  const ledger = useQuery({ queryKey: ledgerKey(accountId), queryFn: () => getLedger(accountId) });
  const kindName = (prefix: string, kind: string) => {
    const key = `${prefix}.${kind}`;
    return hasMessage(key) ? t(key as MessageKey) : kind;
  };

  if (ledger.isError) {
    return (
      <Section title={t('lateFee.ledger.title')} testId="view-ledger">
        <Alert type="error" showIcon title={t('lateFee.ledger.loadFailed')} />
      </Section>
    );
  }
  const l = ledger.data;
  const canWaive = can('lateFee.waive.request') && !!l && l.debts.some((d) => Number(d.waivable) > 0);

  return (
    <Section
      title={t('lateFee.ledger.title')}
      testId="view-ledger"
      extra={
        canWaive && (
          <Button size="small" type="primary" onClick={() => setWaiving(true)} data-testid="view-waiver-request">
            {t('lateFee.waiver.request')}
          </Button>
        )
      }
    >
      <Row gutter={16}>
        <Col span={8}>
          <Statistic
            title={t('lateFee.ledger.balance')}
            value={l ? yuan(l.balance) : '—'}
            loading={ledger.isPending}
            data-testid="ledger-balance"
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('lateFee.ledger.arrears')}
            value={l ? yuan(l.arrears) : '—'}
            loading={ledger.isPending}
            styles={{ content: { color: l && Number(l.arrears) > 0 ? '#cf1322' : undefined } }}
            data-testid="ledger-arrears"
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('lateFee.ledger.lateFee')}
            value={l ? yuan(l.lateFee) : '—'}
            loading={ledger.isPending}
            styles={{ content: { color: l && Number(l.lateFee) > 0 ? '#cf1322' : undefined } }}
            data-testid="ledger-late-fee"
          />
        </Col>
      </Row>
      {l && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('lateFee.ledger.asOf', { date: l.today, wording: pick(l.lateFeeWording) })}
          </Typography.Paragraph>
          <Tabs
            size="small"
            items={[
              {
                key: 'debts',
                label: t('lateFee.ledger.debts'),
                children:
                  l.debts.length === 0 ? (
                    <Nothing text={t('lateFee.ledger.noDebts')} testId="ledger-no-debts" />
                  ) : (
                    <Table
                      size="small"
                      rowKey="entryId"
                      data-testid="ledger-debts"
                      pagination={false}
                      dataSource={l.debts}
                      scroll={{ x: 'max-content' }}
                      columns={[
                        {
                          title: t('lateFee.ledger.period'),
                          dataIndex: 'period',
                          key: 'period',
                          render: (p) => p ?? '—',
                        },
                        {
                          title: t('lateFee.ledger.kind'),
                          dataIndex: 'kind',
                          key: 'kind',
                          render: (k: string) => kindName('lateFee.entryKind', k),
                        },
                        { title: t('lateFee.ledger.dueOn'), dataIndex: 'dueOn', key: 'dueOn' },
                        { title: t('lateFee.ledger.open'), dataIndex: 'open', key: 'open', align: right, render: yuan },
                        { title: t('lateFee.ledger.days'), dataIndex: 'days', key: 'days', align: right },
                        {
                          title: t('lateFee.ledger.accrued'),
                          dataIndex: 'accrued',
                          key: 'accrued',
                          align: right,
                          render: yuan,
                        },
                        {
                          title: t('lateFee.ledger.waived'),
                          dataIndex: 'waived',
                          key: 'waived',
                          align: right,
                          render: yuan,
                        },
                        {
                          title: t('lateFee.ledger.fee'),
                          dataIndex: 'lateFee',
                          key: 'lateFee',
                          align: right,
                          render: yuan,
                        },
                      ]}
                    />
                  ),
              },
              {
                key: 'bills',
                label: t('lateFee.ledger.bills'),
                children:
                  l.bills.length === 0 ? (
                    <Nothing text={t('lateFee.ledger.noBills')} testId="ledger-no-bills" />
                  ) : (
                    <Table
                      size="small"
                      rowKey="id"
                      data-testid="ledger-bills"
                      pagination={{ pageSize: 12, hideOnSinglePage: true }}
                      dataSource={l.bills}
                      scroll={{ x: 'max-content' }}
                      expandable={{
                        expandedRowRender: (b) => (
                          <Table
                            size="small"
                            rowKey={(line) => `${line.kind ?? 'tariff'}-${line.tariffId}-${line.tier}-${line.from}`}
                            pagination={false}
                            dataSource={b.lines}
                            columns={[
                              {
                                title: t('lateFee.ledger.tier'),
                                key: 'tier',
                                render: (_, x) =>
                                  x.kind === 'estimateCredit'
                                    ? t('bill.estimateCredit', { periods: (x.periods ?? []).join('、') })
                                    : t('lateFee.ledger.tierNo', { n: x.tier ?? '—' }),
                              },
                              {
                                title: t('lateFee.ledger.range'),
                                key: 'range',
                                render: (_, x) => (x.from ? `${x.from} ~ ${x.to}` : '—'),
                              },
                              { title: t('lateFee.ledger.volume'), dataIndex: 'volume', key: 'volume', align: right },
                              { title: t('lateFee.ledger.price'), dataIndex: 'price', key: 'price', align: right },
                              {
                                title: t('lateFee.ledger.amount'),
                                dataIndex: 'amount',
                                key: 'amount',
                                align: right,
                                render: yuan,
                              },
                            ]}
                          />
                        ),
                      }}
                      columns={[
                        { title: t('lateFee.ledger.period'), dataIndex: 'period', key: 'period' },
                        {
                          title: t('lateFee.ledger.kind'),
                          dataIndex: 'kind',
                          key: 'kind',
                          render: (k: string) => (
                            <Tag color={k === 'estimated' ? 'orange' : 'blue'}>{kindName('lateFee.billKind', k)}</Tag>
                          ),
                        },
                        { title: t('lateFee.ledger.readOn'), dataIndex: 'readOn', key: 'readOn' },
                        { title: t('lateFee.ledger.volume'), dataIndex: 'volume', key: 'volume', align: right },
                        {
                          title: t('lateFee.ledger.amount'),
                          dataIndex: 'amount',
                          key: 'amount',
                          align: right,
                          render: yuan,
                        },
                        {
                          title: t('lateFee.ledger.dueOn'),
                          dataIndex: 'dueOn',
                          key: 'dueOn',
                          render: (d: string | null) => d ?? '—',
                        },
                      ]}
                    />
                  ),
              },
              {
                key: 'entries',
                label: t('lateFee.ledger.entries'),
                children:
                  l.entries.length === 0 ? (
                    <Nothing text={t('lateFee.ledger.noEntries')} />
                  ) : (
                    <Table
                      size="small"
                      rowKey="id"
                      data-testid="ledger-entries"
                      pagination={{ pageSize: 12, hideOnSinglePage: true }}
                      dataSource={l.entries}
                      scroll={{ x: 'max-content' }}
                      columns={[
                        {
                          title: t('lateFee.ledger.postedAt'),
                          dataIndex: 'postedAt',
                          key: 'postedAt',
                          render: (v: string) => formatDateTime(v),
                        },
                        {
                          title: t('lateFee.ledger.kind'),
                          dataIndex: 'kind',
                          key: 'kind',
                          render: (k: string) => kindName('lateFee.entryKind', k),
                        },
                        {
                          title: t('lateFee.ledger.period'),
                          dataIndex: 'period',
                          key: 'period',
                          render: (p) => p ?? '—',
                        },
                        {
                          title: t('lateFee.ledger.amount'),
                          dataIndex: 'amount',
                          key: 'amount',
                          align: right,
                          render: yuan,
                        },
                        { title: t('lateFee.ledger.dueOn'), dataIndex: 'dueOn', key: 'dueOn', render: (d) => d ?? '—' },
                        {
                          title: t('lateFee.ledger.fee'),
                          dataIndex: 'lateFee',
                          key: 'lateFee',
                          align: right,
                          render: yuan,
                        },
                        { title: t('lateFee.ledger.memo'), dataIndex: 'memo', key: 'memo', render: (m) => m ?? '' },
                      ]}
                    />
                  ),
              },
              {
                key: 'waivers',
                label: t('lateFee.ledger.waivers'),
                children:
                  l.waivers.length === 0 ? (
                    <Nothing text={t('lateFee.ledger.noWaivers')} />
                  ) : (
                    <Table<Waiver>
                      size="small"
                      rowKey="id"
                      data-testid="ledger-waivers"
                      pagination={false}
                      dataSource={l.waivers}
                      scroll={{ x: 'max-content' }}
                      columns={[
                        { title: t('lateFee.register.requestedOn'), dataIndex: 'requestedOn', key: 'requestedOn' },
                        {
                          title: t('lateFee.waiver.category'),
                          key: 'category',
                          render: (_, w) => pick(w.categoryName),
                        },
                        { title: t('lateFee.waiver.reason'), key: 'reason', render: (_, w) => pick(w.reasonName) },
                        {
                          title: t('lateFee.ledger.amount'),
                          dataIndex: 'amount',
                          key: 'amount',
                          align: right,
                          render: yuan,
                        },
                        {
                          title: t('lateFee.register.status'),
                          key: 'status',
                          render: (_, w) => <WaiverStatusTag waiver={w} />,
                        },
                      ]}
                    />
                  ),
              },
            ]}
          />
          {waiving && <WaiverFormModal open={waiving} ledger={l} onClose={() => setWaiving(false)} />}
        </>
      )}
    </Section>
  );
}

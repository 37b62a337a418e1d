import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type AccountFinance, accountFinanceKey, getAccountFinance } from '../../../api/refunds';
import { useCan } from '../../../auth/CurrentUserContext';
import { hasMessage, type MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { formatYuan } from '../../approvals/format';
import { ReceiveModal } from '../../payments/deposits/DepositModals';
import { RefundFormModal } from '../../payments/refunds/RefundFormModal';
import { RefundStatusTag, refundPath } from '../../payments/refunds/shared';
import { Nothing, Section } from './Section';

const right = 'right' as const;
const yuan = (v: string) => formatYuan(v);

/**
 * PAY-7/PAY-8 in the 360° view: the balance (always the sum of the ledger), the prepayment, the deposits held
 * (outside the balance), the payments with numbers, channels and tenders, refunds and transfers, the ledger by kind.
 */
export function FinanceCard({ accountId }: { accountId: string }) {
  const { t } = useT();
  const can = useCan();
  const [filing, setFiling] = useState(false);
  const [receiving, setReceiving] = useState(false);
  const query = useQuery({ queryKey: accountFinanceKey(accountId), queryFn: () => getAccountFinance(accountId) });
  const name = (key: string, fallback: string) => (hasMessage(key) ? t(key as MessageKey) : fallback);
  const f = query.data;

  if (query.isError) {
    return (
      <Section title={t('finance.title')} testId="view-finance">
        <Alert type="error" showIcon title={t('finance.loadFailed')} />
      </Section>
    );
  }
  const extra = (
    <Space>
      {can('refund.request') && (
        <Button size="small" onClick={() => setFiling(true)} data-testid="view-refund-new">
          {t('refund.new')}
        </Button>
      )}
      {can('deposit.manage') && (
        <Button size="small" onClick={() => setReceiving(true)} data-testid="view-deposit-new">
          {t('deposit.receive')}
        </Button>
      )}
    </Space>
  );
  return (
    <Section title={t('finance.title')} testId="view-finance" extra={extra}>
      <Row gutter={16}>
        <Col xs={12} xl={6}>
          <Statistic
            title={t('finance.balance')}
            value={f ? yuan(f.balance) : '—'}
            loading={query.isPending}
            data-testid="finance-balance"
          />
        </Col>
        <Col xs={12} xl={6}>
          <Statistic
            title={t('finance.prepayment')}
            value={f ? yuan(f.prepayment) : '—'}
            loading={query.isPending}
            data-testid="finance-prepayment"
          />
        </Col>
        <Col xs={12} xl={6}>
          <Statistic
            title={t('finance.depositsHeld')}
            value={f ? yuan(f.depositsHeld) : '—'}
            loading={query.isPending}
            data-testid="finance-deposits-held"
          />
        </Col>
        <Col xs={12} xl={6}>
          <Statistic
            title={t('finance.refundsPending')}
            value={f ? yuan(f.refundsPending) : '—'}
            loading={query.isPending}
            data-testid="finance-refunds-pending"
          />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('finance.balanceHint')}
      </Typography.Paragraph>
      {f && <FinanceTabs f={f} name={name} />}
      {filing && <RefundFormModal open accountId={accountId} onClose={() => setFiling(false)} />}
      {receiving && <ReceiveModal open accountId={accountId} onClose={() => setReceiving(false)} />}
    </Section>
  );
}

function FinanceTabs({ f, name }: { f: AccountFinance; name: (key: string, fallback: string) => string }) {
  const { t } = useT();
  const empty = { emptyText: <Nothing text={t('finance.none')} /> };
  return (
    <Tabs
      size="small"
      items={[
        {
          key: 'payments',
          label: t('finance.payments'),
          children: (
            <Table
              size="small"
              rowKey="id"
              data-testid="finance-payments"
              locale={empty}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={f.payments}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('finance.at'),
                  dataIndex: 'receivedAt',
                  key: 'at',
                  render: (v: string) => formatDateTime(v),
                },
                { title: t('finance.paymentNo'), dataIndex: 'no', key: 'no' },
                {
                  title: t('finance.channel'),
                  dataIndex: 'channel',
                  key: 'channel',
                  render: (c: string) => name(`finance.channel.${c}`, c),
                },
                { title: t('finance.amount'), dataIndex: 'amount', key: 'amount', align: right, render: yuan },
                {
                  title: t('finance.tenders'),
                  key: 'tenders',
                  render: (_, p) =>
                    p.tenders
                      .map(
                        (x) =>
                          `${name(`payment.method.${x.method}`, x.method)} ¥${x.amount}${x.reference ? `（${x.reference}）` : ''}`,
                      )
                      .join('；'),
                },
                {
                  title: t('finance.toPrepayment'),
                  dataIndex: 'prepayment',
                  key: 'prepayment',
                  align: right,
                  render: yuan,
                },
                {
                  title: t('finance.status'),
                  dataIndex: 'status',
                  key: 'status',
                  render: (s: string) =>
                    s === 'reversed' ? (
                      <Tag color="error">{t('finance.reversed')}</Tag>
                    ) : (
                      <Tag>{t('finance.posted')}</Tag>
                    ),
                },
              ]}
            />
          ),
        },
        {
          key: 'refunds',
          label: t('finance.refunds'),
          children: (
            <Table
              size="small"
              rowKey="id"
              data-testid="finance-refunds"
              locale={empty}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={f.refunds}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('finance.at'), dataIndex: 'filedAt', key: 'at', render: (v: string) => formatDateTime(v) },
                {
                  title: t('refund.no'),
                  dataIndex: 'no',
                  key: 'no',
                  render: (no: string, r) => <Link to={refundPath(r.id)}>{no}</Link>,
                },
                {
                  title: t('refund.caseKind'),
                  dataIndex: 'caseKind',
                  key: 'case',
                  render: (k: string) => t(`refund.case.${k}` as MessageKey),
                },
                {
                  title: t('refund.disposition'),
                  key: 'direction',
                  render: (_, r) => (
                    <Tag color={r.direction === 'in' ? 'green' : undefined}>
                      {r.direction === 'in'
                        ? t('finance.direction.in')
                        : r.disposition
                          ? t(`refund.disposition.${r.disposition}` as MessageKey)
                          : t('finance.direction.out')}
                    </Tag>
                  ),
                },
                {
                  title: t('finance.otherAccount'),
                  dataIndex: 'otherAccountNo',
                  key: 'other',
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('finance.amount'), dataIndex: 'amount', key: 'amount', align: right, render: yuan },
                {
                  title: t('finance.status'),
                  dataIndex: 'status',
                  key: 'status',
                  render: (_, r) => <RefundStatusTag status={r.status} />,
                },
              ]}
            />
          ),
        },
        {
          key: 'deposits',
          label: t('finance.deposits'),
          children: (
            <Table
              size="small"
              rowKey="id"
              data-testid="finance-deposits"
              locale={empty}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={f.deposits}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('finance.at'),
                  dataIndex: 'receivedAt',
                  key: 'at',
                  render: (v: string) => formatDateTime(v),
                },
                { title: t('deposit.no'), dataIndex: 'no', key: 'no' },
                {
                  title: t('deposit.kind'),
                  dataIndex: 'kind',
                  key: 'kind',
                  render: (k: string) => name(`deposit.kind.${k}`, k),
                },
                { title: t('finance.amount'), dataIndex: 'amount', key: 'amount', align: right, render: yuan },
                {
                  title: t('finance.status'),
                  dataIndex: 'status',
                  key: 'status',
                  render: (s: string, d) => (
                    <span>
                      <Tag color={s === 'held' ? 'processing' : 'default'}>{name(`deposit.status.${s}`, s)}</Tag>
                      {s !== 'held' && s !== 'transferred'
                        ? t('deposit.released', {
                            refunded: d.refundedAmount,
                            applied: d.appliedAmount,
                            forfeited: d.forfeitedAmount,
                          })
                        : ''}
                    </span>
                  ),
                },
              ]}
            />
          ),
        },
        {
          key: 'byKind',
          label: t('finance.byKind'),
          children: (
            <Table
              size="small"
              rowKey="kind"
              data-testid="finance-by-kind"
              locale={empty}
              pagination={false}
              dataSource={f.byKind}
              columns={[
                {
                  title: t('finance.kind'),
                  dataIndex: 'kind',
                  key: 'kind',
                  render: (k: string) => name(`lateFee.entryKind.${k}`, k),
                },
                { title: t('finance.entries'), dataIndex: 'entries', key: 'entries', align: right },
                { title: t('finance.total'), dataIndex: 'total', key: 'total', align: right, render: yuan },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    {t('finance.balance')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <span data-testid="finance-by-kind-total">{yuan(f.balance)}</span>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          ),
        },
      ]}
    />
  );
}

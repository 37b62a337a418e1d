import { Col, Row, Statistic, Table, Typography } from 'antd';
import type { AccountOverview } from '../../../api/customers';
import { useT } from '../../../i18n/useT';
import { formatYuan } from '../../approvals/format';
import { Nothing, Section } from './Section';

/** Balance and arrears by period from the ledger; bills, late fees and waivers are in the ledger section (LedgerCard). */
export function BalanceCard({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  const { balance } = overview;
  const owing = Number(balance.arrears) > 0;
  return (
    <Section title={t('customers.view.balance')} testId="view-balance">
      <Row gutter={16}>
        <Col span={12}>
          <Statistic
            title={t('customers.view.balanceAmount')}
            value={formatYuan(balance.balance)}
            data-testid="view-balance-amount"
          />
          <Typography.Text type="secondary">{t('customers.view.balanceHint')}</Typography.Text>
        </Col>
        <Col span={12}>
          <Statistic
            title={t('customers.view.arrears')}
            value={formatYuan(balance.arrears)}
            styles={{ content: { color: owing ? '#cf1322' : undefined } }}
            data-testid="view-arrears"
          />
        </Col>
      </Row>
      {owing ? (
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey={(r) => `${r.period}-${r.dueOn}`}
          pagination={false}
          dataSource={balance.arrearsByPeriod}
          columns={[
            { title: t('customers.view.period'), dataIndex: 'period', key: 'period', render: (p) => p ?? '—' },
            { title: t('customers.view.dueOn'), dataIndex: 'dueOn', key: 'dueOn' },
            {
              title: t('customers.view.amount'),
              dataIndex: 'amount',
              key: 'amount',
              align: 'right',
              render: (a: string) => formatYuan(a),
            },
          ]}
        />
      ) : (
        <div style={{ marginTop: 12 }}>
          <Nothing text={t('customers.view.noArrears')} />
        </div>
      )}
      <Typography.Paragraph
        type="secondary"
        style={{ marginTop: 12, marginBottom: 0 }}
        data-testid="view-billing-see-ledger"
      >
        {t('lateFee.ledger.seeBelow')}
      </Typography.Paragraph>
    </Section>
  );
}

import { Descriptions, Table, Tag } from 'antd';
import type { AccountOverview } from '../../../api/customers';
import { useT } from '../../../i18n/useT';
import { formatYuan } from '../../approvals/format';
import { label } from '../labels';
import { dash, Nothing, Section } from './Section';

/** CUS-6: the supply contracts, the one in force first, voided ones with their reason. */
export function ContractsCard({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  return (
    <Section title={t('customers.view.contracts')} testId="view-contracts">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={overview.contracts}
        locale={{ emptyText: t('customers.none') }}
        columns={[
          { title: t('customers.view.contractNo'), dataIndex: 'contractNo', key: 'no' },
          { title: t('customers.view.holder'), dataIndex: 'customerName', key: 'holder' },
          { title: t('customers.view.signedOn'), dataIndex: 'signedOn', key: 'signedOn' },
          {
            title: t('customers.status'),
            dataIndex: 'status',
            key: 'status',
            render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(label('contract', s))}</Tag>,
          },
          {
            title: t('customers.view.voided'),
            key: 'voided',
            render: (_, c) => (c.voidedOn ? `${c.voidedOn}（${dash(c.voidReason)}）` : '—'),
          },
        ]}
      />
    </Section>
  );
}

/** CUS-5: the appliances at the premise. */
export function AppliancesCard({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  const yes = (v: boolean | null) => (v === null ? '—' : v ? t('customers.yes') : t('customers.no'));
  return (
    <Section title={t('customers.view.appliances')} testId="view-appliances">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={overview.appliances}
        locale={{ emptyText: t('customers.none') }}
        columns={[
          {
            title: t('customers.view.applianceKind'),
            key: 'kind',
            render: (_, a) =>
              [
                t(label('appliance', a.kind)),
                a.stoveMount ? t(label('stoveMount', a.stoveMount)) : null,
                a.flueType ? t(label('flue', a.flueType)) : null,
              ]
                .filter(Boolean)
                .join(' · '),
          },
          {
            title: t('customers.view.brandModel'),
            key: 'brand',
            render: (_, a) => `${dash(a.brand)} ${a.model ?? ''}`,
          },
          { title: t('customers.view.power'), dataIndex: 'powerKw', key: 'kw', render: (v) => dash(v) },
          { title: t('customers.view.flameFailure'), key: 'ffp', render: (_, a) => yes(a.flameFailureProtection) },
          { title: t('customers.view.pledge'), key: 'pledge', render: (_, a) => yes(a.safetyPledgeSigned) },
          { title: t('customers.view.installedOn'), dataIndex: 'installedOn', key: 'on', render: (v) => dash(v) },
          { title: t('customers.view.removedOn'), dataIndex: 'removedOn', key: 'off', render: (v) => dash(v) },
        ]}
      />
    </Section>
  );
}

/** Invoice details (开票信息). */
export function InvoiceCard({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  const i = overview.invoiceDetails;
  return (
    <Section title={t('customers.view.invoice')} testId="view-invoice">
      {i ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'kind', label: t('customers.view.invoiceKind'), children: t(label('invoiceKind', i.invoiceKind)) },
            { key: 'title', label: t('customers.view.invoiceTitle'), children: i.title },
            { key: 'tax', label: t('customers.taxNo'), children: dash(i.taxNo) },
            { key: 'addr', label: t('customers.view.invoiceAddress'), children: `${dash(i.address)} ${i.phone ?? ''}` },
            {
              key: 'bank',
              label: t('customers.view.invoiceBank'),
              children: `${dash(i.bankName)} ${i.bankAccountNo ?? ''}`,
            },
            { key: 'email', label: t('customers.view.email'), children: dash(i.email) },
          ]}
        />
      ) : (
        <Nothing text={t('customers.none')} />
      )}
    </Section>
  );
}

/** Deposits held for the account (C&I prepayment deposit, meter deposit). */
export function DepositsCard({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  return (
    <Section title={t('customers.view.deposits')} testId="view-deposits">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={overview.deposits}
        locale={{ emptyText: t('customers.none') }}
        columns={[
          {
            title: t('customers.view.depositKind'),
            dataIndex: 'kind',
            key: 'kind',
            render: (k: string) => t(label('deposit', k)),
          },
          {
            title: t('customers.view.amount'),
            dataIndex: 'amount',
            key: 'amount',
            align: 'right',
            render: (a: string) => formatYuan(a),
          },
          {
            title: t('customers.status'),
            dataIndex: 'status',
            key: 'status',
            render: (s: string) => <Tag color={s === 'held' ? 'blue' : 'default'}>{t(label('depositStatus', s))}</Tag>,
          },
          { title: t('customers.view.receivedOn'), dataIndex: 'receivedOn', key: 'received' },
          { title: t('customers.view.receiptNo'), dataIndex: 'receiptNo', key: 'receipt', render: (v) => dash(v) },
        ]}
      />
    </Section>
  );
}

import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Contact } from '../../../api/contacts';
import type { AccountOverview } from '../../../api/customers';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { label } from '../labels';
import { Nothing, Section } from './Section';
import { AccountComplaints, AccountWorkOrders } from './ServiceTables';

/** Pending service applications, the account's work orders and complaints; inspections once their module is live. */
export function WorkCard({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  return (
    <Section title={t('customers.view.workOrders')} testId="view-work-orders">
      {overview.serviceApplications.length === 0 ? (
        <Nothing text={t('customers.view.noWorkOrders')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={overview.serviceApplications}
          columns={[
            {
              title: t('opening.field.applicationNo'),
              dataIndex: 'applicationNo',
              key: 'no',
              render: (no: string) => <Link to={`/customers/applications?q=${encodeURIComponent(no)}`}>{no}</Link>,
            },
            { title: t('opening.field.applicationDate'), dataIndex: 'applicationDate', key: 'date' },
            {
              title: t('opening.field.mode'),
              dataIndex: 'mode',
              key: 'mode',
              render: (m) => t(`opening.mode.${m}` as MessageKey),
            },
            {
              title: t('opening.field.priority'),
              dataIndex: 'priority',
              key: 'priority',
              render: (p) => t(`opening.priority.${p}` as MessageKey),
            },
            { title: t('opening.field.feeAmount'), dataIndex: 'feeAmount', key: 'fee', align: 'right' },
            {
              title: t('opening.field.status'),
              dataIndex: 'status',
              key: 'status',
              render: (st) => <Tag>{t(`opening.status.${st}` as MessageKey)}</Tag>,
            },
          ]}
        />
      )}
      <AccountWorkOrders accountNo={overview.account.accountNo} />
      <AccountComplaints accountId={overview.account.id} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('customers.view.inspections')}
      </Typography.Title>
      <Nothing text={t('customers.view.inspectionsPending')} />
    </Section>
  );
}

/** The SMS and WeChat messages sent about the account or to its numbers. */
export function NoticesCard({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  return (
    <Section title={t('customers.view.notices')} testId="view-notices">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={overview.notices}
        locale={{ emptyText: t('customers.none') }}
        columns={[
          {
            title: t('customers.view.noticeTime'),
            dataIndex: 'createdAt',
            key: 'at',
            width: 160,
            render: (v: string) => formatDateTime(v),
          },
          { title: t('customers.view.recipient'), dataIndex: 'recipient', key: 'to' },
          {
            title: t('customers.view.content'),
            dataIndex: 'rendered',
            key: 'text',
            render: (s: string) => (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0 }}>
                {s}
              </Typography.Paragraph>
            ),
          },
          { title: t('customers.status'), dataIndex: 'status', key: 'status', render: (s: string) => <Tag>{s}</Tag> },
        ]}
      />
    </Section>
  );
}

/** SVC-1: the visits, calls and contacts about the account. */
export function ContactsCard({ overview }: { overview: AccountOverview }) {
  const { t, lang } = useT();
  return (
    <Section title={t('customers.view.contacts')} testId="view-contacts">
      {overview.canReadContacts ? (
        <Table<Contact>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={overview.contacts.items}
          locale={{ emptyText: t('customers.none') }}
          columns={[
            {
              title: t('customers.contact.contactedAt'),
              dataIndex: 'contactedAt',
              key: 'at',
              width: 160,
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('customers.contact.channel'),
              dataIndex: 'channel',
              key: 'channel',
              render: (c: string) => t(label('channel', c)),
            },
            {
              title: t('customers.contact.category'),
              key: 'category',
              render: (_, c) => <Tag>{lang === 'en' ? c.categoryName.en : c.categoryName.zh}</Tag>,
            },
            { title: t('customers.contact.summary'), dataIndex: 'summary', key: 'summary' },
            { title: t('customers.contact.takenBy'), dataIndex: 'takenByName', key: 'by' },
          ]}
        />
      ) : (
        <Nothing text={t('customers.view.contactsHidden')} />
      )}
    </Section>
  );
}

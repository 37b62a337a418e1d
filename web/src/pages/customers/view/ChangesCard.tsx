import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { AccountOverview, ChangeRequestItem, FieldChange, HistoryItem } from '../../../api/customers';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { ApprovalStatusTag } from '../../approvals/ApprovalStatusTag';
import { usePick } from '../../approvals/format';
import { label } from '../labels';
import { Section } from './Section';

const ENUM_GROUPS: Record<string, string> = {
  kind: 'kind',
  idType: 'idType',
  specialCare: 'specialCare',
  paymentMethod: 'payment',
  smsCarrier: 'carrier',
  addressKind: 'addressKind',
  location: 'location',
  inletDirection: 'inlet',
  invoiceKind: 'invoiceKind',
};

/** "手机号码：139****1234 → 138****5678", one line a field. */
function ChangeLines({ changes }: { changes: FieldChange[] }) {
  const { t } = useT();
  const pick = usePick();
  const value = (field: string, v: unknown): string => {
    const group = ENUM_GROUPS[field];
    const one = (x: unknown) => (group ? t(label(group, String(x))) : String(x));
    if (Array.isArray(v)) return v.length ? v.map(one).join('、') : '—';
    return v === null || v === undefined || v === '' ? '—' : one(v);
  };
  return (
    <>
      {changes.map((c) => (
        <div key={c.field}>
          <Typography.Text strong>{pick(c.label)}</Typography.Text>：{value(c.field, c.before)} →{' '}
          {value(c.field, c.after)}
        </div>
      ))}
    </>
  );
}

/** IAM-4: the change requests about the account and every version kept — who, when, what, why. */
export function ChangesCard({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  const pending = overview.changeRequests;
  return (
    <Section title={t('customers.view.changes')} testId="view-changes">
      {pending.length > 0 && (
        <>
          <Typography.Title level={5}>{t('customers.view.changeRequests')}</Typography.Title>
          <Table<ChangeRequestItem>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={pending}
            data-testid="view-change-requests"
            style={{ marginBottom: 16 }}
            columns={[
              {
                title: t('customers.view.requestNo'),
                dataIndex: 'no',
                key: 'no',
                render: (no: string, r) => <Link to={`/approvals/${r.id}`}>{no}</Link>,
              },
              {
                title: t('customers.status'),
                dataIndex: 'status',
                key: 'status',
                render: (s) => <ApprovalStatusTag status={s} />,
              },
              { title: t('customers.view.what'), key: 'what', render: (_, r) => <ChangeLines changes={r.changes} /> },
              { title: t('customers.view.reason'), dataIndex: 'reason', key: 'reason' },
              { title: t('customers.view.requestedBy'), dataIndex: 'requestedByName', key: 'by' },
              {
                title: t('customers.view.changedAt'),
                dataIndex: 'createdAt',
                key: 'at',
                render: (v: string) => formatDateTime(v),
              },
            ]}
          />
        </>
      )}
      <Table<HistoryItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={overview.changes.items}
        data-testid="view-change-history"
        locale={{ emptyText: t('customers.none') }}
        footer={
          overview.changes.total > overview.changes.items.length
            ? () => t('customers.view.allChanges', { total: overview.changes.total })
            : undefined
        }
        columns={[
          {
            title: t('customers.view.changedAt'),
            dataIndex: 'changedAt',
            key: 'at',
            width: 160,
            render: (v: string) => formatDateTime(v),
          },
          { title: t('customers.view.what'), key: 'what', render: (_, h) => <ChangeLines changes={h.changes} /> },
          {
            title: t('customers.view.mode'),
            key: 'mode',
            render: (_, h) => (
              <>
                <Tag color={h.mode === 'approved' ? 'blue' : 'default'}>{t(label('changeMode', h.mode))}</Tag>
                {h.approvalRequestId && <Link to={`/approvals/${h.approvalRequestId}`}>{h.approvalNo}</Link>}
              </>
            ),
          },
          {
            title: t('customers.view.changedBy'),
            key: 'by',
            render: (_, h) =>
              h.requestedByName ? `${h.requestedByName} → ${h.changedByName ?? '—'}` : (h.changedByName ?? '—'),
          },
          { title: t('customers.view.reason'), dataIndex: 'reason', key: 'reason', render: (r) => r ?? '—' },
        ]}
      />
    </Section>
  );
}

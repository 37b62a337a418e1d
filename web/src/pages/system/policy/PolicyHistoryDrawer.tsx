import { Alert, Descriptions, Drawer, Table, type TableProps, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { type PolicyItem, type PolicyVersion, usePolicyHistory } from '../../../api/policy';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { usePick } from '../../approvals/format';
import { approvalPath } from '../../approvals/useApprovalColumns';
import { PolicyValue } from './PolicyValue';

/** Every version of one setting, newest first; the one in force on the page's date is marked. */
export function PolicyHistoryDrawer({
  item,
  asOf,
  onClose,
}: {
  item: PolicyItem | null;
  asOf: string;
  onClose: () => void;
}) {
  const { t } = useT();
  const pick = usePick();
  const history = usePolicyHistory(item?.key ?? null);
  const versions = history.data?.items ?? [];
  const inForce = versions.find((v) => v.effectiveFrom <= asOf);

  const columns: TableProps<PolicyVersion>['columns'] = [
    {
      title: t('policy.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      key: 'effectiveFrom',
      render: (date: string, v) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {date} {v === inForce && <Tag color="green">{t('policy.inForce')}</Tag>}
          {date > asOf && <Tag color="blue">{t('policy.upcoming')}</Tag>}
        </span>
      ),
    },
    { title: t('policy.version'), dataIndex: 'version', key: 'version', align: 'right' },
    {
      title: t('policy.value'),
      key: 'value',
      render: (_, v) => (item ? <PolicyValue item={item} value={v.value} /> : null),
    },
    {
      title: t('policy.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (value: string) => formatDateTime(value),
    },
    { title: t('policy.createdBy'), key: 'createdBy', render: (_, v) => v.createdBy?.fullName ?? t('policy.seeded') },
    {
      title: t('policy.request'),
      key: 'request',
      render: (_, v) => (v.requestId ? <Link to={approvalPath(v.requestId)}>{v.requestNo ?? v.requestId}</Link> : '—'),
    },
  ];

  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      size={860}
      title={t('policy.historyTitle', { name: item ? pick(item.name) : '' })}
      destroyOnHidden
    >
      {item && (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'key', label: t('policy.key'), children: item.key },
              { key: 'rule', label: t('policy.rule'), children: item.rule },
            ]}
          />
          {item.pendingRequests.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('policy.pendingChanges')}
              description={item.pendingRequests.map((p) => (
                <div key={p.id}>
                  <Link to={approvalPath(p.id)}>{p.no}</Link>
                  {': '}
                  <PolicyValue item={item} value={p.value} />
                  {' · '}
                  {t('policy.pendingHint', { no: p.no, date: p.effectiveFrom })}
                </div>
              ))}
            />
          )}
          <div data-testid="policy-history">
            <Table<PolicyVersion>
              rowKey={(v) => `${v.effectiveFrom}:${v.version}`}
              size="small"
              columns={columns}
              dataSource={versions}
              loading={history.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </div>
        </>
      )}
    </Drawer>
  );
}

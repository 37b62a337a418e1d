import { Table, type TableProps, Tag } from 'antd';
import { type PolicyItem, usePolicy } from '../../../api/policy';
import type { WorkOrderType } from '../../../api/workOrders';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { PriorityTag } from '../TimeLeftTag';
import { useBilingual, useWorkOrderTypes } from './shared';

/** 工单类型 (SVC-2, SVC-6): each type's promise (its policy key and the amount in force) and its steps; read-only. */
export function TypesPage() {
  const { t } = useT();
  const bi = useBilingual();
  const can = useCan();
  const types = useWorkOrderTypes();
  const policy = usePolicy(undefined, can('policy.read'));
  const amountOf = (key: string): PolicyItem | undefined => policy.data?.items.find((p) => p.key === key);

  const columns: TableProps<WorkOrderType>['columns'] = [
    { key: 'code', title: t('wo.types.code'), dataIndex: 'code' },
    { key: 'name', title: t('wo.types.name'), render: (_, x) => bi(x.name) },
    { key: 'category', title: t('wo.types.category'), dataIndex: 'category' },
    {
      key: 'promise',
      title: t('wo.promise'),
      render: (_, x) => {
        const p = amountOf(x.promiseKey);
        return typeof p?.value === 'number'
          ? t(`wo.promise.${x.promiseUnit}` as MessageKey, { n: p.value })
          : t(`wo.promiseUnit.${x.promiseUnit}` as MessageKey);
      },
    },
    { key: 'policyKey', title: t('wo.types.policyKey'), render: (_, x) => <code>{x.promiseKey}</code> },
    { key: 'priority', title: t('wo.priority'), render: (_, x) => <PriorityTag priority={x.defaultPriority} /> },
    {
      key: 'steps',
      title: t('wo.steps'),
      render: (_, x) => x.steps.map((s, i) => `${i + 1}. ${bi(s)}`).join(' → '),
    },
    {
      key: 'active',
      title: t('wo.types.active'),
      render: (_, x) => (
        <Tag color={x.active ? 'green' : 'default'}>{t(x.active ? 'wo.types.on' : 'wo.types.off')}</Tag>
      ),
    },
  ];

  return (
    <PageCard title={t('menu.workOrderTypes')}>
      <Table<WorkOrderType>
        rowKey="code"
        data-testid="types-table"
        columns={columns}
        dataSource={types.data}
        loading={types.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

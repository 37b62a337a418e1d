import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Select, Space, Table, type TableProps, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  listTariffs,
  type Tariff,
  type TariffListParams,
  type TariffSort,
  type TariffStatus,
  tariffsKey,
} from '../../../api/billing';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { toDateString } from '../../../lib/time';
import { EndTariffModal } from './EndTariffModal';
import { HouseholdModal } from './HouseholdModal';
import { TariffFormModal, useNatureOptions } from './TariffFormModal';

export function TariffStatusTag({ status }: { status: TariffStatus }) {
  const { t } = useT();
  const color = { pending: 'orange', active: 'green', rejected: 'red' }[status];
  return (
    <Tag color={color} data-testid={`tariff-status-${status}`}>
      {t(`tariff.status.${status}`)}
    </Tag>
  );
}

export function TierList({ tariff }: { tariff: Tariff }) {
  const { t } = useT();
  if (!tariff.tiered) return <span>{t('tariff.flatPrice', { price: tariff.tiers[0]?.price ?? '—' })}</span>;
  return (
    <Space direction="vertical" size={0}>
      {tariff.tiers.map((tier) => (
        <span key={tier.tier}>
          {tier.upTo === null
            ? t('tariff.tierAbove', { n: tier.tier, from: tier.from, price: tier.price })
            : t('tariff.tierRange', { n: tier.tier, from: tier.from, to: tier.upTo, price: tier.price })}
        </span>
      ))}
    </Space>
  );
}

const STATUSES: TariffStatus[] = ['pending', 'active', 'rejected'];
const SORTABLE: TariffSort[] = ['usageNature', 'effectiveFrom', 'status'];

interface FilterForm {
  usageNature?: string;
  on?: Dayjs;
  status?: TariffStatus;
}

/** The approval request a change was filed as: shown above the list with its link. */
interface Filed {
  approvalId: string;
  approvalNo?: string;
  what: string;
}

/** 气价 (BIL-1): tariffs by usage nature with their effective dates, tiers and approval status. */
export function TariffsPage() {
  const { t } = useT();
  const can = useCan();
  const [form] = Form.useForm<FilterForm>();
  const [creating, setCreating] = useState(false);
  const [household, setHouseholdOpen] = useState(false);
  const [revising, setRevising] = useState<Tariff | null>(null);
  const [ending, setEnding] = useState<Tariff | null>(null);
  const [filed, setFiled] = useState<Filed | null>(null);
  const manage = can('billing.tariff.manage');
  const [params, setParams] = useState<TariffListParams>({ page: 1, pageSize: 20 });
  const tariffs = useQuery({
    queryKey: [...tariffsKey, 'list', params],
    queryFn: () => listTariffs(params),
    placeholderData: keepPreviousData,
  });
  const known = (tariffs.data?.items ?? []).map((x) => ({ code: x.usageNature, name: x.usageNatureName }));
  const natureOptions = useNatureOptions(known);
  const sortable = (key: TariffSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const columns: TableProps<Tariff>['columns'] = [
    {
      title: t('tariff.usageNature'),
      key: 'usageNature',
      ...sortable('usageNature'),
      render: (_, x) => `${x.usageNatureName}（${x.usageNature}）`,
    },
    { title: t('tariff.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('tariff.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      key: 'effectiveFrom',
      ...sortable('effectiveFrom'),
    },
    {
      title: t('tariff.effectiveTo'),
      dataIndex: 'effectiveTo',
      key: 'effectiveTo',
      render: (v: string | null) => v ?? t('tariff.openEnded'),
    },
    { title: t('tariff.tiers'), key: 'tiers', render: (_, x) => <TierList tariff={x} /> },
    {
      title: t('tariff.statusLabel'),
      key: 'status',
      ...sortable('status'),
      render: (_, x) => (
        <Space size={4}>
          <TariffStatusTag status={x.status ?? 'active'} />
          {x.approvalId && <Link to={`/approvals/${x.approvalId}`}>{t('tariff.approval')}</Link>}
        </Space>
      ),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, x: Tariff) =>
              (x.status ?? 'active') === 'active' && (
                <Space size={4}>
                  <Button size="small" onClick={() => setRevising(x)} data-testid={`tariff-revise-${x.id}`}>
                    {t('tariff.revise')}
                  </Button>
                  <Button size="small" danger onClick={() => setEnding(x)} data-testid={`tariff-end-${x.id}`}>
                    {t('tariff.end')}
                  </Button>
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <PageCard
      title={t('menu.tariffs')}
      extra={
        can('billing.tariff.manage') && (
          <Space>
            <Button onClick={() => setHouseholdOpen(true)} data-testid="household-open">
              {t('tariff.household.title')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tariff-new">
              {t('tariff.new')}
            </Button>
          </Space>
        )
      }
    >
      <Form<FilterForm>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 12 }}
        onFinish={(v) =>
          setParams((p) => ({
            ...p,
            page: 1,
            usageNature: v.usageNature,
            on: toDateString(v.on) ?? undefined,
            status: v.status,
          }))
        }
      >
        <Form.Item name="usageNature" label={t('tariff.usageNature')}>
          <Select allowClear style={{ width: 220 }} options={natureOptions} />
        </Form.Item>
        <Form.Item name="on" label={t('tariff.inForceOn')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="status" label={t('tariff.statusLabel')}>
          <Select
            allowClear
            style={{ width: 120 }}
            data-testid="tariff-filter-status"
            options={STATUSES.map((x) => ({ value: x, label: t(`tariff.status.${x}`) }))}
          />
        </Form.Item>
        <FilterActions
          form={form}
          searchTestId="tariff-search"
          onReset={() =>
            setParams((p) => ({ ...p, page: 1, usageNature: undefined, on: undefined, status: undefined }))
          }
        />
      </Form>
      {filed && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setFiled(null) }}
          style={{ marginBottom: 16 }}
          data-testid="tariff-filed"
          title={
            <Space size={8} wrap>
              <span>{t('tariff.filed', { what: filed.what })}</span>
              <Link to={`/approvals/${filed.approvalId}`} data-testid="tariff-filed-link">
                {filed.approvalNo ?? t('tariff.viewApproval')}
              </Link>
            </Space>
          }
        />
      )}
      <Table<Tariff>
        rowKey="id"
        data-testid="tariff-table"
        columns={columns}
        dataSource={tariffs.data?.items}
        loading={tariffs.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: tariffs.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <HouseholdModal open={household} onClose={() => setHouseholdOpen(false)} />
      <TariffFormModal
        open={creating}
        onClose={() => setCreating(false)}
        knownNatures={known}
        onFiled={(x) =>
          x.approvalId && setFiled({ approvalId: x.approvalId, what: t('tariff.filedNew', { name: x.name }) })
        }
      />
      {revising && (
        <TariffFormModal
          key={revising.id}
          open
          supersedes={revising}
          onClose={() => setRevising(null)}
          knownNatures={known}
          onFiled={(x) =>
            x.approvalId && setFiled({ approvalId: x.approvalId, what: t('tariff.filedRevise', { name: x.name }) })
          }
        />
      )}
      {ending && (
        <EndTariffModal
          key={ending.id}
          tariff={ending}
          onClose={() => setEnding(null)}
          onFiled={(x) =>
            setFiled({
              approvalId: x.approvalId,
              approvalNo: x.approvalNo,
              what: t('tariff.filedEnd', { name: ending.name }),
            })
          }
        />
      )}
    </PageCard>
  );
}

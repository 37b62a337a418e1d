import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  DatePicker,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { getPolicy, type PolicyItem, policyKey } from '../../../api/policy';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { businessToday, usePick } from '../../approvals/format';
import { approvalPath } from '../../approvals/useApprovalColumns';
import { PolicyHistoryDrawer } from './PolicyHistoryDrawer';
import { PolicyValue } from './PolicyValue';
import { ProposePolicyChangeModal } from './ProposePolicyChangeModal';
import { areaLabel, areaOf, isKnownArea, POLICY_AREAS } from './policyFormat';

type Row = { type: 'group'; id: string; area: string; count: number } | { type: 'item'; id: string; item: PolicyItem };

const areaRank = (area: string) => {
  const index = (POLICY_AREAS as readonly string[]).indexOf(area);
  return index === -1 ? POLICY_AREAS.length : index;
};

/** 策略参数: the company policy in force on a date, by rule area, with history and change requests. */
export function PolicyPage() {
  const { t } = useT();
  const pick = usePick();
  const { token } = theme.useToken();
  const canPropose = useCan()('policy.propose');
  const [asOf, setAsOf] = useState(() => businessToday().format('YYYY-MM-DD'));
  const [q, setQ] = useState('');
  const [area, setArea] = useState<string | undefined>();
  const [historyOf, setHistoryOf] = useState<PolicyItem | null>(null);
  const [proposing, setProposing] = useState<PolicyItem | null>(null);

  const policy = useQuery({
    queryKey: [...policyKey, 'asOf', asOf],
    queryFn: () => getPolicy(asOf),
    placeholderData: keepPreviousData,
  });

  const areaName = (code: string) => (isKnownArea(code) ? t(areaLabel[code]) : code.toUpperCase());

  const rows = useMemo<Row[]>(() => {
    const needle = q.trim().toLowerCase();
    const items = (policy.data?.items ?? []).filter(
      (i) =>
        (!area || areaOf(i.key) === area) &&
        (!needle ||
          i.key.toLowerCase().includes(needle) ||
          i.rule.toLowerCase().includes(needle) ||
          i.name.zh.includes(needle) ||
          i.name.en.toLowerCase().includes(needle)),
    );
    const groups = new Map<string, PolicyItem[]>();
    for (const item of items) groups.set(areaOf(item.key), [...(groups.get(areaOf(item.key)) ?? []), item]);
    return [...groups]
      .sort(([a], [b]) => areaRank(a) - areaRank(b) || a.localeCompare(b))
      .flatMap(([code, list]): Row[] => [
        { type: 'group', id: `area:${code}`, area: code, count: list.length },
        ...list.map((item): Row => ({ type: 'item', id: item.key, item })),
      ]);
  }, [policy.data, q, area]);

  const areaOptions = [...new Set((policy.data?.items ?? []).map((i) => areaOf(i.key)))]
    .sort((a, b) => areaRank(a) - areaRank(b))
    .map((code) => ({ value: code, label: areaName(code) }));

  // Group rows span the whole table (7 columns); their other cells are hidden.
  const spanFirst = (row: Row) => ({ colSpan: row.type === 'group' ? 7 : 1 });
  const hideInGroup = (row: Row) => ({ colSpan: row.type === 'group' ? 0 : 1 });

  const columns: TableProps<Row>['columns'] = [
    {
      title: t('policy.rule'),
      key: 'rule',
      width: 130,
      onCell: spanFirst,
      render: (_, row) =>
        row.type === 'group' ? (
          <Typography.Text strong data-testid={`policy-group-${row.area}`}>
            {areaName(row.area)}
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
              {t('policy.groupCount', { count: row.count })}
            </Typography.Text>
          </Typography.Text>
        ) : (
          <Tag>{row.item.rule}</Tag>
        ),
    },
    {
      title: t('policy.name'),
      key: 'name',
      onCell: hideInGroup,
      render: (_, row) =>
        row.type === 'item' && (
          <Space orientation="vertical" size={0}>
            <span>{pick(row.item.name)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.item.key}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: t('policy.currentValue'),
      key: 'value',
      onCell: hideInGroup,
      render: (_, row) =>
        row.type === 'item' && (
          <PolicyValue item={row.item} value={row.item.value} testId={`policy-value-${row.item.key}`} />
        ),
    },
    {
      title: t('policy.effectiveFrom'),
      key: 'effectiveFrom',
      onCell: hideInGroup,
      render: (_, row) =>
        row.type === 'item' &&
        (row.item.effectiveFrom ?? (
          <Tooltip title={t('policy.defaultHint')}>
            <Tag>{t('policy.default')}</Tag>
          </Tooltip>
        )),
    },
    {
      title: t('policy.version'),
      key: 'version',
      align: 'right',
      onCell: hideInGroup,
      render: (_, row) => row.type === 'item' && row.item.version,
    },
    {
      title: t('policy.pending'),
      key: 'pending',
      onCell: hideInGroup,
      render: (_, row) =>
        row.type === 'item' &&
        row.item.pendingRequests.map((p) => (
          <Tooltip key={p.id} title={t('policy.pendingHint', { no: p.no, date: p.effectiveFrom })}>
            <Link to={approvalPath(p.id)} data-testid={`policy-pending-${row.item.key}`}>
              <Tag color="gold">{t('policy.pendingTag')}</Tag>
            </Link>
          </Tooltip>
        )),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      onCell: hideInGroup,
      render: (_, row) =>
        row.type === 'item' && (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              onClick={() => setHistoryOf(row.item)}
              data-testid={`policy-history-${row.item.key}`}
            >
              {t('policy.history')}
            </Button>
            {canPropose && (
              <Button
                type="link"
                size="small"
                onClick={() => setProposing(row.item)}
                data-testid={`policy-propose-${row.item.key}`}
              >
                {t('policy.propose')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  const onRow = (row: Row) => {
    const attrs: HTMLAttributes<HTMLElement> & { 'data-testid'?: string } =
      row.type === 'group'
        ? { style: { background: token.colorFillAlter } }
        : { 'data-testid': `policy-row-${row.item.key}` };
    return attrs;
  };

  return (
    <PageCard title={t('menu.policy')} extra={<ExportButton exportName="policy" filters={{ asOf }} />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('policy.asOf')}</span>
        <DatePicker
          allowClear={false}
          value={dayjs(asOf, 'YYYY-MM-DD')}
          onChange={(value) => value && setAsOf(value.format('YYYY-MM-DD'))}
          data-testid="policy-as-of"
        />
        <Input.Search
          allowClear
          placeholder={t('policy.searchPlaceholder')}
          onSearch={setQ}
          onChange={(e) => !e.target.value && setQ('')}
          style={{ width: 240 }}
          data-testid="policy-search"
        />
        <Select<string>
          allowClear
          placeholder={t('policy.area')}
          value={area}
          onChange={setArea}
          options={areaOptions}
          style={{ width: 180 }}
          data-testid="policy-filter-area"
        />
      </Space>
      <Table<Row>
        rowKey="id"
        data-testid="policy-table"
        columns={columns}
        dataSource={rows}
        loading={policy.isFetching}
        onRow={onRow}
        pagination={false}
        size="middle"
        scroll={{ x: 'max-content' }}
      />
      <PolicyHistoryDrawer item={historyOf} asOf={asOf} onClose={() => setHistoryOf(null)} />
      <ProposePolicyChangeModal item={proposing} onClose={() => setProposing(null)} />
    </PageCard>
  );
}

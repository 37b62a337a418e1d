import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Input, Table, type TableProps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { customersKey, type SearchHit, searchAccounts } from '../../api/customers';
import { PageCard } from '../../components/PageCard';
import { useT } from '../../i18n/useT';
import { accountViewPath, label, STATUS_COLOR } from './labels';

const MIN = 2;
const DEBOUNCE_MS = 350;
const searchKey = (q: string) => [...customersKey, 'search', q] as const;

/** The text as the server reads it; shorter than two characters searches nothing. */
function normalised(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** 用户查询 (CUS-3): one box finds an account by number, name, phone, ID ending, meter serial or address. */
export function AccountSearchPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');

  // Searches as the clerk types, once they pause.
  useEffect(() => {
    const timer = setTimeout(() => setQ(normalised(text)), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const results = useQuery({
    queryKey: searchKey(q),
    queryFn: () => searchAccounts(q),
    enabled: q.length >= MIN,
    placeholderData: keepPreviousData,
  });

  const open = (hit: SearchHit) => navigate(accountViewPath(hit.accountId));

  // Enter opens the first hit, searching at once if the pause has not come yet.
  const onEnter = async (value: string) => {
    const now = normalised(value);
    if (now.length < MIN) return;
    setQ(now);
    const found = await queryClient.fetchQuery({ queryKey: searchKey(now), queryFn: () => searchAccounts(now) });
    if (found.items[0]) open(found.items[0]);
  };

  const columns: TableProps<SearchHit>['columns'] = [
    { title: t('customers.accountNo'), dataIndex: 'accountNo', key: 'accountNo', width: 130 },
    { title: t('customers.name'), dataIndex: 'customerName', key: 'customerName' },
    {
      title: t('customers.kind'),
      dataIndex: 'customerKind',
      key: 'customerKind',
      render: (kind: string) => t(label('kind', kind)),
    },
    { title: t('customers.mobile'), dataIndex: 'maskedMobile', key: 'maskedMobile', render: (m) => m ?? '—' },
    { title: t('customers.address'), dataIndex: 'address', key: 'address' },
    { title: t('customers.meterSerial'), dataIndex: 'meterSerial', key: 'meterSerial', render: (s) => s ?? '—' },
    {
      title: t('customers.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: string) => <Tag color={STATUS_COLOR[status]}>{t(label('status', status))}</Tag>,
    },
    {
      title: t('customers.matchedBy'),
      dataIndex: 'matchedBy',
      key: 'matchedBy',
      render: (m: string) => <Tag>{t(label('matched', m))}</Tag>,
    },
  ];

  const typed = normalised(text);
  const items = q.length >= MIN ? (results.data?.items ?? []) : [];
  return (
    <PageCard title={t('menu.customerSearch')}>
      <Input.Search
        size="large"
        autoFocus
        allowClear
        enterButton={<SearchOutlined />}
        placeholder={t('customers.search.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={onEnter}
        loading={results.isFetching}
        data-testid="customer-search-input"
        style={{ marginBottom: 8 }}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
        {typed.length > 0 && typed.length < MIN
          ? t('customers.search.tooShort')
          : q.length >= MIN && results.data
            ? t('customers.search.count', { count: items.length })
            : t('customers.search.hint')}
      </Typography.Paragraph>
      {q.length >= MIN && results.data && items.length === 0 && (
        <Alert type="info" showIcon title={t('customers.search.empty')} style={{ marginBottom: 16 }} />
      )}
      <Table<SearchHit>
        rowKey="accountId"
        data-testid="customer-search-results"
        columns={columns}
        dataSource={items}
        loading={results.isFetching}
        pagination={false}
        onRow={(hit) => ({ onClick: () => open(hit), style: { cursor: 'pointer' } })}
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}

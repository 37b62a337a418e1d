import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { customersKey, type SearchHit, searchAccounts } from '../../../api/customers';
import { useT } from '../../../i18n/useT';

/** The one-box account search (CUS-3) for the intake desk; hands back the whole hit. */
export function CallerPicker({
  value,
  onChange,
  autoFocus,
}: {
  value?: SearchHit | null;
  onChange: (hit: SearchHit | null) => void;
  autoFocus?: boolean;
}) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 350);
    return () => clearTimeout(timer);
  }, [text]);
  const hits = useQuery({
    queryKey: [...customersKey, 'search', q],
    queryFn: () => searchAccounts(q),
    enabled: q.length >= 2,
  });
  const items = hits.data?.items ?? [];
  const options = items.map((h) => ({ value: h.accountId, label: `${h.accountNo} ${h.customerName} · ${h.address}` }));
  if (value && !items.some((h) => h.accountId === value.accountId)) {
    options.unshift({ value: value.accountId, label: `${value.accountNo} ${value.customerName} · ${value.address}` });
  }
  return (
    <Select<string>
      allowClear
      autoFocus={autoFocus}
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={t('intake.searchPlaceholder')}
      loading={hits.isFetching}
      notFoundContent={q.length >= 2 && hits.data ? t('customers.search.empty') : null}
      options={options}
      value={value?.accountId}
      onChange={(id) => onChange(id ? (items.find((h) => h.accountId === id) ?? value ?? null) : null)}
      style={{ width: '100%' }}
      data-testid="intake-account"
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { customersKey, searchAccounts } from '../../api/customers';
import { useT } from '../../i18n/useT';

/** Picks an account by the one-box search (number, name, phone, ID ending, meter serial or address). */
export function AccountSelect(
  props: Omit<SelectProps<string>, 'options' | 'onSearch' | 'showSearch' | 'filterOption'>,
) {
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
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={t('customers.contact.accountPlaceholder')}
      loading={hits.isFetching}
      notFoundContent={q.length >= 2 && hits.data ? t('customers.search.empty') : null}
      options={(hits.data?.items ?? []).map((h) => ({
        value: h.accountId,
        label: `${h.accountNo} ${h.customerName} · ${h.address}`,
      }))}
      {...props}
    />
  );
}

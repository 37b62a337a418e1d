import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { listUsers, usersKey } from '../api/users';
import { useT } from '../i18n/useT';

/** Searches the company's users on the server as the operator types; the value is the user id. */
export function UserSelect(props: Omit<SelectProps<string>, 'options' | 'showSearch' | 'loading'>) {
  const { t } = useT();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const users = useQuery({
    queryKey: [...usersKey, 'search', q],
    queryFn: () => listUsers({ page: 1, pageSize: 20, q: q || undefined, sort: 'username', order: 'asc' }),
  });
  const options = (users.data?.items ?? []).map((u) => ({
    value: u.id,
    label: t('common.userOption', { name: u.fullName, username: u.username }),
  }));

  return (
    <Select<string>
      allowClear
      placeholder={t('common.searchUsers')}
      {...props}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={users.isFetching}
      options={options}
      notFoundContent={null}
    />
  );
}

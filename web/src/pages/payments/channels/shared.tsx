import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { LineStatus, OrderStatus } from '../../../api/channelPayments';
import { customersKey, searchAccounts } from '../../../api/customers';
import type { PageParams } from '../../../api/types';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

export const MANAGE = 'payment.channel.manage';
export const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

export function usePaging(initial: Partial<PageParams> = {}) {
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize: 20, order: 'desc', ...initial });
  const onChange = (p: { current?: number; pageSize?: number }) =>
    setParams((x) => ({ ...x, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }));
  return { params, setParams, onChange };
}

export function pagination(t: ReturnType<typeof useT>['t'], params: PageParams, total?: number) {
  return {
    current: params.page,
    pageSize: params.pageSize,
    total: total ?? 0,
    showTotal: (n: number) => t('common.total', { total: n }),
  };
}

/** The account search (number, name, phone, address) of the channel forms. */
export function AccountSelect(props: Pick<SelectProps<string>, 'value' | 'onChange' | 'id'> & { testId: string }) {
  const { t } = useT();
  const { testId, ...rest } = props;
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const hits = useQuery({
    queryKey: [...customersKey, 'search', q],
    queryFn: () => searchAccounts(q),
    enabled: q.length >= 2,
  });
  return (
    <Select<string>
      style={{ width: '100%' }}
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setText }}
      defaultActiveFirstOption
      placeholder={t('channelPay.accountPlaceholder')}
      loading={hits.isFetching}
      notFoundContent={q.length >= 2 && hits.data ? t('channelPay.searchEmpty') : null}
      options={(hits.data?.items ?? []).map((h) => ({
        value: h.accountId,
        label: `${h.accountNo} ${h.customerName} · ${h.address}`,
      }))}
      {...rest}
    />
  );
}

const ORDER_COLOR: Record<OrderStatus, string> = { pending: 'blue', paid: 'green', expired: 'default' };
export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useT();
  return <Tag color={ORDER_COLOR[status]}>{t(`channelPay.order.status.${status}` as MessageKey)}</Tag>;
}

const LINE_COLOR: Record<LineStatus, string> = { pending: 'blue', succeeded: 'green', failed: 'red' };
export function LineStatusTag({ status }: { status: LineStatus }) {
  const { t } = useT();
  return <Tag color={LINE_COLOR[status]}>{t(`channelPay.line.status.${status}` as MessageKey)}</Tag>;
}

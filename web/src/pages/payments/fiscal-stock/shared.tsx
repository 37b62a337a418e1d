import { useQuery } from '@tanstack/react-query';
import type { FormRule } from 'antd';
import { Select, Tag } from 'antd';
import { FISCAL_KINDS, type FiscalKind, fiscalStockKey, listHolders, type RangeStatus } from '../../../api/fiscalStock';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

export const TICKET_NO = /^[0-9]{1,12}$/;
export const SERIES = /^[A-Za-z0-9-]{1,20}$/;

export const kindKey = (k: FiscalKind) => `fiscal.kind.${k}` as MessageKey;

export function KindSelect(props: {
  value?: FiscalKind;
  onChange?: (v: FiscalKind) => void;
  allowClear?: boolean;
  testId?: string;
}) {
  const { t } = useT();
  return (
    <Select<FiscalKind>
      value={props.value}
      onChange={props.onChange}
      allowClear={props.allowClear}
      placeholder={t('fiscal.kind')}
      style={{ minWidth: 180 }}
      data-testid={props.testId}
      options={FISCAL_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))}
    />
  );
}

const STATUS_COLOR: Record<RangeStatus, string> = { issued: 'orange', open: 'green', closed: 'default' };
export function RangeStatusTag({ status }: { status: RangeStatus }) {
  const { t } = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`fiscal.status.${status}` as MessageKey)}</Tag>;
}

/** Users holding fiscal.stock.use (cashiers, hall clerks), for issue and hand-over. */
export function HolderSelect(props: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  exclude?: string;
  allowStock?: boolean;
  testId?: string;
}) {
  const { t } = useT();
  const holders = useQuery({ queryKey: [...fiscalStockKey, 'holders'], queryFn: listHolders });
  const options = (holders.data?.items ?? [])
    .filter((h) => h.id !== props.exclude)
    .map((h) => ({ value: h.id as string, label: `${h.name}（${h.username}）` }));
  if (props.allowStock) options.unshift({ value: '', label: t('fiscal.backToStock') });
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      value={props.value === null ? '' : props.value}
      onChange={(v) => props.onChange?.(v === '' ? null : v)}
      loading={holders.isLoading}
      options={options}
      placeholder={t('fiscal.holder')}
      data-testid={props.testId}
    />
  );
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A fixed-width ticket number, checked as you type. */
export const ticketRule = (t: T, required = true): FormRule => ({
  validator: (_: unknown, v?: string) => {
    if (!v?.trim()) return required ? Promise.reject(new Error(t('fiscal.invalidNo'))) : Promise.resolve();
    return TICKET_NO.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('fiscal.invalidNo')));
  },
});

/** The last number: same width as the first, not below it. */
export const toNoRule =
  (t: T, fromField = 'fromNo'): FormRule =>
  ({ getFieldValue }) => ({
    validator: (_: unknown, v?: string) => {
      const from = (getFieldValue(fromField) as string | undefined)?.trim();
      const to = v?.trim();
      if (!from || !to || !TICKET_NO.test(from) || !TICKET_NO.test(to)) return Promise.resolve();
      if (from.length !== to.length) return Promise.reject(new Error(t('fiscal.widthMismatch')));
      return BigInt(to) < BigInt(from) ? Promise.reject(new Error(t('fiscal.reversed'))) : Promise.resolve();
    },
  });

export const rangeText = (r: { fromNo: string; toNo: string }) => `${r.fromNo}–${r.toNo}`;

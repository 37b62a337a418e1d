import { Tag } from 'antd';
import type { RefundStatus } from '../../../api/refunds';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

const STATUS_COLOR: Record<RefundStatus, string> = {
  submitted: 'processing',
  refused: 'error',
  transferred: 'success',
  approving: 'gold',
  approved: 'orange',
  rejected: 'error',
  withdrawn: 'default',
  paidOut: 'success',
};

export function RefundStatusTag({ status }: { status: RefundStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="refund-status">
      {t(`refund.status.${status}` as MessageKey)}
    </Tag>
  );
}

export const refundPath = (id: string) => `/payments/refunds/${encodeURIComponent(id)}`;

/** Money as the server checks it: digits, at most 2 decimals. */
export const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** A decimal string in cents (exact, no floating point), or null when it is not an amount. */
export function cents(v: string | undefined | null): bigint | null {
  const s = v?.trim();
  if (!s || !AMOUNT.test(s)) return null;
  const [int, frac = ''] = s.split('.');
  return BigInt(int! + frac.padEnd(2, '0'));
}

import { Tag } from 'antd';
import type { AdjustmentDirection, AdjustmentStatus } from '../../../api/adjustments';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

const STATUS_COLOR: Record<AdjustmentStatus, string> = {
  pending: 'processing',
  rejected: 'error',
  withdrawn: 'default',
  posted: 'success',
  archived: 'purple',
};

export function AdjustmentStatusTag({ status }: { status: AdjustmentStatus }) {
  const { t } = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`adjustment.status.${status}` as MessageKey)}</Tag>;
}

export function DirectionTag({ direction }: { direction: AdjustmentDirection }) {
  const { t } = useT();
  return (
    <Tag color={direction === 'credit' ? 'green' : 'orange'}>
      {t(`adjustment.direction.short.${direction}` as MessageKey)}
    </Tag>
  );
}

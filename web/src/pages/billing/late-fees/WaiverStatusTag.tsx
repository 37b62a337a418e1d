import { Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Waiver } from '../../../api/lateFees';
import { useT } from '../../../i18n/useT';

const COLOR = { pending: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default' } as const;

/** A waiver's status; while pending, the step it waits at; with a link to its approval request. */
export function WaiverStatusTag({
  waiver,
}: {
  waiver: Pick<Waiver, 'status' | 'currentStepLabel' | 'approvalId' | 'approvalNo'>;
}) {
  const { t } = useT();
  return (
    <Space size={4} wrap>
      <Tag color={COLOR[waiver.status]} data-testid="waiver-status">
        {t(`lateFee.status.${waiver.status}`)}
      </Tag>
      {waiver.status === 'pending' && waiver.currentStepLabel && (
        <Typography.Text type="secondary">{waiver.currentStepLabel}</Typography.Text>
      )}
      {waiver.approvalId && <Link to={`/approvals/${waiver.approvalId}`}>{waiver.approvalNo}</Link>}
    </Space>
  );
}

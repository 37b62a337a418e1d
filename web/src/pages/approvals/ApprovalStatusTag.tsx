import { Tag } from 'antd';
import type { ApprovalStatus, ApprovalStepStatus } from '../../api/approvals';
import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../i18n/useT';

export const APPROVAL_STATUSES: ApprovalStatus[] = ['pending', 'approved', 'rejected', 'withdrawn'];

export const approvalStatusLabel: Record<ApprovalStatus, MessageKey> = {
  pending: 'approvalStatus.pending',
  approved: 'approvalStatus.approved',
  rejected: 'approvalStatus.rejected',
  withdrawn: 'approvalStatus.withdrawn',
};

const approvalStatusColor: Record<ApprovalStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

export const stepStatusLabel: Record<ApprovalStepStatus, MessageKey> = {
  waiting: 'approvalStep.waiting',
  pending: 'approvalStep.pending',
  approved: 'approvalStep.approved',
  rejected: 'approvalStep.rejected',
  skipped: 'approvalStep.skipped',
};

export function ApprovalStatusTag({ status }: { status: ApprovalStatus }) {
  const { t } = useT();
  return (
    <Tag color={approvalStatusColor[status]} data-testid={`approval-status-${status}`}>
      {t(approvalStatusLabel[status])}
    </Tag>
  );
}

export function useStatusOptions() {
  const { t } = useT();
  return APPROVAL_STATUSES.map((value) => ({ value, label: t(approvalStatusLabel[value]) }));
}

import { Timeline, Typography } from 'antd';
import type { ApprovalEvent, ApprovalEventAction, ApprovalStep } from '../../api/approvals';
import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../i18n/useT';
import { formatDateTime } from '../../lib/time';

const actionText: Record<ApprovalEventAction, MessageKey> = {
  submitted: 'approvalEvent.submitted',
  approved: 'approvalEvent.approved',
  rejected: 'approvalEvent.rejected',
  withdrawn: 'approvalEvent.withdrawn',
  completed: 'approvalEvent.completed',
  attached: 'approvalEvent.attached',
};

const actionColor: Record<ApprovalEventAction, string> = {
  submitted: 'blue',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'gray',
  completed: 'green',
  attached: 'gray',
};

/** Everything that happened to the request, oldest first. */
export function ApprovalTimeline({ events, steps }: { events: ApprovalEvent[]; steps: ApprovalStep[] }) {
  const { t } = useT();
  const stepLabel = (stepNo: number | null) => steps.find((s) => s.stepNo === stepNo)?.label ?? '';
  return (
    <div data-testid="approval-timeline">
      <Timeline
        items={events.map((event) => ({
          key: event.id,
          color: actionColor[event.action] ?? 'gray',
          content: (
            <div data-testid={`approval-event-${event.action}`}>
              <div>
                {t(actionText[event.action] ?? 'approvalEvent.other', {
                  actor: event.actor?.fullName ?? t('approvals.system'),
                  step: stepLabel(event.stepNo),
                  file: event.comment ?? '',
                  action: event.action,
                })}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(event.at)}
              </Typography.Text>
              {event.comment && event.action !== 'attached' && (
                <div>
                  <Typography.Text italic>{t('approvals.quotedComment', { comment: event.comment })}</Typography.Text>
                </div>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}

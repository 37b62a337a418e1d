import { Space, Steps, type StepsProps, Typography } from 'antd';
import type { ApprovalStep, ApprovalStepStatus } from '../../api/approvals';
import { useT } from '../../i18n/useT';
import { formatDateTime } from '../../lib/time';
import { stepStatusLabel } from './ApprovalStatusTag';
import { usePick } from './format';

type StepItemStatus = NonNullable<NonNullable<StepsProps['items']>[number]['status']>;

const stepsStatus: Record<ApprovalStepStatus, StepItemStatus> = {
  waiting: 'wait',
  pending: 'process',
  approved: 'finish',
  rejected: 'error',
  skipped: 'wait',
};

/** The chain: each level with who may sign it, and who signed, when, with what comment. */
export function ApprovalStepsView({ steps }: { steps: ApprovalStep[] }) {
  const { t, lang } = useT();
  const pick = usePick();
  return (
    <div data-testid="approval-steps">
      <Steps
        orientation="vertical"
        size="small"
        items={steps.map((step) => ({
          key: step.stepNo,
          status: stepsStatus[step.status],
          title: (
            <span data-testid={`approval-step-${step.stepNo}`}>
              {step.label}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                {t(stepStatusLabel[step.status])}
              </Typography.Text>
            </span>
          ),
          content: (
            <Space orientation="vertical" size={0}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('approvals.stepRoles', {
                  roles: step.roleNames.map(pick).join(lang === 'zh-CN' ? '、' : ', ') || step.roles.join(', '),
                })}
              </Typography.Text>
              {step.actedBy && (
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('approvals.signedBy', { name: step.actedBy.fullName, at: formatDateTime(step.actedAt) })}
                </Typography.Text>
              )}
              {step.comment && (
                <Typography.Text italic style={{ fontSize: 12 }}>
                  {t('approvals.quotedComment', { comment: step.comment })}
                </Typography.Text>
              )}
            </Space>
          ),
        }))}
      />
    </div>
  );
}

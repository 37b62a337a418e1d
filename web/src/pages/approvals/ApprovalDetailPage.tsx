import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { approvalsKey, getApproval } from '../../api/approvals';
import { DetailPlaceholder } from '../../components/DetailPlaceholder';
import { type OneTimePassword, OneTimePasswordModal } from '../../components/OneTimePasswordModal';
import { useT } from '../../i18n/useT';
import { formatDateTime } from '../../lib/time';
import { ApprovalStatusTag } from './ApprovalStatusTag';
import { ApprovalStepsView } from './ApprovalStepsView';
import { ApprovalTimeline } from './ApprovalTimeline';
import { AttachmentsPanel } from './AttachmentsPanel';
import { DecisionPanel } from './DecisionPanel';
import { formatYuan, usePick } from './format';
import { OutcomeModal, type ShownOutcome } from './OutcomeModal';
import { PayloadView } from './PayloadView';
import { useCurrentStepText } from './useApprovalColumns';

/** 审批详情: the request, its chain, its history and attachments, and the actions open to me. */
export function ApprovalDetailPage() {
  const { t } = useT();
  const pick = usePick();
  const navigate = useNavigate();
  const currentStep = useCurrentStepText();
  const { id = '' } = useParams<{ id: string }>();
  const [password, setPassword] = useState<OneTimePassword | null>(null);
  const [outcome, setOutcome] = useState<ShownOutcome | null>(null);

  const detail = useQuery({ queryKey: [...approvalsKey, 'detail', id], queryFn: () => getApproval(id) });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="approval-back">
      {t('approvals.back')}
    </Button>
  );

  if (detail.isPending || detail.isError || !detail.data) {
    return (
      <DetailPlaceholder
        query={detail}
        notFound={t('approvals.notFound')}
        failed={t('approvals.loadFailed')}
        back={back}
      />
    );
  }

  const request = detail.data;
  const step = currentStep(request);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="approval-detail">
      <Card
        variant="borderless"
        title={
          <Space wrap>
            {t('menu.approvalDetail')}
            <Typography.Text copyable data-testid="approval-no">
              {request.no}
            </Typography.Text>
            <ApprovalStatusTag status={request.status} />
          </Space>
        }
        extra={back}
      >
        {request.status === 'pending' && step && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('approvals.waitingAt', { step: step.label, roles: step.roles || '—' })}
          />
        )}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'kind', label: t('approvals.kind'), children: pick(request.kindName) },
            { key: 'requestedBy', label: t('approvals.requestedBy'), children: request.requestedBy.fullName },
            { key: 'createdAt', label: t('approvals.createdAt'), children: formatDateTime(request.createdAt) },
            { key: 'decidedAt', label: t('approvals.decidedAt'), children: formatDateTime(request.decidedAt) },
            ...(request.amount !== null
              ? [{ key: 'amount', label: t('approvals.amount'), children: formatYuan(request.amount) }]
              : []),
            ...(request.subjectId
              ? [
                  {
                    key: 'subject',
                    label: t('approvals.subject'),
                    children: `${request.subjectType} · ${request.subjectId}`,
                  },
                ]
              : []),
            { key: 'summary', label: t('approvals.summary'), span: 'filled', children: pick(request.summary) },
            {
              key: 'reason',
              label: t('approvals.reason'),
              span: 'filled',
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{request.reason}</span>,
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" title={t('approvals.content')}>
              <PayloadView request={request} />
            </Card>
            {(request.canApprove || request.canWithdraw) && (
              <Card variant="borderless" title={t('approvals.decision')}>
                <DecisionPanel request={request} onPassword={setPassword} onOutcome={setOutcome} />
              </Card>
            )}
            <Card variant="borderless" title={t('approvals.attachments')}>
              <AttachmentsPanel request={request} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" title={t('approvals.chain')}>
              <ApprovalStepsView steps={request.steps} />
            </Card>
            <Card variant="borderless" title={t('approvals.events')}>
              <ApprovalTimeline events={request.events} steps={request.steps} />
            </Card>
          </Space>
        </Col>
      </Row>
      <OneTimePasswordModal value={password} onClose={() => setPassword(null)} />
      <OutcomeModal value={outcome} onClose={() => setOutcome(null)} />
    </Space>
  );
}

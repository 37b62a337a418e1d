import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { accountRequestOutcome } from '../../api/accountRequests';
import {
  type ApprovalDetail,
  type ApproveResult,
  approvalsKey,
  approveApproval,
  rejectApproval,
  withdrawApproval,
} from '../../api/approvals';
import { policyKey } from '../../api/policy';
import { usersKey } from '../../api/users';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import type { OneTimePassword } from '../../components/OneTimePasswordModal';
import { useT } from '../../i18n/useT';
import type { ShownOutcome } from './OutcomeModal';
import { useApprovalMutation } from './useApprovalMutation';

/**
 * 同意 / 驳回 for the signer of the current step, 撤回 for the requester; one comment box serves all
 * three (required to reject). Refusals (SELF_APPROVAL, SAME_APPROVER, NOT_YOUR_STEP, WRONG_STATE) show
 * the server's message above the box.
 */
export function DecisionPanel({
  request,
  onPassword,
  onOutcome,
}: {
  request: ApprovalDetail;
  onPassword: (password: OneTimePassword) => void;
  onOutcome: (outcome: ShownOutcome) => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const onError = (err: Error) => {
    setError(err);
    // The request may have moved on (someone else signed): show its current state.
    queryClient.invalidateQueries({ queryKey: approvalsKey });
  };
  const done = (text: string) => {
    setComment('');
    setError(null);
    message.success(text);
  };

  const approve = useApprovalMutation((text: string) => approveApproval(request.id, text || undefined), {
    handlesErrors: true,
    onError,
    onSuccess: (result: ApproveResult) => {
      done(t(result.request.status === 'approved' ? 'approvals.approvedFinal' : 'approvals.approvedStep'));
      if (result.request.status !== 'approved') return;
      if (request.kind === 'policyChange') queryClient.invalidateQueries({ queryKey: policyKey });
      if (!result.outcome) return;
      const password = request.kind === 'accountRequest' ? accountRequestOutcome(result.outcome) : null;
      if (password) {
        queryClient.invalidateQueries({ queryKey: usersKey });
        onPassword({ username: password.username, password: password.initialPassword });
      } else {
        onOutcome({ no: request.no, kind: request.kind, outcome: result.outcome });
      }
    },
  });
  const reject = useApprovalMutation((text: string) => rejectApproval(request.id, text), {
    handlesErrors: true,
    onError,
    onSuccess: () => done(t('approvals.rejectedDone')),
  });
  const withdraw = useApprovalMutation((text: string) => withdrawApproval(request.id, text || undefined), {
    handlesErrors: true,
    onError,
    onSuccess: () => done(t('approvals.withdrawn', { no: request.no })),
  });

  const busy = approve.isPending || reject.isPending || withdraw.isPending;
  const text = comment.trim();

  const onReject = () => {
    if (!text) {
      setCommentError(t('approvals.rejectCommentRequired'));
      return;
    }
    reject.mutate(text);
  };

  if (!request.canApprove && !request.canWithdraw) return null;

  return (
    <div data-testid="approval-decision">
      <FormErrorAlert error={error} />
      <Form layout="vertical">
        <Form.Item
          label={request.canApprove ? t('approvals.comment') : t('approvals.withdrawComment')}
          validateStatus={commentError ? 'error' : undefined}
          help={commentError ?? (request.canApprove ? t('approvals.commentHint') : undefined)}
        >
          <Input.TextArea
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              if (e.target.value.trim()) setCommentError(null);
            }}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            data-testid="approval-comment"
          />
        </Form.Item>
        <Space wrap>
          {request.canApprove && (
            <>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={approve.isPending}
                disabled={busy && !approve.isPending}
                onClick={() => approve.mutate(text)}
                data-testid="approval-approve"
              >
                {t('approvals.approve')}
              </Button>
              <Button
                danger
                icon={<CloseOutlined />}
                loading={reject.isPending}
                disabled={busy && !reject.isPending}
                onClick={onReject}
                data-testid="approval-reject"
              >
                {t('approvals.reject')}
              </Button>
            </>
          )}
          {request.canWithdraw && (
            <Button
              icon={<RollbackOutlined />}
              loading={withdraw.isPending}
              disabled={busy && !withdraw.isPending}
              onClick={() => withdraw.mutate(text)}
              data-testid="approval-withdraw"
            >
              {t('approvals.withdraw')}
            </Button>
          )}
        </Space>
      </Form>
    </div>
  );
}

import { App, Button, type ButtonProps, Input, Popconfirm } from 'antd';
import { useState } from 'react';
import { type ApprovalRequest, withdrawApproval } from '../../api/approvals';
import { useT } from '../../i18n/useT';
import { settle } from '../../lib/settle';
import { useApprovalMutation } from './useApprovalMutation';

/** 撤回 from a list row, with an optional comment asked for in the confirmation. */
export function WithdrawAction({ request }: { request: Pick<ApprovalRequest, 'id' | 'no'> }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const mutation = useApprovalMutation(
    (vars: { id: string; comment?: string }) => withdrawApproval(vars.id, vars.comment),
    { onSuccess: () => message.success(t('approvals.withdrawn', { no: request.no })) },
  );
  const okButtonProps: ButtonProps & { 'data-testid': string } = {
    danger: true,
    loading: mutation.isPending,
    'data-testid': 'withdraw-confirm',
  };
  return (
    <Popconfirm
      title={t('approvals.withdrawConfirm', { no: request.no })}
      description={
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('approvals.commentOptional')}
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={2000}
          style={{ width: 260, marginTop: 8 }}
          data-testid="withdraw-comment"
        />
      }
      okText={t('approvals.withdraw')}
      okButtonProps={okButtonProps}
      onOpenChange={(open) => open && setComment('')}
      onConfirm={() => settle(mutation.mutateAsync({ id: request.id, comment: comment.trim() || undefined }))}
    >
      <Button type="link" size="small" danger data-testid={`mine-withdraw-${request.no}`}>
        {t('approvals.withdraw')}
      </Button>
    </Popconfirm>
  );
}

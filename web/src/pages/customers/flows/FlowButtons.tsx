import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { accountCasesKey, type CaseKind, createAccountCase, previewAccountCase } from '../../../api/accountCases';
import { useCan } from '../../../auth/CurrentUserContext';
import { useT } from '../../../i18n/useT';
import { notifyError } from '../../../lib/feedback';
import { formatYuan } from '../../approvals/format';
import { kindKey, openNotice } from './shared';

export interface FlowButtonsProps {
  accountId: string;
  status: 'pending' | 'active' | 'suspended' | 'closed';
  /** Called after a flow changed the account, so the 360° view refetches. */
  onChanged: () => void;
  /** When given and not residential, the change-of-name notice (CUS-9) can be printed from here. */
  customerKind?: 'residential' | 'commercial' | 'institutional';
}

/**
 * The action buttons of the 360° view that start the account-change flows (CUS-9, CUS-10, CUS-11):
 * 过户 / 报停 / 启封 / 销户 / 用气性质变更 as the account's status allows, or the unfinished case to continue.
 */
export function FlowButtons({ accountId, status, onChanged, customerKind }: FlowButtonsProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const allowed = can('customer.case');
  // The status is in the key: a flow that changed the account shows its new buttons at once.
  const preview = useQuery({
    queryKey: [...accountCasesKey, 'preview', accountId, status],
    queryFn: () => previewAccountCase(accountId),
    enabled: allowed,
  });
  if (!allowed) return null;
  const p = preview.data;

  const start = async (kind: CaseKind) => {
    try {
      const created = await createAccountCase({ kind, accountId });
      message.success(t('cases.continue', { caseNo: created.caseNo }));
      await queryClient.invalidateQueries({ queryKey: accountCasesKey });
      onChanged();
      navigate(`/customers/cases/${created.id}`);
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <Space wrap data-testid="flow-buttons">
      {p?.openCase ? (
        <Button
          type="primary"
          onClick={() => navigate(`/customers/cases/${p.openCase!.id}`)}
          data-testid="flow-continue"
        >
          {t('cases.continue', { caseNo: p.openCase.caseNo })}
        </Button>
      ) : (
        (p?.allowedKinds ?? []).map((kind) => (
          <Popconfirm
            key={kind}
            title={t('cases.startConfirm', { kind: t(kindKey(kind)) })}
            onConfirm={() => start(kind)}
          >
            <Button data-testid={`flow-${kind}`}>{t(kindKey(kind))}</Button>
          </Popconfirm>
        ))
      )}
      {p && Number(p.arrears) > 0 && (
        <Tag color="red">
          {t('cases.pre.arrears')} {formatYuan(p.arrears)}
        </Tag>
      )}
      {(customerKind ?? p?.customerKind) && (customerKind ?? p?.customerKind) !== 'residential' && (
        <Button onClick={() => openNotice('renameNotice', accountId)} data-testid="flow-renameNotice">
          {t('cases.renameNotice')}
        </Button>
      )}
    </Space>
  );
}

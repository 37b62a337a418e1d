import { Tooltip, Typography } from 'antd';
import type { SortOrder as AntSortOrder, ColumnsType } from 'antd/es/table/interface';
import { Link } from 'react-router-dom';
import type { ApprovalRequest } from '../../api/approvals';
import { useT } from '../../i18n/useT';
import { formatDateTime } from '../../lib/time';
import { ApprovalStatusTag } from './ApprovalStatusTag';
import { formatYuan, usePick } from './format';

export const approvalPath = (id: string) => `/approvals/${encodeURIComponent(id)}`;

/** The step a pending request waits at, as "label (who may sign)". */
export function useCurrentStepText() {
  const pick = usePick();
  const { lang } = useT();
  return (request: ApprovalRequest) => {
    const step = request.steps.find((s) => s.stepNo === request.currentStep);
    if (!step) return null;
    const roles = step.roleNames.map(pick).join(lang === 'zh-CN' ? '、' : ', ');
    return { label: step.label, roles };
  };
}

export function useApprovalColumns(options: {
  status?: boolean;
  requester?: boolean;
  /** The order of the 提交时间 column when the list is sorted by it on the server. */
  createdOrder?: AntSortOrder;
  /** Link the number to the detail page (lists whose rows are not clickable). */
  linkNo?: boolean;
}): ColumnsType<ApprovalRequest> {
  const { t } = useT();
  const pick = usePick();
  const currentStep = useCurrentStepText();
  const columns: ColumnsType<ApprovalRequest> = [
    {
      title: t('approvals.no'),
      dataIndex: 'no',
      key: 'no',
      render: (no: string, r) =>
        options.linkNo ? (
          <Link to={approvalPath(r.id)} data-testid={`approval-link-${no}`}>
            {no}
          </Link>
        ) : (
          <Typography.Text style={{ whiteSpace: 'nowrap' }}>{no}</Typography.Text>
        ),
    },
    { title: t('approvals.kind'), key: 'kind', render: (_, r) => pick(r.kindName) },
    {
      title: t('approvals.summary'),
      key: 'summary',
      ellipsis: { showTitle: false },
      render: (_, r) => (
        <Tooltip title={pick(r.summary)} placement="topLeft">
          {pick(r.summary)}
        </Tooltip>
      ),
    },
    {
      title: t('approvals.amount'),
      dataIndex: 'amount',
      key: 'amount',
      align: 'right',
      render: (amount: string | null) => formatYuan(amount),
    },
  ];
  if (options.requester !== false) {
    columns.push({ title: t('approvals.requestedBy'), key: 'requestedBy', render: (_, r) => r.requestedBy.fullName });
  }
  if (options.status) {
    columns.push({
      title: t('approvals.status'),
      dataIndex: 'status',
      key: 'status',
      render: (_, r) => <ApprovalStatusTag status={r.status} />,
    });
  }
  columns.push(
    {
      title: t('approvals.currentStep'),
      key: 'currentStep',
      render: (_, r) => {
        const step = currentStep(r);
        if (!step) return '—';
        return (
          <Tooltip title={step.roles || undefined}>
            <span>{step.label}</span>
          </Tooltip>
        );
      },
    },
    {
      title: t('approvals.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: options.createdOrder !== undefined,
      sortOrder: options.createdOrder,
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (value: string) => formatDateTime(value),
    },
  );
  return columns;
}

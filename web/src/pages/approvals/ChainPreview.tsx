import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton, Steps, Typography } from 'antd';
import { approvalsKey, type ChainPreviewStep, getChainPreview } from '../../api/approvals';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n/useT';
import { errorText } from '../../lib/feedback';
import { usePick } from './format';

/**
 * "Who will sign": the chain a request of this kind (and amount) would get if filed now. A refusal
 * (no chain configured, amount needed) is shown in place rather than as a pop-up.
 */
export function ChainPreview({ kind, amount }: { kind: string; amount?: string }) {
  const { t, lang } = useT();
  const pick = usePick();
  const preview = useQuery({
    queryKey: [...approvalsKey, 'chain-preview', kind, amount ?? null],
    queryFn: async () => {
      try {
        return { steps: (await getChainPreview(kind, amount)).steps, error: null };
      } catch (err) {
        if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401) {
          return { steps: [], error: err };
        }
        throw err;
      }
    },
    staleTime: 60_000,
  });

  const roleText = (step: ChainPreviewStep) => step.roleNames.map(pick).join(lang === 'zh-CN' ? '、' : ', ');

  return (
    <div data-testid="chain-preview" style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        {t('approvals.chainPreview')}
      </Typography.Text>
      {preview.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : preview.data?.error ? (
        <Alert type="warning" showIcon title={errorText(preview.data.error)} />
      ) : (
        <Steps
          size="small"
          current={-1}
          orientation={(preview.data?.steps.length ?? 0) > 3 ? 'vertical' : 'horizontal'}
          items={(preview.data?.steps ?? []).map((step) => ({
            key: step.stepNo,
            status: 'wait',
            title: step.label,
            // "总经理 / 总经理" says nothing twice: the roles show only when they differ from the label.
            content: roleText(step) === step.label ? undefined : roleText(step),
          }))}
        />
      )}
    </div>
  );
}

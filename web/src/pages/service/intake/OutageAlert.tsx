import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Typography } from 'antd';
import { outagesAffecting, outagesKey } from '../../../api/outages';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';

/** SVC-10: tells the agent at once when the caller's premise is in a current or upcoming outage. */
export function OutageAlert({ accountId }: { accountId: string }) {
  const { t } = useT();
  const outages = useQuery({
    queryKey: [...outagesKey, 'affecting', accountId],
    queryFn: () => outagesAffecting(accountId),
    staleTime: 60_000,
  });
  const items = outages.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="intake-outage-alert"
      style={{ marginBottom: 16 }}
      title={t('intake.outageAlert', { count: items.length })}
      description={
        <Space direction="vertical" size={4}>
          {items.map((o) => (
            <Typography.Text key={o.id}>
              <b>{t(`outage.phase.${o.phase}` as MessageKey)}</b> · {t(`outage.kind.${o.kind}` as MessageKey)} ·{' '}
              {o.areaText} · {formatDateTime(o.startsAt)} – {formatDateTime(o.endsAt)} · {o.reason} ·{' '}
              {t('outage.contact')} {o.contactPhone}
            </Typography.Text>
          ))}
        </Space>
      }
    />
  );
}

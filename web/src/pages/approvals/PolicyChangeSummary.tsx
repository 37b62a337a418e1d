import { useQuery } from '@tanstack/react-query';
import { Col, Row, Typography } from 'antd';
import type { ApprovalRequest } from '../../api/approvals';
import { getPolicyHistory, type PolicyChangePayload, type PolicyItem, policyKey, usePolicy } from '../../api/policy';
import { useCan } from '../../auth/CurrentUserContext';
import { useT } from '../../i18n/useT';
import { isStructured, prettyJson, usePolicyFormat } from '../system/policy/policyFormat';
import { usePick } from './format';

const pre = {
  margin: 0,
  maxHeight: 320,
  overflow: 'auto',
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
  fontSize: 12,
} as const;

export function asPolicyChange(payload: unknown): PolicyChangePayload | null {
  const p = payload as Partial<PolicyChangePayload> | null;
  if (!p || typeof p !== 'object' || typeof p.key !== 'string') return null;
  return { key: p.key, value: p.value, effectiveFrom: typeof p.effectiveFrom === 'string' ? p.effectiveFrom : '' };
}

/**
 * "参数 X：旧值 → 新值，自 YYYY-MM-DD 起生效". The payload carries only the new value; the old one is
 * the version in force on the effective date before this request, read from the history (policy.read).
 */
export function PolicyChangeSummary({ request }: { request: ApprovalRequest }) {
  const { t } = useT();
  const pick = usePick();
  const format = usePolicyFormat();
  const canRead = useCan()('policy.read');
  const change = asPolicyChange(request.payload);
  const policy = usePolicy(undefined, canRead && change !== null);
  const history = useQuery({
    queryKey: [...policyKey, 'history', change?.key],
    queryFn: () => getPolicyHistory(change?.key ?? ''),
    enabled: canRead && change !== null,
  });

  if (!change) return <Typography.Text>{pick(request.summary)}</Typography.Text>;

  const item: Pick<PolicyItem, 'key' | 'unit'> & { name?: PolicyItem['name'] } = policy.data?.items.find(
    (i) => i.key === change.key,
  ) ?? { key: change.key, unit: 'text' };
  const previous = history.data?.items.find(
    (v) => v.requestId !== request.id && (!change.effectiveFrom || v.effectiveFrom <= change.effectiveFrom),
  );
  const known = canRead && policy.data !== undefined;
  const name = item.name ? pick(item.name) : change.key;
  const oldValue = previous ? previous.value : undefined;
  const structured = known && isStructured(item.unit, change.value);

  if (!known) {
    // Without policy.read the unit and old value are unknown: the server's one-line summary says it.
    return <Typography.Text data-testid="policy-change-summary">{pick(request.summary)}</Typography.Text>;
  }

  return (
    <div data-testid="policy-change-summary">
      <Typography.Paragraph style={{ marginBottom: structured ? 8 : 0 }}>
        {structured
          ? t('approvals.policyChangeStructured', { name, key: change.key, date: change.effectiveFrom })
          : t('approvals.policyChangeLine', {
              name,
              key: change.key,
              old: oldValue === undefined ? '—' : format(item, oldValue),
              new: format(item, change.value),
              date: change.effectiveFrom,
            })}
      </Typography.Paragraph>
      {structured && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t('approvals.oldValue')}</Typography.Text>
            <pre style={pre}>{oldValue === undefined ? '—' : prettyJson(oldValue)}</pre>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t('approvals.newValue')}</Typography.Text>
            <pre style={pre}>{prettyJson(change.value)}</pre>
          </Col>
        </Row>
      )}
    </div>
  );
}

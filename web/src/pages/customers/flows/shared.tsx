import type { FormInstance } from 'antd';
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { AccountCase, CaseKind, CaseStatus, OverdueKind } from '../../../api/accountCases';
import { ApiError } from '../../../api/client';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

export const kindKey = (kind: CaseKind) => `cases.kind.${kind}` as MessageKey;
export const statusKey = (status: CaseStatus) => `cases.status.${status}` as MessageKey;
export const overdueKey = (overdue: OverdueKind) => `cases.overdue.${overdue}` as MessageKey;

const STATUS_COLOR: Record<CaseStatus, string> = {
  open: 'processing',
  pendingApproval: 'gold',
  completed: 'success',
  cancelled: 'default',
  refused: 'error',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="case-status">
      {t(statusKey(status))}
    </Tag>
  );
}

export function OverdueTag({ overdue }: { overdue: OverdueKind | null }) {
  const { t } = useT();
  return overdue ? <Tag color="red">{t(overdueKey(overdue))}</Tag> : null;
}

/**
 * Puts the server's field errors on the form fields they name, however deep
 * (`details.newOwner.customer.name`). A path is set with each of its prefixes, so an error about a group
 * (`details.siteCheck`) shows on the group's item; prefixes that name no field are ignored by antd.
 */
export function applyCaseFieldErrors(form: FormInstance, err: unknown): void {
  if (!(err instanceof ApiError)) return;
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of err.details?.fields ?? []) {
    const parts = f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    for (let n = parts.length; n > 0; n--) {
      const name = parts.slice(0, n);
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(f.message);
      byField.set(key, entry);
    }
  }
  if (byField.size) form.setFields([...byField.values()]);
}

/** The case's handling time, ticking while it is open (CUS-9: on-site ≤ the policy's minutes). */
export function Elapsed({ c }: { c: AccountCase }) {
  const { t } = useT();
  const running = c.status === 'open' || c.status === 'pendingApproval';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const seconds = running ? Math.max(0, Math.floor((now - new Date(c.startedAt).getTime()) / 1000)) : c.elapsedSeconds;
  const over = c.timeLimitMinutes !== null && seconds > c.timeLimitMinutes * 60;
  return (
    <span data-testid="case-elapsed">
      {t('cases.elapsedValue', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })}
      {c.timeLimitMinutes !== null && (
        <span style={{ marginLeft: 8 }}>（{t('cases.limit', { minutes: c.timeLimitMinutes })}）</span>
      )}
      {over && (
        <Tag color="red" style={{ marginLeft: 8 }}>
          {t('cases.overrun')}
        </Tag>
      )}
    </span>
  );
}

/** Opens a case's form (or the change-of-name notice of an account) as a page to print. */
export function openNotice(code: string, subjectId: string): void {
  window.open(
    `/api/print/notices/${encodeURIComponent(code)}/html?subjectId=${encodeURIComponent(subjectId)}`,
    '_blank',
    'noopener',
  );
}

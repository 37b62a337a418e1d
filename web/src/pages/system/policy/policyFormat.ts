import type { PolicyItem, PolicyUnit } from '../../../api/policy';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatYuan } from '../../approvals/format';

/** Rule areas in the order of the requirements catalogue; the key's prefix before the first dot. */
export const POLICY_AREAS = [
  'iam',
  'approvals',
  'calendar',
  'cus',
  'svc',
  'mtr',
  'bil',
  'pay',
  'col',
  'ins',
  'cmp',
  'bof',
  'wtr',
] as const;
export type PolicyArea = (typeof POLICY_AREAS)[number];

export const areaLabel: Record<PolicyArea, MessageKey> = {
  iam: 'policyArea.iam',
  approvals: 'policyArea.approvals',
  calendar: 'policyArea.calendar',
  cus: 'policyArea.cus',
  svc: 'policyArea.svc',
  mtr: 'policyArea.mtr',
  bil: 'policyArea.bil',
  pay: 'policyArea.pay',
  col: 'policyArea.col',
  ins: 'policyArea.ins',
  cmp: 'policyArea.cmp',
  bof: 'policyArea.bof',
  wtr: 'policyArea.wtr',
};

export const areaOf = (key: string) => key.split('.')[0] ?? key;

export function isKnownArea(area: string): area is PolicyArea {
  return (POLICY_AREAS as readonly string[]).includes(area);
}

/** Unit words shown next to an editor, e.g. 分钟 / 个工作日. */
export const unitWord: Partial<Record<PolicyUnit, MessageKey>> = {
  minutes: 'policyUnit.minutes',
  hours: 'policyUnit.hours',
  days: 'policyUnit.days',
  workingDays: 'policyUnit.workingDays',
  months: 'policyUnit.months',
  yuan: 'policyUnit.yuan',
  dayOfMonth: 'policyUnit.dayOfMonth',
  percent: 'policyUnit.percent',
  seconds: 'policyUnit.seconds',
};

const unitFormat: Partial<Record<PolicyUnit, MessageKey>> = {
  minutes: 'policyFmt.minutes',
  hours: 'policyFmt.hours',
  days: 'policyFmt.days',
  workingDays: 'policyFmt.workingDays',
  months: 'policyFmt.months',
  count: 'policyFmt.count',
  dayOfMonth: 'policyFmt.dayOfMonth',
  percent: 'policyFmt.percent',
  seconds: 'policyFmt.seconds',
};

/** '0.003' → '0.3' (a rate as a percentage), by moving the decimal point: no floating point. */
export function rateToPercent(rate: string): string | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  const padded = fraction.padEnd(2, '0');
  const integer = `${whole}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2).replace(/0+$/, '');
  return rest ? `${integer}.${rest}` : integer;
}

/** A rate that applies per day (a late fee), shown as '0.3% / 天'. */
const isDailyRate = (key: string) => /daily/i.test(key);

export function compactJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Whether a value is shown as JSON (and edited as JSON) rather than as a formatted number. */
export function isStructured(unit: PolicyUnit, value: unknown): boolean {
  return (
    unit === 'table' || (typeof value === 'object' && value !== null) || (unit === 'text' && typeof value !== 'string')
  );
}

/** Formats a policy value by its unit: '3 个工作日', '0.3% / 天', '¥300.00', compact JSON for tables. */
export function usePolicyFormat() {
  const { t } = useT();
  return (item: Pick<PolicyItem, 'key' | 'unit'>, value: unknown): string => {
    if (value === null || value === undefined) return '—';
    if (isStructured(item.unit, value)) return compactJson(value);
    if (item.unit === 'text') return String(value);
    if (item.unit === 'yuan') return formatYuan(String(value));
    if (item.unit === 'rate') {
      const percent = rateToPercent(String(value));
      if (percent === null) return String(value);
      return t(isDailyRate(item.key) ? 'policyFmt.ratePerDay' : 'policyFmt.rate', { v: percent });
    }
    const key = unitFormat[item.unit];
    return key ? t(key, { n: String(value) }) : String(value);
  };
}

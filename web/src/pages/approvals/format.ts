import dayjs, { type Dayjs } from 'dayjs';
import type { Bilingual } from '../../api/approvals';
import { useT } from '../../i18n/useT';
import { BUSINESS_TZ } from '../../lib/time';

/** Picks the server's text in the UI language (English falls back to Chinese when empty). */
export function usePick(): (text: Bilingual | null | undefined) => string {
  const { lang } = useT();
  return (text) => (text ? (lang === 'zh-CN' ? text.zh : text.en || text.zh) : '');
}

/** Today's date in business time (Asia/Shanghai), as a local calendar date for pickers. */
export function businessToday(): Dayjs {
  return dayjs(dayjs().tz(BUSINESS_TZ).format('YYYY-MM-DD'), 'YYYY-MM-DD');
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** '1234.5' → '¥1,234.50' without going through floating point; null → '—'. */
export function formatYuan(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const match = DECIMAL.exec(String(amount).trim());
  if (!match) return String(amount);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${fraction.padEnd(2, '0')}`;
}

/** Sums decimal strings exactly (in fen). */
export function sumYuan(amounts: string[]): string {
  let fen = 0n;
  for (const amount of amounts) {
    const match = DECIMAL.exec(amount.trim());
    if (!match) continue;
    const [, sign, whole = '0', fraction = ''] = match;
    const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
    fen += sign ? -value : value;
  }
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

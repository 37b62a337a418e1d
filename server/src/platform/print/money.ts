import { Decimal } from 'decimal.js';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿'];
// 万亿 and above never appear on a gas bill; refusing them keeps the grouping rules simple.
const LIMIT = new Decimal('1e12');

/**
 * An amount in Chinese capitals (大写金额) as the People's Bank's rules for bills and vouchers
 * write it: 1001.05 → 壹仟零壹元零伍分, 10000 → 壹万元整, 0.50 → 伍角, 16409.02 → 壹万陆仟肆佰零玖元零贰分.
 * Rounded half-up to the fen first.
 */
export function toChineseCapitals(amount: Decimal.Value): string {
  const value = new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (value.abs().gte(LIMIT)) throw new RangeError(`${value.toFixed(2)} is too large for Chinese capitals`);
  const sign = value.isNegative() && !value.isZero() ? '负' : '';
  const [integerPart, fraction] = value.abs().toFixed(2).split('.') as [string, string];
  const jiao = Number(fraction[0]);
  const fen = Number(fraction[1]);
  const yuan = integerWords(integerPart);

  if (!yuan && !jiao && !fen) return '零元整';
  let out = yuan ? `${yuan}元` : '';
  if (!jiao && !fen) return `${sign}${out}整`;
  if (jiao) out += `${DIGITS[jiao]}角`;
  // A zero jiao between yuan and fen is written: 壹元零伍分.
  else if (yuan) out += '零';
  if (fen) out += `${DIGITS[fen]}分`;
  return sign + out;
}

/** The yuan part: a 零 stands for any run of zeros between two digits, 万 and 亿 close their groups. */
function integerWords(digits: string): string {
  let out = '';
  let pendingZero = false;
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    const d = Number(digits[i]);
    const pos = n - 1 - i;
    if (d === 0) {
      if (out) pendingZero = true;
    } else {
      if (pendingZero) out += '零';
      pendingZero = false;
      out += `${DIGITS[d]}${UNITS[pos % 4]}`;
    }
    const group = Math.floor(pos / 4);
    if (pos % 4 === 0 && group > 0 && /[1-9]/.test(digits.slice(Math.max(0, i - 3), i + 1))) {
      out += GROUPS[group];
    }
  }
  return out;
}

/** 1234567.5 → 1,234,567.50 */
export function formatMoney(amount: Decimal.Value): string {
  const value = new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const [int, frac] = value.abs().toFixed(2).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value.isNegative() && !value.isZero() ? '-' : ''}${grouped}.${frac}`;
}

import type { FormInstance, FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ApplicationMode, MeterType, PaymentMethod } from '../../../api/openings';
import type { MessageKey, Vars } from '../../../i18n/translate';

/**
 * CUS-7 (001 §1.2.1.17) as the clerk types: the same rules the server applies on save, so most
 * mistakes show next to their field at once. The server stays the judge; its field errors land on
 * the same fields.
 */
type T = (key: MessageKey, vars?: Vars) => string;
type NamePath = (string | number)[];
// biome-ignore lint/suspicious/noExplicitAny: the opening form's values are read by path
type Form = FormInstance<any>;

export const METERED: MeterType[] = ['diaphragm', 'remoteRead', 'iot'];
export const BANK_FIELDS = ['bankName', 'bankAccountNo', 'bankAccountHolder'] as const;

const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const fail = (message: string) => Promise.reject(new Error(message));

/** ⑴ IC card ⇒ top-up; metered ⇒ not top-up. */
export function paymentRule(t: T): FormRule {
  return ({ getFieldValue }) => ({
    validator(_, value: PaymentMethod | undefined) {
      const meter: MeterType | undefined = getFieldValue('meterType');
      if (!value || !meter) return Promise.resolve();
      if (meter === 'icCard' && value !== 'icTopUp') return fail(t('opening.rule.icCardTopUp'));
      if (METERED.includes(meter) && value === 'icTopUp') return fail(t('opening.rule.meteredNotTopUp'));
      return Promise.resolve();
    },
  });
}

/**
 * ⑷ ⑸ ⑹ for one of the three bank fields of an account (`base` is `['account']` or
 * `['households', i]`): all or none; required for a metered account paid by bank debit; empty otherwise.
 */
export function bankRule(t: T, base: NamePath, field: (typeof BANK_FIELDS)[number]): FormRule {
  return ({ getFieldValue }) => ({
    validator(_, value: string | undefined) {
      const method: PaymentMethod | undefined = getFieldValue(['account', 'paymentMethod']);
      const meter: MeterType | undefined = getFieldValue('meterType');
      const others = BANK_FIELDS.filter((f) => f !== field).map((f) => getFieldValue([...base, f]));
      if (method === 'bankDebit') {
        const any = filled(value) || others.some(filled);
        if (!any && meter && METERED.includes(meter)) return fail(t('opening.rule.bankDebitNeedsBank'));
        if (any && !filled(value)) return fail(t('opening.rule.bankAllOrNone'));
      } else if (method && filled(value)) {
        return fail(t('opening.rule.bankOnlyForDebit'));
      }
      return Promise.resolve();
    },
  });
}

/** ⑺ an SMS number needs its carrier. */
export function smsCarrierRule(t: T, base: NamePath): FormRule {
  return ({ getFieldValue }) => ({
    validator(_, value: string | undefined) {
      if (filled(getFieldValue([...base, 'smsMobile'])) && !value) return fail(t('opening.rule.smsNeedsCarrier'));
      return Promise.resolve();
    },
  });
}

/** ⑻ ⑼ the invoice date: not after the application date; a collective one is the fee invoice's, not today. */
export function invoiceDateRule(t: T, today: string, lostDate: string): FormRule {
  return ({ getFieldValue }) => ({
    validator(_, value: Dayjs | null | undefined) {
      if (!value) return Promise.resolve();
      const invoice = value.format('YYYY-MM-DD');
      const applied: Dayjs | undefined = getFieldValue('applicationDate');
      if (applied && invoice > applied.format('YYYY-MM-DD')) return fail(t('opening.rule.invoiceAfterApplication'));
      if (getFieldValue('feeInvoiceLost')) {
        if (invoice !== lostDate) return fail(t('opening.rule.lostInvoiceDate', { date: lostDate }));
      } else if ((getFieldValue('mode') as ApplicationMode) === 'collective' && invoice === today) {
        return fail(t('opening.rule.collectiveInvoiceDate'));
      }
      return Promise.resolve();
    },
  });
}

export function notInFutureRule(t: T, today: string): FormRule {
  return {
    validator(_, value: Dayjs | null | undefined) {
      if (value && value.format('YYYY-MM-DD') > today) return fail(t('opening.rule.applicationInFuture'));
      return Promise.resolve();
    },
  };
}

/** ⑵ no spaces in a name; 用户 when unknown. */
export function nameRule(t: T): FormRule {
  return {
    validator(_, value: string | undefined) {
      if (value && /\s/.test(value.trim())) return fail(t('opening.rule.nameHasSpaces'));
      return Promise.resolve();
    },
  };
}

/** GB 11643: 17 digits and a check character. */
export function isResidentId(no: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(no)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(no[i]), 0);
  return '10X98765432'[sum % 11] === no[17]?.toUpperCase();
}

export function residentIdRule(t: T, form: Form): FormRule {
  return {
    validator(_, value: string | undefined) {
      if (
        form.getFieldValue(['applicant', 'idType']) === 'residentId' &&
        filled(value) &&
        !isResidentId(value!.trim())
      ) {
        return fail(t('opening.rule.badResidentId'));
      }
      return Promise.resolve();
    },
  };
}

export const patterns = {
  mobile: /^1\d{10}$/,
  phone: /^[0-9-]{7,20}$/,
  accountNo: /^\d{6,18}$/,
  bankAccountNo: /^\d{8,30}$/,
  idNo: /^[0-9A-Za-z]{4,32}$/,
  taxNo: /^[0-9A-Z]{15,20}$/,
  kw: /^\d{1,6}(\.\d{1,2})?$/,
};

export function patternRule(pattern: RegExp, message: string): FormRule {
  return { pattern, message };
}

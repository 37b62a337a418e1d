import type { FormRule } from 'antd';
import type { MessageKey, Vars } from '../i18n/translate';

type T = (key: MessageKey, vars?: Vars) => string;

export const PHONE_PATTERN = /^1\d{10}$/;
export const PASSWORD_MIN = 8;

export const rules = {
  required: (t: T, field: MessageKey): FormRule => ({
    required: true,
    whitespace: true,
    message: t('validation.required', { field: t(field) }),
  }),
  requiredSelect: (t: T, field: MessageKey): FormRule => ({
    required: true,
    message: t('validation.select', { field: t(field) }),
  }),
  usernameLength: (t: T): FormRule => ({ min: 3, max: 32, message: t('validation.usernameLength') }),
  usernameChars: (t: T): FormRule => ({
    pattern: /^[A-Za-z0-9._-]*$/,
    message: t('validation.usernameChars'),
  }),
  phone: (t: T): FormRule => ({ pattern: PHONE_PATTERN, message: t('validation.phone') }),
  email: (t: T): FormRule => ({ type: 'email', message: t('validation.email') }),
  passwordMin: (t: T): FormRule => ({
    min: PASSWORD_MIN,
    message: t('validation.passwordMin', { min: PASSWORD_MIN }),
  }),
};

/** Optional text fields: empty strings become undefined so the server sees "not given". */
export function blankToUndefined(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** For PATCH: empty clears the value on the server. */
export function blankToNull(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

import { en } from './en';
import { getLang, type Lang } from './lang';
import { type MessageKey, zhCN } from './zh-CN';

export type { MessageKey };
export type Vars = Record<string, string | number>;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** For dynamic keys (e.g. permission modules from the server) that may be unknown. */
export function hasMessage(key: string): key is MessageKey {
  return key in zhCN;
}

/** Translation outside React, in the language currently chosen. */
export function tNow(key: MessageKey, vars?: Vars): string {
  return translate(getLang(), key, vars);
}

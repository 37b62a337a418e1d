import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { getLang, type Lang, storeLang } from './lang';
import { type MessageKey, translate, type Vars } from './translate';

export interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Picks the name in the UI language from a server object carrying both. */
  name: (named: { nameZh: string; nameEn: string }) => string;
}

export const I18nContext = createContext<I18nValue | null>(null);

function applyLang(lang: Lang): void {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
  document.title = translate(lang, 'app.title');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = getLang();
    applyLang(initial); // before the first render, so dates format in the right locale at once
    return initial;
  });

  useEffect(() => applyLang(lang), [lang]);

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      name: (named) => (lang === 'zh-CN' ? named.nameZh : named.nameEn || named.nameZh),
    }),
    [lang, setLang],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

import { Segmented } from 'antd';
import type { Lang } from '../i18n/lang';
import { useT } from '../i18n/useT';

const options: { label: string; value: Lang }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en' },
];

export function LangSwitch() {
  const { lang, setLang, t } = useT();
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      aria-label={t('layout.language')}
      size="small"
      options={options}
      value={lang}
      onChange={setLang}
    />
  );
}

import { useMessageKinds } from '../../../api/notify';
import { useT } from '../../../i18n/useT';

/** A message kind's name in the UI language; its code while the kinds load (or for a retired kind). */
export function useKindName(): (code: string) => string {
  const { lang } = useT();
  const kinds = useMessageKinds();
  return (code) => {
    const kind = kinds.data?.find((k) => k.code === code);
    return kind ? (lang === 'en' ? kind.name.en : kind.name.zh) : code;
  };
}

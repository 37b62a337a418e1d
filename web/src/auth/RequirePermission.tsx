import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT';
import { useCan } from './CurrentUserContext';

export function RequirePermission({ anyOf, children }: { anyOf: string[]; children: ReactNode }) {
  const { t } = useT();
  const can = useCan();
  if (anyOf.length > 0 && !can(...anyOf)) {
    return <Result status="403" title="403" subTitle={t('error.noPermission')} />;
  }
  return children;
}

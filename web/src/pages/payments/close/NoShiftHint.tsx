import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { cashOfficeKey, myShifts } from '../../../api/cashOffice';
import { useCan } from '../../../auth/CurrentUserContext';
import { useT } from '../../../i18n/useT';

/** PAY-2: the desk reminds a cashier without an open shift (payments are still taken). */
export function NoShiftHint() {
  const { t } = useT();
  const can = useCan();
  const own = can('cash.shift.own');
  const mine = useQuery({ queryKey: [...cashOfficeKey, 'mine'], queryFn: myShifts, enabled: own });
  if (!own || !mine.data || mine.data.current) return null;
  return <Alert type="info" showIcon title={t('cash.desk.noShift')} data-testid="desk-no-shift" />;
}

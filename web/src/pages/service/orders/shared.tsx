import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useOrgUnits } from '../../../api/org';
import type { OrgUnit } from '../../../api/types';
import {
  type Bilingual,
  listCentreWorkers,
  listWorkOrderTypes,
  type WorkOrderEvent,
  type WorkOrderStatus,
  workOrdersKey,
} from '../../../api/workOrders';
import { useCurrentUser } from '../../../auth/CurrentUserContext';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

export const STATUSES: WorkOrderStatus[] = [
  'created',
  'dispatched',
  'appointed',
  'arrived',
  'completed',
  'notCompleted',
  'closed',
  'cancelled',
];
export const OPEN_STATUSES: WorkOrderStatus[] = ['created', 'dispatched', 'appointed', 'arrived', 'notCompleted'];

export const statusKey = (s: string) => `wo.status.${s}` as MessageKey;

/** A name the server gives in both languages, in the UI's. */
export function useBilingual(): (text: Bilingual | null | undefined) => string {
  const { lang } = useT();
  return (text) => (text ? (lang === 'en' ? text.en : text.zh) : '');
}

export function useWorkOrderTypes() {
  return useQuery({
    queryKey: [...workOrdersKey, 'types'],
    queryFn: listWorkOrderTypes,
    select: (d) => d.items,
    staleTime: 5 * 60_000,
  });
}

export function useCentreWorkers(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: [...workOrdersKey, 'workers', orgUnitId],
    queryFn: () => listCentreWorkers(orgUnitId!),
    enabled: !!orgUnitId,
  });
}

/** The nearest centre (kind `unit`) at or above a unit: where a team's people dispatch from. */
export function centreOf(units: OrgUnit[], unitId: string | null | undefined): string | undefined {
  const byId = new Map(units.map((u) => [u.id, u]));
  let at = unitId ? byId.get(unitId) : undefined;
  while (at && at.kind !== 'unit') at = at.parentId ? byId.get(at.parentId) : undefined;
  return at?.id;
}

/** The signed-in user's centre, once the organisation has loaded. */
export function useMyCentre(): { centreId: string | undefined; loading: boolean } {
  const user = useCurrentUser();
  const units = useOrgUnits();
  const centreId = useMemo(() => centreOf(units.data ?? [], user.orgUnit?.id), [units.data, user.orgUnit?.id]);
  return { centreId, loading: units.isPending };
}

/** One line for an event of the order's timeline. */
export function useEventText(): (e: WorkOrderEvent, teamName: (id: string | null) => string) => string {
  const { t } = useT();
  const status = (s: string | null) => (s ? t(statusKey(s)) : '—');
  const person = (name: string | null, team: string) => [team, name].filter(Boolean).join(' · ') || t('wo.nobody');
  return (e, teamName) => {
    switch (e.kind) {
      case 'created':
        return t('wo.event.created');
      case 'assigned':
        return t('wo.event.assigned', { to: person(e.toUserName, teamName(e.toTeamId)) });
      case 'reassigned':
        return t('wo.event.reassigned', {
          from: person(e.fromUserName, teamName(e.fromTeamId)),
          to: person(e.toUserName, teamName(e.toTeamId)),
        });
      case 'taken':
        return t('wo.event.taken', { to: person(e.toUserName, teamName(e.toTeamId)) });
      case 'status':
        return t('wo.event.status', { from: status(e.fromStatus), to: status(e.toStatus) });
      case 'paused':
        return t('wo.event.paused');
      case 'resumed':
        return t('wo.event.resumed');
      case 'warned':
        return t('wo.event.warned', { to: e.toUserName ?? t('wo.nobodyFound') });
      case 'escalated':
        return t('wo.event.escalated', { to: e.toUserName ?? t('wo.nobodyFound') });
      default:
        return e.kind;
    }
  };
}

import { useQuery } from '@tanstack/react-query';
import { Descriptions, Tag } from 'antd';
import type { AccountRequestPayload } from '../../../api/accountRequests';
import { listOrgUnits, orgUnitsKey } from '../../../api/org';
import { listRoles, rolesKey } from '../../../api/roles';
import { useCan } from '../../../auth/CurrentUserContext';
import { useT } from '../../../i18n/useT';

/** Reads the payload of an `accountRequest` approval defensively: old or foreign payloads may lack fields. */
export function asAccountRequestPayload(payload: unknown): AccountRequestPayload {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Partial<AccountRequestPayload>;
  return {
    fullName: typeof p.fullName === 'string' ? p.fullName : '',
    username: typeof p.username === 'string' ? p.username : '',
    employeeNo: typeof p.employeeNo === 'string' ? p.employeeNo : undefined,
    orgUnitId: typeof p.orgUnitId === 'string' ? p.orgUnitId : undefined,
    roleIds: Array.isArray(p.roleIds) ? p.roleIds.filter((id): id is string => typeof id === 'string') : [],
  };
}

/**
 * Role and org-unit names for ids in payloads; fetched only when the user may read them (an
 * approver without iam.role.read sees the number of roles instead).
 */
export function useAccountRequestLookups() {
  const { name } = useT();
  const can = useCan();
  const roles = useQuery({ queryKey: rolesKey, queryFn: listRoles, enabled: can('iam.role.read') });
  const units = useQuery({
    queryKey: orgUnitsKey,
    queryFn: listOrgUnits,
    enabled: can('org.read'),
    staleTime: 5 * 60_000,
  });
  const roleById = new Map((roles.data?.items ?? []).map((role) => [role.id, role]));
  const unitById = new Map((units.data?.items ?? []).map((unit) => [unit.id, unit]));
  return {
    roleNames: (ids: string[]) => ids.map((id) => (roleById.has(id) ? name(roleById.get(id)!) : null)),
    unitName: (id: string | undefined) => (id ? (unitById.get(id)?.name ?? null) : null),
  };
}

export function RoleNameTags({ roleIds }: { roleIds: string[] }) {
  const { t } = useT();
  const { roleNames } = useAccountRequestLookups();
  const names = roleNames(roleIds);
  if (names.some((n) => n === null)) return <span>{t('accountRequests.roleCount', { count: roleIds.length })}</span>;
  return (
    <>
      {names.map((n) => (
        <Tag key={n} color="blue" style={{ marginBottom: 4 }}>
          {n}
        </Tag>
      ))}
    </>
  );
}

/** The requested account, as the approver sees it on the approval detail page. */
export function AccountRequestPayloadView({ payload }: { payload: unknown }) {
  const { t } = useT();
  const { unitName } = useAccountRequestLookups();
  const p = asAccountRequestPayload(payload);
  return (
    <div data-testid="account-request-payload">
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'fullName', label: t('user.fullName'), children: p.fullName || '—' },
          { key: 'username', label: t('user.username'), children: p.username || '—' },
          { key: 'employeeNo', label: t('user.employeeNo'), children: p.employeeNo ?? '—' },
          { key: 'orgUnit', label: t('user.orgUnit'), children: unitName(p.orgUnitId) ?? p.orgUnitId ?? '—' },
          { key: 'roles', label: t('user.roles'), span: 2, children: <RoleNameTags roleIds={p.roleIds} /> },
        ]}
      />
    </div>
  );
}

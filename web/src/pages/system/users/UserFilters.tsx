import { Input, Select, Space } from 'antd';
import type { UserStatus } from '../../../api/types';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import { RoleSelect } from '../../../components/RoleSelect';
import { useT } from '../../../i18n/useT';

export interface UserFilterValues {
  q?: string;
  status?: UserStatus;
  roleId?: string;
  orgUnitId?: string;
}

export function UserFilters({
  value,
  onChange,
}: {
  value: UserFilterValues;
  onChange: (next: UserFilterValues) => void;
}) {
  const { t } = useT();
  const set = (patch: UserFilterValues) => onChange({ ...value, ...patch });
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={t('users.searchPlaceholder')}
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 240 }}
        data-testid="users-search"
      />
      <Select<UserStatus>
        allowClear
        placeholder={t('user.status')}
        value={value.status}
        onChange={(status) => set({ status })}
        options={[
          { value: 'active', label: t('status.active') },
          { value: 'disabled', label: t('status.disabled') },
        ]}
        style={{ width: 120 }}
        data-testid="users-filter-status"
      />
      <RoleSelect
        placeholder={t('user.roles')}
        value={value.roleId}
        onChange={(roleId) => set({ roleId: roleId as string | undefined })}
        style={{ width: 180 }}
        data-testid="users-filter-role"
      />
      <OrgUnitTreeSelect
        placeholder={t('user.orgUnit')}
        value={value.orgUnitId}
        onChange={(orgUnitId) => set({ orgUnitId })}
        style={{ width: 220 }}
        data-testid="users-filter-org"
      />
    </Space>
  );
}

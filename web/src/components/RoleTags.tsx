import { Tag } from 'antd';
import type { RoleRef } from '../api/types';
import { useT } from '../i18n/useT';

export function RoleTags({ roles }: { roles: RoleRef[] }) {
  const { name } = useT();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role.id} color="blue" style={{ marginBottom: 4 }}>
          {name(role)}
        </Tag>
      ))}
    </>
  );
}

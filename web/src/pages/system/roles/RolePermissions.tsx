import { Descriptions, Tag } from 'antd';
import type { Permission, Role } from '../../../api/types';
import { hasMessage } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

/** A role's permissions grouped by module, by their names in the UI language. */
export function RolePermissions({ role, catalogue }: { role: Role; catalogue: Permission[] }) {
  const { t, name } = useT();
  const byCode = new Map(catalogue.map((p) => [p.code, p]));
  const groups = new Map<string, { code: string; label: string }[]>();
  for (const code of role.permissions) {
    const permission = byCode.get(code);
    const module = permission?.module ?? code.split('.')[0] ?? '';
    const list = groups.get(module) ?? [];
    list.push({ code, label: permission ? name(permission) : code });
    groups.set(module, list);
  }
  if (groups.size === 0) return <span>{t('roles.noPermissions')}</span>;

  const moduleLabel = (module: string) => {
    const key = `module.${module}`;
    return hasMessage(key) ? t(key) : module;
  };

  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[...groups].map(([module, permissions]) => ({
        key: module,
        label: moduleLabel(module),
        children: permissions.map((p) => (
          <Tag key={p.code} title={p.code} style={{ marginBottom: 4 }}>
            {p.label}
          </Tag>
        )),
      }))}
    />
  );
}

import { Select, type SelectProps } from 'antd';
import { useRoles } from '../api/roles';
import { useT } from '../i18n/useT';

type Props = Omit<SelectProps<string | string[]>, 'options' | 'loading'>;

/** Roles of the company by their name in the UI language; the value is the role id. */
export function RoleSelect(props: Props) {
  const { name } = useT();
  const roles = useRoles();
  const options = (roles.data ?? []).map((role) => ({ value: role.id, label: name(role) }));
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      {...props}
      loading={roles.isPending}
      options={options}
    />
  );
}

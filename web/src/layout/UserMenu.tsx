import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { useT } from '../i18n/useT';
import { changePasswordPage } from '../navigation';
import { useLogout } from './useLogout';

export function UserMenu() {
  const { t } = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();

  const items: MenuProps['items'] = [
    {
      key: 'change-password',
      icon: <KeyOutlined />,
      label: <span data-testid="menu-change-password">{t('layout.changePassword')}</span>,
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="menu-logout">{t('layout.logout')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'change-password') navigate(changePasswordPage.path);
    if (key === 'logout') logout.mutate();
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button type="text" data-testid="user-menu" icon={<UserOutlined />}>
        {user.fullName || user.username} <DownOutlined />
      </Button>
    </Dropdown>
  );
}

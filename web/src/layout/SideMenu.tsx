import {
  AccountBookOutlined,
  CustomerServiceOutlined,
  HomeOutlined,
  SettingOutlined,
  TeamOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useCan } from '../auth/CurrentUserContext';
import { useT } from '../i18n/useT';
import { homePage, modules } from '../navigation';

const moduleIcons: Record<string, ReactNode> = {
  customers: <TeamOutlined />,
  service: <CustomerServiceOutlined />,
  billing: <AccountBookOutlined />,
  payments: <WalletOutlined />,
  system: <SettingOutlined />,
};

export function SideMenu() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const items: MenuProps['items'] = [
    { key: homePage.path, icon: <HomeOutlined />, label: t(homePage.labelKey) },
    ...modules
      .map((module) => ({
        key: module.key,
        icon: moduleIcons[module.key],
        label: t(module.labelKey),
        children: module.pages
          .filter((page) => !page.hidden && (page.anyOf.length === 0 || can(...page.anyOf)))
          .map((page) => ({
            key: page.path,
            label: <span data-testid={`menu-${page.path.split('/').pop()}`}>{t(page.labelKey)}</span>,
          })),
      }))
      .filter((module) => module.children.length > 0),
  ];

  const selected = [...modules.flatMap((m) => m.pages), homePage]
    .filter((page) => page.path === pathname || (page.path !== '/' && pathname.startsWith(`${page.path}/`)))
    .map((page) => page.path);

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      defaultOpenKeys={modules.map((m) => m.key)}
      onClick={({ key }) => navigate(key)}
      style={{ borderInlineEnd: 0 }}
    />
  );
}

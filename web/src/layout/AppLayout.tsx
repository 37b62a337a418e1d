import { Layout, Space, Spin, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router-dom';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { useT } from '../i18n/useT';
import { LangSwitch } from './LangSwitch';
import { SideMenu } from './SideMenu';
import { UserMenu } from './UserMenu';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useT();
  const user = useCurrentUser();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  // On a phone (the technician's view, 390 px wide) the menu folds away entirely behind its trigger.
  const [narrow, setNarrow] = useState(false);
  // While a password change is due, no other page is reachable, so no menu either.
  const showMenu = !user.mustChangePassword;

  return (
    <Layout style={{ minHeight: '100%' }}>
      {showMenu && (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="md"
          onBreakpoint={setNarrow}
          collapsedWidth={narrow ? 0 : 80}
          zeroWidthTriggerStyle={{ top: 12 }}
          width={220}
          // Stays in view while the page scrolls; a menu taller than the window scrolls on its own,
          // above the collapse trigger instead of under it.
          style={{
            background: token.colorBgContainer,
            position: 'sticky',
            top: 0,
            height: '100vh',
            // Folded to nothing on a phone, the menu's trigger hangs outside the sider and must not be clipped.
            overflow: narrow && collapsed ? 'visible' : 'auto',
            zIndex: 10,
          }}
        >
          <div style={{ padding: '16px', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>
            {t(collapsed ? 'app.shortName' : 'app.name')}
          </div>
          <SideMenu />
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: narrow ? '0 12px 0 52px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Text strong data-testid="company-name">
            {user.company.name}
          </Typography.Text>
          <Space size="middle">
            <LangSwitch />
            <UserMenu />
          </Space>
        </Header>
        <Content style={{ margin: narrow ? 8 : 24 }}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

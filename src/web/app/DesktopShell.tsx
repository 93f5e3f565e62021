import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { useSession } from '../lib/session';
import { activeKey, visibleMenu } from './menu';
import { groupMenu } from './menu-groups';

/** Desktop: side menu with every entry of the role, the user menu top right. */
export default function DesktopShell() {
  const session = useSession();
  const { pathname } = useLocation();
  const menu = visibleMenu(session);
  const current = activeKey(pathname, menu.map((m) => m.key));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={208}
        theme="light"
        breakpoint="lg"
        collapsedWidth={64}
        // the menu keeps its place and scrolls on its own when the page is long or the menu taller than the window
        style={{ borderRight: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', overflowY: 'auto' }}
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: 20 }}>
          <strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
            职责 CRM
          </strong>
        </div>
        <nav aria-label="主导航">
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={groupMenu(menu).map((g) => ({
              type: 'group' as const,
              key: `group-${g.title}`,
              label: g.title,
              children: g.entries.map((m) => ({ key: m.key, icon: m.icon, label: <Link to={m.path}>{m.label}{m.extra}</Link> })),
            }))}
            style={{ borderInlineEnd: 0, paddingBottom: 16 }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', paddingInline: 24, display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }}>
          <Link to="/me" data-testid="user-menu" style={{ marginInlineEnd: 8, color: 'rgba(0,0,0,0.88)' }}>
            {session.me.user.displayName}（{session.me.user.roleName}）
          </Link>
          <Button type="text" icon={<LogoutOutlined />} onClick={() => void session.signOut()}>
            退出登录
          </Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}


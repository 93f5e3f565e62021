import { LogoutOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { useIsPhone } from '../lib/responsive';
import { useSession } from '../lib/session';
import { ME_ENTRY, PHONE_BAR_KEYS, visibleMenu } from './menu';

function activeKey(pathname: string, keys: string[]): string | undefined {
  const first = pathname.split('/')[1] ?? '';
  return keys.find((k) => k === first);
}

function PhoneShell() {
  const session = useSession();
  const { pathname } = useLocation();
  const menu = visibleMenu(session);
  const bar = [...menu.filter((m) => PHONE_BAR_KEYS.includes(m.key)), ME_ENTRY];
  const current = activeKey(pathname, bar.map((b) => b.key));
  return (
    <div style={{ minHeight: '100dvh', background: '#f5f5f5' }}>
      <main style={{ padding: '12px 12px 88px' }}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <nav
        aria-label="主导航"
        style={{
          position: 'fixed',
          insetInline: 0,
          bottom: 0,
          display: 'grid',
          gridTemplateColumns: `repeat(${bar.length}, 1fr)`,
          background: '#fff',
          borderTop: '1px solid #f0f0f0',
          paddingBottom: 'env(safe-area-inset-bottom)',
          zIndex: 100,
        }}
      >
        {bar.map((b) => (
          <Link
            key={b.key}
            to={b.path}
            aria-current={current === b.key ? 'page' : undefined}
            data-testid={`bar-${b.key}`}
            style={{
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              minHeight: 56,
              fontSize: 12,
              color: current === b.key ? '#0958d9' : '#595959',
            }}
          >
            <span style={{ fontSize: 20 }} aria-hidden>
              {b.icon}
            </span>
            {b.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}

function DesktopShell() {
  const session = useSession();
  const { pathname } = useLocation();
  const menu = visibleMenu(session);
  const current = activeKey(pathname, menu.map((m) => m.key));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" breakpoint="lg" collapsedWidth={64} style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: 20 }}>
          <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
            职责 CRM
          </Typography.Text>
        </div>
        <nav aria-label="主导航">
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={menu.map((m) => ({ key: m.key, icon: m.icon, label: <Link to={m.path}>{m.label}</Link> }))}
            style={{ borderInlineEnd: 0 }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', paddingInline: 24, display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }}>
          <Dropdown
            menu={{
              items: [
                { key: 'me', label: <Link to="/me">我的</Link> },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void session.signOut() },
              ],
            }}
          >
            <Button type="text" data-testid="user-menu">
              {session.me.user.displayName}（{session.me.user.roleName}）
            </Button>
          </Dropdown>
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

/** Desktop: side menu and tables (内勤, 经理). Phone: bottom bar and cards (专员, 业务员). */
export function Shell() {
  return useIsPhone() ? <PhoneShell /> : <DesktopShell />;
}

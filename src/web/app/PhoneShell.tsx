import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { useSession } from '../lib/session';
import { activeKey, ME_ENTRY, PHONE_BAR_KEYS, visibleMenu } from './menu';

/** Phone: the page and a bottom bar (待办, 客户, 拜访记录, 我的) — thumb-reachable, ≥ 56 px high. */
export default function PhoneShell() {
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


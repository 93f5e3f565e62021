import { lazy, Suspense } from 'react';
import { Loading } from '../components/Loading';
import { useIsPhone } from '../lib/responsive';

// Each layout is its own chunk: a phone never loads the side menu.
const loadPhone = () => import('./PhoneShell');
const loadDesktop = () => import('./DesktopShell');
const PhoneShell = lazy(loadPhone);
const DesktopShell = lazy(loadDesktop);

/** Starts loading the layout this screen will use. */
export function preloadShell(isPhone: boolean): void {
  void (isPhone ? loadPhone() : loadDesktop());
}

/** Desktop: side menu and tables (内勤, 经理). Phone: bottom bar and cards (专员, 业务员). */
export function Shell() {
  return <Suspense fallback={<Loading />}>{useIsPhone() ? <PhoneShell /> : <DesktopShell />}</Suspense>;
}
